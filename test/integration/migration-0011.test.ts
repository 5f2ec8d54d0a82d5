// Migration 0011 (records) from a version-10 database with a shop in it: users, customers, a
// contact, a contract and a customer's file stay as they were; the records table keeps each kind
// whole (its CHECKs), one record per visit, participants going with their record; the list and
// follow-up queries walk their indexes; and the records service works on the migrated data at once
// (a record with a participant, found by the search box's index, listed as a follow-up).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersionOf } from '../../electron/core/db/migrations/index.ts';
import { kyselyOver } from '../../electron/core/db/sqlite/dialect.ts';
import { openEncrypted } from '../../electron/core/db/sqlite/open.ts';
import { insertRecord, listFollowUps, readRecord } from '../../electron/core/areas/records/service.ts';
import { searchRecords } from '../../electron/core/areas/search/records.ts';
import { fullAccess } from '../../electron/core/areas/users/access.ts';
import { RecordDraft } from '../../shared/api/records.ts';

const KEY = 'ce'.repeat(32);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function versionTen() {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-mig11-'));
  dirs.push(dir);
  const db = openEncrypted(join(dir, 'clientele.db'), KEY, { create: true });
  migrate(db, 10);
  expect(schemaVersionOf(db)).toBe(10);
  db.prepare("INSERT INTO users (username, display_name, role, active, created_at, updated_at) VALUES ('boss', '老板', 'owner', 1, 1, 1)").run();
  const customer = db.prepare("INSERT INTO customers (code, kind, name, name_sort, region_sort, stage, grade, owner_id, created_at, updated_at) VALUES (?, 'company', ?, '', '', 'lead', 'normal', 1, 1, 1)");
  customer.run('C000001', '张三科技');
  customer.run('C000002', '李四商行');
  db.prepare("INSERT INTO contacts (customer_id, position, name, created_at, updated_at) VALUES (1, 0, '王经理', 1, 1)").run();
  db.prepare("INSERT INTO contracts (number, title, customer_id, type, created_at, updated_at) VALUES ('HT-2026-0001', '年度服务', 1, 'service', 1, 1)").run();
  const blob = Number(db.prepare("INSERT INTO blobs (sha256, size, type, created_at) VALUES (?, 3, 'text/plain', 1)").run('b'.repeat(64)).lastInsertRowid);
  db.prepare("INSERT INTO blob_chunks (blob_id, seq, data) VALUES (?, 0, CAST('abc' AS BLOB))").run(blob);
  const file = Number(db.prepare("INSERT INTO attachments (owner_kind, owner_id, blob_id, name, size, type, created_by, created_at, updated_at) VALUES ('customer', 1, ?, 'a.txt', 3, 'text/plain', 1, 1, 1)").run(blob).lastInsertRowid);
  db.prepare('INSERT INTO blob_refs (holder, blob_id) VALUES (?, ?)').run(`attachment:${file}`, blob);
  return db;
}

const TABLES = ['users', 'customers', 'contacts', 'contracts', 'attachments', 'blobs', 'blob_chunks', 'blob_refs'];
const snapshot = (db: ReturnType<typeof versionTen>) => Object.fromEntries(TABLES.map((table) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all()]));

describe('migration 0011 (records)', () => {
  it('keeps a version-10 shop as it was and adds records with their rules; the service works on it', async () => {
    const raw = versionTen();
    const before = snapshot(raw);
    migrate(raw, 11);
    expect(schemaVersionOf(raw)).toBe(11);
    expect(snapshot(raw)).toEqual(before);

    const insert = raw.prepare(
      'INSERT INTO records (customer_id, kind, at, content, phase, service_kind, status, channel, contract_id, follow_up_on, visit_id, created_at, updated_at) VALUES (?, ?, 1000, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1)',
    );
    const serviceId = Number(insert.run(1, 'service', '安装', 'presale', 'installation', 'open', null, 1, null, 7).lastInsertRowid);
    // Each kind whole: a service record without its phase, with a channel; a communication with a contract.
    expect(() => insert.run(1, 'service', 'x', null, 'installation', 'open', null, null, null, null)).toThrow(/CHECK/);
    expect(() => insert.run(1, 'service', 'x', 'presale', 'installation', 'open', 'phone', null, null, null)).toThrow(/CHECK/);
    expect(() => insert.run(1, 'communication', 'x', null, null, null, 'phone', 1, null, null)).toThrow(/CHECK/);
    expect(() => insert.run(1, 'letter', 'x', null, null, null, 'phone', null, null, null)).toThrow(/CHECK/);
    // One record per visit.
    expect(() => insert.run(1, 'service', 'y', 'presale', 'repair', 'done', null, null, null, 7)).toThrow(/UNIQUE/);
    const talkId = Number(insert.run(2, 'communication', '电话', null, null, null, 'phone', null, '2026-12-05', null).lastInsertRowid);
    expect(raw.prepare('SELECT result, feedback, agreements, source, version, deleted_at FROM records WHERE id = ?').get(talkId)).toEqual({ result: '', feedback: '', agreements: '', source: 'app', version: 1, deleted_at: null });
    // Participants go with their record; a contact removed leaves the name.
    raw.prepare("INSERT INTO record_participants (record_id, position, contact_id, name) VALUES (?, 0, 1, '王经理')").run(serviceId);
    raw.prepare('DELETE FROM contacts WHERE id = 1').run();
    expect(raw.prepare('SELECT contact_id, name FROM record_participants').all()).toEqual([{ contact_id: null, name: '王经理' }]);
    raw.prepare('DELETE FROM records WHERE id = ?').run(serviceId);
    expect(raw.prepare('SELECT count(*) AS n FROM record_participants').get()).toEqual({ n: 0 });

    // The lists walk their indexes.
    const plan = (sql: string) => (raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((step) => step.detail).join('\n');
    expect(plan('SELECT id FROM records WHERE deleted_at IS NULL ORDER BY at DESC, id DESC LIMIT 50')).toMatch(/INDEX records_by_at/);
    expect(plan("SELECT id FROM records WHERE follow_up_on IS NOT NULL AND follow_up_done_at IS NULL AND deleted_at IS NULL AND follow_up_on <= '2026-12-08' ORDER BY follow_up_on, id LIMIT 50")).toMatch(
      /INDEX records_follow_ups/,
    );
    expect(plan('SELECT id FROM records WHERE customer_id = 1 ORDER BY at DESC, id DESC LIMIT 50')).toMatch(/INDEX records_timeline/);
    expect(plan("SELECT id FROM records WHERE deleted_at IS NULL AND staff_id = 1 ORDER BY at DESC, id DESC LIMIT 50")).toMatch(/INDEX records_by_staff/);

    // Today's service runs on today's schema: the later migrations (care's last contact, …) go on top.
    migrate(raw);
    const db = kyselyOver(raw);
    const actor = { ...fullAccess({ userId: 1, username: 'boss', role: 'owner' }), now: new Date(2026, 11, 1, 12).getTime() };
    const draft = RecordDraft.parse({ customerId: 1, kind: 'communication', at: new Date(2026, 10, 30, 9).getTime(), staffId: 1, content: '迁移后的第一次沟通', channel: 'wechat', participants: [{ userId: 1 }], followUpOn: '2026-12-01' });
    const id = await db.transaction().execute((tx) => insertRecord(tx, draft, actor, { source: 'app', visitId: null }));
    expect(await readRecord(db, id, actor)).toMatchObject({ customerName: '张三科技', staffName: '老板', participants: [{ userId: 1, name: '老板' }], channel: 'wechat' });
    expect((await searchRecords(db, '第一次沟通', 10, actor)).map((hit) => hit.id)).toEqual([id]);
    expect((await listFollowUps(db, { after: null, limit: 50 }, actor, actor.now)).rows.map((row) => [row.id, row.overdue])).toEqual([
      [id, false],
      [talkId, false],
    ]);
    expect(raw.prepare("SELECT action FROM audit_log WHERE entity = 'record'").all()).toEqual([{ action: 'record.create' }]);
    raw.close();
  });
});
