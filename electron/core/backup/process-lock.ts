// Which process has this data folder open: the app (or browser mode) writes its pid here while
// the database is unlocked, so a restore from another process can refuse instead of pulling the
// files out from under it.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'clientele.lock';

export function holdLock(dataDir: string): void {
  writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify({ pid: process.pid }));
}

export function releaseLock(dataDir: string): void {
  try {
    const { pid } = JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as { pid: number };
    if (pid === process.pid) rmSync(join(dataDir, LOCK_FILE), { force: true });
  } catch {
    // no lock, or not ours: nothing to release
  }
}

/** The pid of another live process holding the folder, or null. */
export function otherHolder(dataDir: string): number | null {
  let pid: number;
  try {
    pid = (JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as { pid: number }).pid;
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid === process.pid) return null;
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return pid;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM' ? pid : null;
  }
}
