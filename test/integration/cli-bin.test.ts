// electron/cli/bin.mjs, the way users and developers start the CLI (`npx clientele`: the TypeScript
// through tsx, serve's core worker through dev-entry.mjs). Every other test starts the CLI bundled
// for the test run (test/cli-bundle.ts, much cheaper per process), so this file keeps that way of
// starting covered: a one-shot command in-process, and `serve` with its worker thread.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { childEnv, OWNER_PASSWORD, testClock } from './harness.ts';
import { BIN, clientele, serve, start } from './fixtures/processes.ts';

const BIN_MJS = resolve(import.meta.dirname, '../../electron/cli/bin.mjs');
const clock = testClock();
const dataDir = mkdtempSync(join(tmpdir(), 'clientele-cli-bin-'));
const env = childEnv(clock, { CLIENTELE_PASSWORD: OWNER_PASSWORD });

describe('the CLI through bin.mjs', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('the other tests start the bundle (globalSetup built it for this run)', () => {
    expect(BIN).toMatch(/node_modules\/\.cache\/clientele-cli-\w+\/clientele\.mjs$/);
  });

  it('runs a command, then serves the shop from its worker thread', async () => {
    const init = start([BIN_MJS, 'init', '--data-dir', dataDir, '--shop', '张三小店', '--owner', 'boss', '--json'], env);
    expect((await init.exited).code, init.stderr()).toBe(0);

    const browser = await serve(dataDir, env, {}, BIN_MJS);
    expect(await browser.invoke('auth.signIn', { username: 'boss', password: OWNER_PASSWORD })).toMatchObject({ ok: true });
    expect(await browser.invoke('customers.create', { name: '新客户' })).toMatchObject({ ok: true });
    browser.process.child.kill('SIGTERM');
    await browser.process.exited;

    // The same folder through the bundle reads what bin.mjs wrote.
    const status = await clientele(['status', '--data-dir', dataDir, '--user', 'boss', '--json'], env);
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ counts: { users: 1, customers: 1 } });
  });
});
