import type { Area } from '../area.ts';
import { careHandlers } from './handlers.ts';

export const careArea: Area = { name: 'care', handlers: careHandlers, countedTables: ['care_notes'] };
