import { rebuildSearchIndex } from '../../services/search-index.ts';
import { SEARCH_TABLES_SQL } from '../sqlite-search.ts';
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
    db.exec(SEARCH_TABLES_SQL);
    rebuildSearchIndex(db);
  },
};
