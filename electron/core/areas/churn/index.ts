import type { Area } from '../area.ts';
import { churnHandlers } from './handlers.ts';

export const churnArea: Area = { name: 'churn', handlers: churnHandlers, countedTables: ['churn_dismissals'] };
