// The one room behind every door: validate the input with the contract's schema, check the
// caller's session and permission, call the handler, return a result value.
import { contract, isMethodName, type MethodName } from '../../../shared/api/contract.ts';
import { ERROR_DETAILS, reasonOf } from '../../../shared/error-details.ts';
import { AppFailure, fail, ok, type Result } from '../../../shared/errors.ts';
import { roleHas } from '../../../shared/roles.ts';
import { toWireIssue } from '../../../shared/validation.ts';
import { fileSystemFailure } from '../fs-failure.ts';
import { readSettings } from '../areas/settings/service.ts';
import { findUser } from '../areas/users/service.ts';
import type { Caller, CoreState } from './context.ts';
import { closeWhenUnused, handlers } from './handlers.ts';
import { callArrived, runningJobs } from '../jobs.ts';

export type DispatchOptions = { validateOutput: boolean; log: (message: string, error: unknown) => void };

/** What a user with an initial or reset password may do before choosing their own. */
const BEFORE_PASSWORD_CHANGE: ReadonlySet<MethodName> = new Set(['auth.changePassword', 'auth.signOut', 'auth.session', 'settings.get']);

/**
 * The signed-in caller, or the reason there is none (signed out, deactivated, idle too long). Also
 * used by the file doors (files/door.ts), which take bytes instead of a method's input.
 */
export async function resolveCaller(
  state: CoreState,
  sessionKey: string,
  method: string,
): Promise<{ caller: Caller; mustChangePassword: boolean } | { failure: Result<never> }> {
  const signInFirst = { failure: fail('UNAUTHENTICATED', `${method}: sign in first`) };
  const session = state.sessions.get(sessionKey);
  const database = state.unlocked?.db;
  if (!session || !database) return signInFirst;
  let user;
  let idleMinutes;
  try {
    user = await findUser(database, session.userId);
    // Read on every call: the owner may have changed it in another process.
    idleMinutes = (await readSettings(database)).idleLockMinutes;
  } catch (error) {
    if (state.unlocked?.db !== database) return signInFirst; // the last session ended meanwhile and the database closed
    throw error;
  }
  if (!user || !user.active) return signInFirst;
  const now = state.clock();
  if (idleMinutes > 0 && now - session.lastSeen > idleMinutes * 60_000) {
    state.sessions.delete(sessionKey);
    closeWhenUnused(state);
    return { failure: fail('UNAUTHENTICATED', `${method}: locked after ${idleMinutes} idle minutes; sign in again`, { reason: 'idle' }) };
  }
  session.lastSeen = now;
  return {
    caller: { userId: user.id, username: user.username, displayName: user.displayName, role: user.role },
    mustChangePassword: user.mustChangePassword,
  };
}

export async function dispatch(state: CoreState, sessionKey: string, method: string, input: unknown, options: DispatchOptions): Promise<Result<unknown>> {
  callArrived(state); // a long job keeps its steps short while calls come in (jobs.ts)
  if (!isMethodName(method)) return fail('NOT_FOUND', `${String(method).slice(0, 100)}: no such method`);
  const spec = contract[method];
  const parsed = spec.input.safeParse(input ?? {});
  if (!parsed.success) {
    // With the bound, format or inner reason beside each code, so the renderer can say it in the user's language.
    const issues = parsed.error.issues.map(toWireIssue);
    return fail('VALIDATION', `${method}: ${describeIssues(issues)}`, issues);
  }
  let caller: Caller | null = null;
  try {
    if (spec.permission !== 'public') {
      const resolved = await resolveCaller(state, sessionKey, method);
      if ('failure' in resolved) return resolved.failure;
      caller = resolved.caller;
      if (resolved.mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(method)) {
        return fail('PASSWORD_CHANGE_REQUIRED', `${method}: choose your own password first`);
      }
      if (spec.permission !== 'signedIn' && !roleHas(caller.role, spec.permission)) {
        return fail('FORBIDDEN', `${method}: the role ${caller.role} may not do this (needs ${spec.permission})`);
      }
    }
    const handler = handlers[method] as (ctx: unknown, input: unknown) => unknown; // input was parsed by this method's own schema
    const value = await handler({ state, sessionKey, caller }, parsed.data);
    if (options.validateOutput) {
      const checked = spec.output.safeParse(value);
      if (!checked.success) return fail('INTERNAL', `${method}: the answer does not match the contract: ${checked.error.message}`);
    }
    return ok(value);
  } catch (error) {
    const failure = failureOf(method, error, options.log, state);
    // Tests check the details too: what each code carries is part of the contract (shared/error-details.ts).
    if (options.validateOutput && !failure.ok && failure.error.details !== undefined && !ERROR_DETAILS[failure.error.code].safeParse(failure.error.details).success) {
      return fail('INTERNAL', `${method}: the details of ${failure.error.code} do not match the contract: ${JSON.stringify(failure.error.details).slice(0, 300)}`);
    }
    return failure;
  }
}

/**
 * A thrown error as the result value every door answers (the file doors too). While this core
 * re-keys, a write is busy (the re-key holds the write lock) and a call queued behind the swap
 * finds the old connection closed: both are said as the re-key, not as another program.
 */
export function failureOf(method: string, error: unknown, log: DispatchOptions['log'], state?: CoreState): Result<never> {
  const failure = plainFailureOf(method, error, log);
  if (state && !failure.ok && failure.error.code === 'IO' && reasonOf(failure.error, 'IO') === 'busy' && runningJobs(state).some((job) => job.name === 'rekey')) {
    return fail('IO', `${method}: a re-key of the database is running; try again when it has finished`, { reason: 'rekey' });
  }
  return failure;
}

function plainFailureOf(method: string, error: unknown, log: DispatchOptions['log']): Result<never> {
  if (error instanceof AppFailure) return fail(error.code, `${method}: ${error.message}`, error.details);
  const sqliteCode = (error as { code?: string }).code ?? '';
  if (sqliteCode === 'SQLITE_CORRUPT' || sqliteCode === 'SQLITE_NOTADB') return fail('CORRUPT', `${method}: the database file is damaged (${sqliteCode})`);
  if (sqliteCode === 'SQLITE_FULL' || sqliteCode.startsWith('SQLITE_IOERR')) return fail('IO', `${method}: the disk refused the write (${sqliteCode})`);
  // Every BUSY and LOCKED variant (SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_TIMEOUT, SQLITE_LOCKED_SHAREDCACHE, ...):
  // another process kept the write lock longer than the connection's busy_timeout.
  if (/^SQLITE_(BUSY|LOCKED)(_|$)/.test(sqliteCode)) {
    return fail('IO', `${method}: the data is busy in another Clientele program (window, browser mode or command); try again`, { reason: 'busy' });
  }
  // A call that was under way when the last session ended, a restore or a re-key closed the database.
  if (error instanceof TypeError && error.message === 'The database connection is not open') {
    return fail('IO', `${method}: the database was closed meanwhile (signed out, restored or re-keyed); try again`, { reason: 'busy' });
  }
  const fsFailure = fileSystemFailure(error); // a folder that cannot be written, a full disk, ...
  if (fsFailure) return fail('IO', `${method}: ${fsFailure.message}`, fsFailure.details);
  log(`${method} failed`, error);
  return fail('INTERNAL', `${method}: unexpected error: ${(error as Error).message}`);
}

function describeIssues(issues: { path: string[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`)
    .join('; ');
}
