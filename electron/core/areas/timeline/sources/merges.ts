// Merges (areas/duplicates): "merged from 张三 (C000123)" on the kept customer, while the merge
// stands (an undone merge leaves no entry). Staff: who merged. Opens the customer.
//
// One seek over customer_merges_kept (kept_id, at; the row id follows in the index).
import { sql } from 'kysely';
import type { Db } from '../../../db/database.ts';
import { P, plainEntry, seekOneKind, type SourceInput, type SourceQuery, type TimelineSource } from './source.ts';

function query(db: Db, input: SourceInput): SourceQuery {
  let q = db
    .selectFrom('customer_merges as m')
    .innerJoin('customers as d', 'd.id', 'm.merged_id')
    .leftJoin('users as u', 'u.id', 'm.by_user')
    .select([
      sql<string>`'merge'`.as('kind'),
      'm.id as ref_id',
      'm.at as at',
      sql<string | null>`NULL`.as('day'),
      sql<string>`d.name || ' (' || d.code || ')'`.as('title'),
      sql<string>`''`.as('text'),
      sql<string | null>`NULL`.as('status'),
      'm.by_user as staff_id',
      'u.display_name as staff_name',
      sql<number | null>`NULL`.as('deleted_at'),
      sql<number | null>`NULL`.as('created_by'),
      sql<string>`'app'`.as('source'),
      'm.kept_id as open_id',
    ])
    .where('m.kept_id', '=', P.customerId)
    .where('m.undone_at', 'is', null)
    .where(seekOneKind('merge', 'm.at', 'm.id', input.after));
  if (input.staffId !== null) q = q.where('m.by_user', '=', P.staffId);
  return q.orderBy('m.at', 'desc').orderBy('m.id', 'desc').limit(P.take);
}

export const mergesSource: TimelineSource = {
  name: 'merges',
  kinds: ['merge'],
  queries: (db, input) => [query(db, input)],
  entry: (row, input) => plainEntry(row, input, row.at!, 'customer'), // m.at is NOT NULL
};
