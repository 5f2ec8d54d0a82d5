import type { Migration } from '../../../db/migrations/migration.ts';

/**
 * Customer care (客户关怀; areas/care) and return visits.
 *
 * Birthdays: contacts get a calendar like customers ('gregorian' | 'lunar', text forms in
 * shared/lunar-date.ts). `birthday_key` is the birthday without its year ('08-15', lunar leap months
 * '04L-03'): Today asks "whose key is one of the keys of these days" (the days' own month-day, and
 * for lunar birthdays the lunar month-day of each day, see areas/care), over an index. A company's
 * birthday is its founding date. A contract's anniversary is its signing day's month-day.
 *
 * Return visits: `customers.last_contact_at` is the newest of the customer's creation and its live
 * service and communication records' `at`, kept by areas/records on every record write (and by the
 * customer's creation). A return visit is due when last_contact_at + the grade's cadence is reached.
 *
 * Care notes ("sent a gift", "called") are the customer's timeline entries of kind 'care'.
 */
export const migration0016: Migration = {
  version: 16,
  name: 'customer care',
  up: (db) => {
    db.exec(`
      ALTER TABLE contacts ADD COLUMN birthday_calendar TEXT NOT NULL DEFAULT 'gregorian' CHECK (birthday_calendar IN ('gregorian', 'lunar'));
      ALTER TABLE contacts ADD COLUMN birthday_key TEXT GENERATED ALWAYS AS (
        CASE WHEN birthday = '' THEN NULL WHEN substr(birthday, 1, 2) = '--' THEN substr(birthday, 3) ELSE substr(birthday, 6) END
      ) VIRTUAL;
      ALTER TABLE customers ADD COLUMN birthday_key TEXT GENERATED ALWAYS AS (
        CASE WHEN birthday = '' THEN NULL WHEN substr(birthday, 1, 2) = '--' THEN substr(birthday, 3) ELSE substr(birthday, 6) END
      ) VIRTUAL;
      CREATE INDEX customers_birthdays ON customers (birthday_calendar, birthday_key) WHERE deleted_at IS NULL AND birthday <> '';
      CREATE INDEX contacts_birthdays ON contacts (birthday_calendar, birthday_key) WHERE birthday <> '';

      ALTER TABLE contracts ADD COLUMN signed_md TEXT GENERATED ALWAYS AS (substr(signed_on, 6)) VIRTUAL;
      CREATE INDEX contracts_anniversaries ON contracts (signed_md) WHERE deleted_at IS NULL AND signed_on IS NOT NULL;

      ALTER TABLE customers ADD COLUMN last_contact_at INTEGER NOT NULL DEFAULT 0;
      UPDATE customers SET last_contact_at = max(created_at, coalesce(
        (SELECT max(at) FROM records WHERE records.customer_id = customers.id AND records.deleted_at IS NULL), 0));
      CREATE INDEX customers_return_due ON customers (grade, last_contact_at) WHERE deleted_at IS NULL;
      CREATE INDEX customers_return_due_owner ON customers (owner_id, grade, last_contact_at) WHERE deleted_at IS NULL;

      CREATE TABLE care_notes (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers (id),
        contact_id INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
        contract_id INTEGER REFERENCES contracts (id),
        occasion TEXT NOT NULL CHECK (occasion IN ('birthday', 'founding', 'contractAnniversary', 'holiday', 'other')),
        -- The occasion's day (YYYY-MM-DD) this note answers, and when the care was given.
        on_day TEXT NOT NULL,
        at INTEGER NOT NULL,
        staff_id INTEGER REFERENCES users (id),
        note TEXT NOT NULL,
        created_by INTEGER REFERENCES users (id),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        deleted_at INTEGER,
        deleted_by INTEGER REFERENCES users (id),
        version INTEGER NOT NULL DEFAULT 1
      ) STRICT;
      CREATE INDEX care_notes_timeline ON care_notes (customer_id, at, id);
      CREATE INDEX care_notes_by_day ON care_notes (on_day, customer_id) WHERE deleted_at IS NULL;
    `);
  },
};
