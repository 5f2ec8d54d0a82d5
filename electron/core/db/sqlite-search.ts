// SQLite-only: the FTS5 search indexes (see services/search-text.ts for what they hold).
import { prepared, type Db } from './sql.ts';
import type { PlannedQuery, SearchDocument } from '../services/search-text.ts';

/** Entity kinds sharing the search indexes; row id = entity id * 16 + kind. */
export const SEARCH_KIND = { customer: 1 } as const;

export function searchRowId(kind: number, id: number): number {
  return id * 16 + kind;
}

export function indexDocument(db: Db, rowid: number, doc: SearchDocument): void {
  removeDocument(db, rowid);
  prepared(db, 'INSERT INTO search_trigram (rowid, text) VALUES (?, ?)').run(rowid, doc.trigram);
  prepared(db, 'INSERT INTO search_short (rowid, text) VALUES (?, ?)').run(rowid, doc.short);
}

export function removeDocument(db: Db, rowid: number): void {
  prepared(db, 'DELETE FROM search_trigram WHERE rowid = ?').run(rowid);
  prepared(db, 'DELETE FROM search_short WHERE rowid = ?').run(rowid);
}

/**
 * Ids of live customers matching the query, newest first; with `ownerId`, only that staff member's
 * customers (the scope is part of the query, so the limit counts only what the caller may see).
 */
export function matchingCustomerIds(db: Db, query: NonNullable<PlannedQuery>, limit: number, ownerId: number | null): number[] {
  const table = query.index === 'trigram' ? 'search_trigram' : 'search_short';
  // FTS5 returns row ids in order cheaply, so "newest first" costs nothing; ranking by bm25
  // would have to score every match (tens of thousands for a one-character query).
  const scope = ownerId === null ? '' : 'AND c.owner_id = ?';
  const sql = `SELECT c.id FROM ${table} s JOIN customers c ON c.id = (s.rowid >> 4)
    WHERE ${table} MATCH ? AND (s.rowid & 15) = ${SEARCH_KIND.customer} AND c.deleted_at IS NULL ${scope}
    ORDER BY s.rowid DESC LIMIT ?`;
  const parameters = ownerId === null ? [query.match, limit] : [query.match, ownerId, limit];
  return prepared(db, sql).pluck().all(...parameters) as number[];
}
