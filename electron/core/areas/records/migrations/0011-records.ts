import type { Migration } from '../../../db/migrations/migration.ts';

/**
 * Service records (服务记录) and communication records (沟通记录) of customers (areas/records), in
 * one table: both are "something we did with this customer, when, by whom, what was said", they
 * share the timeline, the search box, the recycle bin and attachments; the columns only one kind
 * has are NULL (or '') on the other, and CHECKs keep each kind whole.
 *
 * Participants of a communication (the customer's contacts and our staff) are rows of their own,
 * each with the name as it was, so a contact removed later still reads right.
 *
 * A record's text is found by the one search box through record_search_trigram: trigrams of a
 * capped prefix of its texts (DESIGN.md: a trigram index over long free text outgrows the text).
 */
export const migration0011: Migration = {
  version: 11,
  name: 'records',
  up: (db) => {
    db.exec(`
      CREATE TABLE records (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers (id),
        kind TEXT NOT NULL CHECK (kind IN ('service', 'communication')),
        -- When it happened (milliseconds since 1970, UTC): the timeline's order.
        at INTEGER NOT NULL,
        -- Our staff member who did it (service) or led it (communication).
        staff_id INTEGER REFERENCES users (id),
        content TEXT NOT NULL,
        -- Service records only.
        phase TEXT CHECK (phase IN ('presale', 'insale', 'aftersale')),
        service_kind TEXT CHECK (service_kind IN ('installation', 'repair', 'maintenance', 'consultation', 'training', 'other')),
        duration_minutes INTEGER CHECK (duration_minutes IS NULL OR duration_minutes >= 0),
        result TEXT NOT NULL DEFAULT '',
        status TEXT CHECK (status IN ('open', 'done')),
        feedback TEXT NOT NULL DEFAULT '',
        contract_id INTEGER REFERENCES contracts (id),
        -- Communication records only.
        channel TEXT CHECK (channel IN ('phone', 'email', 'meeting', 'visit', 'wechat', 'other')),
        agreements TEXT NOT NULL DEFAULT '',
        -- The next follow-up, a calendar day (YYYY-MM-DD, the shop's local day); done when followed up.
        follow_up_on TEXT,
        follow_up_done_at INTEGER,
        -- The visit this record completed (at most one record per visit), and where it came from.
        visit_id INTEGER,
        source TEXT NOT NULL DEFAULT 'app' CHECK (source IN ('app', 'visit', 'import')),
        created_by INTEGER REFERENCES users (id),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        deleted_at INTEGER,
        deleted_by INTEGER REFERENCES users (id),
        version INTEGER NOT NULL DEFAULT 1,
        CHECK (kind <> 'service' OR (phase IS NOT NULL AND service_kind IS NOT NULL AND status IS NOT NULL AND channel IS NULL AND follow_up_on IS NULL)),
        CHECK (kind <> 'communication' OR (channel IS NOT NULL AND phase IS NULL AND service_kind IS NULL AND status IS NULL AND contract_id IS NULL))
      ) STRICT;
      -- A customer's timeline page (deleted records stay in it, marked), newest first: one seek.
      CREATE INDEX records_timeline ON records (customer_id, at, id);
      -- The timeline filtered by staff member.
      CREATE INDEX records_timeline_staff ON records (customer_id, staff_id, at, id);
      -- The shop's records list (the Service records page), newest first, and one staff member's.
      CREATE INDEX records_by_at ON records (at, id) WHERE deleted_at IS NULL;
      CREATE INDEX records_by_staff ON records (staff_id, at, id) WHERE deleted_at IS NULL;
      -- "Follow-ups due": open follow-ups by day.
      CREATE INDEX records_follow_ups ON records (follow_up_on, id)
        WHERE follow_up_on IS NOT NULL AND follow_up_done_at IS NULL AND deleted_at IS NULL;
      -- Completing a visit twice must not make two records: the second insert fails here.
      CREATE UNIQUE INDEX records_by_visit ON records (visit_id) WHERE visit_id IS NOT NULL;
      CREATE INDEX records_by_contract ON records (contract_id) WHERE contract_id IS NOT NULL;
      CREATE INDEX records_deleted ON records (deleted_at, id) WHERE deleted_at IS NOT NULL;

      CREATE TABLE record_participants (
        record_id INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        -- One of the customer's contacts, or one of our users; the name as it was when recorded.
        contact_id INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
        user_id INTEGER REFERENCES users (id),
        name TEXT NOT NULL,
        PRIMARY KEY (record_id, position)
      ) STRICT, WITHOUT ROWID;

      -- Trigrams of the first RECORD_SEARCH_CHARS characters of content, result, agreements and
      -- feedback together; row id = -record id (FTS5 walks it newest first). Live records only (a deleted one leaves the index).
      CREATE VIRTUAL TABLE record_search_trigram USING fts5(text, tokenize = 'trigram', content = '', contentless_delete = 1);
    `);
  },
};
