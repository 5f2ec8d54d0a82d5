// Where data lives when no --data-dir is given: the same folder Electron calls `userData`
// (<appData>/Clientele), so the CLI and the app find the same database. And how the folder and its
// files are kept: the folder 0700, its files 0600, whatever the umask.
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AppFailure } from '../../shared/errors.ts';
import { fileSystemFailure } from './fs-failure.ts';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.CLIENTELE_DATA_DIR) return env.CLIENTELE_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Clientele');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Clientele');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Clientele');
}

/**
 * Creates the data folder (only its owner may enter it) or checks the one that is there: a file in
 * its place or a folder that cannot be created is a clear IO failure, not an errno.
 */
export function ensureDataDir(dataDir: string): void {
  let isFolder: boolean | null;
  try {
    isFolder = statSync(dataDir, { throwIfNoEntry: false })?.isDirectory() ?? null;
  } catch (error) {
    throw fileSystemFailure(error) ?? error;
  }
  if (isFolder === false) throw new AppFailure('IO', `the data folder ${dataDir} is a file, not a folder; choose a folder`, { reason: 'notFolder', path: dataDir });
  if (isFolder === true) return;
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    chmodSync(dataDir, 0o700); // mkdir's mode passes through the umask
  } catch (error) {
    const failure = fileSystemFailure(error);
    if (!failure) throw error;
    throw new AppFailure('IO', `the data folder ${dataDir} cannot be created: ${failure.message}`, failure.details);
  }
}

/** Narrows a data file that others may read (made by an older version, or under a loose umask) to 0600. */
export function keepPrivate(file: string): void {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (stat && stat.isFile() && (stat.mode & 0o077) !== 0 && process.platform !== 'win32') chmodSync(file, 0o600);
}
