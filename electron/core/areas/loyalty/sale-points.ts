// Points from sales: the hook the sales service (create, update, delete, restore) and the sales
// import call in their own transaction. A member's live sale in the programme's currency, on or
// after the day they joined, earns floor(total / perAmountMinor) × points, plus per-item points per
// whole unit, × the member's tier multiplier at the time (floor), as one `earn` entry with the
// sale's id. A change is never an edit of history: the sale's standing earn is reversed (a
// `reversal` naming it) and, if the sale still earns, a new `earn` written. A reversal takes what
// is left when the points were spent already, and says the shortfall in its reason.
import { sql } from 'kysely';
import { localDay } from '../../../../shared/contract-status.ts';
import { POINTS_MAX, type LoyaltySettings } from '../../../../shared/api/loyalty.ts';
import type { Db } from '../../db/database.ts';
import { addEntry, lotExpiresOn, prepareMember, readProgramme, recomputeTier, tierFor } from './ledger.ts';

/** A reversal's reason: 'saleDeleted' / 'saleChanged', with ';shortfall=N' when N points could not be taken back. */
export type ReversalReason = 'saleDeleted' | 'saleChanged';

/** The points a sale earns before the tier multiplier. */
export function basePoints(earn: LoyaltySettings['earn'], totalMinor: number, lines: readonly { itemId: number | null; quantityMilli: number }[]): number {
  let points = Math.floor(totalMinor / earn.perAmountMinor) * earn.points;
  const perItem = new Map(earn.perItem.map((p) => [p.itemId, p.points]));
  for (const line of lines) {
    const each = line.itemId === null ? undefined : perItem.get(line.itemId);
    if (each !== undefined) points += Math.floor(line.quantityMilli / 1000) * each;
  }
  return Math.min(points, POINTS_MAX);
}

export function withMultiplier(points: number, multiplierPermille: number): number {
  return Math.min(Math.floor((points * multiplierPermille) / 1000), POINTS_MAX);
}

type Programme = Awaited<ReturnType<typeof readProgramme>>;

/** Reverses one standing earn (what is left of it at most) for `reason`. */
async function reverse(tx: Db, earn: { id: number; customer_id: number; points: number; sale_id: number | null }, reason: ReversalReason, actor: number | null, now: number): Promise<void> {
  const member = await tx.selectFrom('loyalty_members').select('balance').where('customer_id', '=', earn.customer_id).executeTakeFirst();
  const balance = member?.balance ?? 0;
  const take = Math.min(earn.points, balance);
  const shortfall = earn.points - take;
  const text = shortfall > 0 ? `${reason};shortfall=${shortfall}` : reason;
  // With nothing left at all the reversal is of 0 points: it still marks the earn undone and says the shortfall.
  await addEntry(tx, { customerId: earn.customer_id, kind: 'reversal', points: -take, onDay: localDay(now), at: now, saleId: earn.sale_id, reason: text, createdBy: actor, reversesId: earn.id });
}

/**
 * Brings a sale's points in line with the sale as it now is (created, edited, deleted, restored,
 * imported). Inside the caller's transaction; a no-op when nothing changes.
 */
export async function onSaleChanged(tx: Db, saleId: number, actor: { userId: number | null }, now: number, programme?: Programme): Promise<void> {
  const p = programme ?? (await readProgramme(tx));
  const standing = await sql<{ id: number; customer_id: number; points: number; sale_id: number | null }>`
    SELECT l.id, l.customer_id, l.points, l.sale_id FROM points_ledger l
    WHERE l.sale_id = ${saleId} AND l.kind = 'earn' AND NOT EXISTS (SELECT 1 FROM points_ledger r WHERE r.reverses_id = l.id AND r.kind = 'reversal')`.execute(tx);
  if (!p.enabled && standing.rows.length === 0) return;
  const today = localDay(now);
  const sale = await tx
    .selectFrom('sales as s')
    .innerJoin('customers as c', 'c.id', 's.customer_id')
    .leftJoin('loyalty_members as m', 'm.customer_id', 's.customer_id')
    .select(['s.customer_id', 's.sold_on', 's.currency', 's.total_minor', 's.deleted_at', 'c.deleted_at as customer_deleted', 'm.joined_on'])
    .where('s.id', '=', saleId)
    .executeTakeFirst();
  let desired: { customerId: number; points: number; soldOn: string } | null = null;
  if (p.enabled && sale && sale.deleted_at === null && sale.customer_deleted === null && sale.joined_on !== null && sale.currency === p.currency && sale.sold_on >= sale.joined_on) {
    const member = await prepareMember(tx, p.tiers, sale.customer_id, today, now);
    const lines = await tx.selectFrom('sale_lines').select(['item_id', 'quantity_milli']).where('sale_id', '=', saleId).execute();
    const base = basePoints(p.earn, sale.total_minor, lines.map((l) => ({ itemId: l.item_id, quantityMilli: l.quantity_milli })));
    const tier = p.tiers.find((t) => t.key === member?.tier_key) ?? tierFor(p.tiers, 0);
    const points = withMultiplier(base, tier.multiplierPermille);
    if (points > 0) desired = { customerId: sale.customer_id, points, soldOn: sale.sold_on };
  }
  const only = standing.rows.length === 1 ? standing.rows[0]! : null; // length checked
  if (desired && only && only.customer_id === desired.customerId && only.points === desired.points) return;
  if (!desired && standing.rows.length === 0) return;
  const reason: ReversalReason = !sale || sale.deleted_at !== null ? 'saleDeleted' : 'saleChanged';
  const touched = new Set<number>();
  for (const earn of standing.rows) {
    await prepareMember(tx, p.tiers, earn.customer_id, today, now);
    await reverse(tx, earn, reason, actor.userId, now);
    touched.add(earn.customer_id);
  }
  if (desired) {
    // The lot counts from the sale's day: its expiry and its place in the qualifying window.
    await addEntry(tx, {
      customerId: desired.customerId,
      kind: 'earn',
      points: desired.points,
      onDay: desired.soldOn,
      at: now,
      saleId,
      expiresOn: lotExpiresOn(desired.soldOn, p.expiryMonths),
      createdBy: actor.userId,
    });
    // A sale dated so long ago that its lot has expired already expires at once.
    await prepareMember(tx, p.tiers, desired.customerId, today, now);
  }
  for (const customerId of touched) if (customerId !== desired?.customerId) await recomputeTier(tx, p.tiers, customerId, today, now, 'reversal');
  if (desired) await recomputeTier(tx, p.tiers, desired.customerId, today, now, standing.rows.length > 0 ? 'reversal' : 'earn');
}

/** The import's and bulk insert's door: reads the programme once; members' sales only. */
export async function onSalesInserted(tx: Db, saleIds: readonly number[], actor: { userId: number | null }, now: number): Promise<void> {
  const p = await readProgramme(tx);
  if (!p.enabled || saleIds.length === 0) return;
  for (let start = 0; start < saleIds.length; start += 500) {
    const chunk = saleIds.slice(start, start + 500);
    const members = await tx.selectFrom('sales as s').innerJoin('loyalty_members as m', 'm.customer_id', 's.customer_id').select('s.id').where('s.id', 'in', chunk).execute();
    for (const { id } of members) await onSaleChanged(tx, id, actor, now, p);
  }
}
