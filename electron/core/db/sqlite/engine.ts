// The SQLite implementation of the engine (../engine.ts): SQLite3 Multiple Ciphers through
// better-sqlite3, one connection per open database, lent to one holder at a time (./dialect.ts).
import { sql } from 'kysely';
import type { Engine } from '../engine.ts';
import { migrate, schemaVersionOf } from '../migrations/index.ts';
import { closeDatabase, kyselyOver, withRawConnection } from './dialect.ts';
import { withFileLock } from './file-lock.ts';
import { removeDatabaseFiles } from './files.ts';
import { CIPHER, integrityProblems, openEncrypted } from './open.ts';
import { readChunk, withSmallPageCache, writeChunks } from './blob-chunks.ts';
import { rekeyedCopy } from './rekey.ts';
import { snapshotOf } from './snapshot.ts';
import { sqliteSearchIndex } from './search-index.ts';
import { bulkLoad } from './bulk.ts';

export const sqliteEngine: Engine = {
  cipher: CIPHER,

  open(location, options = {}) {
    const sqlite = openEncrypted(location.file, location.keyHex, { create: options.create });
    try {
      if (options.migrate !== false) migrate(sqlite);
    } catch (error) {
      sqlite.close();
      throw error;
    }
    return kyselyOver(sqlite);
  },

  close: closeDatabase,

  databaseFiles: (file) => [file, `${file}-wal`, `${file}-shm`],

  removeDatabaseFiles,

  schemaVersion: (db) => withRawConnection(db, schemaVersionOf),

  async highestIdGiven(db, table) {
    const { rows } = await sql<{ seq: number }>`SELECT seq FROM sqlite_sequence WHERE name = ${table}`.execute(db);
    return rows[0]?.seq ?? 0;
  },

  async countRows(db, table) {
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db);
    return rows[0]?.n ?? 0;
  },

  checkIntegrity: (db, options = {}) =>
    withRawConnection(db, (sqlite) => {
      const problems = integrityProblems(sqlite, options);
      // The FTS5 indexes compare themselves with their content on request: like an index, not in a quick check.
      if (options.quick) return problems;
      const fts = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'").pluck().all() as string[];
      for (const table of fts) {
        const name = `"${table.replace(/"/g, '""')}"`;
        try {
          sqlite.prepare(`INSERT INTO ${name}(${name}, rank) VALUES ('integrity-check', 0)`).run();
        } catch (error) {
          problems.push(`${table}: ${(error as Error).message}`);
        }
      }
      return problems;
    }),

  snapshot: snapshotOf,

  rekeyedCopy,

  blobChunks: { write: writeChunks, read: readChunk, withSmallPageCache },

  withFileLock,

  search: sqliteSearchIndex,

  bulkLoad,
};
