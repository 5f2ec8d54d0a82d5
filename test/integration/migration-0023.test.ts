// Migration 0023 (grading) from a version-22 database with a shop in it: customers, their grade
// history and sales stay as they were; every earlier grade history row reads as set by hand
// ('manual', no proposal); the proposal tables take their rules (one monthly proposal per month,
// known sources and decisions); and a proposal is made and applied on the migrated data at once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersionOf } from '../../electron/core/db/migrations/index.ts';
import { kyselyOver } from '../../electron/core/db/sqlite/dialect.ts';
import { openEncrypted } from '../../electron/core/db/sqlite/open.ts';
import { applyProposal, decideItems, proposeGrading } from '../../electron/core/areas/grading/service.ts';
import { TEST_START } from './harness.ts';

const KEY = 'ef'.repeat(32);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function versionTwentyTwo() {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-mig23-'));
  dirs.push(dir);
  const db = openEncrypted(join(dir, 'clientele.db'), KEY, { create: true });
  migrate(db, 22);
  expect(schemaVersionOf(db)).toBe(22);
  db.prepare("INSERT INTO users (username, display_name, role, active, created_at, updated_at) VALUES ('boss', '老板', 'owner', 1, 1, 1)").run();
  const customer = db.prepare("INSERT INTO customers (code, kind, name, name_sort, region_sort, stage, grade, owner_id, created_at, updated_at) VALUES (?, 'company', ?, '', '', 'active', ?, 1, 1, 1)");
  customer.run('C000001', '张三科技', 'normal');
  customer.run('C000002', '李四商行', 'vip');
  const history = db.prepare('INSERT INTO grade_history (customer_id, grade, changed_at, changed_by) VALUES (?, ?, ?, 1)');
  history.run(1, 'normal', 1);
  history.run(2, 'normal', 1);
  history.run(2, 'vip', 2);
  const sale = db.prepare("INSERT INTO sales (customer_id, sold_on, currency, total_minor, created_by, created_at, updated_at) VALUES (?, ?, 'CNY', ?, 1, 1, 1)");
  sale.run(1, '2026-10-05', 90_000);
  sale.run(2, '2026-09-01', 10_000);
  return db;
}

const snapshot = (db: ReturnType<typeof versionTwentyTwo>) =>
  Object.fromEntries(['users', 'customers', 'sales', 'sales_monthly', 'customer_sales'].map((table) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all()]));

describe('migration 0023 (grading)', () => {
  it('keeps a version-22 shop as it was, reads its grade history as manual, and grades on it at once', async () => {
    const raw = versionTwentyTwo();
    const before = snapshot(raw);
    const historyBefore = raw.prepare('SELECT id, customer_id, grade, changed_at, changed_by FROM grade_history ORDER BY id').all();
    migrate(raw, 23);
    expect(schemaVersionOf(raw)).toBe(23);
    expect(snapshot(raw)).toEqual(before);
    expect(raw.prepare('SELECT id, customer_id, grade, changed_at, changed_by FROM grade_history ORDER BY id').all()).toEqual(historyBefore);
    expect(raw.prepare('SELECT DISTINCT source, proposal_id FROM grade_history').all()).toEqual([{ source: 'manual', proposal_id: null }]);
    // Known sources only; a proposal that exists; one monthly proposal per month.
    expect(() => raw.prepare("INSERT INTO grade_history (customer_id, grade, changed_at, source) VALUES (1, 'vip', 3, 'guess')").run()).toThrow(/CHECK/);
    expect(() => raw.prepare("INSERT INTO grade_history (customer_id, grade, changed_at, source, proposal_id) VALUES (1, 'vip', 3, 'abc', 99)").run()).toThrow(/FOREIGN KEY/);
    const proposal = raw.prepare("INSERT INTO grading_proposals (created_at, month, period_from, period_to, as_of, monthly, currency, cutoff_a, cutoff_b, rules, graded) VALUES (1, '2026-10', '2025-11', '2026-10', '2026-10-01', 1, 'CNY', 70, 20, '[]', 0)");
    proposal.run();
    expect(() => proposal.run()).toThrow(/UNIQUE/);
    raw.prepare('DELETE FROM grading_proposals').run();

    // The service on the migrated data: 张三 has 90 % of the revenue (A → vip), 李四 falls to C (→ potential, R 1).
    migrate(raw);
    const db = kyselyOver(raw);
    const actor = { userId: 1, username: 'boss', now: TEST_START };
    const made = await proposeGrading(db, actor, {});
    expect(made.counts).toMatchObject({ graded: 2, items: 2 });
    await decideItems(db, { proposalId: made.id, customerIds: 'all', decision: 'accepted' }, actor);
    const { skipped } = await applyProposal(db, made.id, actor);
    expect(skipped).toEqual([]);
    expect(raw.prepare('SELECT id, grade, version FROM customers ORDER BY id').all()).toEqual([
      { id: 1, grade: 'vip', version: 2 },
      { id: 2, grade: 'potential', version: 2 },
    ]);
    expect(raw.prepare('SELECT customer_id, grade, source, proposal_id, changed_by FROM grade_history WHERE source <> ? ORDER BY id').all('manual')).toEqual([
      { customer_id: 1, grade: 'vip', source: 'abc', proposal_id: made.id, changed_by: 1 },
      { customer_id: 2, grade: 'potential', source: 'abc', proposal_id: made.id, changed_by: 1 },
    ]);
    // The summary follows the customer's new grade (sales-core's trigger on customers).
    expect(raw.prepare('SELECT customer_id, grade FROM sales_monthly ORDER BY customer_id').all()).toEqual([
      { customer_id: 1, grade: 'vip' },
      { customer_id: 2, grade: 'potential' },
    ]);
    raw.close();
  });
});
