// Bad backup files and a failing destination: each is refused with a clear error, the current
// data stays as it was, and nothing half-written is left behind (issue 4, "Bad input and faults").
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupManifest } from '../../shared/api/backup.ts';
import type { Result } from '../../shared/errors.ts';
import { realBackupIo, type BackupIo } from '../../electron/core/areas/backup/backup-io.ts';
import type { Core } from '../../electron/core/core-types.ts';
import { openWithDatabaseKey, sealWithDatabaseKey } from '../../electron/core/crypto/keys.ts';
import { coreOn, databaseKeyOf, makeHarness, OWNER_PASSWORD, testClock, type Harness } from './harness.ts';
import {
  codeOf,
  filesOf,
  fingerprint,
  makeShop,
  ok,
  OWNER,
  partsOf,
  removeTempDirs,
  sha256,
  tempDir,
  withHeader,
  type BackupParts,
} from './fixtures/backup-shop.ts';

const CREDENTIALS = { username: OWNER, password: OWNER_PASSWORD };
// Must match electron/core/backup/backup-writer.ts: the manifest's sealing purpose is part of the format.
const MANIFEST_PURPOSE = 'clientele backup manifest';

type Snapshot = { fingerprint: Awaited<ReturnType<typeof fingerprint>>; files: string[]; keyslots: string; known: unknown };

describe('bad backup files', () => {
  let h: Harness;
  let good: string;
  let parts: BackupParts;
  let knownId: number;
  let work: string;

  async function snapshot(): Promise<Snapshot> {
    return {
      fingerprint: await fingerprint(h.core),
      files: Object.keys(filesOf(h.dataDir)).sort(),
      keyslots: sha256(readFileSync(join(h.dataDir, 'keyslots.json'))),
      known: await h.call('owner', 'customers.get', { id: knownId }),
    };
  }

  /** Writes `bytes` as a file of its own and returns its path. */
  function craft(name: string, bytes: Buffer | string): string {
    const file = join(work, name);
    writeFileSync(file, bytes);
    return file;
  }

  /**
   * Every door refuses the file with `code` (verify and restore on this shop; verify and restore
   * on a new PC), the message says what happened, and nothing changed or was left behind.
   */
  async function refused(file: string, code: string, options: { credentials?: unknown; message?: RegExp } = {}): Promise<void> {
    const credentials = options.credentials ?? CREDENTIALS;
    await signedIn();
    const before = await snapshot();
    const answers: [string, Result<unknown>][] = [];
    for (const method of ['backup.verify', 'backup.restore']) answers.push([method, await h.raw('owner', method, { file, credentials })]);
    // A new PC: a fresh empty folder each time, so a case that restored after all cannot spoil the next.
    const newPc = tempDir('new-pc');
    const core = h.otherCore({ dataDir: newPc });
    try {
      for (const method of ['setup.verifyBackup', 'setup.restore']) answers.push([method, await core.invoke('first-run', method, { file, credentials })]);
    } finally {
      core.close();
    }
    for (const [method, result] of answers) {
      expect(codeOf(result), `${method}: ${JSON.stringify(result)}`).toBe(code);
      if (!result.ok) {
        expect(result.error.message.startsWith(`${method}: `), result.error.message).toBe(true);
        if (options.message) expect(result.error.message, method).toMatch(options.message);
      }
    }
    // Still signed in, the same data, the same files, nothing new in the empty folder.
    expect(await h.call('owner', 'auth.session', {})).not.toBeNull();
    expect(await snapshot()).toEqual(before);
    expect(readdirSync(newPc)).toEqual([]);
  }

  /** A case that failed by restoring after all signs everyone out; the next case starts signed in. */
  async function signedIn(): Promise<void> {
    if ((await h.call('owner', 'auth.session', {})) === null) await h.call('owner', 'auth.signIn', CREDENTIALS);
  }

  function flipped(position: number): Buffer {
    const bytes = Buffer.from(parts.bytes);
    bytes[position] = bytes[position]! ^ 0xff;
    return bytes;
  }

  beforeAll(async () => {
    h = makeHarness();
    knownId = (await makeShop(h.core)).known.id;
    const folder = tempDir('good');
    good = (await h.call('owner', 'backup.create', { folder })).file;
    parts = partsOf(good);
    work = tempDir('bad');
  });
  afterAll(() => {
    h.cleanup();
    removeTempDirs();
  });

  it('the untouched file verifies (so every refusal below is the damage)', async () => {
    expect((await h.call('owner', 'backup.verify', { file: good, credentials: CREDENTIALS })).manifest.sha256).toBe(sha256(parts.bytes.subarray(parts.payloadOffset)));
  });

  it('an empty file', async () => {
    await refused(craft('empty.clbak', Buffer.alloc(0)), 'CORRUPT');
  });

  it('a file of another kind: a PNG image', async () => {
    const png = Buffer.concat([
      Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f6a3e50000000049454e44ae426082', 'hex'),
      Buffer.alloc(5000, 7),
    ]);
    await refused(craft('photo.clbak', png), 'CORRUPT');
  });

  it('a file of another kind: a text file', async () => {
    await refused(craft('notes.clbak', '客户名单\nname,phone\n张三,13800000000\n'.repeat(300)), 'CORRUPT');
  });

  it('a directory instead of a file', async () => {
    const dir = join(work, 'folder.clbak');
    mkdirSync(dir);
    await signedIn();
    const before = await snapshot();
    const result = await h.raw('owner', 'backup.restore', { file: dir, credentials: CREDENTIALS });
    expect(['IO', 'CORRUPT']).toContain(codeOf(result));
    expect(await snapshot()).toEqual(before);
  });

  it('a file that does not exist', async () => {
    await refused(join(work, 'missing.clbak'), 'IO');
  });

  const cuts: [string, (p: BackupParts) => number][] = [
    ['inside the header', () => 100],
    ['at the start of the payload', (p) => p.payloadOffset],
    ['in the middle of the database', (p) => Math.floor(p.bytes.length / 2)],
    ['by its last byte', (p) => p.bytes.length - 1],
  ];
  for (const [where, length] of cuts) {
    it(`a truncated file: cut ${where}`, async () => {
      const cut = length(parts);
      await refused(craft(`truncated-${cut}.clbak`, parts.bytes.subarray(0, cut)), 'CORRUPT');
    });
  }

  it('a file with bytes appended', async () => {
    await refused(craft('extended.clbak', Buffer.concat([parts.bytes, Buffer.from('tail')])), 'CORRUPT');
  });

  const positions: [string, (p: BackupParts) => number][] = [
    ['the magic', () => 3],
    ['the header length', () => 11],
    ['the header JSON', (p) => 12 + Math.floor(p.headerLength / 2)],
    ['the header padding', (p) => p.payloadOffset - 1],
    ['the start of the key slots', (p) => p.payloadOffset],
    ['the middle of the key slots', (p) => p.payloadOffset + Math.floor(p.header.keyslotsBytes / 2)],
    ['the start of the database', (p) => p.payloadOffset + p.header.keyslotsBytes],
    ['the database header page', (p) => p.payloadOffset + p.header.keyslotsBytes + 100],
    ['the middle of the database', (p) => p.payloadOffset + p.header.keyslotsBytes + Math.floor(p.header.dbBytes / 2)],
    ['the last byte of the database', (p) => p.bytes.length - 1],
  ];
  for (const [where, position] of positions) {
    it(`one flipped byte in ${where}`, async () => {
      const at = position(parts);
      await refused(craft(`flipped-${at}.clbak`, flipped(at)), 'CORRUPT', { message: /damaged|not a Clientele backup/ });
    });
  }

  it('a header length that reaches into the padding (still valid JSON with the spaces): refused', async () => {
    const bytes = Buffer.from(parts.bytes);
    bytes.writeUInt32BE(parts.headerLength + 5, 8);
    await refused(craft('longer-header.clbak', bytes), 'CORRUPT', { message: /bad header length/ });
  });

  it('every key slot in the file damaged: reported as damage, not as a wrong password', async () => {
    // Flip one byte inside each slot's ciphertext: no password can open it, and the file says why.
    const text = parts.bytes.subarray(parts.payloadOffset, parts.payloadOffset + parts.header.keyslotsBytes).toString('latin1');
    const bytes = Buffer.from(parts.bytes);
    const matches = [...text.matchAll(/"ct":\s*"[A-Za-z0-9+/]{8}/g)];
    expect(matches.length).toBeGreaterThanOrEqual(2); // the owner's slot and the recovery slot
    for (const match of matches) {
      const at = parts.payloadOffset + match.index + match[0].length - 4;
      bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41;
    }
    await refused(craft('slots.clbak', bytes), 'CORRUPT');
  });

  it('a plain header that lies about the database size', async () => {
    await refused(craft('dbbytes.clbak', withHeader(parts, { ...parts.header, dbBytes: parts.header.dbBytes - 4096 })), 'CORRUPT');
  });

  it('a plain header that lies about the app version', async () => {
    const file = craft('appversion.clbak', withHeader(parts, { ...parts.header, appVersion: '0.0.1-forged' }));
    await refused(file, 'CORRUPT');
  });

  it('a plain header that lies about the schema version', async () => {
    const file = craft('schema.clbak', withHeader(parts, { ...parts.header, schemaVersion: parts.header.schemaVersion + 5 }));
    await signedIn();
    const result = await h.raw('owner', 'backup.verify', { file, credentials: CREDENTIALS });
    // A clear refusal either way: the header was altered (CORRUPT), or it claims a newer app.
    expect(['CORRUPT', 'UNSUPPORTED_VERSION'], JSON.stringify(result)).toContain(codeOf(result));
    await refused(file, codeOf(result));
  });

  it('a plain header that lies about when it was made', async () => {
    await refused(craft('created.clbak', withHeader(parts, { ...parts.header, createdAt: parts.header.createdAt + 86_400_000 * 30 })), 'CORRUPT');
  });

  it('a manifest (sealed with the right key) that lies about the checksum', async () => {
    const key = Buffer.from(await databaseKeyOf(h.dataDir, OWNER, OWNER_PASSWORD), 'hex');
    const opened = openWithDatabaseKey(key, MANIFEST_PURPOSE, parts.header.manifest);
    expect(opened, 'the test opens the manifest as the reader does').not.toBeNull();
    const manifest = JSON.parse(opened!.toString('utf8')) as BackupManifest;
    const lying = { ...manifest, sha256: sha256(Buffer.from('something else')) };
    const resealed = sealWithDatabaseKey(key, MANIFEST_PURPOSE, Buffer.from(JSON.stringify(lying), 'utf8'));
    await refused(craft('lying-manifest.clbak', withHeader(parts, { ...parts.header, manifest: resealed })), 'CORRUPT', { message: /checksum/ });
  });

  it('a manifest that lies about the row counts (and a payload that matches its checksum)', async () => {
    const key = Buffer.from(await databaseKeyOf(h.dataDir, OWNER, OWNER_PASSWORD), 'hex');
    const manifest = JSON.parse(openWithDatabaseKey(key, MANIFEST_PURPOSE, parts.header.manifest)!.toString('utf8')) as BackupManifest;
    const lying = { ...manifest, counts: { ...manifest.counts, customers: manifest.counts.customers! + 1 } };
    const resealed = sealWithDatabaseKey(key, MANIFEST_PURPOSE, Buffer.from(JSON.stringify(lying), 'utf8'));
    await refused(craft('lying-counts.clbak', withHeader(parts, { ...parts.header, manifest: resealed })), 'CORRUPT');
  });

  it('plain headers of the wrong shape or hostile: CORRUPT, before any password is tried', async () => {
    const header = parts.header as unknown as Record<string, unknown>; // changed field by field below
    const variants: [string, object][] = [
      ['sizes as text', { ...header, dbBytes: String(parts.header.dbBytes) }],
      ['a fractional size', { ...header, keyslotsBytes: parts.header.keyslotsBytes + 0.5, dbBytes: parts.header.dbBytes - 0.5 }],
      ['key slots said to fill the whole payload', { ...header, keyslotsBytes: parts.header.keyslotsBytes + parts.header.dbBytes, dbBytes: 0 }],
      ['no checksum of the key slots', { ...header, keyslotsSha256: undefined }],
      ['a manifest that is not a sealed box', { ...header, manifest: 'open sesame' }],
      // 1,000 characters: ten times the schema's limit, and still inside the header's fixed room now that the sealed
      // manifest (row counts per table) has grown with the tables of issues 9-12 (3,000 no longer fitted the room).
      ['an app version of 1,000 characters', { ...header, appVersion: 'x'.repeat(1000) }],
      ['every field under __proto__', JSON.parse(`{"__proto__": ${JSON.stringify(parts.header)}}`) as object],
    ];
    for (const [what, changed] of variants) await refused(craft(`${what.replace(/\W+/g, '-')}.clbak`, withHeader(parts, changed)), 'CORRUPT', { message: /damaged|not a Clientele backup/ });
  });

  it('key slots inside the backup of the wrong shape or hostile (their checksum matching): CORRUPT, and argon2 never asked for 2 TiB', async () => {
    const original = parts.bytes.subarray(parts.payloadOffset, parts.payloadOffset + parts.header.keyslotsBytes).toString('utf8');
    const database = parts.bytes.subarray(parts.payloadOffset + parts.header.keyslotsBytes);
    const slots = () => JSON.parse(original) as { users: { kdf: object }[]; recovery: { kdf: object } };
    const greedy = slots();
    for (const slot of [...greedy.users, greedy.recovery]) slot.kdf = { ...slot.kdf, memoryCost: 2 ** 31 };
    for (const keyslots of [JSON.stringify(greedy), JSON.stringify({ ...slots(), users: 'everyone' }), '{"format": 2, "users": [] ']) {
      const bytes = Buffer.from(keyslots, 'utf8');
      const header = { ...parts.header, keyslotsBytes: bytes.length, keyslotsSha256: sha256(bytes) };
      const file = craft('slots-shape.clbak', Buffer.concat([withHeader(parts, header).subarray(0, parts.payloadOffset), bytes, database]));
      await refused(file, 'CORRUPT', { message: /key slots are unreadable/ });
    }
  });

  it('a manifest (sealed with the right key) of the wrong shape: CORRUPT, its table names never reach SQL', async () => {
    const key = Buffer.from(await databaseKeyOf(h.dataDir, OWNER, OWNER_PASSWORD), 'hex');
    const manifest = JSON.parse(openWithDatabaseKey(key, MANIFEST_PURPOSE, parts.header.manifest)!.toString('utf8')) as BackupManifest;
    for (const lying of ['not json at all', JSON.stringify({ ...manifest, counts: { 'customers"; DROP TABLE users; --': 1 } }), JSON.stringify({ ...manifest, sha256: 42 })]) {
      const resealed = sealWithDatabaseKey(key, MANIFEST_PURPOSE, Buffer.from(lying, 'utf8'));
      await refused(craft('manifest-shape.clbak', withHeader(parts, { ...parts.header, manifest: resealed })), 'CORRUPT', { message: /manifest is unreadable/ });
    }
  });

  it('a wrong password', async () => {
    await refused(good, 'BAD_PASSWORD', { credentials: { username: OWNER, password: 'not-the-password-1234' } });
  });

  it('a user the backup does not know', async () => {
    await refused(good, 'BAD_PASSWORD', { credentials: { username: 'stranger', password: OWNER_PASSWORD } });
  });

  it('a wrong recovery key', async () => {
    await refused(good, 'BAD_PASSWORD', { credentials: { recoveryKey: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH' } });
  });

  it('a backup of another shop: verified, but restoring it here is refused (CONFLICT otherShop)', async () => {
    const otherDir = tempDir('other-shop');
    const other = h.otherCore({ dataDir: otherDir });
    let file: string;
    try {
      await makeShop(other, { shopName: '李四花店', customers: 3 });
      file = (await ok<{ file: string }>(other, 'owner', 'backup.create', { folder: tempDir('other-stick') })).file;
    } finally {
      other.close();
    }
    await signedIn();
    const verified = await h.call('owner', 'backup.verify', { file, credentials: CREDENTIALS });
    expect(verified.manifest.shopName).toBe('李四花店');
    const before = await snapshot();
    const result = await h.raw('owner', 'backup.restore', { file, credentials: CREDENTIALS });
    expect(codeOf(result), JSON.stringify(result)).toBe('CONFLICT');
    if (!result.ok) {
      expect(result.error.details).toMatchObject({ reason: 'otherShop' });
      expect(result.error.message).toContain('李四花店');
    }
    expect(await h.call('owner', 'auth.session', {})).not.toBeNull();
    expect(await snapshot()).toEqual(before);
  });
});

describe('a destination that fills up or disappears mid-write', () => {
  const clock = testClock();
  let dataDir: string;
  let knownId: number;
  let writes: number;

  /** A core on the shop with this writer, the owner signed in as "owner". */
  async function withCore<T>(io: BackupIo, work: (core: Core) => Promise<T>): Promise<T> {
    const core = coreOn(clock, { dataDir, backupIo: io, validateOutput: true });
    try {
      await ok(core, 'owner', 'auth.signIn', CREDENTIALS);
      return await work(core);
    } finally {
      core.close();
    }
  }

  function failingOn(call: number, fault: (handle: FileHandle, folder: string) => Promise<void>, folder: string): BackupIo {
    let calls = 0;
    return {
      async writeChunk(handle, chunk, position) {
        calls++;
        if (calls === call) return fault(handle, folder);
        return realBackupIo.writeChunk(handle, chunk, position);
      },
    };
  }

  const full = async () => {
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  };
  const removed = async (_: FileHandle, folder: string) => {
    rmSync(folder, { recursive: true, force: true });
    throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
  };
  /** The stick is pulled after this write went through: the write itself succeeds, the folder is gone. */
  const pulledAfter = async (handle: FileHandle, folder: string) => {
    await handle.write(Buffer.alloc(1), 0, 1, 0);
    rmSync(folder, { recursive: true, force: true });
  };

  beforeAll(async () => {
    dataDir = tempDir('faults');
    const core = coreOn(clock, { dataDir });
    try {
      knownId = (await makeShop(core)).known.id;
    } finally {
      core.close();
    }
    // How many writes a backup of this shop takes, so every one of them can fail in turn.
    writes = 0;
    const counting: BackupIo = {
      writeChunk: (handle, chunk, position) => {
        writes++;
        return realBackupIo.writeChunk(handle, chunk, position);
      },
    };
    await withCore(counting, (core) => ok(core, 'owner', 'backup.create', { folder: tempDir('count') }));
    expect(writes).toBeGreaterThanOrEqual(3);
  });
  afterAll(() => removeTempDirs());

  for (const [what, fault, reason] of [
    ['fills up', full, /full/],
    ['disappears', removed, /disappeared|removed/],
    ['is pulled out after a write went through', pulledAfter, /disappeared|removed/],
  ] as const) {
    it(`the destination ${what}, on each write in turn: IO error, no file that verifies, data untouched`, async () => {
      for (let call = 1; call <= writes; call++) {
        const folder = tempDir('stick');
        await withCore(failingOn(call, fault, folder), async (core) => {
          const before = await fingerprint(core);
          const files = Object.keys(filesOf(dataDir)).sort();
          const known = await ok(core, 'owner', 'customers.get', { id: knownId });
          const result = await core.invoke('owner', 'backup.create', { folder });
          expect(codeOf(result), `write ${call}: ${JSON.stringify(result)}`).toBe('IO');
          if (!result.ok) expect(result.error.message, `write ${call}`).toMatch(reason);
          // Nothing is left in the destination: no .clbak, no .partial.
          const left = existsSync(folder) ? readdirSync(folder) : []; // the folder itself may be gone
          expect(left, `write ${call}`).toEqual([]);
          // The shop works on as before: same data, same files, a save goes through, the next backup succeeds.
          expect(await fingerprint(core)).toEqual(before);
          expect(Object.keys(filesOf(dataDir)).sort()).toEqual(files);
          expect(await ok(core, 'owner', 'customers.get', { id: knownId })).toEqual(known);
          expect(await ok(core, 'owner', 'system.check', {})).toEqual({ ok: true, problems: [] });
        });
      }
      const folder = tempDir('stick');
      await withCore(realBackupIo, async (core) => {
        const written = await ok<{ file: string }>(core, 'owner', 'backup.create', { folder });
        expect(readdirSync(folder)).toEqual([written.file.slice(folder.length + 1)]);
      });
    });
  }

  it('a backup into a folder that does not exist: IO, nothing created', async () => {
    const parent = tempDir('stick');
    const folder = join(parent, 'not-plugged-in');
    await withCore(realBackupIo, async (core) => {
      const result = await core.invoke('owner', 'backup.create', { folder });
      expect(codeOf(result)).toBe('IO');
      expect(readdirSync(parent)).toEqual([]);
    });
  });

  it('a cancelled backup leaves nothing and the next one succeeds', async () => {
    const folder = tempDir('stick');
    let core: Core | null = null;
    const cancelling: BackupIo = {
      async writeChunk(handle, chunk, position) {
        await realBackupIo.writeChunk(handle, chunk, position);
        if (core && position > 0) await ok(core, 'owner', 'backup.cancel', {});
      },
    };
    await withCore(cancelling, async (c) => {
      core = c;
      const result = await c.invoke('owner', 'backup.create', { folder });
      expect(codeOf(result), JSON.stringify(result)).toBe('CANCELLED');
      expect(readdirSync(folder)).toEqual([]);
      core = null;
      expect(await ok(c, 'owner', 'backup.cancel', {})).toEqual({ cancelled: false });
    });
  });
});
