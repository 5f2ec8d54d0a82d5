// SQLite-only: the search indexes as two FTS5 tables (areas/search/search-text.ts says what a
// document holds; areas/search/search-engine.ts what the search area asks of them).
//
// The indexes hold live customers only: deleting a customer removes its entry in the same
// transaction, restoring puts it back. So counting the matches of an unscoped caller needs no
// look at the customers table, which keeps counts of wide queries cheap.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../database.ts';
import type { SearchIndex, SearchMatch, SearchTier } from '../../areas/search/search-engine.ts';
import { isHanTerm, MARK, searchDocument, type SearchDocument, type SearchPlan, type SearchableContact } from '../../areas/search/search-text.ts';
import type { SqliteDatabase } from './open.ts';
import { sqliteContractSearchIndex } from './contract-search-index.ts';
import { sqliteRecordSearchIndex } from './record-search-index.ts';

/**
 * Entity kinds sharing the search indexes; row id = entity id * 16 + kind. Customers are the only
 * kind indexed so far, and the queries below do not test the kind (on a 30,000-match count that
 * test alone costs a third of the time): indexing another kind means adding `(rowid & 15) = kind`.
 */
const SEARCH_KIND = { customer: 1 } as const;

function customerRowId(id: number): number {
  return id * 16 + SEARCH_KIND.customer;
}

type SearchTable = 'search_trigram' | 'search_short';
/** One FTS5 MATCH against one index. */
type Match = { table: SearchTable; expr: string };

/** A phrase for MATCH: user input is always quoted (`NEAR(` would be a syntax error), any `"` doubled. */
function quoted(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/** The columns a caller may match on. */
function columnsFor(masked: boolean): string {
  return masked ? '{open shown}' : '{open secret}';
}

/**
 * The FTS5 expression for every customer matching the plan, in the plan's index. Unmasked callers
 * of the trigram index need no column filter (it costs a fifth of a wide count): every run in
 * `shown` is a substring of a value in `secret`, so the shown column can add no match. In the
 * short index it could (a phone's last four digits are a word there only in `shown`).
 */
export function matchExpression(plan: SearchPlan, masked: boolean): string {
  const terms = plan.index === 'trigram' ? plan.terms.map(quoted) : plan.terms.map((term) => (isHanTerm(term) ? quoted(term) : `${quoted(term)}*`));
  if (plan.index === 'trigram' && !masked) return terms.join(' AND ');
  return `${columnsFor(masked)} : (${terms.join(' AND ')})`;
}

/**
 * The trigram expression of a tier (areas/search/search-engine.ts SEARCH_TIERS), or null when it
 * cannot apply: no phone digits in the query, or a phrase too short for trigrams (1 character).
 */
export function tierExpression(plan: SearchPlan, masked: boolean, tier: SearchTier): string | null {
  const long = (phrase: string) => [...phrase].length >= 3;
  switch (tier) {
    case 'exact':
      return long(MARK.start + plan.whole + MARK.end) ? `{open} : ${quoted(MARK.start + plan.whole + MARK.end)}` : null;
    case 'phoneTail':
      return plan.phoneDigits ? `${masked ? '{shown}' : '{secret}'} : ${quoted(plan.phoneDigits + MARK.tail)}` : null;
    case 'prefix':
      return long(MARK.start + plan.whole) ? `{open} : ${quoted(MARK.start + plan.whole)}` : null;
  }
}

function mainMatch({ plan, masked }: SearchMatch): Match {
  return { table: plan.index === 'trigram' ? 'search_trigram' : 'search_short', expr: matchExpression(plan, masked) };
}

/**
 * The matching rows of one index: one FTS5 expression (the matches ANDed). `ownerId` limits to
 * that staff member's customers; `before`, to row ids below it. The SQL after `SELECT ... FROM`.
 */
function matching(matches: readonly Match[], ownerId: number | null, before: number | null = null): RawBuilder<unknown> {
  const name = matches[0]?.table;
  if (!name || matches.some((match) => match.table !== name)) throw new Error('search: matches must name one index');
  const table = sql.table(name);
  let where = sql`${table} MATCH ${matches.map((match) => `(${match.expr})`).join(' AND ')}`;
  if (before !== null) where = sql`${where} AND s.rowid < ${before}`;
  if (ownerId === null) return sql`${table} s WHERE ${where}`;
  return sql`${table} s JOIN customers c ON c.id = (s.rowid >> 4) WHERE ${where} AND c.deleted_at IS NULL AND c.owner_id = ${ownerId}`;
}

async function matchingRowIds(db: Db, matches: readonly Match[], ownerId: number | null, limit: number, before: number | null = null): Promise<number[]> {
  const { rows } = await sql<{ rowid: number }>`SELECT s.rowid AS rowid FROM ${matching(matches, ownerId, before)} ORDER BY s.rowid DESC LIMIT ${limit}`.execute(db);
  return rows.map((row) => row.rowid);
}

/**
 * Ids of live customers matching every one of `matches` (one index), newest first (FTS5 walks row
 * ids in order for free; ranking by bm25 would score every match), at most `limit`. With `also`
 * (a match in the other index), only those matching it too: checked row by row, FTS5 seeking to
 * each row id, and batch after batch until the page is full or the matches run out. (Handing
 * FTS5 a set of row ids instead makes it run the other MATCH once per id: seconds for a common
 * word; reading every match of the other index first costs as much as a count.)
 */
async function matchingCustomerIds(db: Db, matches: readonly Match[], limit: number, ownerId: number | null, also?: Match): Promise<number[]> {
  if (!also) return (await matchingRowIds(db, matches, ownerId, limit)).map((rowid) => rowid >> 4);
  const table = sql.table(also.table);
  const found: number[] = [];
  let before: number | null = null;
  for (;;) {
    const batch = await matchingRowIds(db, matches, ownerId, limit, before);
    for (const rowid of batch) {
      const { rows } = await sql`SELECT 1 FROM ${table} WHERE ${table} MATCH ${also.expr} AND rowid = ${rowid}`.execute(db);
      if (rows.length > 0) found.push(rowid >> 4);
      if (found.length === limit) return found;
    }
    if (batch.length < limit) return found;
    before = batch.at(-1)!; // the batch is full, so not empty
  }
}

async function insertDocuments(db: Db, docs: readonly (readonly [number, SearchDocument])[]): Promise<void> {
  // 500 rows of 4 values: well under SQLite's limit of bound values per statement.
  for (let start = 0; start < docs.length; start += 500) {
    const chunk = docs.slice(start, start + 500);
    const values = (part: 'trigram' | 'short') =>
      sql.join(chunk.map(([id, doc]) => sql`(${customerRowId(id)}, ${doc[part].open}, ${doc[part].secret}, ${doc[part].shown})`));
    await sql`INSERT INTO search_trigram (rowid, open, secret, shown) VALUES ${values('trigram')}`.execute(db);
    await sql`INSERT INTO search_short (rowid, open, secret, shown) VALUES ${values('short')}`.execute(db);
  }
}

async function removeDocument(db: Db, customerId: number): Promise<void> {
  await sql`DELETE FROM search_trigram WHERE rowid = ${customerRowId(customerId)}`.execute(db);
  await sql`DELETE FROM search_short WHERE rowid = ${customerRowId(customerId)}`.execute(db);
}

export const sqliteSearchIndex: SearchIndex = {
  async put(db, customerId, doc) {
    await removeDocument(db, customerId);
    await insertDocuments(db, [[customerId, doc]]);
  },

  putMany: insertDocuments,

  remove: removeDocument,

  async newest(db, match, { limit, ownerId, tier }) {
    const main = mainMatch(match);
    if (!tier) return matchingCustomerIds(db, [main], limit, ownerId);
    const expr = tierExpression(match.plan, match.masked, tier);
    if (expr === null) return [];
    const byTier: Match = { table: 'search_trigram', expr };
    // Same index: one MATCH. Short-index queries: the tier drives (it is the rarer), checked against the query.
    return main.table === 'search_trigram' ? matchingCustomerIds(db, [main, byTier], limit, ownerId) : matchingCustomerIds(db, [byTier], limit, ownerId, main);
  },

  async count(db, match, ownerId) {
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${matching([mainMatch(match)], ownerId)}`.execute(db);
    return rows[0]?.n ?? 0;
  },

  customerMatches(match) {
    const { table: name, expr } = mainMatch(match);
    const table = sql.table(name);
    return sql<SqlBool>`c.id IN (SELECT rowid >> 4 FROM ${table} WHERE ${table} MATCH ${expr})`;
  },

  contracts: sqliteContractSearchIndex,
  records: sqliteRecordSearchIndex,
};

const REBUILD_BATCH = 2_000;

/**
 * Empties both indexes and indexes every live customer again, synchronously on the raw connection:
 * for migration 0005, which changed the indexes' shape (migrations run at open, before any caller).
 * Call inside the migration's transaction. Returns how many customers were indexed.
 */
export function rebuildSearchIndexNow(sqlite: SqliteDatabase): number {
  sqlite.exec('DELETE FROM search_trigram; DELETE FROM search_short;');
  const customers = sqlite.prepare('SELECT id, kind, name, code, phone, email FROM customers WHERE deleted_at IS NULL AND id > ? ORDER BY id LIMIT ?');
  const contacts = sqlite.prepare('SELECT customer_id, name, phone, mobile, email, wechat FROM contacts WHERE customer_id BETWEEN ? AND ? ORDER BY customer_id, position');
  const insert = {
    trigram: sqlite.prepare('INSERT INTO search_trigram (rowid, open, secret, shown) VALUES (?, ?, ?, ?)'),
    short: sqlite.prepare('INSERT INTO search_short (rowid, open, secret, shown) VALUES (?, ?, ?, ?)'),
  };
  let after = 0;
  let indexed = 0;
  for (;;) {
    const batch = customers.all(after, REBUILD_BATCH) as { id: number; kind: string; name: string; code: string; phone: string; email: string }[];
    const last = batch.at(-1);
    if (!last) return indexed;
    const byCustomer = new Map<number, SearchableContact[]>();
    for (const row of contacts.all(batch[0]!.id, last.id) as (SearchableContact & { customer_id: number })[]) {
      const list = byCustomer.get(row.customer_id) ?? [];
      list.push(row);
      byCustomer.set(row.customer_id, list);
    }
    for (const customer of batch) {
      const doc = searchDocument({ ...customer, contacts: byCustomer.get(customer.id) ?? [] }, customer.kind === 'person');
      for (const part of ['trigram', 'short'] as const) insert[part].run(customerRowId(customer.id), doc[part].open, doc[part].secret, doc[part].shown);
    }
    indexed += batch.length;
    after = last.id;
  }
}
