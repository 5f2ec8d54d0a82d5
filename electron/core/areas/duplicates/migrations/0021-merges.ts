import type { Migration } from '../../../db/migrations/migration.ts';

/**
 * Duplicates and merge (areas/duplicates).
 *
 * - customers.merged_into: the customer this one was merged into; such a customer also has
 *   deleted_at set, and is in no list, search or recycle bin (never purged while its merge can be
 *   undone). No foreign key: purging the kept customer later must not be blocked by it.
 * - customer_merges: one row per merge, with what undo needs: the kept customer's replaced values
 *   and the values the merge set (an edit since in one of those fields refuses the undo), its
 *   last_contact_at before, and the moved counts.
 * - customer_merge_moves: exactly which rows moved (table, row id; inbox marks, which have no id,
 *   by their key), and what else changed on them (a contact's position), so undo moves those back.
 * - duplicate_dismissals: pairs the shop said are not duplicates (lower id first).
 * - duplicate_name_keys: each customer's name key and toneless pinyin, kept for the name they were
 *   computed from: a derived cache the finder refreshes for names that changed (pinyin of 100,000
 *   names costs about 1.5 s).
 */
export const migration0021: Migration = {
  version: 21,
  name: 'customer merges',
  up: (db) => {
    db.exec(`
      ALTER TABLE customers ADD COLUMN merged_into INTEGER;

      CREATE TABLE customer_merges (
        id INTEGER PRIMARY KEY,
        kept_id INTEGER NOT NULL,
        merged_id INTEGER NOT NULL,
        at INTEGER NOT NULL,
        by_user INTEGER REFERENCES users (id),
        kept_before TEXT NOT NULL,
        kept_after TEXT NOT NULL,
        last_contact_before INTEGER NOT NULL,
        moved TEXT NOT NULL,
        undone_at INTEGER,
        undone_by INTEGER REFERENCES users (id)
      ) STRICT;
      CREATE INDEX customer_merges_kept ON customer_merges (kept_id, at, id);
      CREATE INDEX customer_merges_merged ON customer_merges (merged_id);

      CREATE TABLE customer_merge_moves (
        merge_id INTEGER NOT NULL REFERENCES customer_merges (id) ON DELETE CASCADE,
        table_name TEXT NOT NULL,
        row_id INTEGER NOT NULL,
        row_key TEXT NOT NULL DEFAULT '',
        before TEXT,
        PRIMARY KEY (merge_id, table_name, row_id, row_key)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE duplicate_dismissals (
        low_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        high_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        by_user INTEGER REFERENCES users (id),
        PRIMARY KEY (low_id, high_id),
        CHECK (low_id < high_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX duplicate_dismissals_high ON duplicate_dismissals (high_id);

      CREATE TABLE duplicate_name_keys (
        customer_id INTEGER PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        pinyin_key TEXT NOT NULL
      ) STRICT;
    `);
  },
};
