// The lock around keyslots.json: held across processes, and freed by the operating system when the
// holder dies (kill -9 inside the lock must not leave sign-in stuck).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withFileLock } from '../../electron/core/db/sqlite/file-lock.ts';
import { AppFailure } from '../../shared/errors.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/** Another process that takes the lock the way withFileLock does and keeps it until killed. */
function holder(lockPath: string): Promise<ReturnType<typeof spawn>> {
  const script = `
    import Database from 'better-sqlite3-multiple-ciphers';
    const db = new Database(${JSON.stringify(lockPath)});
    db.exec('BEGIN EXCLUSIVE');
    process.stdout.write('held\\n');
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((done, reject) => {
    child.stdout!.once('data', () => done(child));
    child.once('exit', (code) => reject(new Error(`holder exited with ${code}`)));
  });
}

describe('withFileLock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'clientele-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the work, nests inside itself, and leaves a private lock file', () => {
    const lock = join(dir, 'x.lock');
    expect(withFileLock(lock, () => withFileLock(lock, () => 42))).toBe(42);
    expect(statSync(lock).mode & 0o777).toBe(0o600);
  });

  it('waits for another process, answers IO busy when it does not let go, and is free once the holder is killed', async () => {
    const lock = join(dir, 'x.lock');
    const child = await holder(lock);
    try {
      let refused: unknown;
      try {
        withFileLock(lock, () => 'never', { waitMs: 200, operation: 'keyslots' });
      } catch (error) {
        refused = error;
      }
      expect(refused).toBeInstanceOf(AppFailure);
      expect(refused).toMatchObject({ code: 'IO', details: { reason: 'busy' } });
    } finally {
      child.kill('SIGKILL');
      await new Promise((done) => child.once('exit', done));
    }
    expect(withFileLock(lock, () => 'after', { waitMs: 0 })).toBe('after');
  });
});
