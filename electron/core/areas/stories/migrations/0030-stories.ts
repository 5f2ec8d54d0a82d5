import type { Migration } from '../../../db/migrations/migration.ts';

/**
 * Success stories (客户合作案例; areas/stories): one row per story of a customer, its result
 * figures as a JSON array of { label, value } (at most 10, checked by the contract), and the files
 * it refers to: attachments already kept with the customer (story_files), so the attachments
 * table keeps its owner kinds. A story goes to the recycle bin (deleted_at) and back; a customer
 * merged moves its stories (duplicates' BY_CUSTOMER); a customer purged takes its stories with it.
 */
export const migration0030: Migration = {
  version: 30,
  name: 'stories',
  up: (db) => {
    db.exec(`
      CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers (id),
        title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        background TEXT NOT NULL DEFAULT '',
        what_we_did TEXT NOT NULL DEFAULT '',
        results TEXT NOT NULL DEFAULT '',
        result_figures TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(result_figures) AND json_type(result_figures) = 'array'),
        named_consent TEXT NOT NULL DEFAULT 'ask' CHECK (named_consent IN ('yes', 'no', 'ask')),
        story_on TEXT NOT NULL CHECK (story_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        created_by INTEGER REFERENCES users (id),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        deleted_at INTEGER,
        deleted_by INTEGER REFERENCES users (id),
        version INTEGER NOT NULL DEFAULT 1
      ) STRICT;
      CREATE INDEX stories_customer ON stories (customer_id, story_on, id);
      CREATE INDEX stories_list ON stories (story_on, id) WHERE deleted_at IS NULL;

      CREATE TABLE story_files (
        story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        attachment_id INTEGER NOT NULL REFERENCES attachments (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        PRIMARY KEY (story_id, attachment_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX story_files_attachment ON story_files (attachment_id);
    `);
  },
};
