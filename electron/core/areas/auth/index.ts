import type { Area } from '../area.ts';
import { authHandlers } from './handlers.ts';

export const authArea: Area = { name: 'auth', handlers: authHandlers, countedTables: [] };
