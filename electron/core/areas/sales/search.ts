// Sales in the one search box: a customer is found by what they bought. The line names of each
// live sale (a capped prefix, as records keep theirs) sit in sale_search_trigram (migration 0022),
// a contentless FTS5 trigram index with row id = -sale id so matches come newest first. The sales
// service keeps it in step in the transaction of every create, update, delete and restore; the bulk
// insert puts its sales' documents in with them; a purge takes them out. Queries of 3 or more
// characters use the trigrams; shorter ones (two Chinese characters: 茶叶) are matched against the
// catalogue's names and found through the lines that picked those items (sale_lines_by_item).
import { sql } from 'kysely';
import type { SaleSearchHit } from '../../../../shared/api/search.ts';
import type { Db } from '../../db/database.ts';
import { planQuery, SEPARATOR, squash, type SearchPlan } from '../search/search-text.ts';
import type { Access } from '../users/access.ts';

/** Characters of a sale's line names the index holds. */
const SALE_SEARCH_CHARS = 400;
const SNIPPET_CHARS = 80;

/** What the index holds of a sale: its line names, in the form queries are compared in. */
export function saleDocument(names: readonly string[]): string {
  return squash([...names.join(SEPARATOR)].slice(0, SALE_SEARCH_CHARS).join(''));
}

async function insertDocuments(db: Db, docs: readonly (readonly [number, string])[]): Promise<void> {
  // 500 rows of 2 values: well under SQLite's limit of bound values per statement.
  for (let start = 0; start < docs.length; start += 500) {
    const chunk = docs.slice(start, start + 500);
    await sql`INSERT INTO sale_search_trigram (rowid, text) VALUES ${sql.join(chunk.map(([id, text]) => sql`(${-id}, ${text})`))}`.execute(db);
  }
}

async function removeDocument(db: Db, saleId: number): Promise<void> {
  await sql`DELETE FROM sale_search_trigram WHERE rowid = ${-saleId}`.execute(db);
}

/** Puts the sale's line names in the index as they are now, or takes it out when deleted or gone. Inside the change's transaction. */
export async function indexSale(tx: Db, saleId: number): Promise<void> {
  await removeDocument(tx, saleId);
  const sale = await tx.selectFrom('sales').select('deleted_at').where('id', '=', saleId).executeTakeFirst();
  if (!sale || sale.deleted_at !== null) return;
  const lines = await tx.selectFrom('sale_lines').select('name').where('sale_id', '=', saleId).orderBy('position').execute();
  await insertDocuments(tx, [[saleId, saleDocument(lines.map((l) => l.name))]]);
}

/** The documents of new sales (a bulk insert's), which have none yet. */
export async function indexNewSales(tx: Db, docs: readonly (readonly [saleId: number, names: readonly string[]])[]): Promise<void> {
  await insertDocuments(
    tx,
    docs.map(([id, names]) => [id, saleDocument(names)] as const),
  );
}

/** Takes a customer's sales out of the index (its purge). */
export async function unindexSalesOf(tx: Db, customerId: number): Promise<void> {
  const ids = (await tx.selectFrom('sales').select('id').where('customer_id', '=', customerId).execute()).map((r) => r.id);
  for (const id of ids) await removeDocument(tx, id);
}

function quoted(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/** Ids of the newest matching live sales of customers the caller may see. */
async function matchingSales(db: Db, plan: SearchPlan, limit: number, ownerId: number | null): Promise<number[]> {
  const scope = ownerId === null ? sql`` : sql` AND +c.owner_id = ${ownerId}`;
  if (plan.index === 'trigram') {
    const expr = plan.terms
      .filter((term) => [...term].length >= 3)
      .map(quoted)
      .join(' AND ');
    const { rows } = await sql<{ id: number }>`SELECT s.id AS id FROM sale_search_trigram t JOIN sales s ON s.id = -t.rowid JOIN customers c ON c.id = s.customer_id
      WHERE sale_search_trigram MATCH ${expr} AND s.deleted_at IS NULL AND c.deleted_at IS NULL${scope} ORDER BY t.rowid LIMIT ${limit}`.execute(db);
    return rows.map((r) => r.id);
  }
  // Short queries: the catalogue's items whose names hold every term (a shop keeps a few hundred).
  const items = await db.selectFrom('catalogue_items').select(['id', 'name']).execute();
  const picked = items.filter((item) => plan.terms.every((term) => squash(item.name).includes(term))).map((item) => item.id);
  if (picked.length === 0) return [];
  const { rows } = await sql<{ id: number }>`SELECT DISTINCT s.id AS id FROM sale_lines l JOIN sales s ON s.id = l.sale_id JOIN customers c ON c.id = s.customer_id
    WHERE l.item_id IN (${sql.join(picked)}) AND s.deleted_at IS NULL AND c.deleted_at IS NULL${scope} ORDER BY s.id DESC LIMIT ${limit}`.execute(db);
  return rows.map((r) => r.id);
}

/** The line names around the first term found. */
function snippet(plan: SearchPlan, names: readonly string[]): string {
  const flat = names.join('、');
  const lower = flat.toLowerCase();
  const at = Math.max(0, Math.min(...plan.terms.map((term) => lower.indexOf(term)).filter((i) => i >= 0), flat.length));
  const start = at >= flat.length ? 0 : Math.max(0, at - 20);
  const piece = flat.slice(start, start + SNIPPET_CHARS);
  return `${start > 0 ? '…' : ''}${piece}${start + SNIPPET_CHARS < flat.length ? '…' : ''}`;
}

/** The newest `limit` sales whose line names hold the query, for the one search box. */
export async function searchSales(db: Db, q: string, limit: number, access: Access): Promise<SaleSearchHit[]> {
  const plan = planQuery(q);
  if (!plan) return [];
  const ids = await matchingSales(db, plan, limit, access.scopeOwnerId);
  if (ids.length === 0) return [];
  const sales = await db
    .selectFrom('sales as s')
    .innerJoin('customers as c', 'c.id', 's.customer_id')
    .select(['s.id', 's.customer_id', 's.sold_on', 'c.name'])
    .where('s.id', 'in', ids)
    .execute();
  const lines = await db.selectFrom('sale_lines').select(['sale_id', 'name']).where('sale_id', 'in', ids).orderBy('sale_id').orderBy('position').execute();
  const byId = new Map(sales.map((s) => [s.id, s]));
  return ids.flatMap((id): SaleSearchHit[] => {
    const sale = byId.get(id);
    if (!sale) return [];
    const names = lines.filter((l) => l.sale_id === id).map((l) => l.name);
    return [{ kind: 'sale', id, saleId: id, customerId: sale.customer_id, customerName: sale.name, soldOn: sale.sold_on, snippet: snippet(plan, names) }];
  });
}
