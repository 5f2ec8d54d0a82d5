import type { Area } from '../area.ts';
import { importsHandlers } from './handlers.ts';

export const importsArea: Area = { name: 'imports', handlers: importsHandlers, countedTables: [] };
