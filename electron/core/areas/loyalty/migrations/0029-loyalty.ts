import type { Migration } from '../../../db/migrations/migration.ts';

/** Issue 14: the loyalty area's tables (filled in by the area's own work; an empty step keeps the version numbers contiguous). */
export const migration0029: Migration = {
  version: 29,
  name: 'loyalty',
  up: () => {},
};
