import type { Migration } from '../../../db/migrations/migration.ts';

/** Issue 14: the holidays area's tables (filled in by the area's own work; an empty step keeps the version numbers contiguous). */
export const migration0031: Migration = {
  version: 31,
  name: 'holidays',
  up: () => {},
};
