import type { Migration } from '../../../db/migrations/migration.ts';

/**
 * What the shop did with an item of the Today inbox (今日; areas/today): snoozed to a day, or marked
 * done. An item is (kind, ref_id) at one `occurrence` (its due day, deadline day or occasion day, as
 * YYYY-MM-DD): a mark hides that occurrence only, so next year's birthday or the next return visit
 * shows again. Marks are the shop's, not one person's: a birthday greeted by one is greeted.
 */
export const migration0017: Migration = {
  version: 17,
  name: 'inbox marks',
  up: (db) => {
    db.exec(`
      CREATE TABLE inbox_marks (
        kind TEXT NOT NULL,
        ref_id INTEGER NOT NULL,
        occurrence TEXT NOT NULL,
        snoozed_until TEXT,
        done_at INTEGER,
        by_user INTEGER REFERENCES users (id),
        at INTEGER NOT NULL,
        PRIMARY KEY (kind, ref_id, occurrence)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
