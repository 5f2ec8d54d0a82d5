// The core in a worker thread (electron/core/worker): the same answers as the in-process core,
// events per session, a crash answered (never a hanging promise), a synchronous close, a shutdown
// that waits for the backup on exit, and the test's one clock seen from the worker.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../electron/core/core-types.ts';
import type { CoreInWorker } from '../../electron/core/worker/core-in-worker.ts';
import { codeOf, coreOn, OWNER_PASSWORD, testClock, workerCoreOn, type TestClock } from './harness.ts';

const SHOP = { shopName: '张三小店', ownerUsername: 'boss', ownerDisplayName: '老板', password: OWNER_PASSWORD };

describe('the core in a worker thread', () => {
  let dataDir: string;
  let clock: TestClock;
  let core: CoreInWorker;
  let logged: string[];

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'clientele-worker-'));
    clock = testClock();
    logged = [];
    core = workerCoreOn(clock, { dataDir, validateOutput: true, log: (message) => logged.push(message) });
  });
  afterEach(() => {
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function value<T>(session: string, method: string, input: unknown): Promise<T> {
    const result = await core.invoke(session, method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value as T; // the test knows what it called
  }

  it('answers like the in-process core: values, and failures with their codes', async () => {
    await value('owner', 'setup.create', { ...SHOP, sampleData: true });
    const page = await value<{ rows: { name: string }[] }>('owner', 'customers.list', { sort: 'name', limit: 5 });
    const invalid = await core.invoke('owner', 'customers.list', { limit: 'many' });
    const unknown = await core.invoke('owner', 'no.such', {});
    const signedOut = await core.invoke('stranger', 'customers.list', {});
    core.close();

    const inProcess = coreOn(clock, { dataDir, validateOutput: true });
    try {
      expect((await inProcess.invoke('owner', 'auth.signIn', { username: 'boss', password: OWNER_PASSWORD })).ok).toBe(true);
      const same = await inProcess.invoke('owner', 'customers.list', { sort: 'name', limit: 5 });
      expect(same).toEqual({ ok: true, value: page });
      expect(page.rows).toHaveLength(5);
      expect(invalid).toEqual(await inProcess.invoke('owner', 'customers.list', { limit: 'many' }));
    } finally {
      inProcess.close();
    }
    expect(codeOf(invalid)).toBe('VALIDATION');
    expect(codeOf(unknown)).toBe('NOT_FOUND');
    expect(codeOf(signedOut)).toBe('UNAUTHENTICATED');
  });

  it('forwards a job’s progress events to the listeners of its session only, and stops after unsubscribe', async () => {
    await value('owner', 'setup.create', SHOP);
    const mine: CoreEvent[] = [];
    const others: CoreEvent[] = [];
    const stopMine = core.onEvent('owner', (event) => mine.push(event));
    const stopOthers = core.onEvent('someone-else', (event) => others.push(event));
    await value('owner', 'system.rekey', {});
    expect(mine.filter((event) => event.job === 'rekey').at(-1)).toMatchObject({ type: 'progress', job: 'rekey' });
    const last = mine.at(-1)!;
    expect(last.done).toBe(last.total);
    expect(others).toEqual([]);

    stopMine();
    stopOthers();
    const before = mine.length;
    await value('owner', 'system.rekey', {});
    expect(mine).toHaveLength(before);
  });

  it('answers every pending and later call INTERNAL when the worker dies, and the door logs it', async () => {
    await value('owner', 'setup.create', SHOP);
    await value('owner', 'auth.signOut', {});
    // argon2id takes a while: the sign-in is surely still in the worker when it is stopped.
    const pending = core.invoke('owner', 'auth.signIn', { username: 'boss', password: OWNER_PASSWORD });
    await core.thread.terminate();
    const answered = await pending;
    expect(codeOf(answered)).toBe('INTERNAL');
    expect(!answered.ok && answered.error.message).toMatch(/^auth\.signIn: the core stopped unexpectedly .*restart Clientele/);
    const later = await core.invoke('owner', 'customers.list', {});
    expect(!later.ok && later.error).toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/^customers\.list: the core stopped unexpectedly/) });
    expect(logged).toEqual(['the core worker stopped unexpectedly']);
    await expect(core.shutdown()).resolves.toBeUndefined(); // nothing left to wait for
  });

  it('closes synchronously: the data folder is free for the next core at once, and later calls answer INTERNAL', async () => {
    await value('owner', 'setup.create', SHOP);
    const pending = core.invoke('owner', 'customers.list', {});
    core.close();
    // Answered either way (it may have finished before the close reached the worker), never left hanging.
    expect(['OK', 'INTERNAL']).toContain(codeOf(await pending));
    expect(await core.invoke('owner', 'customers.list', {})).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'customers.list: the core is closed' } });
    // A re-key needs the folder alone: it would name this core if its hold had not been released.
    const next = coreOn(clock, { dataDir, validateOutput: true });
    try {
      expect((await next.invoke('x', 'auth.signIn', { username: 'boss', password: OWNER_PASSWORD })).ok).toBe(true);
      expect(codeOf(await next.invoke('x', 'system.rekey', {}))).toBe('OK');
    } finally {
      next.close();
    }
  });

  it('shutdown waits for the automatic backup on exit, then closes', async () => {
    core.close();
    core = workerCoreOn(clock, { dataDir, validateOutput: true, longRunning: true });
    await value('owner', 'setup.create', SHOP);
    await value('owner', 'customers.create', { name: 'Kept safe' });
    await core.shutdown();
    expect(readdirSync(join(dataDir, 'backups')).filter((name) => name.endsWith('.clbak'))).toHaveLength(1);
    expect(codeOf(await core.invoke('owner', 'customers.list', {}))).toBe('INTERNAL');
  });

  it('reads the test’s one clock: moved between calls, the worker’s core sees the new time', async () => {
    await value('owner', 'setup.create', SHOP);
    const created = await value<{ createdAt: number }>('owner', 'customers.create', { name: 'Then' });
    expect(created.createdAt).toBe(clock.now);
    clock.now += 3 * 86_400_000 + 1234;
    // Idle for three days by the test's clock: the worker's core locked the session.
    const idle = await core.invoke('owner', 'customers.create', { name: 'Later' });
    expect(!idle.ok && idle.error.details).toEqual({ reason: 'idle' });
    await value('owner', 'auth.signIn', { username: 'boss', password: OWNER_PASSWORD });
    const later = await value<{ createdAt: number }>('owner', 'customers.create', { name: 'Later' });
    expect(later.createdAt).toBe(clock.now);
  });
});
