// The blob store: files inside the encrypted database, so one backup holds them all and a file
// becomes visible in one transaction. Blobs are content-addressed (SHA-256) and cut into chunks of
// CHUNK_BYTES; the same content is stored once, however many hold it; a blob goes in the
// transaction that drops its last holder; every read hashes the bytes again and fails CORRUPT on
// a mismatch. Nothing here holds a whole file: bytes move a chunk at a time.
//
// Holders are named by the code that keeps a blob: 'settings:logo', 'upload:<id>', later
// 'attachment:<id>'. Use: storeBlob (with `keep` holding it), holdBlob / releaseBlob in the
// transaction of the change that takes or drops it, readBlob to stream it out.
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { AppFailure } from '../../../shared/errors.ts';
import { transaction, type Db } from '../db/database.ts';
import { engine } from '../db/engine.ts';
import { garbageCounter } from './collect.ts';
import { isPlainText } from './text-type.ts';

const { read: readChunk, write: writeChunks, withSmallPageCache } = engine.blobChunks;

export const CHUNK_BYTES = 256 * 1024;
/**
 * Chunks written per commit while a file comes in (4 MiB): each commit has a fixed cost (one per
 * chunk made uploads slow; 16 rather than 4: 66-71 against 60-66 MB/s for a 100 MB file); a group is
 * still a short write that other calls wait behind, and its buffer is allocated once.
 */
export const CHUNKS_PER_WRITE = 16;
/** What content sniffing looks at (file-type's own minimum for every format it knows). */
const SNIFF_BYTES = 4100;
/** A blob still without its hash this long after it was begun was left by a crash. */
const UNFINISHED_GRACE_MS = 24 * 60 * 60 * 1000;

export type StoredBlob = { id: number; sha256: string; size: number; type: string };

export type StoreOptions = {
  /** Past this many bytes the write stops and fails TOO_LARGE (nothing is kept). */
  maxBytes: number;
  now: number;
  /**
   * Runs in the transaction that finishes the blob: hold it there (holdBlob) or it is swept.
   * May throw (an image that does not decode, say) to keep nothing.
   */
  keep: (tx: Db, blob: StoredBlob) => Promise<void>;
};

/** MIME type from the content alone (text/plain judged by text-type.ts); application/octet-stream when nothing known matches. */
async function sniff(head: Uint8Array): Promise<string> {
  return (await fileTypeFromBuffer(head))?.mime ?? (isPlainText(head) ? 'text/plain' : 'application/octet-stream');
}

/**
 * Writes a stream of chunks into the store. The chunks go in one short write each (other calls
 * go on meanwhile); the blob becomes real in one transaction at the end, where content already
 * stored is found by its hash and this copy dropped.
 */
export async function storeBlob(db: Db, source: AsyncIterable<Uint8Array>, options: StoreOptions): Promise<StoredBlob> {
  const inserted = await db.insertInto('blobs').values({ sha256: null, size: 0, type: 'application/octet-stream', created_at: options.now }).returning('id').executeTakeFirstOrThrow();
  const blobId = inserted.id;
  try {
    const hash = createHash('sha256');
    // One buffer of a group of chunks, refilled: SQLite copies what it stores, so nothing outlives its write.
    const pending = Buffer.allocUnsafe(CHUNK_BYTES * CHUNKS_PER_WRITE);
    const flush = async (length: number) => {
      const chunks = [];
      for (let at = 0; at < length; at += CHUNK_BYTES) chunks.push(pending.subarray(at, Math.min(at + CHUNK_BYTES, length)));
      await writeChunks(db, blobId, seq, chunks);
      seq += chunks.length;
    };
    let filled = 0;
    let size = 0;
    let seq = 0;
    const headParts: Buffer[] = [];
    let headBytes = 0;
    for await (const piece of source) {
      size += piece.byteLength;
      if (size > options.maxBytes) throw new AppFailure('TOO_LARGE', `the file is larger than ${options.maxBytes} bytes`, { limit: options.maxBytes });
      hash.update(piece);
      if (headBytes < SNIFF_BYTES) {
        const part = Buffer.from(piece.subarray(0, SNIFF_BYTES - headBytes)); // a copy: the door may reuse its buffer
        headParts.push(part);
        headBytes += part.length;
      }
      let offset = 0;
      while (offset < piece.byteLength) {
        const taken = Math.min(pending.byteLength - filled, piece.byteLength - offset);
        pending.set(piece.subarray(offset, offset + taken), filled);
        filled += taken;
        offset += taken;
        if (filled === pending.byteLength) {
          await flush(filled);
          filled = 0;
        }
      }
    }
    if (filled > 0) await flush(filled);
    const sha256 = hash.digest('hex');
    const type = await sniff(Buffer.concat(headParts));
    return await transaction(db, async (tx) => {
      const existing = await tx.selectFrom('blobs').select(['id', 'size', 'type']).where('sha256', '=', sha256).executeTakeFirst();
      let blob: StoredBlob;
      if (existing) {
        await withSmallPageCache(tx, () => tx.deleteFrom('blobs').where('id', '=', blobId).execute());
        blob = { id: existing.id, sha256, size: existing.size, type: existing.type };
      } else {
        await tx.updateTable('blobs').set({ sha256, size, type }).where('id', '=', blobId).execute();
        blob = { id: blobId, sha256, size, type };
      }
      await options.keep(tx, blob);
      return blob;
    });
  } catch (error) {
    // The chunks written so far go (the same content may be stored already: only this copy).
    await withSmallPageCache(db, () => db.deleteFrom('blobs').where('id', '=', blobId).where('sha256', 'is', null).execute()).catch(() => undefined);
    throw error;
  }
}

export async function blobById(db: Db, id: number): Promise<StoredBlob | undefined> {
  const row = await db.selectFrom('blobs').select(['id', 'sha256', 'size', 'type']).where('id', '=', id).where('sha256', 'is not', null).executeTakeFirst();
  return row ? { ...row, sha256: row.sha256! } : undefined; // filtered on sha256 just above
}

export async function blobBySha256(db: Db, sha256: string): Promise<StoredBlob | undefined> {
  const row = await db.selectFrom('blobs').select(['id', 'size', 'type']).where('sha256', '=', sha256).executeTakeFirst();
  return row ? { ...row, sha256 } : undefined;
}

/** The blob a holder holds, if any. */
export async function heldBlob(db: Db, holder: string): Promise<StoredBlob | undefined> {
  const ref = await db.selectFrom('blob_refs').select('blob_id').where('holder', '=', holder).executeTakeFirst();
  return ref ? blobById(db, ref.blob_id) : undefined;
}

/** `holder` holds `blobId` from now on (in place of what it held before, which may go). */
export async function holdBlob(tx: Db, blobId: number, holder: string): Promise<void> {
  const before = await tx.selectFrom('blob_refs').select('blob_id').where('holder', '=', holder).executeTakeFirst();
  if (before?.blob_id === blobId) return;
  await tx.insertInto('blob_refs').values({ holder, blob_id: blobId }).onConflict((oc) => oc.column('holder').doUpdateSet({ blob_id: blobId })).execute();
  if (before) await freeIfUnheld(tx, before.blob_id);
}

/** `holder` lets go of its blob; the blob goes with its last holder. True when it held one. */
export async function releaseBlob(tx: Db, holder: string): Promise<boolean> {
  const ref = await tx.deleteFrom('blob_refs').where('holder', '=', holder).returning('blob_id').executeTakeFirst();
  if (!ref) return false;
  await freeIfUnheld(tx, ref.blob_id);
  return true;
}

async function freeIfUnheld(tx: Db, blobId: number): Promise<void> {
  const held = await tx.selectFrom('blob_refs').select('holder').where('blob_id', '=', blobId).limit(1).executeTakeFirst();
  if (held) return;
  await withSmallPageCache(tx, () => tx.deleteFrom('blobs').where('id', '=', blobId).execute());
}

/**
 * The blob's bytes, a chunk at a time, hashed again on the way: a mismatch (or a missing chunk, or
 * a size that does not add up) fails CORRUPT. The last chunk is given only after the hash matched,
 * so a damaged file never arrives whole. `name`, the file's name for the user, is said in the failure.
 */
export async function* readBlob(db: Db, blob: StoredBlob, name?: string): AsyncGenerator<Uint8Array> {
  const what = name === undefined ? `the stored file ${blob.sha256.slice(0, 12)}…` : `the stored file "${name}" (${blob.sha256.slice(0, 12)}…)`;
  const damaged = () => new AppFailure('CORRUPT', `${what} is damaged (its bytes no longer match their SHA-256)`, name === undefined ? { reason: 'blob' } : { reason: 'blob', name });
  const hash = createHash('sha256');
  const chunks = Math.ceil(blob.size / CHUNK_BYTES);
  let held: Uint8Array | null = null;
  const moved = garbageCounter(); // each chunk read is a new buffer
  for (let seq = 0; seq < chunks; seq++) {
    const data = await readChunk(db, blob.id, seq);
    moved(data?.byteLength ?? 0);
    const expected = seq < chunks - 1 ? CHUNK_BYTES : blob.size - seq * CHUNK_BYTES;
    if (!data || data.byteLength !== expected) throw damaged();
    hash.update(data);
    if (held) yield held;
    held = data;
  }
  if ((await readChunk(db, blob.id, chunks)) !== undefined || hash.digest('hex') !== blob.sha256) throw damaged();
  if (held) yield held;
}

/** Removes what a crash left: blobs begun long ago and never finished, and blobs nobody holds. */
export async function sweepBlobs(db: Db, now: number): Promise<number> {
  return transaction(db, async (tx) => {
    const stale = await tx
      .selectFrom('blobs')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('sha256', 'is', null), eb('created_at', '<', now - UNFINISHED_GRACE_MS)]),
          eb.and([eb('sha256', 'is not', null), eb.not(eb.exists(eb.selectFrom('blob_refs').select('holder').whereRef('blob_refs.blob_id', '=', 'blobs.id')))]),
        ]),
      )
      .execute();
    if (stale.length === 0) return 0;
    await withSmallPageCache(tx, () => tx.deleteFrom('blobs').where('id', 'in', stale.map((row) => row.id)).execute());
    return stale.length;
  });
}
