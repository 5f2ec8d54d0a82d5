import type { Area } from '../area.ts';
import { searchHandlers } from './handlers.ts';

export const searchArea: Area = { name: 'search', handlers: searchHandlers, countedTables: [] };
