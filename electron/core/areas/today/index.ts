import type { Area } from '../area.ts';
import { todayHandlers } from './handlers.ts';

export const todayArea: Area = { name: 'today', handlers: todayHandlers, countedTables: ['inbox_marks'] };
