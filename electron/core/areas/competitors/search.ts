// Competitors in the one search box: the register is small (at most COMPETITORS_MAX), so a name
// holding the query (letter case ignored) is found by reading it, active competitors first, by name.
import { sql, type SqlBool } from 'kysely';
import type { CompetitorSearchHit } from '../../../../shared/api/search.ts';
import type { Db } from '../../db/database.ts';

export async function searchCompetitors(db: Db, q: string, limit: number): Promise<CompetitorSearchHit[]> {
  const text = q.trim();
  if (text === '') return [];
  const rows = await db
    .selectFrom('competitors')
    .select(['id', 'name', 'products', 'active'])
    .where(sql<SqlBool>`instr(lower(name), lower(${text})) > 0`)
    .orderBy('active', 'desc')
    .orderBy(sql`name COLLATE NOCASE`)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ kind: 'competitor', id: r.id, name: r.name, products: r.products, active: r.active === 1 }));
}
