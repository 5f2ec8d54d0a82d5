import type { Migration } from '../../../db/migrations/migration.ts';

/**
 * Customer events (客户营销活动; areas/events). An event is a shop-wide register entry: its day is
 * the shop's local calendar day ('YYYY-MM-DD'), its budget in minor units of its currency;
 * `cancelled_at` set once cancelled (its status is derived: cancelled, else held from its day on,
 * else planned). Invitations are per customer (one per customer and event), optionally naming the
 * contact who comes; `reply` with when and by whom, `attended` NULL until marked (1 came, 0 did
 * not), with when and by whom it was marked (the timeline's 'event' entry is an attendance).
 */
export const migration0028: Migration = {
  version: 28,
  name: 'events',
  up: (db) => {
    db.exec(`
      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        kind TEXT NOT NULL CHECK (kind IN ('launch', 'dinner', 'training', 'exchange', 'other')),
        on_day TEXT NOT NULL CHECK (on_day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        start_minute INTEGER CHECK (start_minute BETWEEN 0 AND 1439),
        duration_minutes INTEGER CHECK (duration_minutes > 0),
        place TEXT NOT NULL DEFAULT '',
        capacity INTEGER CHECK (capacity BETWEEN 1 AND 100000),
        budget_minor INTEGER CHECK (budget_minor >= 0),
        currency TEXT NOT NULL DEFAULT 'CNY',
        notes TEXT NOT NULL DEFAULT '',
        cancelled_at INTEGER,
        created_by INTEGER REFERENCES users (id),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        deleted_at INTEGER,
        deleted_by INTEGER REFERENCES users (id),
        version INTEGER NOT NULL DEFAULT 1
      ) STRICT;
      -- The list by day (upcoming soonest first, past latest first) and the recycle bin.
      CREATE INDEX events_by_day ON events (on_day, id) WHERE deleted_at IS NULL;
      CREATE INDEX events_deleted ON events (deleted_at, id) WHERE deleted_at IS NOT NULL;

      CREATE TABLE event_invitations (
        id INTEGER PRIMARY KEY,
        event_id INTEGER NOT NULL REFERENCES events (id),
        customer_id INTEGER NOT NULL REFERENCES customers (id),
        -- The contact who comes for the customer; a contact removed from the customer leaves the invitation.
        contact_id INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
        reply TEXT NOT NULL DEFAULT 'pending' CHECK (reply IN ('pending', 'yes', 'no', 'maybe')),
        replied_at INTEGER,
        replied_by INTEGER REFERENCES users (id),
        attended INTEGER CHECK (attended IN (0, 1)),
        attended_at INTEGER,
        attended_by INTEGER REFERENCES users (id),
        invited_at INTEGER NOT NULL,
        invited_by INTEGER REFERENCES users (id),
        UNIQUE (event_id, customer_id)
      ) STRICT;
      -- A customer's invitations (timeline, merge, purge); the event's are found through the UNIQUE key.
      CREATE INDEX event_invitations_by_customer ON event_invitations (customer_id, event_id);
    `);
  },
};
