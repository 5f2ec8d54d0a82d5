// A real core on a real encrypted database in a temp dir, with a controllable clock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract.ts';
import type { AppError, Result } from '../../shared/errors.ts';
import type { Role } from '../../shared/roles.ts';
import { createCore } from '../../electron/core/create-core.ts';
import type { Core } from '../../electron/core/core-types.ts';

export const OWNER_PASSWORD = 'owner-pass-7f3k';
export const USER_PASSWORD = 'staff-pass-9q2m';

export type Harness = {
  core: Core;
  dataDir: string;
  clock: { now: number };
  /** Calls a method as the given session and expects success. */
  call<M extends MethodName>(session: string, method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Calls a method and expects the given error code. */
  failure(session: string, method: string, input: unknown, code: AppError['code']): Promise<AppError>;
  raw(session: string, method: string, input: unknown): Promise<Result<unknown>>;
  cleanup(): void;
};

export function makeHarness(): Harness {
  const dataDir = mkdtempSync(join(tmpdir(), 'clientele-it-'));
  const clock = { now: Date.UTC(2026, 10, 22, 9, 0, 0) };
  const core = createCore({ dataDir, clock: () => clock.now, validateOutput: true });
  const raw = (session: string, method: string, input: unknown) => core.invoke(session, method, input);
  return {
    core,
    dataDir,
    clock,
    raw,
    async call(session, method, input) {
      const result = await raw(session, method, input);
      if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
      return result.value as never; // the core checked it against the method's output schema
    },
    async failure(session, method, input, code) {
      const result = await raw(session, method, input);
      expect(result.ok, `${method} should fail with ${code}`).toBe(false);
      if (result.ok) throw new Error('unreachable');
      expect(result.error.code).toBe(code);
      return result.error;
    },
    cleanup() {
      core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Set-up by the owner (session "owner"), plus one signed-in session per other role. */
export async function shopWithRoles(h: Harness, options: { sampleData?: boolean } = {}): Promise<Record<Role, string>> {
  await h.call('owner', 'setup.create', {
    shopName: '张三小店',
    ownerUsername: 'boss',
    ownerDisplayName: '老板',
    password: OWNER_PASSWORD,
    sampleData: options.sampleData ?? false,
  });
  for (const role of ['manager', 'staff', 'viewer'] as const) {
    await h.call('owner', 'users.create', { username: role, displayName: role, role, password: USER_PASSWORD });
    await h.call(role, 'auth.signIn', { username: role, password: USER_PASSWORD });
  }
  return { owner: 'owner', manager: 'manager', staff: 'staff', viewer: 'viewer' };
}
