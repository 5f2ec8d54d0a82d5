// "Staff see only the customers they are responsible for": enforced inside the core's queries, for
// every way of reaching a customer (list, count, search, detail, edit, delete, restore, facets,
// guessed ids). Staff delete only what they created, whatever the setting.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Customer, CustomerPage } from '../../shared/api/customers.ts';
import { addUser, codeOf, makeHarness, shopWithRoles, userNamed, type Harness } from './harness.ts';

// Everything about the other staff member's customer that must never reach "staff".
const SECRET = {
  name: '秘密客户乙有限公司',
  industry: '秘密行业',
  region: '秘密城市',
  phone: '0571-8765 4321',
  email: 'secret@other.example.com',
  tags: ['秘密标签'],
  contacts: [{ name: '王秘密', mobile: '139-8888-7777', email: 'wang.secret@other.example.com' }],
};
const SECRET_MARKERS = ['秘密', '8765', '139-8888-7777', 'secret@other', 'wang.secret'];

function leaked(value: unknown): string[] {
  const text = JSON.stringify(value);
  return SECRET_MARKERS.filter((marker) => text.includes(marker));
}

async function allRows(h: Harness, session: string): Promise<{ id: number; name: string }[]> {
  const rows: { id: number; name: string }[] = [];
  let cursor: string | null = null;
  do {
    const page: CustomerPage = await h.call(session, 'customers.list', { cursor, limit: 100 });
    rows.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

describe('staff scope', () => {
  let h: Harness;
  let mine: Customer;
  let theirs: Customer;
  let staffId: number;
  let otherId: number;
  beforeEach(async () => {
    h = makeHarness();
    await shopWithRoles(h);
    await addUser(h, { username: 'staff2', role: 'staff' });
    staffId = (await userNamed(h, 'staff')).id;
    otherId = (await userNamed(h, 'staff2')).id;
    mine = await h.call('staff', 'customers.create', { name: '我的客户甲', industry: '本行业', ownerId: staffId, phone: '0571-1111 2222' });
    theirs = await h.call('staff2', 'customers.create', { ...SECRET, ownerId: otherId });
    // Some more of each, and one of the owner's that is nobody's.
    for (let i = 0; i < 3; i++) {
      await h.call('staff2', 'customers.create', { ...SECRET, name: `${SECRET.name} ${i}`, ownerId: otherId });
      await h.call('owner', 'customers.create', { name: `Owner's ${i}`, ownerId: i === 0 ? staffId : null });
    }
    await h.call('owner', 'settings.update', { staffScope: true });
  });
  afterEach(() => h.cleanup());

  it('hides another staff member\'s customers from every read: list, count, facets, search, detail', async () => {
    const rows = await allRows(h, 'staff');
    expect(rows.map((r) => r.name).sort()).toEqual(["Owner's 0", '我的客户甲']);
    expect((await h.call('staff', 'customers.count', {})).count).toBe(2);
    expect((await h.call('staff', 'customers.count', { ownerId: otherId })).count).toBe(0);
    expect((await h.call('staff', 'customers.list', { ownerId: otherId })).rows).toEqual([]);
    expect((await h.call('staff', 'customers.count', { industry: SECRET.industry })).count).toBe(0);
    expect((await h.call('staff', 'customers.count', { tag: SECRET.tags[0]! })).count).toBe(0);
    const facets = await h.call('staff', 'customers.facets', {});
    expect(leaked(facets)).toEqual([]);
    expect(facets.industries).toContain('本行业');
    for (const q of [SECRET.name, '秘密', 'mimi', SECRET.phone, '8765', 'secret@other', '王秘密', theirs.code]) {
      const hits = (await h.call('staff', 'search.query', { q })).hits;
      expect(hits, q).toEqual([]);
    }
    expect((await h.call('staff', 'search.query', { q: '我的客户' })).hits.map((hit) => hit.id)).toEqual([mine.id]);
    const get = await h.raw('staff', 'customers.get', { id: theirs.id });
    expect(codeOf(get)).toMatch(/^(NOT_FOUND|FORBIDDEN)$/);
    expect(leaked(get)).toEqual([]);
    expect((await h.call('staff', 'customers.get', { id: mine.id })).name).toBe('我的客户甲');
  });

  it('answers guessed ids with NOT_FOUND or FORBIDDEN and never the data', async () => {
    const visible = new Set((await allRows(h, 'owner')).map((r) => r.id));
    const own = new Set((await allRows(h, 'staff')).map((r) => r.id));
    const max = Math.max(...visible);
    for (let id = 1; id <= max + 3; id++) {
      const result = await h.raw('staff', 'customers.get', { id });
      if (own.has(id)) expect(codeOf(result), `id ${id}`).toBe('OK');
      else {
        expect(codeOf(result), `id ${id}`).toMatch(/^(NOT_FOUND|FORBIDDEN)$/);
        expect(leaked(result), `id ${id}`).toEqual([]);
      }
    }
  });

  it('refuses to update, delete or restore another staff member\'s customer, and leaves it untouched', async () => {
    const { id, version } = theirs;
    for (const [method, input] of [
      ['customers.update', { id, version, name: 'Taken over' }],
      ['customers.update', { id, version, name: SECRET.name, ownerId: staffId }],
      ['customers.delete', { id, version }],
    ] as const) {
      const result = await h.raw('staff', method, input);
      expect(codeOf(result), method).toMatch(/^(NOT_FOUND|FORBIDDEN)$/);
      expect(leaked(result), method).toEqual([]);
    }
    // Untouched; only what the owner may do with it differs from what staff2 may.
    expect(await h.call('owner', 'customers.get', { id })).toEqual({ ...theirs, actions: { edit: true, delete: true, purge: true } });
    await h.call('staff2', 'customers.delete', { id, version });
    const restore = await h.raw('staff', 'customers.restore', { id });
    expect(codeOf(restore)).toMatch(/^(NOT_FOUND|FORBIDDEN)$/);
    expect(leaked(restore)).toEqual([]);
    const bin = await h.call('staff', 'customers.listDeleted', {});
    expect(leaked(bin)).toEqual([]);
    expect((await h.call('owner', 'customers.listDeleted', {})).rows.map((r) => r.id)).toEqual([id]);
    expect((await h.call('staff2', 'customers.listDeleted', {})).rows.map((r) => r.id)).toEqual([id]);
  });

  it('keeps a staff member\'s own customers fully usable', async () => {
    const updated = await h.call('staff', 'customers.update', { id: mine.id, version: mine.version, name: '我的客户甲（改）', ownerId: staffId });
    expect(updated.name).toBe('我的客户甲（改）');
    await h.call('staff', 'customers.delete', { id: mine.id, version: updated.version });
    expect((await h.call('staff', 'customers.listDeleted', {})).rows.map((r) => r.id)).toEqual([mine.id]);
    expect((await h.call('staff', 'customers.restore', { id: mine.id })).name).toBe('我的客户甲（改）');
  });

  it('leaves managers and owners unaffected', async () => {
    for (const session of ['owner', 'manager']) {
      expect((await h.call(session, 'customers.count', {})).count).toBe(8);
      expect((await h.call(session, 'customers.get', { id: theirs.id })).name).toBe(SECRET.name);
      expect((await h.call(session, 'search.query', { q: '秘密' })).hits.length).toBeGreaterThan(0);
    }
  });

  it('shows staff everything again when the owner turns it off', async () => {
    await h.call('owner', 'settings.update', { staffScope: false });
    expect((await h.call('staff', 'customers.count', {})).count).toBe(8);
    expect((await h.call('staff', 'customers.get', { id: theirs.id })).name).toBe(SECRET.name);
  });

  for (const staffScope of [false, true]) {
    it(`lets staff delete only what they created (scope ${staffScope ? 'on' : 'off'})`, async () => {
      await h.call('owner', 'settings.update', { staffScope });
      // The owner's customer with staff responsible: staff see it and may edit it, but not delete it.
      const assigned = (await allRows(h, 'owner')).find((r) => r.name === "Owner's 0")!;
      const before = await h.call('staff', 'customers.get', { id: assigned.id });
      const edited = await h.call('staff', 'customers.update', { id: before.id, version: before.version, name: "Owner's 0", ownerId: staffId, notes: 'visited' });
      await h.failure('staff', 'customers.delete', { id: edited.id, version: edited.version }, 'FORBIDDEN');
      if (!staffScope) await h.failure('staff', 'customers.delete', { id: theirs.id, version: theirs.version }, 'FORBIDDEN');
      expect((await h.call('owner', 'customers.get', { id: assigned.id })).deletedAt).toBeNull();
      await h.call('staff', 'customers.delete', { id: mine.id, version: mine.version });
      // The manager may delete anything.
      await h.call('manager', 'customers.delete', { id: edited.id, version: edited.version });
    });
  }
});

// Customers created while the scope setting is off must not vanish from staff when it is turned on:
// whoever creates a customer is responsible for it unless they choose otherwise, and the owner is
// told about (and can assign) the customers nobody is responsible for.
describe('responsible staff member', () => {
  let h: Harness;
  let ids: Record<string, number>;
  beforeEach(async () => {
    h = makeHarness();
    await shopWithRoles(h);
    ids = Object.fromEntries((await h.call('owner', 'users.list', {})).map((u) => [u.username, u.id]));
  });
  afterEach(() => h.cleanup());

  it('defaults to the creator for every role that can own customers, and can be changed or left empty', async () => {
    for (const [session, username] of [['owner', 'boss'], ['manager', 'manager'], ['staff', 'staff']] as const) {
      const made = await h.call(session, 'customers.create', { name: `Made by ${session}` });
      expect(made.ownerId, session).toBe(ids[username]);
    }
    await h.failure('viewer', 'customers.create', { name: 'Viewer' }, 'FORBIDDEN');
    expect((await h.call('staff', 'customers.create', { name: 'For manager', ownerId: ids.manager! })).ownerId).toBe(ids.manager);
    const open = await h.call('owner', 'customers.create', { name: 'Nobody', ownerId: null });
    expect(open.ownerId).toBeNull();
    // An update that leaves the field out keeps it; null clears it.
    const kept = await h.call('manager', 'customers.update', { id: open.id, version: open.version, name: 'Nobody yet' });
    expect(kept.ownerId).toBeNull();
    const given = await h.call('manager', 'customers.update', { id: open.id, version: kept.version, name: 'Nobody yet', ownerId: ids.staff! });
    expect((await h.call('manager', 'customers.update', { id: open.id, version: given.version, name: 'Still staff' })).ownerId).toBe(ids.staff);
  });

  it('keeps what staff created visible to them when the owner turns the scope on afterwards', async () => {
    const made = await h.call('staff', 'customers.create', { name: '员工新建的客户' });
    await h.call('owner', 'customers.create', { name: '老板的客户' });
    await h.call('owner', 'settings.update', { staffScope: true });
    expect((await h.call('staff', 'customers.list', {})).rows.map((r) => r.id)).toEqual([made.id]);
    expect((await h.call('staff', 'customers.get', { id: made.id })).name).toBe('员工新建的客户');
    expect((await h.call('staff', 'search.query', { q: '员工新建' })).hits.map((hit) => hit.id)).toEqual([made.id]);
  });

  it('accepts only active users whose role can own customers as a new responsible staff member', async () => {
    const viewerError = await h.failure('owner', 'customers.create', { name: 'X', ownerId: ids.viewer! }, 'VALIDATION');
    expect(viewerError.details).toEqual([{ path: ['ownerId'], message: 'ownerId' }]);
    await h.failure('owner', 'customers.create', { name: 'X', ownerId: 9999 }, 'VALIDATION');
    const leaving = await h.call('owner', 'customers.create', { name: 'Kept by staff', ownerId: ids.staff! });
    const staffUser = await userNamed(h, 'staff');
    await h.call('owner', 'users.setRole', { id: staffUser.id, version: staffUser.version, role: 'viewer' });
    // The customer keeps its (now viewer) staff member through an ordinary edit …
    const edited = await h.call('owner', 'customers.update', { id: leaving.id, version: leaving.version, name: 'Kept by staff', ownerId: ids.staff!, notes: 'x' });
    expect(edited.ownerId).toBe(ids.staff);
    // … but nobody new can be given a viewer, nor a deactivated user.
    await h.failure('owner', 'customers.create', { name: 'Y', ownerId: ids.staff! }, 'VALIDATION');
    const manager = await userNamed(h, 'manager');
    await h.call('owner', 'users.deactivate', { id: manager.id, version: manager.version });
    await h.failure('owner', 'customers.create', { name: 'Z', ownerId: ids.manager! }, 'VALIDATION');
  });

  it('counts the unassigned customers and assigns each to its creator, the rest to the chosen person, with one audit entry', async () => {
    await addUser(h, { username: 'staff2', role: 'staff' });
    const staff2 = await userNamed(h, 'staff2');
    const byStaff = await h.call('staff', 'customers.create', { name: 'Staff left it open', ownerId: null });
    const byStaff2 = await h.call('staff2', 'customers.create', { name: 'Staff2 left it open', ownerId: null });
    const byOwner = await h.call('owner', 'customers.create', { name: 'Owner left it open', ownerId: null });
    const assigned = await h.call('owner', 'customers.create', { name: 'Already assigned', ownerId: ids.manager! });
    const binned = await h.call('staff', 'customers.create', { name: 'In the bin', ownerId: null });
    await h.call('staff', 'customers.delete', { id: binned.id, version: binned.version });
    // staff2 has left: what they created goes to the person the owner picks.
    await h.call('owner', 'users.deactivate', { id: staff2.id, version: staff2.version });

    expect(await h.call('owner', 'customers.unassigned', {})).toEqual({ count: 3, withCreator: 2 });
    expect((await h.call('owner', 'customers.count', { noOwner: true })).count).toBe(3);
    expect((await h.call('owner', 'customers.list', { noOwner: true })).rows.map((r) => r.name).sort()).toEqual(
      ['Owner left it open', 'Staff left it open', 'Staff2 left it open'].sort(),
    );
    // Nobody can be given to a viewer; the refusal changes nothing.
    await h.failure('owner', 'customers.assignUnassigned', { othersTo: ids.viewer! }, 'VALIDATION');
    expect((await h.call('owner', 'customers.unassigned', {})).count).toBe(3);
    for (const session of ['manager', 'staff', 'viewer']) {
      await h.failure(session, 'customers.unassigned', {}, 'FORBIDDEN');
      await h.failure(session, 'customers.assignUnassigned', { othersTo: null }, 'FORBIDDEN');
    }

    h.clock.now += 60_000;
    expect(await h.call('owner', 'customers.assignUnassigned', { othersTo: ids.manager! })).toEqual({ toCreator: 2, toOthers: 1, remaining: 0 });
    const after = async (id: number) => h.call('owner', 'customers.get', { id });
    expect((await after(byStaff.id)).ownerId).toBe(ids.staff);
    expect((await after(byOwner.id)).ownerId).toBe(ids.boss);
    expect((await after(byStaff2.id)).ownerId).toBe(ids.manager);
    expect((await after(byStaff.id)).version).toBe(byStaff.version + 1);
    expect((await after(assigned.id)).version).toBe(assigned.version);
    expect(await h.call('owner', 'customers.unassigned', {})).toEqual({ count: 0, withCreator: 0 });
    // A form opened before the assignment cannot put the old empty value back.
    await h.failure('staff', 'customers.update', { id: byStaff.id, version: byStaff.version, name: byStaff.name, ownerId: null }, 'CONFLICT');

    const log = await h.call('owner', 'audit.list', { action: 'customer.assignOwners' });
    expect(log.rows.map((e) => [e.username, e.label, e.changes])).toEqual([
      [
        'boss',
        'manager',
        [
          { field: 'toCreator', before: null, after: 2 },
          { field: 'toOthers', before: null, after: 1 },
        ],
      ],
    ]);

    // With the scope on, each staff member now sees what they created.
    await h.call('owner', 'settings.update', { staffScope: true });
    expect((await h.call('staff', 'customers.list', {})).rows.map((r) => r.name)).toEqual(['Staff left it open']);
  });

  it('leaves the rest unassigned when no one is chosen for them', async () => {
    await addUser(h, { username: 'staff2', role: 'staff' });
    const staff2 = await userNamed(h, 'staff2');
    const left = await h.call('staff2', 'customers.create', { name: 'Left by staff2', ownerId: null });
    const mine = await h.call('owner', 'customers.create', { name: 'Owner open', ownerId: null });
    await h.call('owner', 'users.deactivate', { id: staff2.id, version: staff2.version });
    expect(await h.call('owner', 'customers.assignUnassigned', { othersTo: null })).toEqual({ toCreator: 1, toOthers: 0, remaining: 1 });
    expect((await h.call('owner', 'customers.get', { id: mine.id })).ownerId).toBe(ids.boss);
    expect((await h.call('owner', 'customers.get', { id: left.id })).ownerId).toBeNull();
  });
});
