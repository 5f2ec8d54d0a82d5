// Needs analysis (shared/api/needs.ts, electron/core/areas/needs): every method × role (owner,
// manager, staff, viewer) with "staff see only their own customers" on and off; the kinds' own
// fields (expectations, budget, decision makers from the customer's contacts) and the validation
// reasons; the list's filters (catalogue item, kind, status, needed-by period, responsible staff,
// text) with needs.count equal to the list; status changes; the timeline kind 'need'; the audit
// log; a merge moves needs to the kept customer and its undo moves them back; a removed contact
// leaves the decision makers; a customer's purge takes its needs. Dates come from the harness clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Need, NeedActions, NeedDraftInput, NeedFiltersInput } from '../../shared/api/needs.ts';
import { fieldIssuesOf } from '../../shared/error-details.ts';
import { ROLES } from '../../shared/roles.ts';
import { makeHarness, shopWithRoles, userNamed, type Harness } from './harness.ts';

let h: Harness;
let staffId: number;
let managerId: number;
let mineCustomer: number;
let othersCustomer: number;
let maintenance: number;
let printer: number;

const NOTHING: NeedActions = { edit: false, setStatus: false, delete: false, restore: false };

const need = (customerId: number, title: string, over: Partial<NeedDraftInput> = {}): NeedDraftInput => ({ customerId, kind: 'pain', title, ...over });

beforeAll(async () => {
  h = makeHarness();
  h.clock.now = new Date(2026, 11, 1, 12).getTime();
  await shopWithRoles(h);
  await h.call('owner', 'settings.update', { idleLockMinutes: 0 });
  staffId = (await userNamed(h, 'staff')).id;
  managerId = (await userNamed(h, 'manager')).id;
  mineCustomer = (await h.call('owner', 'customers.create', { name: '员工的客户', ownerId: staffId })).id;
  othersCustomer = (await h.call('owner', 'customers.create', { name: '经理的客户', ownerId: managerId })).id;
  maintenance = (await h.call('owner', 'catalogue.create', { name: '年度维保合同', kind: 'service', priceMinor: 1_200_000 })).id;
  printer = (await h.call('owner', 'catalogue.create', { name: '激光打印机', kind: 'product', priceMinor: 250_000 })).id;
}, 60_000);
afterAll(() => h.cleanup());

describe('the kinds, their fields and the validation reasons', () => {
  let customerId: number;
  let contacts: number[];

  beforeAll(async () => {
    const c = await h.call('owner', 'customers.create', { name: '需求测试公司', kind: 'company', contacts: [{ name: '王总', title: '总经理' }, { name: '李工', title: '采购' }] });
    customerId = c.id;
    contacts = c.contacts.map((p) => p.id!);
  });

  it("keeps each kind's own fields and who noted it when", async () => {
    h.clock.now = new Date(2026, 11, 2, 9).getTime();
    const expectation = await h.call('staff', 'needs.create', need(customerId, '4 小时内响应', { kind: 'expectation', responseHours: 4, onSite: true, training: true, budgetMinMinor: 5 }));
    expect(expectation).toMatchObject({ kind: 'expectation', responseHours: 4, onSite: true, training: true, budgetMinMinor: null, status: 'open', notedByName: 'staff', notedAt: h.clock.now, statusAt: h.clock.now, version: 1 });
    const budget = await h.call('owner', 'needs.create', need(customerId, '预算', { kind: 'budget', budgetMinMinor: 1_000_000, budgetMaxMinor: 2_000_000, currency: 'cny', responseHours: 8 }));
    expect(budget).toMatchObject({ budgetMinMinor: 1_000_000, budgetMaxMinor: 2_000_000, currency: 'CNY', responseHours: null, onSite: false });
    const decision = await h.call('owner', 'needs.create', need(customerId, '总经理拍板', { kind: 'decision', contactIds: [contacts[1]!, contacts[0]!] }));
    expect(decision.contacts).toEqual([
      { id: contacts[1], name: '李工', title: '采购' },
      { id: contacts[0], name: '王总', title: '总经理' },
    ]);
    // Decision makers only on a decision.
    expect((await h.call('owner', 'needs.create', need(customerId, '痛点', { contactIds: [contacts[0]!] }))).contacts).toEqual([]);
    const product = await h.call('owner', 'needs.create', need(customerId, '要维保', { kind: 'service', itemId: maintenance, neededBy: '2026-12-20' }));
    expect(product).toMatchObject({ itemId: maintenance, itemName: '年度维保合同', neededBy: '2026-12-20' });
  });

  it('refuses bad input with a reason per field', async () => {
    const other = await h.call('owner', 'customers.create', { name: '别家', contacts: [{ name: '外人' }] });
    const reason = async (input: unknown, session = 'owner', method = 'needs.create') => fieldIssuesOf(await h.failure(session, method, input, 'VALIDATION'));
    expect(await reason(need(customerId, '   '))).toMatchObject([{ path: ['title'] }]);
    expect(await reason(need(customerId, 'x'.repeat(201)))).toMatchObject([{ path: ['title'] }]);
    expect(await reason(need(customerId, '坏预算', { kind: 'budget', budgetMinMinor: 3, budgetMaxMinor: 2 }))).toMatchObject([{ path: ['budgetMaxMinor'], message: 'budgetOrder' }]);
    expect(await reason(need(customerId, '坏币种', { currency: 'XXY' }))).toMatchObject([{ path: ['currency'], message: 'currency' }]);
    expect(await reason(need(customerId, '坏日期', { neededBy: '2026-02-30' }))).toMatchObject([{ path: ['neededBy'], message: 'date' }]);
    expect(await reason(need(customerId, '没有的产品', { itemId: 9999 }))).toMatchObject([{ path: ['itemId'], message: 'item' }]);
    expect(await reason(need(customerId, '别人的联系人', { kind: 'decision', contactIds: [contacts[0]!, other.contacts[0]!.id!] }))).toMatchObject([{ path: ['contactIds', '1'], message: 'contact' }]);
    expect(await reason(need(9999, '没有的客户'))).toMatchObject([{ path: ['customerId'], message: 'customer' }]);
    expect(await reason({ neededFrom: '2026-12-31', neededTo: '2026-10-01' }, 'owner', 'needs.count')).toMatchObject([{ path: ['neededTo'], message: 'dateOrder' }]);
    const error = await h.failure('owner', 'needs.create', need(customerId, '没有的产品', { itemId: 9999 }), 'VALIDATION');
    expect(error.message).toMatch(/^needs\.create: /);
  });

  it('edits (a stale version is a conflict), changes status any way, and keeps every change in the audit log', async () => {
    const n = await h.call('owner', 'needs.create', need(customerId, '打印慢', { kind: 'product', itemId: printer }));
    h.clock.now += 60_000;
    const edited = await h.call('staff', 'needs.update', { id: n.id, version: n.version, kind: 'decision', title: '打印慢，需要新机', itemId: printer, neededBy: '2027-01-15', contactIds: [contacts[0]!] });
    expect(edited).toMatchObject({ version: 2, kind: 'decision', neededBy: '2027-01-15', contacts: [{ id: contacts[0], name: '王总' }], customerId, notedByName: '老板' });
    await h.failure('owner', 'needs.update', { id: n.id, version: 1, kind: 'pain', title: '旧版本' }, 'CONFLICT');
    const met = await h.call('staff', 'needs.setStatus', { id: n.id, version: 2, status: 'met' });
    expect(met).toMatchObject({ status: 'met', statusAt: h.clock.now, version: 3 });
    const reopened = await h.call('staff', 'needs.setStatus', { id: n.id, version: 3, status: 'open' });
    const dropped = await h.call('staff', 'needs.setStatus', { id: n.id, version: reopened.version, status: 'dropped' });
    expect(dropped.status).toBe('dropped');
    await h.failure('staff', 'needs.setStatus', { id: n.id, version: 3, status: 'met' }, 'CONFLICT');

    const audit = await h.call('owner', 'audit.list', { entity: 'need', limit: 20 });
    const mine = audit.rows.filter((row) => row.entityId === n.id);
    expect(mine.map((row) => row.action)).toEqual(['need.status', 'need.status', 'need.status', 'need.update', 'need.create']);
    const update = mine.find((row) => row.action === 'need.update')!;
    expect(update.changes).toEqual(
      expect.arrayContaining([
        { field: 'needKind', before: 'product', after: 'decision' },
        { field: 'neededBy', before: null, after: '2027-01-15' },
        { field: 'decisionMakers', before: '', after: '王总' },
      ]),
    );
    expect(mine[0]!.changes).toEqual([{ field: 'needStatus', before: 'open', after: 'dropped' }]);
  });

  it('lets a contact removed from the customer leave the decision makers', async () => {
    const c = await h.call('owner', 'customers.get', { id: customerId });
    const n = await h.call('owner', 'needs.create', need(customerId, '两人决策', { kind: 'decision', contactIds: contacts }));
    await h.call('owner', 'customers.update', { id: c.id, version: c.version, name: c.name, kind: 'company', contacts: [{ id: contacts[0]!, name: '王总', title: '总经理' }] });
    expect((await h.call('owner', 'needs.get', { id: n.id })).contacts.map((p) => p.id)).toEqual([contacts[0]]);
  });
});

describe('the needs list across customers', () => {
  let ids: Record<string, number>;

  beforeAll(async () => {
    h.clock.now = new Date(2026, 11, 3, 10).getTime();
    const a = await h.call('owner', 'customers.create', { name: '维保甲', ownerId: staffId });
    const b = await h.call('owner', 'customers.create', { name: '维保乙', ownerId: managerId });
    const add = async (key: string, input: NeedDraftInput) => {
      h.clock.now += 1000;
      ids[key] = (await h.call('owner', 'needs.create', input)).id;
    };
    ids = {};
    await add('aQuarter', need(a.id, '明年维保', { kind: 'service', itemId: maintenance, neededBy: '2026-12-15' }));
    await add('bQuarter', need(b.id, '维保续签', { kind: 'service', itemId: maintenance, neededBy: '2026-10-01' }));
    await add('bLater', need(b.id, '维保二期', { kind: 'service', itemId: maintenance, neededBy: '2027-01-01' }));
    await add('aUndated', need(a.id, '维保某天', { kind: 'service', itemId: maintenance }));
    await add('aPrinter', need(a.id, '打印机', { kind: 'product', itemId: printer, neededBy: '2026-11-30' }));
    const met = await h.call('owner', 'needs.create', need(b.id, '已满足的维保', { kind: 'service', itemId: maintenance, neededBy: '2026-11-11' }));
    await h.call('owner', 'needs.setStatus', { id: met.id, version: 1, status: 'met' });
    ids.bMet = met.id;
  });

  const listed = async (filters: NeedFiltersInput, session = 'owner') => {
    const rows: Need[] = [];
    let cursor: string | null = null;
    do {
      const page: { rows: Need[]; next: string | null } = await h.call(session, 'needs.list', { ...filters, cursor, limit: 2 });
      rows.push(...page.rows);
      cursor = page.next;
    } while (cursor !== null);
    const count = await h.call(session, 'needs.count', filters);
    expect(count.count, JSON.stringify(filters)).toBe(rows.length);
    return rows.map((r) => r.id).filter((id) => Object.values(ids).includes(id));
  };
  const names = (...keys: string[]) => keys.map((k) => ids[k]);

  it('answers "who needs a maintenance contract this quarter?" and counts what it lists', async () => {
    expect(await listed({ itemId: maintenance, status: 'open', neededFrom: '2026-10-01', neededTo: '2026-12-31' })).toEqual(names('bQuarter', 'aQuarter'));
    expect(await listed({ itemId: maintenance })).toEqual(names('bMet', 'aUndated', 'bLater', 'bQuarter', 'aQuarter'));
    expect(await listed({ itemId: maintenance, status: 'met' })).toEqual(names('bMet'));
    expect(await listed({ kind: 'product', neededTo: '2026-12-31' })).toEqual(expect.arrayContaining(names('aPrinter')));
    expect(await listed({ ownerId: staffId, itemId: maintenance })).toEqual(names('aUndated', 'aQuarter'));
    expect(await listed({ q: '二期' })).toEqual(names('bLater'));
    // The catalogue item's name is searched too.
    expect(await listed({ q: '激光', kind: 'product' })).toEqual(names('aPrinter'));
  });

  it('keeps the recycle bin apart, for those who may delete', async () => {
    const n = await h.call('owner', 'needs.get', { id: ids.bLater! });
    await h.call('owner', 'needs.delete', { id: n.id, version: n.version });
    expect(await listed({ itemId: maintenance, status: 'open' })).not.toContain(n.id);
    expect(await listed({ deleted: true })).toContain(n.id);
    await h.failure('viewer', 'needs.list', { deleted: true }, 'FORBIDDEN');
    await h.failure('viewer', 'needs.count', { deleted: true }, 'FORBIDDEN');
    await h.call('owner', 'needs.restore', { id: n.id });
    expect(await listed({ itemId: maintenance, status: 'open' })).toContain(n.id);
  });
});

for (const staffScope of [true, false]) {
  describe(`needs with the staff scope ${staffScope ? 'on' : 'off'}`, () => {
    let mine: Need;
    let others: Need;
    let othersBinned: Need;
    const tag = staffScope ? '范围内' : '范围外';

    beforeAll(async () => {
      await h.call('owner', 'settings.update', { staffScope });
      mine = await h.call('owner', 'needs.create', need(mineCustomer, `员工客户的需求${tag}`));
      others = await h.call('owner', 'needs.create', need(othersCustomer, `经理客户的需求${tag}`));
      othersBinned = await h.call('owner', 'needs.create', need(othersCustomer, `回收站的需求${tag}`));
      await h.call('owner', 'needs.delete', { id: othersBinned.id, version: 1 });
    });
    afterAll(async () => {
      await h.call('owner', 'settings.update', { staffScope: false });
    });

    const idsOf = (rows: readonly { id: number }[]) => rows.map((row) => row.id).filter((id) => [mine.id, others.id, othersBinned.id].includes(id));

    it('lists, counts, reads and shows on the timeline what the role sees', async () => {
      for (const role of ROLES) {
        const scoped = staffScope && role === 'staff';
        const expected = scoped ? [mine.id] : [mine.id, others.id];
        expect(idsOf((await h.call(role, 'needs.list', { q: tag, limit: 100 })).rows).sort(), role).toEqual([...expected].sort());
        expect((await h.call(role, 'needs.count', { q: tag })).count, role).toBe(expected.length);
        if (scoped) expect((await h.call(role, 'needs.list', { customerId: othersCustomer, limit: 100 })).rows).toEqual([]);
        expect((await h.call(role, 'needs.get', { id: mine.id })).id).toBe(mine.id);
        if (scoped) {
          await h.failure(role, 'needs.get', { id: others.id }, 'NOT_FOUND');
        } else {
          expect((await h.call(role, 'needs.get', { id: others.id })).customerName).toBe('经理的客户');
          const entries = (await h.call(role, 'timeline.list', { customerId: othersCustomer, kinds: ['need'] })).entries;
          // The binned one is not on the timeline.
          expect(entries.map((e) => e.refId)).toContain(others.id);
          expect(entries.map((e) => e.refId)).not.toContain(othersBinned.id);
        }
        const entry = (await h.call(role, 'timeline.list', { customerId: mineCustomer, kinds: ['need'] })).entries.find((e) => e.refId === mine.id);
        expect(entry).toMatchObject({ kind: 'need', title: 'pain', text: `员工客户的需求${tag}`, staffName: '老板', open: { kind: 'customer', id: mineCustomer }, deleted: false });
      }
      for (const role of ['owner', 'manager', 'staff'] as const) {
        const binned = idsOf((await h.call(role, 'needs.list', { deleted: true, limit: 100 })).rows);
        expect(binned, role).toEqual(staffScope && role === 'staff' ? [] : [othersBinned.id]);
      }
    });

    it('answers NOT_FOUND for every change aimed at a need the staff member does not see', async () => {
      if (!staffScope) return;
      await h.failure('staff', 'needs.update', { id: others.id, version: others.version, kind: 'pain', title: '改' }, 'NOT_FOUND');
      await h.failure('staff', 'needs.setStatus', { id: others.id, version: others.version, status: 'met' }, 'NOT_FOUND');
      await h.failure('staff', 'needs.delete', { id: others.id, version: others.version }, 'NOT_FOUND');
      await h.failure('staff', 'needs.restore', { id: othersBinned.id }, 'NOT_FOUND');
      const refused = await h.failure('staff', 'needs.create', need(othersCustomer, '不该有的'), 'VALIDATION');
      expect(fieldIssuesOf(refused)).toMatchObject([{ path: ['customerId'], message: 'customer' }]);
      expect((await h.call('owner', 'needs.get', { id: others.id })).version).toBe(others.version);
    });

    it('lets each role write, delete and restore as the permissions and the own-needs rule say', async () => {
      const customerId = mineCustomer;
      await h.failure('viewer', 'needs.create', need(customerId, '观察者'), 'FORBIDDEN');
      await h.failure('viewer', 'needs.update', { id: mine.id, version: mine.version, kind: 'pain', title: '改' }, 'FORBIDDEN');
      await h.failure('viewer', 'needs.setStatus', { id: mine.id, version: mine.version, status: 'met' }, 'FORBIDDEN');
      await h.failure('viewer', 'needs.delete', { id: mine.id, version: mine.version }, 'FORBIDDEN');
      await h.failure('viewer', 'needs.restore', { id: othersBinned.id }, 'FORBIDDEN');
      expect((await h.call('viewer', 'needs.get', { id: mine.id })).actions).toEqual(NOTHING);
      expect((await h.call('viewer', 'needs.list', { limit: 100 })).rows.every((row) => JSON.stringify(row.actions) === JSON.stringify(NOTHING))).toBe(true);
      // Staff write anyone's; they delete and restore only what they noted.
      const staffs = await h.call('staff', 'needs.create', need(customerId, `员工自己记的${tag}`));
      expect(staffs.actions).toEqual({ edit: true, setStatus: true, delete: true, restore: false });
      expect((await h.call('staff', 'needs.get', { id: mine.id })).actions).toEqual({ edit: true, setStatus: true, delete: false, restore: false });
      await h.failure('staff', 'needs.delete', { id: mine.id, version: mine.version }, 'FORBIDDEN');
      mine = await h.call('staff', 'needs.update', { id: mine.id, version: mine.version, kind: 'pain', title: `员工客户的需求${tag}` });
      mine = await h.call('staff', 'needs.setStatus', { id: mine.id, version: mine.version, status: 'met' });
      await h.call('staff', 'needs.delete', { id: staffs.id, version: staffs.version });
      expect((await h.call('staff', 'needs.get', { id: staffs.id })).actions).toEqual({ ...NOTHING, restore: true });
      await h.call('staff', 'needs.restore', { id: staffs.id });
      // Managers delete anyone's.
      const again = await h.call('manager', 'needs.get', { id: staffs.id });
      await h.call('manager', 'needs.delete', { id: again.id, version: again.version });
      expect((await h.call('owner', 'needs.get', { id: staffs.id })).actions).toEqual({ ...NOTHING, restore: true });
      await h.call('owner', 'needs.restore', { id: staffs.id });
    });
  });
}

describe('merge, undo and purge', () => {
  it('moves needs to the kept customer, back on undo, and a purge takes them', async () => {
    const keep = await h.call('owner', 'customers.create', { name: '合并保留', kind: 'company', contacts: [{ name: '甲' }] });
    const gone = await h.call('owner', 'customers.create', { name: '合并并入', kind: 'company', contacts: [{ name: '乙' }] });
    const keptNeed = await h.call('owner', 'needs.create', need(keep.id, '保留方的需求'));
    const movedNeed = await h.call('owner', 'needs.create', need(gone.id, '并入方的决策', { kind: 'decision', contactIds: [gone.contacts[0]!.id!] }));
    const result = await h.call('owner', 'duplicates.merge', { keep: keep.id, merge: gone.id, version: { keep: keep.version, merge: gone.version } });
    expect(result.moved.needs).toBe(1);
    const after = await h.call('owner', 'needs.list', { customerId: keep.id, limit: 10 });
    expect(after.rows.map((r) => r.id)).toEqual([movedNeed.id, keptNeed.id]);
    // The decision maker moved with the contacts: the link holds, and the need's own version is untouched.
    expect(after.rows[0]).toMatchObject({ customerName: '合并保留', contacts: [{ name: '乙' }], version: movedNeed.version });
    expect((await h.call('owner', 'timeline.list', { customerId: keep.id, kinds: ['need'] })).entries.map((e) => e.refId)).toEqual([movedNeed.id, keptNeed.id]);

    await h.call('owner', 'duplicates.undoMerge', { merge: result.merge });
    expect((await h.call('owner', 'needs.get', { id: movedNeed.id })).customerId).toBe(gone.id);
    expect((await h.call('owner', 'needs.list', { customerId: keep.id, limit: 10 })).rows.map((r) => r.id)).toEqual([keptNeed.id]);
    expect((await h.call('owner', 'needs.get', { id: movedNeed.id })).contacts).toMatchObject([{ name: '乙' }]);

    // A customer in the recycle bin hides its needs; its purge removes them.
    const binned = await h.call('owner', 'customers.get', { id: gone.id });
    await h.call('owner', 'customers.delete', { id: gone.id, version: binned.version });
    await h.failure('owner', 'needs.get', { id: movedNeed.id }, 'NOT_FOUND');
    expect((await h.call('owner', 'needs.count', { q: '并入方' })).count).toBe(0);
    await h.call('owner', 'customers.purge', { id: gone.id });
    await h.failure('owner', 'needs.get', { id: movedNeed.id }, 'NOT_FOUND');
  });
});
