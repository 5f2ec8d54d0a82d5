// Visits (areas/visits), at their start, deleted ones too (marked, restorable), every status.
// Staff: the visiting staff member (visits.staff_id).
//
// One seek over visits_timeline (customer_id, starts_at, id). One staff member's visits are
// filtered as the walk meets them (a customer's visits are a few per month, not thousands).
import { sql } from 'kysely';
import { TIMELINE_TEXT_CHARS, type TimelineEntry } from '../../../../../shared/api/timeline.ts';
import type { Db } from '../../../db/database.ts';
import { P, restorable, seekOneKind, type SourceInput, type SourceQuery, type TimelineSource } from './source.ts';

function query(db: Db, input: SourceInput): SourceQuery {
  let q = db
    .selectFrom('visits as v')
    .leftJoin('users as u', 'u.id', 'v.staff_id')
    .select([
      sql<string>`'visit'`.as('kind'),
      'v.id as ref_id',
      'v.starts_at as at',
      sql<string | null>`NULL`.as('day'),
      sql<string>`substr(v.purpose, 1, ${TIMELINE_TEXT_CHARS})`.as('title'),
      // What came of it once done, else what it is planned for.
      sql<string>`substr(CASE WHEN v.status = 'done' AND v.outcome <> '' THEN v.outcome ELSE v.agenda END, 1, ${TIMELINE_TEXT_CHARS})`.as('text'),
      'v.status',
      'v.staff_id',
      'u.display_name as staff_name',
      'v.deleted_at',
      'v.created_by',
      sql<string>`'app'`.as('source'),
      'v.id as open_id',
    ])
    .where('v.customer_id', '=', P.customerId)
    .where(seekOneKind('visit', 'v.starts_at', 'v.id', input.after));
  if (input.staffId !== null) q = q.where('v.staff_id', '=', P.staffId);
  return q.orderBy('v.starts_at', 'desc').orderBy('v.id', 'desc').limit(P.take);
}

export const visitsSource: TimelineSource = {
  name: 'visits',
  kinds: ['visit'],
  queries: (db, input) => [query(db, input)],
  entry: (row, input) => ({
    kind: 'visit',
    refId: row.ref_id,
    at: row.at!, // visits.starts_at is NOT NULL
    title: row.title,
    text: row.text,
    status: row.status as TimelineEntry['status'], // visits.status CHECK
    staffId: row.staff_id,
    staffName: row.staff_name,
    deleted: row.deleted_at !== null,
    source: 'app',
    customerId: input.customerId,
    open: { kind: 'visit', id: row.open_id },
    actions: { restore: restorable(input.access, row) },
  }),
};
