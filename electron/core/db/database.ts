// The database as services see it: Kysely, asynchronous, portable. Everything SQLite-only
// (keys and pragmas, FTS5, VACUUM INTO, bulk loading) is in ./sqlite/ behind ./engine.ts, so a
// PostgreSQL twin can later run the same services.
import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';

/** The open database, or a transaction on it (a Kysely `Transaction` is a `Kysely`). */
export type Db = Kysely<DB>;

/**
 * Runs `work` in one write transaction and gives it the transaction to query through. Called
 * inside a transaction, it joins that one (the caller's commit or rollback decides for both), so a
 * service can be used alone or as a step of a larger change.
 */
export function transaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  return db.transaction().execute(work);
}

/** For code that records part of a change (the audit entry): it must be inside that change's transaction. */
export function requireTransaction(db: Db, what: string): void {
  if (!db.isTransaction) throw new Error(`${what} must run inside the write transaction of the change it records`);
}
