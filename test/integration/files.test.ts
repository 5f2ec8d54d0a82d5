// The file channel in the core (electron/core/files): staging through a stream or a path, the same
// limits, permissions and audit for every door, the blob store's de-duplication, freeing and
// re-hashing, and the shop logo as its first user. The Electron and CLI doors pass paths; browser
// mode streams (test/integration/files-web.test.ts drives its HTTP door).
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core-types.ts';
import type { IncomingFile } from '../../electron/core/files/sources.ts';
import { CHUNK_BYTES } from '../../electron/core/files/blob-store.ts';
import type { Download, Upload } from '../../shared/api/files.ts';
import type { AppError, Result } from '../../shared/errors.ts';
import { JPEG_48x32, makePng } from '../fixtures/images.ts';
import { databaseKeyOf, makeHarness, OWNER_PASSWORD, openWithKey, shopWithRoles, workerCoreOn, type Harness } from './harness.ts';

async function* inPieces(bytes: Buffer, piece = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += piece) yield bytes.subarray(at, at + piece);
}

function streamed(bytes: Buffer, name = 'file.bin', declared: number | null = bytes.length): IncomingFile {
  return { name, declaredSize: declared, chunks: inPieces(bytes) };
}

async function staged(core: Core, session: string, purpose: string, file: IncomingFile): Promise<Upload> {
  const result = await core.upload(session, purpose, file);
  if (!result.ok) throw new Error(`upload failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

function refusal(result: Result<unknown>): AppError {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value).slice(0, 200)}`);
  return result.error;
}

async function downloaded(core: Core, session: string, download: Download): Promise<Buffer> {
  const result = await core.download(session, download.download);
  if (!result.ok) throw new Error(`download failed: ${result.error.code} ${result.error.message}`);
  const parts: Buffer[] = [];
  for await (const chunk of result.value.chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('files through the core', () => {
  let h: Harness;
  let sessions: Awaited<ReturnType<typeof shopWithRoles>>;
  beforeEach(async () => {
    h = makeHarness();
    sessions = await shopWithRoles(h);
  });
  afterEach(() => h.cleanup());

  async function rawDb() {
    return openWithKey(h.dataDir, await databaseKeyOf(h.dataDir, 'boss', OWNER_PASSWORD));
  }

  async function counts() {
    const db = await rawDb();
    try {
      const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      return { blobs: count('blobs'), chunks: count('blob_chunks'), refs: count('blob_refs'), uploads: count('file_uploads') };
    } finally {
      db.close();
    }
  }

  it('owner sets a PNG logo: everyone signed in gets it back byte for byte, and the change is audited', async () => {
    const png = makePng(120, 40, [25, 118, 210], true);
    const upload = await staged(h.core, sessions.owner, 'logo', streamed(png, 'C:\\Users\\me\\shop logo.png'));
    expect(upload).toMatchObject({ purpose: 'logo', name: 'shop logo.png', size: png.length, type: 'image/png', sha256: sha256(png) });

    const { logo } = await h.call(sessions.owner, 'logo.set', { file: { upload: upload.upload } });
    expect(logo).toMatchObject({ type: 'image/png', size: png.length, width: 120, height: 40, sha256: sha256(png) });
    for (const session of [sessions.owner, sessions.staff, sessions.viewer]) {
      const seen = (await h.call(session, 'logo.get', {})).logo!;
      expect(await downloaded(h.core, session, seen)).toEqual(png);
    }
    // A download is for the session that was given it.
    expect(refusal(await h.core.download(sessions.staff, logo.download)).code).toBe('NOT_FOUND');
    // The staged file was used up.
    expect((await h.failure(sessions.owner, 'logo.set', { file: { upload: upload.upload } }, 'NOT_FOUND')).details).toEqual({ reason: 'upload' });

    const entries = (await h.call(sessions.owner, 'audit.list', { action: 'settings.logo' })).rows;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ username: 'boss', entity: 'settings', changes: [{ field: 'logo', before: null, after: { sha256: sha256(png), size: png.length, type: 'image/png' } }] });

    // Replacing it with a JPEG frees the PNG's blob in the same change; removing frees the JPEG's.
    const jpeg = await staged(h.core, sessions.owner, 'logo', streamed(JPEG_48x32, 'logo.jpg'));
    expect((await h.call(sessions.owner, 'logo.set', { file: { upload: jpeg.upload } })).logo).toMatchObject({ type: 'image/jpeg', width: 48, height: 32 });
    expect(await counts()).toEqual({ blobs: 1, chunks: 1, refs: 1, uploads: 0 });
    expect(await h.call(sessions.owner, 'logo.remove', {})).toEqual({ removed: true });
    expect(await h.call(sessions.owner, 'logo.remove', {})).toEqual({ removed: false });
    expect((await h.call(sessions.staff, 'logo.get', {})).logo).toBeNull();
    expect(await counts()).toEqual({ blobs: 0, chunks: 0, refs: 0, uploads: 0 });
    const changes = (await h.call(sessions.owner, 'audit.list', { action: 'settings.logo' })).rows.map((entry) => entry.changes[0]);
    expect(changes).toEqual([
      { field: 'logo', before: { sha256: sha256(JPEG_48x32), size: JPEG_48x32.length, type: 'image/jpeg' }, after: null },
      { field: 'logo', before: { sha256: sha256(png), size: png.length, type: 'image/png' }, after: { sha256: sha256(JPEG_48x32), size: JPEG_48x32.length, type: 'image/jpeg' } },
      expect.objectContaining({ before: null }),
    ]);
  });

  it('only those who manage settings may stage or set a logo; the others are refused before a byte is kept', async () => {
    for (const role of ['manager', 'staff', 'viewer'] as const) {
      const error = refusal(await h.core.upload(sessions[role], 'logo', streamed(makePng(8, 8))));
      expect(error.code, role).toBe('FORBIDDEN');
    }
    const upload = await staged(h.core, sessions.owner, 'logo', streamed(makePng(8, 8)));
    await h.failure(sessions.staff, 'logo.set', { file: { upload: upload.upload } }, 'FORBIDDEN');
    await h.failure(sessions.manager, 'logo.remove', {}, 'FORBIDDEN');
    // Another user's staged file is not theirs to look at, whatever their role.
    const attachment = await staged(h.core, sessions.staff, 'attachment', streamed(Buffer.from('staff notes')));
    expect((await h.failure(sessions.owner, 'files.preview', { file: { upload: attachment.upload } }, 'NOT_FOUND')).details).toEqual({ reason: 'upload' });
    // Signed out, or an unknown purpose.
    expect(refusal(await h.core.upload('nobody', 'logo', streamed(makePng(8, 8)))).code).toBe('UNAUTHENTICATED');
    expect(refusal(await h.core.upload(sessions.owner, 'secrets', streamed(makePng(8, 8)))).details).toEqual({ reason: 'purpose' });
    expect(await counts()).toMatchObject({ uploads: 2, blobs: 2 });
  });

  it('refuses a logo that is too large, empty, not an image by its content, or damaged: each with its reason', async () => {
    const big = Buffer.concat([makePng(8, 8), randomBytes(2 * 1024 * 1024)]);
    // Declared too large: refused before reading. Not declared: stopped at the limit, nothing kept.
    expect(refusal(await h.core.upload(sessions.owner, 'logo', streamed(big)))).toMatchObject({ code: 'TOO_LARGE', details: { limit: 2 * 1024 * 1024 } });
    expect(refusal(await h.core.upload(sessions.owner, 'logo', streamed(big, 'big.png', null)))).toMatchObject({ code: 'TOO_LARGE' });
    expect(await counts()).toEqual({ blobs: 0, chunks: 0, refs: 0, uploads: 0 });

    const reasonFor = async (bytes: Buffer) => {
      const upload = await staged(h.core, sessions.owner, 'logo', streamed(bytes, 'logo.png'));
      const error = await h.failure(sessions.owner, 'logo.set', { file: { upload: upload.upload } }, 'VALIDATION');
      return error.details;
    };
    expect(await reasonFor(Buffer.alloc(0))).toEqual({ reason: 'empty' });
    expect(await reasonFor(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toEqual({ reason: 'type' });
    expect(await reasonFor(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'))).toEqual({ reason: 'type' });
    const png = makePng(64, 64, [10, 20, 30], true);
    expect(await reasonFor(png.subarray(0, png.length - 20))).toEqual({ reason: 'image' }); // cut short
    const flipped = Buffer.from(png);
    flipped[40] = flipped[40]! ^ 0xff; // inside IDAT: its CRC no longer matches
    expect(await reasonFor(flipped)).toEqual({ reason: 'image' });
    expect(await reasonFor(JPEG_48x32.subarray(0, JPEG_48x32.length - 2))).toEqual({ reason: 'image' }); // no EOI
    expect((await h.call(sessions.owner, 'logo.get', {})).logo).toBeNull();
    expect((await h.call(sessions.owner, 'audit.list', { action: 'settings.logo' })).rows).toEqual([]);
  });

  it('stores the same content once, re-hashes every read (CORRUPT when a chunk changed) and frees a blob with its last holder', async () => {
    const bytes = randomBytes(2 * CHUNK_BYTES + 12345); // three chunks, the last one short
    const first = await staged(h.core, sessions.owner, 'attachment', streamed(bytes, 'a.bin'));
    const second = await staged(h.core, sessions.owner, 'attachment', streamed(bytes, 'b.bin', null));
    expect(second.sha256).toBe(first.sha256);
    expect(await counts()).toEqual({ blobs: 1, chunks: 3, refs: 2, uploads: 2 });

    const preview = await h.call(sessions.owner, 'files.preview', { file: { upload: second.upload } });
    expect(preview).toMatchObject({ name: 'b.bin', size: bytes.length, type: 'application/octet-stream' });
    expect(sha256(await downloaded(h.core, sessions.owner, preview))).toBe(sha256(bytes));

    // A changed byte in the middle chunk (as a bug or a tool with the key could leave it).
    const db = await rawDb();
    db.prepare('UPDATE blob_chunks SET data = ? WHERE seq = 1').run(randomBytes(CHUNK_BYTES));
    db.close();
    const result = await h.core.download(sessions.owner, preview.download);
    if (!result.ok) throw new Error('the download opens; its bytes fail');
    const received: number[] = [];
    const failure = await (async () => {
      try {
        for await (const chunk of result.value.chunks) received.push(chunk.byteLength);
      } catch (error) {
        return error as { code?: string; details?: unknown };
      }
      return null;
    })();
    expect(failure).toMatchObject({ code: 'CORRUPT', details: { reason: 'blob' } });
    expect(received.reduce((a, b) => a + b, 0)).toBeLessThan(bytes.length); // never the whole damaged file

    // Uploads expire after an hour; the next upload sweeps them and frees their blob.
    await h.call(sessions.owner, 'settings.update', { idleLockMinutes: 0 });
    h.clock.now += 60 * 60 * 1000 + 1;
    await h.failure(sessions.owner, 'files.preview', { file: { upload: first.upload } }, 'NOT_FOUND');
    await staged(h.core, sessions.owner, 'attachment', streamed(Buffer.from('new')));
    expect(await counts()).toEqual({ blobs: 1, chunks: 1, refs: 1, uploads: 1 });
  });

  it('reads a path the user chose (Electron, CLI) after checking it: no links, folders, devices or relative paths; size before reading', async () => {
    const dir = join(h.dataDir, 'chosen');
    mkdirSync(dir);
    const png = makePng(30, 20);
    writeFileSync(join(dir, 'logo.png'), png);
    symlinkSync(join(dir, 'logo.png'), join(dir, 'link.png'));
    writeFileSync(join(dir, 'huge.png'), Buffer.alloc(2 * 1024 * 1024 + 1));

    const upload = await staged(h.core, sessions.owner, 'logo', { path: join(dir, 'logo.png') });
    expect(upload).toMatchObject({ name: 'logo.png', size: png.length, sha256: sha256(png) });
    const reason = async (path: string) => refusal(await h.core.upload(sessions.owner, 'logo', { path }));
    expect((await reason(join(dir, 'link.png'))).details).toMatchObject({ reason: 'link' });
    expect((await reason(dir)).details).toMatchObject({ reason: 'notFile' });
    expect((await reason('/dev/zero')).details).toMatchObject({ reason: 'notFile' });
    expect((await reason('chosen/logo.png')).details).toMatchObject({ reason: 'path' });
    expect(await reason(join(dir, 'huge.png'))).toMatchObject({ code: 'TOO_LARGE', details: { limit: 2 * 1024 * 1024, size: 2 * 1024 * 1024 + 1 } });
    expect((await reason(join(dir, 'missing.png'))).code).toBe('IO');
    // A staff member's path is refused like their stream: the purpose's permission comes first.
    expect(refusal(await h.core.upload(sessions.staff, 'logo', { path: join(dir, 'logo.png') })).code).toBe('FORBIDDEN');

    // A file of many reads comes in whole, though every read reuses one buffer (sources.ts) and
    // the store commits the chunks in groups (blob-store.ts).
    const big = randomBytes(9 * CHUNK_BYTES + 7);
    writeFileSync(join(dir, 'big.bin'), big);
    const bigUpload = await staged(h.core, sessions.owner, 'attachment', { path: join(dir, 'big.bin') });
    expect(bigUpload).toMatchObject({ size: big.length, sha256: sha256(big) });
    const preview = await h.call(sessions.owner, 'files.preview', { file: { upload: bigUpload.upload } });
    expect(sha256(await downloaded(h.core, sessions.owner, preview))).toBe(sha256(big));
  });
});

describe('files across the worker hop', () => {
  it('streams an upload in and a download out of the core in its worker thread, chunk by chunk', async () => {
    const h = makeHarness();
    const core = workerCoreOn(h.clock, { dataDir: h.dataDir, validateOutput: true });
    try {
      await shopWithRoles(h);
      h.core.close(); // the worker's core opens the folder itself
      const session = 'w-owner';
      const signIn = await core.invoke(session, 'auth.signIn', { username: 'boss', password: OWNER_PASSWORD });
      expect(signIn.ok).toBe(true);
      const bytes = randomBytes(3 * CHUNK_BYTES + 7);
      const upload = await staged(core, session, 'attachment', streamed(bytes, 'w.bin'));
      expect(upload.sha256).toBe(sha256(bytes));
      const preview = await core.invoke(session, 'files.preview', { file: { upload: upload.upload } });
      if (!preview.ok) throw new Error(preview.error.message);
      expect(sha256(await downloaded(core, session, preview.value as Download))).toBe(sha256(bytes));
      // Refusals cross too, with their codes and details.
      expect(refusal(await core.upload(session, 'logo', streamed(Buffer.alloc(3 * 1024 * 1024))))).toMatchObject({ code: 'TOO_LARGE', details: { limit: 2 * 1024 * 1024 } });
      expect(refusal(await core.upload(session, 'logo', { path: '/dev/zero' })).details).toMatchObject({ reason: 'notFile' });
      expect(refusal(await core.download(session, 'A'.repeat(22))).code).toBe('NOT_FOUND');
    } finally {
      core.close();
      h.cleanup();
    }
  });
});
