// The snapshot a backup copies (db/engine.ts snapshot): when another program's reader of an older
// state holds part of the WAL back, the snapshot waits for it without holding the connection, so
// the calls that arrive meanwhile are answered; once the reader ends, it holds what was committed.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../electron/core/db/database.ts';
import { engine } from '../../electron/core/db/engine.ts';
import { databaseKeyOf, makeHarness, openDbWithKey, openWithKey, OWNER_PASSWORD, type Harness } from './harness.ts';

describe('the backup snapshot', () => {
  let h: Harness;
  let keyHex: string;
  let db: Db;
  beforeEach(async () => {
    h = makeHarness();
    await h.call('owner', 'setup.create', { shopName: 'Shop', ownerUsername: 'boss', password: OWNER_PASSWORD });
    await h.call('owner', 'customers.create', { name: 'Before the reader' });
    await h.call('owner', 'auth.signOut', {});
    keyHex = await databaseKeyOf(h.dataDir, 'boss', OWNER_PASSWORD);
    db = openDbWithKey(h.dataDir, keyHex);
  });
  afterEach(() => {
    engine.close(db);
    h.cleanup();
  });

  it('waits for a reader of an older state while other queries are answered, then counts what was committed', async () => {
    const reader = openWithKey(h.dataDir, keyHex); // another program, reading
    try {
      reader.prepare('BEGIN').run();
      reader.prepare('SELECT count(*) FROM customers').get();
      // Committed after the reader began: no checkpoint may put it in the file until the reader ends.
      await db.updateTable('customers').set({ name: 'Changed after the reader began' }).execute();
      let settled = false;
      const snapshot = engine.snapshot(db, { file: join(h.dataDir, 'clientele.db'), keyHex }, ['customers']);
      void snapshot.then(
        () => (settled = true),
        () => (settled = true),
      );
      const names = await db.selectFrom('customers').select('name').execute();
      expect(names).toEqual([{ name: 'Changed after the reader began' }]);
      expect(settled, 'the snapshot waits for the reader, not holding the connection').toBe(false);
      reader.prepare('COMMIT').run();
      const pinned = await snapshot;
      try {
        expect(pinned.counts).toEqual({ customers: 1 });
        expect(pinned.bytes).toBeGreaterThan(0);
      } finally {
        await pinned.close();
      }
    } finally {
      reader.close();
    }
  });
});
