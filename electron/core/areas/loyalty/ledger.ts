// The points ledger's mechanics, inside the caller's transaction: the programme as stored, writing
// an entry with its balance (FIFO lots), the due-expiry pass, qualifying points and tier changes,
// and checkLedger. Every write to a member's points goes through `addEntry`, which keeps
// loyalty_members.balance and the lots' `remaining` in the same transaction; the table's CHECK
// (balance >= 0) and the ledger's append-only triggers (migration 0029) hold whatever path writes.
import { sql } from 'kysely';
import { addDays, addMonths } from '../../../../shared/contract-status.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import { POINTS_MAX, type LedgerDifference, type LedgerKind, type LoyaltySettings, type Tier, type TierCause } from '../../../../shared/api/loyalty.ts';
import type { Db } from '../../db/database.ts';

export const DEFAULT_TIERS: Tier[] = [{ key: 'normal', name: '普通会员', threshold: 0, multiplierPermille: 1000, benefits: '' }];

/** The programme as stored; before the first save, a disabled programme with one tier (version 0). */
export async function readProgramme(db: Db): Promise<LoyaltySettings & { expiredThrough: string | null }> {
  const row = await db.selectFrom('loyalty_settings').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!row) {
    return { enabled: false, currency: 'CNY', earn: { perAmountMinor: 100, points: 1, perItem: [] }, expiryMonths: 0, referralPoints: 0, tiers: DEFAULT_TIERS, version: 0, expiredThrough: null };
  }
  return {
    enabled: row.enabled === 1,
    currency: row.currency,
    earn: { perAmountMinor: row.per_amount_minor, points: row.points_per_amount, perItem: JSON.parse(row.per_item) as { itemId: number; points: number }[] },
    expiryMonths: row.expiry_months,
    referralPoints: row.referral_points,
    tiers: JSON.parse(row.tiers) as Tier[],
    version: row.version,
    expiredThrough: row.expired_through,
  };
}

/** The highest tier whose threshold the qualifying points reach (tiers are stored lowest first, the first at 0). */
export function tierFor(tiers: readonly Tier[], qualifying: number): Tier {
  let found = tiers[0]!; // a programme has at least one tier (the contract's schema)
  for (const tier of tiers) if (qualifying >= tier.threshold) found = tier;
  return found;
}

/**
 * The first day a lot of `onDay` is no longer valid: it is valid through the same day `months`
 * later (clamped to the month's end: 2026-01-31 + 1 month is valid through 2026-02-28) and its
 * expire entry is written on the day after (2026-03-01). Null: never expires.
 */
export function lotExpiresOn(onDay: string, months: number): string | null {
  return months === 0 ? null : addDays(addMonths(onDay, months), 1);
}

/** The first and last day of the calendar month after `today`'s. */
export function nextMonthOf(today: string): { from: string; to: string } {
  const from = addMonths(`${today.slice(0, 7)}-01`, 1);
  return { from, to: addDays(addMonths(from, 1), -1) };
}

/** The first day of the 12-month window ending `today` is the day after this one. */
export function qualifyingSince(today: string): string {
  return addMonths(today, -12);
}

/** Points earned (earn + referral, unless reversed) in the 12 months ending `today`. */
export async function qualifyingOf(db: Db, customerId: number, today: string): Promise<number> {
  const row = await sql<{ q: number | null }>`
    SELECT sum(l.points) AS q FROM points_ledger l
    WHERE l.customer_id = ${customerId} AND l.on_day > ${qualifyingSince(today)} AND l.on_day <= ${today} AND l.kind IN ('earn', 'referral')
      AND NOT EXISTS (SELECT 1 FROM points_ledger r WHERE r.reverses_id = l.id AND r.kind = 'reversal')`.execute(db);
  return Number(row.rows[0]?.q ?? 0);
}

/** What is left of the lots that expire in the calendar month after `today`'s. */
export async function expiringNextMonthOf(db: Db, customerId: number, today: string): Promise<number> {
  const { from, to } = nextMonthOf(today);
  const row = await sql<{ n: number | null }>`
    SELECT sum(remaining) AS n FROM points_ledger
    WHERE customer_id = ${customerId} AND remaining > 0 AND expires_on >= ${from} AND expires_on <= ${to}`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

export type MemberRow = { customer_id: number; joined_on: string; tier_key: string; balance: number; next_expiry_on: string | null; tier_checked_on: string | null; created_at: number };

export async function memberRow(db: Db, customerId: number): Promise<MemberRow | undefined> {
  return db.selectFrom('loyalty_members').selectAll().where('customer_id', '=', customerId).executeTakeFirst();
}

async function refreshNextExpiry(tx: Db, customerId: number): Promise<void> {
  await sql`UPDATE loyalty_members SET next_expiry_on = (SELECT min(expires_on) FROM points_ledger WHERE customer_id = ${customerId} AND remaining > 0 AND expires_on IS NOT NULL) WHERE customer_id = ${customerId}`.execute(tx);
}

/** Recomputes a member's tier for `today`; a change is a loyalty_tier_changes row with its cause. */
export async function recomputeTier(tx: Db, tiers: readonly Tier[], customerId: number, today: string, now: number, cause: TierCause): Promise<number | null> {
  const member = await memberRow(tx, customerId);
  if (!member) return null;
  const qualifying = await qualifyingOf(tx, customerId, today);
  const tier = tierFor(tiers, qualifying);
  let changeId: number | null = null;
  if (tier.key !== member.tier_key) {
    const old = tiers.find((t) => t.key === member.tier_key);
    // Going up: the new tier's threshold was reached; going down: the old one's is no longer.
    const threshold = !old || tier.threshold > old.threshold ? tier.threshold : old.threshold;
    const inserted = await tx
      .insertInto('loyalty_tier_changes')
      .values({ customer_id: customerId, at: now, on_day: today, from_key: member.tier_key, to_key: tier.key, qualifying, threshold, cause })
      .returning('id')
      .executeTakeFirstOrThrow();
    changeId = inserted.id;
  }
  await tx.updateTable('loyalty_members').set({ tier_key: tier.key, tier_checked_on: today }).where('customer_id', '=', customerId).execute();
  return changeId;
}

export type NewEntry = {
  customerId: number;
  kind: LedgerKind;
  points: number;
  onDay: string;
  at: number;
  saleId?: number | null;
  rewardId?: number | null;
  couponId?: number | null;
  expiresOn?: string | null;
  reason?: string;
  createdBy: number | null;
  reversesId?: number | null;
};

/**
 * Takes `amount` points from the member's lots, oldest first (FIFO), the lot `first` before the
 * others (a reversal takes its own earn's points first).
 */
async function consume(tx: Db, customerId: number, amount: number, first: number | null): Promise<void> {
  let left = amount;
  if (first !== null) {
    const lot = await tx.selectFrom('points_ledger').select(['id', 'remaining']).where('id', '=', first).where('customer_id', '=', customerId).where('remaining', '>', 0).executeTakeFirst();
    if (lot) {
      const take = Math.min(lot.remaining, left);
      await tx.updateTable('points_ledger').set({ remaining: lot.remaining - take }).where('id', '=', lot.id).execute();
      left -= take;
    }
  }
  while (left > 0) {
    const lots = await tx.selectFrom('points_ledger').select(['id', 'remaining']).where('customer_id', '=', customerId).where('remaining', '>', 0).orderBy('on_day').orderBy('id').limit(50).execute();
    if (lots.length === 0) throw new Error(`loyalty: customer ${customerId}'s lots hold less than their balance`);
    for (const lot of lots) {
      if (left === 0) break;
      const take = Math.min(lot.remaining, left);
      await tx.updateTable('points_ledger').set({ remaining: lot.remaining - take }).where('id', '=', lot.id).execute();
      left -= take;
    }
  }
}

/**
 * Appends one entry and moves the member's balance by its points in the same transaction. A
 * positive entry is a lot (its `remaining` starts full); a negative one consumes lots, oldest
 * first. The caller has checked the balance suffices (the CHECK refuses otherwise).
 */
export async function addEntry(tx: Db, entry: NewEntry): Promise<number> {
  if (!Number.isSafeInteger(entry.points) || (entry.points === 0 && entry.kind !== 'reversal') || Math.abs(entry.points) > POINTS_MAX * 10) throw new Error(`loyalty: an entry of ${entry.points} points`);
  if (entry.points < 0) await consume(tx, entry.customerId, -entry.points, entry.reversesId ?? null);
  const { id } = await tx
    .insertInto('points_ledger')
    .values({
      customer_id: entry.customerId,
      kind: entry.kind,
      points: entry.points,
      on_day: entry.onDay,
      at: entry.at,
      sale_id: entry.saleId ?? null,
      reward_id: entry.rewardId ?? null,
      coupon_id: entry.couponId ?? null,
      expires_on: entry.expiresOn ?? null,
      reason: entry.reason ?? '',
      created_by: entry.createdBy,
      remaining: entry.points > 0 ? entry.points : 0,
      reverses_id: entry.reversesId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`UPDATE loyalty_members SET balance = balance + ${entry.points} WHERE customer_id = ${entry.customerId}`.execute(tx);
  await refreshNextExpiry(tx, entry.customerId);
  return id;
}

/** Writes the expire entries due by `today` for one member (what is left of each lot, on its expiry day). */
export async function expireDue(tx: Db, customerId: number, today: string, now: number): Promise<number> {
  const lots = await tx
    .selectFrom('points_ledger')
    .select(['id', 'remaining', 'expires_on'])
    .where('customer_id', '=', customerId)
    .where('remaining', '>', 0)
    .where('expires_on', 'is not', null)
    .where('expires_on', '<=', today)
    .orderBy('expires_on')
    .orderBy('id')
    .execute();
  for (const lot of lots) {
    await addEntry(tx, { customerId, kind: 'expire', points: -lot.remaining, onDay: lot.expires_on!, at: now, createdBy: null, reversesId: lot.id }); // expires_on is not null (where)
  }
  if (lots.length === 0) await refreshNextExpiry(tx, customerId);
  return lots.length;
}

/**
 * Before a ledger write or a balance read of a member: the expiries due by today are written and
 * the tier checked once a day. Cheap when nothing is due (the member's row says so).
 */
export async function prepareMember(tx: Db, tiers: readonly Tier[], customerId: number, today: string, now: number): Promise<MemberRow | undefined> {
  const member = await memberRow(tx, customerId);
  if (!member) return undefined;
  if (member.next_expiry_on !== null && member.next_expiry_on <= today) {
    await expireDue(tx, customerId, today, now);
    await recomputeTier(tx, tiers, customerId, today, now, 'expiry');
  } else if (member.tier_checked_on !== today) {
    await recomputeTier(tx, tiers, customerId, today, now, 'daily');
  } else {
    return member;
  }
  return memberRow(tx, customerId);
}

/** True when a member's read needs the pass above (so a read without it stays a plain read). */
export function needsPreparing(member: MemberRow, today: string): boolean {
  // Tiers are kept current for the day by the daily pass (its door runs before every loyalty
  // call), so a read needs preparing only when an expiry is due.
  return member.next_expiry_on !== null && member.next_expiry_on <= today;
}

/**
 * Recomputes every member's tier at once (set-based: one pass over the ledger's qualifying index),
 * writing a tier change for each one that moves. The settings' save and the daily pass use it.
 */
export async function recomputeAllTiers(tx: Db, tiers: readonly Tier[], today: string, now: number, cause: TierCause): Promise<number> {
  const since = qualifyingSince(today);
  const cases = [...tiers].reverse().map((t) => sql`WHEN q.q >= ${t.threshold} THEN ${t.key}`);
  const thresholds = sql.join(tiers.map((t) => sql`SELECT ${t.key} AS key, ${t.threshold} AS threshold`), sql` UNION ALL `);
  await sql`DROP TABLE IF EXISTS temp.loyalty_tier_target`.execute(tx);
  // One pass over the qualifying index in customer order (a GROUP BY, not a sum per member); the
  // reversed earns are looked up in one list built once.
  await sql`
    CREATE TEMP TABLE loyalty_tier_target AS
    WITH reversed AS (SELECT reverses_id FROM points_ledger WHERE kind = 'reversal' AND reverses_id IS NOT NULL),
    sums AS (
      SELECT l.customer_id, sum(l.points) AS q FROM points_ledger l
      WHERE l.kind IN ('earn', 'referral') AND l.on_day > ${since} AND l.on_day <= ${today} AND l.id NOT IN (SELECT reverses_id FROM reversed)
      GROUP BY l.customer_id
    ),
    q AS (SELECT m.customer_id, m.tier_key, coalesce(s.q, 0) AS q FROM loyalty_members m LEFT JOIN sums s ON s.customer_id = m.customer_id)
    SELECT q.customer_id, q.tier_key AS from_key, q.q AS qualifying, CASE ${sql.join(cases, sql` `)} ELSE ${tiers[0]!.key} END AS to_key FROM q`.execute(tx);
  await sql`CREATE UNIQUE INDEX temp.loyalty_tier_target_key ON loyalty_tier_target (customer_id)`.execute(tx);
  const changed = await sql`
    INSERT INTO loyalty_tier_changes (customer_id, at, on_day, from_key, to_key, qualifying, threshold, cause)
    SELECT t.customer_id, ${now}, ${today}, t.from_key, t.to_key, t.qualifying,
      CASE WHEN f.threshold IS NULL OR nt.threshold > f.threshold THEN nt.threshold ELSE f.threshold END, ${cause}
    FROM loyalty_tier_target t
    JOIN (${thresholds}) nt ON nt.key = t.to_key
    LEFT JOIN (${thresholds}) f ON f.key = t.from_key
    WHERE t.from_key != t.to_key`.execute(tx);
  await sql`UPDATE loyalty_members SET tier_key = (SELECT to_key FROM loyalty_tier_target t WHERE t.customer_id = loyalty_members.customer_id), tier_checked_on = ${today}`.execute(tx);
  await sql`DROP TABLE temp.loyalty_tier_target`.execute(tx);
  return Number(changed.numAffectedRows ?? 0n);
}

/**
 * The daily pass for all members, run on the first loyalty call of a local day (and by Today's
 * 'pointsExpiring' source): expiries due by today written, then the tiers of the members whose
 * qualifying window changed since the last pass recomputed (points leave the 12-month window with
 * the days); the first pass ever recomputes every member. `expired_through` remembers the day.
 */
export async function dailyPass(tx: Db, today: string, now: number): Promise<boolean> {
  const programme = await readProgramme(tx);
  if (programme.version === 0 || programme.expiredThrough === today) return false;
  const due = new Set((await tx.selectFrom('loyalty_members').select('customer_id').where('next_expiry_on', '<=', today).execute()).map((r) => r.customer_id));
  for (const customerId of due) await expireDue(tx, customerId, today, now);
  const last = programme.expiredThrough;
  if (last === null || last > today) {
    // The first pass ever (or a clock set back): every member at once.
    await recomputeAllTiers(tx, programme.tiers, today, now, 'daily');
    for (const customerId of due) await recomputeTier(tx, programme.tiers, customerId, today, now, 'expiry');
  } else {
    // Only members whose qualifying window changed since the last pass: an earn or referral left
    // it (its day passed 12 months) or entered it (a day dated ahead came), or a lot expired.
    const moved = await sql<{ customer_id: number }>`
      SELECT DISTINCT customer_id FROM points_ledger INDEXED BY points_ledger_earn_days
      WHERE kind IN ('earn', 'referral') AND ((on_day > ${qualifyingSince(last)} AND on_day <= ${qualifyingSince(today)}) OR (on_day > ${last} AND on_day <= ${today}))`.execute(tx);
    const customers = new Set([...moved.rows.map((r) => r.customer_id), ...due]);
    for (const customerId of customers) await recomputeTier(tx, programme.tiers, customerId, today, now, due.has(customerId) ? 'expiry' : 'daily');
  }
  await tx.updateTable('loyalty_settings').set({ expired_through: today }).where('id', '=', 1).execute();
  return true;
}

/** A balance that would go negative: VALIDATION reason 'points'. */
export function tooFewPoints(operation: string, balance: number, wanted: number): AppFailure {
  return new AppFailure('VALIDATION', `${operation}: the balance is ${balance} points, ${wanted} are needed; a balance never goes below 0`, [{ path: ['points'], message: 'points' }]);
}

/**
 * Every member's balance against their ledger sum, and the lots' remainders against it too; an
 * entry of a customer who is not a member counts as a difference (balance null).
 */
export async function checkLedger(db: Db): Promise<{ ok: boolean; members: number; entries: number; differences: LedgerDifference[] }> {
  const rows = await sql<{ customer_id: number; balance: number | null; ledger_sum: number; lots: number }>`
    WITH sums AS (SELECT customer_id, sum(points) AS ledger_sum, sum(remaining) AS lots FROM points_ledger GROUP BY customer_id)
    SELECT m.customer_id, m.balance, coalesce(s.ledger_sum, 0) AS ledger_sum, coalesce(s.lots, 0) AS lots
    FROM loyalty_members m LEFT JOIN sums s ON s.customer_id = m.customer_id
    WHERE m.balance != coalesce(s.ledger_sum, 0) OR m.balance != coalesce(s.lots, 0) OR m.balance < 0
    UNION ALL
    SELECT s.customer_id, NULL, s.ledger_sum, s.lots FROM sums s WHERE NOT EXISTS (SELECT 1 FROM loyalty_members m WHERE m.customer_id = s.customer_id)
    ORDER BY 1`.execute(db);
  const counts = await sql<{ members: number; entries: number }>`SELECT (SELECT count(*) FROM loyalty_members) AS members, (SELECT count(*) FROM points_ledger) AS entries`.execute(db);
  const differences = rows.rows.map((r) => ({ customerId: r.customer_id, balance: r.balance, ledgerSum: Number(r.ledger_sum) }));
  return { ok: differences.length === 0, members: Number(counts.rows[0]!.members), entries: Number(counts.rows[0]!.entries), differences };
}
