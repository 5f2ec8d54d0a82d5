// While a backup copies its snapshot, nothing may rewrite the database file under it: re-keying
// and seeding (which checkpoints) are refused, ordinary edits go on and are not in the backup.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackupIo } from '../../electron/core/areas/backup/backup-io.ts';
import { realBackupIo } from '../../electron/core/areas/backup/backup-io.ts';
import type { Core } from '../../electron/core/core-types.ts';
import { coreOn, OWNER_PASSWORD, testClock } from './harness.ts';

describe('during a backup', () => {
  let dataDir: string;
  let stick: string;
  let core: Core;
  let release: () => void = () => undefined;
  let firstWrite: Promise<void>;
  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'clientele-busy-'));
    stick = mkdtempSync(join(tmpdir(), 'clientele-busy-stick-'));
    let started: () => void = () => undefined;
    firstWrite = new Promise((resolve) => (started = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The first chunk waits at the gate: the backup stays "running" until the test opens it.
    const slowIo: BackupIo = {
      async writeChunk(handle, chunk, position) {
        started();
        await gate;
        return realBackupIo.writeChunk(handle, chunk, position);
      },
    };
    core = coreOn(testClock(), { dataDir, backupIo: slowIo });
    const setup = await core.invoke('o', 'setup.create', { shopName: 'Shop', ownerUsername: 'boss', password: OWNER_PASSWORD });
    expect(setup.ok).toBe(true);
    await core.invoke('o', 'customers.create', { name: 'Before the backup' });
  });
  afterEach(() => {
    release();
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(stick, { recursive: true, force: true });
  });

  it('refuses re-key and seeding, lets edits through, and the backup holds the snapshot only', async () => {
    const backup = core.invoke('o', 'backup.create', { folder: stick });
    await firstWrite;
    for (const [method, input] of [
      ['system.rekey', {}],
      ['system.seed', { customers: 5 }],
      ['backup.create', { folder: stick }],
    ] as const) {
      const refused = await core.invoke('o', method, input);
      expect(refused.ok ? 'OK' : refused.error.code, method).toBe('CONFLICT');
      expect(refused.ok ? null : refused.error.details).toEqual({ reason: 'busy' });
    }
    const edit = await core.invoke('o', 'customers.create', { name: 'During the backup' });
    expect(edit.ok).toBe(true);
    release();
    const done = await backup;
    expect(done.ok, JSON.stringify(done)).toBe(true);
    const file = (done.ok ? done.value : null) as { file: string; counts: { customers: number } };
    expect(file.counts.customers).toBe(1);
    const verified = await core.invoke('o', 'backup.verify', { file: file.file, credentials: { username: 'boss', password: OWNER_PASSWORD } });
    expect(verified.ok && (verified.value as { manifest: { counts: { customers: number } } }).manifest.counts.customers).toBe(1);
  });
});
