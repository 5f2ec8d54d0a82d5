// Auto-renew: a signed, auto-renewing contract that is not terminated rolls its end date forward by
// its renewal term, as many times as it takes to reach today, each step recorded in its history
// ('renewed' event) and in the audit log ('contract.renew'). It happens before the contracts are
// read (lists, counts, a contract), idempotently: each contract is checked again inside the write
// transaction, so two calls (or two processes) never roll one twice. Contracts in the recycle bin,
// or of a customer there, wait until they are restored.
import { addDays, localDay, noticeOn, renewalsDue, type RenewalStep } from '../../../../shared/contract-status.ts';
import { transaction, type Db } from '../../db/database.ts';
import { appendAudit } from '../audit/service.ts';

/** Who the audit log names for what happened by itself (as for automatic backups). */
const AUTOMATIC = 'automatic';
/** Contracts per write transaction: a shop's first read after a long pause never holds the database long. */
const BATCH = 100;

/** The contracts due a renewal on `today` (the partial index contracts_renewing finds them; none once all are current). */
function dueQuery(db: Db, today: string) {
  return db
    .selectFrom('contracts as k')
    .innerJoin('customers as c', 'c.id', 'k.customer_id')
    .select(['k.id', 'k.number', 'k.end_on', 'k.renewal_months', 'k.notice_days', 'k.version', 'k.renewals'])
    .where('k.auto_renew', '=', 1)
    .where('k.terminated_on', 'is', null)
    .where('k.signed_on', 'is not', null)
    .where('k.deleted_at', 'is', null)
    .where('k.end_on', '<', today)
    .where('c.deleted_at', 'is', null);
}

/**
 * Rolls forward every contract due on the day of `now` (or only contract `onlyId`). Answers how
 * many contracts were renewed. Inside a caller's transaction it joins it.
 */
export async function renewDue(db: Db, now: number, onlyId?: number): Promise<number> {
  const today = localDay(now);
  // No ORDER BY: the partial index answers in its own order, and an order by id would walk the table.
  const due = async (q: Db) => {
    let query = dueQuery(q, today).limit(BATCH);
    if (onlyId !== undefined) query = query.where('k.id', '=', onlyId);
    return query.execute();
  };
  // A read first, outside any transaction: the usual answer is "none", and it costs one index seek.
  if ((await due(db)).length === 0) return 0;
  let renewed = 0;
  for (;;) {
    // A renewed contract is no longer due, so each batch finds the next ones.
    const batch = await transaction(db, async (tx) => {
      const rows = await due(tx);
      let count = 0;
      for (const row of rows) if (await renewOne(tx, row, today, now)) count++;
      return { count, more: rows.length === BATCH && count > 0 };
    });
    renewed += batch.count;
    if (!batch.more) return renewed;
  }
}

type Due = { id: number; number: string; end_on: string | null; renewal_months: number | null; notice_days: number; version: number; renewals: number };

/** Renews one contract as far as today; false when nothing was due after all. */
async function renewOne(tx: Db, row: Due, today: string, now: number): Promise<boolean> {
  if (row.end_on === null || row.renewal_months === null) return false; // the table's CHECK rules both out for auto-renew
  const history: RenewalStep[] = (
    await tx.selectFrom('contract_events').select(['from_end', 'to_end']).where('contract_id', '=', row.id).where('kind', '=', 'renewed').orderBy('id').execute()
  ).flatMap((event) => (event.from_end !== null && event.to_end !== null ? [{ fromEnd: event.from_end, toEnd: event.to_end }] : []));
  const steps = renewalsDue(row.end_on, row.renewal_months, today, history);
  if (steps.length === 0) return false;
  const last = steps.at(-1)!.toEnd; // steps is not empty
  await tx
    .updateTable('contracts')
    .set({ end_on: last, notice_on: noticeOn(last, row.notice_days), renewals: row.renewals + steps.length, version: row.version + 1 })
    .where('id', '=', row.id)
    .execute();
  for (const [i, step] of steps.entries()) {
    await tx
      .insertInto('contract_events')
      .values({ contract_id: row.id, kind: 'renewed', at: now, on_day: addDays(step.fromEnd, 1), from_end: step.fromEnd, to_end: step.toEnd, note: '', by_user: null })
      .execute();
    await appendAudit(tx, {
      at: now,
      userId: null,
      username: AUTOMATIC,
      action: 'contract.renew',
      entity: 'contract',
      entityId: row.id,
      label: row.number,
      changes: [
        { field: 'endOn', before: step.fromEnd, after: step.toEnd },
        { field: 'renewals', before: row.renewals + i, after: row.renewals + i + 1 },
      ],
    });
  }
  return true;
}
