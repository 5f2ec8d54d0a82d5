import type { Area } from '../area.ts';
import { surveyHandlers } from './handlers.ts';

export const surveysArea: Area = { name: 'surveys', handlers: surveyHandlers, countedTables: ['surveys', 'survey_scores'] };
