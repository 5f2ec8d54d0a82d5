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
    expect(await h.call('owner', 'customers.get', { id })).toEqual(theirs);
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
