// keyslots.json: the wrapped database key per user and for the recovery key, plus the failed-attempt
// counters, which are needed before anything is unlocked. Written atomically (temp file + rename).
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppFailure } from '../../../shared/errors.ts';
import { usernameKey } from '../../../shared/usernames.ts';
import { engine } from '../db/engine.ts';
import { fileSystemFailure } from '../fs-failure.ts';
import { MAX_KEYSLOTS_BYTES, parseKeyslots } from './keyslots-file.ts';
import type { KeySlot } from './keys.ts';

export type UserSlot = KeySlot & { userId: number; username: string };
/** `at`: the last counted attempt, so the oldest counters of unknown names can be dropped first. */
export type LockoutState = { failures: number; lockedUntil: number; lockouts: number; at?: number };

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
  /** Keyed by `usernameKey(name)` (shared/usernames.ts), for unknown names too; '#recovery' for the recovery key. */
  lockouts: Record<string, LockoutState>;
  pendingEvents: PendingEvent[];
};

/** Most pending events kept: a flood of wrong passwords must not grow the file without bound. */
export const MAX_PENDING_EVENTS = 1000;

export const KEYSLOTS_FILE = 'keyslots.json';
/** Held (across processes) while keyslots.json is read, changed and written back. */
export const KEYSLOTS_LOCK_FILE = 'keyslots.lock';

export function keyslotsPath(dataDir: string): string {
  return join(dataDir, KEYSLOTS_FILE);
}

/** Whether the folder holds key slots; a folder that cannot be looked into is an IO failure, not "no". */
export function keyslotsExist(dataDir: string): boolean {
  try {
    return statSync(keyslotsPath(dataDir), { throwIfNoEntry: false }) !== undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return false; // the "folder" is a file: nothing set up there
    throw fileSystemFailure(error) ?? error;
  }
}

export function readKeyslots(dataDir: string): KeyslotsFile {
  let text: string;
  try {
    // Bounded first: a hostile or broken file must not be read whole into memory.
    if (statSync(keyslotsPath(dataDir)).size > MAX_KEYSLOTS_BYTES) throw new Error(`larger than ${MAX_KEYSLOTS_BYTES} bytes`);
    text = readFileSync(keyslotsPath(dataDir), 'utf8');
  } catch (error) {
    const failure = fileSystemFailure(error);
    if (failure?.details?.reason === 'denied') throw failure; // permissions, not damage
    throw new AppFailure('CORRUPT', `keyslots: ${KEYSLOTS_FILE} cannot be read (${(error as Error).message})`);
  }
  return parseKeyslots(
    text,
    `keyslots: ${KEYSLOTS_FILE} holds no usable key slots (it is damaged); restore the data folder from a backup`,
    `keyslots: ${KEYSLOTS_FILE} has an unknown format`,
  );
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

/**
 * Reads keyslots.json, lets `change` edit it, and writes it back, all under a lock held across
 * processes: two processes counting failed sign-ins (or one storing a slot while another takes the
 * pending events) would otherwise each write back what they read and lose the other's change.
 * `change` must be synchronous.
 */
export function updateKeyslots<T>(dataDir: string, change: (file: KeyslotsFile) => T): T {
  return engine.withFileLock(
    join(dataDir, KEYSLOTS_LOCK_FILE),
    () => {
      const file = readKeyslots(dataDir);
      const before = JSON.stringify(file);
      const result = change(file);
      if (JSON.stringify(file) !== before) writeKeyslots(dataDir, file); // a refused attempt changes nothing: no fsync
      return result;
    },
    { operation: 'keyslots' },
  );
}

/** The user's slot: an exact match first (from before names were normalised, two may share a key), then the same name. */
export function findUserSlot(file: KeyslotsFile, username: string): UserSlot | undefined {
  const wanted = usernameKey(username);
  return file.users.find((slot) => slot.username === username.trim()) ?? file.users.find((slot) => usernameKey(slot.username) === wanted);
}
