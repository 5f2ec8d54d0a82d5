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
 * The WAL's automatic checkpoint threshold while chunks are written, in pages (64 MiB at SQLite's
 * 4 KiB pages). At SQLite's default, 1000 pages, a large file met a checkpoint every 4 MB, each
 * copying the log into the database and waiting for the disk twice: half the time of a 100 MB
 * upload. Fewer, larger checkpoints copy the same pages with a tenth of the waits. The bound keeps
 * the log (and what the next commit of another call may have to checkpoint) at 64 MiB.
 */
const STAGING_AUTOCHECKPOINT_PAGES = 16384;

/**
 * Runs `work` (one whole transaction of chunks) with synchronous=NORMAL, so that in WAL mode its
 * COMMIT appends to the log without waiting for the disk, and with the larger checkpoint threshold
 * above. The connection's own settings (FULL, open.ts; SQLite's 1000 pages) come back before
 * anybody else gets the connection, even when the write fails. Pragmas cannot change inside a
 * transaction, hence around it.
 */
function asStagingNow<T>(sqlite: SqliteDatabase, work: () => T): T {
  const level = sqlite.pragma('synchronous', { simple: true }) as number; // 0-3, an integer pragma
  const autocheckpoint = sqlite.pragma('wal_autocheckpoint', { simple: true }) as number; // an integer pragma
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma(`wal_autocheckpoint = ${STAGING_AUTOCHECKPOINT_PAGES}`);
  try {
    return work();
  } finally {
    sqlite.pragma(`wal_autocheckpoint = ${Math.trunc(autocheckpoint)}`);
    sqlite.pragma(`synchronous = ${Math.trunc(level)}`);
  }
}

/**
 * Stores consecutive chunks (`firstSeq`, `firstSeq + 1`, ...) in one short transaction of their
 * own, not one spanning the whole file: other calls go on between the groups of a large upload.
 * The chunks of a blob being staged need no durability of their own (the blob is not real until
 * the caller's final transaction sets its hash), so their commit does not wait for the disk: the
 * final transaction's commit, at the connection's FULL, syncs the log up to its own frames, and
 * with them every chunk written before (a checkpoint syncs the log before copying it, too). A
 * crash before that commit leaves at most an unfinished blob, which sweepBlobs removes. SQLite
 * copies the bytes, so the caller may reuse them.
 */
export function writeChunks(db: Db, blobId: number, firstSeq: number, chunks: readonly Uint8Array[]): Promise<void> {
  return withRawConnection(db, (sqlite) => {
    const { insert } = prepared(sqlite);
    withSmallCacheNow(sqlite, () => asStagingNow(sqlite, () => sqlite.transaction(() => chunks.forEach((data, i) => insert.run(blobId, firstSeq + i, data)))()));
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
