// SQLite-only: the FTS5 search indexes (see services/search-text.ts for what they hold).
//
// The indexes hold live customers only: deleting a customer removes its entry in the same
// transaction, restoring puts it back. So counting the matches of an unscoped caller needs no
// look at the customers table, which keeps counts of wide queries cheap.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { prepared, type Db } from './sql.ts';
import type { SearchDocument } from '../services/search-text.ts';

/** Entity kinds sharing the search indexes; row id = entity id * 16 + kind. */
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

/** The FTS5 tables; `migrations` recreates them with this shape. */
export const SEARCH_TABLES_SQL = `
  CREATE VIRTUAL TABLE search_trigram USING fts5(open, secret, shown, tokenize = 'trigram', content = '', contentless_delete = 1);
  CREATE VIRTUAL TABLE search_short USING fts5(open, secret, shown, tokenize = 'unicode61', content = '', contentless_delete = 1);
`;

/**
 * The matching rows of the first match that also match every other one: one FTS5 expression
 * per index (ANDed), the other index as a row id set. `ownerId` limits to that staff member's
 * customers. Gives the SQL after `SELECT <what> FROM` and its parameters.
 */
function matching(matches: readonly Match[], ownerId: number | null): { from: string; parameters: unknown[] } {
  const byTable = new Map<SearchTable, string[]>();
  for (const match of matches) byTable.set(match.table, [...(byTable.get(match.table) ?? []), `(${match.expr})`]);
  const [driver, ...others] = [...byTable.entries()];
  if (!driver) throw new Error('search: no match to run');
  const [table, exprs] = driver;
  const parameters: unknown[] = [exprs.join(' AND ')];
  let where = `${table} MATCH ? AND (s.rowid & 15) = ${SEARCH_KIND.customer}`;
  for (const [other, otherExprs] of others) {
    where += ` AND s.rowid IN (SELECT rowid FROM ${other} WHERE ${other} MATCH ?)`;
    parameters.push(otherExprs.join(' AND '));
  }
  if (ownerId === null) return { from: `${table} s WHERE ${where}`, parameters };
  parameters.push(ownerId);
  return { from: `${table} s JOIN customers c ON c.id = (s.rowid >> 4) WHERE ${where} AND c.deleted_at IS NULL AND c.owner_id = ?`, parameters };
}

/**
 * Ids of live customers matching every one of `matches`, newest first (FTS5 walks row ids in
 * order for free; ranking by bm25 would score every match), at most `limit`.
 */
export function matchingCustomerIds(db: Db, matches: readonly Match[], limit: number, ownerId: number | null): number[] {
  const { from, parameters } = matching(matches, ownerId);
  return prepared(db, `SELECT s.rowid >> 4 FROM ${from} ORDER BY s.rowid DESC LIMIT ?`).pluck().all(...parameters, limit) as number[];
}

/** How many live customers match every one of `matches`: all of them, however many. */
export function countMatchingCustomers(db: Db, matches: readonly Match[], ownerId: number | null): number {
  const { from, parameters } = matching(matches, ownerId);
  return prepared(db, `SELECT count(*) FROM ${from}`).pluck().get(...parameters) as number;
}

/** "Customer `c` matches", for the customer list's `q` filter: every match, in any sort order. */
export function customerMatches(match: Match): RawBuilder<SqlBool> {
  const table = sql.raw(match.table);
  return sql<SqlBool>`c.id IN (SELECT rowid >> 4 FROM ${table} WHERE ${table} MATCH ${match.expr} AND (rowid & 15) = ${SEARCH_KIND.customer})`;
}
