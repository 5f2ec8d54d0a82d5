// Service and communication records (areas/records), deleted ones too (marked, restorable).
// Staff: the record's staff member (records.staff_id).
//
// One seek over records_timeline (customer_id, at, id), or records_timeline_staff (customer_id,
// staff_id, at, id) for one staff member. Both kinds come from the one table, so the order's kind
// sits between at and id: SQLite walks the index by at and sorts only the records that share an
// instant (a temp B-tree for the right part of the ORDER BY), stopping once the page is full.
// Asking for one of the two kinds filters the other out as the walk meets it (the indexes hold
// no kind): a customer with many records of the other kind costs more rows read for that filter.
import { sql, type SqlBool } from 'kysely';
import { TIMELINE_TEXT_CHARS, type TimelineEntry, type TimelineKind } from '../../../../../shared/api/timeline.ts';
import type { Db } from '../../../db/database.ts';
import { P, restorable, type SourceInput, type SourceQuery, type TimelineSource } from './source.ts';

const KINDS = ['service', 'communication'] as const satisfies readonly TimelineKind[];

function query(db: Db, input: SourceInput): SourceQuery {
  const wanted = KINDS.filter((kind) => input.kinds.has(kind));
  let q = db
    .selectFrom('records as r')
    .leftJoin('users as u', 'u.id', 'r.staff_id')
    .select([
      'r.kind',
      'r.id as ref_id',
      'r.at',
      sql<string | null>`NULL`.as('day'),
      sql<string>`coalesce(r.service_kind, r.channel, '')`.as('title'),
      sql<string>`substr(r.content, 1, ${TIMELINE_TEXT_CHARS})`.as('text'),
      'r.status',
      'r.staff_id',
      'u.display_name as staff_name',
      'r.deleted_at',
      'r.created_by',
      'r.source',
      'r.id as open_id',
    ])
    .where('r.customer_id', '=', P.customerId);
  if (input.staffId !== null) q = q.where('r.staff_id', '=', P.staffId);
  if (wanted.length === 1) q = q.where('r.kind', '=', sql.lit(wanted[0]!)); // one kind asked for (the source is read only when one is)
  const key = input.after;
  if (key !== null) {
    // (at, kind, id) < the cursor's, with the range on at for the index.
    q = q.where('r.at', '<=', P.afterAt).where(sql<SqlBool>`(r.at < ${P.afterAt} OR r.kind < ${P.afterKind} OR (r.kind = ${P.afterKind} AND r.id < ${P.afterId}))`);
  }
  return q.orderBy('r.at', 'desc').orderBy('r.kind', 'desc').orderBy('r.id', 'desc').limit(P.take);
}

export const recordsSource: TimelineSource = {
  name: 'records',
  kinds: KINDS,
  queries: (db, input) => [query(db, input)],
  entry: (row, input) => ({
    kind: row.kind as TimelineKind, // records.kind is one of KINDS
    refId: row.ref_id,
    at: row.at!, // records.at is NOT NULL
    title: row.title,
    text: row.text,
    status: row.status as TimelineEntry['status'], // records.status: open | done, NULL on a communication
    staffId: row.staff_id,
    staffName: row.staff_name,
    deleted: row.deleted_at !== null,
    source: row.source as TimelineEntry['source'], // records.source CHECK
    customerId: input.customerId,
    open: { kind: 'record', id: row.open_id },
    actions: { restore: restorable(input.access, row) },
  }),
};
