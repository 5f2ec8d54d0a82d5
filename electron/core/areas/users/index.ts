import type { Area } from '../area.ts';
import { userHandlers } from './handlers.ts';

export const usersArea: Area = { name: 'users', handlers: userHandlers, countedTables: ['users'] };
