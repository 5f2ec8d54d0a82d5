// The demo loyalty programme for `clientele seed`: added once, when the programme was never set up.
// Tiers 普通会员 / 银卡 / 金卡, 1 point per ¥1 in CNY, points expiring after 12 months, 200 points
// per referral, three rewards; up to MEMBERS customers join (VIP and key first, then others), as
// of two years before the seed's clock, and their CNY sales earn through the sales hook (so lots
// older than a year have expired); a few members redeem a reward (a coupon, some used), a few get
// a correction, a few referrals. Then every tier is computed. Deterministic for a seed and the
// seed's clock; no audit entry each (the seed is one audited change).
import { addDays, localDay } from '../../../../shared/contract-status.ts';
import type { Tier } from '../../../../shared/api/loyalty.ts';
import { transaction, type Db } from '../../db/database.ts';
import { randomGenerator } from '../customers/seed-data.ts';
import { addEntry, lotExpiresOn, prepareMember, readProgramme, recomputeAllTiers } from './ledger.ts';
import { onSaleChanged } from './sale-points.ts';

export type LoyaltySeedOptions = { seed: number; now: number; actorId: number };

const MEMBERS = 300;
const TIERS: Tier[] = [
  { key: 'normal', name: '普通会员', threshold: 0, multiplierPermille: 1000, benefits: '生日当月消费双倍积分' },
  { key: 'silver', name: '银卡', threshold: 5000, multiplierPermille: 1200, benefits: '积分 1.2 倍，新茶优先品鉴' },
  { key: 'gold', name: '金卡', threshold: 20000, multiplierPermille: 1500, benefits: '积分 1.5 倍，专属客户经理，年度答谢宴席位' },
];
const REWARDS: readonly (readonly [string, number, number | null])[] = [
  ['品牌茶杯', 500, null],
  ['定制茶礼盒', 2000, 20],
  ['年度品鉴会席位', 8000, 5],
];
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Sets up the demo programme when there is none; answers how many members joined. */
export async function seedLoyalty(db: Db, options: LoyaltySeedOptions): Promise<number> {
  const random = randomGenerator(options.seed ^ 0x1029);
  const today = localDay(options.now);
  const now = options.now;
  return transaction(db, async (tx) => {
    if ((await readProgramme(tx)).version !== 0) return 0;
    await tx
      .insertInto('loyalty_settings')
      .values({ id: 1, enabled: 1, currency: 'CNY', per_amount_minor: 100, points_per_amount: 1, per_item: '[]', expiry_months: 12, referral_points: 200, tiers: JSON.stringify(TIERS), expired_through: null, updated_at: now, version: 1 })
      .execute();
    const rewardIds: { id: number; points: number; stock: number | null }[] = [];
    for (const [name, points, stock] of REWARDS) {
      const { id } = await tx.insertInto('loyalty_rewards').values({ name, points, active: 1, stock, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
      rewardIds.push({ id, points, stock });
    }
    const customers = await tx
      .selectFrom('customers')
      .select(['id', 'grade'])
      .where('deleted_at', 'is', null)
      .where('merged_into', 'is', null)
      .orderBy((eb) => eb.case().when('grade', '=', 'vip').then(0).when('grade', '=', 'key').then(1).else(2).end())
      .orderBy('id')
      .limit(MEMBERS)
      .execute();
    const joinedOn = addDays(today, -730);
    if (customers.length > 0) {
      await tx
        .insertInto('loyalty_members')
        .values(customers.map((c) => ({ customer_id: c.id, joined_on: joinedOn, tier_key: 'normal', balance: 0, next_expiry_on: null, tier_checked_on: null, created_at: now })))
        .execute();
      // Each history starts on joining, as loyalty.join writes it.
      await tx
        .insertInto('loyalty_tier_changes')
        .values(customers.map((c) => ({ customer_id: c.id, at: now, on_day: joinedOn, from_key: null, to_key: 'normal', qualifying: 0, threshold: 0, cause: 'join' as const })))
        .execute();
    }
    const actor = { userId: options.actorId };
    for (const c of customers) {
      const sales = await tx.selectFrom('sales').select('id').where('customer_id', '=', c.id).where('deleted_at', 'is', null).where('currency', '=', 'CNY').where('sold_on', '>=', joinedOn).orderBy('sold_on').orderBy('id').execute();
      for (const sale of sales) await onSaleChanged(tx, sale.id, actor, now);
    }
    // A few corrections, redeems (coupons, some used) and referrals.
    for (const c of customers) {
      const roll = random();
      const member = await prepareMember(tx, TIERS, c.id, today, now);
      if (!member) continue;
      if (roll < 0.1) {
        await addEntry(tx, { customerId: c.id, kind: 'correction', points: 100 + Math.floor(random() * 10) * 50, onDay: today, at: now, reason: '开业活动补录积分', createdBy: options.actorId });
      } else if (roll < 0.35) {
        const reward = rewardIds.filter((r) => r.points <= member.balance && r.stock !== 0).at(-1);
        if (!reward) continue;
        let code = '';
        for (let i = 0; i < 8; i++) code += CODE_ALPHABET[Math.floor(random() * CODE_ALPHABET.length)];
        code = `${code.slice(0, 4)}-${code.slice(4)}`;
        if (await tx.selectFrom('loyalty_coupons').select('id').where('code', '=', code).executeTakeFirst()) continue;
        const issuedOn = addDays(today, -Math.floor(random() * 60));
        const used = random() < 0.5;
        const { id: couponId } = await tx
          .insertInto('loyalty_coupons')
          .values({ code, customer_id: c.id, reward_id: reward.id, points: reward.points, issued_on: issuedOn, used_on: used ? today : null, status: used ? 'used' : 'open', created_by: options.actorId, created_at: now })
          .returning('id')
          .executeTakeFirstOrThrow();
        await addEntry(tx, { customerId: c.id, kind: 'redeem', points: -reward.points, onDay: today, at: now, rewardId: reward.id, couponId, reason: REWARDS.find((r) => r[1] === reward.points)![0], createdBy: options.actorId }); // a reward of the list
        if (reward.stock !== null) {
          reward.stock -= 1;
          await tx.updateTable('loyalty_rewards').set({ stock: reward.stock }).where('id', '=', reward.id).execute();
        }
      } else if (roll < 0.4) {
        const referred = customers[Math.floor(random() * customers.length)]!;
        const taken = await tx.selectFrom('loyalty_referrals').select('id').where('referred_id', '=', referred.id).executeTakeFirst();
        if (taken || referred.id === c.id) continue;
        const entryId = await addEntry(tx, { customerId: c.id, kind: 'referral', points: 200, onDay: today, at: now, expiresOn: lotExpiresOn(today, 12), reason: '介绍新客户', createdBy: options.actorId });
        await tx.insertInto('loyalty_referrals').values({ customer_id: c.id, referred_id: referred.id, entry_id: entryId, at: now }).execute();
      }
    }
    await recomputeAllTiers(tx, TIERS, today, now, 'daily');
    await tx.updateTable('loyalty_settings').set({ expired_through: today }).where('id', '=', 1).execute();
    return customers.length;
  });
}
