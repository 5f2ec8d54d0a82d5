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

/** Entity ids of one kind matching the query, newest first. */
export function matchingIds(db: Db, kind: number, query: NonNullable<PlannedQuery>, limit: number): number[] {
  const table = query.index === 'trigram' ? 'search_trigram' : 'search_short';
  // FTS5 returns row ids in order cheaply, so "newest first" costs nothing; ranking by bm25
  // would have to score every match (tens of thousands for a one-character query).
  const rows = prepared(db, `SELECT rowid FROM ${table} WHERE ${table} MATCH ? AND (rowid & 15) = ? ORDER BY rowid DESC LIMIT ?`)
    .pluck()
    .all(query.match, kind, limit) as number[];
  return rows.map((rowid) => Math.floor(rowid / 16));
}
