// Visits (areas/visits), at their start, deleted ones too (marked, restorable), every status.
// Staff: the visiting staff member (visits.staff_id).
//
// One seek over visits_timeline (customer_id, starts_at, id). One staff member's visits are
// filtered as the walk meets them (a customer's visits are a few per month, not thousands).
import { sql } from 'kysely';
import type { TimelineEntry } from '../../../../../shared/api/timeline.ts';
import { TIMELINE_TEXT_CHARS } from '../../../../../shared/api/timeline.ts';
import type { Db } from '../../../db/database.ts';
import { restorable, seekOneKind, type SourceInput, type TimelineSource } from './source.ts';

function query(db: Db, input: SourceInput) {
  let q = db
    .selectFrom('visits as v')
    .leftJoin('users as u', 'u.id', 'v.staff_id')
    .select([
      'v.id',
      'v.starts_at',
      'v.status',
      'v.staff_id',
      'u.display_name',
      'v.created_by',
      'v.deleted_at',
      sql<string>`substr(v.purpose, 1, ${TIMELINE_TEXT_CHARS})`.as('title'),
      // What came of it once done, else what it is planned for.
      sql<string>`substr(CASE WHEN v.status = 'done' AND v.outcome <> '' THEN v.outcome ELSE v.agenda END, 1, ${TIMELINE_TEXT_CHARS})`.as('text'),
    ])
    .where('v.customer_id', '=', input.customerId)
    .where(seekOneKind('visit', 'v.starts_at', 'v.id', input.after));
  if (input.staffId !== null) q = q.where('v.staff_id', '=', input.staffId);
  return q.orderBy('v.starts_at', 'desc').orderBy('v.id', 'desc').limit(input.take);
}

export const visitsSource: TimelineSource = {
  name: 'visits',
  kinds: ['visit'],
  queries: (db, input) => [query(db, input)],
  async read(db, input) {
    const rows = await query(db, input).execute();
    return rows.map(
      (row): TimelineEntry => ({
        kind: 'visit',
        refId: row.id,
        at: row.starts_at,
        title: row.title,
        text: row.text,
        status: row.status,
        staffId: row.staff_id,
        staffName: row.display_name,
        deleted: row.deleted_at !== null,
        source: 'app',
        customerId: input.customerId,
        open: { kind: 'visit', id: row.id },
        actions: { restore: restorable(input.access, row) },
      }),
    );
  },
};
