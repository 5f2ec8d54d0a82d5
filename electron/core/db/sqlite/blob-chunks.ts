// SQLite-only: the chunk I/O of the blob store (electron/core/files/blob-store.ts), with the page
// cache kept small while it runs. Every connection gets a 64 MB page cache (open.ts), and the pages
// of a file's chunks would fill it: streaming a 200 MB file would leave 64 MB of its pages in the
// process. So each chunk is read or written with the cache cut to CHUNK_CACHE_KIB (which drops the
// surplus pages) and given back its size afterwards; the customer pages reload from disk on demand.
// A PostgreSQL twin reads and writes bytea rows and needs none of this.
import { sql } from 'kysely';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../database.ts';
import type { SqliteDatabase } from './open.ts';
import { withRawConnection } from './dialect.ts';

/** The page cache while chunks pass: a few chunks' worth. */
const CHUNK_CACHE_KIB = 2048;

type Statements = {
  insert: Database.Statement<[number, number, Uint8Array], unknown>;
  select: Database.Statement<[number, number], { data: Buffer }>;
};
const statements = new WeakMap<SqliteDatabase, Statements>();

function prepared(sqlite: SqliteDatabase): Statements {
  let found = statements.get(sqlite);
  if (!found) {
    found = {
      insert: sqlite.prepare('INSERT INTO blob_chunks (blob_id, seq, data) VALUES (?, ?, ?)'),
      select: sqlite.prepare('SELECT data FROM blob_chunks WHERE blob_id = ? AND seq = ?'),
    };
    statements.set(sqlite, found);
  }
  return found;
}

function withSmallCacheNow<T>(sqlite: SqliteDatabase, work: () => T): T {
  const size = sqlite.pragma('cache_size', { simple: true }) as number; // an integer pragma
  sqlite.pragma(`cache_size = -${CHUNK_CACHE_KIB}`);
  try {
    return work();
  } finally {
    sqlite.pragma(`cache_size = ${Math.trunc(size)}`);
  }
}

/**
 * Stores consecutive chunks (`firstSeq`, `firstSeq + 1`, ...) in one short transaction of their
 * own, not one spanning the whole file: other calls go on between the groups of a large upload,
 * and a group costs one commit (one sync of the log) instead of one per chunk. SQLite copies the
 * bytes, so the caller may reuse them.
 */
export function writeChunks(db: Db, blobId: number, firstSeq: number, chunks: readonly Uint8Array[]): Promise<void> {
  return withRawConnection(db, (sqlite) => {
    const { insert } = prepared(sqlite);
    withSmallCacheNow(sqlite, () => sqlite.transaction(() => chunks.forEach((data, i) => insert.run(blobId, firstSeq + i, data)))());
  });
}

/** One chunk, or undefined when it is missing. */
export function readChunk(db: Db, blobId: number, seq: number): Promise<Uint8Array | undefined> {
  return withRawConnection(db, (sqlite) => withSmallCacheNow(sqlite, () => prepared(sqlite).select.get(blobId, seq)?.data));
}

/**
 * Runs `work` (deleting a blob's chunks, inside the transaction that drops its last holder) with
 * the small page cache: SQLite reads every overflow page of a row it deletes.
 */
export async function withSmallPageCache<T>(tx: Db, work: () => Promise<T>): Promise<T> {
  const rows = (await sql<{ cache_size: number }>`PRAGMA cache_size`.execute(tx)).rows;
  const size = Math.trunc(rows[0]?.cache_size ?? -65536);
  await sql.raw(`PRAGMA cache_size = -${CHUNK_CACHE_KIB}`).execute(tx);
  try {
    return await work();
  } finally {
    await sql.raw(`PRAGMA cache_size = ${size}`).execute(tx);
  }
}
