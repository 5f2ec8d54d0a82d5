// Several cores on one data folder in one test process: to SQLite and to the folder's holder
// entries each core is a process of its own (its own connection, its own entry). The same cases
// with real `serve` and CLI processes are in processes.test.ts.
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Customer, CustomerPage } from '../../shared/api/customers.ts';
import type { Core } from '../../electron/core/core-types.ts';
import { hold, release } from '../../electron/core/process-lock.ts';
import { transaction } from '../../electron/core/db/database.ts';
import { engine } from '../../electron/core/db/engine.ts';
import { appendAudit } from '../../electron/core/areas/audit/service.ts';
import { addUser, databaseKeyOf, makeHarness, OWNER_PASSWORD, openDbWithKey, openWithKey, USER_PASSWORD, type Harness } from './harness.ts';

const OWNER = { username: 'boss', password: OWNER_PASSWORD };
const PHONE = '13812345678';

async function ok<T>(core: Core, session: string, method: string, input: unknown): Promise<T> {
  const result = await core.invoke(session, method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T; // the test names the method whose output it expects
}

describe('one data folder, two cores', () => {
  let h: Harness;
  let other: Core;
  let customer: Customer;

  beforeEach(async () => {
    h = makeHarness();
    await h.call('owner', 'setup.create', { shopName: '张三小店', ownerUsername: 'boss', ownerDisplayName: '老板', password: OWNER_PASSWORD });
    await addUser(h, { username: 'staff', role: 'staff' });
    customer = (await h.call('owner', 'customers.create', { name: '老板的客户', phone: PHONE })) as Customer;
    other = h.otherCore();
    await ok(other, 'staff', 'auth.signIn', { username: 'staff', password: USER_PASSWORD });
  });
  afterEach(() => {
    other.close();
    h.cleanup();
  });

  it('settings changed in one take effect in the other by its next call: masking, staff scope, idle lock', async () => {
    // The other core has read the settings already (masking off: the staff member sees the phone).
    expect((await ok<Customer>(other, 'staff', 'customers.get', { id: customer.id })).phone).toBe(PHONE);

    await h.call('owner', 'settings.update', { maskContacts: true });
    expect((await ok<Customer>(other, 'staff', 'customers.get', { id: customer.id })).phone).not.toContain('12345');
    expect((await ok<CustomerPage>(other, 'staff', 'customers.list', {})).rows.find((row) => row.id === customer.id)?.phone).not.toContain('12345');

    await h.call('owner', 'settings.update', { staffScope: true });
    expect((await ok<CustomerPage>(other, 'staff', 'customers.list', {})).rows.map((row) => row.id)).not.toContain(customer.id);
    expect((await other.invoke('staff', 'customers.get', { id: customer.id })).ok).toBe(false);

    await h.call('owner', 'settings.update', { idleLockMinutes: 1 });
    h.clock.now += 2 * 60_000;
    const idle = await other.invoke('staff', 'customers.list', {});
    expect(idle.ok ? 'OK' : idle.error.details).toMatchObject({ reason: 'idle' });
  });

  it('re-key is refused while another core has the folder open, naming it; allowed once it has closed', async () => {
    const cli = h.otherCore({ holder: { kind: 'cli', command: 'status' } });
    try {
      await ok(cli, 'cli', 'auth.signIn', OWNER);
      const refused = await h.failure('owner', 'system.rekey', {}, 'CONFLICT');
      expect(refused.details).toMatchObject({ reason: 'running' });
      const holders = (refused.details as { holders: readonly { kind: string; command?: string; pid: number }[] }).holders;
      expect(holders).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'cli', command: 'status', pid: process.pid })]));
      expect(refused.message).toContain('clientele status');
      // Nothing changed: both still work with the key they have.
      expect((await cli.invoke('cli', 'customers.count', {})).ok).toBe(true);
      expect((await other.invoke('staff', 'customers.list', {})).ok).toBe(true);
    } finally {
      cli.close();
    }
    other.close();
    await h.call('owner', 'system.rekey', {});
    // The closed cores' entries were their own to remove; the data opens again with the new key.
    other = h.otherCore();
    await ok(other, 'staff', 'auth.signIn', { username: 'staff', password: USER_PASSWORD });
  });

  it('one core closing does not release another one\'s hold', async () => {
    const third = h.otherCore();
    await ok(third, 'owner', 'auth.signIn', OWNER);
    third.close();
    const refused = await h.failure('owner', 'system.rekey', {}, 'CONFLICT'); // `other` still has it open
    expect((refused.details as { holders: readonly unknown[] }).holders).toHaveLength(1);
  });

  it('opening the database waits its turn while another process re-keys or restores the folder', async () => {
    other.close();
    const elsewhere = hold(h.dataDir, { kind: 'app', since: h.clock.now, exclusive: 'rekey' });
    other = h.otherCore();
    try {
      const refused = await other.invoke('staff', 'auth.signIn', { username: 'staff', password: USER_PASSWORD });
      expect(refused.ok ? 'OK' : refused.error).toMatchObject({ code: 'IO', details: { reason: 'busy' } });
    } finally {
      release(elsewhere);
    }
    await ok(other, 'staff', 'auth.signIn', { username: 'staff', password: USER_PASSWORD });
  });

  it('a write waits a bounded time for another writer, then answers IO busy (translated), not INTERNAL', async () => {
    const key = await databaseKeyOf(h.dataDir, 'boss', OWNER_PASSWORD);
    const writer = openWithKey(h.dataDir, key);
    writer.prepare('BEGIN IMMEDIATE').run(); // another process holding the write lock, longer than any write takes
    try {
      const started = performance.now();
      const refused = await other.invoke('staff', 'customers.create', { name: '等不到的客户' });
      expect(refused.ok ? 'OK' : refused.error).toMatchObject({ code: 'IO', details: { reason: 'busy' } });
      expect(performance.now() - started).toBeGreaterThan(4_000); // it waited (busy_timeout 5 s) before giving up
    } finally {
      writer.prepare('ROLLBACK').run();
      writer.close();
    }
    expect((await other.invoke('staff', 'customers.create', { name: '等到了的客户' })).ok).toBe(true);
  });

  it('two cores verify backups at the same time, each in its own work folder; a killed one\'s folder is removed', async () => {
    const stick = mkdtempSync(join(tmpdir(), 'clientele-stick-'));
    try {
      const file = (await h.call('owner', 'backup.create', { folder: stick })).file;
      const abandoned = join(h.dataDir, '.verify-work-999999999-0badc0de'); // no process has that pid
      mkdirSync(abandoned);
      await ok(other, 'staff', 'auth.signOut', {});
      await ok(other, 'owner', 'auth.signIn', OWNER);
      const [mine, theirs] = await Promise.all([
        h.raw('owner', 'backup.verify', { file, credentials: OWNER }),
        other.invoke('owner', 'backup.verify', { file, credentials: OWNER }),
      ]);
      expect([mine.ok ? 'OK' : mine.error, theirs.ok ? 'OK' : theirs.error]).toEqual(['OK', 'OK']);
      expect(readdirSync(h.dataDir).filter((name) => name.startsWith('.verify-work'))).toEqual([]);
    } finally {
      rmSync(stick, { recursive: true, force: true });
    }
  });

  it('an audit entry can only be appended inside a write transaction', async () => {
    const key = await databaseKeyOf(h.dataDir, 'boss', OWNER_PASSWORD);
    const db = openDbWithKey(h.dataDir, key);
    try {
      const entry = { at: h.clock.now, userId: null, username: 'x', action: 'auth.signOut', entity: 'session' } as const;
      await expect(appendAudit(db, entry)).rejects.toThrow(/inside the write transaction/);
      await transaction(db, (tx) => appendAudit(tx, entry));
    } finally {
      engine.close(db);
    }
    expect(await h.call('owner', 'audit.verify', {})).toMatchObject({ ok: true });
  });
});
