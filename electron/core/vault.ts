// The data directory: creating it at set-up, unlocking the database key with a password or the
// recovery key, opening the encrypted database, and managing key slots (add, replace, remove,
// re-key). Raw keys pass through here and crypto/ only.
import { closeSync, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { AppFailure } from '../../shared/errors.ts';
import { usernameKey } from '../../shared/usernames.ts';
import { createSlot, keyToHex, newDatabaseKey, newRecoveryKey, normaliseRecoveryKey, sealKey, unlockSlot, type KeySlot } from './crypto/keys.ts';
import {
  findUserSlot,
  keyslotsExist,
  MAX_PENDING_EVENTS,
  readKeyslots,
  updateKeyslots,
  writeKeyslots,
  type KeyslotsFile,
  type LockoutState,
  type PendingEvent,
} from './crypto/keyslots.ts';
import { ensureDataDir, keepPrivate } from './data-dir.ts';
import type { Db } from './db/database.ts';
import { engine } from './db/engine.ts';
import { afterFailure, isLocked, MAX_FAILURES, NO_FAILURES, pruneUnknown } from './areas/auth/lockout.ts';

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
  return engine.open({ file: databasePath(dataDir), keyHex: keyToHex(key) }, options);
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
  fill: (db: Db) => Promise<number>,
): Promise<Unlocked & { recoveryKey: string; ownerId: number }> {
  if (isInitialised(dataDir)) throw new AppFailure('ALREADY_INITIALISED', 'this data folder already holds a Clientele database');
  ensureDataDir(dataDir);
  engine.removeDatabaseFiles(databasePath(dataDir));
  // Made here, empty and 0600: SQLite gives its -wal and -shm files the database file's mode.
  closeSync(openSync(databasePath(dataDir), 'w', 0o600));
  keepPrivate(databasePath(dataDir));
  const key = newDatabaseKey();
  const recoveryKey = newRecoveryKey();
  const [ownerSlot, recoverySlot] = await Promise.all([createSlot(key, owner.password), createSlot(key, recoveryKey)]);
  const db = openWithKey(dataDir, key, { create: true });
  let ownerId: number;
  try {
    ownerId = await fill(db);
  } catch (error) {
    engine.close(db);
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

/** Lock-out counters of recovery-key attempts share the file with user names; '#' cannot start one. */
const RECOVERY_LOCKOUT = '#recovery';

/** What an attempt is tested against, chosen from the same reading of keyslots.json that charged it. */
type Target = { slot: KeySlot; secret: string; userId: number; /** false: an unknown name, which never opens anything */ known: boolean };

/**
 * Charge before you test: the attempt is counted as a failure in keyslots.json, under the lock
 * that holds across processes, before argon2 runs, and refunded (the counters cleared) only when
 * it succeeds. So however attempts arrive (a burst of parallel calls, several processes, several
 * doors) at most MAX_FAILURES wrong secrets are ever tested before the name locks.
 */
async function unlockCharged(
  dataDir: string,
  lockKey: string,
  now: () => number,
  choose: (file: KeyslotsFile) => Target,
  audit: { username: string; failures: boolean },
): Promise<UnlockOutcome> {
  if (!isInitialised(dataDir)) throw new AppFailure('NOT_INITIALISED', 'this data folder holds no Clientele database yet');
  const charge = updateKeyslots(dataDir, (file): { locked: LockoutState } | { charged: LockoutState; target: Target } => {
    const at = now();
    const before = file.lockouts[lockKey] ?? NO_FAILURES;
    if (isLocked(before, at)) return { locked: before };
    const charged = afterFailure(before, at);
    file.lockouts[lockKey] = charged;
    pruneUnknown(file.lockouts, new Set([RECOVERY_LOCKOUT, ...file.users.map((slot) => usernameKey(slot.username))]));
    return { charged, target: choose(file) };
  });
  if ('locked' in charge) return { ok: false, code: 'LOCKED_OUT', retryAt: charge.locked.lockedUntil };
  const { charged, target } = charge;
  const keys = await unlockSlot(target.slot, target.secret);
  if (keys && target.known) {
    updateKeyslots(dataDir, (file) => {
      delete file.lockouts[lockKey];
    });
    return { ok: true, ...keys, userId: target.userId };
  }
  const lockedNow = isLocked(charged, now());
  if (audit.failures || lockedNow) {
    updateKeyslots(dataDir, (file) => {
      if (audit.failures) recordPending(file, { at: now(), action: 'auth.signInFailed', username: audit.username });
      if (lockedNow) recordPending(file, { at: now(), action: 'auth.lockedOut', username: audit.username });
    });
  }
  return lockedNow ? { ok: false, code: 'LOCKED_OUT', retryAt: charged.lockedUntil } : { ok: false, code: 'BAD_PASSWORD', attemptsLeft: MAX_FAILURES - charged.failures };
}

/**
 * Unlocks the user's slot with the password. An unknown user name is counted and answered exactly
 * like a known one (attempts left, lock-out, argon2 time), so the answers do not tell which exist.
 */
export function unlockWithPassword(dataDir: string, username: string, password: string, now: () => number): Promise<UnlockOutcome> {
  return unlockCharged(
    dataDir,
    usernameKey(username),
    now,
    (file) => {
      const slot = findUserSlot(file, username);
      return slot ? { slot, secret: password, userId: slot.userId, known: true } : { slot: file.recovery, secret: `no such user: ${password}`, userId: 0, known: false };
    },
    { username, failures: true },
  );
}

/** The recovery key's keys; wrong keys count towards a lock-out like wrong passwords. */
export function unlockWithRecoveryKey(dataDir: string, recoveryKey: string, now: () => number): Promise<UnlockOutcome> {
  return unlockCharged(dataDir, RECOVERY_LOCKOUT, now, (file) => ({ slot: file.recovery, secret: normaliseRecoveryKey(recoveryKey), userId: 0, known: true }), {
    username: 'recovery key',
    failures: true,
  });
}

/**
 * Checks a signed-in user's current password (changing one's own password). Wrong ones count
 * towards the same lock-out as sign-in, so a session left open is no way round it.
 */
export function checkUserPassword(dataDir: string, userId: number, password: string, now: () => number): Promise<UnlockOutcome> {
  const slot = readKeyslots(dataDir).users.find((candidate) => candidate.userId === userId);
  const username = slot?.username ?? `#user-${userId}`;
  return unlockCharged(
    dataDir,
    usernameKey(username),
    now,
    (file) => {
      const current = file.users.find((candidate) => candidate.userId === userId);
      return current ? { slot: current, secret: password, userId, known: true } : { slot: file.recovery, secret: `no slot: ${password}`, userId, known: false };
    },
    // A wrong current password is not a failed sign-in; only the lock-out it may cause is audited.
    { username, failures: false },
  );
}

/** Audit events recorded while the database was locked; cleared from the file as they are taken. */
export function takePendingEvents(dataDir: string): PendingEvent[] {
  if (readKeyslots(dataDir).pendingEvents.length === 0) return [];
  return updateKeyslots(dataDir, (file) => {
    const events = file.pendingEvents;
    file.pendingEvents = [];
    return events;
  });
}

/** A key slot for `password` holding the database key (argon2id runs here: slow on purpose). */
export function prepareSlot(key: Buffer, password: string): Promise<KeySlot> {
  return createSlot(key, password);
}

/** Stores the user's slot (new user, password change or reset, reactivation), replacing any old one. */
export function storeUserSlot(dataDir: string, user: { userId: number; username: string }, slot: KeySlot): void {
  updateKeyslots(dataDir, (file) => {
    file.users = file.users.filter((existing) => existing.userId !== user.userId);
    file.users.push({ ...slot, userId: user.userId, username: user.username });
    delete file.lockouts[usernameKey(user.username)];
  });
}

export function removeUserSlot(dataDir: string, userId: number): void {
  updateKeyslots(dataDir, (file) => {
    file.users = file.users.filter((slot) => slot.userId !== userId);
  });
}

/** Step 1 of a re-key: the new key sealed to every slot as pending, before the database changes. */
export function stageRekey(dataDir: string, newKey: Buffer): void {
  updateKeyslots(dataDir, (file) => {
    for (const slot of [...file.users, file.recovery]) slot.pending = sealKey(slot.publicKey, newKey);
  });
}

/** Last step of a re-key (finish: pending becomes current), or its undoing (abandon). */
export function settleRekey(dataDir: string, how: 'finish' | 'abandon'): void {
  updateKeyslots(dataDir, (file) => {
    for (const slot of [...file.users, file.recovery]) {
      if (how === 'finish' && slot.pending) slot.sealed = slot.pending;
      delete slot.pending;
    }
  });
}
