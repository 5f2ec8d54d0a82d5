// Attendances at customer events (areas/events): an invitation marked attended, at the local
// midnight of the event's day. Title: the event's title; text: its place. Staff: who marked the
// attendance. Opens the event. Events in the recycle bin are not shown (nor is anything of theirs).
//
// One seek over event_invitations_by_customer (customer_id, event_id), each event found by its
// key; the customer's few attendances are then sorted by day (a customer comes to a few events a
// year, not thousands).
import { sql, type SqlBool } from 'kysely';
import { TIMELINE_TEXT_CHARS } from '../../../../../shared/api/timeline.ts';
import type { Db } from '../../../db/database.ts';
import { localMidnight, P, plainEntry, seekByDay, type SourceInput, type SourceQuery, type TimelineSource } from './source.ts';

function query(db: Db, input: SourceInput): SourceQuery {
  let q = db
    .selectFrom('event_invitations as ei')
    .innerJoin('events as ev', 'ev.id', 'ei.event_id')
    .leftJoin('users as u', 'u.id', 'ei.attended_by')
    .select([
      sql<string>`'event'`.as('kind'),
      'ei.id as ref_id',
      sql<number | null>`NULL`.as('at'),
      'ev.on_day as day',
      sql<string>`substr(ev.title, 1, ${TIMELINE_TEXT_CHARS})`.as('title'),
      sql<string>`substr(ev.place, 1, ${TIMELINE_TEXT_CHARS})`.as('text'),
      sql<string | null>`NULL`.as('status'),
      'ei.attended_by as staff_id',
      'u.display_name as staff_name',
      'ev.deleted_at',
      'ei.attended_by as created_by',
      sql<string>`'app'`.as('source'),
      'ev.id as open_id',
    ])
    .where('ei.customer_id', '=', P.customerId)
    .where(sql<SqlBool>`ei.attended = 1`) // a literal: a bound value here would be one the planner looks at
    .where('ev.deleted_at', 'is', null)
    .where(seekByDay('event', 'ev.on_day', 'ei.id', input.after));
  if (input.staffId !== null) q = q.where('ei.attended_by', '=', P.staffId);
  return q.orderBy('ev.on_day', 'desc').orderBy('ei.id', 'desc').limit(P.take);
}

export const eventsSource: TimelineSource = {
  name: 'events',
  kinds: ['event'],
  queries: (db, input) => [query(db, input)],
  entry: (row, input) => plainEntry(row, input, localMidnight(row.day!), 'event'), // events.on_day is NOT NULL
};
