import type { Migration } from '../../../db/migrations/migration.ts';

/**
 * Churn warnings (areas/churn). The warnings themselves are computed on demand from the other
 * areas' rows and never stored; what is kept is what the shop decided about them:
 *
 * - churn_dismissals: one row per customer and rule, the latest dismissal (earlier ones stay in
 *   the audit log): the fingerprint of the facts it was dismissed on (the warning shows again once
 *   its facts differ), the reason given, who and when. A purged customer's rows go with it.
 * - the k setting (the multiple of a customer's usual interval between sales) lives in the
 *   settings table under the key 'churn' as JSON; written here with its default, 2.
 */
export const migration0024: Migration = {
  version: 24,
  name: 'churn',
  up: (db) => {
    db.exec(`
      CREATE TABLE churn_dismissals (
        customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        rule TEXT NOT NULL CHECK (rule IN ('interval', 'cadence', 'satisfaction', 'complaints', 'contract')),
        fingerprint TEXT NOT NULL,
        reason TEXT NOT NULL,
        dismissed_by INTEGER REFERENCES users (id),
        dismissed_at INTEGER NOT NULL,
        PRIMARY KEY (customer_id, rule)
      ) STRICT, WITHOUT ROWID;
      INSERT OR IGNORE INTO settings (key, value) VALUES ('churn', '{"k":2}');
    `);
  },
};
