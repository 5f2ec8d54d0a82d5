import type { Migration } from '../../../db/migrations/migration.ts';

/**
 * Tags management: a colour per tag (a name from shared/api/tags.ts TAG_COLORS, or none) and a
 * version, so a rename, colour or delete made from a stale screen is a CONFLICT, not a silent
 * overwrite. No CHECK on the colour: the palette may grow without a migration; the contract
 * validates it.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'tag-colours',
  up: (db) => {
    db.exec(`
      ALTER TABLE tags ADD COLUMN color TEXT;
      ALTER TABLE tags ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    `);
  },
};
