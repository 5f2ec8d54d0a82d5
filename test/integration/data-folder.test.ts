// The data folder when it is not what it should be (a file, unwritable, unreadable, key slots
// without slots), and how it is kept: the folder 0700 and its files 0600 whatever the umask.
// Through the CLI, as the person who hits these does. Permissions mean nothing to root, so when the
// tests run as root the CLI runs as `nobody` (in folders it may enter).
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { childEnv, coreOn, OWNER_PASSWORD, testClock } from './harness.ts';
import { makeShop, OWNER, removeTempDirs, tempDir } from './fixtures/backup-shop.ts';
import { BIN, serve } from './fixtures/processes.ts';

const clock = testClock();
const asRoot = process.getuid?.() === 0;
const NOBODY = 65534;

/** A folder the CLI may use (as `nobody` when the tests run as root). */
function playground(): string {
  const dir = tempDir('data-folder');
  chmodSync(dir, 0o777);
  return dir;
}

/** Runs `clientele ARGS` under `umask 000` (so only the code's own modes protect the files). */
function clientele(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn('/bin/sh', ['-c', 'umask 000 && exec "$0" "$@"', process.execPath, BIN, ...args], {
    env: childEnv(clock, { CLIENTELE_PASSWORD: OWNER_PASSWORD, HOME: '/tmp', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.on('exit', (code) => done({ code, stdout, stderr })));
}

function errorOf(run: { stderr: string }): { code: string; message: string; details?: { reason?: string } } {
  return (JSON.parse(run.stderr) as { error: { code: string; message: string; details?: { reason?: string } } }).error;
}

const mode = (path: string) => statSync(path).mode & 0o777;

describe('the data folder', () => {
  afterAll(() => removeTempDirs());

  it('init into a file, or into a folder that may not be written, fails with IO and says why', async () => {
    const dir = playground();
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    chmodSync(file, 0o666);
    const intoFile = await clientele(['init', '--data-dir', file, '--shop', '张三小店', '--owner', OWNER, '--json']);
    expect(intoFile.code, intoFile.stderr).toBe(1);
    expect(errorOf(intoFile)).toMatchObject({ code: 'IO', details: { reason: 'notFolder' } });
    expect(errorOf(intoFile).message).toContain(`the data folder ${file} is a file, not a folder`);

    const locked = join(dir, 'read-only');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    for (const target of [join(locked, 'shop'), locked]) {
      const denied = await clientele(['init', '--data-dir', target, '--shop', '张三小店', '--owner', OWNER, '--json']);
      expect(denied.code, denied.stderr).toBe(1);
      expect(errorOf(denied), target).toMatchObject({ code: 'IO', details: { reason: 'denied' } });
      expect(errorOf(denied).message).toContain('permission denied');
    }
  });

  it('is made 0700 with its files 0600 under umask 000: database, its WAL, key slots, backups', async () => {
    const dataDir = join(playground(), 'shop');
    const init = await clientele(['init', '--data-dir', dataDir, '--shop', '张三小店', '--owner', OWNER]);
    expect(init.code, init.stderr).toBe(0);
    expect(mode(dataDir)).toBe(0o700);
    for (const name of ['clientele.db', 'keyslots.json']) expect(mode(join(dataDir, name)), name).toBe(0o600);

    const stick = playground();
    const backup = await clientele(['backup', '--to', stick, '--data-dir', dataDir, '--user', OWNER, '--json']);
    expect(backup.code, backup.stderr).toBe(0);
    expect(mode((JSON.parse(backup.stdout) as { file: string }).file)).toBe(0o600);

    // SQLite's own files, while browser mode has the database open and has written to it.
    const browser = await serve(dataDir, childEnv(clock, { CLIENTELE_PASSWORD: '', HOME: '/tmp' }), asRoot ? { uid: NOBODY, gid: NOBODY } : {});
    expect((await browser.invoke('auth.signIn', { username: OWNER, password: OWNER_PASSWORD })).ok).toBe(true);
    expect((await browser.invoke('customers.create', { name: '新客户' })).ok).toBe(true);
    const files = readdirSync(dataDir).filter((name) => name.startsWith('clientele.db'));
    expect(files).toEqual(expect.arrayContaining(['clientele.db', 'clientele.db-wal', 'clientele.db-shm']));
    for (const name of files) expect(mode(join(dataDir, name)), name).toBe(0o600);
    browser.process.child.kill('SIGTERM');
    await browser.process.exited;
  });

  it('a data folder that may not be read (mode 000) answers IO, not "not set up" or INTERNAL', async () => {
    const dataDir = join(playground(), 'shop');
    expect((await clientele(['init', '--data-dir', dataDir, '--shop', '张三小店', '--owner', OWNER])).code).toBe(0);
    chmodSync(dataDir, 0o000);
    try {
      const status = await clientele(['status', '--data-dir', dataDir, '--user', OWNER, '--json']);
      expect(status.code, status.stderr).toBe(1);
      expect(errorOf(status)).toMatchObject({ code: 'IO', details: { reason: 'denied' } });
      expect(errorOf(status).message).toContain(dataDir);
    } finally {
      chmodSync(dataDir, 0o700);
    }
  });

  it('key slots without slots are CORRUPT with a clear message, for a password and for the recovery key', async () => {
    const dataDir = tempDir('no-slots');
    const core = coreOn(clock, { dataDir });
    try {
      await makeShop(core, { customers: 0 });
    } finally {
      core.close();
    }
    const variants = [{}, { format: 2 }, { format: 2, cipher: 'aegis', users: [], recovery: {} }, { format: 2, cipher: 'aegis', users: [{}], recovery: null }, []];
    for (const variant of variants) {
      writeFileSync(join(dataDir, 'keyslots.json'), JSON.stringify(variant));
      const again = coreOn(clock, { dataDir });
      try {
        for (const [method, input] of [
          ['auth.signIn', { username: OWNER, password: OWNER_PASSWORD }],
          ['auth.recover', { username: OWNER, recoveryKey: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH', newPassword: 'a-long-enough-password' }],
        ] as const) {
          const result = await again.invoke('owner', method, input);
          expect(result.ok ? 'OK' : result.error, `${method} with ${JSON.stringify(variant)}`).toMatchObject({ code: 'CORRUPT' });
          if (!result.ok) expect(result.error.message).toContain('keyslots.json holds no usable key slots');
        }
      } finally {
        again.close();
      }
    }
  });
});
