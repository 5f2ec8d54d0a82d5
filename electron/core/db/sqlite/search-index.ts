// SQLite-only: the FTS5 search indexes (see services/search-text.ts for what they hold).
//
// The indexes hold live customers only: deleting a customer removes its entry in the same
// transaction, restoring puts it back. So counting the matches of an unscoped caller needs no
// look at the customers table, which keeps counts of wide queries cheap.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { prepared, type Db } from '../sql.ts';
import type { SearchDocument } from '../../areas/search/search-text.ts';

/**
 * Entity kinds sharing the search indexes; row id = entity id * 16 + kind. Customers are the only
 * kind indexed so far, and the queries below do not test the kind (on a 30,000-match count that
 * test alone costs a third of the time): indexing another kind means adding `(rowid & 15) = kind`.
 */
export const SEARCH_KIND = { customer: 1 } as const;

export type SearchTable = 'search_trigram' | 'search_short';
/** One FTS5 MATCH against one index. */
export type Match = { table: SearchTable; expr: string };

export function searchRowId(kind: number, id: number): number {
  return id * 16 + kind;
}

export function indexDocument(db: Db, rowid: number, doc: SearchDocument): void {
  removeDocument(db, rowid);
  insertDocument(db, rowid, doc);
}

/** Adds a document for a row id that has none (bulk paths; indexDocument replaces). */
export function insertDocument(db: Db, rowid: number, doc: SearchDocument): void {
  prepared(db, 'INSERT INTO search_trigram (rowid, open, secret, shown) VALUES (?, ?, ?, ?)').run(rowid, doc.trigram.open, doc.trigram.secret, doc.trigram.shown);
  prepared(db, 'INSERT INTO search_short (rowid, open, secret, shown) VALUES (?, ?, ?, ?)').run(rowid, doc.short.open, doc.short.secret, doc.short.shown);
}

export function removeDocument(db: Db, rowid: number): void {
  prepared(db, 'DELETE FROM search_trigram WHERE rowid = ?').run(rowid);
  prepared(db, 'DELETE FROM search_short WHERE rowid = ?').run(rowid);
}

/**
 * The matching rows of one index: one FTS5 expression (the matches ANDed). `ownerId` limits to
 * that staff member's customers; `before`, to row ids below it. Gives the SQL after
 * `SELECT <what> FROM` and its parameters.
 */
function matching(matches: readonly Match[], ownerId: number | null, before: number | null = null): { from: string; parameters: unknown[] } {
  const table = matches[0]?.table;
  if (!table || matches.some((match) => match.table !== table)) throw new Error('search: matches must name one index');
  const parameters: unknown[] = [matches.map((match) => `(${match.expr})`).join(' AND ')];
  let where = `${table} MATCH ?`;
  if (before !== null) {
    where += ' AND s.rowid < ?';
    parameters.push(before);
  }
  if (ownerId === null) return { from: `${table} s WHERE ${where}`, parameters };
  parameters.push(ownerId);
  return { from: `${table} s JOIN customers c ON c.id = (s.rowid >> 4) WHERE ${where} AND c.deleted_at IS NULL AND c.owner_id = ?`, parameters };
}

/**
 * Ids of live customers matching every one of `matches` (one index), newest first (FTS5 walks row
 * ids in order for free; ranking by bm25 would score every match), at most `limit`. With `also`
 * (a match in the other index), only those matching it too: checked row by row, FTS5 seeking to
 * each row id, and batch after batch until the page is full or the matches run out. (Handing
 * FTS5 a set of row ids instead makes it run the other MATCH once per id: seconds for a common
 * word; reading every match of the other index first costs as much as a count.)
 */
export function matchingCustomerIds(db: Db, matches: readonly Match[], limit: number, ownerId: number | null, also?: Match): number[] {
  if (!also) {
    const { from, parameters } = matching(matches, ownerId);
    return prepared(db, `SELECT s.rowid FROM ${from} ORDER BY s.rowid DESC LIMIT ?`).pluck().all(...parameters, limit).map((rowid) => (rowid as number) >> 4);
  }
  const check = prepared(db, `SELECT 1 FROM ${also.table} WHERE ${also.table} MATCH ? AND rowid = ?`).pluck();
  const found: number[] = [];
  let before: number | null = null;
  for (;;) {
    const { from, parameters } = matching(matches, ownerId, before);
    const batch = prepared(db, `SELECT s.rowid FROM ${from} ORDER BY s.rowid DESC LIMIT ?`).pluck().all(...parameters, limit) as number[];
    for (const rowid of batch) {
      if (check.get(also.expr, rowid) !== undefined) found.push(rowid >> 4);
      if (found.length === limit) return found;
    }
    if (batch.length < limit) return found;
    before = batch.at(-1)!;
  }
}

/** How many live customers match every one of `matches`: all of them, however many. */
export function countMatchingCustomers(db: Db, matches: readonly Match[], ownerId: number | null): number {
  const { from, parameters } = matching(matches, ownerId);
  return prepared(db, `SELECT count(*) FROM ${from}`).pluck().get(...parameters) as number;
}

/** "Customer `c` matches", for the customer list's `q` filter: every match, in any sort order. */
export function customerMatches(match: Match): RawBuilder<SqlBool> {
  const table = sql.raw(match.table);
  return sql<SqlBool>`c.id IN (SELECT rowid >> 4 FROM ${table} WHERE ${table} MATCH ${match.expr})`;
}
