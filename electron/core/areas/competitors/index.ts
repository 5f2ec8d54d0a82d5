import type { Area } from '../area.ts';
import { competitorHandlers } from './handlers.ts';

export const competitorsArea: Area = { name: 'competitors', handlers: competitorHandlers, countedTables: ['competitors', 'competitor_presence'] };
