import type { Area } from '../area.ts';
import { tagHandlers } from './handlers.ts';

// The tags and customer_tags tables are counted by the customers area, which creates them as
// customers are tagged; this area changes them across customers.
export const tagsArea: Area = { name: 'tags', handlers: tagHandlers, countedTables: [] };
