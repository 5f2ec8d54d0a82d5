// New contracts in bulk (seeding; later imports): multi-row inserts of a few hundred rows each, with
// notice_on kept as every write keeps it. No audit entries and no renewals: the caller's job is one
// audited bulk change; auto-renew rolls what is due on the next read (renew.ts), recorded then. The
// contract search index (search area) is the caller's to fill, for instance rebuilt once at the end.
import type { ContractDraftValue } from '../../../../shared/api/contracts.ts';
import { noticeOn } from '../../../../shared/contract-status.ts';
import { requireTransaction, type Db } from '../../db/database.ts';

/** A contract as the draft has it (numbers already unique, customers and staff existing), and when it was made. */
export type NewContract = ContractDraftValue & { createdAt: number; terminatedOn?: string | null; terminationReason?: string };

/** Rows per statement: 20 values a row, well under SQLite's 32,766 bound values. */
const ROWS = 500;

/** Inserts `batch` inside the caller's transaction; answers the new ids in the batch's order. */
export async function insertContracts(db: Db, batch: readonly NewContract[], actorId: number): Promise<number[]> {
  requireTransaction(db, 'insertContracts');
  const ids: number[] = [];
  for (let start = 0; start < batch.length; start += ROWS) {
    const rows = batch.slice(start, start + ROWS).map((c) => ({
      number: c.number,
      title: c.title,
      customer_id: c.customerId,
      type: c.type,
      amount: c.amount,
      currency: c.currency,
      signed_on: c.signedOn,
      start_on: c.startOn,
      end_on: c.endOn,
      auto_renew: c.autoRenew ? 1 : 0,
      renewal_months: c.renewalMonths,
      notice_days: c.noticeDays,
      notice_on: noticeOn(c.endOn, c.noticeDays),
      owner_id: c.ownerId,
      notes: c.notes,
      terminated_on: c.terminatedOn ?? null,
      termination_reason: c.terminationReason ?? '',
      created_by: actorId,
      created_at: c.createdAt,
      updated_at: c.createdAt,
    }));
    const inserted = await db.insertInto('contracts').values(rows).returning(['id', 'number']).execute();
    // RETURNING promises no order: match the rows by their (unique) numbers.
    const idOf = new Map(inserted.map((row) => [row.number, row.id]));
    for (const row of rows) ids.push(idOf.get(row.number)!); // every row inserted returned its id
  }
  return ids;
}
