import type { Migration } from '../../../db/migrations/migration.ts';

/**
 * The contract register (areas/contracts). A contract's status is never stored: it follows from its
 * dates and today (shared/contract-status.ts). What the lists filter and sort on is a column with
 * an index: the end date, the signed date, the amount, the number. `notice_on` (the end date less
 * the notice period, kept on every write) makes "expiring" a range on its own index on every
 * engine: notice days from a year ago (the longest notice period) to today.
 * Renewals and terminations are kept in contract_events: the contract's own history.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'contracts',
  up: (db) => {
    db.exec(`
      CREATE TABLE contracts (
        id INTEGER PRIMARY KEY,
        -- As typed (trimmed, NFKC); unique whatever the letter case: HT-2026-0001 = ht-2026-0001.
        number TEXT NOT NULL UNIQUE COLLATE NOCASE,
        title TEXT NOT NULL,
        customer_id INTEGER NOT NULL REFERENCES customers (id),
        type TEXT NOT NULL CHECK (type IN ('sales', 'service', 'framework', 'nda', 'other')),
        -- Integer minor units (fen for CNY) and an ISO 4217 code; NULL when no amount was given.
        amount INTEGER,
        currency TEXT NOT NULL DEFAULT 'CNY',
        -- Calendar dates, YYYY-MM-DD, the shop's local days. No signed date: a draft.
        signed_on TEXT,
        start_on TEXT,
        end_on TEXT,
        auto_renew INTEGER NOT NULL DEFAULT 0 CHECK (auto_renew IN (0, 1)),
        -- How far one renewal rolls the end date, in months. Auto-renew needs it and an end date.
        renewal_months INTEGER CHECK (renewal_months IS NULL OR renewal_months > 0),
        notice_days INTEGER NOT NULL DEFAULT 30 CHECK (notice_days >= 0),
        -- end_on less notice_days (NULL without an end date): from this day on the contract is expiring.
        notice_on TEXT,
        owner_id INTEGER REFERENCES users (id),
        notes TEXT NOT NULL DEFAULT '',
        terminated_on TEXT,
        termination_reason TEXT NOT NULL DEFAULT '',
        -- How many times auto-renew rolled the end date forward.
        renewals INTEGER NOT NULL DEFAULT 0,
        created_by INTEGER REFERENCES users (id),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        deleted_at INTEGER,
        version INTEGER NOT NULL DEFAULT 1,
        -- The sort keys of the list, never NULL so a page starts after the last one by one index
        -- seek in either direction: no end date sorts as the latest end (it never ends), no signed
        -- date as the latest signing (not yet signed), no amount below every amount.
        end_key TEXT GENERATED ALWAYS AS (coalesce(end_on, '9999-12-31')) VIRTUAL,
        signed_key TEXT GENERATED ALWAYS AS (coalesce(signed_on, '9999-12-31')) VIRTUAL,
        amount_key INTEGER GENERATED ALWAYS AS (coalesce(amount, -1)) VIRTUAL,
        CHECK (auto_renew = 0 OR (renewal_months IS NOT NULL AND end_on IS NOT NULL))
      ) STRICT;
      CREATE INDEX contracts_customer ON contracts (customer_id);
      CREATE INDEX contracts_owner ON contracts (owner_id);
      -- Date ranges (expiring within N days, the expiring status) and the end-date sort.
      CREATE INDEX contracts_end ON contracts (end_key, id);
      CREATE INDEX contracts_signed ON contracts (signed_key, id);
      CREATE INDEX contracts_amount ON contracts (amount_key, id);
      -- The expiring status (notice_on <= today <= end): a year of notice days at most. It holds
      -- every column the nav's count and the totals of the expiring filter read (stored columns: a
      -- virtual one such as end_key in a query makes SQLite read the row), so neither reads a contract.
      CREATE INDEX contracts_notice ON contracts (notice_on, end_on, terminated_on, signed_on, deleted_at, customer_id, renewals, currency, amount);
      -- The totals (summary by status and currency): every column they read, so "ends within N
      -- days" is a range here and the totals of all contracts a scan of this index, not the table.
      CREATE INDEX contracts_totals ON contracts (end_on, notice_on, terminated_on, signed_on, renewals, deleted_at, customer_id, currency, amount);
      -- A staff member's scope for the counts: each contract's customer checked here (live, whose),
      -- not in its row, which holds the customer's whole record.
      CREATE INDEX customers_scope ON customers (id, deleted_at, owner_id);
      -- The recycle bin, newest first. Partial: an index holding the live rows under deleted_at IS
      -- NULL would tempt the planner into reading every live row and sorting them for a page.
      CREATE INDEX contracts_deleted ON contracts (deleted_at, id) WHERE deleted_at IS NOT NULL;
      -- What auto-renew may have to roll forward: a seek to the ends before today finds nothing
      -- once every renewing contract is current, so checking before each read costs next to nothing.
      CREATE INDEX contracts_renewing ON contracts (end_on)
        WHERE auto_renew = 1 AND terminated_on IS NULL AND signed_on IS NOT NULL AND deleted_at IS NULL;
      -- A contract's history: 'renewed' (from_end -> to_end), 'terminated', 'reinstated'.
      CREATE TABLE contract_events (
        id INTEGER PRIMARY KEY,
        contract_id INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        at INTEGER NOT NULL,
        -- The calendar day it took effect (a renewal's old end date + 1, a termination's date).
        on_day TEXT,
        from_end TEXT,
        to_end TEXT,
        note TEXT NOT NULL DEFAULT '',
        by_user INTEGER REFERENCES users (id)
      ) STRICT;
      CREATE INDEX contract_events_contract ON contract_events (contract_id, id);
    `);
  },
};
