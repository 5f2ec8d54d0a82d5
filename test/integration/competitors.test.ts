// Competitor analysis (shared/api/competitors.ts, electron/core/areas/competitors): the register
// (owner and manager add, edit, retire; names unique among active competitors, letter case
// ignored; a retired one's name free again), presence at a customer (customers.write, inside the
// staff scope; bad input refused with its reason and nothing written; one row per customer and
// competitor; staff remove only what they recorded), the customers where a competitor is present
// (by name, keyset, grade filter, scope), the reach list (VIP + key only, live customers only, most
// first), the audit entries, a customer's purge taking its rows, and the duplicate merge: rows move,
// and where both customers had the same competitor the kept customer's row stays and the merged
// one's stays with the merged customer (back on undo).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldIssuesOf } from '../../shared/error-details.ts';
import { makeHarness, shopWithRoles, userNamed, type Harness } from './harness.ts';

let h: Harness;
let staffId: number;
let mine: number; // the staff member's VIP customer
let other: number; // nobody's key customer
let plain: number; // nobody's normal customer
let acme: number; // a competitor
let brightId: number; // another

beforeAll(async () => {
  h = makeHarness();
  await shopWithRoles(h);
  await h.call('owner', 'settings.update', { idleLockMinutes: 0 });
  staffId = (await userNamed(h, 'staff')).id;
  mine = (await h.call('owner', 'customers.create', { name: '茶香贸易', grade: 'vip', ownerId: staffId })).id;
  other = (await h.call('owner', 'customers.create', { name: '远方商行', grade: 'key' })).id;
  plain = (await h.call('owner', 'customers.create', { name: '安平小店', grade: 'normal' })).id;
  acme = (await h.call('owner', 'competitors.create', { name: '远大科技', products: '打印机、耗材', priceLevel: 'low', strengths: '价格低', weaknesses: '售后慢' })).id;
  brightId = (await h.call('manager', 'competitors.create', { name: 'Bright Office' })).id;
}, 60_000);
afterAll(() => h.cleanup());

describe('the register', () => {
  it('is kept by owner and manager, read by everyone, names unique among active competitors', async () => {
    const got = await h.call('viewer', 'competitors.get', { id: acme });
    expect(got).toMatchObject({ name: '远大科技', products: '打印机、耗材', priceLevel: 'low', strengths: '价格低', weaknesses: '售后慢', active: true, version: 1, customerCount: 0 });
    expect(got.actions).toEqual({ edit: false, retire: false, reactivate: false });
    expect((await h.call('manager', 'competitors.get', { id: acme })).actions).toEqual({ edit: true, retire: true, reactivate: false });
    await h.failure('staff', 'competitors.create', { name: 'x' }, 'FORBIDDEN');
    await h.failure('viewer', 'competitors.update', { id: acme, version: 1, notes: 'x' }, 'FORBIDDEN');

    const taken = await h.failure('owner', 'competitors.create', { name: 'bright office ' }, 'CONFLICT');
    expect(fieldIssuesOf(taken)?.[0]).toMatchObject({ path: ['name'], message: 'taken' });
    const renamedInto = await h.failure('owner', 'competitors.update', { id: acme, version: 1, name: 'BRIGHT OFFICE' }, 'CONFLICT');
    expect(fieldIssuesOf(renamedInto)?.[0]?.message).toBe('taken');

    // Retired: no longer listed unless asked, its name free again; bringing it back checks the name.
    const temp = await h.call('owner', 'competitors.create', { name: '临时对手' });
    const retired = await h.call('owner', 'competitors.setActive', { id: temp.id, version: temp.version, active: false });
    expect(retired).toMatchObject({ active: false, actions: { retire: false, reactivate: true } });
    expect((await h.call('staff', 'competitors.list', {})).rows.map((r) => r.name)).toEqual(['Bright Office', '远大科技']);
    expect((await h.call('staff', 'competitors.list', { includeRetired: true })).rows.map((r) => r.name)).toEqual(['Bright Office', '远大科技', '临时对手']);
    const again = await h.call('owner', 'competitors.create', { name: '临时对手' });
    const back = await h.failure('owner', 'competitors.setActive', { id: retired.id, version: retired.version, active: true }, 'CONFLICT');
    expect(fieldIssuesOf(back)?.[0]?.message).toBe('taken');
    await h.call('owner', 'competitors.setActive', { id: again.id, version: again.version, active: false });

    // Stale version, bad input: refused, nothing changed.
    await h.failure('owner', 'competitors.update', { id: acme, version: 7, notes: 'x' }, 'CONFLICT');
    const empty = await h.failure('owner', 'competitors.create', { name: '   ' }, 'VALIDATION');
    expect(fieldIssuesOf(empty)?.[0]?.path).toEqual(['name']);
    await h.failure('owner', 'competitors.create', { name: 'y', priceLevel: 'cheap' }, 'VALIDATION');
    const edited = await h.call('owner', 'competitors.update', { id: acme, version: 1, priceLevel: null, notes: '华东区最强' });
    expect(edited).toMatchObject({ priceLevel: null, notes: '华东区最强', products: '打印机、耗材', version: 2 });
  });
});

describe('presence at a customer', () => {
  it('is written with customers.write inside the scope, refused with its reason, one row per competitor', async () => {
    const row = await h.call('staff', 'competitors.addPresence', { customerId: mine, competitorId: acme, products: '打印机', sharePercent: 40, contractEndOn: '2027-03-31', position: 'behind' });
    expect(row).toMatchObject({ customerId: mine, customerName: '茶香贸易', customerGrade: 'vip', competitorName: '远大科技', products: '打印机', sharePercent: 40, contractEndOn: '2027-03-31', position: 'behind', version: 1 });
    expect(row.actions).toEqual({ edit: true, remove: true });
    await h.failure('viewer', 'competitors.addPresence', { customerId: other, competitorId: acme }, 'FORBIDDEN');

    const twice = await h.failure('owner', 'competitors.addPresence', { customerId: mine, competitorId: acme }, 'CONFLICT');
    expect(fieldIssuesOf(twice)?.[0]).toMatchObject({ path: ['competitorId'], message: 'taken' });
    const share = await h.failure('staff', 'competitors.addPresence', { customerId: mine, competitorId: brightId, sharePercent: 101 }, 'VALIDATION');
    expect(fieldIssuesOf(share)?.[0]?.path).toEqual(['sharePercent']);
    const day = await h.failure('staff', 'competitors.addPresence', { customerId: mine, competitorId: brightId, contractEndOn: '2027-02-30' }, 'VALIDATION');
    expect(fieldIssuesOf(day)?.[0]).toMatchObject({ path: ['contractEndOn'], message: 'date' });
    const unknown = await h.failure('staff', 'competitors.addPresence', { customerId: mine, competitorId: 999_999 }, 'VALIDATION');
    expect(fieldIssuesOf(unknown)?.[0]).toMatchObject({ path: ['competitorId'], message: 'competitor' });
    const retired = (await h.call('owner', 'competitors.list', { includeRetired: true })).rows.find((r) => !r.active)!;
    expect(fieldIssuesOf(await h.failure('staff', 'competitors.addPresence', { customerId: mine, competitorId: retired.id }, 'VALIDATION'))?.[0]?.message).toBe('competitor');
    expect((await h.call('staff', 'competitors.presence', { customerId: mine })).rows).toHaveLength(1);

    // The staff scope: the staff member sees and writes only their own customers.
    await h.call('owner', 'settings.update', { staffScope: true });
    try {
      const out = await h.failure('staff', 'competitors.addPresence', { customerId: other, competitorId: acme }, 'VALIDATION');
      expect(fieldIssuesOf(out)?.[0]?.message).toBe('customer');
      await h.failure('staff', 'competitors.presence', { customerId: other }, 'NOT_FOUND');
      const theirs = await h.call('owner', 'competitors.addPresence', { customerId: other, competitorId: acme, sharePercent: 70, position: 'even' });
      await h.failure('staff', 'competitors.updatePresence', { id: theirs.id, version: 1, position: 'ahead' }, 'NOT_FOUND');
      expect((await h.call('staff', 'competitors.customers', { competitorId: acme })).rows.map((r) => r.customerName)).toEqual(['茶香贸易']);
      expect((await h.call('staff', 'competitors.get', { id: acme })).customerCount).toBe(1);
      expect((await h.call('staff', 'competitors.reach', {})).rows).toEqual([{ competitorId: acme, name: '远大科技', active: true, byGrade: { vip: 1, key: 0 }, total: 1 }]);
    } finally {
      await h.call('owner', 'settings.update', { staffScope: false });
    }

    // Edit: what is left out stays; a stale version is a CONFLICT.
    const edited = await h.call('staff', 'competitors.updatePresence', { id: row.id, version: 1, position: 'even', sharePercent: null });
    expect(edited).toMatchObject({ position: 'even', sharePercent: null, products: '打印机', contractEndOn: '2027-03-31', version: 2 });
    await h.failure('staff', 'competitors.updatePresence', { id: row.id, version: 1, position: 'ahead' }, 'CONFLICT');

    // Staff remove only what they recorded.
    const byOwner = await h.call('owner', 'competitors.addPresence', { customerId: mine, competitorId: brightId, products: '复印机' });
    expect((await h.call('staff', 'competitors.presence', { customerId: mine })).rows.map((r) => [r.competitorName, r.actions.remove])).toEqual([
      ['Bright Office', false],
      ['远大科技', true],
    ]);
    await h.failure('staff', 'competitors.removePresence', { id: byOwner.id, version: 1 }, 'FORBIDDEN');
    await h.failure('viewer', 'competitors.removePresence', { id: row.id, version: 2 }, 'FORBIDDEN');
    await h.call('owner', 'competitors.removePresence', { id: byOwner.id, version: 1 });
    expect((await h.call('staff', 'competitors.presence', { customerId: mine })).rows.map((r) => r.competitorName)).toEqual(['远大科技']);

    // Every write audited, in the area's words.
    const log = await h.call('owner', 'audit.list', { limit: 50 });
    const actions = log.rows.map((e) => e.action);
    for (const action of ['competitor.create', 'competitor.update', 'competitor.setActive', 'competitorPresence.add', 'competitorPresence.update', 'competitorPresence.remove']) expect(actions).toContain(action);
    const update = log.rows.find((e) => e.action === 'competitorPresence.update')!;
    expect(update.label).toBe('远大科技 @ 茶香贸易 (' + (await h.call('owner', 'customers.get', { id: mine })).code + ')');
    expect(update.changes).toEqual([
      { field: 'sharePercent', before: 40, after: null },
      { field: 'competitorPosition', before: 'behind', after: 'even' },
    ]);
  });
});

describe('the lists', () => {
  it("lists a competitor's customers by name (grade filter, paging) and the reach of VIP and key customers", async () => {
    await h.call('owner', 'competitors.addPresence', { customerId: plain, competitorId: acme });
    await h.call('owner', 'competitors.addPresence', { customerId: other, competitorId: brightId });
    const all = await h.call('viewer', 'competitors.customers', { competitorId: acme });
    expect(all.rows.map((r) => r.customerName)).toEqual(['安平小店', '茶香贸易', '远方商行']);
    expect(all.rows.every((r) => !r.actions.edit && !r.actions.remove)).toBe(true);
    const first = await h.call('owner', 'competitors.customers', { competitorId: acme, limit: 2 });
    expect(first.next).not.toBeNull();
    const rest = await h.call('owner', 'competitors.customers', { competitorId: acme, limit: 2, cursor: first.next });
    expect([...first.rows, ...rest.rows].map((r) => r.customerName)).toEqual(['安平小店', '茶香贸易', '远方商行']);
    expect(rest.next).toBeNull();
    expect((await h.call('owner', 'competitors.customers', { competitorId: acme, grade: 'key' })).rows.map((r) => r.customerName)).toEqual(['远方商行']);
    await h.failure('owner', 'competitors.customers', { competitorId: 999_999 }, 'NOT_FOUND');

    // Normal customers are not counted; a customer in the recycle bin is not either.
    expect((await h.call('manager', 'competitors.reach', {})).rows).toEqual([
      { competitorId: acme, name: '远大科技', active: true, byGrade: { vip: 1, key: 1 }, total: 2 },
      { competitorId: brightId, name: 'Bright Office', active: true, byGrade: { vip: 0, key: 1 }, total: 1 },
    ]);
    const gone = await h.call('owner', 'customers.get', { id: other });
    await h.call('owner', 'customers.delete', { id: other, version: gone.version });
    expect((await h.call('manager', 'competitors.reach', {})).rows).toEqual([{ competitorId: acme, name: '远大科技', active: true, byGrade: { vip: 1, key: 0 }, total: 1 }]);
    expect((await h.call('owner', 'competitors.customers', { competitorId: acme })).rows.map((r) => r.customerName)).toEqual(['安平小店', '茶香贸易']);
    await h.call('owner', 'customers.restore', { id: other });
  });

  it("goes with its customer's purge", async () => {
    const temp = await h.call('owner', 'customers.create', { name: '临时客户', grade: 'vip' });
    await h.call('owner', 'competitors.addPresence', { customerId: temp.id, competitorId: brightId });
    const stored = await h.call('owner', 'customers.get', { id: temp.id });
    await h.call('owner', 'customers.delete', { id: temp.id, version: stored.version });
    await h.call('owner', 'customers.purge', { id: temp.id });
    expect((await h.call('owner', 'competitors.customers', { competitorId: brightId })).rows.map((r) => r.customerName)).toEqual(['远方商行']);
  });
});

describe('a duplicate merge', () => {
  it("moves the merged customer's competitors; the same competitor at both keeps the kept customer's row; undo puts all back", async () => {
    const keep = (await h.call('owner', 'customers.create', { name: '合并甲', grade: 'key' })).id;
    const drop = (await h.call('owner', 'customers.create', { name: '合并乙', grade: 'key' })).id;
    const keptRow = await h.call('owner', 'competitors.addPresence', { customerId: keep, competitorId: acme, sharePercent: 10, position: 'ahead' });
    const dropSame = await h.call('owner', 'competitors.addPresence', { customerId: drop, competitorId: acme, sharePercent: 90, position: 'behind' });
    const dropOther = await h.call('owner', 'competitors.addPresence', { customerId: drop, competitorId: brightId, products: '复印机' });
    const [k, d] = [await h.call('owner', 'customers.get', { id: keep }), await h.call('owner', 'customers.get', { id: drop })];
    const merged = await h.call('owner', 'duplicates.merge', { keep, merge: drop, fields: {}, version: { keep: k.version, merge: d.version } });
    expect(merged.moved.competitorPresence).toBe(1);
    const after = (await h.call('owner', 'competitors.presence', { customerId: keep })).rows;
    expect(after.map((r) => [r.id, r.competitorName, r.sharePercent])).toEqual([
      [dropOther.id, 'Bright Office', null],
      [keptRow.id, '远大科技', 10],
    ]);
    expect((await h.call('owner', 'competitors.customers', { competitorId: acme })).rows.map((r) => r.customerName)).not.toContain('合并乙');

    await h.call('owner', 'duplicates.undoMerge', { merge: merged.merge });
    expect((await h.call('owner', 'competitors.presence', { customerId: keep })).rows.map((r) => r.id)).toEqual([keptRow.id]);
    expect((await h.call('owner', 'competitors.presence', { customerId: drop })).rows.map((r) => [r.id, r.sharePercent])).toEqual([
      [dropOther.id, null],
      [dropSame.id, 90],
    ]);
  });
});

describe('the search box', () => {
  it('finds a competitor by part of its name, for anyone who reads customers; it opens the competitor', async () => {
    const found = await h.call('viewer', 'search.query', { q: '远大' });
    expect(found.hits.filter((hit) => hit.kind === 'competitor')).toEqual([{ kind: 'competitor', id: acme, name: '远大科技', products: '打印机、耗材', active: true }]);
    expect((await h.call('staff', 'search.query', { q: 'bright' })).hits.filter((hit) => hit.kind === 'competitor').map((hit) => hit.id)).toEqual([brightId]);
    expect((await h.call('owner', 'search.query', { q: '没有这个' })).hits.filter((hit) => hit.kind === 'competitor')).toEqual([]);
  });
});

describe('the seed', () => {
  it('adds the register and presence at a share of the customers, the same for the same seed and clock', async () => {
    const runs: unknown[] = [];
    for (let run = 0; run < 2; run++) {
      const s = makeHarness();
      try {
        await shopWithRoles(s);
        await s.call('owner', 'system.seed', { customers: 300, seed: 7 });
        const register = await s.call('owner', 'competitors.list', {});
        expect(register.rows).toHaveLength(8);
        const reach = await s.call('owner', 'competitors.reach', {});
        expect(reach.rows.length).toBeGreaterThan(0);
        const rows = (await Promise.all(register.rows.map((c) => s.call('owner', 'competitors.customers', { competitorId: c.id, limit: 100 })))).flatMap((page) => page.rows);
        expect(rows.every((r) => r.sharePercent === null || (r.sharePercent >= 5 && r.sharePercent <= 95))).toBe(true);
        runs.push(rows.map((r) => [r.customerCode, r.competitorName, r.sharePercent, r.contractEndOn, r.position]));
      } finally {
        s.cleanup();
      }
    }
    expect(runs[0]).toEqual(runs[1]);
  }, 120_000);
});
