// Care notes (areas/care: "sent a gift", "called"), when the care was given, deleted ones too
// (marked, restorable with care.restoreNote). Title: the occasion's code (birthday, founding,
// contractAnniversary, holiday, other), which the renderer translates; text: the note. Staff: who
// gave the care (care_notes.staff_id). Opens the customer (a note has no page of its own).
//
// One seek over care_notes_timeline (customer_id, at, id). One staff member's notes are filtered as
// the walk meets them (a customer has a few notes a year).
import { sql } from 'kysely';
import { TIMELINE_TEXT_CHARS } from '../../../../../shared/api/timeline.ts';
import type { Db } from '../../../db/database.ts';
import { P, restorable, seekOneKind, type SourceInput, type SourceQuery, type TimelineSource } from './source.ts';

function query(db: Db, input: SourceInput): SourceQuery {
  let q = db
    .selectFrom('care_notes as n')
    .leftJoin('users as u', 'u.id', 'n.staff_id')
    .select([
      sql<string>`'care'`.as('kind'),
      'n.id as ref_id',
      'n.at',
      sql<string | null>`NULL`.as('day'),
      'n.occasion as title',
      sql<string>`substr(n.note, 1, ${TIMELINE_TEXT_CHARS})`.as('text'),
      sql<string | null>`NULL`.as('status'),
      'n.staff_id',
      'u.display_name as staff_name',
      'n.deleted_at',
      'n.created_by',
      sql<string>`'app'`.as('source'),
      'n.customer_id as open_id',
    ])
    .where('n.customer_id', '=', P.customerId)
    .where(seekOneKind('care', 'n.at', 'n.id', input.after));
  if (input.staffId !== null) q = q.where('n.staff_id', '=', P.staffId);
  return q.orderBy('n.at', 'desc').orderBy('n.id', 'desc').limit(P.take);
}

export const careSource: TimelineSource = {
  name: 'care',
  kinds: ['care'],
  queries: (db, input) => [query(db, input)],
  entry: (row, input) => ({
    kind: 'care',
    refId: row.ref_id,
    at: row.at!, // care_notes.at is NOT NULL
    title: row.title,
    text: row.text,
    status: null,
    staffId: row.staff_id,
    staffName: row.staff_name,
    deleted: row.deleted_at !== null,
    source: 'app',
    customerId: input.customerId,
    open: { kind: 'customer', id: row.open_id },
    actions: { restore: restorable(input.access, row) },
  }),
};
