// A real core on a real encrypted database in a temp dir, with a controllable clock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract.ts';
import type { User } from '../../shared/api/users.ts';
import type { AppError, Result } from '../../shared/errors.ts';
import type { Role } from '../../shared/roles.ts';
import { cliClock, TEST_NOW_VARIABLE } from '../../electron/cli/clock.ts';
import { createCore } from '../../electron/core/create-core.ts';
import type { Core, CoreOptions } from '../../electron/core/core-types.ts';
import { createCoreInWorker, type CoreInWorker, type CoreInWorkerOptions } from '../../electron/core/worker/core-in-worker.ts';
import { unwrapKey } from '../../electron/core/crypto/keys.ts';
import { findUserSlot, readKeyslots } from '../../electron/core/crypto/keyslots.ts';
import { openEncrypted, type SqliteDatabase } from '../../electron/core/db/sqlite/open.ts';
import type { Db } from '../../electron/core/db/database.ts';
import { engine } from '../../electron/core/db/engine.ts';

// Neither contains a user name used in the tests, and neither is a common password.
export const OWNER_PASSWORD = 'owner-pass-7f3k';
export const USER_PASSWORD = 'kiwi-orbit-5821-zq';
/** What the owner gives a new user; they must change it at first sign-in. */
export const INITIAL_PASSWORD = 'temp-lantern-3907';

/**
 * The one clock of a test. Everything a test builds reads it: the harness's core, any other core
 * (`coreOn`, `h.otherCore`) and any child process (`childEnv`), so no part of a test runs on today's
 * date. It starts at TEST_START and moves only when the test moves it. test/unit/one-clock.test.ts
 * fails on a core built without it; a CLI or fixture started without it refuses to run.
 */
export type TestClock = { now: number };

/** 2026-11-22 09:00 UTC, a Sunday: where every test clock starts. */
export const TEST_START = Date.UTC(2026, 10, 22, 9, 0, 0);

export function testClock(): TestClock {
  return { now: TEST_START };
}

/** A core on the test's clock: how a test builds one (never `createCore` without a clock). */
export function coreOn(clock: TestClock, options: Omit<CoreOptions, 'clock'>): Core {
  return createCore({ ...options, clock: () => clock.now });
}

/**
 * The same on a worker thread (electron/core/worker): the test's clock crosses as shared memory the
 * door writes before every call, so moving `clock.now` between calls moves the worker's time too.
 */
export function workerCoreOn(clock: TestClock, options: Omit<CoreInWorkerOptions, 'clock'>): CoreInWorker {
  return createCoreInWorker({ ...options, clock: () => clock.now });
}

/**
 * The environment for a child process a test starts (the CLI, `serve`, a fixture): the clock's time
 * as it is now goes along in CLIENTELE_TEST_NOW (see electron/cli/clock.ts), and stays fixed there.
 */
export function childEnv(clock: TestClock, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, [TEST_NOW_VARIABLE]: String(clock.now), ...extra }; // `extra` wins: cli.test.ts tries a malformed value
}

/** In a child process a test started (a fixture): the test's clock from `childEnv()`; without it, refuses to run. */
export function inheritedClock(): TestClock {
  if (!process.env[TEST_NOW_VARIABLE]) throw new Error(`${TEST_NOW_VARIABLE} is not set: start this fixture with childEnv(clock)`);
  return { now: cliClock()() };
}

export type Harness = {
  /** The current core; `restart()` replaces it. */
  readonly core: Core;
  dataDir: string;
  clock: TestClock;
  /** Another core on the harness's clock (by default on the same data dir, outputs checked); the test closes it. */
  otherCore(options?: Partial<Omit<CoreOptions, 'clock'>>): Core;
  /** Calls a method as the given session and expects success. */
  call<M extends MethodName>(session: string, method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Calls a method and expects the given error code. */
  failure(session: string, method: string, input: unknown, code: AppError['code']): Promise<AppError>;
  raw(session: string, method: string, input: unknown): Promise<Result<unknown>>;
  /** Closes the core and starts a new one on the same data dir (a restart of the app). */
  restart(): void;
  cleanup(): void;
};

export function makeHarness(): Harness {
  const dataDir = mkdtempSync(join(tmpdir(), 'clientele-it-'));
  const clock = testClock();
  const start = () => coreOn(clock, { dataDir, validateOutput: true });
  let core = start();
  const raw = (session: string, method: string, input: unknown) => core.invoke(session, method, input);
  return {
    get core() {
      return core;
    },
    dataDir,
    clock,
    otherCore: (options = {}) => coreOn(clock, { dataDir, validateOutput: true, ...options }),
    raw,
    async call(session, method, input) {
      const result = await raw(session, method, input);
      if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
      return result.value as never; // the core checked it against the method's output schema
    },
    async failure(session, method, input, code) {
      const result = await raw(session, method, input);
      expect(result.ok ? 'OK' : result.error.code, `${method} should fail with ${code}: ${JSON.stringify(result).slice(0, 500)}`).toBe(code);
      if (result.ok) throw new Error('unreachable');
      return result.error;
    },
    restart() {
      core.close();
      core = start();
    },
    cleanup() {
      core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The error code of a result, or 'OK'. */
export function codeOf(result: Result<unknown>): string {
  return result.ok ? 'OK' : result.error.code;
}

/**
 * The owner (session `ownerSession`) creates a user with the initial password; the user signs in
 * on session `session` and changes it to USER_PASSWORD, as the app makes them do.
 */
export async function addUser(
  h: Harness,
  user: { username: string; role: Role; session?: string; displayName?: string },
  ownerSession = 'owner',
): Promise<User> {
  const session = user.session ?? user.username;
  await h.call(ownerSession, 'users.create', { username: user.username, displayName: user.displayName ?? user.username, role: user.role, password: INITIAL_PASSWORD });
  await h.call(session, 'auth.signIn', { username: user.username, password: INITIAL_PASSWORD });
  const changed = await h.call(session, 'auth.changePassword', { oldPassword: INITIAL_PASSWORD, newPassword: USER_PASSWORD });
  expect(changed.user.mustChangePassword).toBe(false);
  return changed.user;
}

/** Set-up by the owner (session "owner"), plus one signed-in session per other role, named after the role. */
export async function shopWithRoles(h: Harness, options: { sampleData?: boolean } = {}): Promise<Record<Role, string>> {
  await h.call('owner', 'setup.create', {
    shopName: '张三小店',
    ownerUsername: 'boss',
    ownerDisplayName: '老板',
    password: OWNER_PASSWORD,
    sampleData: options.sampleData ?? false,
  });
  for (const role of ['manager', 'staff', 'viewer'] as const) await addUser(h, { username: role, role });
  return { owner: 'owner', manager: 'manager', staff: 'staff', viewer: 'viewer' };
}

/** The user with this name, as the owner sees it. */
export async function userNamed(h: Harness, username: string, ownerSession = 'owner'): Promise<User> {
  const user = (await h.call(ownerSession, 'users.list', {})).find((u) => u.username === username);
  if (!user) throw new Error(`no user ${username}`);
  return user;
}

/** The raw database key as the core unwraps it from a user's key slot (tests only: tampering, re-key). */
export async function databaseKeyOf(dataDir: string, username: string, password: string): Promise<string> {
  const slot = findUserSlot(readKeyslots(dataDir), username);
  if (!slot) throw new Error(`no key slot for ${username}`);
  const key = await unwrapKey(slot, password);
  if (!key) throw new Error(`the password does not open ${username}'s slot`);
  return key.toString('hex');
}

/** A second, raw connection to the encrypted database, as someone holding the key could open it. */
export function openWithKey(dataDir: string, keyHex: string): SqliteDatabase {
  return openEncrypted(join(dataDir, 'clientele.db'), keyHex);
}

/** The same, as the services take it (Kysely): for tests that call a service directly. Close it with `engine.close`. */
export function openDbWithKey(dataDir: string, keyHex: string): Db {
  return engine.open({ file: join(dataDir, 'clientele.db'), keyHex }, { migrate: false });
}
