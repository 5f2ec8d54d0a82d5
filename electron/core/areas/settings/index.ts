import type { Area } from '../area.ts';
import { settingsHandlers } from './handlers.ts';

export const settingsArea: Area = { name: 'settings', handlers: settingsHandlers, countedTables: [] };
