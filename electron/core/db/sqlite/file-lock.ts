// SQLite-only: a lock that works across processes, for files that several processes read, change
// and write back (keyslots.json: lock-out counters, key slots). SQLite's own file locks (fcntl on
// POSIX, LockFileEx on Windows) are dropped by the operating system when the holder dies, so a
// process killed inside the lock can never leave it stuck, and no pid or age guessing is needed as
// with a hand-made O_EXCL lock file. Waiting is SQLite's busy handler, bounded by `waitMs`.
import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, openSync } from 'node:fs';
import { AppFailure } from '../../../../shared/errors.ts';

/** Lock files this process holds now: a nested call runs inside the outer one instead of waiting on itself. */
const held = new Set<string>();

/**
 * Runs `work` while holding the lock file `lockPath` (created 0600, left in place). `work` must be
 * synchronous and short: the lock is held for as long as it runs, and the event loop waits with it.
 */
export function withFileLock<T>(lockPath: string, work: () => T, options: { waitMs?: number; operation?: string } = {}): T {
  if (held.has(lockPath)) return work();
  closeSync(openSync(lockPath, 'a', 0o600)); // SQLite would create it world-readable
  const db = new Database(lockPath);
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.waitMs ?? 5000))}`);
    try {
      db.exec('BEGIN EXCLUSIVE');
    } catch (error) {
      if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
        throw new AppFailure('IO', `${options.operation ?? 'lock'}: another Clientele process is holding ${lockPath}; try again`, { reason: 'busy' });
      }
      throw error;
    }
    held.add(lockPath);
    try {
      return work();
    } finally {
      held.delete(lockPath);
      db.exec('ROLLBACK');
    }
  } finally {
    db.close();
  }
}
