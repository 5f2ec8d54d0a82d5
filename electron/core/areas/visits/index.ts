import type { Area } from '../area.ts';
import { visitHandlers } from './handlers.ts';

export const visitsArea: Area = { name: 'visits', handlers: visitHandlers, countedTables: ['visits'] };
