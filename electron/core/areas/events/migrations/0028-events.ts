import type { Migration } from '../../../db/migrations/migration.ts';

/** Issue 14: the events area's tables (filled in by the area's own work; an empty step keeps the version numbers contiguous). */
export const migration0028: Migration = {
  version: 28,
  name: 'events',
  up: () => {},
};
