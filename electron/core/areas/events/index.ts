import type { Area } from '../area.ts';
import { eventHandlers } from './handlers.ts';

export const eventsArea: Area = { name: 'events', handlers: eventHandlers, countedTables: ['events', 'event_invitations'] };
