// SQLite-only: the record search index, record_search_trigram (migration
// areas/records/migrations/0011-records.ts), a contentless FTS5 table of trigrams keyed by record
// id (areas/search/record-text.ts says what a document holds).
//
// Row id = -record id, so FTS5 walks the matches newest first in its own ascending order (walked
// descending, a phrase of several trigrams costs FTS5 each term's whole list; see
// contract-search-index.ts). The record's customer (recycle bin, the caller's scope) is checked by
// joining it to each match.
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import type { RecordSearchIndex } from '../../areas/search/search-engine.ts';
import type { SearchPlan } from '../../areas/search/search-text.ts';

/** A phrase for MATCH: user input is always quoted, any `"` doubled. */
function quoted(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

async function insertDocuments(db: Db, docs: readonly (readonly [number, string])[]): Promise<void> {
  // 500 rows of 2 values: well under SQLite's limit of bound values per statement.
  for (let start = 0; start < docs.length; start += 500) {
    const chunk = docs.slice(start, start + 500);
    await sql`INSERT INTO record_search_trigram (rowid, text) VALUES ${sql.join(chunk.map(([id, text]) => sql`(${-id}, ${text})`))}`.execute(db);
  }
}

async function removeDocument(db: Db, recordId: number): Promise<void> {
  await sql`DELETE FROM record_search_trigram WHERE rowid = ${-recordId}`.execute(db);
}

/** The statement of `newest`, for tests to read its plan (EXPLAIN QUERY PLAN). */
export function recordSearchStatement(plan: SearchPlan, ownerId: number | null, limit: number) {
  // Only terms the trigram tokenizer can match: a 1-2 character term would match nothing at all.
  const expr = plan.terms
    .filter((term) => [...term].length >= 3)
    .map(quoted)
    .join(' AND ');
  const scope = ownerId === null ? sql`` : sql` AND +c.owner_id = ${ownerId}`;
  return sql<{ id: number }>`SELECT r.id AS id FROM record_search_trigram s JOIN records r ON r.id = -s.rowid JOIN customers c ON c.id = r.customer_id
    WHERE record_search_trigram MATCH ${expr} AND r.deleted_at IS NULL AND c.deleted_at IS NULL${scope} ORDER BY s.rowid LIMIT ${limit}`;
}

export const sqliteRecordSearchIndex: RecordSearchIndex = {
  async put(db, recordId, text) {
    await removeDocument(db, recordId);
    await insertDocuments(db, [[recordId, text]]);
  },

  putMany: insertDocuments,

  remove: removeDocument,

  async newest(db, plan, { limit, ownerId }) {
    if (plan.index !== 'trigram') return [];
    const { rows } = await recordSearchStatement(plan, ownerId, limit).execute(db);
    return rows.map((row) => row.id);
  },
};
