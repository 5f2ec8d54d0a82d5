import type { Area } from '../area.ts';
import { salesHandlers } from './handlers.ts';

export const salesArea: Area = { name: 'sales', handlers: salesHandlers, countedTables: ['catalogue_items', 'sales', 'sale_lines'] };
