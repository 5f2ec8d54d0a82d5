import type { Area } from '../area.ts';
import { complaintHandlers } from './handlers.ts';

export const complaintsArea: Area = { name: 'complaints', handlers: complaintHandlers, countedTables: ['complaints', 'complaint_events'] };
