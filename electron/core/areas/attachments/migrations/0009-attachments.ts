import type { Migration } from '../../../db/migrations/migration.ts';

/**
 * Files attached to customers and contracts (later service records): each row holds its blob as
 * 'attachment:<id>' in blob_refs (files/blob-store.ts), so the same content attached twice is
 * stored once and goes with its last holder. The customer a file belongs to (for scope and for the
 * customer's recycle bin) is found through its owner: the customer itself, or a contract's
 * customer as the contract says now. A copy of it here would go stale when a contract moves to
 * another customer. Size and type are the blob's, copied for lists.
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
      -- An owner's files newest first, its recycle bin, and a customer's or contract's files on purge.
      CREATE INDEX attachments_owner ON attachments (owner_kind, owner_id, created_at);
      -- Which files a damaged blob belongs to (attachments verify).
      CREATE INDEX attachments_blob ON attachments (blob_id);
    `);
  },
};
