import type { Area } from '../area.ts';
import { gradingHandlers } from './handlers.ts';

export const gradingArea: Area = { name: 'grading', handlers: gradingHandlers, countedTables: ['grading_proposals', 'grading_proposal_items'] };
