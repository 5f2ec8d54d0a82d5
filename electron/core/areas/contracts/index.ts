import type { Area } from '../area.ts';
import { contractHandlers } from './handlers.ts';

export const contractsArea: Area = { name: 'contracts', handlers: contractHandlers, countedTables: ['contracts', 'contract_events'] };
