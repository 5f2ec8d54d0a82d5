// The async database layer: one holder of the connection at a time, transactions that begin
// IMMEDIATE and join when nested, and raw SQLite work that waits for open transactions.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { transaction, type Db } from '../../electron/core/db/database.ts';
import { closeDatabase, kyselyOver, withRawConnection } from '../../electron/core/db/sqlite/dialect.ts';
import { openPlain } from '../../electron/core/db/sqlite/open.ts';

/** A promise and the function that settles it, to hold one transaction open while another waits. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('the SQLite dialect', () => {
  let dir: string;
  let db: Db;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'clientele-dialect-'));
    const sqlite = openPlain(join(dir, 'test.db'));
    sqlite.exec('CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT');
    db = kyselyOver(sqlite);
  });

  afterEach(() => {
    closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });

  const put = (on: Db, key: string, value: string) => on.insertInto('settings').values({ key, value }).onConflict((c) => c.column('key').doUpdateSet({ value })).execute();
  const read = async (on: Db, key: string) => (await on.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value;

  it('lets no other query run inside an open transaction', async () => {
    const held = gate();
    const inside = transaction(db, async (tx) => {
      await put(tx, 'a', 'draft');
      await held.opened;
      await put(tx, 'a', 'final');
    });
    // Issued while the transaction is open: it waits for the commit instead of seeing (or joining) it.
    const outside = read(db, 'a');
    held.open();
    await inside;
    expect(await outside).toBe('final');
  });

  it('rolls back a failed transaction as a whole, nested steps included', async () => {
    await expect(
      transaction(db, async (tx) => {
        await put(tx, 'b', 'one');
        await transaction(tx, async (inner) => put(inner, 'c', 'two'));
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await read(db, 'b')).toBeUndefined();
    expect(await read(db, 'c')).toBeUndefined();
  });

  it('begins transactions IMMEDIATE, holding the write lock from the start', async () => {
    const locked = await transaction(db, async (tx) => {
      // A second connection cannot take the write lock while this transaction has not written yet.
      const other = openPlain(join(dir, 'test.db'));
      try {
        other.pragma('busy_timeout = 0');
        return (() => {
          try {
            other.exec('BEGIN IMMEDIATE');
            other.exec('ROLLBACK');
            return false;
          } catch (error) {
            return (error as { code?: string }).code === 'SQLITE_BUSY';
          }
        })();
      } finally {
        other.close();
        await read(tx, 'x');
      }
    });
    expect(locked).toBe(true);
  });

  it('binds booleans as integers', async () => {
    const row = await sql<{ v: number }>`SELECT ${true} + ${false} AS v`.execute(db);
    expect(row.rows[0]?.v).toBe(1);
  });

  it('lends the raw connection only between transactions', async () => {
    const held = gate();
    const started = gate();
    const order: string[] = [];
    const inside = transaction(db, async (tx) => {
      await put(tx, 'd', '1');
      started.open();
      await held.opened;
      order.push('commit');
    });
    await started.opened;
    const raw = withRawConnection(db, (sqlite) => {
      order.push(`raw sees ${sqlite.inTransaction ? 'a transaction' : 'none'}`);
    });
    held.open();
    await Promise.all([inside, raw]);
    expect(order).toEqual(['commit', 'raw sees none']);
  });
});
