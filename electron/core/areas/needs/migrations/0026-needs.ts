import type { Migration } from '../../../db/migrations/migration.ts';

/**
 * Needs analysis (客户需求分析; areas/needs). One row per need a customer has: its kind, a title and
 * detail, the catalogue item it names, by when; the expectation fields (response hours, on-site,
 * training) kept only on kind 'expectation', the budget range only on 'budget'; status open / met /
 * dropped with the instant it last changed; who noted it when. The decision makers of a 'decision'
 * need are `need_contacts` rows, contacts of the same customer: a contact removed from the customer
 * leaves the need's list with it (ON DELETE CASCADE). A merge moves needs by customer_id; the
 * contacts move with the merge too, so the links hold.
 */
export const migration0026: Migration = {
  version: 26,
  name: 'needs',
  up: (db) => {
    db.exec(`
      CREATE TABLE needs (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers (id),
        kind TEXT NOT NULL CHECK (kind IN ('pain', 'product', 'service', 'expectation', 'budget', 'decision')),
        title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        detail TEXT NOT NULL DEFAULT '',
        item_id INTEGER REFERENCES catalogue_items (id),
        -- The shop's calendar day, YYYY-MM-DD.
        needed_by TEXT CHECK (needed_by IS NULL OR needed_by GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        response_hours INTEGER CHECK (response_hours BETWEEN 1 AND 8760),
        on_site INTEGER NOT NULL DEFAULT 0 CHECK (on_site IN (0, 1)),
        training INTEGER NOT NULL DEFAULT 0 CHECK (training IN (0, 1)),
        budget_min_minor INTEGER CHECK (budget_min_minor >= 0),
        budget_max_minor INTEGER CHECK (budget_max_minor >= 0),
        currency TEXT NOT NULL DEFAULT 'CNY',
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'met', 'dropped')),
        status_at INTEGER NOT NULL,
        noted_by INTEGER REFERENCES users (id),
        noted_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        deleted_at INTEGER,
        deleted_by INTEGER REFERENCES users (id),
        version INTEGER NOT NULL DEFAULT 1,
        CHECK (budget_min_minor IS NULL OR budget_max_minor IS NULL OR budget_min_minor <= budget_max_minor)
      ) STRICT;
      -- The list across customers, newest noted first, and its recycle bin.
      CREATE INDEX needs_list ON needs (noted_at, id) WHERE deleted_at IS NULL;
      CREATE INDEX needs_deleted ON needs (deleted_at, id) WHERE deleted_at IS NOT NULL;
      -- A customer's needs (its page's section, its timeline, a merge's move, a purge).
      CREATE INDEX needs_by_customer ON needs (customer_id, noted_at, id);
      -- "Who needs this item by then?": the item's live needs by their day.
      CREATE INDEX needs_by_item ON needs (item_id, needed_by) WHERE deleted_at IS NULL AND item_id IS NOT NULL;
      CREATE INDEX needs_by_day ON needs (needed_by) WHERE deleted_at IS NULL AND needed_by IS NOT NULL;

      CREATE TABLE need_contacts (
        need_id INTEGER NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
        contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        PRIMARY KEY (need_id, contact_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX need_contacts_by_contact ON need_contacts (contact_id);
    `);
  },
};
