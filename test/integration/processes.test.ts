// Real processes on one data folder: `clientele serve` (driven over HTTP like a browser), CLI
// commands and a second writing process, all on the test's clock. Every acknowledged write must
// survive and the audit chain must stay intact; a restore or re-key must refuse while another
// process has the folder open; stopping `serve` makes its automatic backup.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/errors.ts';
import { childEnv, coreOn, databaseKeyOf, OWNER_PASSWORD, openWithKey, testClock } from './harness.ts';
import { makeShop, ok, OWNER, removeTempDirs, tempDir } from './fixtures/backup-shop.ts';
import { clientele, serve, start } from './fixtures/processes.ts';

const WRITER = resolve(import.meta.dirname, 'fixtures/writer-child.ts');
const PAUSED_BACKUP = resolve(import.meta.dirname, 'fixtures/paused-backup-child.ts');
const CREDENTIALS = { username: OWNER, password: OWNER_PASSWORD };

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T; // the caller names the method whose output it expects
}

/** A shop with one customer (and, if asked, a backup of it in another folder). */
async function shop(clock: ReturnType<typeof testClock>, options: { backup?: boolean } = {}): Promise<{ dataDir: string; backupFile: string | null }> {
  const dataDir = tempDir('processes');
  const core = coreOn(clock, { dataDir });
  try {
    await makeShop(core, { customers: 0 });
    const backupFile = options.backup ? (await ok<{ file: string }>(core, 'owner', 'backup.create', { folder: tempDir('stick') })).file : null;
    return { dataDir, backupFile };
  } finally {
    core.close();
  }
}

describe('several processes on one data folder', () => {
  afterAll(() => removeTempDirs());

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`serve stopped with ${signal} makes its automatic backup, holding the changes made`, async () => {
      const clock = testClock();
      const { dataDir } = await shop(clock);
      const browser = await serve(dataDir, childEnv(clock));
      value(await browser.invoke('auth.signIn', CREDENTIALS));
      value(await browser.invoke('customers.create', { name: '停止之前的新客户' }));
      browser.process.child.kill(signal);
      expect((await browser.process.exited).code, browser.process.stderr()).toBe(0);

      const backups = readdirSync(join(dataDir, 'backups')).filter((name) => name.endsWith('.clbak'));
      expect(backups).toHaveLength(1);
      const core = coreOn(clock, { dataDir });
      try {
        await ok(core, 'owner', 'auth.signIn', CREDENTIALS);
        const checked = await ok<{ manifest: { counts: Record<string, number>; createdBy: string } }>(core, 'owner', 'backup.verify', {
          file: join(dataDir, 'backups', backups[0]!),
          credentials: CREDENTIALS,
        });
        expect(checked.manifest).toMatchObject({ createdBy: 'automatic', counts: { customers: 2 } });
      } finally {
        core.close();
      }
    });
  }

  it('two writing processes: all 400 creates succeed, and the audit chain stays intact', async () => {
    const clock = testClock();
    const { dataDir } = await shop(clock);
    const writer = start(['--import', 'tsx', WRITER, dataDir, '200', 'child'], childEnv(clock));
    await writer.waitFor(/^ready$/);
    const browser = await serve(dataDir, childEnv(clock));
    value(await browser.invoke('auth.signIn', CREDENTIALS));

    writer.send("go");
    const failures: string[] = [];
    for (let i = 1; i <= 200; i++) {
      const created = await browser.invoke('customers.create', { name: `serve-${i}` });
      if (!created.ok) failures.push(`${created.error.code}: ${created.error.message}`);
    }
    const result = JSON.parse((await writer.waitFor(/^result /)).slice('result '.length)) as { ok: number; failed: Record<string, number> };
    expect((await writer.exited).code, writer.stderr()).toBe(0);
    expect(failures).toEqual([]);
    expect(result).toEqual({ ok: 200, failed: {} });
    expect(value<{ count: number }>(await browser.invoke('customers.count', {})).count).toBe(401);

    // The CLI, a third process, while serve still has the folder open.
    const env = childEnv(clock, { CLIENTELE_PASSWORD: OWNER_PASSWORD });
    const verified = await clientele(['audit', 'verify', '--data-dir', dataDir, '--user', OWNER, '--json'], env);
    expect(verified.code, verified.stderr).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true });
    browser.process.child.kill('SIGTERM');
    await browser.process.exited;
  }, 120_000);

  it('a backup holds the data as it was when it started, while another process writes and checkpoints meanwhile', async () => {
    const clock = testClock();
    const { dataDir } = await shop(clock);
    const stick = tempDir('stick');
    const backup = start(['--import', 'tsx', PAUSED_BACKUP, dataDir, stick], childEnv(clock));
    await backup.waitFor(/^paused$/);

    // Another process writes, and a checkpoint moves its commits into the database file the
    // backup is about to copy (SQLite does that by itself once the WAL is large).
    const writer = coreOn(clock, { dataDir });
    try {
      await ok(writer, 'owner', 'auth.signIn', CREDENTIALS);
      for (let i = 1; i <= 20; i++) await ok(writer, 'owner', 'customers.create', { name: `备份开始之后-${i}` });
    } finally {
      writer.close();
    }
    const raw = openWithKey(dataDir, await databaseKeyOf(dataDir, OWNER, OWNER_PASSWORD));
    try {
      raw.pragma('wal_checkpoint(PASSIVE)');
    } finally {
      raw.close();
    }

    backup.send('go');
    const written = value<{ file: string; counts: Record<string, number> }>(JSON.parse((await backup.waitFor(/^backup /)).slice('backup '.length)) as Result<unknown>);
    expect((await backup.exited).code, backup.stderr()).toBe(0);
    expect(written.counts.customers).toBe(1);
    // Restored on a new PC: exactly the data of the moment the backup started, and sound.
    const newPc = tempDir('new-pc');
    const core = coreOn(clock, { dataDir: newPc });
    try {
      await ok(core, 'first-run', 'setup.restore', { file: written.file, credentials: CREDENTIALS });
      await ok(core, 'owner', 'auth.signIn', CREDENTIALS);
      expect(await ok(core, 'owner', 'system.check', {})).toEqual({ ok: true, problems: [] });
      expect(await ok(core, 'owner', 'customers.count', {})).toEqual({ count: 1 });
    } finally {
      core.close();
    }
  }, 120_000);

  it('restore and re-key refuse while another process has the folder open, naming it; a second server stopping leaves the first one\'s hold', async () => {
    const clock = testClock();
    const { dataDir, backupFile } = await shop(clock, { backup: true });
    const first = await serve(dataDir, childEnv(clock));
    const second = await serve(dataDir, childEnv(clock));
    value(await first.invoke('auth.signIn', CREDENTIALS));
    value(await second.invoke('auth.signIn', CREDENTIALS));
    value(await first.invoke('customers.create', { name: '备份之后的新客户' }));
    second.process.child.kill('SIGTERM');
    expect((await second.process.exited).code).toBe(0);

    const env = childEnv(clock, { CLIENTELE_PASSWORD: OWNER_PASSWORD });
    const firstHolder = { kind: 'serve', pid: first.process.child.pid };
    for (const args of [['restore', backupFile!], ['rekey']]) {
      const refused = await clientele([...args, '--data-dir', dataDir, '--user', OWNER, '--json'], env);
      expect(refused.code, `${args[0]}: ${refused.stdout}`).toBe(1);
      const { error } = JSON.parse(refused.stderr) as { error: { code: string; message: string; details: { reason: string; holders: unknown[] } } };
      expect(error).toMatchObject({ code: 'CONFLICT', details: { reason: 'running' } });
      expect(error.details.holders).toEqual([expect.objectContaining(firstHolder)]);
      expect(error.message).toContain(`browser mode (process ${first.process.child.pid})`);
    }
    // The first server still answers, with the write made after the backup.
    expect(value<{ count: number }>(await first.invoke('customers.count', {})).count).toBe(2);

    first.process.child.kill('SIGTERM');
    expect((await first.process.exited).code).toBe(0);
    const rekeyed = await clientele(['rekey', '--data-dir', dataDir, '--user', OWNER, '--json'], env);
    expect(rekeyed.code, rekeyed.stderr).toBe(0);
  }, 120_000);
});
