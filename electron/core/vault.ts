// The data directory: creating it at set-up, unlocking the database key with a password, and
// opening the encrypted database. Raw keys pass through here and crypto/ only.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AppFailure } from '../../shared/errors.ts';
import { keyToHex, newDatabaseKey, newRecoveryKey, unwrapKey, wrapKey } from './crypto/keys.ts';
import { findUserSlot, keyslotsExist, readKeyslots, writeKeyslots, type KeyslotsFile } from './crypto/keyslots.ts';
import { migrate } from './db/migrations/index.ts';
import { openEncrypted } from './db/sqlite-open.ts';
import { wrapDb, type Db } from './db/sql.ts';
import { afterFailure, isLocked, MAX_FAILURES, NO_FAILURES } from './services/lockout.ts';

export const DATABASE_FILE = 'clientele.db';

/** The unlocked database: its connection and the key that opened it (kept to wrap new slots). */
export type Unlocked = { db: Db; key: Buffer };

export function databasePath(dataDir: string): string {
  return join(dataDir, DATABASE_FILE);
}

export function isInitialised(dataDir: string): boolean {
  return keyslotsExist(dataDir);
}

export function openDatabase(dataDir: string, key: Buffer, options: { create?: boolean } = {}): Db {
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
  const [ownerSlot, recoverySlot] = await Promise.all([wrapKey(key, owner.password), wrapKey(key, recoveryKey)]);
  const db = openDatabase(dataDir, key, { create: true });
  let ownerId: number;
  try {
    ownerId = fill(db);
  } catch (error) {
    db.sqlite.close();
    throw error;
  }
  const file: KeyslotsFile = {
    format: 1,
    cipher: 'aegis',
    users: [{ ...ownerSlot, userId: ownerId, username: owner.username }],
    recovery: recoverySlot,
    lockouts: {},
  };
  writeKeyslots(dataDir, file);
  return { db, key, recoveryKey, ownerId };
}

export type UnlockOutcome =
  | { ok: true; key: Buffer; userId: number }
  | { ok: false; code: 'BAD_PASSWORD'; attemptsLeft: number }
  | { ok: false; code: 'LOCKED_OUT'; retryAt: number };

/** Unwraps the user's slot with the password, keeping the lock-out counters. */
export async function unlockWithPassword(dataDir: string, username: string, password: string, now: () => number): Promise<UnlockOutcome> {
  if (!isInitialised(dataDir)) throw new AppFailure('NOT_INITIALISED', 'this data folder holds no Clientele database yet');
  const name = username.toLowerCase();
  const before = readKeyslots(dataDir);
  const state = before.lockouts[name] ?? NO_FAILURES;
  if (isLocked(state, now())) return { ok: false, code: 'LOCKED_OUT', retryAt: state.lockedUntil };
  const slot = findUserSlot(before, username);
  // An unknown user name costs the same argon2 time as a known one, so timing does not tell them apart.
  const key = await unwrapKey(slot ?? before.recovery, slot ? password : `no such user: ${password}`);
  if (!slot || !key) {
    if (!slot) return { ok: false, code: 'BAD_PASSWORD', attemptsLeft: MAX_FAILURES };
    const file = readKeyslots(dataDir); // re-read: another sign-in may have written meanwhile
    const next = afterFailure(file.lockouts[name] ?? NO_FAILURES, now());
    file.lockouts[name] = next;
    writeKeyslots(dataDir, file);
    return isLocked(next, now())
      ? { ok: false, code: 'LOCKED_OUT', retryAt: next.lockedUntil }
      : { ok: false, code: 'BAD_PASSWORD', attemptsLeft: MAX_FAILURES - next.failures };
  }
  if (state.failures > 0 || state.lockouts > 0) {
    const file = readKeyslots(dataDir);
    delete file.lockouts[name];
    writeKeyslots(dataDir, file);
  }
  return { ok: true, key, userId: slot.userId };
}

export async function addUserSlot(dataDir: string, key: Buffer, user: { userId: number; username: string }, password: string): Promise<void> {
  const slot = await wrapKey(key, password);
  const file = readKeyslots(dataDir);
  file.users = file.users.filter((existing) => existing.userId !== user.userId);
  file.users.push({ ...slot, userId: user.userId, username: user.username });
  writeKeyslots(dataDir, file);
}

export function databaseExists(dataDir: string): boolean {
  return existsSync(databasePath(dataDir));
}
