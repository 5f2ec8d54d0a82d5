// The one room behind every door: validate the input with the contract's schema, check the
// caller's session and permission, call the handler, return a result value.
import { contract, isMethodName } from '../../../shared/api/contract.ts';
import { AppFailure, fail, ok, type Result } from '../../../shared/errors.ts';
import { roleHas } from '../../../shared/roles.ts';
import { findUser } from '../services/users.ts';
import type { Caller, CoreState } from './context.ts';
import { handlers } from './handlers.ts';

export type DispatchOptions = { validateOutput: boolean; log: (message: string, error: unknown) => void };

export async function dispatch(state: CoreState, sessionKey: string, method: string, input: unknown, options: DispatchOptions): Promise<Result<unknown>> {
  if (!isMethodName(method)) return fail('NOT_FOUND', `${String(method).slice(0, 100)}: no such method`);
  const spec = contract[method];
  const parsed = spec.input.safeParse(input ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: issue.path.map(String), code: issue.code, message: issue.message }));
    return fail('VALIDATION', `${method}: ${describeIssues(issues)}`, issues);
  }
  let caller: Caller | null = null;
  if (spec.permission !== 'public') {
    const userId = state.sessions.get(sessionKey);
    const user = userId !== undefined && state.unlocked ? findUser(state.unlocked.db, userId) : undefined;
    if (!user || !user.active) return fail('UNAUTHENTICATED', `${method}: sign in first`);
    caller = { userId: user.id, username: user.username, displayName: user.displayName, role: user.role };
    if (spec.permission !== 'signedIn' && !roleHas(user.role, spec.permission)) {
      return fail('FORBIDDEN', `${method}: the role ${user.role} may not do this (needs ${spec.permission})`);
    }
  }
  try {
    const handler = handlers[method] as (ctx: unknown, input: unknown) => unknown; // input was parsed by this method's own schema
    const value = await handler({ state, sessionKey, caller }, parsed.data);
    if (options.validateOutput) {
      const checked = spec.output.safeParse(value);
      if (!checked.success) return fail('INTERNAL', `${method}: the answer does not match the contract: ${checked.error.message}`);
    }
    return ok(value);
  } catch (error) {
    if (error instanceof AppFailure) return fail(error.code, `${method}: ${error.message}`, error.details);
    const sqliteCode = (error as { code?: string }).code ?? '';
    if (sqliteCode === 'SQLITE_CORRUPT' || sqliteCode === 'SQLITE_NOTADB') return fail('CORRUPT', `${method}: the database file is damaged (${sqliteCode})`);
    if (sqliteCode === 'SQLITE_FULL' || sqliteCode.startsWith('SQLITE_IOERR')) return fail('IO', `${method}: the disk refused the write (${sqliteCode})`);
    if (sqliteCode === 'SQLITE_BUSY') return fail('IO', `${method}: the database is busy in another program; try again`);
    options.log(`${method} failed`, error);
    return fail('INTERNAL', `${method}: unexpected error: ${(error as Error).message}`);
  }
}

function describeIssues(issues: { path: string[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`)
    .join('; ');
}
