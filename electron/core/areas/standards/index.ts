import type { Area } from '../area.ts';
import { standardsHandlers } from './handlers.ts';

// service_standards holds four fixed rows (one per grade) and calendar_days a few corrections:
// settings of the shop, not users' data to count.
export const standardsArea: Area = { name: 'standards', handlers: standardsHandlers, countedTables: [] };
