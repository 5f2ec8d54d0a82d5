// Other processes: a SIGKILL during a backup and at each step of a restore's swap leaves a data
// folder that opens, passes the integrity check and holds the old or the new data entirely; a
// restore into a folder the app has open in another process is refused.
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '../../shared/api/customers.ts';
import type { Core } from '../../electron/core/core-types.ts';
import { childEnv, coreOn, OWNER_PASSWORD, testClock } from './harness.ts';
import { BIN, start as startProcess, type Running } from './fixtures/processes.ts';
import { codeOf, filesOf, fingerprint, makeShop, ok, OWNER, removeTempDirs, tempDir, type Fingerprint } from './fixtures/backup-shop.ts';

const CHILD = resolve(import.meta.dirname, 'fixtures/backup-child.ts');
const CREDENTIALS = { username: OWNER, password: OWNER_PASSWORD };
/** The one clock of this file: the cores built here and every process started read it. */
const clock = testClock();

/** A process on the test's clock (the shared fixture's start, which kills what a failed test left running). */
function start(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Running {
  return startProcess(args, childEnv(clock, extraEnv));
}

/** Opens the folder as the next start of the app does, signs in, and checks it. */
async function reopen<T>(dataDir: string, work: (core: Core) => Promise<T>): Promise<T> {
  const core = coreOn(clock, { dataDir, validateOutput: true });
  try {
    await ok(core, 'owner', 'auth.signIn', CREDENTIALS);
    expect(await ok(core, 'owner', 'system.check', {})).toEqual({ ok: true, problems: [] });
    return await work(core);
  } finally {
    core.close();
  }
}

describe('SIGKILL during a backup', () => {
  afterAll(() => removeTempDirs());

  it('the data folder opens, passes the check, and keeps every committed save; no complete-looking file is left', async () => {
    const dataDir = tempDir('kill-backup');
    const folder = tempDir('stick');
    let known: Customer;
    let before: Fingerprint;
    const setup = coreOn(clock, { dataDir });
    try {
      ({ known } = await makeShop(setup));
      before = await fingerprint(setup);
    } finally {
      setup.close();
    }

    const run = start(['--import', 'tsx', CHILD, 'backup', dataDir, folder, String(known.id)]);
    await run.waitFor(/^progress backup /);
    await run.waitFor(/^committed \d+$/); // a save went through while the backup was under way
    run.child.kill('SIGKILL');
    expect((await run.exited).signal).toBe('SIGKILL');
    const committed = Math.max(...run.lines.filter((line) => line.startsWith('committed ')).map((line) => Number(line.split(' ')[1])));

    // Nothing in the destination looks like a finished backup; the killed one's hidden .partial remains.
    expect(readdirSync(folder).filter((name) => name.endsWith('.clbak') && !name.startsWith('.'))).toEqual([]);
    expect(readdirSync(folder).filter((name) => name.endsWith('.partial'))).toHaveLength(1);
    await reopen(dataDir, async (core) => {
      const now = await ok<Customer>(core, 'owner', 'customers.get', { id: known.id });
      expect(now.version).toBeGreaterThanOrEqual(committed);
      expect(now.name).toBe(`saved-${now.version}`);
      const after = await fingerprint(core);
      const others = (f: Fingerprint) => f.customers.filter((row) => !row.startsWith(`${known.id}:`));
      expect(after.counts).toEqual(before.counts);
      expect(others(after)).toEqual(others(before));
      // The stale lock of the killed process does not get in the way; the next backup works.
      const written = await ok<{ file: string }>(core, 'owner', 'backup.create', { folder });
      expect(existsSync(written.file)).toBe(true);
      // The next backup run removed the killed one's .partial.
      expect(readdirSync(folder).filter((name) => name.endsWith('.partial'))).toEqual([]);
    });
  });
});

describe('SIGKILL at each step of a restore', () => {
  let template: string;
  let file: string;
  let oldData: Fingerprint;
  let newData: Fingerprint;
  /** backup.restore entries in the audit log of the restored data, per kill point that ended with it. */
  const auditAfterRestore: { at: string; finished: boolean; entries: number }[] = [];

  beforeAll(async () => {
    template = tempDir('restore-template');
    const core = coreOn(clock, { dataDir: template });
    try {
      const { known } = await makeShop(core);
      file = (await ok<{ file: string }>(core, 'owner', 'backup.create', { folder: tempDir('stick') })).file;
      newData = await fingerprint(core);
      // What is there now differs from the backup in every way a restore must undo.
      const current = await ok<Customer>(core, 'owner', 'customers.get', { id: known.id });
      await ok(core, 'owner', 'customers.update', { ...current, name: '备份之后改的', version: current.version });
      await ok(core, 'owner', 'customers.create', { name: '备份之后的新客户', contacts: [{ name: '王五' }] });
      oldData = await fingerprint(core);
    } finally {
      core.close();
    }
    expect(oldData).not.toEqual(newData);
  });
  afterAll(() => removeTempDirs());

  it('killed by the test at its first progress event: the old or the new data entirely', async () => {
    const dataDir = tempDir('kill-restore');
    cpSync(template, dataDir, { recursive: true });
    const run = start(['--import', 'tsx', CHILD, 'restore', dataDir, file, 'none']);
    await run.waitFor(/^progress restore /);
    run.child.kill('SIGKILL');
    await run.exited;
    const holds = await reopen(dataDir, async (core) => {
      const now = JSON.stringify(await fingerprint(core));
      return now === JSON.stringify(oldData) ? 'old' : now === JSON.stringify(newData) ? 'new' : `neither: ${now}`;
    });
    expect(['old', 'new']).toContain(holds);
    expect(Object.keys(filesOf(dataDir)).filter((name) => /restore\.json|\.restore-work/.test(name))).toEqual([]);
  });

  it('before the marker: the old data entirely; after it: the new data entirely, finished on the next start', async () => {
    const outcomes: string[] = [];
    for (const at of ['marker', '1', '2', '3', '4', '5', '6', '7', '8']) {
      const dataDir = tempDir('kill-restore');
      cpSync(template, dataDir, { recursive: true });
      const run = start(['--import', 'tsx', CHILD, 'restore', dataDir, file, at]);
      const { signal, code } = await run.exited;
      const finished = run.lines.some((line) => line.startsWith('done'));
      expect(signal === 'SIGKILL' || (code === 0 && finished), `at ${at}: exit ${code ?? signal}: ${run.lines.join(' | ')}`).toBe(true);

      let restoresInLog = 0;
      const holds = await reopen(dataDir, async (core) => {
        const now = await fingerprint(core);
        restoresInLog = (await ok<{ rows: unknown[] }>(core, 'owner', 'audit.list', { action: 'backup.restore' })).rows.length;
        if (JSON.stringify(now) === JSON.stringify(oldData)) return 'old';
        if (JSON.stringify(now) === JSON.stringify(newData)) return 'new';
        return `neither: ${JSON.stringify(now)}`;
      });
      outcomes.push(`${at}:${finished ? 'finished' : 'killed'}:${holds}`);
      expect(holds, `killed at ${at}`).toBe(at === 'marker' ? 'old' : 'new');
      // Nothing of the interrupted restore is left over; the old data is kept aside once it was moved.
      const files = Object.keys(filesOf(dataDir));
      expect(files.filter((name) => /restore\.json|\.restore-work/.test(name)), `at ${at}`).toEqual([]);
      if (holds === 'new') expect(files.some((name) => /^backups[\\/]before-restore-[^\\/]+[\\/]clientele\.db$/.test(name)), `at ${at}: ${files.join(', ')}`).toBe(true);
      if (holds === 'new') auditAfterRestore.push({ at, finished, entries: restoresInLog });
      if (finished) break;
    }
    // The marker point and at least the moves aside and the installs were each hit by a kill.
    expect(outcomes.filter((outcome) => outcome.includes(':killed:')).length, outcomes.join(', ')).toBeGreaterThanOrEqual(4);
    expect(outcomes.at(-1), outcomes.join(', ')).toMatch(/:finished:new$/);
  }, 120_000);

  it('a restore finished on the next start is in the audit log of the data now in use, like any restore', () => {
    expect(auditAfterRestore.length).toBeGreaterThanOrEqual(2);
    for (const outcome of auditAfterRestore) expect(outcome.entries, `killed at ${outcome.at}${outcome.finished ? ' (not killed)' : ''}`).toBeGreaterThanOrEqual(1);
  });
});

describe('restore while the app has the data folder open in another process', () => {
  afterAll(() => removeTempDirs());

  it('is refused (CONFLICT running) and changes nothing; allowed again once the app is gone', async () => {
    const dataDir = tempDir('running');
    let file: string;
    const setup = coreOn(clock, { dataDir });
    try {
      await makeShop(setup);
      file = (await ok<{ file: string }>(setup, 'owner', 'backup.create', { folder: tempDir('stick') })).file;
      await ok(setup, 'owner', 'customers.create', { name: '备份之后的新客户' });
    } finally {
      setup.close();
    }

    // Browser mode on the folder, with the owner signed in through its HTTP API.
    const serve = start([BIN, 'serve', '--data-dir', dataDir], { CLIENTELE_PASSWORD: '' });
    try {
      const url = (await serve.waitFor(/http:\/\/127\.0\.0\.1:\d+\/#token=/)).match(/(http:\/\/127\.0\.0\.1:\d+)\/#token=([\w-]+)/)!;
      const [, origin, token] = url;
      // One browser: it keeps the session cookie the server gives it (the token alone is no session).
      let cookie = '';
      const invoke = async (method: string, input: unknown) => {
        const response = await fetch(`${origin}/api/invoke`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
          body: JSON.stringify({ method, input }),
        });
        cookie = response.headers.get('set-cookie')?.split(';')[0] ?? cookie;
        return (await response.json()) as { ok: boolean };
      };
      expect((await invoke('auth.signIn', CREDENTIALS)).ok).toBe(true);

      const core = coreOn(clock, { dataDir, validateOutput: true });
      try {
        await ok(core, 'owner', 'auth.signIn', CREDENTIALS);
        const before = await fingerprint(core);
        const files = Object.keys(filesOf(dataDir)).sort();
        const result = await core.invoke('owner', 'backup.restore', { file, credentials: CREDENTIALS });
        expect(codeOf(result), JSON.stringify(result)).toBe('CONFLICT');
        if (!result.ok) expect(result.error.details).toMatchObject({ reason: 'running' });
        expect(await fingerprint(core)).toEqual(before);
        expect(Object.keys(filesOf(dataDir)).sort()).toEqual(files);
        // The app in the other process still works.
        expect((await invoke('customers.count', {})).ok).toBe(true);
      } finally {
        core.close();
      }

      // Through the CLI too.
      const cli = start([BIN, 'restore', file, '--data-dir', dataDir, '--user', OWNER, '--json'], { CLIENTELE_PASSWORD: OWNER_PASSWORD });
      expect((await cli.exited).code).toBe(1);
      expect(JSON.parse(cli.stderr()).error).toMatchObject({ code: 'CONFLICT', details: { reason: 'running' } });
    } finally {
      serve.child.kill('SIGKILL'); // the app dies without releasing its lock
      await serve.exited;
    }

    // A lock left by a process that no longer runs does not block the restore.
    const core = coreOn(clock, { dataDir, validateOutput: true });
    try {
      await ok(core, 'owner', 'auth.signIn', CREDENTIALS);
      await ok(core, 'owner', 'backup.restore', { file, credentials: CREDENTIALS });
    } finally {
      core.close();
    }
  });
});
