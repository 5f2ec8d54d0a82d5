import type { Area } from '../area.ts';
import { customerHandlers } from './handlers.ts';

export const customersArea: Area = { name: 'customers', handlers: customerHandlers, countedTables: ['customers', 'contacts', 'tags', 'customer_tags', 'grade_history'] };
