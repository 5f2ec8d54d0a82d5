import type { Migration } from '../../../db/migrations/migration.ts';

/**
 * Today's own indexes (areas/today), so each section is counted and paged from an index that holds
 * every column it reads, not from a million records' rows:
 * - the open follow-ups by day with the record's customer and staff member (records_follow_ups
 *   holds only the day: counting the shop's 28,000 due follow-ups read each record's row, 0.8 s);
 * - the same per staff member ("mine");
 * - the contracts in notice per responsible person ("mine"), with the columns of the expiring rule.
 * The partial indexes' own conditions (done, deleted: always NULL inside them) are columns too: a
 * query must repeat them to use the index, and SQLite reads them from the index only if it has them.
 */
export const migration0018: Migration = {
  version: 18,
  name: 'today indexes',
  up: (db) => {
    db.exec(`
      CREATE INDEX today_follow_ups ON records (follow_up_on, id, customer_id, staff_id, follow_up_done_at, deleted_at)
        WHERE follow_up_on IS NOT NULL AND follow_up_done_at IS NULL AND deleted_at IS NULL;
      CREATE INDEX today_follow_ups_staff ON records (staff_id, follow_up_on, id, customer_id, follow_up_done_at, deleted_at)
        WHERE follow_up_on IS NOT NULL AND follow_up_done_at IS NULL AND deleted_at IS NULL;
      CREATE INDEX today_contracts_owner ON contracts (owner_id, notice_on, end_on, terminated_on, signed_on, customer_id, deleted_at)
        WHERE deleted_at IS NULL AND notice_on IS NOT NULL;
    `);
  },
};
