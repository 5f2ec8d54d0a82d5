import type { Area } from '../area.ts';
import { duplicateHandlers } from './handlers.ts';

export const duplicatesArea: Area = { name: 'duplicates', handlers: duplicateHandlers, countedTables: ['customer_merges', 'customer_merge_moves', 'duplicate_dismissals'] };
