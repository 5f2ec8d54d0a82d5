import type { Migration } from '../../../db/migrations/migration.ts';

/**
 * Sales join the import (issue 13): a batch and a saved mapping may be of kind 'sales', and a sales
 * batch remembers each sale it created with the version it left (import_batch_sales), so undo can
 * tell whether anyone edited or deleted it since. SQLite cannot change a CHECK in place: the three
 * import tables are rebuilt with their rows, child before parent (foreign keys stay on during a
 * migration), and the new batches table takes the old name, which its children's references follow.
 */
export const migration0025: Migration = {
  version: 25,
  name: 'import-sales',
  up: (db) => {
    db.exec(`
      CREATE TABLE import_batches_new (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('customers', 'contacts', 'sales')),
        file_name TEXT NOT NULL,
        file_sha256 TEXT NOT NULL,
        layout TEXT NOT NULL,
        options TEXT NOT NULL,
        created INTEGER NOT NULL,
        updated INTEGER NOT NULL,
        skipped INTEGER NOT NULL,
        errors INTEGER NOT NULL,
        created_by INTEGER NOT NULL REFERENCES users (id),
        created_at INTEGER NOT NULL,
        undone_at INTEGER,
        undone_by INTEGER REFERENCES users (id)
      ) STRICT;
      INSERT INTO import_batches_new SELECT id, kind, file_name, file_sha256, layout, options, created, updated, skipped, errors, created_by, created_at, undone_at, undone_by FROM import_batches;

      CREATE TABLE import_batch_items_new (
        id INTEGER PRIMARY KEY,
        batch_id INTEGER NOT NULL REFERENCES import_batches_new (id),
        customer_id INTEGER NOT NULL,
        contact_id INTEGER,
        action TEXT NOT NULL CHECK (action IN ('create', 'update')),
        old_values TEXT,
        left_version INTEGER NOT NULL,
        left_updated_at INTEGER NOT NULL
      ) STRICT;
      INSERT INTO import_batch_items_new SELECT id, batch_id, customer_id, contact_id, action, old_values, left_version, left_updated_at FROM import_batch_items;
      DROP TABLE import_batch_items;
      DROP TABLE import_batches;
      ALTER TABLE import_batches_new RENAME TO import_batches;
      ALTER TABLE import_batch_items_new RENAME TO import_batch_items;
      CREATE INDEX import_batches_newest ON import_batches (created_at DESC, id DESC);
      CREATE INDEX import_batch_items_batch ON import_batch_items (batch_id, customer_id);
      CREATE INDEX import_batch_items_customer ON import_batch_items (customer_id);

      CREATE TABLE import_mappings_new (
        layout TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('customers', 'contacts', 'sales')),
        mapping TEXT NOT NULL,
        saved_by INTEGER REFERENCES users (id),
        saved_at INTEGER NOT NULL
      ) STRICT;
      INSERT INTO import_mappings_new SELECT layout, kind, mapping, saved_by, saved_at FROM import_mappings;
      DROP TABLE import_mappings;
      ALTER TABLE import_mappings_new RENAME TO import_mappings;

      -- A sale a sales import created, and the version it left (no foreign key: undo removes the sale).
      CREATE TABLE import_batch_sales (
        batch_id INTEGER NOT NULL REFERENCES import_batches (id),
        sale_id INTEGER NOT NULL,
        left_version INTEGER NOT NULL,
        PRIMARY KEY (batch_id, sale_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
