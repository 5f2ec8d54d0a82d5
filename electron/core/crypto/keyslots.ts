// keyslots.json: the wrapped database key per user and for the recovery key, plus the failed-attempt
// counters, which are needed before anything is unlocked. Written atomically (temp file + rename).
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppFailure } from '../../../shared/errors.ts';
import type { KeySlot } from './keys.ts';

export type UserSlot = KeySlot & { userId: number; username: string };
export type LockoutState = { failures: number; lockedUntil: number; lockouts: number };

/**
 * Something that happened while the database was locked (or, for a restore, while it was being
 * swapped in), written to the audit log at the next unlock.
 */
export type PendingEvent = {
  at: number;
  action: 'auth.signInFailed' | 'auth.lockedOut' | 'backup.restore';
  username: string;
  label?: string;
  changes?: { field: string; before: unknown; after: unknown }[];
};

export type KeyslotsFile = {
  format: 2;
  cipher: 'aegis';
  users: UserSlot[];
  recovery: KeySlot;
  /** Keyed by lower-cased user name. */
  lockouts: Record<string, LockoutState>;
  pendingEvents: PendingEvent[];
};

/** Most pending events kept: a flood of wrong passwords must not grow the file without bound. */
export const MAX_PENDING_EVENTS = 1000;

export const KEYSLOTS_FILE = 'keyslots.json';

export function keyslotsPath(dataDir: string): string {
  return join(dataDir, KEYSLOTS_FILE);
}

export function keyslotsExist(dataDir: string): boolean {
  return existsSync(keyslotsPath(dataDir));
}

export function readKeyslots(dataDir: string): KeyslotsFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(keyslotsPath(dataDir), 'utf8'));
  } catch (error) {
    throw new AppFailure('CORRUPT', `keyslots: ${KEYSLOTS_FILE} cannot be read (${(error as Error).message})`);
  }
  const file = parsed as KeyslotsFile; // shape checked just below
  if (file?.format !== 2 || !Array.isArray(file.users) || typeof file.recovery !== 'object') {
    throw new AppFailure('UNSUPPORTED_VERSION', `keyslots: ${KEYSLOTS_FILE} has an unknown format`);
  }
  file.lockouts ??= {};
  file.pendingEvents ??= [];
  return file;
}

export function writeKeyslots(dataDir: string, file: KeyslotsFile): void {
  const target = keyslotsPath(dataDir);
  const temp = `${target}.tmp-${process.pid}`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(file, null, 2));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, target);
}

export function findUserSlot(file: KeyslotsFile, username: string): UserSlot | undefined {
  const wanted = username.toLowerCase();
  return file.users.find((slot) => slot.username.toLowerCase() === wanted);
}
