import type { Migration } from '../../../db/migrations/migration.ts';

/**
 * The loyalty programme (客户忠诚度计划; areas/loyalty).
 *
 * - `loyalty_settings`: the one programme (row id 1): earning rules, expiry, referral points, tiers
 *   (JSON: a handful of rows always read together), and `expired_through`, the last local day the
 *   all-members pass (expiry + tier check) ran.
 * - `loyalty_members`: one row per member with the balance, kept by the service in the same
 *   transaction as the ledger entry that changes it; `CHECK (balance >= 0)` makes a negative
 *   balance impossible whatever path writes. `next_expiry_on` is the earliest expiry day of a lot
 *   with points left, so "is anything due?" before a read is one row; `tier_checked_on` the day
 *   its tier was last recomputed.
 * - `points_ledger`: append-only. Triggers refuse a DELETE and an UPDATE of anything but
 *   `customer_id` (a duplicate merge and its undo move entries) and `remaining` (what is left of a
 *   positive entry — a lot — as later negative entries consume it oldest first: FIFO). The sum of
 *   `remaining` equals the sum of `points` equals the balance; `checkLedger` proves both.
 *   `reverses_id` names the earn or referral a reversal undoes (a sale deleted or edited), so a
 *   reversal that found too few points left still marks its earn as undone.
 * - `loyalty_tier_changes`: every tier change with its reason.
 * - `loyalty_rewards`, `loyalty_coupons`, `loyalty_referrals` (each referred customer once).
 * - `loyalty_merges`: what a duplicate merge did to the programme, so its undo is exact.
 */
export const migration0029: Migration = {
  version: 29,
  name: 'loyalty',
  up: (db) => {
    db.exec(`
      CREATE TABLE loyalty_settings (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        enabled INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
        currency TEXT NOT NULL CHECK (length(currency) = 3),
        per_amount_minor INTEGER NOT NULL CHECK (per_amount_minor >= 1),
        points_per_amount INTEGER NOT NULL CHECK (points_per_amount >= 0),
        per_item TEXT NOT NULL DEFAULT '[]',
        expiry_months INTEGER NOT NULL CHECK (expiry_months BETWEEN 0 AND 120),
        referral_points INTEGER NOT NULL CHECK (referral_points >= 0),
        tiers TEXT NOT NULL,
        expired_through TEXT,
        updated_at INTEGER NOT NULL,
        version INTEGER NOT NULL DEFAULT 1
      ) STRICT;

      CREATE TABLE loyalty_members (
        customer_id INTEGER PRIMARY KEY,
        joined_on TEXT NOT NULL CHECK (joined_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        tier_key TEXT NOT NULL,
        balance INTEGER NOT NULL DEFAULT 0 CHECK (balance >= 0),
        next_expiry_on TEXT,
        tier_checked_on TEXT,
        created_at INTEGER NOT NULL
      ) STRICT;
      -- The members list: highest balance first; and its tier filter.
      CREATE INDEX loyalty_members_by_balance ON loyalty_members (balance DESC, customer_id DESC);
      CREATE INDEX loyalty_members_by_tier ON loyalty_members (tier_key, balance DESC, customer_id DESC);
      CREATE INDEX loyalty_members_due ON loyalty_members (next_expiry_on) WHERE next_expiry_on IS NOT NULL;

      CREATE TABLE points_ledger (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('earn', 'referral', 'redeem', 'expire', 'correction', 'reversal')),
        -- Never 0, except a sale's reversal that found no points left (its reason says the shortfall).
        points INTEGER NOT NULL CHECK (points != 0 OR kind = 'reversal'),
        on_day TEXT NOT NULL CHECK (on_day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        at INTEGER NOT NULL,
        sale_id INTEGER,
        reward_id INTEGER,
        coupon_id INTEGER,
        expires_on TEXT,
        reason TEXT NOT NULL DEFAULT '',
        created_by INTEGER,
        remaining INTEGER NOT NULL DEFAULT 0 CHECK (remaining >= 0 AND (points > 0 OR remaining = 0) AND remaining <= max(points, 0)),
        reverses_id INTEGER,
        CHECK ((kind IN ('earn', 'referral') AND points > 0) OR (kind IN ('redeem', 'expire') AND points < 0) OR (kind = 'reversal' AND points <= 0) OR kind = 'correction'),
        CHECK (kind != 'correction' OR length(reason) > 0)
      ) STRICT;
      -- A customer's ledger page, newest first; their sums.
      CREATE INDEX points_ledger_by_customer ON points_ledger (customer_id, id);
      -- Qualifying points: a customer's earns and referrals by day.
      CREATE INDEX points_ledger_qualifying ON points_ledger (customer_id, on_day, kind, points);
      -- Lots with points left, oldest first (FIFO), and those expiring in a month.
      CREATE INDEX points_ledger_lots ON points_ledger (customer_id, on_day, id) WHERE remaining > 0;
      CREATE INDEX points_ledger_expiring ON points_ledger (expires_on, customer_id) WHERE remaining > 0 AND expires_on IS NOT NULL;
      -- The daily pass: earns and referrals by day (those entering or leaving the 12-month window).
      CREATE INDEX points_ledger_earn_days ON points_ledger (on_day, customer_id) WHERE kind IN ('earn', 'referral');
      CREATE INDEX points_ledger_by_sale ON points_ledger (sale_id) WHERE sale_id IS NOT NULL;
      CREATE INDEX points_ledger_reversals ON points_ledger (reverses_id) WHERE reverses_id IS NOT NULL;

      CREATE TRIGGER points_ledger_no_delete BEFORE DELETE ON points_ledger
      BEGIN
        SELECT RAISE(ABORT, 'points_ledger is append-only: entries are never deleted');
      END;
      CREATE TRIGGER points_ledger_no_edit BEFORE UPDATE OF id, kind, points, on_day, at, sale_id, reward_id, coupon_id, expires_on, reason, created_by, reverses_id ON points_ledger
      BEGIN
        SELECT RAISE(ABORT, 'points_ledger is append-only: only a merge moves an entry (customer_id) and lots are consumed (remaining)');
      END;

      CREATE TABLE loyalty_tier_changes (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL,
        at INTEGER NOT NULL,
        on_day TEXT NOT NULL,
        from_key TEXT,
        to_key TEXT NOT NULL,
        qualifying INTEGER NOT NULL,
        threshold INTEGER NOT NULL,
        cause TEXT NOT NULL CHECK (cause IN ('earn', 'expiry', 'reversal', 'correction', 'settings', 'merge', 'daily', 'join'))
      ) STRICT;
      CREATE INDEX loyalty_tier_changes_by_customer ON loyalty_tier_changes (customer_id, id);

      CREATE TABLE loyalty_rewards (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        points INTEGER NOT NULL CHECK (points >= 1),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        stock INTEGER CHECK (stock IS NULL OR stock >= 0),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        version INTEGER NOT NULL DEFAULT 1
      ) STRICT;

      CREATE TABLE loyalty_coupons (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        customer_id INTEGER NOT NULL,
        reward_id INTEGER NOT NULL REFERENCES loyalty_rewards (id),
        points INTEGER NOT NULL,
        issued_on TEXT NOT NULL,
        used_on TEXT,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'used', 'void')),
        created_by INTEGER,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX loyalty_coupons_by_customer ON loyalty_coupons (customer_id, id);

      CREATE TABLE loyalty_referrals (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL,
        referred_id INTEGER NOT NULL UNIQUE,
        entry_id INTEGER NOT NULL,
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX loyalty_referrals_by_customer ON loyalty_referrals (customer_id);

      CREATE TABLE loyalty_merges (
        merge_id INTEGER PRIMARY KEY,
        kept_id INTEGER NOT NULL,
        merged_id INTEGER NOT NULL,
        -- The members' rows before (JSON, null: not a member), and the ledger's last id then.
        kept_member TEXT,
        merged_member TEXT,
        last_entry_id INTEGER NOT NULL,
        entry_ids TEXT NOT NULL,
        coupon_ids TEXT NOT NULL,
        referral_ids TEXT NOT NULL,
        tier_change_id INTEGER
      ) STRICT;
    `);
  },
};
