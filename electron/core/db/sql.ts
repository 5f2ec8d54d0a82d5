// Kysely builds and types the queries; better-sqlite3 runs them synchronously. Synchronous
// execution means a service's transaction can never interleave with another request's queries
// on the one connection (Kysely's async driver would yield between statements).
import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type Compilable } from 'kysely';
import type { DB } from './schema.ts';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { SqliteDatabase } from './sqlite/open.ts';

type Statement = Database.Statement<unknown[], unknown>;

/** A query builder that only compiles; it never touches a connection. */
export const qb = new Kysely<DB>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

export type Db = {
  sqlite: SqliteDatabase;
  statements: Map<string, Statement>;
};

export function wrapDb(sqlite: SqliteDatabase): Db {
  return { sqlite, statements: new Map() };
}

/** A prepared statement, cached per connection by its SQL text. */
export function prepared(db: Db, sql: string): Statement {
  let statement = db.statements.get(sql);
  if (!statement) {
    statement = db.sqlite.prepare<unknown[], unknown>(sql);
    db.statements.set(sql, statement);
  }
  return statement;
}

function bind(parameters: readonly unknown[]): unknown[] {
  return parameters.map((value) => (typeof value === 'boolean' ? Number(value) : value));
}

export function all<R>(db: Db, query: Compilable<R>): R[] {
  const { sql, parameters } = query.compile();
  return prepared(db, sql).all(...bind(parameters)) as R[];
}

export function first<R>(db: Db, query: Compilable<R>): R | undefined {
  const { sql, parameters } = query.compile();
  return prepared(db, sql).get(...bind(parameters)) as R | undefined;
}

export function run(db: Db, query: Compilable<unknown>): { changes: number; lastInsertRowid: number } {
  const { sql, parameters } = query.compile();
  const result = prepared(db, sql).run(...bind(parameters));
  return { changes: result.changes, lastInsertRowid: Number(result.lastInsertRowid) };
}

/**
 * Runs `work` in one write transaction (nested calls become savepoints). It begins IMMEDIATE: the
 * write lock is taken first (waiting up to the connection's busy_timeout for another process's
 * writer), so what `work` reads cannot be changed by another process before it writes. A deferred
 * transaction that reads first fails at once with SQLITE_BUSY_SNAPSHOT when another process has
 * committed in between, without waiting.
 */
export function transaction<T>(db: Db, work: () => T): T {
  return db.sqlite.transaction(work).immediate();
}
