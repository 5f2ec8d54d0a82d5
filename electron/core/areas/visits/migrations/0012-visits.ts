import type { Migration } from '../../../db/migrations/migration.ts';

/**
 * Visit plans (拜访计划; areas/visits). A visit is on a calendar day of the shop (YYYY-MM-DD) at a
 * minute of that day: the agendas ask "which visits on these days", never convert instants.
 * `starts_at` is the same moment as an instant (the shop's local time), kept on every write, for
 * the customer's timeline, which orders everything by instant.
 *
 * Completing a visit writes its outcome and creates one service or communication record
 * (records.visit_id, unique): the visit points back to it.
 */
export const migration0012: Migration = {
  version: 12,
  name: 'visits',
  up: (db) => {
    db.exec(`
      CREATE TABLE visits (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers (id),
        -- One of the customer's contacts (NULL: none chosen, or removed since); the name as planned.
        contact_id INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
        contact_name TEXT NOT NULL DEFAULT '',
        staff_id INTEGER NOT NULL REFERENCES users (id),
        on_day TEXT NOT NULL,
        start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
        duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
        starts_at INTEGER NOT NULL,
        purpose TEXT NOT NULL,
        agenda TEXT NOT NULL DEFAULT '',
        address TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'postponed', 'cancelled')),
        -- What came of it (given when completed), and the record completing it created.
        outcome TEXT NOT NULL DEFAULT '',
        record_id INTEGER REFERENCES records (id),
        created_by INTEGER REFERENCES users (id),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        deleted_at INTEGER,
        deleted_by INTEGER REFERENCES users (id),
        version INTEGER NOT NULL DEFAULT 1
      ) STRICT;
      -- The shop's agenda for a day or a week, in order of time.
      CREATE INDEX visits_agenda ON visits (on_day, start_minute, id) WHERE deleted_at IS NULL;
      -- One staff member's agenda (and the overlap check of their day).
      CREATE INDEX visits_agenda_staff ON visits (staff_id, on_day, start_minute, id) WHERE deleted_at IS NULL;
      -- A customer's timeline (deleted visits stay in it, marked), and the last visit before a day.
      CREATE INDEX visits_timeline ON visits (customer_id, starts_at, id);
      CREATE INDEX visits_deleted ON visits (deleted_at, id) WHERE deleted_at IS NOT NULL;
    `);
  },
};
