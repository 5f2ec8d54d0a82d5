import type { Area } from '../area.ts';
import { auditHandlers } from './handlers.ts';

export const auditArea: Area = { name: 'audit', handlers: auditHandlers, countedTables: [] };
