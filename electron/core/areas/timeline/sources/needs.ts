// Needs noted (areas/needs), when they were noted. Title: the need's kind code (pain, product,
// service, expectation, budget, decision), which the renderer translates; text: its title. Staff:
// who noted it. Opens the customer (a need is shown on the customer's page). Needs in the recycle
// bin are not shown: they are restored from the needs list's recycle bin.
//
// One seek over needs_by_customer (customer_id, noted_at, id). One staff member's needs are
// filtered as the walk meets them (a customer has a few).
import { sql } from 'kysely';
import { TIMELINE_TEXT_CHARS } from '../../../../../shared/api/timeline.ts';
import type { Db } from '../../../db/database.ts';
import { P, seekOneKind, type SourceInput, type SourceQuery, type TimelineSource } from './source.ts';

function query(db: Db, input: SourceInput): SourceQuery {
  let q = db
    .selectFrom('needs as n')
    .leftJoin('users as u', 'u.id', 'n.noted_by')
    .select([
      sql<string>`'need'`.as('kind'),
      'n.id as ref_id',
      'n.noted_at as at',
      sql<string | null>`NULL`.as('day'),
      'n.kind as title',
      sql<string>`substr(n.title, 1, ${TIMELINE_TEXT_CHARS})`.as('text'),
      sql<string | null>`NULL`.as('status'),
      'n.noted_by as staff_id',
      'u.display_name as staff_name',
      'n.deleted_at',
      'n.noted_by as created_by',
      sql<string>`'app'`.as('source'),
      'n.customer_id as open_id',
    ])
    .where('n.customer_id', '=', P.customerId)
    .where('n.deleted_at', 'is', null)
    .where(seekOneKind('need', 'n.noted_at', 'n.id', input.after));
  if (input.staffId !== null) q = q.where('n.noted_by', '=', P.staffId);
  return q.orderBy('n.noted_at', 'desc').orderBy('n.id', 'desc').limit(P.take);
}

export const needsSource: TimelineSource = {
  name: 'needs',
  kinds: ['need'],
  queries: (db, input) => [query(db, input)],
  entry: (row, input) => ({
    kind: 'need',
    refId: row.ref_id,
    at: row.at!, // needs.noted_at is NOT NULL
    title: row.title,
    text: row.text,
    status: null,
    staffId: row.staff_id,
    staffName: row.staff_name,
    deleted: false,
    source: 'app',
    customerId: input.customerId,
    open: { kind: 'customer', id: row.open_id },
    actions: { restore: false },
  }),
};
