// What every handler needs: the open database, the caller, their access, session bookkeeping.
import type { z } from 'zod';
import type { Contract, MethodName, MethodOutput } from '../../../shared/api/contract.ts';
import type { SessionInfo } from '../../../shared/api/auth.ts';
import { AppFailure } from '../../../shared/errors.ts';
import { ROLE_PERMISSIONS } from '../../../shared/roles.ts';
import { first, qb, transaction, type Db } from '../db/sql.ts';
import { accessFor, type Access } from '../services/access.ts';
import { appendAudit } from '../services/audit.ts';
import { readSettings } from '../services/settings.ts';
import { findUser } from '../services/users.ts';
import { takePendingEvents, type Unlocked } from '../vault.ts';
import type { Caller, CoreState, HandlerContext } from './context.ts';
import { holdLock, releaseLock } from '../backup/process-lock.ts';

export type Handlers = {
  [M in MethodName]: (ctx: HandlerContext, input: z.output<Contract[M]['input']>) => MethodOutput<M> | Promise<MethodOutput<M>>;
};

export function db(ctx: HandlerContext): Db {
  if (!ctx.state.unlocked) throw new AppFailure('UNAUTHENTICATED', 'the database is locked; sign in first');
  return ctx.state.unlocked.db;
}

/** The database key, to seal a new key slot; only for the owner's user management. */
export function databaseKey(ctx: HandlerContext): Buffer {
  if (!ctx.state.unlocked) throw new AppFailure('UNAUTHENTICATED', 'the database is locked; sign in first');
  return ctx.state.unlocked.key;
}

export function caller(ctx: HandlerContext): Caller {
  if (!ctx.caller) throw new AppFailure('UNAUTHENTICATED', 'sign in first');
  return ctx.caller;
}

export function access(ctx: HandlerContext): Access {
  const who = caller(ctx);
  return accessFor(who, ctx.state.unlocked!.settings); // caller() implies an open database
}

export function shopName(database: Db): string {
  return first(database, qb.selectFrom('settings').select('value').where('key', '=', 'shop_name'))?.value ?? '';
}

export function sessionInfo(state: CoreState, userId: number): SessionInfo {
  const database = state.unlocked!.db; // only called with a signed-in session
  const user = findUser(database, userId);
  if (!user) throw new AppFailure('UNAUTHENTICATED', 'this user no longer exists');
  return { user, permissions: [...ROLE_PERMISSIONS[user.role]], shopName: shopName(database), settings: state.unlocked!.settings };
}

/** Adopts a freshly opened database as the process's one connection (or closes the duplicate). */
export function adopt(state: CoreState, unlocked: Unlocked): void {
  if (!state.unlocked) {
    state.unlocked = { ...unlocked, settings: readSettings(unlocked.db) };
    if (state.holdsLock) holdLock(state.dataDir);
  } else if (unlocked.db !== state.unlocked.db) unlocked.db.sqlite.close();
}

export function startSession(state: CoreState, sessionKey: string, userId: number): void {
  state.sessions.set(sessionKey, { userId, lastSeen: state.clock() });
}

/** Failed sign-ins recorded while the database was locked go into the audit log now. */
export function flushPendingEvents(state: CoreState): void {
  if (!state.unlocked) return;
  const database = state.unlocked.db;
  // One write transaction for all of them (a savepoint inside the sign-in's own transaction).
  transaction(database, () => {
    const events = takePendingEvents(state.dataDir);
    for (const event of events) {
      const entity = event.action === 'backup.restore' ? 'backup' : 'session';
      appendAudit(database, { at: event.at, userId: null, username: event.username, action: event.action, entity, label: event.label ?? event.username, changes: event.changes ?? [] });
    }
  });
}

/**
 * Closes the database (dropping the key from memory) once nobody is signed in and no backup is
 * being written (closing checkpoints the WAL into the file the backup is copying).
 */
export function closeWhenUnused(state: CoreState): void {
  if (state.sessions.size === 0 && state.unlocked && !state.backupJob) closeNow(state);
}

export function closeNow(state: CoreState): void {
  if (!state.unlocked) return;
  state.unlocked.db.sqlite.close();
  state.unlocked.key.fill(0);
  state.unlocked = null;
  if (state.holdsLock) releaseLock(state.dataDir);
}

/** Ends every session of a user (deactivated, or their password was reset). */
export function endSessionsOf(state: CoreState, userId: number, except?: string): void {
  for (const [key, session] of state.sessions) if (session.userId === userId && key !== except) state.sessions.delete(key);
}
