import type { Area } from '../area.ts';
import { timelineHandlers } from './handlers.ts';

/** Reads the tables of other areas; keeps none of its own. */
export const timelineArea: Area = { name: 'timeline', handlers: timelineHandlers, countedTables: [] };
