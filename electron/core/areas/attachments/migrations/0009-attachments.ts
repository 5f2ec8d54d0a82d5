import type { Migration } from '../../../db/migrations/migration.ts';

/**
 * Files attached to customers and contracts (later service records): each row holds its blob as
 * 'attachment:<id>' in blob_refs (files/blob-store.ts), so the same content attached twice is
 * stored once and goes with its last holder. `customer_id` is the customer the owner belongs to
 * (the customer itself, a contract's customer), kept so scope and the customer's recycle bin are
 * one indexed condition. Size and type are the blob's, copied for lists.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'attachments',
  up: (db) => {
    db.exec(`
      CREATE TABLE attachments (
        id INTEGER PRIMARY KEY,
        owner_kind TEXT NOT NULL CHECK (owner_kind IN ('customer', 'contract', 'service')),
        owner_id INTEGER NOT NULL,
        customer_id INTEGER NOT NULL REFERENCES customers (id),
        blob_id INTEGER NOT NULL REFERENCES blobs (id),
        -- The name the user sees (cleaned: files/file-names.ts) and their description.
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        size INTEGER NOT NULL,
        type TEXT NOT NULL,
        created_by INTEGER REFERENCES users (id),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        -- Deleted on its own (the owner's recycle bin shows it); an owner in the bin hides it too.
        deleted_at INTEGER,
        version INTEGER NOT NULL DEFAULT 1
      ) STRICT;
      CREATE INDEX attachments_owner ON attachments (owner_kind, owner_id, id);
      CREATE INDEX attachments_customer ON attachments (customer_id);
      CREATE INDEX attachments_blob ON attachments (blob_id);
      CREATE INDEX attachments_deleted ON attachments (deleted_at);
    `);
  },
};
