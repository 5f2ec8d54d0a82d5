import type { Migration } from '../../../db/migrations/migration.ts';

/**
 * Value grading (areas/grading).
 *
 * - grading_proposals: one row per proposal, with what it was computed with (month, period,
 *   currency, cut-offs, rules as JSON) so its reasons read the same after the settings change.
 *   At most one monthly proposal per month (a unique partial index: two processes opening grading
 *   at the start of a month make one).
 * - grading_proposal_items: the customers whose suggested grade differs, in revenue order
 *   (`position`), with the facts behind the suggestion, the customer's version when proposed (an
 *   edit since skips it at apply), the owner's decision and, after apply, the outcome. No foreign
 *   key to customers: a purged customer's item stays in the record and is skipped.
 * - grade_history.source ('manual' for every row before) and grade_history.proposal_id: the grade
 *   history says "suggested by ABC, accepted by …".
 * Settings live in the settings table under the key 'grading' (JSON), absent = the defaults.
 */
export const migration0023: Migration = {
  version: 23,
  name: 'grading',
  up: (db) => {
    db.exec(`
      CREATE TABLE grading_proposals (
        id INTEGER PRIMARY KEY,
        created_at INTEGER NOT NULL,
        created_by INTEGER REFERENCES users (id),
        -- The local month it was made in ('YYYY-MM'), the last of the 12 graded.
        month TEXT NOT NULL,
        period_from TEXT NOT NULL,
        period_to TEXT NOT NULL,
        -- The local day recency is counted to ('YYYY-MM-DD').
        as_of TEXT NOT NULL,
        monthly INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'applied', 'discarded')),
        currency TEXT NOT NULL,
        cutoff_a INTEGER NOT NULL,
        cutoff_b INTEGER NOT NULL,
        rules TEXT NOT NULL,
        graded INTEGER NOT NULL,
        other_currencies TEXT NOT NULL DEFAULT '[]',
        applied_at INTEGER,
        applied_by INTEGER REFERENCES users (id),
        closed_at INTEGER
      ) STRICT;
      CREATE UNIQUE INDEX grading_proposals_monthly ON grading_proposals (month) WHERE monthly = 1;
      CREATE INDEX grading_proposals_open ON grading_proposals (status, id);

      CREATE TABLE grading_proposal_items (
        proposal_id INTEGER NOT NULL REFERENCES grading_proposals (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        customer_id INTEGER NOT NULL,
        customer_version INTEGER NOT NULL,
        from_grade TEXT NOT NULL,
        to_grade TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('abc', 'rfm')),
        abc TEXT NOT NULL CHECK (abc IN ('A', 'B', 'C')),
        r INTEGER NOT NULL,
        f INTEGER NOT NULL,
        m INTEGER NOT NULL,
        days_since INTEGER NOT NULL,
        sale_count INTEGER NOT NULL,
        revenue_minor INTEGER NOT NULL,
        rule INTEGER NOT NULL,
        share INTEGER NOT NULL,
        rank INTEGER NOT NULL,
        of INTEGER NOT NULL,
        decision TEXT NOT NULL DEFAULT 'pending' CHECK (decision IN ('pending', 'accepted', 'rejected')),
        outcome TEXT CHECK (outcome IN ('applied', 'skipped')),
        PRIMARY KEY (proposal_id, position)
      ) STRICT, WITHOUT ROWID;
      CREATE UNIQUE INDEX grading_proposal_items_customer ON grading_proposal_items (proposal_id, customer_id);
      CREATE INDEX grading_proposal_items_decision ON grading_proposal_items (proposal_id, decision, position);

      ALTER TABLE grade_history ADD COLUMN source TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'abc', 'rfm', 'import', 'merge'));
      ALTER TABLE grade_history ADD COLUMN proposal_id INTEGER REFERENCES grading_proposals (id);
    `);
  },
};
