// keyslots.json: the wrapped database key per user and for the recovery key, plus the failed-attempt
// counters, which are needed before anything is unlocked. Written atomically (temp file + rename).
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppFailure } from '../../../shared/errors.ts';
import type { WrappedKey } from './keys.ts';

export type UserSlot = WrappedKey & { userId: number; username: string };
export type LockoutState = { failures: number; lockedUntil: number; lockouts: number };

export type KeyslotsFile = {
  format: 1;
  cipher: 'aegis';
  users: UserSlot[];
  recovery: WrappedKey;
  /** Keyed by lower-cased user name. */
  lockouts: Record<string, LockoutState>;
};

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
  if (file?.format !== 1 || !Array.isArray(file.users) || typeof file.recovery !== 'object') {
    throw new AppFailure('UNSUPPORTED_VERSION', `keyslots: ${KEYSLOTS_FILE} has an unknown format`);
  }
  file.lockouts ??= {};
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
