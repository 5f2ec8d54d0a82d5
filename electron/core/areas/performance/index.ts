import type { Area } from '../area.ts';
import { performanceHandlers } from './handlers.ts';

/** Reads only: the figures come from other areas' tables (no table, no migration of its own). */
export const performanceArea: Area = { name: 'performance', handlers: performanceHandlers, countedTables: [] };
