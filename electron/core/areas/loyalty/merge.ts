// The loyalty programme's part of a duplicate merge and its undo (called by
// areas/duplicates/service.ts in the merge's transaction). Ledger entries, coupons and referrals
// move to the kept customer (an entry's customer_id is the one column a merge may change). The
// membership: the duplicate's alone moves; with both, one remains — the earlier join day — holding
// the sum of the balances; the tier is recomputed with cause 'merge'. `loyalty_merges` keeps both
// member rows as they were and what moved, so the undo restores both exactly. An undo after
// either customer's points changed since (a new ledger entry) is refused: putting the rows back
// would no longer add up (CONFLICT 'editedSince').
import { localDay } from '../../../../shared/contract-status.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import type { Db } from '../../db/database.ts';
import { memberRow, readProgramme, recomputeTier, type MemberRow } from './ledger.ts';

const CHUNK = 500;

async function inChunks(ids: readonly number[], work: (chunk: number[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < ids.length; start += CHUNK) await work(ids.slice(start, start + CHUNK));
}

/** Moves the duplicate's points, coupons, referrals and membership to the kept customer. */
export async function mergeLoyalty(tx: Db, mergeId: number, keptId: number, mergedId: number, now: number): Promise<void> {
  const programme = await readProgramme(tx);
  const today = localDay(now);
  // No expiry pass here: the rows are snapshotted exactly as they are, so the undo puts back the
  // same rows; lots past their day expire at the kept member's next read or write.
  const kept = await memberRow(tx, keptId);
  const merged = await memberRow(tx, mergedId);
  const entryIds = (await tx.selectFrom('points_ledger').select('id').where('customer_id', '=', mergedId).execute()).map((r) => r.id);
  const couponIds = (await tx.selectFrom('loyalty_coupons').select('id').where('customer_id', '=', mergedId).execute()).map((r) => r.id);
  const referralIds = (await tx.selectFrom('loyalty_referrals').select('id').where('customer_id', '=', mergedId).execute()).map((r) => r.id);
  if (!merged && entryIds.length === 0 && couponIds.length === 0 && referralIds.length === 0) return;
  const last = await tx.selectFrom('points_ledger').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();

  await inChunks(entryIds, (chunk) => tx.updateTable('points_ledger').set({ customer_id: keptId }).where('id', 'in', chunk).execute());
  await inChunks(couponIds, (chunk) => tx.updateTable('loyalty_coupons').set({ customer_id: keptId }).where('id', 'in', chunk).execute());
  await inChunks(referralIds, (chunk) => tx.updateTable('loyalty_referrals').set({ customer_id: keptId }).where('id', 'in', chunk).execute());
  let tierChangeId: number | null = null;
  if (merged) {
    await tx.deleteFrom('loyalty_members').where('customer_id', '=', mergedId).execute();
    if (kept) {
      await tx
        .updateTable('loyalty_members')
        .set({
          balance: kept.balance + merged.balance,
          joined_on: merged.joined_on < kept.joined_on ? merged.joined_on : kept.joined_on,
          next_expiry_on: [kept.next_expiry_on, merged.next_expiry_on].filter((d): d is string => d !== null).sort()[0] ?? null,
        })
        .where('customer_id', '=', keptId)
        .execute();
    } else {
      await tx.insertInto('loyalty_members').values({ ...merged, customer_id: keptId }).execute();
    }
    tierChangeId = await recomputeTier(tx, programme.tiers, keptId, today, now, 'merge');
  }
  await tx
    .insertInto('loyalty_merges')
    .values({
      merge_id: mergeId,
      kept_id: keptId,
      merged_id: mergedId,
      kept_member: kept ? JSON.stringify(kept) : null,
      merged_member: merged ? JSON.stringify(merged) : null,
      last_entry_id: Number(last?.id ?? 0),
      entry_ids: JSON.stringify(entryIds),
      coupon_ids: JSON.stringify(couponIds),
      referral_ids: JSON.stringify(referralIds),
      tier_change_id: tierChangeId,
    })
    .execute();
}

/** Puts back exactly what `mergeLoyalty` moved; refused when either customer's points changed since. */
export async function undoLoyaltyMerge(tx: Db, mergeId: number): Promise<void> {
  const row = await tx.selectFrom('loyalty_merges').selectAll().where('merge_id', '=', mergeId).executeTakeFirst();
  if (!row) return;
  const since = await tx
    .selectFrom('points_ledger')
    .select('id')
    .where('id', '>', row.last_entry_id)
    .where('customer_id', 'in', [row.kept_id, row.merged_id])
    .limit(1)
    .executeTakeFirst();
  if (since) {
    const kept = await tx.selectFrom('customers').select(['id', 'name']).where('id', '=', row.kept_id).executeTakeFirstOrThrow();
    throw new AppFailure('CONFLICT', `duplicates.undoMerge: ${kept.name}'s points changed since the merge; undoing it would no longer add up`, {
      reason: 'editedSince',
      customers: [{ id: kept.id, name: kept.name }],
    });
  }
  const entryIds = JSON.parse(row.entry_ids) as number[];
  const couponIds = JSON.parse(row.coupon_ids) as number[];
  const referralIds = JSON.parse(row.referral_ids) as number[];
  await inChunks(entryIds, (chunk) => tx.updateTable('points_ledger').set({ customer_id: row.merged_id }).where('id', 'in', chunk).execute());
  await inChunks(couponIds, (chunk) => tx.updateTable('loyalty_coupons').set({ customer_id: row.merged_id }).where('id', 'in', chunk).execute());
  await inChunks(referralIds, (chunk) => tx.updateTable('loyalty_referrals').set({ customer_id: row.merged_id }).where('id', 'in', chunk).execute());
  await tx.deleteFrom('loyalty_members').where('customer_id', 'in', [row.kept_id, row.merged_id]).execute();
  for (const json of [row.kept_member, row.merged_member]) {
    if (json !== null) await tx.insertInto('loyalty_members').values(JSON.parse(json) as MemberRow).execute();
  }
  if (row.tier_change_id !== null) await tx.deleteFrom('loyalty_tier_changes').where('id', '=', row.tier_change_id).execute();
  await tx.deleteFrom('loyalty_merges').where('merge_id', '=', mergeId).execute();
}
