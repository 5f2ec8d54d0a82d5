// The data directory: creating it at set-up, unlocking the database key with a password or the
// recovery key, opening the encrypted database, and managing key slots (add, replace, remove,
// re-key). Raw keys pass through here and crypto/ only.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AppFailure } from '../../shared/errors.ts';
import { createSlot, keyToHex, newDatabaseKey, newRecoveryKey, normaliseRecoveryKey, sealKey, unlockSlot, type KeySlot } from './crypto/keys.ts';
import {
  findUserSlot,
  keyslotsExist,
  MAX_PENDING_EVENTS,
  readKeyslots,
  writeKeyslots,
  type KeyslotsFile,
  type PendingEvent,
} from './crypto/keyslots.ts';
import { migrate } from './db/migrations/index.ts';
import { openEncrypted } from './db/sqlite-open.ts';
import { wrapDb, type Db } from './db/sql.ts';
import { afterFailure, isLocked, MAX_FAILURES, NO_FAILURES } from './services/lockout.ts';

export const DATABASE_FILE = 'clientele.db';

/** The unlocked database: its connection and the key that opened it (kept to seal new slots). */
export type Unlocked = { db: Db; key: Buffer };

export function databasePath(dataDir: string): string {
  return join(dataDir, DATABASE_FILE);
}

export function isInitialised(dataDir: string): boolean {
  return keyslotsExist(dataDir);
}

export function databaseExists(dataDir: string): boolean {
  return existsSync(databasePath(dataDir));
}

function openWithKey(dataDir: string, key: Buffer, options: { create?: boolean } = {}): Db {
  const sqlite = openEncrypted(databasePath(dataDir), keyToHex(key), options);
  try {
    migrate(sqlite);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return wrapDb(sqlite);
}

/**
 * Opens the database with the slot's key. If a re-key was interrupted, the file may already be
 * under the pending key (DESIGN.md: a killed rekey leaves either key working): try that, and
 * finish the re-key in the key slots; if the current key works, the re-key never happened.
 */
export function openDatabase(dataDir: string, keys: { key: Buffer; pendingKey: Buffer | null }): Unlocked {
  try {
    const db = openWithKey(dataDir, keys.key);
    if (keys.pendingKey) settleRekey(dataDir, 'abandon');
    return { db, key: keys.key };
  } catch (error) {
    if (!keys.pendingKey || !(error instanceof AppFailure) || error.code !== 'CORRUPT') throw error;
    const db = openWithKey(dataDir, keys.pendingKey);
    settleRekey(dataDir, 'finish');
    return { db, key: keys.pendingKey };
  }
}

/**
 * Creates the encrypted database and its key slots. The key slots are written last: their presence
 * is what "initialised" means, so an interrupted set-up leaves nothing that looks usable and can
 * simply be run again.
 */
export async function createVault(
  dataDir: string,
  owner: { username: string; password: string },
  /** Writes the first rows (shop, owner, sample data) and returns the owner's user id. */
  fill: (db: Db) => number,
): Promise<Unlocked & { recoveryKey: string; ownerId: number }> {
  if (isInitialised(dataDir)) throw new AppFailure('ALREADY_INITIALISED', 'this data folder already holds a Clientele database');
  mkdirSync(dataDir, { recursive: true });
  for (const leftover of [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`]) rmSync(join(dataDir, leftover), { force: true });
  const key = newDatabaseKey();
  const recoveryKey = newRecoveryKey();
  const [ownerSlot, recoverySlot] = await Promise.all([createSlot(key, owner.password), createSlot(key, recoveryKey)]);
  const db = openWithKey(dataDir, key, { create: true });
  let ownerId: number;
  try {
    ownerId = fill(db);
  } catch (error) {
    db.sqlite.close();
    throw error;
  }
  const file: KeyslotsFile = {
    format: 2,
    cipher: 'aegis',
    users: [{ ...ownerSlot, userId: ownerId, username: owner.username }],
    recovery: recoverySlot,
    lockouts: {},
    pendingEvents: [],
  };
  writeKeyslots(dataDir, file);
  return { db, key, recoveryKey, ownerId };
}

export type UnlockOutcome =
  | { ok: true; key: Buffer; pendingKey: Buffer | null; /** 0 for the recovery key */ userId: number }
  | { ok: false; code: 'BAD_PASSWORD'; attemptsLeft: number }
  | { ok: false; code: 'LOCKED_OUT'; retryAt: number };

function recordPending(file: KeyslotsFile, event: PendingEvent): void {
  file.pendingEvents.push(event);
  if (file.pendingEvents.length > MAX_PENDING_EVENTS) file.pendingEvents.splice(0, file.pendingEvents.length - MAX_PENDING_EVENTS);
}

/** Unlocks the user's slot with the password, keeping the lock-out counters and pending audit events. */
export async function unlockWithPassword(dataDir: string, username: string, password: string, now: () => number): Promise<UnlockOutcome> {
  if (!isInitialised(dataDir)) throw new AppFailure('NOT_INITIALISED', 'this data folder holds no Clientele database yet');
  const name = username.toLowerCase();
  const before = readKeyslots(dataDir);
  const state = before.lockouts[name] ?? NO_FAILURES;
  if (isLocked(state, now())) return { ok: false, code: 'LOCKED_OUT', retryAt: state.lockedUntil };
  const slot = findUserSlot(before, username);
  // An unknown user name costs the same argon2 time as a known one, so timing does not tell them apart.
  const keys = await unlockSlot(slot ?? before.recovery, slot ? password : `no such user: ${password}`);
  if (slot && keys) {
    if (state.failures > 0 || state.lockouts > 0) {
      const file = readKeyslots(dataDir);
      delete file.lockouts[name];
      writeKeyslots(dataDir, file);
    }
    return { ok: true, ...keys, userId: slot.userId };
  }
  const file = readKeyslots(dataDir); // re-read: another sign-in may have written meanwhile
  recordPending(file, { at: now(), action: 'auth.signInFailed', username });
  if (!slot) {
    writeKeyslots(dataDir, file);
    return { ok: false, code: 'BAD_PASSWORD', attemptsLeft: MAX_FAILURES - 1 };
  }
  const next = afterFailure(file.lockouts[name] ?? NO_FAILURES, now());
  file.lockouts[name] = next;
  if (isLocked(next, now())) recordPending(file, { at: now(), action: 'auth.lockedOut', username });
  writeKeyslots(dataDir, file);
  return isLocked(next, now())
    ? { ok: false, code: 'LOCKED_OUT', retryAt: next.lockedUntil }
    : { ok: false, code: 'BAD_PASSWORD', attemptsLeft: MAX_FAILURES - next.failures };
}

/** Lock-out counters of recovery-key attempts share the file with user names; '#' cannot start one. */
const RECOVERY_LOCKOUT = '#recovery';

/** The recovery key's keys; wrong keys count towards a lock-out like wrong passwords. */
export async function unlockWithRecoveryKey(dataDir: string, recoveryKey: string, now: () => number): Promise<UnlockOutcome> {
  if (!isInitialised(dataDir)) throw new AppFailure('NOT_INITIALISED', 'this data folder holds no Clientele database yet');
  const before = readKeyslots(dataDir);
  const state = before.lockouts[RECOVERY_LOCKOUT] ?? NO_FAILURES;
  if (isLocked(state, now())) return { ok: false, code: 'LOCKED_OUT', retryAt: state.lockedUntil };
  const keys = await unlockSlot(before.recovery, normaliseRecoveryKey(recoveryKey));
  const file = readKeyslots(dataDir);
  if (keys) {
    delete file.lockouts[RECOVERY_LOCKOUT];
    writeKeyslots(dataDir, file);
    return { ok: true, ...keys, userId: 0 };
  }
  const next = afterFailure(file.lockouts[RECOVERY_LOCKOUT] ?? NO_FAILURES, now());
  file.lockouts[RECOVERY_LOCKOUT] = next;
  recordPending(file, { at: now(), action: 'auth.signInFailed', username: 'recovery key' });
  writeKeyslots(dataDir, file);
  return isLocked(next, now())
    ? { ok: false, code: 'LOCKED_OUT', retryAt: next.lockedUntil }
    : { ok: false, code: 'BAD_PASSWORD', attemptsLeft: MAX_FAILURES - next.failures };
}

/** The slot of a user, to check their current password (changing one's own password). */
export async function checkUserPassword(dataDir: string, userId: number, password: string): Promise<boolean> {
  const slot = readKeyslots(dataDir).users.find((candidate) => candidate.userId === userId);
  return slot !== undefined && (await unlockSlot(slot, password)) !== null;
}

/** Audit events recorded while the database was locked; cleared from the file as they are taken. */
export function takePendingEvents(dataDir: string): PendingEvent[] {
  const file = readKeyslots(dataDir);
  if (file.pendingEvents.length === 0) return [];
  const events = file.pendingEvents;
  file.pendingEvents = [];
  writeKeyslots(dataDir, file);
  return events;
}

/** A key slot for `password` holding the database key (argon2id runs here: slow on purpose). */
export function prepareSlot(key: Buffer, password: string): Promise<KeySlot> {
  return createSlot(key, password);
}

/** Stores the user's slot (new user, password change or reset, reactivation), replacing any old one. */
export function storeUserSlot(dataDir: string, user: { userId: number; username: string }, slot: KeySlot): void {
  const file = readKeyslots(dataDir);
  file.users = file.users.filter((existing) => existing.userId !== user.userId);
  file.users.push({ ...slot, userId: user.userId, username: user.username });
  delete file.lockouts[user.username.toLowerCase()];
  writeKeyslots(dataDir, file);
}

export function removeUserSlot(dataDir: string, userId: number): void {
  const file = readKeyslots(dataDir);
  file.users = file.users.filter((slot) => slot.userId !== userId);
  writeKeyslots(dataDir, file);
}

/** Step 1 of a re-key: the new key sealed to every slot as pending, before the database changes. */
export function stageRekey(dataDir: string, newKey: Buffer): void {
  const file = readKeyslots(dataDir);
  for (const slot of [...file.users, file.recovery]) slot.pending = sealKey(slot.publicKey, newKey);
  writeKeyslots(dataDir, file);
}

/** Last step of a re-key (finish: pending becomes current), or its undoing (abandon). */
export function settleRekey(dataDir: string, how: 'finish' | 'abandon'): void {
  const file = readKeyslots(dataDir);
  for (const slot of [...file.users, file.recovery]) {
    if (how === 'finish' && slot.pending) slot.sealed = slot.pending;
    delete slot.pending;
  }
  writeKeyslots(dataDir, file);
}
