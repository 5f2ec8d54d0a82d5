// Migration 0015 (complaints) from a version-14 database with a shop in it: users, customers,
// records and a survey stay as they were; the complaints table keeps its rules (a known category,
// severity, source and status, a deadline not before the opening, a satisfaction after of 1–5, a
// real customer, survey and assignee) and a complaint's history goes with it; the list's parts and the
// counts walk their indexes; and the complaints service works on the migrated data
// at once (a complaint opened with the grade's deadline, moved, listed, counted).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersionOf } from '../../electron/core/db/migrations/index.ts';
import { kyselyOver } from '../../electron/core/db/sqlite/dialect.ts';
import { openEncrypted } from '../../electron/core/db/sqlite/open.ts';
import { countComplaints, countsQuery, listComplaints, openComplaint, partQuery, readComplaint, setComplaintStatus } from '../../electron/core/areas/complaints/service.ts';
import { fullAccess, type Access } from '../../electron/core/areas/users/access.ts';
import { ComplaintDraft, ComplaintQuery } from '../../shared/api/complaints.ts';
import type { Db } from '../../electron/core/db/database.ts';
import { transaction } from '../../electron/core/db/database.ts';

const KEY = 'd5'.repeat(32);
const HOUR = 3_600_000;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function versionFourteen() {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-mig15-'));
  dirs.push(dir);
  const db = openEncrypted(join(dir, 'clientele.db'), KEY, { create: true });
  migrate(db, 14);
  expect(schemaVersionOf(db)).toBe(14);
  const user = db.prepare('INSERT INTO users (username, display_name, role, active, created_at, updated_at) VALUES (?, ?, ?, 1, 1, 1)');
  user.run('boss', '老板', 'owner');
  user.run('wang', '小王', 'staff');
  const customer = db.prepare("INSERT INTO customers (code, kind, name, name_sort, region_sort, stage, grade, owner_id, created_at, updated_at) VALUES (?, 'company', ?, '', '', 'active', ?, ?, 1, 1)");
  customer.run('C000001', '张三科技', 'vip', 2);
  customer.run('C000002', '李四商行', 'normal', 1);
  db.prepare("INSERT INTO records (customer_id, kind, at, content, channel, created_at, updated_at) VALUES (1, 'communication', 1000, '电话沟通', 'phone', 1, 1)").run();
  db.prepare("INSERT INTO surveys (customer_id, at, month, staff_id, channel, nps, created_at, updated_at) VALUES (1, 0, '1970-01', 2, 'phone', 3, 1, 1)").run();
  return db;
}

type Raw = ReturnType<typeof versionFourteen>;

const TABLES = ['users', 'customers', 'records', 'surveys', 'service_standards'];
const snapshot = (db: Raw) => Object.fromEntries(TABLES.map((table) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all()]));

/** SQLite's plan for a query the service builds, one line per step. */
function planOf(raw: Raw, query: { compile(): { sql: string; parameters: readonly unknown[] } }): string {
  const compiled = query.compile();
  return (raw.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...compiled.parameters) as { detail: string }[]).map((step) => step.detail).join('\n');
}

describe('migration 0015 (complaints)', () => {
  it('keeps a version-14 shop as it was and adds complaints with their rules; the service works on it', async () => {
    const raw = versionFourteen();
    const before = snapshot(raw);
    migrate(raw, 15);
    expect(schemaVersionOf(raw)).toBe(15);
    expect(snapshot(raw)).toEqual(before);

    const insert = raw.prepare(
      'INSERT INTO complaints (customer_id, survey_id, category, severity, description, source, assignee_id, opened_at, due_at, status, after_score, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1)',
    );
    const row = (over: Partial<Record<'customer' | 'survey' | 'category' | 'severity' | 'source' | 'assignee' | 'opened' | 'due' | 'status' | 'after', unknown>> = {}) => {
      const v = { customer: 1, survey: 1, category: 'service', severity: 'high', source: 'survey', assignee: 2, opened: 100, due: 200, status: 'new', after: null, ...over };
      return insert.run(v.customer, v.survey, v.category, v.severity, 'x', v.source, v.assignee, v.opened, v.due, v.status, v.after);
    };
    const first = Number(row().lastInsertRowid);
    expect(raw.prepare('SELECT status, resolution, version, deleted_at, resolved_at FROM complaints WHERE id = ?').get(first)).toEqual({ status: 'new', resolution: '', version: 1, deleted_at: null, resolved_at: null });
    expect(() => row({ due: 99 })).toThrow(/CHECK/);
    expect(row({ due: 100 }).changes).toBe(1);
    expect(() => row({ category: 'weather' })).toThrow(/CHECK/);
    expect(() => row({ severity: 'urgent' })).toThrow(/CHECK/);
    expect(() => row({ source: 'fax' })).toThrow(/CHECK/);
    expect(() => row({ status: 'open' })).toThrow(/CHECK/);
    expect(() => row({ after: 0 })).toThrow(/CHECK/);
    expect(() => row({ after: 6 })).toThrow(/CHECK/);
    expect(() => row({ customer: 99 })).toThrow(/FOREIGN KEY/);
    expect(() => row({ survey: 99 })).toThrow(/FOREIGN KEY/);
    expect(() => row({ assignee: 99 })).toThrow(/FOREIGN KEY/);
    const event = raw.prepare("INSERT INTO complaint_events (complaint_id, at, user_id, kind, from_status, to_status) VALUES (?, 1, 1, ?, NULL, 'new')");
    event.run(first, 'opened');
    expect(() => event.run(first, 'moved')).toThrow(/CHECK/);
    expect(() => event.run(999, 'opened')).toThrow(/FOREIGN KEY/);
    // A complaint's history goes with it.
    raw.prepare('DELETE FROM complaints WHERE id = ?').run(first);
    expect(raw.prepare('SELECT count(*) AS n FROM complaint_events').get()).toEqual({ n: 0 });
    raw.prepare('DELETE FROM complaints').run();

    const db = kyselyOver(raw);
    const owner = fullAccess({ userId: 1, username: 'boss', role: 'owner' });
    const now = new Date(2026, 11, 1, 9).getTime();
    const actor = { ...owner, now };
    const opened = await transaction(db, (tx) =>
      openComplaint(tx, { ...ComplaintDraft.parse({ customerId: 1, category: 'service', severity: 'high', description: '评分低', source: 'survey', assigneeId: 2 }), surveyId: 1 }, actor),
    );
    // The VIP standard the migration 0013 put there: 24 hours.
    expect(opened.dueAt).toBe(now + 24 * HOUR);
    const read = await readComplaint(db, opened.id, owner, now);
    expect(read).toMatchObject({ surveyId: 1, customerName: '张三科技', customerGrade: 'vip', assigneeName: '小王', status: 'new' });
    await setComplaintStatus(db, opened.id, 1, { status: 'inProgress', note: '' }, actor);
    const page = await listComplaints(db, ComplaintQuery.parse({}), owner, now + 25 * HOUR);
    expect(page.rows.map((r) => [r.id, r.status, r.overdue])).toEqual([[opened.id, 'inProgress', true]]);
    expect(await countComplaints(db, owner, now + 25 * HOUR)).toEqual({ open: 1, overdue: 1 });
    raw.close();
  });

  it('walks complaints_open(_assignee) and complaints_list for the two parts of the list and the counts', () => {
    const raw = versionFourteen();
    migrate(raw, 15);
    // Enough complaints that a scan would show: as in a shop, most closed, a tenth open, some deleted.
    const insert = raw.prepare(
      "INSERT INTO complaints (customer_id, category, severity, description, source, assignee_id, opened_at, due_at, status, deleted_at, created_at, updated_at) VALUES (?, 'service', 'low', 'x', 'phone', ?, ?, ?, ?, ?, 1, 1)",
    );
    raw.transaction(() => {
      for (let i = 0; i < 3000; i++) insert.run(1 + (i % 2), 1 + (i % 2), i * 1000, i * 1000 + 500, i % 20 === 0 ? 'new' : i % 20 === 1 ? 'inProgress' : i % 20 === 2 ? 'resolved' : 'closed', i % 50 === 0 ? 5 : null);
    })();
    // No ANALYZE: a shop right after its migration or seed has no statistics on complaints, and the
    // plans must hold without them (SQLite walked customers and sorted, before the join said not to).
    const db: Db = kyselyOver(raw);
    const owner: Access = fullAccess({ userId: 1, username: 'boss', role: 'owner' });
    const scoped: Access = { ...owner, userId: 2, role: 'staff', scopeOwnerId: 2 };
    const open = (filters: object, access: Access) =>
      partQuery(db, 'open', ComplaintQuery.parse(filters), access, 10).orderBy('k.due_at').orderBy('k.id').limit(51);
    const rest = (filters: object, access: Access) =>
      partQuery(db, 'rest', ComplaintQuery.parse(filters), access, 10).orderBy('k.opened_at', 'desc').orderBy('k.id', 'desc').limit(51);

    for (const access of [owner, scoped]) {
      const first = planOf(raw, open({}, access));
      expect(first).toMatch(/SCAN k USING INDEX complaints_open\b/);
      expect(first).not.toMatch(/TEMP B-TREE/);
      const mine = planOf(raw, open({ assigneeId: 2 }, access));
      expect(mine).toMatch(/SEARCH k USING INDEX complaints_open_assignee \(assignee_id=\?\)/);
      expect(mine).not.toMatch(/TEMP B-TREE/);
      const closed = planOf(raw, rest({}, access));
      expect(closed).toMatch(/SCAN k USING INDEX complaints_list\b/);
      expect(closed).not.toMatch(/TEMP B-TREE/);
      expect(planOf(raw, { compile: () => countsQuery(access, 10).compile(db) })).toMatch(/SCAN k USING (COVERING )?INDEX complaints_open(_assignee)?\b/);
    }
    const oneCustomer = planOf(raw, open({ customerId: 1 }, owner));
    expect(oneCustomer).toMatch(/USING INDEX complaints_(timeline|open)/);
    raw.close();
  });
});
