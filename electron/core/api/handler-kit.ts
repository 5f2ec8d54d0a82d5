// What every handler needs: the open database, the caller, their access, session bookkeeping.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { Contract, MethodName, MethodOutput } from '../../../shared/api/contract.ts';
import type { SessionInfo } from '../../../shared/api/auth.ts';
import { AppFailure } from '../../../shared/errors.ts';
import { ROLE_PERMISSIONS } from '../../../shared/roles.ts';
import { transaction, type Db } from '../db/database.ts';
import { engine } from '../db/engine.ts';
import { accessFor, type Access } from '../areas/users/access.ts';
import { appendAudit } from '../areas/audit/service.ts';
import { readSettings } from '../areas/settings/service.ts';
import { findUser } from '../areas/users/service.ts';
import { DATABASE_FILE, takePendingEvents, type Unlocked } from '../vault.ts';
import { KEYSLOTS_FILE } from '../crypto/keyslots.ts';
import { keepPrivate } from '../data-dir.ts';
import type { Caller, CoreState, HandlerContext } from './context.ts';
import { describeHolders, hold, otherHolders, release, type Hold } from '../process-lock.ts';

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

export async function access(ctx: HandlerContext): Promise<Access> {
  const who = caller(ctx);
  return accessFor(who, await readSettings(db(ctx)));
}

export async function shopName(database: Db): Promise<string> {
  return (await database.selectFrom('settings').select('value').where('key', '=', 'shop_name').executeTakeFirst())?.value ?? '';
}

/** What the renderer keeps of a signed-in session. Not inside a transaction: it reads through the open database. */
export async function sessionInfo(state: CoreState, userId: number): Promise<SessionInfo> {
  if (!state.unlocked) throw new AppFailure('UNAUTHENTICATED', 'the database is locked; sign in first');
  const database = state.unlocked.db;
  const user = await findUser(database, userId);
  if (!user) throw new AppFailure('UNAUTHENTICATED', 'this user no longer exists');
  return { user, permissions: [...ROLE_PERMISSIONS[user.role]], shopName: await shopName(database), settings: await readSettings(database) };
}

/** Adopts a freshly created database (set-up) as the core's one connection (or closes the duplicate). */
export function adopt(state: CoreState, unlocked: Unlocked): void {
  if (!state.unlocked) {
    state.hold = hold(state.dataDir, { ...state.holder, since: state.clock() });
    state.unlocked = unlocked;
  } else if (unlocked.db !== state.unlocked.db) engine.close(unlocked.db);
}

const DATA_FILES = [...engine.databaseFiles(DATABASE_FILE), KEYSLOTS_FILE];

/**
 * Opens the database as one of the data folder's holders: the entry is written first, then the
 * folder is opened unless another process is restoring or re-keying it (it would open half of it).
 */
export function openShared(state: CoreState, open: () => Unlocked): void {
  if (state.unlocked) return;
  const held = hold(state.dataDir, { ...state.holder, since: state.clock() });
  try {
    const alone = otherHolders(state.dataDir, [held]).filter((holder) => holder.exclusive);
    if (alone.length > 0) {
      const doing = alone[0]!.exclusive === 'restore' ? 'restored' : 're-keyed'; // alone is not empty
      throw new AppFailure('IO', `the data folder is being ${doing} by ${describeHolders(alone)}; try again when it has finished`, { reason: 'busy', holders: alone });
    }
    state.unlocked = open();
    state.hold = held;
    for (const file of DATA_FILES) keepPrivate(join(state.dataDir, file)); // made by an older version, or under a loose umask
  } catch (error) {
    release(held);
    throw error;
  }
}

/**
 * For a restore or a re-key: marks the data folder as needed alone, or refuses (CONFLICT, reason
 * 'running') naming every other process (and every other core of this one) that has it open.
 */
export function holdAlone(state: CoreState, purpose: 'restore' | 'rekey'): Hold {
  mkdirSync(state.dataDir, { recursive: true, mode: 0o700 });
  const held = hold(state.dataDir, { ...state.holder, since: state.clock(), exclusive: purpose });
  const others = otherHolders(state.dataDir, [held, state.hold]);
  if (others.length > 0) {
    release(held);
    throw new AppFailure('CONFLICT', `Clientele has this data folder open elsewhere: ${describeHolders(others)}; close it there first (nothing was changed)`, {
      reason: 'running',
      holders: others,
    });
  }
  return held;
}

export function startSession(state: CoreState, sessionKey: string, userId: number): void {
  state.sessions.set(sessionKey, { userId, lastSeen: state.clock() });
}

/**
 * Failed sign-ins recorded while the database was locked go into the audit log now, in one write
 * transaction (the sign-in's own when `database` is it).
 */
export async function flushPendingEvents(database: Db, dataDir: string): Promise<void> {
  await transaction(database, async (tx) => {
    const events = takePendingEvents(dataDir);
    for (const event of events) {
      const entity = event.action === 'backup.restore' ? 'backup' : 'session';
      await appendAudit(tx, { at: event.at, userId: null, username: event.username, action: event.action, entity, label: event.label ?? event.username, changes: event.changes ?? [] });
    }
  });
}

/**
 * Closes the database (dropping the key from memory) once nobody is signed in and no backup is
 * being written (closing checkpoints the WAL into the file the backup is copying).
 */
export function closeWhenUnused(state: CoreState): void {
  if (state.sessions.size === 0 && state.opening === 0 && state.unlocked && !state.backupJob) closeNow(state);
}

/**
 * Runs a sign-in (or recovery) that opens the database and then starts its session: the database
 * is not closed under it meanwhile by another session ending, and is closed after it when it
 * started none and nobody else is signed in.
 */
export async function keepingOpen<T>(state: CoreState, work: () => Promise<T>): Promise<T> {
  state.opening++;
  try {
    return await work();
  } finally {
    state.opening--;
    closeWhenUnused(state);
  }
}

export function closeNow(state: CoreState): void {
  if (!state.unlocked) return;
  engine.close(state.unlocked.db);
  state.unlocked.key.fill(0);
  state.unlocked = null;
  if (state.hold) release(state.hold);
  state.hold = null;
}

/** Ends every session of a user (deactivated, or their password was reset). */
export function endSessionsOf(state: CoreState, userId: number, except?: string): void {
  for (const [key, session] of state.sessions) if (session.userId === userId && key !== except) state.sessions.delete(key);
}
