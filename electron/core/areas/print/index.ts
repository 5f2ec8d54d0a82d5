import type { Area } from '../area.ts';
import { printHandlers } from './handlers.ts';

/** Printed documents: reads only (and their audit entries); no tables of its own. */
export const printArea: Area = { name: 'print', handlers: printHandlers, countedTables: [] };
