import type { Area } from '../area.ts';
import { attachmentsHandlers } from './handlers.ts';

export const attachmentsArea: Area = { name: 'attachments', handlers: attachmentsHandlers, countedTables: ['attachments'] };
