// Property: any sequence of earns (sales created), redeems, expiries (the clock moving on),
// corrections, referrals, coupons voided, sale deletions, restores and updates, duplicate merges
// and their undo keeps every member's balance equal to their ledger sum (and to what is left of
// their lots) and never negative — checked after every step by loyalty.check and by a raw SQL sum.
// Refusals (too few points, an undo after the points changed) are part of the property: they must
// leave everything as it was. The cases come from the fixed seed (test/fast-check-seed.ts) and the
// clock is the harness's.
import '../fast-check-seed.ts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteDatabase } from '../../electron/core/db/sqlite/open.ts';
import { rawDb } from './attachments-kit.ts';
import { makeHarness, shopWithRoles, type Harness } from './harness.ts';

const DAY_MS = 86_400_000;
let h: Harness;
let raw: SqliteDatabase;
let rewardId: number;
let made = 0;

beforeAll(async () => {
  h = makeHarness();
  await shopWithRoles(h);
  await h.call('owner', 'settings.update', { idleLockMinutes: 0 });
  await h.call('owner', 'loyalty.saveSettings', {
    version: 0,
    settings: {
      enabled: true,
      currency: 'CNY',
      earn: { perAmountMinor: 100, points: 1 },
      expiryMonths: 1,
      referralPoints: 15,
      tiers: [
        { key: 'normal', name: '普通会员', threshold: 0 },
        { key: 'silver', name: '银卡', threshold: 100, multiplierPermille: 1500 },
        { key: 'gold', name: '金卡', threshold: 300, multiplierPermille: 2000 },
      ],
    },
  });
  rewardId = (await h.call('owner', 'loyalty.saveReward', { name: '茶杯', points: 30 })).id;
  raw = await rawDb(h);
}, 60_000);
afterAll(() => {
  raw.close();
  h.cleanup();
});

/** Live members (not merged away), oldest first; topped up to 4 with new customers who join. */
async function members(): Promise<number[]> {
  let ids = raw.prepare('SELECT m.customer_id FROM loyalty_members m JOIN customers c ON c.id = m.customer_id WHERE c.deleted_at IS NULL ORDER BY m.customer_id').pluck().all() as number[];
  while (ids.length < 4) {
    const { id } = await h.call('owner', 'customers.create', { name: `会员${(made += 1)}` });
    await h.call('owner', 'loyalty.join', { customerId: id });
    ids = [...ids, id];
  }
  return ids;
}

const today = () => {
  const at = new Date(h.clock.now);
  return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
};

const Op = fc.oneof(
  fc.record({ op: fc.constant('earn' as const), who: fc.nat(), yuan: fc.integer({ min: 1, max: 400 }), daysAgo: fc.integer({ min: 0, max: 40 }) }),
  fc.record({ op: fc.constant('redeem' as const), who: fc.nat() }),
  fc.record({ op: fc.constant('correct' as const), who: fc.nat(), points: fc.integer({ min: -200, max: 200 }).filter((n) => n !== 0) }),
  fc.record({ op: fc.constant('referral' as const), who: fc.nat() }),
  fc.record({ op: fc.constant('void' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('time' as const), days: fc.integer({ min: 1, max: 45 }) }),
  fc.record({ op: fc.constant('deleteSale' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('restoreSale' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('updateSale' as const), pick: fc.nat(), who: fc.nat(), yuan: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ op: fc.constant('merge' as const), keep: fc.nat(), merge: fc.nat(), undo: fc.boolean() }),
  fc.record({ op: fc.constant('undo' as const) }),
);
type Op = typeof Op extends fc.Arbitrary<infer T> ? T : never;

const sale = (customerId: number, soldOn: string, yuan: number) => ({ customerId, soldOn, currency: 'CNY', lines: [{ name: '西湖龙井', quantityMilli: 1000, unitPriceMinor: yuan * 100 }] });
const pick = <T,>(items: readonly T[], n: number) => items[n % items.length]!;
const sales = (deleted: boolean) =>
  raw.prepare(`SELECT s.id FROM sales s JOIN customers c ON c.id = s.customer_id WHERE c.deleted_at IS NULL AND s.deleted_at IS ${deleted ? 'NOT' : ''} NULL ORDER BY s.id`).pluck().all() as number[];

async function run(op: Op): Promise<void> {
  const ids = await members();
  switch (op.op) {
    case 'earn': {
      const day = new Date(h.clock.now - op.daysAgo * DAY_MS);
      const soldOn = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
      await h.call('owner', 'sales.create', sale(pick(ids, op.who), soldOn, op.yuan));
      return;
    }
    case 'redeem':
      await h.raw('owner', 'loyalty.redeem', { customerId: pick(ids, op.who), rewardId });
      return;
    case 'correct':
      await h.raw('owner', 'loyalty.adjust', { customerId: pick(ids, op.who), points: op.points, reason: '性质测试' });
      return;
    case 'referral': {
      const { id } = await h.call('owner', 'customers.create', { name: `被推荐${(made += 1)}` });
      await h.call('owner', 'loyalty.referral', { customerId: pick(ids, op.who), referredId: id });
      return;
    }
    case 'void': {
      const open = raw.prepare("SELECT k.id FROM loyalty_coupons k JOIN customers c ON c.id = k.customer_id WHERE k.status = 'open' AND c.deleted_at IS NULL ORDER BY k.id").pluck().all() as number[];
      if (open.length > 0) await h.call('owner', 'loyalty.voidCoupon', { couponId: pick(open, op.pick), reason: '作废' });
      return;
    }
    case 'time':
      h.clock.now += op.days * DAY_MS;
      await h.call('owner', 'loyalty.members', {}); // the first call of the day runs the daily pass
      return;
    case 'deleteSale':
    case 'restoreSale': {
      const list = sales(op.op === 'restoreSale');
      if (list.length > 0) await h.call('owner', op.op === 'deleteSale' ? 'sales.delete' : 'sales.restore', { id: pick(list, op.pick) });
      return;
    }
    case 'updateSale': {
      const list = sales(false);
      if (list.length === 0) return;
      const id = pick(list, op.pick);
      const current = await h.call('owner', 'sales.get', { id });
      await h.call('owner', 'sales.update', { id, version: current.version, ...sale(pick(ids, op.who), current.soldOn, op.yuan) });
      return;
    }
    case 'merge': {
      const [keep, merge] = [pick(ids, op.keep), pick(ids, op.merge)];
      if (keep === merge) return;
      const [a, b] = [await h.call('owner', 'customers.get', { id: keep }), await h.call('owner', 'customers.get', { id: merge })];
      const result = await h.call('owner', 'duplicates.merge', { keep, merge, fields: {}, version: { keep: a.version, merge: b.version } });
      await expectConsistent('after merge');
      if (op.undo) await h.call('owner', 'duplicates.undoMerge', { merge: result.merge });
      return;
    }
    case 'undo': {
      const last = raw.prepare('SELECT id FROM customer_merges WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1').pluck().get() as number | undefined;
      if (last !== undefined) {
        const result = await h.raw('owner', 'duplicates.undoMerge', { merge: last });
        // Refused only because points changed since: everything stays as it was.
        if (!result.ok) expect(result.error.code).toBe('CONFLICT');
      }
      return;
    }
  }
}

async function expectConsistent(step: string): Promise<void> {
  const check = await h.call('owner', 'loyalty.check', {});
  expect(check.differences, step).toEqual([]);
  const sums = raw
    .prepare('SELECT m.customer_id, m.balance, coalesce((SELECT sum(points) FROM points_ledger l WHERE l.customer_id = m.customer_id), 0) AS total FROM loyalty_members m')
    .all() as { customer_id: number; balance: number; total: number }[];
  for (const row of sums) {
    expect(row.balance, `${step}: customer ${row.customer_id}`).toBe(row.total);
    expect(row.balance, step).toBeGreaterThanOrEqual(0);
  }
  expect(raw.prepare('SELECT count(*) FROM points_ledger WHERE remaining < 0').pluck().get(), step).toBe(0);
}

describe('the points ledger', () => {
  it('keeps every balance equal to its ledger sum and never negative, whatever happens (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(Op, { minLength: 1, maxLength: 12 }), async (ops) => {
        const entriesBefore = raw.prepare('SELECT count(*) FROM points_ledger').pluck().get() as number;
        for (const op of ops) {
          await run(op);
          await expectConsistent(`${JSON.stringify(op)} on ${today()}`);
        }
        // History is append-only: nothing written before this run is gone.
        expect(raw.prepare('SELECT count(*) FROM points_ledger').pluck().get()).toBeGreaterThanOrEqual(entriesBefore);
      }),
      { numRuns: 30 },
    );
    // The cases did reach every kind of entry, and merges.
    const kinds = raw.prepare('SELECT DISTINCT kind FROM points_ledger ORDER BY kind').pluck().all();
    expect(kinds).toEqual(['correction', 'earn', 'expire', 'redeem', 'referral', 'reversal']);
    expect(raw.prepare('SELECT count(*) FROM customer_merges').pluck().get()).toBeGreaterThan(0);
  }, 600_000);

  it('refuses to edit or delete a ledger entry, and a balance below zero, whatever path writes', () => {
    const id = raw.prepare('SELECT id FROM points_ledger ORDER BY id LIMIT 1').pluck().get() as number;
    expect(() => raw.prepare('DELETE FROM points_ledger WHERE id = ?').run(id)).toThrow(/append-only/);
    expect(() => raw.prepare('UPDATE points_ledger SET points = points + 1 WHERE id = ?').run(id)).toThrow(/append-only/);
    expect(() => raw.prepare('UPDATE loyalty_members SET balance = -1').run()).toThrow(/CHECK/);
  });
});
