import type { Area } from '../area.ts';
import { storiesHandlers } from './handlers.ts';

export const storiesArea: Area = { name: 'stories', handlers: storiesHandlers, countedTables: ['stories'] };
