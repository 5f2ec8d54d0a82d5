import type { Migration } from '../../../db/migrations/migration.ts';

/** Issue 14: the competitors area's tables (filled in by the area's own work; an empty step keeps the version numbers contiguous). */
export const migration0027: Migration = {
  version: 27,
  name: 'competitors',
  up: () => {},
};
