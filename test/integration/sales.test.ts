// Sales (shared/api/sales.ts, electron/core/areas/sales): the catalogue (create, edit, retire,
// names unique among active items), sales create/get/update/delete/restore with integer money,
// bad input refused with its reason and nothing written, the list's order, filters and cursor, the
// count with totals per currency, permissions and the staff scope, the audit entries, the timeline,
// the search box (a customer found by a product name), a duplicate merge moving sales and its undo
// moving them back, the customer's purge, and the summary tables equal to a recomputation after
// each of those. Month boundary: a sale on the last day of a month counts in that month, whatever
// the time zone the test runs in (run also under TZ=Pacific/Kiritimati).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaleDraftInput, SaleRow } from '../../shared/api/sales.ts';
import { fieldIssuesOf } from '../../shared/error-details.ts';
import { makeHarness, shopWithRoles, userNamed, type Harness } from './harness.ts';

let h: Harness;
let staffId: number;
let mine: number; // the staff member's customer
let other: number; // nobody's
let tea: number; // a catalogue item

/** Local `hour` of `day` (the shop's local date, whatever the machine's zone). */
function at(day: string, hour = 12, minute = 0): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, hour, minute, 0).getTime();
}

const draft = (over: Partial<SaleDraftInput> = {}): SaleDraftInput => ({
  customerId: mine,
  soldOn: '2026-11-15',
  lines: [{ itemId: tea, name: '西湖龙井', quantityMilli: 1500, unitPriceMinor: 68_000 }],
  ...over,
});

async function expectSummariesEqual(): Promise<void> {
  const check = await h.call('owner', 'sales.check', {});
  expect(check.differences).toEqual([]);
  expect(check.ok).toBe(true);
}

beforeAll(async () => {
  h = makeHarness();
  h.clock.now = at('2026-11-30', 23, 30);
  await shopWithRoles(h);
  await h.call('owner', 'settings.update', { idleLockMinutes: 0 });
  staffId = (await userNamed(h, 'staff')).id;
  mine = (await h.call('owner', 'customers.create', { name: '茶香贸易', grade: 'vip', ownerId: staffId })).id;
  other = (await h.call('owner', 'customers.create', { name: '远方商行', grade: 'normal' })).id;
  tea = (await h.call('owner', 'catalogue.create', { name: '西湖龙井', kind: 'product', unit: '盒', priceMinor: 68_000 })).id;
}, 60_000);
afterAll(() => h.cleanup());

describe('the catalogue', () => {
  it('is edited by owner and manager, read by whoever writes sales, names unique among active items', async () => {
    const made = await h.call('manager', 'catalogue.create', { name: '茶艺培训课', kind: 'service', unit: '次', priceMinor: 30_000 });
    expect(made).toMatchObject({ name: '茶艺培训课', kind: 'service', priceMinor: 30_000, currency: 'CNY', active: true, version: 1 });
    await h.failure('staff', 'catalogue.create', { name: 'x', priceMinor: 1 }, 'FORBIDDEN');
    const taken = await h.failure('owner', 'catalogue.create', { name: '茶艺培训课', priceMinor: 1 }, 'CONFLICT');
    expect(fieldIssuesOf(taken)?.[0]?.message).toBe('taken');
    const retired = await h.call('owner', 'catalogue.setActive', { id: made.id, version: made.version, active: false });
    expect(retired.active).toBe(false);
    // A retired item's name is free again; the list shows active items unless asked.
    await h.call('owner', 'catalogue.create', { name: '茶艺培训课', kind: 'service', priceMinor: 35_000 });
    const staffView = await h.call('staff', 'catalogue.list', {});
    expect(staffView.rows.filter((r) => r.name === '茶艺培训课').map((r) => r.priceMinor)).toEqual([35_000]);
    expect((await h.call('owner', 'catalogue.list', { includeInactive: true })).rows.filter((r) => r.name === '茶艺培训课')).toHaveLength(2);
    await h.failure('viewer', 'catalogue.list', {}, 'FORBIDDEN');
    const edited = await h.call('owner', 'catalogue.update', { id: tea, version: 1, priceMinor: 69_000 });
    expect(edited.priceMinor).toBe(69_000);
    await h.failure('owner', 'catalogue.update', { id: tea, version: 1, priceMinor: 1 }, 'CONFLICT');
  });

  it('changes only the fields an update names: kind, unit and currency left out stay as they were', async () => {
    const course = await h.call('owner', 'catalogue.create', { name: '品茶会', kind: 'service', unit: '小时', priceMinor: 12_000, currency: 'USD' });
    const renamed = await h.call('owner', 'catalogue.update', { id: course.id, version: course.version, name: '品茶会（周末）' });
    expect(renamed).toMatchObject({ name: '品茶会（周末）', kind: 'service', unit: '小时', priceMinor: 12_000, currency: 'USD', version: course.version + 1 });
    const repriced = await h.call('owner', 'catalogue.update', { id: course.id, version: renamed.version, priceMinor: 15_000 });
    expect(repriced).toMatchObject({ name: '品茶会（周末）', kind: 'service', unit: '小时', priceMinor: 15_000, currency: 'USD' });
    // An update can still set each of them, an empty unit included.
    const changed = await h.call('owner', 'catalogue.update', { id: course.id, version: repriced.version, kind: 'product', unit: '', currency: 'CNY' });
    expect(changed).toMatchObject({ kind: 'product', unit: '', currency: 'CNY', priceMinor: 15_000 });
  });
});

describe('a sale', () => {
  it('is created with exact line amounts and total, read back, audited, and in the timeline', async () => {
    const made = await h.call(
      'staff',
      'sales.create',
      draft({
        lines: [
          { itemId: tea, name: '西湖龙井', quantityMilli: 1500, unitPriceMinor: 68_000, discountMinor: 2_000 },
          { name: '礼品包装', quantityMilli: 333, unitPriceMinor: 100 }, // 33.3 fen → 33
        ],
        notes: '春节备货',
      }),
    );
    expect(made.lines.map((l) => l.amountMinor)).toEqual([100_000, 33]);
    expect(made).toMatchObject({ totalMinor: 100_033, currency: 'CNY', lineCount: 2, summary: '西湖龙井、礼品包装', customerName: '茶香贸易', createdBy: staffId });
    expect(made.actions).toEqual({ edit: true, delete: true, restore: false });
    expect(await h.call('viewer', 'sales.get', { id: made.id })).toMatchObject({ id: made.id, actions: { edit: false, delete: false, restore: false } });

    const audit = await h.call('owner', 'audit.list', { limit: 5 });
    const entry = audit.rows.find((r) => r.action === 'sale.create' && r.entityId === made.id);
    expect(entry?.label).toContain('茶香贸易');

    const timeline = await h.call('staff', 'timeline.list', { customerId: mine, kinds: ['sale'] });
    const row = timeline.entries.find((e) => e.refId === made.id);
    expect(row).toMatchObject({ kind: 'sale', title: '西湖龙井、礼品包装', open: { kind: 'sale', id: made.id }, deleted: false });
    expect(row?.text).toBe('1000.33 CNY 春节备货');
    await expectSummariesEqual();
  });

  it('refuses bad input with its reason and writes nothing', async () => {
    const before = (await h.call('owner', 'sales.count', {})).count;
    const cases: [Partial<SaleDraftInput>, string][] = [
      [{ customerId: 999_999 }, 'customer'],
      [{ lines: [{ name: '茶', quantityMilli: 1000, unitPriceMinor: 100, discountMinor: 101 }] }, 'amount'],
      [{ lines: [{ itemId: 999_999, name: '茶', quantityMilli: 1000, unitPriceMinor: 100 }] }, 'item'],
      [{ staffId: 999_999 }, 'staff'],
      [{ contractId: 999_999 }, 'contract'],
      [{ currency: 'XYZ' }, 'currency'],
    ];
    for (const [over, reason] of cases) {
      const error = await h.failure('owner', 'sales.create', draft(over), 'VALIDATION');
      expect(fieldIssuesOf(error)?.map((i) => i.message), reason).toContain(reason);
    }
    expect((await h.call('owner', 'sales.count', {})).count).toBe(before);
  });

  it('is edited (lines replaced), deleted and restored, with the summaries following', async () => {
    const made = await h.call('owner', 'sales.create', draft({ customerId: other, soldOn: '2026-10-03' }));
    const edited = await h.call('owner', 'sales.update', { id: made.id, version: made.version, ...draft({ customerId: other, soldOn: '2026-10-31', lines: [{ name: '紫砂茶壶', quantityMilli: 1000, unitPriceMinor: 88_000 }] }) });
    expect(edited).toMatchObject({ soldOn: '2026-10-31', totalMinor: 88_000, lineCount: 1, version: 2 });
    await h.failure('owner', 'sales.update', { id: made.id, version: 1, ...draft({ customerId: other }) }, 'CONFLICT');
    await expectSummariesEqual();
    await h.call('owner', 'sales.delete', { id: made.id });
    expect((await h.call('owner', 'sales.count', { customerId: other })).count).toBe(0);
    expect((await h.call('owner', 'sales.list', { deleted: true })).rows.map((r) => r.id)).toContain(made.id);
    await expectSummariesEqual();
    const restored = await h.call('owner', 'sales.restore', { id: made.id });
    expect(restored.deletedAt).toBeNull();
    expect((await h.call('owner', 'sales.count', { customerId: other })).totals).toEqual([{ currency: 'CNY', totalMinor: 88_000 }]);
    await expectSummariesEqual();
  });
});

describe('the list and count', () => {
  it('orders newest first, pages by cursor, filters, and keeps currencies apart', async () => {
    await h.call('owner', 'sales.create', draft({ customerId: other, soldOn: '2026-09-01', currency: 'USD', lines: [{ name: 'Sample set', quantityMilli: 2000, unitPriceMinor: 12_000 }] }));
    const all: SaleRow[] = [];
    let cursor: string | null = null;
    do {
      const page: { rows: SaleRow[]; next: string | null } = await h.call('owner', 'sales.list', { cursor, limit: 1 });
      all.push(...page.rows);
      cursor = page.next;
    } while (cursor);
    const days = all.map((r) => r.soldOn);
    expect(days).toEqual([...days].sort().reverse());
    const count = await h.call('owner', 'sales.count', {});
    expect(count.count).toBe(all.length);
    expect(count.totals.map((t) => t.currency)).toEqual(['CNY', 'USD']);
    expect(count.totals.find((t) => t.currency === 'USD')?.totalMinor).toBe(24_000);
    expect((await h.call('owner', 'sales.count', { currency: 'USD' })).count).toBe(1);
    expect((await h.call('owner', 'sales.count', { q: '紫砂' })).count).toBe(1);
    expect((await h.call('owner', 'sales.count', { grade: 'vip' })).count).toBe(all.filter((r) => r.customerId === mine).length);
    expect((await h.call('owner', 'sales.count', { ownerId: staffId })).count).toBe(all.filter((r) => r.customerId === mine).length);
  });

  it('counts a sale on the last day of a month in that month, in any time zone', async () => {
    // 23:30 local on 30 November: quick entry's day is the local day.
    const made = await h.call('owner', 'sales.create', draft({ customerId: other, soldOn: '2026-11-30' }));
    const november = await h.call('owner', 'sales.list', { month: '2026-11', customerId: other });
    expect(november.rows.map((r) => r.id)).toContain(made.id);
    const december = await h.call('owner', 'sales.list', { month: '2026-12', customerId: other });
    expect(december.rows.map((r) => r.id)).not.toContain(made.id);
    const bad = await h.failure('owner', 'sales.list', { month: '2026-13' }, 'VALIDATION');
    expect(JSON.stringify(bad.details)).toContain('month');
    await expectSummariesEqual();
  });
});

describe('permissions and scope', () => {
  it("staff see only their customers' sales with the scope on, and delete only what they created", async () => {
    const owners = await h.call('owner', 'sales.create', draft({ customerId: mine, soldOn: '2026-11-01' }));
    const staffs = await h.call('staff', 'sales.create', draft({ customerId: mine, soldOn: '2026-11-02' }));
    await h.failure('viewer', 'sales.create', draft(), 'FORBIDDEN');
    await h.failure('staff', 'sales.delete', { id: owners.id }, 'FORBIDDEN');
    await h.call('staff', 'sales.delete', { id: staffs.id });
    await h.call('staff', 'sales.restore', { id: staffs.id });
    await h.failure('viewer', 'sales.list', { deleted: true }, 'FORBIDDEN');

    await h.call('owner', 'settings.update', { staffScope: true });
    try {
      const seen = await h.call('staff', 'sales.list', { limit: 100 });
      expect(seen.rows.every((r) => r.customerId === mine)).toBe(true);
      const otherSale = (await h.call('owner', 'sales.list', { customerId: other, limit: 1 })).rows[0]!;
      await h.failure('staff', 'sales.get', { id: otherSale.id }, 'NOT_FOUND');
      const error = await h.failure('staff', 'sales.create', draft({ customerId: other }), 'VALIDATION');
      expect(fieldIssuesOf(error)?.[0]?.message).toBe('customer');
      expect((await h.call('staff', 'sales.count', {})).count).toBe(seen.rows.length);
    } finally {
      await h.call('owner', 'settings.update', { staffScope: false });
    }
  });
});

describe('the search box', () => {
  it("finds the sale's customer by a product name (3+ characters by trigram, 2 through the catalogue)", async () => {
    const made = await h.call('owner', 'sales.create', draft({ customerId: other, lines: [{ itemId: tea, name: '西湖龙井特级', quantityMilli: 1000, unitPriceMinor: 100 }] }));
    const long = await h.call('owner', 'search.query', { q: '龙井特级' });
    expect(long.hits.some((hit) => hit.kind === 'sale' && hit.saleId === made.id && hit.customerName === '远方商行')).toBe(true);
    const short = await h.call('owner', 'search.query', { q: '龙井' });
    expect(short.hits.some((hit) => hit.kind === 'sale' && hit.customerId === other)).toBe(true);
    await h.call('owner', 'sales.delete', { id: made.id });
    const gone = await h.call('owner', 'search.query', { q: '龙井特级' });
    expect(gone.hits.some((hit) => hit.kind === 'sale' && hit.saleId === made.id)).toBe(false);
  });
});

describe('merge, undo and purge', () => {
  it('a merge moves the sales to the kept customer and its undo moves them back; a purge removes them', async () => {
    const a = (await h.call('owner', 'customers.create', { name: '合并甲', grade: 'key' })).id;
    const b = (await h.call('owner', 'customers.create', { name: '合并乙', grade: 'potential' })).id;
    await h.call('owner', 'sales.create', draft({ customerId: a, soldOn: '2026-08-08' }));
    const bSale = await h.call('owner', 'sales.create', draft({ customerId: b, soldOn: '2026-07-07' }));
    const kept = await h.call('owner', 'customers.get', { id: a });
    const gone = await h.call('owner', 'customers.get', { id: b });
    const merged = await h.call('owner', 'duplicates.merge', { keep: a, merge: b, fields: { grade: 'merge' }, version: { keep: kept.version, merge: gone.version } });
    expect(merged.moved.sales).toBe(1);
    expect((await h.call('owner', 'sales.get', { id: bSale.id })).customerId).toBe(a);
    await expectSummariesEqual();
    await h.call('owner', 'duplicates.undoMerge', { merge: merged.merge });
    expect((await h.call('owner', 'sales.get', { id: bSale.id })).customerId).toBe(b);
    await expectSummariesEqual();

    const current = await h.call('owner', 'customers.get', { id: b });
    await h.call('owner', 'customers.delete', { id: b, version: current.version });
    await expectSummariesEqual(); // the customer in the recycle bin: its rows say live = 0
    await h.failure('owner', 'sales.get', { id: bSale.id }, 'NOT_FOUND');
    await h.call('owner', 'customers.purge', { id: b });
    await expectSummariesEqual();
    await h.failure('owner', 'sales.get', { id: bSale.id }, 'NOT_FOUND');
  });
});
