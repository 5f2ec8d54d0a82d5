import type { Migration } from './migration.ts';

/** Users, customers with contacts and tags, grade history, and the search indexes. */
export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up: (db) => {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE users (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'staff', 'viewer')),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        version INTEGER NOT NULL DEFAULT 1
      ) STRICT;

      CREATE TABLE customers (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        code TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('company', 'person')),
        name TEXT NOT NULL,
        -- pinyin of Chinese names, lower case otherwise: what "sort by name" orders by
        name_sort TEXT NOT NULL,
        industry TEXT NOT NULL DEFAULT '',
        region TEXT NOT NULL DEFAULT '',
        address TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        website TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '',
        size TEXT CHECK (size IN ('micro', 'small', 'medium', 'large')),
        stage TEXT NOT NULL CHECK (stage IN ('lead', 'new', 'active', 'dormant', 'lost')),
        grade TEXT NOT NULL CHECK (grade IN ('vip', 'key', 'normal', 'potential')),
        grade_rank INTEGER GENERATED ALWAYS AS (
          CASE grade WHEN 'vip' THEN 0 WHEN 'key' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END
        ) VIRTUAL,
        owner_id INTEGER REFERENCES users(id),
        birthday TEXT NOT NULL DEFAULT '',
        birthday_calendar TEXT NOT NULL DEFAULT 'gregorian' CHECK (birthday_calendar IN ('gregorian', 'lunar')),
        notes TEXT NOT NULL DEFAULT '',
        created_by INTEGER REFERENCES users(id),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        deleted_at INTEGER
      ) STRICT;

      -- Keyset paging: one index per sort order, and per common filter + sort by name.
      CREATE INDEX customers_by_name ON customers (name_sort, id) WHERE deleted_at IS NULL;
      CREATE INDEX customers_by_updated ON customers (updated_at, id) WHERE deleted_at IS NULL;
      CREATE INDEX customers_by_grade ON customers (grade_rank, name_sort, id) WHERE deleted_at IS NULL;
      CREATE INDEX customers_by_grade_name ON customers (grade, name_sort, id) WHERE deleted_at IS NULL;
      CREATE INDEX customers_by_stage_name ON customers (stage, name_sort, id) WHERE deleted_at IS NULL;
      CREATE INDEX customers_by_owner_name ON customers (owner_id, name_sort, id) WHERE deleted_at IS NULL;
      CREATE INDEX customers_by_industry_name ON customers (industry, name_sort, id) WHERE deleted_at IS NULL;
      CREATE INDEX customers_by_region_name ON customers (region, name_sort, id) WHERE deleted_at IS NULL;
      -- Counts: a small index of live rows holding every filter column, so any count is an
      -- index-only scan (the planner would otherwise scan the whole table).
      CREATE INDEX customers_live_filters ON customers (owner_id, stage, grade, industry, region) WHERE deleted_at IS NULL;
      CREATE INDEX customers_in_bin ON customers (deleted_at, id) WHERE deleted_at IS NOT NULL;

      CREATE TABLE contacts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        mobile TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        wechat TEXT NOT NULL DEFAULT '',
        decision_maker INTEGER NOT NULL DEFAULT 0 CHECK (decision_maker IN (0, 1)),
        birthday TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX contacts_by_customer ON contacts (customer_id, position);

      CREATE TABLE tags (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE
      ) STRICT;

      CREATE TABLE customer_tags (
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        tag_id INTEGER NOT NULL REFERENCES tags(id),
        PRIMARY KEY (customer_id, tag_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX customer_tags_by_tag ON customer_tags (tag_id, customer_id);

      CREATE TABLE grade_history (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        grade TEXT NOT NULL,
        changed_at INTEGER NOT NULL,
        changed_by INTEGER REFERENCES users(id)
      ) STRICT;
      CREATE INDEX grade_history_by_customer ON grade_history (customer_id, changed_at);

      -- Search (see services/search-text.ts): trigram index for queries of 3+ characters, and a
      -- word index of Chinese single characters and pairs, words and initials for 1-2 characters.
      -- Contentless: the text lives only in the tables above. Row id = entity id * 16 + entity kind.
      CREATE VIRTUAL TABLE search_trigram USING fts5(text, tokenize = 'trigram', content = '', contentless_delete = 1);
      CREATE VIRTUAL TABLE search_short USING fts5(text, tokenize = 'unicode61', content = '', contentless_delete = 1);
    `);
  },
};
