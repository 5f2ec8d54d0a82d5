// Contracts signed (areas/contracts), at the local midnight of the signed day; drafts and deleted
// contracts are not shown. Staff: the contract's responsible staff member (contracts.owner_id).
//
// The customer's contracts through contracts_customer (customer_id): a customer has a few
// contracts, so they are sorted by signed day after the seek.
import { sql } from 'kysely';
import { TIMELINE_TEXT_CHARS, type TimelineEntry } from '../../../../../shared/api/timeline.ts';
import type { Db } from '../../../db/database.ts';
import { localMidnight, seekByDay, type SourceInput, type TimelineSource } from './source.ts';

function query(db: Db, input: SourceInput) {
  let q = db
    .selectFrom('contracts as k')
    .leftJoin('users as u', 'u.id', 'k.owner_id')
    .select(['k.id', 'k.number', 'k.signed_on', 'k.owner_id', 'u.display_name', sql<string>`substr(k.title, 1, ${TIMELINE_TEXT_CHARS})`.as('title')])
    .where('k.customer_id', '=', input.customerId)
    .where('k.deleted_at', 'is', null)
    .where('k.signed_on', 'is not', null)
    .where(seekByDay('contractSigned', 'k.signed_on', 'k.id', input.after));
  // Unary plus: the customer's few contracts are checked one by one, never the staff member's many through contracts_owner.
  if (input.staffId !== null) q = q.where(sql<number | null>`+k.owner_id`, '=', input.staffId);
  return q.orderBy('k.signed_on', 'desc').orderBy('k.id', 'desc').limit(input.take);
}

export const contractSignedSource: TimelineSource = {
  name: 'contractSigned',
  kinds: ['contractSigned'],
  queries: (db, input) => [query(db, input)],
  async read(db, input) {
    const rows = await query(db, input).execute();
    return rows.map(
      (row): TimelineEntry => ({
        kind: 'contractSigned',
        refId: row.id,
        at: localMidnight(row.signed_on!), // signed_on IS NOT NULL above
        title: row.number,
        text: row.title,
        status: null,
        staffId: row.owner_id,
        staffName: row.display_name,
        deleted: false,
        source: 'app',
        customerId: input.customerId,
        open: { kind: 'contract', id: row.id },
        actions: { restore: false },
      }),
    );
  },
};
