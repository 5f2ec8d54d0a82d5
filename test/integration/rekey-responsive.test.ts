// A re-key leaves room for other calls (areas/system/rekey.ts): the copy is re-encrypted on a
// thread of its own, reads are answered meanwhile, writes answer busy (never lost), and what
// SQLite3 Multiple Ciphers allows is checked here, not assumed.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../electron/core/core-types.ts';
import { openEncrypted } from '../../electron/core/db/sqlite/open.ts';
import { codeOf, databaseKeyOf, makeHarness, openWithKey, OWNER_PASSWORD, type Harness } from './harness.ts';

const CUSTOMERS = 2000;

describe('re-key as a job', () => {
  let h: Harness;
  beforeEach(async () => {
    h = makeHarness();
    await h.call('owner', 'setup.create', { shopName: 'Shop', ownerUsername: 'boss', password: OWNER_PASSWORD });
    await h.call('owner', 'system.seed', { customers: CUSTOMERS, seed: 3 });
  });
  afterEach(() => h.cleanup());

  it('SQLite3 Multiple Ciphers: the backup API cannot write a copy under another key (hence the copy + PRAGMA rekey on a thread)', async () => {
    const keyHex = await databaseKeyOf(h.dataDir, 'boss', OWNER_PASSWORD);
    const source = openWithKey(h.dataDir, keyHex);
    try {
      // better-sqlite3 opens the target itself, without a key: refused as incompatible.
      await expect(source.backup(join(h.dataDir, 'copy.db'))).rejects.toThrow(/incompatible source and target/);
      // Nor can the target be keyed through URI parameters: better-sqlite3 takes the name as a path.
      await expect(source.backup(`file:${join(h.dataDir, 'copy.db')}?cipher=aegis&hexkey=${'ab'.repeat(32)}`)).rejects.toThrow();
      expect(statSync(join(h.dataDir, 'copy.db'), { throwIfNoEntry: false })?.size ?? 0).toBe(0); // nothing was copied
    } finally {
      source.close();
    }
  });

  it('answers reads while the copy is re-encrypted, answers writes busy, and ends with every row under the new key only', async () => {
    const oldKey = await databaseKeyOf(h.dataDir, 'boss', OWNER_PASSWORD);
    const before = await h.call('owner', 'customers.list', { sort: 'name', limit: 20 });
    const events: CoreEvent[] = [];
    let copying!: () => void;
    const started = new Promise<void>((resolve) => (copying = resolve));
    h.core.onEvent('owner', (event) => {
      events.push(event);
      if (event.job === 'rekey' && event.done > 0 && event.done < event.total) copying();
    });
    const order: string[] = [];
    const rekey = h.raw('owner', 'system.rekey', {}).then((result) => {
      order.push('rekey');
      return result;
    });
    await started; // the copy is being made on its own thread
    const [list, write] = await Promise.all([
      h.raw('owner', 'customers.list', { sort: 'name', limit: 20 }).then((result) => {
        order.push('list');
        return result;
      }),
      h.raw('owner', 'customers.create', { name: 'During the re-key' }),
    ]);
    expect(codeOf(await rekey)).toBe('OK');
    expect(order).toEqual(['list', 'rekey']);
    expect(list).toEqual({ ok: true, value: before });
    expect(!write.ok && write.error).toMatchObject({ code: 'IO', details: { reason: 'rekey' } }); // said as the re-key, not another program
    expect(events.at(-1)).toMatchObject({ job: 'rekey', done: events.at(-1)!.total });

    // The core goes on with the new key; the write can be made now.
    await h.call('owner', 'customers.create', { name: 'After the re-key' });
    const newKey = await databaseKeyOf(h.dataDir, 'boss', OWNER_PASSWORD);
    expect(newKey).not.toBe(oldKey);
    expect(existsSync(join(h.dataDir, 'clientele.db.rekey'))).toBe(false);
    const reopened = openWithKey(h.dataDir, newKey);
    try {
      expect(reopened.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(CUSTOMERS + 1);
      expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(reopened.prepare("SELECT count(*) FROM customers WHERE name = 'During the re-key'").pluck().get()).toBe(0);
    } finally {
      reopened.close();
    }
    expect(() => openEncrypted(join(h.dataDir, 'clientele.db'), oldKey).close()).toThrow(/does not open/);
    // The search index came along: a customer is found by a piece of its name.
    const name = before.rows[0]!.name;
    const found = await h.call('owner', 'search.query', { q: [...name].slice(0, 3).join('') });
    expect(found.hits.map((hit) => hit.id)).toContain(before.rows[0]!.id);
    const verified = await h.call('owner', 'audit.verify', {});
    expect(verified.ok).toBe(true);
  });
});
