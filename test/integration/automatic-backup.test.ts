// Automatic backups: on exit (shutdown while someone is signed in) into the data folder's
// backups/ and the optional second folder, the daily one when its time has come, and the reminder.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dailyBackupDue } from '../../electron/core/areas/backup/handlers.ts';
import { engine } from '../../electron/core/db/engine.ts';
import { writeSetting } from '../../electron/core/areas/settings/service.ts';
import { databaseKeyOf, makeHarness, openDbWithKey, OWNER_PASSWORD, type Harness } from './harness.ts';

describe('automatic backups', () => {
  let h: Harness;
  let second: string;
  beforeEach(async () => {
    h = makeHarness();
    second = mkdtempSync(join(tmpdir(), 'clientele-second-'));
    await h.call('owner', 'setup.create', { shopName: 'Shop', ownerUsername: 'boss', password: OWNER_PASSWORD });
    await h.call('owner', 'customers.create', { name: 'Kept safe' });
  });
  afterEach(() => {
    h.cleanup();
    rmSync(second, { recursive: true, force: true });
  });

  it('writes one on exit into backups/ and the second folder, and clears the reminder', async () => {
    expect((await h.call('owner', 'backup.status', {})).overdue).toBe(true);
    await h.call('owner', 'backup.updateSettings', { secondFolder: second });
    await h.core.shutdown();
    const inData = readdirSync(join(h.dataDir, 'backups')).filter((name) => name.endsWith('.clbak'));
    expect(inData).toHaveLength(1);
    expect(readdirSync(second).filter((name) => name.endsWith('.clbak'))).toHaveLength(1);
    const again = h.otherCore(); // the next start of the app, at the same moment
    try {
      expect((await again.invoke('x', 'auth.signIn', { username: 'boss', password: OWNER_PASSWORD })).ok).toBe(true);
      const status = await again.invoke('x', 'backup.status', {});
      expect(status.ok && (status.value as { overdue: boolean }).overdue).toBe(false);
      const verified = await again.invoke('x', 'backup.verify', { file: join(h.dataDir, 'backups', inData[0]!), credentials: { username: 'boss', password: OWNER_PASSWORD } });
      expect(verified.ok && (verified.value as { manifest: { counts: { customers: number } } }).manifest.counts.customers).toBe(1);
    } finally {
      again.close();
    }
  });

  it('makes no backup on exit when nobody is signed in (the key is not in memory)', async () => {
    await h.call('owner', 'auth.signOut', {});
    await h.core.shutdown();
    expect(readdirSync(h.dataDir)).not.toContain('backups');
  });

  it('says the daily backup is due once its time has passed today, and not again after it ran', async () => {
    await h.call('owner', 'backup.updateSettings', { dailyTime: '18:00' });
    const db = openDbWithKey(h.dataDir, await databaseKeyOf(h.dataDir, 'boss', OWNER_PASSWORD));
    try {
      const today = (hours: number, minutes: number) => new Date(2026, 10, 22, hours, minutes).getTime();
      expect(await dailyBackupDue(db, today(17, 59))).toBe(false);
      expect(await dailyBackupDue(db, today(18, 1))).toBe(true);
      await writeSetting(db, 'last_auto_backup_at', String(today(18, 1)));
      expect(await dailyBackupDue(db, today(23, 0))).toBe(false);
      expect(await dailyBackupDue(db, today(23, 0) + 86_400_000)).toBe(true);
      await writeSetting(db, 'backup_daily_time', '');
      expect(await dailyBackupDue(db, today(23, 0) + 86_400_000)).toBe(false);
    } finally {
      engine.close(db);
    }
  });
});
