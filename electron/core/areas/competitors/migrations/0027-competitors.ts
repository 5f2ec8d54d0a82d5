import type { Migration } from '../../../db/migrations/migration.ts';

/**
 * Competitor analysis (竞争对手分析; areas/competitors).
 *
 * `competitors` is the shop's register: one active competitor per name (letter case ignored; a
 * retired one may share its name with a later one), never deleted, only retired (`active` 0), so
 * the presence rows and the audit log that name it keep meaning something.
 * `competitor_presence` says a competitor is present at a customer: for which products, its share
 * (whole percent), when the customer's contract with it ends (a calendar day), our position. One
 * row per customer and competitor. A customer's purge takes its rows with it (ON DELETE CASCADE:
 * the customers service need not know this table); a duplicate merge moves them by customer_id,
 * except where the kept customer already has that competitor (areas/competitors/merge.ts).
 */
export const migration0027: Migration = {
  version: 27,
  name: 'competitors',
  up: (db) => {
    db.exec(`
      CREATE TABLE competitors (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        products TEXT NOT NULL DEFAULT '',
        price_level TEXT CHECK (price_level IN ('low', 'similar', 'high')),
        strengths TEXT NOT NULL DEFAULT '',
        weaknesses TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        version INTEGER NOT NULL DEFAULT 1
      ) STRICT;
      CREATE UNIQUE INDEX competitors_active_name ON competitors (name COLLATE NOCASE) WHERE active = 1;

      CREATE TABLE competitor_presence (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        competitor_id INTEGER NOT NULL REFERENCES competitors (id),
        products TEXT NOT NULL DEFAULT '',
        share_percent INTEGER CHECK (share_percent BETWEEN 0 AND 100),
        contract_end_on TEXT CHECK (contract_end_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        position TEXT NOT NULL DEFAULT 'unknown' CHECK (position IN ('ahead', 'even', 'behind', 'unknown')),
        notes TEXT NOT NULL DEFAULT '',
        created_by INTEGER REFERENCES users (id),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        version INTEGER NOT NULL DEFAULT 1
      ) STRICT;
      -- A customer's competitors, and one row per customer and competitor.
      CREATE UNIQUE INDEX competitor_presence_customer ON competitor_presence (customer_id, competitor_id);
      -- A competitor's customers (its page, the reach list).
      CREATE INDEX competitor_presence_competitor ON competitor_presence (competitor_id, customer_id);
    `);
  },
};
