// Events in the one search box: an event's title or place holding the query (letter case ignored).
// Events are a shop-wide register (anyone who reads customers sees them all: no scope), a few
// hundred a year, so the scan over events_by_day (live events, latest day first) with a LIMIT is
// cheap. Queries of one character find nothing, as for needs and sales.
import { sql, type SqlBool } from 'kysely';
import type { EventSearchHit } from '../../../../shared/api/search.ts';
import type { Db } from '../../db/database.ts';

export async function searchEvents(db: Db, q: string, limit: number): Promise<EventSearchHit[]> {
  const text = q.trim();
  if ([...text].length < 2) return [];
  const rows = await db
    .selectFrom('events')
    .select(['id', 'title', 'on_day', 'place', 'cancelled_at'])
    .where('deleted_at', 'is', null)
    .where(sql<SqlBool>`(instr(lower(title), lower(${text})) > 0 OR instr(lower(place), lower(${text})) > 0)`)
    .orderBy('on_day', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ kind: 'event', id: r.id, title: r.title, onDay: r.on_day, place: r.place, cancelled: r.cancelled_at !== null }));
}
