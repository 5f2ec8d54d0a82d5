// Migration 0021 (customer merges) from a version-20 database with customers and their rows: every
// row stays as it was, customers get merged_into (null), the new tables are there and empty, and a
// merge and its undo run on the shop migrated on to the current version.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, SCHEMA_VERSION, schemaVersionOf } from '../../electron/core/db/migrations/index.ts';
import { kyselyOver } from '../../electron/core/db/sqlite/dialect.ts';
import { openEncrypted } from '../../electron/core/db/sqlite/open.ts';
import { mergeCustomers, undoMerge } from '../../electron/core/areas/duplicates/service.ts';
import { findDuplicates } from '../../electron/core/areas/duplicates/finder.ts';
import { fullAccess } from '../../electron/core/areas/users/access.ts';

const KEY = 'e1'.repeat(32);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function versionTwenty() {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-mig21-'));
  dirs.push(dir);
  const db = openEncrypted(join(dir, 'clientele.db'), KEY, { create: true });
  migrate(db, 20);
  expect(schemaVersionOf(db)).toBe(20);
  db.prepare("INSERT INTO users (username, display_name, role, active, created_at, updated_at) VALUES ('boss', '老板', 'owner', 1, 1, 1)").run();
  const customer = db.prepare("INSERT INTO customers (code, kind, name, name_sort, region_sort, phone, stage, grade, owner_id, created_at, updated_at) VALUES (?, 'company', ?, ?, '', ?, 'active', 'normal', 1, 1, 1)");
  customer.run('C000001', '张三科技有限公司', 'zhang san ke ji', '138 0013 8000');
  customer.run('C000002', '張三科技', 'zhang san ke ji', '+86 13800138000');
  db.prepare("INSERT INTO contacts (customer_id, position, name, title, phone, mobile, email, wechat, decision_maker, birthday, birthday_calendar, created_at, updated_at) VALUES (2, 0, '李四', '', '', '13900001111', '', '', 0, '', 'gregorian', 1, 1)").run();
  db.prepare("INSERT INTO records (customer_id, kind, at, content, channel, created_at, updated_at) VALUES (2, 'communication', 5, '电话', 'phone', 1, 1)").run();
  return db;
}

describe('migration 0021 (customer merges)', () => {
  it('keeps a version-20 shop as it was and adds what merges need', async () => {
    const raw = versionTwenty();
    const snapshot = () => ({
      customers: raw.prepare('SELECT id, code, name, phone, version, deleted_at FROM customers ORDER BY id').all(),
      contacts: raw.prepare('SELECT * FROM contacts ORDER BY id').all(),
      records: raw.prepare('SELECT * FROM records ORDER BY id').all(),
    });
    const before = snapshot();
    migrate(raw, 21);
    expect(schemaVersionOf(raw)).toBe(21);
    expect(snapshot()).toEqual(before);
    expect(raw.prepare('SELECT merged_into FROM customers').pluck().all()).toEqual([null, null]);
    for (const table of ['customer_merges', 'customer_merge_moves', 'duplicate_dismissals', 'duplicate_name_keys']) {
      expect(raw.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    }

    // The merge service is today's code and reads every table a merge moves, sales among them (0022 and
    // later): it runs on the schema it was written for, so the shop is brought up to date first.
    migrate(raw);
    expect(schemaVersionOf(raw)).toBe(SCHEMA_VERSION);
    const db = kyselyOver(raw);
    const owner = fullAccess({ userId: 1, username: 'boss', role: 'owner' });
    const found = await findDuplicates(db, owner, null);
    expect(found.groups.map((g) => [g.customers.map((c) => c.id).sort(), g.reasons.map((r) => r.reason)])).toEqual([[[1, 2], ['phone', 'name']]]);
    expect(raw.prepare('SELECT count(*) FROM duplicate_name_keys').pluck().get()).toBe(2);
    const merged = await mergeCustomers(db, { keep: 1, merge: 2, fields: {}, version: { keep: 1, merge: 1 } }, { ...owner, now: 100 });
    expect(merged.moved).toMatchObject({ contacts: 1, records: 1 });
    await undoMerge(db, merged.merge, { ...owner, now: 200 });
    expect(raw.prepare('SELECT * FROM contacts ORDER BY id').all()).toEqual(before.contacts);
    expect(raw.prepare('SELECT * FROM records ORDER BY id').all()).toEqual(before.records);
    await db.destroy();
  });
});
