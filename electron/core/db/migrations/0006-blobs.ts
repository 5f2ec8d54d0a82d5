import type { Migration } from './migration.ts';

/**
 * Files inside the encrypted database (electron/core/files/blob-store.ts): content-addressed blobs
 * (SHA-256) cut into chunks, so one backup holds every file and no file sits whole in memory; who
 * holds each blob (a blob goes in the transaction that drops its last holder); and files staged
 * through a door for the call that uses them.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'blobs',
  up: (db) => {
    db.exec(`
      CREATE TABLE blobs (
        id INTEGER PRIMARY KEY,
        -- NULL while the chunks are still being written; set (once, unique) when the last one is in.
        sha256 TEXT UNIQUE CHECK (sha256 IS NULL OR length(sha256) = 64),
        size INTEGER NOT NULL DEFAULT 0 CHECK (size >= 0),
        -- Sniffed from the content (never from a name or a header a door passed on).
        type TEXT NOT NULL DEFAULT 'application/octet-stream',
        created_at INTEGER NOT NULL
      ) STRICT;
      -- A rowid table, not WITHOUT ROWID: its rows are large (SQLite keeps big rows out of the key's b-tree).
      CREATE TABLE blob_chunks (
        blob_id INTEGER NOT NULL REFERENCES blobs (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL CHECK (seq >= 0),
        data BLOB NOT NULL,
        PRIMARY KEY (blob_id, seq)
      ) STRICT;
      -- One row per holder ('settings:logo', 'upload:<id>', later 'attachment:<id>').
      CREATE TABLE blob_refs (
        holder TEXT PRIMARY KEY,
        blob_id INTEGER NOT NULL REFERENCES blobs (id)
      ) STRICT;
      CREATE INDEX blob_refs_blob ON blob_refs (blob_id);
      -- A file a door streamed in (or the core read from a path) for one purpose, until the call that
      -- uses it, or until it expires.
      CREATE TABLE file_uploads (
        id TEXT PRIMARY KEY,
        blob_id INTEGER NOT NULL REFERENCES blobs (id),
        purpose TEXT NOT NULL,
        user_id INTEGER NOT NULL REFERENCES users (id),
        name TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX file_uploads_created ON file_uploads (created_at);
    `);
  },
};
