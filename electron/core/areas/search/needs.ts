// Needs in the one search box: a need's title or detail holding the query (letter case ignored),
// the same test as the needs list's `q`, so the list the hit opens shows it. No index: the scan
// walks needs_list (live needs, newest noted first) and stops at `limit` hits; a query that
// matches nothing reads every live need of the caller's customers (a shop notes thousands, not
// millions: 50,000 needs with no match scan in about 30 ms, README). Queries of one character
// find nothing (as sales): they would match most needs and say little.
import { sql, type SqlBool } from 'kysely';
import type { NeedSearchHit } from '../../../../shared/api/search.ts';
import type { Db } from '../../db/database.ts';
import type { Access } from '../users/access.ts';
import { textAround } from './text-around.ts';

export async function searchNeeds(db: Db, q: string, limit: number, access: Access): Promise<NeedSearchHit[]> {
  const text = q.trim();
  if ([...text].length < 2) return [];
  let query = db
    .selectFrom('needs as n')
    .innerJoin('customers as c', 'c.id', 'n.customer_id')
    .select(['n.id', 'n.title', 'n.detail', 'n.status', 'n.customer_id', 'c.name as customer_name'])
    .where('n.deleted_at', 'is', null)
    .where('c.deleted_at', 'is', null)
    .where(sql<SqlBool>`(instr(lower(n.title), lower(${text})) > 0 OR instr(lower(n.detail), lower(${text})) > 0)`);
  // The unary + keeps the planner on needs_list (newest first) rather than the owner's customers.
  if (access.scopeOwnerId !== null) query = query.where(sql<SqlBool>`+c.owner_id = ${access.scopeOwnerId}`);
  const rows = await query.orderBy('n.noted_at', 'desc').orderBy('n.id', 'desc').limit(limit).execute();
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
