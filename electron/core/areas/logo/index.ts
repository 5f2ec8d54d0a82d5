import type { Area } from '../area.ts';
import { logoHandlers } from './handlers.ts';

export const logoArea: Area = { name: 'logo', handlers: logoHandlers, countedTables: [] };
