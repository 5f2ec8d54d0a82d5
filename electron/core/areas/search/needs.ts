// Needs in the one search box: a need's title or detail holding the query (letter case ignored),
// the same test as the needs list's `q`, so the list the hit opens shows it. No index: the scan
// reads only the NEEDS_SCANNED newest live needs of the caller's customers (needs_list, newest
// noted first) and keeps the newest `limit` of those that match. Reading every need was too slow
// for a box that answers as you type (50,000 needs with 120-character details: about 150-230 ms
// on a loaded 2-core machine; 2,000 of them: about 20-30 ms, scoped 50-70 ms). Older needs are
// found through the needs list's own search. Queries of one character find nothing (as sales):
// they would match most needs and say little.
import { sql } from 'kysely';
import type { NeedSearchHit } from '../../../../shared/api/search.ts';
import type { Db } from '../../db/database.ts';
import type { Access } from '../users/access.ts';
import { textAround } from './text-around.ts';

/** How many of the newest needs the box reads. */
export const NEEDS_SCANNED = 2_000;

export async function searchNeeds(db: Db, q: string, limit: number, access: Access): Promise<NeedSearchHit[]> {
  const text = q.trim();
  if ([...text].length < 2) return [];
  const scope = access.scopeOwnerId === null ? sql`` : sql` AND +c.owner_id = ${access.scopeOwnerId}`;
  const { rows } = await sql<{ id: number; title: string; detail: string; status: NeedSearchHit['status']; customer_id: number; customer_name: string }>`
    SELECT n.id, n.title, n.detail, n.status, n.customer_id, c.name AS customer_name
    FROM (SELECT n.id AS id FROM needs n JOIN customers c ON c.id = n.customer_id
          WHERE n.deleted_at IS NULL AND c.deleted_at IS NULL${scope} ORDER BY n.noted_at DESC, n.id DESC LIMIT ${NEEDS_SCANNED}) recent
    JOIN needs n ON n.id = recent.id JOIN customers c ON c.id = n.customer_id
    WHERE instr(lower(n.title), lower(${text})) > 0 OR instr(lower(n.detail), lower(${text})) > 0
    ORDER BY n.noted_at DESC, n.id DESC LIMIT ${limit}`.execute(db);
  return rows.map((r) => {
    const inTitle = r.title.toLowerCase().includes(text.toLowerCase());
    return {
      kind: 'need',
      id: r.id,
      title: r.title,
      customerId: r.customer_id,
      customerName: r.customer_name,
      status: r.status,
      matchedIn: inTitle ? 'title' : 'detail',
      snippet: inTitle ? '' : textAround(r.detail, text),
    };
  });
}
