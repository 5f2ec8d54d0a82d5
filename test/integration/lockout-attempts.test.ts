// The lock-out holds however attempts arrive: a parallel burst through one core, several CLI
// processes at once, the password change's "current password", and names that do not exist.
import { spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readKeyslots } from '../../electron/core/crypto/keyslots.ts';
import { MAX_FAILURES } from '../../electron/core/areas/auth/lockout.ts';
import type { AppError } from '../../shared/errors.ts';
import { addUser, childEnv, codeOf, makeHarness, OWNER_PASSWORD, USER_PASSWORD, type Harness } from './harness.ts';
import { BIN } from './fixtures/processes.ts';

/** Wrong secrets actually tested: each one leaves an `auth.signInFailed` event in keyslots.json. */
function testedFailures(dataDir: string): number {
  return readKeyslots(dataDir).pendingEvents.filter((event) => event.action === 'auth.signInFailed').length;
}

function errorOf(result: { ok: boolean; error?: AppError }): AppError {
  if (result.ok || !result.error) throw new Error('expected a failure');
  return result.error;
}

/** `clientele status` as its own process; resolves with the error code it printed (or OK) and its details. */
function cliStatus(h: Harness, password: string): Promise<{ code: string; details: unknown }> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, [BIN, 'status', '--data-dir', h.dataDir, '--user', 'boss', '--json'], {
      env: childEnv(h.clock, { CLIENTELE_PASSWORD: password }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.resume();
    child.on('error', reject);
    child.on('close', (status) => {
      if (status === 0) return done({ code: 'OK', details: null });
      try {
        const { error } = JSON.parse(stderr) as { error: AppError };
        done({ code: error.code, details: error.details });
      } catch {
        reject(new Error(`clientele status exited ${status}: ${stderr}`));
      }
    });
  });
}

describe('lock-out under concurrent attempts', () => {
  let h: Harness;
  beforeEach(async () => {
    h = makeHarness();
    await h.call('setup', 'setup.create', { shopName: 'Shop', ownerUsername: 'boss', password: OWNER_PASSWORD });
    await h.call('setup', 'auth.signOut', {});
  });
  afterEach(() => h.cleanup());

  it('tests at most five of 30 parallel wrong passwords, and the right one after them is refused', async () => {
    const wrong = Array.from({ length: 30 }, (_, i) => h.raw(`burst-${i}`, 'auth.signIn', { username: 'boss', password: `wrong-password-${i}` }));
    const right = h.raw('burst-right', 'auth.signIn', { username: 'boss', password: OWNER_PASSWORD });
    const results = await Promise.all([...wrong, right]);
    expect(testedFailures(h.dataDir)).toBe(MAX_FAILURES);
    const badPassword = results.filter((r) => codeOf(r) === 'BAD_PASSWORD').map((r) => (errorOf(r).details as { attemptsLeft: number }).attemptsLeft);
    expect(badPassword.sort()).toEqual([1, 2, 3, 4]);
    expect(results.filter((r) => codeOf(r) === 'LOCKED_OUT')).toHaveLength(27);
    expect(codeOf(results.at(-1)!)).toBe('LOCKED_OUT');
    expect(await h.call('burst-right', 'auth.session', {})).toBeNull();
  });

  it('a right password charged among the first five signs in and clears the counters', async () => {
    const results = await Promise.all([
      h.raw('a', 'auth.signIn', { username: 'boss', password: 'wrong-password-1' }),
      h.raw('b', 'auth.signIn', { username: 'boss', password: OWNER_PASSWORD }),
      h.raw('c', 'auth.signIn', { username: 'boss', password: 'wrong-password-2' }),
    ]);
    expect(results.map(codeOf)).toEqual(['BAD_PASSWORD', 'OK', 'BAD_PASSWORD']);
    expect(readKeyslots(h.dataDir).lockouts.boss).toBeUndefined();
  });

  it('holds across processes: eight CLI processes at once test five passwords, then even the right one is refused', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => cliStatus(h, `wrong-password-${i}`)));
    expect(testedFailures(h.dataDir)).toBe(MAX_FAILURES);
    const left = answers.filter((a) => a.code === 'BAD_PASSWORD').map((a) => (a.details as { attemptsLeft: number }).attemptsLeft);
    expect(left.sort()).toEqual([1, 2, 3, 4]);
    expect(answers.filter((a) => a.code === 'LOCKED_OUT')).toHaveLength(4);
    expect((await cliStatus(h, OWNER_PASSWORD)).code).toBe('LOCKED_OUT');
    await h.failure('x', 'auth.signIn', { username: 'boss', password: OWNER_PASSWORD }, 'LOCKED_OUT');
  }, 180_000);
});

describe('lock-out of the current password and of unknown names', () => {
  let h: Harness;
  beforeEach(async () => {
    h = makeHarness();
    await h.call('owner', 'setup.create', { shopName: 'Shop', ownerUsername: 'boss', password: OWNER_PASSWORD });
  });
  afterEach(() => h.cleanup());

  it('counts wrong current passwords in auth.changePassword towards the same lock-out', async () => {
    await addUser(h, { username: 'kate', role: 'staff' });
    const newPassword = 'fresh-meadow-7731-qp';
    for (let attempt = 1; attempt < MAX_FAILURES; attempt++) {
      const error = await h.failure('kate', 'auth.changePassword', { oldPassword: `wrong-old-${attempt}`, newPassword }, 'BAD_PASSWORD');
      expect(error.details).toEqual([{ path: ['oldPassword'], message: 'wrongPassword', attemptsLeft: MAX_FAILURES - attempt }]);
    }
    const locked = await h.failure('kate', 'auth.changePassword', { oldPassword: 'wrong-old-5', newPassword }, 'LOCKED_OUT');
    expect(locked.details).toMatchObject({ retryInSeconds: 300 });
    // The right one is refused now, here and at the sign-in screen alike.
    await h.failure('kate', 'auth.changePassword', { oldPassword: USER_PASSWORD, newPassword }, 'LOCKED_OUT');
    await h.failure('elsewhere', 'auth.signIn', { username: 'kate', password: USER_PASSWORD }, 'LOCKED_OUT');
    // The lock-out is in the audit log.
    const entries = await h.call('owner', 'audit.list', {});
    expect(JSON.stringify(entries)).toContain('auth.lockedOut');
    h.clock.now += 301_000;
    const changed = await h.call('kate', 'auth.changePassword', { oldPassword: USER_PASSWORD, newPassword });
    expect(changed.user.username).toBe('kate');
  });

  it('answers an unknown user name exactly like a known one with a wrong password', async () => {
    const answers = async (username: string) => {
      const seen: unknown[] = [];
      for (let attempt = 1; attempt <= MAX_FAILURES + 1; attempt++) {
        const result = await h.raw(`s-${username}`, 'auth.signIn', { username, password: `wrong-password-${attempt}` });
        const error = errorOf(result);
        seen.push({ code: error.code, message: error.message, details: error.details });
      }
      return seen;
    };
    const known = await answers('boss');
    const unknown = await answers('nobody');
    expect(unknown).toEqual(known);
    expect(known.map((a) => (a as { code: string }).code)).toEqual(['BAD_PASSWORD', 'BAD_PASSWORD', 'BAD_PASSWORD', 'BAD_PASSWORD', 'LOCKED_OUT', 'LOCKED_OUT']);
  });
});
