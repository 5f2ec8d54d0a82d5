import type { Migration } from './migration.ts';

/** Access control and audit: forced password change, last sign-in, settings defaults, audit log. */
export const migration0002: Migration = {
  version: 2,
  name: 'access-control',
  up: (db) => {
    db.exec(`
      ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));
      ALTER TABLE users ADD COLUMN last_sign_in_at INTEGER;

      INSERT OR IGNORE INTO settings (key, value) VALUES ('staff_scope', '0'), ('mask_contacts', '0'), ('idle_lock_minutes', '10');

      -- Tamper-evident: each entry holds the hash of the previous one (services/audit.ts).
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        user_id INTEGER,
        username TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id INTEGER,
        label TEXT NOT NULL DEFAULT '',
        changes TEXT NOT NULL DEFAULT '[]',
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_by_time ON audit_log (at, id);
      CREATE INDEX audit_by_user ON audit_log (user_id, at, id);
      CREATE INDEX audit_by_action ON audit_log (action, at, id);
      CREATE INDEX audit_by_entity ON audit_log (entity, at, id);
    `);
  },
};
