// No decrypted copy of an attached file anywhere at rest: a marker inside an attached PDF and a
// text file (through the stream door and the path door, previewed and saved as a copy through the
// core) appears in no file under the data folder (the database, its WAL and SHM, key slots, lock
// entries, anything else there), in no file the test's run left in the temp folder, and not in a
// backup of the shop, whose manifest counts the files; restoring the backup brings every file
// back byte for byte.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attachment } from '../../shared/api/attachments.ts';
import { attach, downloaded, makePdf } from './attachments-kit.ts';
import { makeHarness, OWNER_PASSWORD, shopWithRoles, type Harness } from './harness.ts';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Every regular file under `dir` (recursively), with its path; folders that vanish or may not be read are passed over. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** The files whose bytes contain any of the needles. */
function holding(paths: readonly string[], needles: readonly Buffer[]): string[] {
  return paths.filter((path) => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      return false; // gone meanwhile (another process's temp file), or not ours to read
    }
    return needles.some((needle) => bytes.includes(needle));
  });
}

describe('attachments at rest', () => {
  let h: Harness;
  let sessions: Awaited<ReturnType<typeof shopWithRoles>>;
  /** Outside the data folder: where the user's own files are. */
  let chosen: string;
  let backups: string;
  /** When the test began, by the file system's clock: files changed since were written during it. */
  let startedAt = 0;
  const marker = `CLIENTELE-AT-REST-${randomBytes(8).toString('hex')}`;
  // Every form the marker could be in: ASCII/UTF-8 and UTF-16 (a PDF's text, a text file's either encoding).
  const needles = [Buffer.from(marker), Buffer.from(marker, 'utf16le'), Buffer.from('机密标记-' + marker)];
  const pdf = makePdf(`Contract text ${marker}`);
  const text = Buffer.from(`客户机密\n机密标记-${marker}\n`);
  const text16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`UTF-16 notes ${marker}`, 'utf16le')]);
  const added: { row: Attachment; bytes: Buffer }[] = [];

  beforeAll(async () => {
    h = makeHarness();
    sessions = await shopWithRoles(h);
    chosen = mkdtempSync(join(tmpdir(), 'clientele-chosen-'));
    backups = mkdtempSync(join(tmpdir(), 'clientele-rest-backups-'));
    writeFileSync(join(chosen, 'started'), '');
    startedAt = statSync(join(chosen, 'started')).mtimeMs;
  }, 120_000);
  afterAll(() => {
    h.cleanup();
    rmSync(chosen, { recursive: true, force: true });
    rmSync(backups, { recursive: true, force: true });
  });

  it('the check bites: the marker is in the files the user chose', () => {
    writeFileSync(join(chosen, '合同.pdf'), pdf);
    writeFileSync(join(chosen, 'notes-utf16.txt'), text16);
    expect(holding([join(chosen, '合同.pdf')], needles)).toHaveLength(1);
    expect(holding([join(chosen, 'notes-utf16.txt')], needles)).toHaveLength(1);
  });

  it('attaching, previewing and saving copies leaves the marker in no file of the data folder or the temp folder', async () => {
    const customer = { kind: 'customer' as const, id: (await h.call(sessions.owner, 'customers.create', { name: '机密客户' })).id };
    // The stream door (browser mode) and the path door (the app, the CLI).
    added.push({ row: await attach(h, sessions.owner, customer, pdf, '合同.pdf'), bytes: pdf });
    added.push({ row: await attach(h, sessions.staff, customer, text, '机密.txt'), bytes: text });
    const staged = await h.core.upload(sessions.owner, 'attachment', { path: join(chosen, 'notes-utf16.txt') });
    if (!staged.ok) throw new Error(staged.error.message);
    added.push({ row: await h.call(sessions.owner, 'attachments.add', { owner: customer, file: { upload: staged.value.upload } }), bytes: text16 });
    // Staged but never used: its bytes are as secret as the others'.
    await h.core.upload(sessions.owner, 'attachment', { path: join(chosen, '合同.pdf') });
    for (const { row, bytes } of added) {
      expect(row.sha256).toBe(sha256(bytes));
      const preview = await h.call(sessions.viewer, 'attachments.preview', { id: row.id });
      expect((await downloaded(h.core, sessions.viewer, preview)).equals(bytes)).toBe(true);
      const copy = await h.call(sessions.manager, 'attachments.saveCopy', { id: row.id });
      expect((await downloaded(h.core, sessions.manager, copy)).equals(bytes)).toBe(true);
    }
    expect(added.map((a) => a.row.type)).toEqual(['application/pdf', 'text/plain', 'application/octet-stream']);

    // While the core has the database open (the WAL and SHM hold the latest pages) ...
    const inDataDir = filesUnder(h.dataDir);
    expect(inDataDir.some((path) => path.endsWith('-wal'))).toBe(true);
    expect(holding(inDataDir, needles)).toEqual([]);
    // ... and after it closed and checkpointed.
    h.restart();
    expect(holding(filesUnder(h.dataDir), needles)).toEqual([]);
    // Nothing written to the temp folder meanwhile holds it (the user's own folder aside). Files of
    // more than 64 MB there are other runs' benchmarks: every file of this test is far smaller.
    const recent = filesUnder(tmpdir()).filter((path) => !path.startsWith(chosen) && !path.startsWith(h.dataDir) && recentSmall(path, startedAt));
    expect(holding(recent, needles)).toEqual([]);
  });

  it('a backup holds the files encrypted, counts them in its manifest, and a restore brings each back byte for byte', async () => {
    await h.call(sessions.owner, 'auth.signIn', { username: 'boss', password: OWNER_PASSWORD }); // the restart ended the sessions
    const backup = await h.call(sessions.owner, 'backup.create', { folder: backups });
    expect(backup.counts.attachments).toBe(3);
    expect(holding(filesUnder(backups), needles)).toEqual([]);
    expect(holding(filesUnder(h.dataDir), needles)).toEqual([]);

    // Changes after the backup: one file purged, one more added.
    const [first] = added;
    await h.call(sessions.owner, 'attachments.delete', { id: first!.row.id, version: first!.row.version });
    await h.call(sessions.owner, 'attachments.purge', { id: first!.row.id });
    await h.call(sessions.owner, 'backup.restore', { file: backup.file, credentials: { username: 'boss', password: OWNER_PASSWORD } });
    await h.call(sessions.owner, 'auth.signIn', { username: 'boss', password: OWNER_PASSWORD });
    for (const { row, bytes } of added) {
      const preview = await h.call(sessions.owner, 'attachments.preview', { id: row.id });
      expect((await downloaded(h.core, sessions.owner, preview)).equals(bytes), row.name).toBe(true);
    }
    expect(await h.call(sessions.owner, 'attachments.verify', {})).toEqual({ checked: 3, damaged: [] });
    expect(holding(filesUnder(h.dataDir), needles)).toEqual([]);
  });
});

/** Changed since `since` and at most 64 MB (false when it vanished meanwhile). */
function recentSmall(path: string, since: number): boolean {
  try {
    const stat = statSync(path);
    return stat.mtimeMs >= since && stat.size <= 64 * 1024 * 1024;
  } catch {
    return false;
  }
}
