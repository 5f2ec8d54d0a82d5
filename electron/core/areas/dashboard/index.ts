import type { Area } from '../area.ts';
import { dashboardHandlers } from './handlers.ts';

/** Reads only (and logs its exports): the figures come from other areas' tables, so it keeps none of its own. */
export const dashboardArea: Area = { name: 'dashboard', handlers: dashboardHandlers, countedTables: [] };
