import type { Migration } from '../../../db/migrations/migration.ts';

/**
 * Satisfaction surveys (满意度调查; areas/surveys).
 *
 * Dimensions are rows, so the owner can rename, add or retire them without losing old answers: a
 * retired dimension is no longer asked, its scores stay. `key` names a dimension on the command line
 * (`--scores quality=4`); the four the app starts with have built-in names in both languages, shown
 * while `name` is ''.
 *
 * A survey is about a customer, optionally after a service record or a visit; `staff_id` is the staff
 * member it measures (who served; by default the record's or visit's staff member), `asked_by` who
 * asked. `month` (local YYYY-MM of `at`) is kept on every write: trends group by it.
 *
 * `survey_month_totals` holds the trends' sums, kept in the same transaction as every survey write
 * (create, update, delete, restore, purge): one row per month × staff member (0: none) × dimension
 * (0: NPS). For NPS rows, `total` is the sum of NPS answers and the three counts split them into
 * promoters (9–10), passives (7–8) and detractors (0–6); for dimension rows the counts are 0.
 */
export const migration0014: Migration = {
  version: 14,
  name: 'surveys',
  up: (db) => {
    db.exec(`
      CREATE TABLE survey_dimensions (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE COLLATE NOCASE,
        name TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL,
        retired_at INTEGER,
        created_at INTEGER NOT NULL,
        version INTEGER NOT NULL DEFAULT 1
      ) STRICT;
      INSERT INTO survey_dimensions (id, key, position, created_at) VALUES
        (1, 'quality', 1, 0), (2, 'attitude', 2, 0), (3, 'speed', 3, 0), (4, 'professionalism', 4, 0);

      CREATE TABLE surveys (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers (id),
        record_id INTEGER REFERENCES records (id),
        visit_id INTEGER REFERENCES visits (id),
        at INTEGER NOT NULL,
        month TEXT NOT NULL,
        staff_id INTEGER REFERENCES users (id),
        asked_by INTEGER REFERENCES users (id),
        channel TEXT NOT NULL CHECK (channel IN ('phone', 'visit', 'wechat', 'paper')),
        nps INTEGER CHECK (nps BETWEEN 0 AND 10),
        comment TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT 'app' CHECK (source IN ('app', 'import')),
        created_by INTEGER REFERENCES users (id),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        deleted_at INTEGER,
        deleted_by INTEGER REFERENCES users (id),
        version INTEGER NOT NULL DEFAULT 1
      ) STRICT;
      -- The surveys list (newest first), a customer's timeline, per staff member, per record / visit.
      CREATE INDEX surveys_list ON surveys (at, id) WHERE deleted_at IS NULL;
      CREATE INDEX surveys_timeline ON surveys (customer_id, at, id);
      CREATE INDEX surveys_by_staff ON surveys (staff_id, at, id) WHERE deleted_at IS NULL;
      CREATE INDEX surveys_by_record ON surveys (record_id) WHERE record_id IS NOT NULL;
      CREATE INDEX surveys_by_visit ON surveys (visit_id) WHERE visit_id IS NOT NULL;
      CREATE INDEX surveys_deleted ON surveys (deleted_at, id) WHERE deleted_at IS NOT NULL;

      CREATE TABLE survey_scores (
        survey_id INTEGER NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
        dimension_id INTEGER NOT NULL REFERENCES survey_dimensions (id),
        score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
        PRIMARY KEY (survey_id, dimension_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE survey_month_totals (
        month TEXT NOT NULL,
        staff_id INTEGER NOT NULL,
        dimension_id INTEGER NOT NULL,
        answers INTEGER NOT NULL,
        total INTEGER NOT NULL,
        promoters INTEGER NOT NULL DEFAULT 0,
        passives INTEGER NOT NULL DEFAULT 0,
        detractors INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (month, staff_id, dimension_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
