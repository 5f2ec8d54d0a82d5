// SQLite-only: the pragmas around a bulk load (db/engine.ts bulkLoad). The rows themselves are
// inserted by portable multi-row Kysely inserts (areas/customers/insert-many.ts): DESIGN.md
// measured those at 73k rows/s against 85k for prepared statements.
import { sql } from 'kysely';
import type { Db } from '../database.ts';

export async function bulkLoad<T>(db: Db, work: () => Promise<T>): Promise<T> {
  // Set-up's sample data runs inside set-up's transaction: its durability is set-up's.
  if (db.isTransaction) return work();
  // WAL with synchronous=NORMAL stays consistent through a power cut and saves a full fsync per
  // commit. It is the connection's setting: calls served between batches commit the same way.
  await sql`PRAGMA synchronous = NORMAL`.execute(db);
  let result: T;
  try {
    result = await work();
  } finally {
    await sql`PRAGMA synchronous = FULL`.execute(db);
  }
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
  await sql`PRAGMA optimize`.execute(db);
  return result;
}
