import type { Area } from '../area.ts';
import { jobsHandlers } from './handlers.ts';

export const jobsArea: Area = { name: 'jobs', handlers: jobsHandlers, countedTables: [] };
