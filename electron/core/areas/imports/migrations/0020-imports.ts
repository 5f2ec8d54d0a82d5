import type { Migration } from '../../../db/migrations/migration.ts';

/**
 * Imports (areas/imports). A batch is one committed run; its items say, per customer it created or
 * changed, what undo needs: the old values (JSON) of an update and the version it left, so undo can
 * tell whether anyone edited the customer since. A mapping is saved per file layout (a hash of the
 * kind and the normalised headers) and offered again. The staging table holds a run's checked rows
 * between its steps (the file is not kept in memory); a run empties its own rows whatever happens.
 */
export const migration0020: Migration = {
  version: 20,
  name: 'imports',
  up: (db) => {
    db.exec(`
      CREATE TABLE import_batches (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('customers', 'contacts')),
        file_name TEXT NOT NULL,
        file_sha256 TEXT NOT NULL,
        layout TEXT NOT NULL,
        -- The choices of the run (mapping, match-on, policies, encoding, sheet) as JSON.
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
      CREATE INDEX import_batches_newest ON import_batches (created_at DESC, id DESC);

      CREATE TABLE import_batch_items (
        id INTEGER PRIMARY KEY,
        batch_id INTEGER NOT NULL REFERENCES import_batches (id),
        -- No foreign key: undoing a create removes the customer, the item stays as history.
        customer_id INTEGER NOT NULL,
        -- A contact the row added (contacts import), else null.
        contact_id INTEGER,
        action TEXT NOT NULL CHECK (action IN ('create', 'update')),
        -- An update: the customer as it was (fields, tags, contacts) as JSON; null for a create.
        old_values TEXT,
        -- The version the run left: anything else at undo time means an edit since.
        left_version INTEGER NOT NULL,
        left_updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX import_batch_items_batch ON import_batch_items (batch_id, customer_id);
      CREATE INDEX import_batch_items_customer ON import_batch_items (customer_id);

      CREATE TABLE import_mappings (
        layout TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('customers', 'contacts')),
        mapping TEXT NOT NULL,
        saved_by INTEGER REFERENCES users (id),
        saved_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE import_staging (
        run TEXT NOT NULL,
        row INTEGER NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('create', 'update', 'skip', 'error')),
        -- The customer an update changes.
        target_id INTEGER,
        -- The checked values (JSON) a create or update writes; the row's errors (JSON) for an error.
        data TEXT NOT NULL,
        -- The row's cells as the file has them (JSON), for the rejected rows' CSV.
        cells TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (run, row)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
