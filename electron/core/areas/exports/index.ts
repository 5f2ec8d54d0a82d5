import type { Area } from '../area.ts';
import { exportHandlers } from './handlers.ts';

export const exportsArea: Area = { name: 'exports', handlers: exportHandlers, countedTables: [] };
