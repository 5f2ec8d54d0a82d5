import type { Area } from '../area.ts';
import { backupHandlers } from './handlers.ts';

export const backupArea: Area = { name: 'backup', handlers: backupHandlers, countedTables: [] };
