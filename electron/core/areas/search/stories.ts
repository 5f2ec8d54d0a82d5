// Success stories in the one search box: a story's title or background holding the query (letter
// case ignored), of the customers the caller may see (as the stories list). No index: a shop writes
// a story for a few of its best customers, so the scan over stories_list (live stories, latest day
// first) with a LIMIT is cheap. Queries of one character find nothing, as for needs and sales.
import { sql, type SqlBool } from 'kysely';
import type { StorySearchHit } from '../../../../shared/api/search.ts';
import type { Db } from '../../db/database.ts';
import type { Access } from '../users/access.ts';

export async function searchStories(db: Db, q: string, limit: number, access: Access): Promise<StorySearchHit[]> {
  const text = q.trim();
  if ([...text].length < 2) return [];
  let query = db
    .selectFrom('stories as s')
    .innerJoin('customers as c', 'c.id', 's.customer_id')
    .select(['s.id', 's.title', 's.story_on', 's.customer_id', 'c.name as customer_name'])
    .where('s.deleted_at', 'is', null)
    .where('c.deleted_at', 'is', null)
    .where(sql<SqlBool>`(instr(lower(s.title), lower(${text})) > 0 OR instr(lower(s.background), lower(${text})) > 0)`);
  if (access.scopeOwnerId !== null) query = query.where(sql<SqlBool>`+c.owner_id = ${access.scopeOwnerId}`);
  const rows = await query.orderBy('s.story_on', 'desc').orderBy('s.id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ kind: 'story', id: r.id, title: r.title, customerId: r.customer_id, customerName: r.customer_name, storyOn: r.story_on }));
}
