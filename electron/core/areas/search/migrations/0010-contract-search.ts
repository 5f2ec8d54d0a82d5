import type { Migration } from '../../../db/migrations/migration.ts';
import { contractDocument } from '../contract-text.ts';

/**
 * The one search box finds contracts by number and title (issue 9): two FTS5 indexes keyed by
 * contract id, like the customers' (0005): trigrams of the number and the title between markers
 * (exact, "begins with") and the title's pinyin, and a short index of the number's parts and the
 * title's Chinese characters and pairs for 1-2 character queries. Contracts already in the
 * register are indexed here.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'contract-search',
  up: (db) => {
    db.exec(`
      CREATE VIRTUAL TABLE contract_search_trigram USING fts5(number, title, tokenize = 'trigram', content = '', contentless_delete = 1);
      CREATE VIRTUAL TABLE contract_search_short USING fts5(number, title, tokenize = 'unicode61', prefix = '1 2', content = '', contentless_delete = 1);
    `);
    rebuildContractSearchNow(db);
  },
};

const REBUILD_BATCH = 2_000;

/**
 * Indexes every contract not deleted, synchronously on the raw connection (migrations run at open,
 * before any caller); row id = -contract id (db/sqlite/contract-search-index.ts says why).
 * Returns how many were indexed.
 */
export function rebuildContractSearchNow(sqlite: Parameters<Migration['up']>[0]): number {
  sqlite.exec('DELETE FROM contract_search_trigram; DELETE FROM contract_search_short;');
  const contracts = sqlite.prepare('SELECT id, number, title FROM contracts WHERE +deleted_at IS NULL AND id > ? ORDER BY id LIMIT ?');
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
      for (const part of ['trigram', 'short'] as const) insert[part].run(-contract.id, doc[part].number, doc[part].title);
    }
    indexed += batch.length;
    after = last.id;
  }
}
