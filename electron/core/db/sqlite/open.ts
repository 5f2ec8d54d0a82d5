// SQLite-only: opening the encrypted database with its raw key, and the pragmas every connection
// needs. Facts behind each line are in DESIGN.md ("Facts about the driver").
import Database from 'better-sqlite3-multiple-ciphers';
import { AppFailure } from '../../../../shared/errors.ts';

export type SqliteDatabase = Database.Database;

export const CIPHER = 'aegis';

/**
 * Opens (or creates) the database file with a 32-byte raw key given as 64 lowercase hex digits.
 * A malformed raw key would silently derive another key, so the hex is checked first; a wrong key
 * only fails on the first statement, so one is run right away.
 */
export function openEncrypted(file: string, keyHex: string, options: { create?: boolean } = {}): SqliteDatabase {
  if (!/^[0-9a-f]{64}$/.test(keyHex)) throw new Error('sqlite-open: the raw key must be 64 lowercase hex digits');
  const db = new Database(file, { fileMustExist: !options.create });
  try {
    db.pragma(`cipher='${CIPHER}'`);
    db.pragma(`key="x'${keyHex}'"`);
    // Another process may be writing: wait for its lock (bounded) rather than failing at once.
    db.pragma('busy_timeout = 5000');
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    db.close();
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB') throw new AppFailure('CORRUPT', 'database: the key does not open this database, or it is not a Clientele database');
    throw error;
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -65536');
  return db;
}

/** Re-encrypts the whole database under a new raw key (this connection must be the only one open). */
export function rekeyDatabase(db: SqliteDatabase, newKeyHex: string): void {
  if (!/^[0-9a-f]{64}$/.test(newKeyHex)) throw new Error('sqlite-open: the raw key must be 64 lowercase hex digits');
  db.pragma(`rekey="x'${newKeyHex}'"`);
}

/** Opens an unencrypted database with the same pragmas: the benchmark's floor, never user data. */
export function openPlain(file: string): SqliteDatabase {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -65536');
  return db;
}

/**
 * SQLite's integrity check. `quick` skips comparing every index with its table (O(N) instead of
 * O(N log N)): enough where a checksum already vouches for every byte, as in a backup.
 */
export function integrityProblems(db: SqliteDatabase, options: { quick?: boolean } = {}): string[] {
  const rows = (options.quick ? db.pragma('quick_check') : db.pragma('integrity_check')) as Record<string, string>[];
  const problems = rows.map((row) => Object.values(row)[0] ?? '').filter((line) => line !== 'ok');
  const fk = db.pragma('foreign_key_check') as unknown[];
  if (fk.length > 0) problems.push(`${fk.length} foreign key violations`);
  return problems;
}
