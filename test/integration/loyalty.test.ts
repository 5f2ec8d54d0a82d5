// The loyalty programme end to end through the core: tier changes at the thresholds, up and down,
// each with its reason; points from sales (create, delete, restore, update) with reversals; a lot
// of 2026-01-31 with 1 month expiring on the right local day; redeem → coupon, void → refund,
// referrals counted once; a balance never negative (a redeem or correction too large is refused,
// a reversal takes what is left and says the shortfall); scope: staff see only their customers'
// members; checkLedger agrees throughout.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoyaltySettingsDraftInput } from '../../shared/api/loyalty.ts';
import { makeHarness, shopWithRoles, userNamed, type Harness } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = makeHarness();
  await shopWithRoles(h);
  await h.call('owner', 'settings.update', { idleLockMinutes: 0 });
}, 60_000);
afterEach(() => h.cleanup());

/** Local wall-clock time (the shop's day is the machine's local day). */
const local = (y: number, m: number, d: number, hh = 10, mm = 0) => new Date(y, m - 1, d, hh, mm).getTime();

const TIERS: LoyaltySettingsDraftInput['tiers'] = [
  { key: 'normal', name: '普通会员', threshold: 0 },
  { key: 'silver', name: '银卡', threshold: 100, multiplierPermille: 1500 },
  { key: 'gold', name: '金卡', threshold: 300, multiplierPermille: 2000 },
];

async function programme(extra: Partial<LoyaltySettingsDraftInput> = {}) {
  const { version } = await h.call('owner', 'loyalty.settings', {});
  return h.call('owner', 'loyalty.saveSettings', { version, settings: { enabled: true, currency: 'CNY', earn: { perAmountMinor: 100, points: 1 }, expiryMonths: 12, referralPoints: 20, tiers: TIERS, ...extra } });
}

const sale = (customerId: number, soldOn: string, yuan: number) => ({ customerId, soldOn, currency: 'CNY', lines: [{ name: '西湖龙井', quantityMilli: 1000, unitPriceMinor: yuan * 100 }] });

async function expectLedgerOk() {
  const check = await h.call('owner', 'loyalty.check', {});
  expect(check.differences).toEqual([]);
  expect(check.ok).toBe(true);
}

describe('loyalty', () => {
  it('moves tiers up and down at the thresholds, each change with its reason', async () => {
    await programme();
    const { id } = await h.call('owner', 'customers.create', { name: '茶香贸易' });
    await h.call('owner', 'loyalty.join', { customerId: id });
    const day = '2026-11-22';
    const first = await h.call('owner', 'sales.create', sale(id, day, 99));
    expect((await h.call('owner', 'loyalty.member', { customerId: id })).member).toMatchObject({ tierKey: 'normal', balance: 99, qualifying: 99, nextTier: { name: '银卡', needed: 1 } });
    // 99 + 1 = 100: exactly the threshold → silver, cause earn.
    await h.call('owner', 'sales.create', sale(id, day, 1));
    let member = (await h.call('owner', 'loyalty.member', { customerId: id })).member!;
    expect(member).toMatchObject({ tierKey: 'silver', tierName: '银卡', balance: 100, qualifying: 100 });
    // The first sale deleted: its 99 reversed → 1 qualifying → back to normal, cause reversal.
    await h.call('owner', 'sales.delete', { id: first.id });
    member = (await h.call('owner', 'loyalty.member', { customerId: id })).member!;
    expect(member).toMatchObject({ tierKey: 'normal', balance: 1, qualifying: 1 });
    // Restored: earns again (at normal's ×1) → silver again, cause earn.
    await h.call('owner', 'sales.restore', { id: first.id });
    // A correction does not count as qualifying.
    await h.call('owner', 'loyalty.adjust', { customerId: id, points: 500, reason: '开业补偿' });
    member = (await h.call('owner', 'loyalty.member', { customerId: id })).member!;
    expect(member).toMatchObject({ tierKey: 'silver', balance: 600, qualifying: 100 });
    // At silver a ¥200 sale earns 200 × 1.5 = 300 → 400 qualifying → gold.
    await h.call('owner', 'sales.create', sale(id, day, 200));
    member = (await h.call('owner', 'loyalty.member', { customerId: id })).member!;
    expect(member).toMatchObject({ tierKey: 'gold', balance: 900, qualifying: 400, nextTier: null });
    // Raising gold's threshold above 400 moves the member down with cause settings.
    const settings = await h.call('owner', 'loyalty.settings', {});
    await h.call('owner', 'loyalty.saveSettings', { version: settings.version, settings: { ...settings, tiers: [TIERS[0]!, TIERS[1]!, { ...TIERS[2]!, threshold: 500 }] } });
    // A year and a day later the earns have left the 12-month window: down to normal.
    h.clock.now = local(2027, 11, 23);
    member = (await h.call('owner', 'loyalty.member', { customerId: id })).member!;
    expect(member).toMatchObject({ tierKey: 'normal', qualifying: 0 });
    const history = (await h.call('owner', 'loyalty.tierHistory', { customerId: id })).rows.reverse();
    expect(history.map((c) => [c.from, c.to, c.qualifying, c.threshold, c.cause])).toEqual([
      // Joining is the first row: the history does not start at the first change.
      [null, 'normal', 0, 0, 'join'],
      ['normal', 'silver', 100, 100, 'earn'],
      ['silver', 'normal', 1, 100, 'reversal'],
      ['normal', 'silver', 100, 100, 'earn'],
      ['silver', 'gold', 400, 300, 'earn'],
      ['gold', 'silver', 400, 500, 'settings'],
      ['silver', 'normal', 0, 100, history[6]!.cause],
    ]);
    expect(['daily', 'expiry']).toContain(history[6]!.cause);
    expect(history[0]).toMatchObject({ fromName: null, toName: '普通会员', onDay: '2026-11-22' });
    await expectLedgerOk();
  });

  it('expires a lot of 2026-01-31 with 1 month on 2026-03-01, the local day after its last valid day 2026-02-28', async () => {
    h.clock.now = local(2026, 1, 31, 23, 30);
    await programme({ expiryMonths: 1 });
    const { id } = await h.call('owner', 'customers.create', { name: '远方商行' });
    await h.call('owner', 'loyalty.join', { customerId: id });
    await h.call('owner', 'sales.create', sale(id, '2026-01-31', 80));
    const lot = (await h.call('owner', 'loyalty.ledger', { customerId: id })).rows[0]!;
    expect(lot).toMatchObject({ kind: 'earn', points: 80, onDay: '2026-01-31', expiresOn: '2026-03-01' });
    h.clock.now = local(2026, 2, 10);
    expect((await h.call('owner', 'loyalty.member', { customerId: id })).member).toMatchObject({ balance: 80, expiringNextMonth: 80 });
    expect((await h.call('owner', 'loyalty.members', { expiringNextMonth: true })).rows.map((r) => r.customerId)).toEqual([id]);
    // Today lists the member (kind 'pointsExpiring'), opening the customer.
    const today = await h.call('owner', 'today.get', {});
    expect(today.pointsExpiring.total).toBe(1);
    expect(today.pointsExpiring.items[0]).toMatchObject({ kind: 'pointsExpiring', refId: id, occurrence: '2026-03-01', details: { points: 80 }, actions: { open: { kind: 'customer', id } } });
    h.clock.now = local(2026, 2, 28, 23, 59);
    expect((await h.call('owner', 'loyalty.member', { customerId: id })).member!.balance).toBe(80);
    h.clock.now = local(2026, 3, 1, 0, 1);
    const page = await h.call('owner', 'loyalty.ledger', { customerId: id });
    expect(page.balance).toBe(0);
    expect(page.rows[0]).toMatchObject({ kind: 'expire', points: -80, onDay: '2026-03-01' });
    await expectLedgerOk();
  });

  it('redeems against points, voids with a refund, counts a referral once, and never lets a balance go negative', async () => {
    await programme({ expiryMonths: 0 });
    const a = (await h.call('owner', 'customers.create', { name: '甲客户' })).id;
    const b = (await h.call('owner', 'customers.create', { name: '乙客户' })).id;
    await h.call('owner', 'loyalty.join', { customerId: a });
    const reward = await h.call('owner', 'loyalty.saveReward', { name: '紫砂茶杯', points: 50, stock: 1 });
    const failure = await h.failure('owner', 'loyalty.redeem', { customerId: a, rewardId: reward.id }, 'VALIDATION');
    expect(JSON.stringify(failure.details)).toContain('"points"');
    await h.failure('owner', 'loyalty.adjust', { customerId: a, points: -1, reason: '试试' }, 'VALIDATION');
    await h.call('owner', 'loyalty.referral', { customerId: a, referredId: b });
    await h.failure('owner', 'loyalty.referral', { customerId: a, referredId: b }, 'VALIDATION');
    await h.call('owner', 'sales.create', sale(a, '2026-11-22', 40));
    const { coupon, balance } = await h.call('owner', 'loyalty.redeem', { customerId: a, rewardId: reward.id });
    expect(balance).toBe(10);
    expect(coupon).toMatchObject({ status: 'open', points: 50, rewardName: '紫砂茶杯' });
    expect(coupon.code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    await h.failure('owner', 'loyalty.redeem', { customerId: a, rewardId: reward.id }, 'VALIDATION'); // none left
    const voided = await h.call('owner', 'loyalty.voidCoupon', { couponId: coupon.id, reason: '客户不要了' });
    expect(voided.status).toBe('void');
    await h.failure('owner', 'loyalty.useCoupon', { couponId: coupon.id }, 'CONFLICT');
    expect((await h.call('owner', 'loyalty.member', { customerId: a })).member!.balance).toBe(60);
    // Spend the points, then delete the sale that earned 40: the reversal takes what is left (10) and says so.
    await h.call('owner', 'loyalty.adjust', { customerId: a, points: -50, reason: '线下兑换' });
    const saleId = (await h.call('owner', 'sales.list', { customerId: a })).rows[0]!.id;
    await h.call('owner', 'sales.delete', { id: saleId });
    const rows = (await h.call('owner', 'loyalty.ledger', { customerId: a })).rows;
    expect(rows[0]).toMatchObject({ kind: 'reversal', points: -10, reason: 'saleDeleted;shortfall=30' });
    expect((await h.call('owner', 'loyalty.member', { customerId: a })).member!.balance).toBe(0);
    await expectLedgerOk();
  });

  it('keeps staff to their own customers, and corrections to points.adjust', async () => {
    await programme();
    const staffId = (await userNamed(h, 'staff')).id;
    await h.call('owner', 'settings.update', { staffScope: true });
    const mine = (await h.call('owner', 'customers.create', { name: '我的客户', ownerId: staffId })).id;
    const other = (await h.call('owner', 'customers.create', { name: '别人的客户' })).id;
    await h.call('staff', 'loyalty.join', { customerId: mine });
    await h.call('owner', 'loyalty.join', { customerId: other });
    expect((await h.call('staff', 'loyalty.members', {})).rows.map((r) => r.customerId)).toEqual([mine]);
    expect((await h.call('owner', 'loyalty.members', {})).rows).toHaveLength(2);
    await h.failure('staff', 'loyalty.member', { customerId: other }, 'NOT_FOUND');
    await h.failure('staff', 'loyalty.join', { customerId: other }, 'VALIDATION');
    await h.failure('staff', 'loyalty.adjust', { customerId: mine, points: 5, reason: 'x' }, 'FORBIDDEN');
    expect((await h.call('staff', 'loyalty.member', { customerId: mine })).actions).toEqual({ join: false, adjust: false, redeem: true, referral: true });
    await h.call('manager', 'loyalty.adjust', { customerId: mine, points: 5, reason: '补录' });
    await h.failure('viewer', 'loyalty.redeem', { customerId: mine, rewardId: 1 }, 'FORBIDDEN');
    await h.failure('manager', 'loyalty.saveSettings', { version: 1, settings: { tiers: TIERS } }, 'FORBIDDEN');
    await expectLedgerOk();
  });
});
