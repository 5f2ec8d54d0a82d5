import type { Area } from '../area.ts';
import { systemHandlers } from './handlers.ts';

export const systemArea: Area = { name: 'system', handlers: systemHandlers, countedTables: [] };
