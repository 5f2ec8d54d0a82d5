// SQLite-only: the contract search indexes, two FTS5 tables keyed by contract id (migration
// areas/search/migrations/0010-contract-search.ts makes them; areas/search/contract-text.ts says
// what a document holds; areas/search/search-engine.ts what the search area asks of them).
//
// The indexes hold contracts not deleted on their own; the customer's recycle bin and the
// caller's scope are checked by joining the contract and its customer to each match (two
// primary-key look-ups a match, FTS5 walking its matches newest first).
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../database.ts';
import type { ContractSearchIndex, ContractSearchTier } from '../../areas/search/search-engine.ts';
import { contractDocument, type ContractDocument } from '../../areas/search/contract-text.ts';
import { isHanTerm, MARK, type SearchPlan } from '../../areas/search/search-text.ts';
import type { SqliteDatabase } from './open.ts';

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

/** The trigram expression of a tier, or null when the phrase is too short for trigrams. */
export function contractTierExpression(plan: SearchPlan, tier: ContractSearchTier): string | null {
  const phrase = tier === 'exact' ? MARK.start + plan.whole + MARK.end : MARK.start + plan.whole;
  return [...phrase].length >= 3 ? quoted(phrase) : null;
}

/** The visible contracts matching every one of `matches` (one index): the SQL after `SELECT ... FROM`. */
function matching(matches: readonly Match[], ownerId: number | null): RawBuilder<unknown> {
  const name = matches[0]?.table;
  if (!name || matches.some((match) => match.table !== name)) throw new Error('contract search: matches must name one index');
  const table = sql.table(name);
  const where = sql`${table} MATCH ${matches.map((match) => `(${match.expr})`).join(' AND ')}`;
  const joined = sql`${table} s JOIN contracts k ON k.id = s.rowid JOIN customers c ON c.id = k.customer_id WHERE ${where} AND k.deleted_at IS NULL AND c.deleted_at IS NULL`;
  return ownerId === null ? joined : sql`${joined} AND c.owner_id = ${ownerId}`;
}

async function newestIds(db: Db, matches: readonly Match[], ownerId: number | null, limit: number): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`SELECT s.rowid AS id FROM ${matching(matches, ownerId)} ORDER BY s.rowid DESC LIMIT ${limit}`.execute(db);
  return rows.map((row) => row.id);
}

async function insertDocuments(db: Db, docs: readonly (readonly [number, ContractDocument])[]): Promise<void> {
  // 500 rows of 3 values: well under SQLite's limit of bound values per statement.
  for (let start = 0; start < docs.length; start += 500) {
    const chunk = docs.slice(start, start + 500);
    const values = (part: 'trigram' | 'short') => sql.join(chunk.map(([id, doc]) => sql`(${id}, ${doc[part].number}, ${doc[part].title})`));
    await sql`INSERT INTO contract_search_trigram (rowid, number, title) VALUES ${values('trigram')}`.execute(db);
    await sql`INSERT INTO contract_search_short (rowid, number, title) VALUES ${values('short')}`.execute(db);
  }
}

async function removeDocument(db: Db, contractId: number): Promise<void> {
  await sql`DELETE FROM contract_search_trigram WHERE rowid = ${contractId}`.execute(db);
  await sql`DELETE FROM contract_search_short WHERE rowid = ${contractId}`.execute(db);
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
    const byTier: Match = { table: 'contract_search_trigram', expr };
    if (main.table === 'contract_search_trigram') return newestIds(db, [main, byTier], ownerId, limit);
    // A short query: the tier (the rarer) drives, each of its rows checked against the query.
    const found: number[] = [];
    for (const id of await newestIds(db, [byTier], ownerId, limit)) {
      const { rows } = await sql`SELECT 1 FROM contract_search_short WHERE contract_search_short MATCH ${main.expr} AND rowid = ${id}`.execute(db);
      if (rows.length > 0) found.push(id);
    }
    return found;
  },

  async count(db, plan, ownerId) {
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${matching([mainMatch(plan)], ownerId)}`.execute(db);
    return rows[0]?.n ?? 0;
  },

  contractMatches(plan, idColumn) {
    const { table: name, expr } = mainMatch(plan);
    const table = sql.table(name);
    return sql<SqlBool>`${sql.ref(idColumn)} IN (SELECT rowid FROM ${table} WHERE ${table} MATCH ${expr})`;
  },
};

const REBUILD_BATCH = 2_000;

/**
 * Indexes every contract not deleted, synchronously on the raw connection: for the migration that
 * makes the indexes (migrations run at open, before any caller). Returns how many were indexed.
 */
export function rebuildContractSearchNow(sqlite: SqliteDatabase): number {
  sqlite.exec('DELETE FROM contract_search_trigram; DELETE FROM contract_search_short;');
  const contracts = sqlite.prepare('SELECT id, number, title FROM contracts WHERE deleted_at IS NULL AND id > ? ORDER BY id LIMIT ?');
  const insert = {
    trigram: sqlite.prepare('INSERT INTO contract_search_trigram (rowid, number, title) VALUES (?, ?, ?)'),
    short: sqlite.prepare('INSERT INTO contract_search_short (rowid, number, title) VALUES (?, ?, ?)'),
  };
  let after = 0;
  let indexed = 0;
  for (;;) {
    const batch = contracts.all(after, REBUILD_BATCH) as { id: number; number: string; title: string }[];
    const last = batch.at(-1);
    if (!last) return indexed;
    for (const contract of batch) {
      const doc = contractDocument(contract);
      for (const part of ['trigram', 'short'] as const) insert[part].run(contract.id, doc[part].number, doc[part].title);
    }
    indexed += batch.length;
    after = last.id;
  }
}
