// The loyalty programme's methods: settings and rewards (loyalty.manage), members and their
// ledger, tier history and coupons (customers.read, in the caller's scope), joining, redeeming,
// coupons, referrals (customers.write) and corrections by hand (points.adjust). Every write runs
// in one transaction with its audit entry; the points mechanics are in ./ledger.ts.
import { randomInt } from 'node:crypto';
import { sql, type SqlBool } from 'kysely';
import type { z } from 'zod';
import { localDay } from '../../../../shared/contract-status.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import {
  memberActions,
  type Coupon,
  type LedgerEntry,
  type LedgerPage,
  type LoyaltySettings,
  type LoyaltySettingsSave,
  type MemberView,
  type MembersPage,
  type MembersQuery,
  type Reward,
  type RewardSave,
  type TierChange,
} from '../../../../shared/api/loyalty.ts';
import { roleHas } from '../../../../shared/roles.ts';
import type { ValidationMessage } from '../../../../shared/validation.ts';
import { transaction, type Db } from '../../db/database.ts';
import { keysetPage } from '../../db/keyset.ts';
import { appendAudit, type FieldChange } from '../audit/service.ts';
import type { Actor } from '../records/service.ts';
import type { Access } from '../users/access.ts';
import { addEntry, dailyPass, expiringNextMonthOf, lotExpiresOn, memberRow, needsPreparing, nextMonthOf, prepareMember, qualifyingOf, readProgramme, recomputeAllTiers, recomputeTier, tierFor, tooFewPoints } from './ledger.ts';

export type { Actor } from '../records/service.ts';

function invalid(operation: string, message: string, path: string, reason: ValidationMessage): AppFailure {
  return new AppFailure('VALIDATION', `${operation}: ${message}`, [{ path: [path], message: reason }]);
}

type AuditAction = 'loyaltyProgramme.update' | 'loyaltyReward.create' | 'loyaltyReward.update' | 'loyaltyMember.join' | 'points.adjust' | 'points.redeem' | 'points.referral' | 'coupon.use' | 'coupon.void';
type AuditEntity = 'loyaltyProgramme' | 'loyaltyReward' | 'loyaltyMember' | 'points' | 'coupon';

async function audit(tx: Db, actor: Actor, action: AuditAction, entity: AuditEntity, entityId: number | null, label: string, changes: FieldChange[] = []): Promise<void> {
  await appendAudit(tx, { at: actor.now, userId: actor.userId, username: actor.username, action, entity, entityId, label, changes });
}

/** A live customer the caller sees (scope), else `fail` (NOT_FOUND for reads, VALIDATION 'customer' for writes). */
async function visibleCustomer(db: Db, customerId: number, access: Access, operation: string, write: boolean) {
  const c = await db.selectFrom('customers').select(['id', 'name', 'code', 'owner_id', 'deleted_at', 'merged_into']).where('id', '=', customerId).executeTakeFirst();
  if (!c || c.deleted_at !== null || c.merged_into !== null || (access.scopeOwnerId !== null && c.owner_id !== access.scopeOwnerId)) {
    if (write) throw invalid(operation, `customer ${customerId} does not exist, is in the recycle bin, or is not one you see`, 'customerId', 'customer');
    throw new AppFailure('NOT_FOUND', `${operation}: customer ${customerId} does not exist, is in the recycle bin, or is not one you see`);
  }
  return c;
}

/** The once-a-day pass for all members (expiries, tiers): the door is the first loyalty call of a local day. */
export async function ensureDailyPass(db: Db, now: number): Promise<void> {
  const today = localDay(now);
  const row = await db.selectFrom('loyalty_settings').select('expired_through').where('id', '=', 1).executeTakeFirst();
  if (!row || row.expired_through === today) return;
  await transaction(db, (tx) => dailyPass(tx, today, now));
}

// ---------------------------------------------------------------------------------------------
// Settings and rewards

export async function readSettings(db: Db): Promise<LoyaltySettings> {
  const { expiredThrough: _, ...settings } = await readProgramme(db);
  return settings;
}

export async function saveSettings(db: Db, input: z.output<typeof LoyaltySettingsSave>, actor: Actor): Promise<LoyaltySettings> {
  const operation = 'loyalty.saveSettings';
  return transaction(db, async (tx) => {
    const before = await readProgramme(tx);
    if (before.version !== input.version) throw new AppFailure('CONFLICT', `${operation}: the programme was changed by someone else since it was opened; reload it and apply your changes again`);
    const s = input.settings;
    if (s.earn.perItem.length > 0) {
      const ids = s.earn.perItem.map((p) => p.itemId);
      const known = await tx.selectFrom('catalogue_items').select('id').where('id', 'in', ids).execute();
      if (known.length !== new Set(ids).size) throw invalid(operation, 'a per-item rule names a catalogue item that does not exist', 'earn', 'item');
    }
    const values = {
      enabled: s.enabled ? 1 : 0,
      currency: s.currency,
      per_amount_minor: s.earn.perAmountMinor,
      points_per_amount: s.earn.points,
      per_item: JSON.stringify(s.earn.perItem),
      expiry_months: s.expiryMonths,
      referral_points: s.referralPoints,
      tiers: JSON.stringify(s.tiers),
      updated_at: actor.now,
    };
    if (before.version === 0) await tx.insertInto('loyalty_settings').values({ id: 1, ...values, version: 1 }).execute();
    else await tx.updateTable('loyalty_settings').set({ ...values, version: before.version + 1 }).where('id', '=', 1).execute();
    const changes: FieldChange[] = [];
    if (before.enabled !== s.enabled) changes.push({ field: 'enabled', before: before.enabled, after: s.enabled });
    if (before.currency !== s.currency) changes.push({ field: 'currency', before: before.currency, after: s.currency });
    // The earning rules as the audit log says them: the amount with its currency, items by name (not ids or JSON).
    const earnWords = async (earn: typeof s.earn, currency: string) => {
      const ids = earn.perItem.map((rule) => rule.itemId);
      const named = ids.length === 0 ? [] : await tx.selectFrom('catalogue_items').select(['id', 'name']).where('id', 'in', ids).execute();
      const names = new Map(named.map((item) => [item.id, item.name]));
      return { perAmountMinor: earn.perAmountMinor, currency, points: earn.points, perItem: earn.perItem.map((rule) => ({ name: names.get(rule.itemId) ?? `#${rule.itemId}`, points: rule.points })) };
    };
    if (JSON.stringify(before.earn) !== JSON.stringify(s.earn) || before.currency !== s.currency) {
      changes.push({ field: 'earn', before: await earnWords(before.earn, before.currency), after: await earnWords(s.earn, s.currency) });
    }
    if (before.expiryMonths !== s.expiryMonths) changes.push({ field: 'expiryMonths', before: before.expiryMonths, after: s.expiryMonths });
    if (before.referralPoints !== s.referralPoints) changes.push({ field: 'referralPoints', before: before.referralPoints, after: s.referralPoints });
    const tiersText = (tiers: typeof s.tiers) => tiers.map((t) => `${t.name} ≥ ${t.threshold} ×${t.multiplierPermille / 1000}`).join(', ');
    if (JSON.stringify(before.tiers) !== JSON.stringify(s.tiers)) changes.push({ field: 'tiers', before: tiersText(before.tiers), after: tiersText(s.tiers) });
    // New thresholds or keys move members: every tier recomputed now, each change with cause 'settings'.
    if (JSON.stringify(before.tiers) !== JSON.stringify(s.tiers)) await recomputeAllTiers(tx, s.tiers, localDay(actor.now), actor.now, 'settings');
    await audit(tx, actor, 'loyaltyProgramme.update', 'loyaltyProgramme', 1, '', changes);
    return readSettings(tx);
  });
}

type RewardRow = { id: number; name: string; points: number; active: number; stock: number | null; version: number };
const rewardFor = (r: RewardRow): Reward => ({ id: r.id, name: r.name, points: r.points, active: r.active === 1, stock: r.stock, version: r.version });
const REWARD_COLUMNS = ['id', 'name', 'points', 'active', 'stock', 'version'] as const;

export async function listRewards(db: Db): Promise<{ rows: Reward[] }> {
  const rows = await db.selectFrom('loyalty_rewards').select(REWARD_COLUMNS).orderBy('active', 'desc').orderBy('name').orderBy('id').execute();
  return { rows: rows.map(rewardFor) };
}

export async function saveReward(db: Db, input: z.output<typeof RewardSave>, actor: Actor): Promise<Reward> {
  const operation = 'loyalty.saveReward';
  return transaction(db, async (tx) => {
    const values = { name: input.name, points: input.points, active: input.active ? 1 : 0, stock: input.stock, updated_at: actor.now };
    if (input.id === undefined) {
      const { id } = await tx.insertInto('loyalty_rewards').values({ ...values, created_at: actor.now }).returning('id').executeTakeFirstOrThrow();
      await audit(tx, actor, 'loyaltyReward.create', 'loyaltyReward', id, input.name, [
        { field: 'name', before: null, after: input.name },
        { field: 'points', before: null, after: input.points },
      ]);
      return rewardFor(await tx.selectFrom('loyalty_rewards').select(REWARD_COLUMNS).where('id', '=', id).executeTakeFirstOrThrow());
    }
    const row = await tx.selectFrom('loyalty_rewards').select(REWARD_COLUMNS).where('id', '=', input.id).executeTakeFirst();
    if (!row) throw new AppFailure('NOT_FOUND', `${operation}: reward ${input.id} does not exist`);
    if (row.version !== input.version) throw new AppFailure('CONFLICT', `${operation}: reward ${input.id} was changed by someone else since it was opened; reload it and apply your changes again`);
    await tx.updateTable('loyalty_rewards').set({ ...values, version: row.version + 1 }).where('id', '=', row.id).execute();
    const changes: FieldChange[] = [];
    if (row.name !== input.name) changes.push({ field: 'name', before: row.name, after: input.name });
    if (row.points !== input.points) changes.push({ field: 'points', before: row.points, after: input.points });
    if ((row.active === 1) !== input.active) changes.push({ field: 'active', before: row.active === 1, after: input.active });
    if (row.stock !== input.stock) changes.push({ field: 'stock', before: row.stock, after: input.stock });
    await audit(tx, actor, 'loyaltyReward.update', 'loyaltyReward', row.id, input.name, changes);
    return rewardFor(await tx.selectFrom('loyalty_rewards').select(REWARD_COLUMNS).where('id', '=', row.id).executeTakeFirstOrThrow());
  });
}

// ---------------------------------------------------------------------------------------------
// Members

/**
 * A member's row as of today: the due-expiry pass and the day's tier check run first when the
 * member's row says they are due (then in a write transaction), else this is a plain read.
 */
async function currentMember(db: Db, customerId: number, now: number) {
  const today = localDay(now);
  const row = await memberRow(db, customerId);
  if (!row || !needsPreparing(row, today)) return row;
  return transaction(db, async (tx) => prepareMember(tx, (await readProgramme(tx)).tiers, customerId, today, now));
}

export async function readMember(db: Db, customerId: number, actor: Actor): Promise<MemberView> {
  await visibleCustomer(db, customerId, actor, 'loyalty.member', false);
  const programme = await readProgramme(db);
  const today = localDay(actor.now);
  const row = await currentMember(db, customerId, actor.now);
  let member: MemberView['member'] = null;
  if (row) {
    const qualifying = await qualifyingOf(db, customerId, today);
    const tier = programme.tiers.find((t) => t.key === row.tier_key) ?? tierFor(programme.tiers, qualifying);
    const next = programme.tiers.find((t) => t.threshold > tier.threshold) ?? null;
    member = {
      joinedOn: row.joined_on,
      tierKey: tier.key,
      tierName: tier.name,
      balance: row.balance,
      qualifying,
      expiringNextMonth: await expiringNextMonthOf(db, customerId, today),
      nextTier: next ? { name: next.name, needed: Math.max(next.threshold - qualifying, 0) } : null,
    };
  }
  const rewards = await db.selectFrom('loyalty_rewards').select(REWARD_COLUMNS).where('active', '=', 1).where((eb) => eb.or([eb('stock', 'is', null), eb('stock', '>', 0)])).orderBy('points').orderBy('id').execute();
  return {
    member,
    actions: memberActions({ write: roleHas(actor.role, 'customers.write'), adjust: roleHas(actor.role, 'points.adjust') }, { enabled: programme.enabled, member: row !== undefined }),
    programme: { enabled: programme.enabled, currency: programme.currency, referralPoints: programme.referralPoints },
    rewards: rewards.map(rewardFor),
  };
}

export async function listMembers(db: Db, query: z.output<typeof MembersQuery>, actor: Actor): Promise<MembersPage> {
  const programme = await readProgramme(db);
  const today = localDay(actor.now);
  const { from, to } = nextMonthOf(today);
  let q = db
    .selectFrom('loyalty_members as m')
    .innerJoin('customers as c', 'c.id', 'm.customer_id')
    .select(['m.customer_id', 'c.name', 'c.code', 'c.grade', 'm.joined_on', 'm.tier_key', 'm.balance'])
    .where('c.deleted_at', 'is', null)
    .where('c.merged_into', 'is', null);
  if (actor.scopeOwnerId !== null) q = q.where('c.owner_id', '=', actor.scopeOwnerId);
  if (query.tier) q = q.where('m.tier_key', '=', query.tier);
  if (query.q) q = q.where(sql<SqlBool>`(instr(lower(c.name), lower(${query.q})) > 0 OR instr(lower(c.code), lower(${query.q})) > 0)`);
  if (query.expiringNextMonth) {
    q = q.where(sql<SqlBool>`EXISTS (SELECT 1 FROM points_ledger l WHERE l.customer_id = m.customer_id AND l.remaining > 0 AND l.expires_on >= ${from} AND l.expires_on <= ${to})`);
  }
  const page = await keysetPage(
    q,
    [
      { column: 'm.balance', direction: 'desc' },
      { column: 'm.customer_id', direction: 'desc' },
    ],
    query.cursor,
    query.limit,
  );
  const names = new Map(programme.tiers.map((t) => [t.key, t.name]));
  const rows = [];
  for (const r of page.rows) {
    rows.push({
      customerId: r.customer_id,
      customerName: r.name,
      customerCode: r.code,
      grade: r.grade,
      joinedOn: r.joined_on,
      tierKey: r.tier_key,
      tierName: names.get(r.tier_key) ?? r.tier_key,
      balance: r.balance,
      qualifying: await qualifyingOf(db, r.customer_id, today),
      expiringNextMonth: await expiringNextMonthOf(db, r.customer_id, today),
    });
  }
  return { rows, next: page.nextCursor, tiers: programme.tiers.map((t) => ({ key: t.key, name: t.name })) };
}

type LedgerRow = {
  id: number;
  customer_id: number;
  kind: LedgerEntry['kind'];
  points: number;
  on_day: string;
  at: number;
  sale_id: number | null;
  reward_id: number | null;
  coupon_id: number | null;
  expires_on: string | null;
  reason: string;
  created_by: number | null;
  created_by_name: string | null;
};

const entryFor = (r: LedgerRow): LedgerEntry => ({
  id: r.id,
  customerId: r.customer_id,
  kind: r.kind,
  points: r.points,
  onDay: r.on_day,
  at: r.at,
  saleId: r.sale_id,
  rewardId: r.reward_id,
  couponId: r.coupon_id,
  expiresOn: r.expires_on,
  reason: r.reason,
  createdBy: r.created_by,
  createdByName: r.created_by_name,
});

function ledgerQuery(db: Db) {
  return db
    .selectFrom('points_ledger as l')
    .leftJoin('users as u', 'u.id', 'l.created_by')
    .select(['l.id', 'l.customer_id', 'l.kind', 'l.points', 'l.on_day', 'l.at', 'l.sale_id', 'l.reward_id', 'l.coupon_id', 'l.expires_on', 'l.reason', 'l.created_by', 'u.display_name as created_by_name']);
}

async function readEntry(db: Db, id: number): Promise<LedgerEntry> {
  return entryFor((await ledgerQuery(db).where('l.id', '=', id).executeTakeFirstOrThrow()) as LedgerRow); // display_name is text or null
}

/** A member's ledger, newest first (keyset on the entry id), with the balance as of now. */
export async function readLedger(db: Db, customerId: number, cursor: string | null, limit: number, actor: Actor): Promise<LedgerPage> {
  await visibleCustomer(db, customerId, actor, 'loyalty.ledger', false);
  const member = await currentMember(db, customerId, actor.now);
  const page = await keysetPage(ledgerQuery(db).where('l.customer_id', '=', customerId), [{ column: 'l.id', direction: 'desc' }], cursor, limit);
  return { rows: page.rows.map((r) => entryFor(r as LedgerRow)), next: page.nextCursor, balance: member?.balance ?? 0 }; // display_name is text or null
}

export async function tierHistory(db: Db, customerId: number, actor: Actor): Promise<{ rows: TierChange[] }> {
  await visibleCustomer(db, customerId, actor, 'loyalty.tierHistory', false);
  await currentMember(db, customerId, actor.now);
  const names = new Map((await readProgramme(db)).tiers.map((t) => [t.key, t.name]));
  const rows = await db.selectFrom('loyalty_tier_changes').selectAll().where('customer_id', '=', customerId).orderBy('id', 'desc').limit(500).execute();
  return {
    rows: rows.map((r) => ({
      id: r.id,
      at: r.at,
      onDay: r.on_day,
      from: r.from_key,
      fromName: r.from_key === null ? null : (names.get(r.from_key) ?? r.from_key),
      to: r.to_key,
      toName: names.get(r.to_key) ?? r.to_key,
      qualifying: r.qualifying,
      threshold: r.threshold,
      cause: r.cause,
    })),
  };
}

type CouponRow = { id: number; code: string; customer_id: number; reward_id: number; reward_name: string; points: number; issued_on: string; used_on: string | null; status: Coupon['status'] };

function couponFor(r: CouponRow, actor: Actor): Coupon {
  const write = roleHas(actor.role, 'customers.write') && r.status === 'open';
  return {
    id: r.id,
    code: r.code,
    customerId: r.customer_id,
    rewardId: r.reward_id,
    rewardName: r.reward_name,
    points: r.points,
    issuedOn: r.issued_on,
    usedOn: r.used_on,
    status: r.status,
    actions: { use: write, void: write },
  };
}

function couponQuery(db: Db) {
  return db
    .selectFrom('loyalty_coupons as k')
    .innerJoin('loyalty_rewards as r', 'r.id', 'k.reward_id')
    .select(['k.id', 'k.code', 'k.customer_id', 'k.reward_id', 'r.name as reward_name', 'k.points', 'k.issued_on', 'k.used_on', 'k.status']);
}

export async function listCoupons(db: Db, customerId: number, actor: Actor): Promise<{ rows: Coupon[] }> {
  await visibleCustomer(db, customerId, actor, 'loyalty.coupons', false);
  const rows = await couponQuery(db).where('k.customer_id', '=', customerId).orderBy('k.id', 'desc').limit(500).execute();
  return { rows: rows.map((r) => couponFor(r, actor)) };
}

// ---------------------------------------------------------------------------------------------
// Writes

export async function join(db: Db, customerId: number, actor: Actor): Promise<MemberView> {
  const operation = 'loyalty.join';
  await transaction(db, async (tx) => {
    const customer = await visibleCustomer(tx, customerId, actor, operation, true);
    const programme = await readProgramme(tx);
    if (!programme.enabled) throw invalid(operation, 'the loyalty programme is not enabled', 'customerId', 'loyaltyOff');
    if (await memberRow(tx, customerId)) return;
    const today = localDay(actor.now);
    const first = programme.tiers[0]!; // a programme has a tier
    await tx.insertInto('loyalty_members').values({ customer_id: customerId, joined_on: today, tier_key: first.key, balance: 0, next_expiry_on: null, tier_checked_on: today, created_at: actor.now }).execute();
    // The history starts on joining, not at the first change.
    await tx.insertInto('loyalty_tier_changes').values({ customer_id: customerId, at: actor.now, on_day: today, from_key: null, to_key: first.key, qualifying: 0, threshold: first.threshold, cause: 'join' }).execute();
    await audit(tx, actor, 'loyaltyMember.join', 'loyaltyMember', customerId, `${customer.name} (${customer.code})`, [{ field: 'joinedOn', before: null, after: today }]);
  });
  return readMember(db, customerId, actor);
}

/** The member, prepared (expiries due written, tier checked) for a write; not a member → VALIDATION 'member'. */
async function writableMember(tx: Db, customerId: number, actor: Actor, operation: string) {
  const customer = await visibleCustomer(tx, customerId, actor, operation, true);
  const programme = await readProgramme(tx);
  const member = await prepareMember(tx, programme.tiers, customerId, localDay(actor.now), actor.now);
  if (!member) throw invalid(operation, `${customer.name} is not a member of the loyalty programme`, 'customerId', 'member');
  return { customer, programme, member };
}

export async function adjust(db: Db, input: { customerId: number; points: number; reason: string }, actor: Actor): Promise<{ entry: LedgerEntry; balance: number }> {
  const operation = 'loyalty.adjust';
  return transaction(db, async (tx) => {
    const { customer, programme, member } = await writableMember(tx, input.customerId, actor, operation);
    if (member.balance + input.points < 0) throw tooFewPoints(operation, member.balance, -input.points);
    const today = localDay(actor.now);
    const id = await addEntry(tx, { customerId: input.customerId, kind: 'correction', points: input.points, onDay: today, at: actor.now, reason: input.reason, createdBy: actor.userId });
    await recomputeTier(tx, programme.tiers, input.customerId, today, actor.now, 'correction');
    await audit(tx, actor, 'points.adjust', 'points', input.customerId, `${customer.name} (${customer.code})`, [
      { field: 'points', before: member.balance, after: member.balance + input.points },
      { field: 'reason', before: null, after: input.reason },
    ]);
    return { entry: await readEntry(tx, id), balance: member.balance + input.points };
  });
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function couponCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export async function redeem(db: Db, input: { customerId: number; rewardId: number }, actor: Actor): Promise<{ coupon: Coupon; balance: number }> {
  const operation = 'loyalty.redeem';
  return transaction(db, async (tx) => {
    const { customer, member } = await writableMember(tx, input.customerId, actor, operation);
    const reward = await tx.selectFrom('loyalty_rewards').select(REWARD_COLUMNS).where('id', '=', input.rewardId).executeTakeFirst();
    if (!reward) throw new AppFailure('NOT_FOUND', `${operation}: reward ${input.rewardId} does not exist`);
    if (reward.active !== 1 || reward.stock === 0) throw invalid(operation, `reward ${reward.name} is inactive, or none is left`, 'rewardId', 'reward');
    if (member.balance < reward.points) throw tooFewPoints(operation, member.balance, reward.points);
    let code = couponCode();
    while (await tx.selectFrom('loyalty_coupons').select('id').where('code', '=', code).executeTakeFirst()) code = couponCode();
    const today = localDay(actor.now);
    const { id: couponId } = await tx
      .insertInto('loyalty_coupons')
      .values({ code, customer_id: input.customerId, reward_id: reward.id, points: reward.points, issued_on: today, used_on: null, status: 'open', created_by: actor.userId, created_at: actor.now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await addEntry(tx, { customerId: input.customerId, kind: 'redeem', points: -reward.points, onDay: today, at: actor.now, rewardId: reward.id, couponId, reason: reward.name, createdBy: actor.userId });
    if (reward.stock !== null) await tx.updateTable('loyalty_rewards').set({ stock: reward.stock - 1 }).where('id', '=', reward.id).execute();
    await audit(tx, actor, 'points.redeem', 'points', input.customerId, `${customer.name} (${customer.code})`, [
      { field: 'reward', before: null, after: reward.name },
      { field: 'coupon', before: null, after: code },
      { field: 'points', before: member.balance, after: member.balance - reward.points },
    ]);
    const coupon = await couponQuery(tx).where('k.id', '=', couponId).executeTakeFirstOrThrow();
    return { coupon: couponFor(coupon, actor), balance: member.balance - reward.points };
  });
}

async function openCoupon(tx: Db, couponId: number, actor: Actor, operation: string) {
  const coupon = await couponQuery(tx).where('k.id', '=', couponId).executeTakeFirst();
  if (!coupon) throw new AppFailure('NOT_FOUND', `${operation}: coupon ${couponId} does not exist`);
  const customer = await visibleCustomer(tx, coupon.customer_id, actor, operation, false);
  if (coupon.status !== 'open') throw new AppFailure('CONFLICT', `${operation}: coupon ${coupon.code} is ${coupon.status} already`, { reason: 'status' });
  return { coupon, customer };
}

export async function useCoupon(db: Db, couponId: number, actor: Actor): Promise<Coupon> {
  const operation = 'loyalty.useCoupon';
  return transaction(db, async (tx) => {
    const { coupon, customer } = await openCoupon(tx, couponId, actor, operation);
    const today = localDay(actor.now);
    await tx.updateTable('loyalty_coupons').set({ status: 'used', used_on: today }).where('id', '=', couponId).execute();
    await audit(tx, actor, 'coupon.use', 'coupon', couponId, `${coupon.code} · ${customer.name} (${customer.code})`, [{ field: 'couponStatus', before: 'open', after: 'used' }]);
    return couponFor((await couponQuery(tx).where('k.id', '=', couponId).executeTakeFirstOrThrow()), actor);
  });
}

/** Voids an open coupon; its points come back as a correction (a lot that never expires). */
export async function voidCoupon(db: Db, couponId: number, reason: string, actor: Actor): Promise<Coupon> {
  const operation = 'loyalty.voidCoupon';
  return transaction(db, async (tx) => {
    const { coupon, customer } = await openCoupon(tx, couponId, actor, operation);
    const programme = await readProgramme(tx);
    const today = localDay(actor.now);
    await tx.updateTable('loyalty_coupons').set({ status: 'void' }).where('id', '=', couponId).execute();
    if (await prepareMember(tx, programme.tiers, coupon.customer_id, today, actor.now)) {
      await addEntry(tx, { customerId: coupon.customer_id, kind: 'correction', points: coupon.points, onDay: today, at: actor.now, rewardId: coupon.reward_id, couponId, reason, createdBy: actor.userId });
    }
    await audit(tx, actor, 'coupon.void', 'coupon', couponId, `${coupon.code} · ${customer.name} (${customer.code})`, [
      { field: 'couponStatus', before: 'open', after: 'void' },
      { field: 'reason', before: null, after: reason },
    ]);
    return couponFor((await couponQuery(tx).where('k.id', '=', couponId).executeTakeFirstOrThrow()), actor);
  });
}

export async function referral(db: Db, input: { customerId: number; referredId: number; reason: string }, actor: Actor): Promise<{ entry: LedgerEntry; balance: number }> {
  const operation = 'loyalty.referral';
  return transaction(db, async (tx) => {
    const { customer, programme, member } = await writableMember(tx, input.customerId, actor, operation);
    if (!programme.enabled || programme.referralPoints === 0) throw invalid(operation, 'the loyalty programme is not enabled or gives no referral points', 'customerId', 'loyaltyOff');
    const referred = await tx.selectFrom('customers').select(['id', 'name', 'code', 'deleted_at']).where('id', '=', input.referredId).executeTakeFirst();
    if (!referred) throw new AppFailure('NOT_FOUND', `${operation}: customer ${input.referredId} does not exist`);
    if (referred.deleted_at !== null) throw invalid(operation, `${referred.name} is in the recycle bin`, 'referredId', 'customer');
    const taken = await tx.selectFrom('loyalty_referrals').select('id').where('referred_id', '=', input.referredId).executeTakeFirst();
    if (taken || input.referredId === input.customerId) throw invalid(operation, `${referred.name} was counted as referred already, or is the referrer`, 'referredId', 'referred');
    const today = localDay(actor.now);
    const id = await addEntry(tx, {
      customerId: input.customerId,
      kind: 'referral',
      points: programme.referralPoints,
      onDay: today,
      at: actor.now,
      expiresOn: lotExpiresOn(today, programme.expiryMonths),
      reason: input.reason || `${referred.name} (${referred.code})`,
      createdBy: actor.userId,
    });
    await tx.insertInto('loyalty_referrals').values({ customer_id: input.customerId, referred_id: input.referredId, entry_id: id, at: actor.now }).execute();
    await recomputeTier(tx, programme.tiers, input.customerId, today, actor.now, 'earn');
    await audit(tx, actor, 'points.referral', 'points', input.customerId, `${customer.name} (${customer.code})`, [
      { field: 'referred', before: null, after: `${referred.name} (${referred.code})` },
      { field: 'points', before: member.balance, after: member.balance + programme.referralPoints },
    ]);
    return { entry: await readEntry(tx, id), balance: member.balance + programme.referralPoints };
  });
}
