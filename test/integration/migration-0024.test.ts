// Migration 0024 (churn) from the version before it with a shop in it: customers, a user and the
// settings stay as they were; churn_dismissals takes one dismissal per customer and rule (a known
// rule, a real customer), goes with a purged customer; the k setting is there with its default;
// and the churn service works on the migrated data at once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, schemaVersionOf } from '../../electron/core/db/migrations/index.ts';
import { kyselyOver } from '../../electron/core/db/sqlite/dialect.ts';
import { openEncrypted } from '../../electron/core/db/sqlite/open.ts';
import { listChurn, readChurnK } from '../../electron/core/areas/churn/service.ts';
import { fullAccess } from '../../electron/core/areas/users/access.ts';
import { TEST_START } from './harness.ts';

const KEY = 'cd'.repeat(32);
const VERSION = MIGRATIONS.findIndex((step) => step.name === 'churn') + 1;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function versionBefore() {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-mig24-'));
  dirs.push(dir);
  const db = openEncrypted(join(dir, 'clientele.db'), KEY, { create: true });
  migrate(db, VERSION - 1);
  expect(schemaVersionOf(db)).toBe(VERSION - 1);
  db.prepare("INSERT INTO users (username, display_name, role, active, created_at, updated_at) VALUES ('boss', '老板', 'owner', 1, 1, 1)").run();
  const customer = db.prepare("INSERT INTO customers (code, kind, name, name_sort, region_sort, stage, grade, owner_id, created_at, updated_at, last_contact_at) VALUES (?, 'company', ?, ?, '', 'active', 'vip', 1, ?, ?, ?)");
  // Added and last heard from 100 days before the test's start: past the VIP cadence (30 days).
  const long = TEST_START - 100 * 86_400_000;
  customer.run('C000001', '张三科技', 'zhangsankeji', long, long, long);
  customer.run('C000002', '李四商行', 'lisishanghang', long, long, long);
  db.prepare("INSERT INTO settings (key, value) VALUES ('shop_name', '张三小店')").run();
  return db;
}

const snapshot = (db: ReturnType<typeof versionBefore>) => Object.fromEntries(['users', 'customers', 'settings'].map((table) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all()]));

describe('migration 0024 (churn)', () => {
  it('keeps the shop as it was, adds dismissals with their rules and the k setting; the service works on it', async () => {
    expect(VERSION).toBe(24);
    const raw = versionBefore();
    const before = snapshot(raw);
    migrate(raw, VERSION);
    expect(schemaVersionOf(raw)).toBe(VERSION);
    const after = snapshot(raw);
    expect(after.users).toEqual(before.users);
    expect(after.customers).toEqual(before.customers);
    expect(after.settings).toEqual([...(before.settings as object[]), { key: 'churn', value: '{"k":2}' }].sort((a, b) => ((a as { key: string }).key < (b as { key: string }).key ? -1 : 1)));

    const insert = raw.prepare('INSERT INTO churn_dismissals (customer_id, rule, fingerprint, reason, dismissed_by, dismissed_at) VALUES (?, ?, ?, ?, 1, 5)');
    insert.run(1, 'cadence', 'cadence:["x"]', '出国');
    expect(() => insert.run(1, 'cadence', 'y', 'again')).toThrow(/UNIQUE|PRIMARY KEY/); // one per customer and rule
    expect(() => insert.run(1, 'mood', 'y', 'x')).toThrow(/CHECK/);
    expect(() => insert.run(99, 'cadence', 'y', 'x')).toThrow(/FOREIGN KEY/);
    insert.run(2, 'contract', 'contract:[1]', '续签中');
    raw.prepare('DELETE FROM customers WHERE id = 2').run(); // a purge takes its dismissals
    expect(raw.prepare('SELECT customer_id, rule FROM churn_dismissals').all()).toEqual([{ customer_id: 1, rule: 'cadence' }]);

    migrate(raw);
    const db = kyselyOver(raw);
    expect(await readChurnK(db)).toBe(2);
    const page = await listChurn(db, { ...fullAccess({ userId: 1, username: 'boss', role: 'owner' }), now: TEST_START }, { cursor: null, limit: 50 });
    // The stored dismissal's fingerprint is not today's facts': the warning shows.
    expect(page.rows.map((row) => [row.customerName, row.reasons.map((r) => r.rule)])).toEqual([['张三科技', ['cadence']]]);
    raw.close();
  });
});
