// SQLite-only: a database is its file and its journals.
import { rmSync } from 'node:fs';

/** Removes a database file and its journals (a copy left by an interrupted re-key, say). */
export function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}
