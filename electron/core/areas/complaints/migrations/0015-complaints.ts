import type { Migration } from '../../../db/migrations/migration.ts';

/**
 * Complaints (投诉处理; areas/complaints). Opened by hand or by a low survey score (`survey_id`).
 * The deadline `due_at` is an instant: opened_at + the customer's grade's response hours, counted in
 * every hour or in working days (areas/standards), fixed when opened and changed only by an edit.
 * Status new → inProgress → resolved → closed, reopen back to inProgress; every change is a row of
 * `complaint_events` (who, when, from, to, a note). A complaint is open while new or in progress;
 * overdue while open past `due_at`.
 */
export const migration0015: Migration = {
  version: 15,
  name: 'complaints',
  up: (db) => {
    db.exec(`
      CREATE TABLE complaints (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers (id),
        survey_id INTEGER REFERENCES surveys (id),
        category TEXT NOT NULL CHECK (category IN ('product', 'service', 'delivery', 'billing', 'staff', 'other')),
        severity TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
        description TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('survey', 'phone', 'visit', 'wechat', 'email', 'walkIn', 'other')),
        assignee_id INTEGER REFERENCES users (id),
        opened_at INTEGER NOT NULL,
        due_at INTEGER NOT NULL CHECK (due_at >= opened_at),
        status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'inProgress', 'resolved', 'closed')),
        resolution TEXT NOT NULL DEFAULT '',
        -- The customer's satisfaction after resolution, 1–5.
        after_score INTEGER CHECK (after_score BETWEEN 1 AND 5),
        resolved_at INTEGER,
        closed_at INTEGER,
        created_by INTEGER REFERENCES users (id),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        deleted_at INTEGER,
        deleted_by INTEGER REFERENCES users (id),
        version INTEGER NOT NULL DEFAULT 1
      ) STRICT;
      -- Open complaints by deadline (overdue first), for the shop and per assignee: the list's first
      -- part, the nav's counts and Today.
      CREATE INDEX complaints_open ON complaints (due_at, id) WHERE deleted_at IS NULL AND status IN ('new', 'inProgress');
      CREATE INDEX complaints_open_assignee ON complaints (assignee_id, due_at, id) WHERE deleted_at IS NULL AND status IN ('new', 'inProgress');
      -- Every live complaint, newest first (the list after the open ones, and its filters).
      CREATE INDEX complaints_list ON complaints (opened_at, id) WHERE deleted_at IS NULL;
      CREATE INDEX complaints_timeline ON complaints (customer_id, opened_at, id);
      CREATE INDEX complaints_by_survey ON complaints (survey_id) WHERE survey_id IS NOT NULL;
      CREATE INDEX complaints_deleted ON complaints (deleted_at, id) WHERE deleted_at IS NOT NULL;

      CREATE TABLE complaint_events (
        id INTEGER PRIMARY KEY,
        complaint_id INTEGER NOT NULL REFERENCES complaints (id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        user_id INTEGER REFERENCES users (id),
        kind TEXT NOT NULL CHECK (kind IN ('opened', 'status', 'assigned', 'deadline', 'edited', 'deleted', 'restored')),
        from_status TEXT,
        to_status TEXT,
        note TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX complaint_events_by_complaint ON complaint_events (complaint_id, at, id);
    `);
  },
};
