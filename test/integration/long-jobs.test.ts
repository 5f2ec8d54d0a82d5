// Long jobs as the core runs them (electron/core/jobs.ts): seeding, audit verify and export step
// with progress and answer other calls between their steps, can be cancelled by the caller
// (jobs.cancel) with what was committed kept whole, and are refused beside a job they must not run
// with; while a re-key runs, a write, a backup or another job is told so in its own words.
//
// A call that arrives from outside the core's thread (a worker message, an HTTP request) is a
// macrotask: `arriving` starts one that way, so it runs only when the job gives the event loop a
// turn. No sleeps: everything waits on the jobs' progress events.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../electron/core/core-types.ts';
import { transaction } from '../../electron/core/db/database.ts';
import { engine } from '../../electron/core/db/engine.ts';
import { appendAudit } from '../../electron/core/areas/audit/service.ts';
import type { Result } from '../../shared/errors.ts';
import { addUser, codeOf, databaseKeyOf, makeHarness, openDbWithKey, openWithKey, OWNER_PASSWORD, type Harness } from './harness.ts';

/** Starts `call` as a call from outside would arrive: after the current turn of the event loop. */
function arriving<T>(order: string[], label: string, call: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) =>
    setImmediate(() =>
      call().then((value) => {
        order.push(label);
        resolve(value);
      }, reject),
    ),
  );
}

/** The progress events of `job` for `session`, and a promise for the first one that `when` accepts. */
function watch(h: Harness, session: string, job: string, when: (event: CoreEvent) => boolean): { events: CoreEvent[]; reached: Promise<CoreEvent> } {
  const events: CoreEvent[] = [];
  let reach!: (event: CoreEvent) => void;
  const reached = new Promise<CoreEvent>((resolve) => (reach = resolve));
  h.core.onEvent(session, (event) => {
    if (event.job !== job) return;
    events.push(event);
    if (when(event)) reach(event);
  });
  return { events, reached };
}

function detailsOfFailure(result: Result<unknown>): unknown {
  return result.ok ? 'OK' : { code: result.error.code, details: result.error.details };
}

const midway = (event: CoreEvent) => event.done > 0 && event.done < event.total;

describe('long jobs', () => {
  let h: Harness;
  beforeEach(async () => {
    h = makeHarness();
    await h.call('owner', 'setup.create', { shopName: 'Shop', ownerUsername: 'boss', password: OWNER_PASSWORD });
  });
  afterEach(() => h.cleanup());

  it('a seed reports progress batch by batch and answers calls between its batches', async () => {
    const { events, reached } = watch(h, 'owner', 'seed', midway);
    const order: string[] = [];
    const seeding = h.raw('owner', 'system.seed', { customers: 1500, seed: 4 }).then((result) => {
      order.push('seed');
      return result;
    });
    await reached;
    const count = await arriving(order, 'count', () => h.call('owner', 'customers.count', {}));
    expect(codeOf(await seeding)).toBe('OK');
    expect(order).toEqual(['count', 'seed']);
    expect(count.count).toBeGreaterThan(0);
    expect(count.count).toBeLessThan(1500);
    expect(events[0]).toMatchObject({ done: 0, total: 1500 });
    expect(events.at(-1)).toMatchObject({ done: 1500, total: 1500 });
    expect(events.every((event, i) => i === 0 || event.done > events[i - 1]!.done)).toBe(true);
    expect((await h.call('owner', 'customers.count', {})).count).toBe(1500);
  });

  it('a cancelled seed keeps its committed batches whole and audited; only the caller can cancel it', async () => {
    await addUser(h, { username: 'helper', role: 'manager' });
    const { reached } = watch(h, 'owner', 'seed', midway);
    const seeding = h.raw('owner', 'system.seed', { customers: 20_000, seed: 5 });
    await reached;
    // Beside a running seed: another seed and a re-key are refused, a read-only audit check runs.
    expect(detailsOfFailure(await h.raw('owner', 'system.seed', { customers: 5 }))).toEqual({ code: 'CONFLICT', details: { reason: 'busy' } });
    expect(detailsOfFailure(await h.raw('owner', 'system.rekey', {}))).toEqual({ code: 'CONFLICT', details: { reason: 'busy' } });
    expect((await h.call('owner', 'audit.verify', {})).ok).toBe(true);

    expect(await h.call('helper', 'jobs.cancel', { job: 'seed' })).toEqual({ cancelled: false }); // not theirs
    expect(await h.call('owner', 'jobs.cancel', { job: 'auditExport' })).toEqual({ cancelled: false }); // none running
    expect(await h.call('owner', 'jobs.cancel', { job: 'seed' })).toEqual({ cancelled: true });
    const result = await seeding;
    expect(codeOf(result)).toBe('CANCELLED');
    expect(!result.ok && result.error.message).toMatch(/^system\.seed: the seed was cancelled after \d+ customers; those stay$/);

    const { count } = await h.call('owner', 'customers.count', {});
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(20_000);
    const entry = (await h.call('owner', 'audit.list', { action: 'system.seed' })).rows[0]!;
    expect(entry.changes).toEqual([{ field: 'customers', before: null, after: count }]);
    // Whole batches: every customer with its contacts, grade history and search entry.
    const key = await databaseKeyOf(h.dataDir, 'boss', OWNER_PASSWORD);
    const file = openWithKey(h.dataDir, key);
    try {
      expect(file.prepare('SELECT count(*) FROM customers c WHERE NOT EXISTS (SELECT 1 FROM contacts k WHERE k.customer_id = c.id)').pluck().get()).toBe(0);
      expect(file.prepare('SELECT count(*) FROM customers c WHERE NOT EXISTS (SELECT 1 FROM grade_history g WHERE g.customer_id = c.id)').pluck().get()).toBe(0);
    } finally {
      file.close();
    }
    expect(await h.call('owner', 'system.check', {})).toEqual({ ok: true, problems: [] });
    expect((await h.call('owner', 'audit.verify', {})).ok).toBe(true);
    // A new seed may start now, and continues the customer codes.
    expect((await h.call('owner', 'system.seed', { customers: 10, seed: 6 })).customers).toBe(10);
    expect((await h.call('owner', 'customers.count', {})).count).toBe(count + 10);
  });

  describe('on an audit log of several thousand entries', () => {
    const ADDED = 5_000;
    beforeEach(async () => {
      // Appended through a connection of the test's own (the core's idle meanwhile): quicker than 5,000 calls.
      const db = openDbWithKey(h.dataDir, await databaseKeyOf(h.dataDir, 'boss', OWNER_PASSWORD));
      try {
        await transaction(db, async (tx) => {
          for (let i = 0; i < ADDED; i++) await appendAudit(tx, { at: h.clock.now + i, userId: 1, username: 'boss', action: 'customer.update', entity: 'customer', entityId: i + 1, label: `客户 ${i}`, changes: [{ field: 'name', before: 'a', after: `b${i}` }] });
        });
      } finally {
        engine.close(db);
      }
    });

    it('verify steps through id ranges with progress, answering calls between them', async () => {
      const { events, reached } = watch(h, 'owner', 'auditVerify', () => true);
      const order: string[] = [];
      const verifying = h.call('owner', 'audit.verify', {}).then((verdict) => {
        order.push('verify');
        return verdict;
      });
      await reached;
      await arriving(order, 'list', () => h.call('owner', 'customers.list', { sort: 'name', limit: 20 }));
      const verdict = await verifying;
      expect(order).toEqual(['list', 'verify']);
      expect(verdict.ok).toBe(true);
      expect(verdict.checked).toBeGreaterThan(ADDED);
      expect(events[0]).toMatchObject({ done: 0, total: verdict.checked });
      expect(events.at(-1)).toMatchObject({ done: verdict.checked, total: verdict.checked });
    });

    it('export steps through id ranges and is audited; cancelled, it writes nothing', async () => {
      const first = watch(h, 'owner', 'auditExport', () => true);
      const exporting = h.raw('owner', 'audit.export', {});
      await first.reached;
      expect(await h.call('owner', 'jobs.cancel', { job: 'auditExport' })).toEqual({ cancelled: true });
      expect(codeOf(await exporting)).toBe('CANCELLED');
      expect((await h.call('owner', 'audit.list', { action: 'audit.export' })).rows).toEqual([]);

      const order: string[] = [];
      const second = watch(h, 'owner', 'auditExport', () => true); // its start: every range is still to read
      const exported = h.call('owner', 'audit.export', { action: 'customer.update' }).then((value) => {
        order.push('export');
        return value;
      });
      await second.reached;
      await arriving(order, 'list', () => h.call('owner', 'customers.list', { sort: 'name', limit: 20 }));
      const { csv, rows } = await exported;
      expect(order).toEqual(['list', 'export']);
      expect(rows).toBe(ADDED);
      expect(csv.split('\r\n').filter((line) => line.length > 0)).toHaveLength(ADDED + 1);
      expect(csv).toContain('"客户 4999"');
      const entries = (await h.call('owner', 'audit.list', { action: 'audit.export' })).rows;
      expect(entries.map((entry) => entry.changes)).toEqual([[{ field: 'rows', before: null, after: ADDED }]]);
      expect((await h.call('owner', 'audit.verify', {})).ok).toBe(true);
    });
  });

  describe('while a re-key runs', () => {
    beforeEach(async () => {
      await h.call('owner', 'system.seed', { customers: 2000, seed: 3 });
    });

    it('a write, a backup, a restore and another job are refused as the re-key, reads are answered', async () => {
      const { reached } = watch(h, 'owner', 'rekey', midway);
      const rekey = h.raw('owner', 'system.rekey', {});
      await reached; // the copy is being made on its own thread
      const rekeying = { code: 'IO', details: { reason: 'rekey' } };
      const [write, backup, restore, seed, verify, list] = await Promise.all([
        h.raw('owner', 'customers.create', { name: 'During the re-key' }),
        h.raw('owner', 'backup.create', { folder: join(h.dataDir, 'usb') }),
        h.raw('owner', 'backup.restore', { file: join(h.dataDir, 'x.clbak'), credentials: { username: 'boss', password: OWNER_PASSWORD } }),
        h.raw('owner', 'system.seed', { customers: 5 }),
        h.raw('owner', 'audit.verify', {}),
        h.raw('owner', 'customers.list', { sort: 'name', limit: 5 }),
      ]);
      expect(detailsOfFailure(write)).toEqual(rekeying);
      expect(!write.ok && write.error.message).toBe('customers.create: a re-key of the database is running; try again when it has finished');
      expect(detailsOfFailure(backup)).toEqual(rekeying);
      expect(detailsOfFailure(restore)).toEqual(rekeying);
      expect(detailsOfFailure(seed)).toEqual(rekeying);
      expect(detailsOfFailure(verify)).toEqual(rekeying);
      expect(codeOf(list)).toBe('OK');
      expect(codeOf(await rekey)).toBe('OK');
      expect(existsSync(join(h.dataDir, 'usb'))).toBe(false);
      await h.call('owner', 'customers.create', { name: 'After the re-key' });
    });

    it('is cancelled before its copy is swapped in: the database keeps its key and takes writes again', async () => {
      const oldKey = await databaseKeyOf(h.dataDir, 'boss', OWNER_PASSWORD);
      const { events, reached } = watch(h, 'owner', 'rekey', () => true);
      const rekey = h.raw('owner', 'system.rekey', {});
      await reached; // its start: the copy has not been made yet
      expect(await h.call('owner', 'jobs.cancel', { job: 'rekey' })).toEqual({ cancelled: true });
      const result = await rekey;
      expect(codeOf(result)).toBe('CANCELLED');
      expect(events.every((event) => event.done < event.total)).toBe(true);
      expect(await databaseKeyOf(h.dataDir, 'boss', OWNER_PASSWORD)).toBe(oldKey);
      expect(existsSync(join(h.dataDir, 'clientele.db.rekey'))).toBe(false);
      await h.call('owner', 'customers.create', { name: 'After the cancelled re-key' });
      expect((await h.call('owner', 'customers.count', {})).count).toBe(2001);
      // The core restarted opens the same database with the same key; a re-key then goes through.
      h.restart();
      await h.call('owner', 'auth.signIn', { username: 'boss', password: OWNER_PASSWORD });
      expect((await h.call('owner', 'customers.count', {})).count).toBe(2001);
      expect(codeOf(await h.raw('owner', 'system.rekey', {}))).toBe('OK');
      expect(await databaseKeyOf(h.dataDir, 'boss', OWNER_PASSWORD)).not.toBe(oldKey);
    });
  });
});
