// The audit log: an entry for every kind of event (even sign-in failures while the database is
// closed), filters, CSV export, and a hash chain that a direct edit of one entry breaks.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditAction } from '../../shared/api/contract.ts';
import type { AuditEntry } from '../../shared/api/audit.ts';
import type { MethodInput } from '../../shared/api/contract.ts';
import { addUser, databaseKeyOf, INITIAL_PASSWORD, makeHarness, openWithKey, OWNER_PASSWORD, USER_PASSWORD, userNamed, type Harness } from './harness.ts';

async function allEntries(h: Harness, session: string, filters: Omit<MethodInput<'audit.list'>, 'cursor'> = {}): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  let cursor: string | null = null;
  do {
    const page: { rows: AuditEntry[]; nextCursor: string | null } = await h.call(session, 'audit.list', { ...filters, cursor, limit: 200 });
    out.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** Splits CSV text into records (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(cell);
      cell = '';
    }
    else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      if (ch === '\r') i++;
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || record.length > 0) records.push([...record, cell]);
  return records;
}

describe('audit log', () => {
  let h: Harness;
  let staffId: number;
  const T0 = Date.UTC(2026, 10, 22, 9, 0, 0);
  beforeEach(async () => {
    h = makeHarness();
    await h.call('owner', 'setup.create', { shopName: 'Shop', ownerUsername: 'boss', password: OWNER_PASSWORD });
    staffId = (await addUser(h, { username: 'staff', role: 'staff' })).id;
  });
  afterEach(() => h.cleanup());

  it('records every kind of event, with who, what and the fields changed', async () => {
    // Failures while the database is closed are kept aside and written at the next sign-in.
    await h.call('staff', 'auth.signOut', {});
    await h.call('owner', 'auth.signOut', {});
    h.clock.now = T0 + 60_000;
    await h.failure('x', 'auth.signIn', { username: 'boss', password: 'wrong-password-1' }, 'BAD_PASSWORD');
    for (let i = 0; i < 4; i++) await h.failure('x', 'auth.signIn', { username: 'staff', password: 'wrong-password-1' }, 'BAD_PASSWORD');
    await h.failure('x', 'auth.signIn', { username: 'staff', password: 'wrong-password-1' }, 'LOCKED_OUT');
    h.clock.now = T0 + 120_000;
    await h.call('owner', 'auth.signIn', { username: 'boss', password: OWNER_PASSWORD });

    const created = await h.call('owner', 'customers.create', { name: '审计客户', phone: '0571-1234 5678' });
    const updated = await h.call('owner', 'customers.update', { id: created.id, version: created.version, name: '审计客户（新）', phone: '0571-1234 5678', grade: 'vip' });
    await h.call('owner', 'customers.delete', { id: updated.id, version: updated.version });
    await h.call('owner', 'customers.restore', { id: updated.id });
    const again = await h.call('owner', 'customers.get', { id: updated.id });
    await h.call('owner', 'customers.delete', { id: again.id, version: again.version });
    await h.call('owner', 'customers.purge', { id: again.id });

    const viewer = await h.call('owner', 'users.create', { username: 'viewer', role: 'viewer', password: INITIAL_PASSWORD });
    await h.call('owner', 'users.setRole', { id: viewer.id, version: viewer.version, role: 'staff' });
    await h.call('owner', 'users.resetPassword', { id: viewer.id, newPassword: 'another-start-2231' });
    const off = await h.call('owner', 'users.deactivate', { id: viewer.id, version: (await userNamed(h, 'viewer')).version });
    await h.call('owner', 'users.reactivate', { id: viewer.id, version: off.version, newPassword: 'another-start-2232' });
    await h.call('owner', 'settings.update', { maskContacts: true, idleLockMinutes: 5 });
    await h.call('owner', 'system.rekey', {});
    await h.call('owner', 'audit.export', {});
    await h.call('owner', 'auth.signOut', {});
    await h.call('owner', 'auth.signIn', { username: 'boss', password: OWNER_PASSWORD });

    const entries = await allEntries(h, 'owner');
    const actions = new Set(entries.map((e) => e.action));
    const expected: AuditAction[] = [
      'setup.create',
      'auth.signIn',
      'auth.signInFailed',
      'auth.lockedOut',
      'auth.signOut',
      'auth.passwordChanged',
      'customer.create',
      'customer.update',
      'customer.delete',
      'customer.restore',
      'customer.purge',
      'user.create',
      'user.roleChanged',
      'user.passwordReset',
      'user.deactivated',
      'user.reactivated',
      'settings.update',
      'system.rekey',
      'audit.export',
    ];
    expect([...actions].sort()).toEqual(expect.arrayContaining(expected));
    // Newest first.
    expect(entries.map((e) => e.id)).toEqual([...entries.map((e) => e.id)].sort((a, b) => b - a));

    const failed = entries.filter((e) => e.action === 'auth.signInFailed');
    expect(failed.filter((e) => e.username === 'boss')).toHaveLength(1);
    expect(failed.filter((e) => e.username === 'staff').length).toBeGreaterThanOrEqual(4);
    expect(failed.find((e) => e.username === 'boss')?.at).toBe(T0 + 60_000);
    expect(entries.find((e) => e.action === 'auth.lockedOut')).toMatchObject({ username: 'staff', at: T0 + 60_000 });

    const update = entries.find((e) => e.action === 'customer.update')!;
    expect(update).toMatchObject({ entity: 'customer', entityId: created.id, username: 'boss' });
    expect(update.changes).toEqual(
      expect.arrayContaining([
        { field: 'name', before: '审计客户', after: '审计客户（新）' },
        { field: 'grade', before: 'normal', after: 'vip' },
      ]),
    );
    expect(update.changes.map((c) => c.field)).not.toContain('phone'); // unchanged fields are not listed
    expect(entries.find((e) => e.action === 'customer.purge')).toMatchObject({ entityId: created.id });
    expect(entries.find((e) => e.action === 'user.roleChanged')?.changes).toEqual([{ field: 'role', before: 'viewer', after: 'staff' }]);
    expect(entries.find((e) => e.action === 'settings.update')?.changes).toEqual(
      expect.arrayContaining([
        { field: 'maskContacts', before: false, after: true },
        { field: 'idleLockMinutes', before: 10, after: 5 },
      ]),
    );
    // No secret ever goes into the log.
    const text = JSON.stringify(entries);
    for (const secret of [OWNER_PASSWORD, USER_PASSWORD, INITIAL_PASSWORD, 'wrong-password-1', 'another-start-2231']) expect(text).not.toContain(secret);
    expect((await h.call('owner', 'audit.verify', {})).ok).toBe(true);
  });

  it('filters by user, action, entity and date', async () => {
    h.clock.now = T0 + 1000;
    await h.call('staff', 'customers.create', { name: 'By staff' });
    h.clock.now = T0 + 2000;
    const c = await h.call('owner', 'customers.create', { name: 'By owner' });
    h.clock.now = T0 + 3000;
    await h.call('owner', 'customers.update', { id: c.id, version: c.version, name: 'By owner 2' });
    await h.call('owner', 'settings.update', { staffScope: true });

    const byStaff = await allEntries(h, 'owner', { userId: staffId });
    expect(byStaff.length).toBeGreaterThan(0);
    expect(byStaff.every((e) => e.userId === staffId)).toBe(true);
    expect(byStaff.map((e) => e.action)).toContain('customer.create');
    expect((await allEntries(h, 'owner', { action: 'customer.create' })).map((e) => e.label).sort()).toEqual(['By owner', 'By staff']);
    const customerEntries = await allEntries(h, 'owner', { entity: 'customer' });
    expect(customerEntries.map((e) => e.action).sort()).toEqual(['customer.create', 'customer.create', 'customer.update']);
    const window = await allEntries(h, 'owner', { from: T0 + 1500, to: T0 + 2500 });
    expect(window.map((e) => [e.action, e.label])).toEqual([['customer.create', 'By owner']]);
    expect((await allEntries(h, 'owner', { from: T0 + 3000 })).map((e) => e.action).sort()).toEqual(['customer.update', 'settings.update']);
    expect(await allEntries(h, 'owner', { userId: staffId, entity: 'settings' })).toEqual([]);
    // Paging returns each entry once.
    const paged: AuditEntry[] = [];
    let cursor: string | null = null;
    do {
      const page: { rows: AuditEntry[]; nextCursor: string | null } = await h.call('owner', 'audit.list', { cursor, limit: 2 });
      paged.push(...page.rows);
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged.map((e) => e.id)).toEqual((await allEntries(h, 'owner')).map((e) => e.id));
  });

  it('exports CSV with a BOM, a header row and one row per entry, oldest first', async () => {
    await h.call('owner', 'customers.create', { name: 'Comma, "quote" and\nnewline' });
    await h.call('owner', 'customers.create', { name: '=cmd()' });
    const before = await allEntries(h, 'owner');
    const { csv, rows } = await h.call('owner', 'audit.export', {});
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const records = parseCsv(csv.slice(1));
    expect(records.length - 1).toBe(rows);
    expect(rows).toBeGreaterThanOrEqual(before.length);
    expect(rows).toBeLessThanOrEqual(before.length + 1);
    const header = records[0]!;
    expect(header.length).toBeGreaterThanOrEqual(5);
    expect(records.slice(1).every((r) => r.length === header.length)).toBe(true);
    const ids = records.slice(1).map((r) => Number(r[0]));
    expect(ids.slice(0, before.length)).toEqual(before.map((e) => e.id).reverse());
    expect(csv).toContain('Comma, ""quote"" and\nnewline');
    expect(csv).not.toMatch(/(^|,)"=cmd/m); // not a formula when opened in Excel
    const customers = await h.call('owner', 'audit.export', { entity: 'customer' });
    expect(customers.rows).toBe(2);
    expect(parseCsv(customers.csv.slice(1)).length).toBe(3);
    // Only the owner may read the log.
    await h.failure('staff', 'audit.export', {}, 'FORBIDDEN');
  });

  it('names the entry that was edited directly in the database', async () => {
    const c = await h.call('owner', 'customers.create', { name: 'Honest' });
    for (let i = 1; i <= 5; i++) await h.call('owner', 'customers.update', { id: c.id, version: i, name: `Honest ${i}` });
    expect(await h.call('owner', 'audit.verify', {})).toMatchObject({ ok: true, firstBad: null });
    const updates = await allEntries(h, 'owner', { action: 'customer.update' });
    const target = updates[2]!; // the third newest of five: entries before and after it
    expect(updates).toHaveLength(5);
    const raw = openWithKey(h.dataDir, await databaseKeyOf(h.dataDir, 'boss', OWNER_PASSWORD));
    try {
      const changed = raw.prepare('UPDATE audit_log SET changes = ? WHERE id = ?').run(JSON.stringify([{ field: 'name', before: 'Honest 2', after: 'Innocent' }]), target.id);
      expect(changed.changes).toBe(1);
    } finally {
      raw.close();
    }
    const verdict = await h.call('owner', 'audit.verify', {});
    expect(verdict).toMatchObject({ ok: false, firstBad: { id: target.id, at: target.at } });
    h.restart();
    await h.call('o', 'auth.signIn', { username: 'boss', password: OWNER_PASSWORD });
    expect((await h.call('o', 'audit.verify', {})).firstBad?.id).toBe(target.id);
  });

  it('names the entry after one that was deleted', async () => {
    const c = await h.call('owner', 'customers.create', { name: 'Honest' });
    for (let i = 1; i <= 3; i++) await h.call('owner', 'customers.update', { id: c.id, version: i, name: `Honest ${i}` });
    const ids = (await allEntries(h, 'owner', { action: 'customer.update' })).map((e) => e.id).sort((a, b) => a - b);
    const raw = openWithKey(h.dataDir, await databaseKeyOf(h.dataDir, 'boss', OWNER_PASSWORD));
    try {
      raw.prepare('DELETE FROM audit_log WHERE id = ?').run(ids[0]);
    } finally {
      raw.close();
    }
    expect((await h.call('owner', 'audit.verify', {})).firstBad?.id).toBe(ids[1]);
  });

  it('keeps the chain valid across 10,000 entries and a restart', { timeout: 300_000 }, async () => {
    let c = await h.call('owner', 'customers.create', { name: 'Busy 0' });
    for (let i = 1; i <= 10_000; i++) {
      c = await h.call('owner', 'customers.update', { id: c.id, version: c.version, name: `Busy ${i}` });
    }
    const first = await h.call('owner', 'audit.verify', {});
    expect(first.ok).toBe(true);
    expect(first.checked).toBeGreaterThan(10_000);
    h.restart();
    await h.call('o', 'auth.signIn', { username: 'boss', password: OWNER_PASSWORD });
    await h.call('o', 'customers.update', { id: c.id, version: c.version, name: 'After restart' });
    const second = await h.call('o', 'audit.verify', {});
    expect(second).toMatchObject({ ok: true, firstBad: null });
    expect(second.checked).toBeGreaterThanOrEqual(first.checked + 2); // at least the sign-in and the update
  });

  it('lets only the owner read, verify or export it', async () => {
    await addUser(h, { username: 'manager', role: 'manager' });
    for (const session of ['staff', 'manager']) {
      await h.failure(session, 'audit.list', {}, 'FORBIDDEN');
      await h.failure(session, 'audit.verify', {}, 'FORBIDDEN');
    }
    const staff = await userNamed(h, 'staff');
    expect(staff.id).toBe(staffId);
  });
});
