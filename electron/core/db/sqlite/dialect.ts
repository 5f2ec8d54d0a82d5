// SQLite-only: Kysely's async interface over the one better-sqlite3 connection of the core.
//
// Kysely's own SqliteDriver (0.29) hands the same connection to every caller at once, so with
// async services a second request's query could run inside the first one's open transaction. This
// driver lends the connection to one holder at a time (a plain query, or a whole transaction from
// BEGIN to COMMIT); everybody else waits their turn. It also begins transactions IMMEDIATE (the
// write lock is taken first, so what a transaction reads cannot change under it in another
// process), caches prepared statements per SQL text, and binds booleans as 0/1.
import {
  CompiledQuery,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from 'kysely';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../database.ts';
import type { DB } from '../schema.ts';
import type { SqliteDatabase } from './open.ts';

type Statement = Database.Statement<unknown[], unknown>;

/** A first-come, first-served lock for the one connection. */
class ConnectionLock {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves when the caller holds the lock; call the returned function to pass it on. */
  async acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => next);
    await previous;
    return release;
  }
}

function bind(parameters: readonly unknown[]): unknown[] {
  return parameters.map((value) => (typeof value === 'boolean' ? Number(value) : value));
}

class SqliteConnection implements DatabaseConnection {
  private readonly statements = new Map<string, Statement>();

  constructor(readonly sqlite: SqliteDatabase) {}

  private prepared(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.sqlite.prepare<unknown[], unknown>(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const statement = this.prepared(query.sql);
    const parameters = bind(query.parameters);
    if (statement.reader) return { rows: statement.all(...parameters) as R[] };
    const { changes, lastInsertRowid } = statement.run(...parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    // Rows are read one at a time while the caller holds the connection (Kysely keeps it for the stream).
    for (const row of this.prepared(query.sql).iterate(...bind(query.parameters))) yield { rows: [row as R] };
  }
}

class SqliteLockingDriver implements Driver {
  readonly lock = new ConnectionLock();
  private readonly releases: (() => void)[] = [];
  readonly connection: SqliteConnection;

  constructor(sqlite: SqliteDatabase) {
    this.connection = new SqliteConnection(sqlite);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    this.releases.push(await this.lock.acquire());
    return this.connection;
  }

  async releaseConnection(): Promise<void> {
    this.releases.shift()?.();
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('BEGIN IMMEDIATE'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('COMMIT'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('ROLLBACK'));
  }

  async destroy(): Promise<void> {
    this.connection.sqlite.close();
  }
}

const drivers = new WeakMap<Db, SqliteLockingDriver>();

/** Kysely over an open connection (migrated already); the connection is closed by `closeDatabase`. */
export function kyselyOver(sqlite: SqliteDatabase): Db {
  const driver = new SqliteLockingDriver(sqlite);
  const db = new Kysely<DB>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => driver,
      createIntrospector: (kysely) => new SqliteIntrospector(kysely),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
  drivers.set(db, driver);
  return db;
}

function driverOf(db: Db): SqliteLockingDriver {
  const driver = drivers.get(db);
  if (!driver) throw new Error('sqlite: this Kysely instance was not opened by kyselyOver (a transaction handle cannot lend the raw connection)');
  return driver;
}

/**
 * Lends the raw connection for SQLite-only work (VACUUM INTO, re-key, pragmas, bulk loading), with
 * the same lock as every query: no transaction of another request is open on it meanwhile. `work`
 * may be async (a job stepping through pages); the connection stays lent until it settles.
 */
export async function withRawConnection<T>(db: Db, work: (sqlite: SqliteDatabase) => T | Promise<T>): Promise<T> {
  const driver = driverOf(db);
  const release = await driver.lock.acquire();
  try {
    return await work(driver.connection.sqlite);
  } finally {
    release();
  }
}

/** Closes the connection at once (the key leaves memory with it); later queries fail. */
export function closeDatabase(db: Db): void {
  const driver = drivers.get(db);
  if (driver?.connection.sqlite.open) driver.connection.sqlite.close();
}
