import type { Migration } from '../../../db/migrations/migration.ts';

/** Issue 14: the needs area's tables (filled in by the area's own work; an empty step keeps the version numbers contiguous). */
export const migration0026: Migration = {
  version: 26,
  name: 'needs',
  up: () => {},
};
