// The plans of the trends a scoped caller (or one customer) gets, summed from survey rows: with the
// statistics a seeded shop has, with none, and with those of the bench's shop, the walk starts at
// the customer or the caller's customers, reaches their surveys through surveys_timeline and each
// survey's scores by primary key — never a scan of every survey or score of the shop. A guard:
// SQLite chose this order before the unary pluses too; they keep statistics from changing it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kyselyOver } from '../../electron/core/db/sqlite/dialect.ts';
import { trendNpsStatement, trendScoresStatement } from '../../electron/core/areas/surveys/service.ts';
import { rawDb } from './attachments-kit.ts';
import { makeHarness, shopWithRoles, userNamed, type Harness } from './harness.ts';

let h: Harness;
let staffId: number;
let customerId: number;

beforeAll(async () => {
  h = makeHarness();
  h.clock.now = new Date(2026, 11, 1, 12).getTime();
  await shopWithRoles(h);
  staffId = (await userNamed(h, 'staff')).id;
  customerId = (await h.call('owner', 'customers.create', { name: '计划的客户', ownerId: staffId })).id;
  await h.call('owner', 'system.seed', { customers: 30, surveys: 600, seed: 11 });
}, 60_000);
afterAll(() => h.cleanup());

/** sqlite_stat1 rows as ANALYZE writes them for a shop of the bench's size. */
const AT_SCALE: readonly (readonly [string, string | null, string])[] = [
  ['customers', null, '20000'],
  ['customers', 'customers_by_owner_name', '20000 3334 1 1'],
  ['customers', 'customers_live_filters', '20000 3334 700 200 50 10'],
  ['customers', 'customers_scope', '20000 1 1 1'],
  ['surveys', null, '200000'],
  ['surveys', 'surveys_list', '200000 2 1'],
  ['surveys', 'surveys_timeline', '200000 10 1 1'],
  ['surveys', 'surveys_by_staff', '200000 33334 2 1'],
  ['survey_scores', 'survey_scores', '800000 4 1'],
  ['survey_scores', 'sqlite_autoindex_survey_scores_1', '800000 4 1'],
];

describe('surveys trends summed from rows', () => {
  it('walk customers → surveys_timeline → scores by key, whatever the statistics, scoped or for one customer', async () => {
    const raw = await rawDb(h);
    try {
      const db = kyselyOver(raw);
      const planOf = (compiled: { sql: string; parameters: readonly unknown[] }) =>
        (raw.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...compiled.parameters) as { detail: string }[]).map((step) => step.detail).join('\n');
      const range = { from: '2025-01', to: '2026-12' };
      const cases = [
        { query: range, staff: undefined, ownerId: staffId }, // a staff member's own customers
        { query: range, staff: staffId, ownerId: staffId }, // … for one staff member
        { query: { ...range, customerId }, staff: undefined, ownerId: null }, // one customer
        { query: { ...range, customerId }, staff: undefined, ownerId: staffId }, // one customer, scoped
      ];
      // As the seed leaves this small shop (PRAGMA optimize: statistics for some tables), with no
      // statistics at all, and with those of the bench's shop (20,000 customers of six owners,
      // 200,000 surveys with four scores each). ANALYZE sqlite_schema reloads them.
      for (const stats of ['as seeded', 'none', 'at scale']) {
        if (stats === 'none') raw.exec('DELETE FROM sqlite_stat1; ANALYZE sqlite_schema;');
        if (stats === 'at scale') {
          const put = raw.prepare('INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)');
          for (const row of AT_SCALE) put.run(...row);
          raw.exec('ANALYZE sqlite_schema;');
        }
        for (const { query, staff, ownerId } of cases) {
          for (const statement of [trendScoresStatement, trendNpsStatement]) {
            const plan = planOf(statement(db, query, staff, ownerId).compile());
            const steps = plan.split('\n');
            // Customers first (by key, or the caller's through an index: never the table) …
            expect(steps[0], `${stats}:\n${plan}`).toMatch(/^(SEARCH|SCAN) c USING (INTEGER PRIMARY KEY|(COVERING )?INDEX)/);
            // … then their surveys by customer, then (for CSAT) each survey's scores by primary key.
            expect(plan, stats).toMatch(/SEARCH s USING INDEX surveys_timeline \(customer_id=\?\)/);
            if (statement === trendScoresStatement) expect(plan, stats).toMatch(/SEARCH ss USING PRIMARY KEY \(survey_id=\?\)/);
            expect(plan, stats).not.toMatch(/^SCAN (s|ss)\b|^SCAN c$/m); // no walk of every survey or score, nor of the customers' table
          }
        }
      }
    } finally {
      raw.close();
    }
  });
});
