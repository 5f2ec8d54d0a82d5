import { rebuildContractSearchNow } from '../../../db/sqlite/contract-search-index.ts';
import type { Migration } from '../../../db/migrations/migration.ts';

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
