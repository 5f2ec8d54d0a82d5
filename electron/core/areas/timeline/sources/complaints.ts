// Complaints (areas/complaints), when they were opened, deleted ones too (marked, restorable),
// every status. Title: the category code (the renderer translates it); text: the description;
// staff: the assignee (complaints.assignee_id).
//
// One seek over complaints_timeline (customer_id, opened_at, id). One assignee's complaints are
// filtered as the walk meets them (a customer has a few complaints, not thousands).
import { sql } from 'kysely';
import { TIMELINE_TEXT_CHARS, type TimelineEntry } from '../../../../../shared/api/timeline.ts';
import type { Db } from '../../../db/database.ts';
import { P, restorable, seekOneKind, type SourceInput, type SourceQuery, type TimelineSource } from './source.ts';

function query(db: Db, input: SourceInput): SourceQuery {
  let q = db
    .selectFrom('complaints as k')
    .leftJoin('users as u', 'u.id', 'k.assignee_id')
    .select([
      sql<string>`'complaint'`.as('kind'),
      'k.id as ref_id',
      'k.opened_at as at',
      sql<string | null>`NULL`.as('day'),
      'k.category as title',
      sql<string>`substr(k.description, 1, ${TIMELINE_TEXT_CHARS})`.as('text'),
      'k.status',
      'k.assignee_id as staff_id',
      'u.display_name as staff_name',
      'k.deleted_at',
      'k.created_by',
      sql<string>`'app'`.as('source'),
      'k.id as open_id',
    ])
    .where('k.customer_id', '=', P.customerId)
    .where(seekOneKind('complaint', 'k.opened_at', 'k.id', input.after));
  if (input.staffId !== null) q = q.where('k.assignee_id', '=', P.staffId);
  return q.orderBy('k.opened_at', 'desc').orderBy('k.id', 'desc').limit(P.take);
}

export const complaintsSource: TimelineSource = {
  name: 'complaints',
  kinds: ['complaint'],
  queries: (db, input) => [query(db, input)],
  entry: (row, input) => ({
    kind: 'complaint',
    refId: row.ref_id,
    at: row.at!, // complaints.opened_at is NOT NULL
    title: row.title,
    text: row.text,
    status: row.status as TimelineEntry['status'], // complaints.status CHECK, listed in TIMELINE_STATUSES
    staffId: row.staff_id,
    staffName: row.staff_name,
    deleted: row.deleted_at !== null,
    source: 'app',
    customerId: input.customerId,
    open: { kind: 'complaint', id: row.open_id },
    actions: { restore: restorable(input.access, row) },
  }),
};
