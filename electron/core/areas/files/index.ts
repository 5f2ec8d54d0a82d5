import type { Area } from '../area.ts';
import { filesHandlers } from './handlers.ts';

/** Files through every door (electron/core/files/): the blob store is counted here. */
export const filesArea: Area = { name: 'files', handlers: filesHandlers, countedTables: ['blobs'] };
