// Grade changes (grade_history): the grade set when the customer was created, and each change.
// Staff: who set it (grade_history.changed_by). Opens the customer.
//
// One seek over grade_history_by_customer (customer_id, changed_at; the row id follows in the index).
import { sql } from 'kysely';
import type { Db } from '../../../db/database.ts';
import { P, plainEntry, seekOneKind, type SourceInput, type SourceQuery, type TimelineSource } from './source.ts';

function query(db: Db, input: SourceInput): SourceQuery {
  let q = db
    .selectFrom('grade_history as g')
    .leftJoin('users as u', 'u.id', 'g.changed_by')
    .select([
      sql<string>`'grade'`.as('kind'),
      'g.id as ref_id',
      'g.changed_at as at',
      sql<string | null>`NULL`.as('day'),
      'g.grade as title',
      sql<string>`''`.as('text'),
      sql<string | null>`NULL`.as('status'),
      'g.changed_by as staff_id',
      'u.display_name as staff_name',
      sql<number | null>`NULL`.as('deleted_at'),
      sql<number | null>`NULL`.as('created_by'),
      sql<string>`'app'`.as('source'),
      'g.customer_id as open_id',
    ])
    .where('g.customer_id', '=', P.customerId)
    .where(seekOneKind('grade', 'g.changed_at', 'g.id', input.after));
  if (input.staffId !== null) q = q.where('g.changed_by', '=', P.staffId);
  return q.orderBy('g.changed_at', 'desc').orderBy('g.id', 'desc').limit(P.take);
}

export const gradeSource: TimelineSource = {
  name: 'grade',
  kinds: ['grade'],
  queries: (db, input) => [query(db, input)],
  entry: (row, input) => plainEntry(row, input, row.at!, 'customer'), // changed_at is NOT NULL
};
