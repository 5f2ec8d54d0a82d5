import type { Migration } from '../../../db/migrations/migration.ts';

/**
 * The contracts' anniversaries index (migration 0016) holds every column care's upcoming
 * occasions read of a contract, and its own conditions' deleted_at: a week's anniversaries are
 * some 2,000 contracts in a shop of 50,000, and the index holding only the signing month-day made
 * SQLite read each contract's row, even those of another staff member's customers (16 ms of the
 * owner's Today at 100,000 customers; 5 ms from this index).
 */
export const migration0019: Migration = {
  version: 19,
  name: 'anniversaries index',
  up: (db) => {
    db.exec(`
      DROP INDEX IF EXISTS contracts_anniversaries;
      CREATE INDEX contracts_anniversaries ON contracts (signed_md, customer_id, signed_on, terminated_on, number, deleted_at)
        WHERE deleted_at IS NULL AND signed_on IS NOT NULL;
    `);
  },
};
