// Backup and restore through the dispatcher: the file, its verification, the round trip, the new
// PC, older and newer versions, and the audit log. Faults are in backup-faults.test.ts, crashes and
// a running app in backup-processes.test.ts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/api/audit.ts';
import type { BackupManifest } from '../../shared/api/backup.ts';
import type { Customer } from '../../shared/api/customers.ts';
import { SCHEMA_VERSION } from '../../electron/core/db/migrations/index.ts';
import { databaseKeyOf, makeHarness, openWithKey, OWNER_PASSWORD, type Harness } from './harness.ts';
import {
  codeOf,
  filesOf,
  fingerprint,
  KNOWN,
  makeShop,
  ok,
  OWNER,
  partsOf,
  removeTempDirs,
  sha256,
  SHOP,
  tempDir,
  type Fingerprint,
} from './fixtures/backup-shop.ts';
import { backupOfCopy, restoreOlderBackup } from './fixtures/older-backup.ts';

const NEW_PASSWORD = 'river-stone-8842-qp';

type Written = { file: string; bytes: number; sha256: string; counts: Record<string, number>; ms: number };
type Verified = { file: string; bytes: number; manifest: BackupManifest; current: { shopName: string; counts: Record<string, number> } | null; ms: number };
type Restored = { manifest: BackupManifest; movedAside: string | null; ms: number };

async function auditActions(h: Harness, session = 'owner'): Promise<AuditEntry[]> {
  const page = await h.call(session, 'audit.list', { limit: 200 });
  return page.rows as AuditEntry[];
}

describe('backup and restore', () => {
  let h: Harness;
  let folder: string;
  let recoveryKey: string;
  let known: Customer;
  let backup: Written;
  let atBackup: Fingerprint;

  beforeAll(async () => {
    h = makeHarness();
    ({ recoveryKey, known } = await makeShop(h.core));
    folder = tempDir('stick');
  });
  afterAll(() => {
    h.cleanup();
    removeTempDirs();
  });

  it('writes one verified, encrypted .clbak named after the shop, with progress in bytes', async () => {
    atBackup = await fingerprint(h.core);
    const events: { done: number; total: number }[] = [];
    const stop = h.core.onEvent('owner', (event) => {
      if (event.type === 'progress' && event.job === 'backup') events.push({ done: event.done, total: event.total });
    });
    backup = await h.call('owner', 'backup.create', { folder });
    stop();

    expect(basename(backup.file)).toMatch(new RegExp(`^Clientele-${SHOP}-\\d{4}-\\d{2}-\\d{2}_\\d{4}\\.clbak$`));
    expect(readdirSync(folder)).toEqual([basename(backup.file)]); // no .partial left beside it
    expect(backup.bytes).toBe(statSync(backup.file).size);
    expect(backup.counts).toEqual(atBackup.counts);
    const parts = partsOf(backup.file);
    expect(backup.sha256).toBe(sha256(parts.bytes.subarray(parts.payloadOffset)));
    expect(parts.header).toMatchObject({ schemaVersion: SCHEMA_VERSION, keyslotsBytes: readFileSync(join(h.dataDir, 'keyslots.json')).length });

    expect(events.length).toBeGreaterThan(0);
    expect(events.at(-1)!.done).toBe(events.at(-1)!.total);
    expect(events.at(-1)!.total).toBe(parts.header.keyslotsBytes + parts.header.dbBytes);
    for (let i = 1; i < events.length; i++) expect(events[i]!.done).toBeGreaterThanOrEqual(events[i - 1]!.done);

    // Without a password it reveals nothing: no customer name, phone, note or shop name in the clear.
    for (const secret of [KNOWN.name, KNOWN.phone, KNOWN.email, KNOWN.notes, SHOP]) {
      expect(parts.bytes.includes(Buffer.from(secret, 'utf8')), secret).toBe(false);
    }
  });

  it('names a second backup in the same minute differently, lists both and clears the reminder', async () => {
    const second: Written = await h.call('owner', 'backup.create', { folder });
    expect(second.file).not.toBe(backup.file);
    expect(readdirSync(folder).sort()).toEqual([basename(backup.file), basename(second.file)].sort());
    const listed = await h.call('owner', 'backup.list', {});
    expect(listed.map((entry) => entry.file)).toEqual(expect.arrayContaining([backup.file, second.file]));
    expect(await h.call('owner', 'backup.getSettings', {})).toMatchObject({ folder });
    expect(await h.call('owner', 'backup.status', {})).toMatchObject({ lastBackupAt: h.clock.now, overdue: false });
  });

  it('verifies: shows the manifest beside what is here now, and touches neither the file nor the data', async () => {
    const before = filesOf(h.dataDir);
    const fileBefore = statSync(backup.file);
    const verified: Verified = await h.call('owner', 'backup.verify', { file: backup.file, credentials: { username: OWNER, password: OWNER_PASSWORD } });
    expect(verified.manifest).toMatchObject({
      shopName: SHOP,
      createdBy: OWNER,
      createdAt: h.clock.now,
      schemaVersion: SCHEMA_VERSION,
      counts: atBackup.counts,
      sha256: backup.sha256,
      payloadBytes: backup.bytes - partsOf(backup.file).payloadOffset,
    });
    expect(verified.current).toEqual({ shopName: SHOP, counts: atBackup.counts });
    expect(verified.bytes).toBe(backup.bytes);

    const byKey: Verified = await h.call('owner', 'backup.verify', { file: backup.file, credentials: { recoveryKey: recoveryKey.toLowerCase() } });
    expect(byKey.manifest).toEqual(verified.manifest);

    // The key slots and the main database file are not written (the audit entry goes to the WAL),
    // no file is added or left behind, and the backup itself is not modified.
    expect(filesOf(h.dataDir)).toEqual(before);
    expect(statSync(backup.file).mtimeMs).toBe(fileBefore.mtimeMs);
    expect(sha256(readFileSync(backup.file))).toBe(sha256(partsOf(backup.file).bytes));
    expect(await fingerprint(h.core)).toEqual(atBackup);
  });

  it('verifies on a new PC without creating anything in the empty data folder', async () => {
    const empty = tempDir('new-pc');
    const core = h.otherCore({ dataDir: empty });
    try {
      const verified = await ok<Verified>(core, 'first-run', 'setup.verifyBackup', { file: backup.file, credentials: { username: OWNER, password: OWNER_PASSWORD } });
      expect(verified.manifest.counts).toEqual(atBackup.counts);
      expect(verified.current).toBeNull();
      expect(readdirSync(empty)).toEqual([]);
      expect(await ok(core, 'first-run', 'setup.status', {})).toEqual({ initialised: false, shopName: null });
      // On a set-up shop the first-run methods are refused.
      expect(codeOf(await h.raw('owner', 'setup.verifyBackup', { file: backup.file, credentials: { recoveryKey } }))).toBe('ALREADY_INITIALISED');
      expect(codeOf(await h.raw('owner', 'setup.restore', { file: backup.file, credentials: { recoveryKey } }))).toBe('ALREADY_INITIALISED');
    } finally {
      core.close();
    }
  });

  it('round trip: the old data comes back, the current data is moved aside, everyone signs in again', async () => {
    // Change everything a restore must undo: a customer, a new one, a deleted one, the owner's password.
    const current = await h.call('owner', 'customers.get', { id: known.id });
    await h.call('owner', 'customers.update', { ...current, contacts: current.contacts, name: '改过的名字', version: current.version });
    await h.call('owner', 'customers.create', { name: '备份之后的新客户' });
    const victim = (await h.call('owner', 'customers.list', { limit: 1, sort: 'updated' })).rows[0]!;
    await h.call('owner', 'customers.delete', { id: victim.id, version: (await h.call('owner', 'customers.get', { id: victim.id })).version });
    await h.call('owner', 'auth.changePassword', { oldPassword: OWNER_PASSWORD, newPassword: NEW_PASSWORD });
    await h.call('other-window', 'auth.signIn', { username: OWNER, password: NEW_PASSWORD });
    const changed = await fingerprint(h.core);
    expect(changed).not.toEqual(atBackup);

    const restored: Restored = await h.call('owner', 'backup.restore', { file: backup.file, credentials: { username: OWNER, password: OWNER_PASSWORD } });
    expect(restored.manifest.sha256).toBe(backup.sha256);

    // Everyone is signed out; only the password valid in the backup opens it now.
    expect(codeOf(await h.raw('owner', 'customers.list', {}))).toBe('UNAUTHENTICATED');
    expect(codeOf(await h.raw('other-window', 'customers.list', {}))).toBe('UNAUTHENTICATED');
    expect(codeOf(await h.raw('owner', 'auth.signIn', { username: OWNER, password: NEW_PASSWORD }))).toBe('BAD_PASSWORD');
    await h.call('owner', 'auth.signIn', { username: OWNER, password: OWNER_PASSWORD });
    expect(await fingerprint(h.core)).toEqual(atBackup);
    expect(await h.call('owner', 'customers.get', { id: known.id })).toMatchObject({ name: KNOWN.name, phone: KNOWN.phone, notes: KNOWN.notes });
    expect(await h.call('owner', 'system.check', {})).toEqual({ ok: true, problems: [] });
    expect(await h.call('owner', 'audit.verify', {})).toMatchObject({ ok: true });

    // The previous data is in backups/before-restore-<time>, whole, and still opens with its own key.
    expect(restored.movedAside).toMatch(/[\\/]backups[\\/]before-restore-[^\\/]+$/);
    const aside = restored.movedAside!;
    expect(aside.startsWith(join(h.dataDir, 'backups'))).toBe(true);
    expect(readdirSync(aside).filter((name) => !/-(wal|shm)$/.test(name)).sort()).toEqual(['clientele.db', 'keyslots.json']);
    const oldDb = openWithKey(aside, await databaseKeyOf(aside, OWNER, NEW_PASSWORD));
    try {
      expect(oldDb.prepare('SELECT name FROM customers WHERE id = ?').pluck().get(known.id)).toBe('改过的名字');
      expect(oldDb.prepare("SELECT count(*) FROM customers WHERE name = '备份之后的新客户'").pluck().get()).toBe(1);
    } finally {
      oldDb.close();
    }
    // Nothing of the restore's work is left in the data folder.
    expect(Object.keys(filesOf(h.dataDir)).filter((name) => !name.startsWith('backups')).sort()).toEqual(['clientele.db', 'keyslots.json']);
  });

  it('restores on a new PC with the recovery key (any case and spacing); the owner signs in with the password of the backup', async () => {
    const empty = tempDir('new-pc');
    const core = h.otherCore({ dataDir: empty });
    try {
      const spaced = recoveryKey.toLowerCase().replace(/-/g, ' ');
      const restored = await ok<Restored>(core, 'first-run', 'setup.restore', { file: backup.file, credentials: { recoveryKey: spaced } });
      expect(restored.movedAside).toBeNull();
      expect(restored.manifest.counts).toEqual(atBackup.counts);
      expect(codeOf(await core.invoke('first-run', 'customers.list', {}))).toBe('UNAUTHENTICATED');
      await ok(core, 'first-run', 'auth.signIn', { username: OWNER, password: OWNER_PASSWORD });
      expect(await fingerprint(core, 'first-run')).toEqual(atBackup);
      expect(await ok(core, 'first-run', 'system.check', {})).toEqual({ ok: true, problems: [] });
      const audit = (await ok<{ rows: AuditEntry[] }>(core, 'first-run', 'audit.list', { action: 'backup.restore' })).rows;
      expect(audit.length).toBe(1);
      expect(Object.keys(filesOf(empty)).sort()).toEqual(['clientele.db', 'keyslots.json']);
    } finally {
      core.close();
    }
  });

  it('records every backup, verification and restore in the audit log', async () => {
    // After the round trip this shop holds the backup's log plus the restore.
    const before = (await auditActions(h)).map((entry) => entry.action);
    expect(before.filter((action) => action === 'backup.restore')).toHaveLength(1);
    const written: Written = await h.call('owner', 'backup.create', { folder });
    await h.call('owner', 'backup.verify', { file: written.file, credentials: { username: OWNER, password: OWNER_PASSWORD } });
    const entries = await auditActions(h);
    const create = entries.find((entry) => entry.action === 'backup.create' && entry.label.includes(basename(written.file)));
    const verify = entries.find((entry) => entry.action === 'backup.verify' && entry.label.includes(basename(written.file)));
    expect(create, JSON.stringify(entries.slice(0, 5))).toMatchObject({ username: OWNER, entity: 'backup' });
    expect(verify, JSON.stringify(entries.slice(0, 5))).toMatchObject({ username: OWNER, entity: 'backup' });
    await h.call('owner', 'backup.restore', { file: written.file, credentials: { username: OWNER, password: OWNER_PASSWORD } });
    await h.call('owner', 'auth.signIn', { username: OWNER, password: OWNER_PASSWORD });
    const after = await auditActions(h);
    expect(after.filter((entry) => entry.action === 'backup.restore')).toHaveLength(2);
    expect(after.find((entry) => entry.action === 'backup.restore')!.label).toContain(basename(written.file));
    expect(await h.call('owner', 'audit.verify', {})).toMatchObject({ ok: true });
  });

  it('restores a backup of an older schema version: the migrations bring it to the schema a new shop gets, every row kept', async () => {
    // The older backup holds what an app of the previous version would have written: the same
    // rows in the schema of SCHEMA_VERSION - 1, rebuilt from the migrations themselves; the
    // schema after the restore is compared with what the migrations give a new shop.
    const { core } = await restoreOlderBackup(h);
    core.close();
  });

  it('refuses a backup made by a newer app version, clearly, and changes nothing', async () => {
    const file = await backupOfCopy(h.dataDir, tempDir('newer'), (db) => db.pragma(`user_version = ${SCHEMA_VERSION + 1}`));
    const credentials = { username: OWNER, password: OWNER_PASSWORD };
    const before = await fingerprint(h.core);
    const files = filesOf(h.dataDir);
    for (const method of ['backup.verify', 'backup.restore']) {
      const result = await h.raw('owner', method, { file, credentials });
      expect(codeOf(result), JSON.stringify(result)).toBe('UNSUPPORTED_VERSION');
      if (!result.ok) expect(result.error.message).toMatch(/newer/i);
    }
    expect(await fingerprint(h.core)).toEqual(before);
    expect(Object.keys(filesOf(h.dataDir)).sort()).toEqual(Object.keys(files).sort());
    const empty = tempDir('new-pc');
    const core = h.otherCore({ dataDir: empty });
    try {
      for (const method of ['setup.verifyBackup', 'setup.restore']) expect(codeOf(await core.invoke('first-run', method, { file, credentials }))).toBe('UNSUPPORTED_VERSION');
      expect(readdirSync(empty)).toEqual([]);
    } finally {
      core.close();
    }
  });
});
