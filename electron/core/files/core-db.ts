// The core's database as the async Kysely `Db` the file code is written against. While the
// services move from the synchronous wrapper (db/sql.ts) to Kysely, the state may still hold the
// wrapper: then one Kysely (with its own lending lock) is made over the same connection and kept
// beside it. Synchronous services cannot run inside a file transaction meanwhile: a transaction
// here awaits only its own queries, which never yield to another request.
import { Kysely } from 'kysely';
import { AppFailure } from '../../../shared/errors.ts';
import type { CoreState } from '../api/context.ts';
import type { Db } from '../db/database.ts';
import { kyselyOver } from '../db/sqlite/dialect.ts';
import type { SqliteDatabase } from '../db/sqlite/open.ts';

const over = new WeakMap<SqliteDatabase, Db>();

export function coreDb(state: CoreState): Db {
  if (!state.unlocked) throw new AppFailure('UNAUTHENTICATED', 'the database is locked; sign in first');
  const held: unknown = state.unlocked.db;
  if (held instanceof Kysely) return held as Db; // the services' own Kysely, once they are async
  const { sqlite } = held as { sqlite: SqliteDatabase }; // db/sql.ts's wrapper
  let db = over.get(sqlite);
  if (!db) {
    db = kyselyOver(sqlite);
    over.set(sqlite, db);
  }
  return db;
}
