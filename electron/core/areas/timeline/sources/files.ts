// Files (areas/attachments) of the customer and of its live contracts, when they were attached;
// files in a recycle bin are not shown. Staff: who attached it (attachments.created_by).
// A service record's files are on the record (its own entry), not repeated here.
//
// The customer's own: one seek over attachments_owner (owner_kind, owner_id, created_at; the row
// id follows). Its contracts' (a customer has a few contracts, each a few files): the same index
// once per contract found through contracts_customer, sorted together.
import { sql } from 'kysely';
import { TIMELINE_TEXT_CHARS } from '../../../../../shared/api/timeline.ts';
import type { Db } from '../../../db/database.ts';
import { P, plainEntry, seekOneKind, type SourceInput, type SourceQuery, type TimelineSource } from './source.ts';

function query(db: Db, input: SourceInput, owner: 'customer' | 'contract'): SourceQuery {
  let q = db
    .selectFrom('attachments as a')
    .leftJoin('users as u', 'u.id', 'a.created_by')
    .select([
      sql<string>`'file'`.as('kind'),
      'a.id as ref_id',
      'a.created_at as at',
      sql<string | null>`NULL`.as('day'),
      'a.name as title',
      sql<string>`substr(a.description, 1, ${TIMELINE_TEXT_CHARS})`.as('text'),
      sql<string | null>`NULL`.as('status'),
      'a.created_by as staff_id',
      'u.display_name as staff_name',
      sql<number | null>`NULL`.as('deleted_at'),
      'a.created_by',
      sql<string>`'app'`.as('source'),
      'a.id as open_id',
    ])
    .where('a.owner_kind', '=', sql.lit(owner))
    .where(seekOneKind('file', 'a.created_at', 'a.id', input.after))
    .where('a.deleted_at', 'is', null);
  q =
    owner === 'customer'
      ? q.where('a.owner_id', '=', P.customerId)
      : q.where('a.owner_id', 'in', (eb) => eb.selectFrom('contracts as k').select('k.id').where('k.customer_id', '=', P.customerId).where('k.deleted_at', 'is', null));
  if (input.staffId !== null) q = q.where('a.created_by', '=', P.staffId);
  return q.orderBy('a.created_at', 'desc').orderBy('a.id', 'desc').limit(P.take);
}

export const filesSource: TimelineSource = {
  name: 'files',
  kinds: ['file'],
  queries: (db, input) => [query(db, input, 'customer'), query(db, input, 'contract')],
  entry: (row, input) => plainEntry(row, input, row.at!, 'attachment'), // created_at is NOT NULL
};
