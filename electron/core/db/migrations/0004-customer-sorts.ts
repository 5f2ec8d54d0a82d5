import { regionSortKey } from '../../areas/customers/sort-keys.ts';
import type { Migration } from './migration.ts';

/**
 * Sort by code, region (pinyin) and lifecycle stage, keyset-paged: a stored region sort key, a
 * stage rank generated from the stage, and one index of live rows per order.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'customer-sorts',
  up: (db) => {
    db.exec(`
      ALTER TABLE customers ADD COLUMN stage_rank INTEGER GENERATED ALWAYS AS (
        CASE stage WHEN 'lead' THEN 0 WHEN 'new' THEN 1 WHEN 'active' THEN 2 WHEN 'dormant' THEN 3 ELSE 4 END
      ) VIRTUAL;
      ALTER TABLE customers ADD COLUMN region_sort TEXT NOT NULL DEFAULT '';
    `);
    // A shop has a few hundred regions at most: one pinyin reading and one UPDATE per region.
    const regions = db.prepare('SELECT DISTINCT region FROM customers').pluck().all() as string[];
    const update = db.prepare('UPDATE customers SET region_sort = ? WHERE region = ?');
    for (const region of regions) update.run(regionSortKey(region), region);
    db.exec(`
      CREATE INDEX customers_by_code ON customers (code, id) WHERE deleted_at IS NULL;
      CREATE INDEX customers_by_region ON customers (region_sort, name_sort, id) WHERE deleted_at IS NULL;
      CREATE INDEX customers_by_stage ON customers (stage_rank, name_sort, id) WHERE deleted_at IS NULL;
    `);
  },
};
