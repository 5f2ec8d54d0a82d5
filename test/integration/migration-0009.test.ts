// Migration 0009 (attachments) from a version-8 database with a shop in it: customers, a contract,
// a logo and a staged file stay as they were; the attachments table takes files for customers and
// contracts with its rules (a real blob, a known owner kind); and the attachments service works on
// the migrated data at once, the contract's file found through its customer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersionOf } from '../../electron/core/db/migrations/index.ts';
import { kyselyOver } from '../../electron/core/db/sqlite/dialect.ts';
import { openEncrypted } from '../../electron/core/db/sqlite/open.ts';
import { listAttachments, purgeCustomerAttachments } from '../../electron/core/areas/attachments/service.ts';
import { fullAccess } from '../../electron/core/areas/users/access.ts';

const KEY = 'cd'.repeat(32);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function versionEight() {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-mig9-'));
  dirs.push(dir);
  const db = openEncrypted(join(dir, 'clientele.db'), KEY, { create: true });
  migrate(db, 8);
  expect(schemaVersionOf(db)).toBe(8);
  db.prepare("INSERT INTO users (username, display_name, role, active, created_at, updated_at) VALUES ('boss', '老板', 'owner', 1, 1, 1)").run();
  const customer = db.prepare("INSERT INTO customers (code, kind, name, name_sort, region_sort, stage, grade, owner_id, created_at, updated_at) VALUES (?, 'company', ?, '', '', 'lead', 'normal', 1, 1, 1)");
  customer.run('C000001', '张三科技');
  customer.run('C000002', '李四商行');
  db.prepare("INSERT INTO contracts (number, title, customer_id, type, created_at, updated_at) VALUES ('HT-2026-0001', '年度服务', 2, 'service', 1, 1)").run();
  const blob = Number(db.prepare("INSERT INTO blobs (sha256, size, type, created_at) VALUES (?, 3, 'text/plain', 1)").run('a'.repeat(64)).lastInsertRowid);
  db.prepare("INSERT INTO blob_chunks (blob_id, seq, data) VALUES (?, 0, CAST('abc' AS BLOB))").run(blob);
  db.prepare("INSERT INTO blob_refs (holder, blob_id) VALUES ('settings:logo', ?)").run(blob);
  db.prepare("INSERT INTO file_uploads (id, blob_id, purpose, user_id, name, created_at) VALUES ('u1', ?, 'attachment', 1, 'a.txt', 1)").run(blob);
  return { db, blob };
}

const snapshot = (db: ReturnType<typeof versionEight>['db']) =>
  Object.fromEntries(['users', 'customers', 'contracts', 'blobs', 'blob_chunks', 'blob_refs', 'file_uploads'].map((table) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all()]));

describe('migration 0009 (attachments)', () => {
  it('keeps a version-8 shop as it was and adds the attachments table with its rules; the service works on it', async () => {
    const { db: raw, blob } = versionEight();
    const before = snapshot(raw);
    migrate(raw, 9);
    expect(schemaVersionOf(raw)).toBe(9);
    expect(snapshot(raw)).toEqual(before);

    const insert = raw.prepare('INSERT INTO attachments (owner_kind, owner_id, blob_id, name, size, type, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, 3, ?, 1, ?, ?)');
    const onCustomer = Number(insert.run('customer', 1, blob, 'a.txt', 'text/plain', 10, 10).lastInsertRowid);
    const onContract = Number(insert.run('contract', 1, blob, 'b.txt', 'text/plain', 20, 20).lastInsertRowid);
    for (const id of [onCustomer, onContract]) raw.prepare('INSERT INTO blob_refs (holder, blob_id) VALUES (?, ?)').run(`attachment:${id}`, blob);
    // A real blob, a known kind of owner; description and version have their defaults.
    expect(() => insert.run('customer', 1, 999, 'x', 'text/plain', 1, 1)).toThrow(/FOREIGN KEY/);
    expect(() => insert.run('invoice', 1, blob, 'x', 'text/plain', 1, 1)).toThrow(/CHECK/);
    expect(raw.prepare('SELECT description, version, deleted_at FROM attachments WHERE id = ?').get(onCustomer)).toEqual({ description: '', version: 1, deleted_at: null });
    // An owner's files are found by one index seek.
    const plan = raw.prepare("EXPLAIN QUERY PLAN SELECT id FROM attachments WHERE owner_kind = 'contract' AND owner_id = 1 ORDER BY created_at DESC").all() as { detail: string }[];
    expect(plan.map((step) => step.detail).join('\n')).toMatch(/USING (COVERING )?INDEX attachments_owner/);

    // Today's service runs on today's schema: the later migrations (records, visits) go on top.
    migrate(raw);
    const db = kyselyOver(raw);
    const access = fullAccess({ userId: 1, username: 'boss', role: 'owner' });
    expect((await listAttachments(db, { kind: 'customer', id: 1 }, false, access)).map((a) => [a.name, a.createdByName, a.sha256])).toEqual([['a.txt', '老板', 'a'.repeat(64)]]);
    expect((await listAttachments(db, { kind: 'contract', id: 1 }, false, access)).map((a) => a.name)).toEqual(['b.txt']);
    // Purging the contract's customer takes the contract's file; the blob stays for its other holders.
    await db.transaction().execute((tx) => purgeCustomerAttachments(tx, 2));
    expect(raw.prepare('SELECT id FROM attachments').all()).toEqual([{ id: onCustomer }]);
    expect(raw.prepare('SELECT count(*) AS n FROM blobs').get()).toEqual({ n: 1 });
    raw.close();
  });
});
