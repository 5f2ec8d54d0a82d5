import type { Area } from '../area.ts';
import { recordHandlers } from './handlers.ts';

export const recordsArea: Area = { name: 'records', handlers: recordHandlers, countedTables: ['records', 'record_participants'] };
