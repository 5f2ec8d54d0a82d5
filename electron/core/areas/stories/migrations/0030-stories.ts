import type { Migration } from '../../../db/migrations/migration.ts';

/** Issue 14: the stories area's tables (filled in by the area's own work; an empty step keeps the version numbers contiguous). */
export const migration0030: Migration = {
  version: 30,
  name: 'stories',
  up: () => {},
};
