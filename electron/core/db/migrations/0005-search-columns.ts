import { rebuildSearchIndexNow } from '../sqlite/search-index.ts';
import type { Migration } from './migration.ts';

/**
 * Search indexes with three columns: what every role sees (open), contact details in full
 * (secret) and only their visible runs as masked (shown), so a role that sees a phone masked
 * matches only what it can see; names, codes and phone numbers carry markers for "exact", "begins
 * with" and "ends with". The indexes are rebuilt from the customers and contacts tables.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'search-columns',
  up: (db) => {
    db.exec('DROP TABLE search_trigram; DROP TABLE search_short;');
    // The short index keeps prefix indexes of 1 and 2 characters: its queries are words of 1 or 2
    // characters matched as prefixes, and without them "13"* merges the lists of every phone number.
    db.exec(`
      CREATE VIRTUAL TABLE search_trigram USING fts5(open, secret, shown, tokenize = 'trigram', content = '', contentless_delete = 1);
      CREATE VIRTUAL TABLE search_short USING fts5(open, secret, shown, tokenize = 'unicode61', prefix = '1 2', content = '', contentless_delete = 1);
    `);
    rebuildSearchIndexNow(db);
  },
};
