// Migration 0018 (Today's indexes) from a version-17 database with a shop in it: the rows stay as
// they were, the three indexes hold exactly the open follow-ups and the contracts with a notice
// day, and Today's sections are answered from them at once (the follow-ups count a range of the
// index, not the records' rows).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, SCHEMA_VERSION, schemaVersionOf } from '../../electron/core/db/migrations/index.ts';
import { kyselyOver } from '../../electron/core/db/sqlite/dialect.ts';
import { openEncrypted } from '../../electron/core/db/sqlite/open.ts';
import { readToday } from '../../electron/core/areas/today/service.ts';
import { fullAccess } from '../../electron/core/areas/users/access.ts';

const KEY = 'e7'.repeat(32);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function versionSeventeen() {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-mig18-'));
  dirs.push(dir);
  const db = openEncrypted(join(dir, 'clientele.db'), KEY, { create: true });
  migrate(db, 17);
  expect(schemaVersionOf(db)).toBe(17);
  const user = db.prepare('INSERT INTO users (username, display_name, role, active, created_at, updated_at) VALUES (?, ?, ?, 1, 1, 1)');
  user.run('boss', '老板', 'owner');
  user.run('wang', '小王', 'staff');
  const customer = db.prepare("INSERT INTO customers (code, kind, name, name_sort, region_sort, stage, grade, owner_id, created_at, updated_at) VALUES (?, 'company', ?, '', '', 'active', 'normal', ?, 1, 1)");
  customer.run('C000001', '张三科技', 2);
  customer.run('C000002', '李四商行', 1);
  const talk = db.prepare("INSERT INTO records (customer_id, kind, at, staff_id, content, channel, follow_up_on, follow_up_done_at, created_at, updated_at) VALUES (?, 'communication', 1000, ?, ?, 'phone', ?, ?, 1, 1)");
  talk.run(1, 2, '报价', '2026-11-30', null);
  talk.run(2, 1, '合同', '2026-12-02', null);
  talk.run(1, 2, '已跟进', '2026-11-28', 5000);
  talk.run(1, 2, '以后', '2026-12-09', null);
  const contract = db.prepare("INSERT INTO contracts (number, title, type, customer_id, signed_on, end_on, notice_days, notice_on, owner_id, created_at, updated_at) VALUES (?, ?, 'service', ?, '2026-01-01', ?, 30, ?, ?, 1, 1)");
  contract.run('HT-1', '维保', 1, '2026-12-20', '2026-11-20', 2);
  contract.run('HT-2', '采购', 2, '2027-06-30', '2027-05-31', 1);
  db.prepare("INSERT INTO inbox_marks (kind, ref_id, occurrence, done_at, by_user, at) VALUES ('visit', 1, '2026-12-02', 1, 1, 1)").run();
  return db;
}

describe('migration 0018 (today indexes)', () => {
  it("keeps a version-17 shop as it was and answers Today's sections from the new indexes", async () => {
    const raw = versionSeventeen();
    const tables = ['users', 'customers', 'records', 'contracts', 'inbox_marks'];
    const snapshot = () => Object.fromEntries(tables.map((table) => [table, raw.prepare(`SELECT * FROM ${table} ORDER BY 1`).all()]));
    const before = snapshot();
    migrate(raw, 18);
    expect(schemaVersionOf(raw)).toBe(18);
    expect(snapshot()).toEqual(before);
    expect(raw.prepare('SELECT follow_up_on FROM records INDEXED BY today_follow_ups WHERE follow_up_on IS NOT NULL AND follow_up_done_at IS NULL AND deleted_at IS NULL ORDER BY follow_up_on').pluck().all()).toEqual(['2026-11-30', '2026-12-02', '2026-12-09']);
    expect(raw.prepare('SELECT number FROM contracts INDEXED BY today_contracts_owner WHERE owner_id IN (1, 2) AND deleted_at IS NULL AND notice_on IS NOT NULL ORDER BY owner_id').pluck().all()).toEqual(['HT-2', 'HT-1']);

    const plan = (sqlText: string) => (raw.prepare(`EXPLAIN QUERY PLAN ${sqlText}`).all() as { detail: string }[]).map((step) => step.detail).join('\n');
    expect(plan("SELECT count(*) FROM records AS r INDEXED BY today_follow_ups WHERE r.follow_up_on IS NOT NULL AND r.follow_up_done_at IS NULL AND r.deleted_at IS NULL AND r.follow_up_on <= '2026-12-02'")).toContain('COVERING INDEX today_follow_ups');

    // Today's service is today's code and reads tables of later migrations (churn warnings read the
    // sales summary of 0022): it runs on the schema it is written for, so the shop is brought up to date.
    migrate(raw);
    expect(schemaVersionOf(raw)).toBe(SCHEMA_VERSION);
    const db = kyselyOver(raw);
    const now = new Date(2026, 11, 2, 9).getTime();
    const owner = await readToday(db, { scope: 'everyone' }, { ...fullAccess({ userId: 1, username: 'boss', role: 'owner' }), now });
    expect(owner.sections.followUps.items.map((item) => item.title)).toEqual(['报价', '合同']);
    expect(owner.sections.followUps.total).toBe(2);
    expect(owner.sections.contracts.items.map((item) => item.title)).toEqual(['HT-1 维保']);
    const wang = await readToday(db, {}, { ...fullAccess({ userId: 2, username: 'wang', role: 'staff' }), now });
    expect([wang.sections.followUps.items.map((item) => item.title), wang.sections.contracts.total]).toEqual([['报价'], 1]);
    await db.destroy();
  });
});
