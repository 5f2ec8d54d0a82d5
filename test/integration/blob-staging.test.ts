// How the blob store stages a file (electron/core/files/blob-store.ts over db/sqlite/blob-chunks.ts):
// the chunk writes commit without waiting for the disk (synchronous=NORMAL, a larger WAL checkpoint
// threshold), the transaction that makes the blob real commits at the connection's own FULL, the
// connection gets its settings back after every write (failed or not), and a crash between the
// chunks and that last transaction leaves nothing anybody can see, which the sweep removes.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../electron/core/db/database.ts';
import { engine, type DatabaseLocation } from '../../electron/core/db/engine.ts';
import { withRawConnection } from '../../electron/core/db/sqlite/dialect.ts';
import { blobById, blobBySha256, CHUNK_BYTES, CHUNKS_PER_WRITE, storeBlob, sweepBlobs } from '../../electron/core/files/blob-store.ts';

const NOW = 1_780_000_000_000; // a fixed clock: nothing here depends on today
const DAY = 24 * 60 * 60 * 1000;
const FULL = 2; // PRAGMA synchronous's number for FULL (NORMAL is 1)

async function* inPieces(bytes: Buffer, piece = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += piece) yield bytes.subarray(at, at + piece);
}

/** The connection's settings that a chunk write changes and must give back. */
function settings(db: Db) {
  return withRawConnection(db, (sqlite) => ({
    synchronous: sqlite.pragma('synchronous', { simple: true }),
    walAutocheckpoint: sqlite.pragma('wal_autocheckpoint', { simple: true }),
    cacheSize: sqlite.pragma('cache_size', { simple: true }),
  }));
}

describe('staging a blob', () => {
  let dir: string;
  let location: DatabaseLocation;
  let db: Db;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'clientele-blob-staging-'));
    location = { file: join(dir, 'clientele.db'), keyHex: randomBytes(32).toString('hex') };
    db = engine.open(location, { create: true });
  });
  afterEach(() => {
    engine.close(db);
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the chunks without waiting for the disk and makes the blob real at FULL; the connection gets FULL back', async () => {
    const before = await settings(db);
    expect(before.synchronous).toBe(FULL);
    // Temporary triggers on this connection note the durability each write commits with.
    await withRawConnection(db, (sqlite) =>
      sqlite.exec(`
        CREATE TEMP TABLE seen (what TEXT, synchronous INTEGER);
        CREATE TEMP TRIGGER chunk_seen AFTER INSERT ON main.blob_chunks BEGIN
          INSERT INTO seen SELECT 'chunk', synchronous FROM pragma_synchronous;
        END;
        CREATE TEMP TRIGGER blob_seen AFTER UPDATE OF sha256 ON main.blobs BEGIN
          INSERT INTO seen SELECT 'blob', synchronous FROM pragma_synchronous;
        END;`),
    );
    const bytes = randomBytes(CHUNKS_PER_WRITE * CHUNK_BYTES + 1000); // two groups of chunks
    const blob = await storeBlob(db, inPieces(bytes), { maxBytes: bytes.length, now: NOW, keep: async () => {} });
    expect(blob.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));

    const seen = await withRawConnection(db, (sqlite) => sqlite.prepare('SELECT what, synchronous FROM seen').all() as { what: string; synchronous: number }[]);
    const chunks = seen.filter((row) => row.what === 'chunk');
    expect(chunks).toHaveLength(CHUNKS_PER_WRITE + 1);
    expect(new Set(chunks.map((row) => row.synchronous))).toEqual(new Set([1])); // NORMAL
    expect(seen.filter((row) => row.what === 'blob')).toEqual([{ what: 'blob', synchronous: FULL }]);
    expect(await settings(db)).toEqual(before);
  });

  it('gives the connection its settings back when a chunk write fails, and keeps nothing of the file', async () => {
    const before = await settings(db);
    // The second group of chunks fails in its transaction (as a full disk would).
    await withRawConnection(db, (sqlite) =>
      sqlite.exec(`CREATE TEMP TRIGGER disk_full BEFORE INSERT ON main.blob_chunks WHEN NEW.seq >= ${CHUNKS_PER_WRITE} BEGIN SELECT RAISE(ABORT, 'disk full'); END;`),
    );
    const bytes = randomBytes(CHUNKS_PER_WRITE * CHUNK_BYTES + 1000);
    await expect(storeBlob(db, inPieces(bytes), { maxBytes: bytes.length, now: NOW, keep: async () => {} })).rejects.toThrow('disk full');
    expect(await settings(db)).toEqual(before);
    // Later writes of the connection commit at FULL again.
    const after = await withRawConnection(db, (sqlite) => sqlite.pragma('synchronous', { simple: true }));
    expect(after).toBe(FULL);
    expect(await engine.countRows(db, 'blobs')).toBe(0);
    expect(await engine.countRows(db, 'blob_chunks')).toBe(0);
  });

  it('a crash after the chunks and before the final transaction leaves no blob anybody sees; the sweep removes its rows', async () => {
    const bytes = randomBytes(2 * CHUNK_BYTES);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    // What storeBlob has done when the process dies: the blob begun, its chunks committed.
    const begun = await db.insertInto('blobs').values({ sha256: null, size: 0, type: 'application/octet-stream', created_at: NOW }).returning('id').executeTakeFirstOrThrow();
    await engine.blobChunks.write(db, begun.id, 0, [bytes.subarray(0, CHUNK_BYTES), bytes.subarray(CHUNK_BYTES)]);
    engine.close(db); // the process ends here: no final transaction
    db = engine.open(location);

    expect(await blobById(db, begun.id)).toBeUndefined();
    expect(await blobBySha256(db, sha256)).toBeUndefined();
    expect(await sweepBlobs(db, NOW + DAY - 1)).toBe(0); // it may still be coming in
    expect(await sweepBlobs(db, NOW + DAY + 1)).toBe(1);
    expect(await engine.countRows(db, 'blobs')).toBe(0);
    expect(await engine.countRows(db, 'blob_chunks')).toBe(0);

    // The same content staged again is stored whole.
    const blob = await storeBlob(db, inPieces(bytes), { maxBytes: bytes.length, now: NOW + DAY + 2, keep: async () => {} });
    expect(blob).toMatchObject({ sha256, size: bytes.length });
  });
});
