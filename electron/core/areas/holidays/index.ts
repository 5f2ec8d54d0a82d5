import type { Area } from '../area.ts';
import { holidaysHandlers } from './handlers.ts';

/** Its settings live in `settings` and its greetings in care_notes (counted by care): no table of its own. */
export const holidaysArea: Area = { name: 'holidays', handlers: holidaysHandlers, countedTables: [] };
