// New records in bulk (seeding; later imports): multi-row inserts of a few hundred rows each, with
// their participants. No audit entries and no search documents: the caller's job is one audited
// bulk change, and it fills the search index once at the end (search/records.ts indexRecordsFrom).
import type { RecordFieldValues, RecordSource } from '../../../../shared/api/records.ts';
import { requireTransaction, type Db } from '../../db/database.ts';
import { refreshLastContactOf } from '../care/last-contact.ts';

/** A record as checked already (customers, contacts, contracts and staff existing), with its participants' names. */
export type NewRecord = Omit<RecordFieldValues, 'participants'> & {
  participants: { contactId: number | null; userId: number | null; name: string }[];
  followUpDoneAt: number | null;
  source: RecordSource;
  createdAt: number;
};

/** Rows per statement: 20 values a row, well under SQLite's 32,766 bound values. */
const ROWS = 500;

/** Inserts `batch` inside the caller's transaction, and the customers' last contact once; answers the new ids in the batch's order. */
export async function insertRecords(db: Db, batch: readonly NewRecord[], actorId: number): Promise<number[]> {
  requireTransaction(db, 'insertRecords');
  const ids: number[] = [];
  for (let start = 0; start < batch.length; start += ROWS) {
    const part = batch.slice(start, start + ROWS);
    const inserted = await db
      .insertInto('records')
      .values(
        part.map((r) => ({
          customer_id: r.customerId,
          kind: r.kind,
          at: r.at,
          staff_id: r.staffId,
          content: r.content,
          phase: r.phase,
          service_kind: r.serviceKind,
          duration_minutes: r.durationMinutes,
          result: r.result,
          status: r.status,
          feedback: r.feedback,
          contract_id: r.contractId,
          channel: r.channel,
          agreements: r.agreements,
          follow_up_on: r.followUpOn,
          follow_up_done_at: r.followUpDoneAt,
          source: r.source,
          created_by: actorId,
          created_at: r.createdAt,
          updated_at: r.createdAt,
        })),
      )
      .returning('id')
      .execute();
    // One writer in one transaction: each row took the next id, so ascending ids are the batch's order.
    const partIds = inserted.map((row) => row.id).sort((a, b) => a - b);
    ids.push(...partIds);
    const participants = part.flatMap((r, i) => r.participants.map((p, position) => ({ record_id: partIds[i]!, position, contact_id: p.contactId, user_id: p.userId, name: p.name }))); // one id per row
    for (let p = 0; p < participants.length; p += ROWS) await db.insertInto('record_participants').values(participants.slice(p, p + ROWS)).execute();
  }
  await refreshLastContactOf(
    db,
    batch.map((r) => r.customerId),
  );
  return ids;
}
