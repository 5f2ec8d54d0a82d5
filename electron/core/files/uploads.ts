// Files staged through a door for one purpose (shared/api/files.ts), until the call that uses them
// or until they expire. Staging stores the bytes in the blob store at once (encrypted, never in a
// temporary file), held by 'upload:<id>'; the call that uses the file holds the blob itself, in its
// own transaction, and lets the upload go.
import { randomBytes } from 'node:crypto';
import { FILE_PURPOSES, UPLOAD_LIFETIME_MS, type FilePurpose, type FileRef, type Upload } from '../../../shared/api/files.ts';
import { AppFailure } from '../../../shared/errors.ts';
import { transaction, type Db } from '../db/database.ts';
import { holdBlob, releaseBlob, storeBlob, sweepBlobs, blobById, type StoredBlob } from './blob-store.ts';
import type { FileSource } from './sources.ts';

const holderOf = (id: string) => `upload:${id}`;

/**
 * Stores what the source streams as a staged file of `userId` for `purpose`, stopping with
 * TOO_LARGE past `maxBytes` (the shop's limit for the purpose, files/door.ts; at most its ceiling).
 */
export async function stageUpload(db: Db, userId: number, purpose: FilePurpose, source: FileSource, now: number, maxBytes: number = FILE_PURPOSES[purpose].maxBytes): Promise<Upload> {
  await sweepUploads(db, now);
  const id = randomBytes(16).toString('base64url');
  const blob = await storeBlob(db, source.chunks, {
    maxBytes,
    now,
    keep: async (tx, stored) => {
      await tx.insertInto('file_uploads').values({ id, blob_id: stored.id, purpose, user_id: userId, name: source.name, created_at: now }).execute();
      await holdBlob(tx, stored.id, holderOf(id));
    },
  });
  return { upload: id, purpose, name: source.name, size: blob.size, type: blob.type, sha256: blob.sha256 };
}

export type StagedFile = { id: string; name: string; purpose: FilePurpose; blob: StoredBlob };

/**
 * The staged file a method's input names, if it is the caller's, staged for this purpose (any when
 * `purpose` is null) and not expired; NOT_FOUND otherwise, without saying which.
 */
export async function stagedFile(db: Db, userId: number, ref: FileRef, purpose: FilePurpose | null, now: number): Promise<StagedFile> {
  const row = await db.selectFrom('file_uploads').selectAll().where('id', '=', ref.upload).executeTakeFirst();
  const usable = row && row.user_id === userId && (purpose === null || row.purpose === purpose) && row.created_at > now - UPLOAD_LIFETIME_MS;
  const blob = usable ? await blobById(db, row.blob_id) : undefined;
  if (!row || !blob) throw new AppFailure('NOT_FOUND', 'the file is no longer there (uploads are kept for an hour); choose it again', { reason: 'upload' });
  return { id: row.id, name: row.name, purpose: row.purpose as FilePurpose, blob }; // purpose was written from FilePurpose
}

/** The staged file has been used: it goes (its blob stays while something else holds it). */
export async function dropUpload(tx: Db, id: string): Promise<void> {
  await tx.deleteFrom('file_uploads').where('id', '=', id).execute();
  await releaseBlob(tx, holderOf(id));
}

/** Removes staged files nobody used in time, and what a crash left in the blob store. */
export async function sweepUploads(db: Db, now: number): Promise<void> {
  const expired = await db.selectFrom('file_uploads').select('id').where('created_at', '<=', now - UPLOAD_LIFETIME_MS).execute();
  if (expired.length > 0) {
    await transaction(db, async (tx) => {
      for (const { id } of expired) await dropUpload(tx, id);
    });
  }
  await sweepBlobs(db, now);
}
