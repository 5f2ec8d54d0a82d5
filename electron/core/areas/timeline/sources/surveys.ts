// Satisfaction surveys (areas/surveys), when they were answered, deleted ones too (marked,
// restorable). Staff: the staff member the survey measures (surveys.staff_id).
//
// One seek over surveys_timeline (customer_id, at, id). One staff member's surveys are filtered as
// the walk meets them (a customer's surveys are a few a year).
import { sql } from 'kysely';
import { TIMELINE_TEXT_CHARS } from '../../../../../shared/api/timeline.ts';
import type { Db } from '../../../db/database.ts';
import { P, restorable, seekOneKind, type SourceInput, type SourceQuery, type TimelineSource } from './source.ts';

function query(db: Db, input: SourceInput): SourceQuery {
  let q = db
    .selectFrom('surveys as s')
    .leftJoin('users as u', 'u.id', 's.staff_id')
    .select([
      sql<string>`'survey'`.as('kind'),
      's.id as ref_id',
      's.at',
      sql<string | null>`NULL`.as('day'),
      's.channel as title',
      sql<string>`substr(s.comment, 1, ${TIMELINE_TEXT_CHARS})`.as('text'),
      sql<string | null>`NULL`.as('status'),
      's.staff_id',
      'u.display_name as staff_name',
      's.deleted_at',
      's.created_by',
      sql<string>`'app'`.as('source'),
      's.id as open_id',
    ])
    .where('s.customer_id', '=', P.customerId)
    .where(seekOneKind('survey', 's.at', 's.id', input.after));
  if (input.staffId !== null) q = q.where('s.staff_id', '=', P.staffId);
  return q.orderBy('s.at', 'desc').orderBy('s.id', 'desc').limit(P.take);
}

export const surveysSource: TimelineSource = {
  name: 'surveys',
  kinds: ['survey'],
  queries: (db, input) => [query(db, input)],
  entry: (row, input) => ({
    kind: 'survey',
    refId: row.ref_id,
    at: row.at!, // surveys.at is NOT NULL
    title: row.title,
    text: row.text,
    status: null,
    staffId: row.staff_id,
    staffName: row.staff_name,
    deleted: row.deleted_at !== null,
    source: 'app',
    customerId: input.customerId,
    open: { kind: 'survey', id: row.open_id },
    actions: { restore: restorable(input.access, row) },
  }),
};
