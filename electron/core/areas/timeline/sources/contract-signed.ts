// Contracts signed (areas/contracts), at the local midnight of the signed day; drafts and deleted
// contracts are not shown. Staff: the contract's responsible staff member (contracts.owner_id).
//
// The customer's contracts through contracts_customer (customer_id): a customer has a few
// contracts, so they are sorted by signed day after the seek.
import { sql } from 'kysely';
import { TIMELINE_TEXT_CHARS } from '../../../../../shared/api/timeline.ts';
import type { Db } from '../../../db/database.ts';
import { localMidnight, P, plainEntry, seekByDay, type SourceInput, type SourceQuery, type TimelineSource } from './source.ts';

function query(db: Db, input: SourceInput): SourceQuery {
  let q = db
    .selectFrom('contracts as k')
    .leftJoin('users as u', 'u.id', 'k.owner_id')
    .select([
      sql<string>`'contractSigned'`.as('kind'),
      'k.id as ref_id',
      sql<number | null>`NULL`.as('at'),
      'k.signed_on as day',
      'k.number as title',
      sql<string>`substr(k.title, 1, ${TIMELINE_TEXT_CHARS})`.as('text'),
      sql<string | null>`NULL`.as('status'),
      'k.owner_id as staff_id',
      'u.display_name as staff_name',
      sql<number | null>`NULL`.as('deleted_at'),
      sql<number | null>`NULL`.as('created_by'),
      sql<string>`'app'`.as('source'),
      'k.id as open_id',
    ])
    .where('k.customer_id', '=', P.customerId)
    .where('k.deleted_at', 'is', null)
    .where('k.signed_on', 'is not', null)
    .where(seekByDay('contractSigned', 'k.signed_on', 'k.id', input.after));
  // Unary plus: the customer's few contracts are checked one by one, never the staff member's many through contracts_owner.
  if (input.staffId !== null) q = q.where(sql<number | null>`+k.owner_id`, '=', P.staffId);
  return q.orderBy('k.signed_on', 'desc').orderBy('k.id', 'desc').limit(P.take);
}

export const contractSignedSource: TimelineSource = {
  name: 'contractSigned',
  kinds: ['contractSigned'],
  queries: (db, input) => [query(db, input)],
  entry: (row, input) => plainEntry(row, input, localMidnight(row.day!), 'contract'), // signed_on IS NOT NULL above
};
