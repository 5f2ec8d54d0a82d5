// `system.seed` adds a loyalty programme (普通会员 / 银卡 / 金卡) with members and their ledger,
// earned from their sales through the sales hook: every balance equals its ledger sum, some
// members redeemed a reward (coupons), and the same seed on the same clock gives the same ledger.
import { afterEach, describe, expect, it } from 'vitest';
import { rawDb } from './attachments-kit.ts';
import { makeHarness, shopWithRoles, type Harness } from './harness.ts';

const harnesses: Harness[] = [];
afterEach(() => {
  for (const h of harnesses.splice(0)) h.cleanup();
});

async function seeded() {
  const h = makeHarness();
  harnesses.push(h);
  await shopWithRoles(h);
  await h.call('owner', 'system.seed', { customers: 40, sales: 2000, seed: 7 });
  return h;
}

describe('the loyalty seed', () => {
  it('sets up the programme with members, a ledger and coupons, deterministically', async () => {
    const h = await seeded();
    const settings = await h.call('owner', 'loyalty.settings', {});
    expect(settings).toMatchObject({ enabled: true, currency: 'CNY', expiryMonths: 12 });
    expect(settings.tiers.map((t) => t.name)).toEqual(['普通会员', '银卡', '金卡']);
    const check = await h.call('owner', 'loyalty.check', {});
    expect(check).toMatchObject({ ok: true, members: 40 });
    expect(check.entries).toBeGreaterThan(100);
    const raw = await rawDb(h);
    const kinds = raw.prepare('SELECT DISTINCT kind FROM points_ledger ORDER BY kind').pluck().all();
    expect(kinds).toEqual(expect.arrayContaining(['earn', 'expire', 'redeem']));
    expect(raw.prepare('SELECT count(*) FROM loyalty_coupons').pluck().get()).toBeGreaterThan(0);
    // Every member's tier history starts with joining (as loyalty.join writes it).
    expect(raw.prepare("SELECT count(DISTINCT customer_id) FROM loyalty_tier_changes WHERE cause = 'join' AND from_key IS NULL").pluck().get()).toBe(40);
    const ledger = raw.prepare('SELECT customer_id, kind, points, on_day FROM points_ledger ORDER BY id').all();
    raw.close();
    const again = await seeded();
    const raw2 = await rawDb(again);
    expect(raw2.prepare('SELECT customer_id, kind, points, on_day FROM points_ledger ORDER BY id').all()).toEqual(ledger);
    raw2.close();
  }, 240_000); // two whole seeds (customers, records, visits, surveys, complaints, sales, then loyalty): 71 s on a busy machine
});
