// The churn warnings kept while nothing is written (electron/core/areas/churn/kept.ts), shared by
// churn.list, Today's churn section and the dashboard's churn risks: each shows a write at once
// (a sale, a dismissal), an open complaint turning overdue without any write, and a staff
// member's list taken from the everyone list equals the one computed for them alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Today } from '../../shared/api/today.ts';
import { makeHarness, shopWithRoles, TEST_START, type Harness } from './harness.ts';

const HOUR_MS = 3_600_000;
/** The complaint's deadline: two hours after the shop is made, the same local day. */
const DUE = TEST_START + 2 * HOUR_MS;

describe('kept churn warnings', () => {
  let h: Harness;
  let complained = 0;
  let contract = 0;

  const churnItem = (today: Today, customerId: number) => today.sections.churn.items.find((item) => item.customerId === customerId);

  beforeAll(async () => {
    h = makeHarness();
    await shopWithRoles(h);
    await h.call('owner', 'settings.update', { idleLockMinutes: 0 });
    const staffId = (await h.call('owner', 'users.list', {})).find((u) => u.username === 'staff')!.id;
    complained = (await h.call('owner', 'customers.create', { name: '己 投诉', grade: 'normal', ownerId: staffId })).id;
    contract = (await h.call('owner', 'customers.create', { name: '庚 合同', grade: 'normal', ownerId: null })).id;
    await h.call('owner', 'complaints.create', { customerId: complained, category: 'service', severity: 'medium', description: '等太久', source: 'phone', assigneeId: null, dueAt: DUE });
    // Ends in ten days, no auto-renew, no later contract.
    await h.call('owner', 'contracts.create', { number: 'HT-9', title: '年度服务', customerId: contract, signedOn: '2026-01-01', startOn: '2026-01-01', endOn: '2026-12-02' });
  });
  afterAll(() => h.cleanup());

  it('an open complaint turns overdue in the list, Today and its total the moment its deadline passes, with no write', async () => {
    h.clock.now = DUE - 1_000;
    const before = await h.call('owner', 'churn.list', {});
    expect(before.rows.find((row) => row.customerId === complained)?.reasons).toMatchObject([{ rule: 'complaints', open: 1, overdue: 0 }]);
    expect(churnItem(await h.call('owner', 'today.get', {}), complained)?.details.churn?.reasons).toMatchObject([{ rule: 'complaints', overdue: 0 }]);
    // Asked again at the deadline itself: still not overdue (kept).
    h.clock.now = DUE;
    expect((await h.call('owner', 'churn.list', {})).rows.find((row) => row.customerId === complained)?.reasons).toMatchObject([{ rule: 'complaints', overdue: 0 }]);
    h.clock.now = DUE + 1;
    expect((await h.call('owner', 'churn.list', {})).rows.find((row) => row.customerId === complained)?.reasons).toMatchObject([{ rule: 'complaints', open: 1, overdue: 1 }]);
    expect(churnItem(await h.call('owner', 'today.get', {}), complained)?.details.churn?.reasons).toMatchObject([{ rule: 'complaints', overdue: 1 }]);
    expect(churnItem(await h.call('staff', 'today.get', {}), complained)?.details.churn?.reasons).toMatchObject([{ rule: 'complaints', overdue: 1 }]);
  });

  it('Today shows a write at once: a sale moves the value at risk, a dismissal removes the warning', async () => {
    h.clock.now = DUE + HOUR_MS;
    const first = await h.call('owner', 'today.get', {});
    expect(churnItem(first, contract)?.details.churn).toMatchObject({ valueMinor: 0, reasons: [{ rule: 'contract' }] });
    expect(await h.call('owner', 'today.get', {})).toEqual(first); // kept: the same answer
    await h.call('owner', 'sales.create', { customerId: contract, soldOn: '2026-11-22', currency: 'CNY', lines: [{ name: '茶叶礼盒', quantityMilli: 1000, unitPriceMinor: 8_800 }] });
    const sold = await h.call('owner', 'today.get', {});
    expect(churnItem(sold, contract)?.details.churn?.valueMinor).toBe(8_800);
    expect(sold.sections.churn.items[0]?.customerId, 'the value leader first').toBe(contract);
    const dashboard = await h.call('owner', 'dashboard.get', {});
    expect(dashboard.churnRisks.count).toBe(sold.sections.churn.total);
    await h.call('owner', 'churn.dismiss', { customerId: contract, rule: 'contract', reason: '已电话沟通' });
    const dismissed = await h.call('owner', 'today.get', {});
    expect(churnItem(dismissed, contract)).toBeUndefined();
    expect(dismissed.sections.churn.total).toBe(sold.sections.churn.total - 1);
    expect((await h.call('owner', 'dashboard.get', {})).churnRisks.count).toBe(dismissed.sections.churn.total);
    expect((await h.call('owner', 'churn.list', {})).total).toBe(dismissed.sections.churn.total);
  });

  it("gives a scoped staff member the everyone list's customers of theirs, as computed for them alone", async () => {
    await h.call('owner', 'settings.update', { staffScope: true });
    await h.call('owner', 'churn.list', {}); // the everyone list, kept
    const taken = await h.call('staff', 'churn.list', {});
    expect(taken.rows.map((row) => row.customerId)).toEqual([complained]);
    await h.call('owner', 'settings.update', { staffScope: true, idleLockMinutes: 0 }); // a write: nothing kept holds
    const alone = await h.call('staff', 'churn.list', {});
    expect(alone).toEqual(taken);
    await h.call('owner', 'settings.update', { staffScope: false });
  });
});
