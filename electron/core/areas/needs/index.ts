import type { Area } from '../area.ts';
import { needsHandlers } from './handlers.ts';

export const needsArea: Area = { name: 'needs', handlers: needsHandlers, countedTables: ['needs'] };
