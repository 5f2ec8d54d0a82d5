// SQLite-only: the contract search indexes, two FTS5 tables keyed by contract id (migration
// areas/search/migrations/0010-contract-search.ts makes them; areas/search/contract-text.ts says
// what a document holds; areas/search/search-engine.ts what the search area asks of them).
//
// The indexes hold contracts not deleted on their own; the customer's recycle bin and the
// caller's scope are checked by joining the contract and its customer to each match (two
// primary-key look-ups a match).
//
// Row id = -contract id, so FTS5 walks the matches newest first in its own ascending order: walked
// descending, a phrase of several trigrams (HT-2026-00) costs 30-50 times as much at 50,000
// contracts (FTS5 reads each term's whole list to go backwards).
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../database.ts';
import type { ContractSearchIndex, ContractSearchTier } from '../../areas/search/search-engine.ts';
import type { ContractDocument } from '../../areas/search/contract-text.ts';
import { isHanTerm, MARK, type SearchPlan } from '../../areas/search/search-text.ts';

type ContractTable = 'contract_search_trigram' | 'contract_search_short';
type Match = { table: ContractTable; expr: string };

/** A phrase for MATCH: user input is always quoted, any `"` doubled. */
function quoted(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

function mainMatch(plan: SearchPlan): Match {
  if (plan.index === 'trigram') return { table: 'contract_search_trigram', expr: plan.terms.map(quoted).join(' AND ') };
  return { table: 'contract_search_short', expr: plan.terms.map((term) => (isHanTerm(term) ? quoted(term) : `${quoted(term)}*`)).join(' AND ') };
}

/**
 * The trigram expression of a title tier, or null when the query is short (a 1-2 character query's
 * tier would have to be checked row by row against the short index: a prefix such as "ht"* costs
 * FTS5 its whole list for each row).
 */
export function contractTierExpression(plan: SearchPlan, tier: ContractSearchTier): string | null {
  if (plan.index !== 'trigram') return null;
  const phrase = tier === 'exact' ? MARK.start + plan.whole + MARK.end : MARK.start + plan.whole;
  return `{title} : ${quoted(phrase)}`;
}

/** The visible contracts matching every one of `matches` (one index): the SQL after `SELECT ... FROM`. */
function matching(matches: readonly Match[], ownerId: number | null): RawBuilder<unknown> {
  const name = matches[0]?.table;
  if (!name || matches.some((match) => match.table !== name)) throw new Error('contract search: matches must name one index');
  const table = sql.table(name);
  const where = sql`${table} MATCH ${matches.map((match) => `(${match.expr})`).join(' AND ')}`;
  const joined = sql`${table} s JOIN contracts k ON k.id = -s.rowid JOIN customers c ON c.id = k.customer_id WHERE ${where} AND k.deleted_at IS NULL AND c.deleted_at IS NULL`;
  // Unary plus: the staff member's customers are checked per match, never walked as the outer loop.
  return ownerId === null ? joined : sql`${joined} AND +c.owner_id = ${ownerId}`;
}

function newestQuery(matches: readonly Match[], ownerId: number | null, limit: number): RawBuilder<{ id: number }> {
  return sql<{ id: number }>`SELECT k.id AS id FROM ${matching(matches, ownerId)} ORDER BY s.rowid LIMIT ${limit}`;
}

async function newestIds(db: Db, matches: readonly Match[], ownerId: number | null, limit: number): Promise<number[]> {
  const { rows } = await newestQuery(matches, ownerId, limit).execute(db);
  return rows.map((row) => row.id);
}

/** The statements a search runs, for tests to read their plans (EXPLAIN QUERY PLAN). */
export function contractSearchStatements(plan: SearchPlan, ownerId: number | null, limit: number, cap: number): RawBuilder<unknown>[] {
  const main = mainMatch(plan);
  const statements: RawBuilder<unknown>[] = [newestQuery([main], ownerId, limit), countQuery(main, ownerId, cap)];
  for (const tier of ['exact', 'prefix'] as const) {
    const expr = contractTierExpression(plan, tier);
    if (expr === null) continue;
    statements.push(newestQuery([{ table: 'contract_search_trigram', expr }], ownerId, limit));
  }
  return statements;
}

/** How many match, counting no further than `cap` (each match costs two look-ups). */
function countQuery(main: Match, ownerId: number | null, cap: number): RawBuilder<{ n: number }> {
  return sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM ${matching([main], ownerId)} LIMIT ${cap})`;
}

async function insertDocuments(db: Db, docs: readonly (readonly [number, ContractDocument])[]): Promise<void> {
  // 500 rows of 3 values: well under SQLite's limit of bound values per statement.
  for (let start = 0; start < docs.length; start += 500) {
    const chunk = docs.slice(start, start + 500);
    const values = (part: 'trigram' | 'short') => sql.join(chunk.map(([id, doc]) => sql`(${-id}, ${doc[part].number}, ${doc[part].title})`));
    await sql`INSERT INTO contract_search_trigram (rowid, number, title) VALUES ${values('trigram')}`.execute(db);
    await sql`INSERT INTO contract_search_short (rowid, number, title) VALUES ${values('short')}`.execute(db);
  }
}

async function removeDocument(db: Db, contractId: number): Promise<void> {
  await sql`DELETE FROM contract_search_trigram WHERE rowid = ${-contractId}`.execute(db);
  await sql`DELETE FROM contract_search_short WHERE rowid = ${-contractId}`.execute(db);
}

export const sqliteContractSearchIndex: ContractSearchIndex = {
  async put(db, contractId, doc) {
    await removeDocument(db, contractId);
    await insertDocuments(db, [[contractId, doc]]);
  },

  putMany: insertDocuments,

  remove: removeDocument,

  async newest(db, plan, { limit, ownerId, tier }) {
    const main = mainMatch(plan);
    if (!tier) return newestIds(db, [main], ownerId, limit);
    const expr = contractTierExpression(plan, tier);
    if (expr === null) return [];
    // A title holding the whole query holds each of its terms: the tier alone (the rarer) is enough.
    return newestIds(db, [{ table: 'contract_search_trigram', expr }], ownerId, limit);
  },

  async count(db, plan, ownerId, cap) {
    const { rows } = await countQuery(mainMatch(plan), ownerId, cap).execute(db);
    return rows[0]?.n ?? 0;
  },

  contractMatches(plan, idColumn) {
    const { table: name, expr } = mainMatch(plan);
    const table = sql.table(name);
    return sql<SqlBool>`${sql.ref(idColumn)} IN (SELECT -rowid FROM ${table} WHERE ${table} MATCH ${expr})`;
  },
};
