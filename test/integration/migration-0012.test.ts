// Migration 0012 (visits) from a version-11 database with a shop in it: users, customers, contacts
// and a record stay as they were; the visits table keeps its rules (a minute of the day, a
// duration, a known status, a real customer and staff member; a removed contact leaves its name);
// the agendas, the overlap check and the last visit note walk their indexes; and the visits service
// works on the migrated data at once (a visit planned, seen on the agenda, completed into a record).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersionOf } from '../../electron/core/db/migrations/index.ts';
import { kyselyOver } from '../../electron/core/db/sqlite/dialect.ts';
import { openEncrypted } from '../../electron/core/db/sqlite/open.ts';
import { agendaQuery, completeVisit, createVisit, lastVisitQuery, readAgenda, readVisit } from '../../electron/core/areas/visits/service.ts';
import { fullAccess, type Access } from '../../electron/core/areas/users/access.ts';
import { AgendaQuery, VisitDraft, VisitRecord } from '../../shared/api/visits.ts';
import type { Db } from '../../electron/core/db/database.ts';

const KEY = 'cf'.repeat(32);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function versionEleven() {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-mig12-'));
  dirs.push(dir);
  const db = openEncrypted(join(dir, 'clientele.db'), KEY, { create: true });
  migrate(db, 11);
  expect(schemaVersionOf(db)).toBe(11);
  const user = db.prepare('INSERT INTO users (username, display_name, role, active, created_at, updated_at) VALUES (?, ?, ?, 1, 1, 1)');
  user.run('boss', '老板', 'owner');
  user.run('wang', '小王', 'staff');
  const customer = db.prepare("INSERT INTO customers (code, kind, name, name_sort, region_sort, stage, grade, owner_id, address, created_at, updated_at) VALUES (?, 'company', ?, '', '', 'lead', 'normal', ?, ?, 1, 1)");
  customer.run('C000001', '张三科技', 2, '杭州市文三路 1 号');
  customer.run('C000002', '李四商行', 1, '');
  db.prepare("INSERT INTO contacts (customer_id, position, name, mobile, created_at, updated_at) VALUES (1, 0, '王经理', '13900001111', 1, 1)").run();
  db.prepare("INSERT INTO records (customer_id, kind, at, content, channel, created_at, updated_at) VALUES (1, 'communication', 1000, '电话沟通', 'phone', 1, 1)").run();
  return db;
}

const TABLES = ['users', 'customers', 'contacts', 'records'];
const snapshot = (db: ReturnType<typeof versionEleven>) => Object.fromEntries(TABLES.map((table) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all()]));

type Raw = ReturnType<typeof versionEleven>;

/** SQLite's plan for a query the service builds, one line per step. */
function planOf(raw: Raw, query: { compile(): { sql: string; parameters: readonly unknown[] } }): string {
  const compiled = query.compile();
  return (raw.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...compiled.parameters) as { detail: string }[]).map((step) => step.detail).join('\n');
}

describe('migration 0012 (visits)', () => {
  it('keeps a version-11 shop as it was and adds visits with their rules; the service works on it', async () => {
    const raw = versionEleven();
    const before = snapshot(raw);
    migrate(raw, 12);
    expect(schemaVersionOf(raw)).toBe(12);
    expect(snapshot(raw)).toEqual(before);

    const insert = raw.prepare(
      'INSERT INTO visits (customer_id, contact_id, contact_name, staff_id, on_day, start_minute, duration_minutes, starts_at, purpose, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 1, 1)',
    );
    const first = Number(insert.run(1, 1, '王经理', 2, '2026-12-02', 570, 60, '回访', 'planned').lastInsertRowid);
    expect(() => insert.run(1, null, '', 2, '2026-12-02', 1440, 60, 'x', 'planned')).toThrow(/CHECK/);
    expect(() => insert.run(1, null, '', 2, '2026-12-02', -1, 60, 'x', 'planned')).toThrow(/CHECK/);
    expect(() => insert.run(1, null, '', 2, '2026-12-02', 0, 0, 'x', 'planned')).toThrow(/CHECK/);
    expect(() => insert.run(1, null, '', 2, '2026-12-02', 0, 1441, 'x', 'planned')).toThrow(/CHECK/);
    expect(() => insert.run(1, null, '', 2, '2026-12-02', 0, 60, 'x', 'missed')).toThrow(/CHECK/);
    expect(() => insert.run(99, null, '', 2, '2026-12-02', 0, 60, 'x', 'planned')).toThrow(/FOREIGN KEY/);
    expect(() => insert.run(1, null, '', 99, '2026-12-02', 0, 60, 'x', 'planned')).toThrow(/FOREIGN KEY/);
    expect(raw.prepare('SELECT agenda, address, outcome, record_id, version, deleted_at FROM visits WHERE id = ?').get(first)).toEqual({
      agenda: '',
      address: '',
      outcome: '',
      record_id: null,
      version: 1,
      deleted_at: null,
    });
    // A removed contact leaves the visit with the name as planned.
    raw.prepare('DELETE FROM contacts WHERE id = 1').run();
    expect(raw.prepare('SELECT contact_id, contact_name FROM visits WHERE id = ?').get(first)).toEqual({ contact_id: null, contact_name: '王经理' });
    raw.prepare("INSERT INTO contacts (customer_id, position, name, mobile, created_at, updated_at) VALUES (1, 0, '王经理', '13900001111', 1, 1)").run();

    // Today's service runs on today's schema: the later migrations (care's last contact, …) go on top.
    migrate(raw);
    const db = kyselyOver(raw);
    const owner = fullAccess({ userId: 1, username: 'boss', role: 'owner' });
    const actor = { ...owner, now: new Date(2026, 11, 1, 9).getTime() };
    const made = await createVisit(db, VisitDraft.parse({ customerId: 1, contactId: 2, staffId: 2, onDay: '2026-12-03', startMinute: 600, purpose: '签约' }), actor);
    expect(made.visit).toMatchObject({ address: '杭州市文三路 1 号', contactName: '王经理', staffName: '小王', startsAt: new Date(2026, 11, 3, 10).getTime() });
    const agenda = await readAgenda(db, AgendaQuery.parse({ from: '2026-12-01', to: '2026-12-07', staffId: 2 }), owner);
    expect(agenda.visits.map((v) => [v.onDay, v.startMinute, v.contactName])).toEqual([
      ['2026-12-02', 570, '王经理'], // the name as planned, its contact removed since
      ['2026-12-03', 600, '王经理'],
    ]);
    const done = await completeVisit(db, { id: made.visit.id, version: 1, outcome: '签了', record: VisitRecord.parse({ kind: 'communication', channel: 'visit' }) }, actor);
    expect(raw.prepare('SELECT visit_id, source, content FROM records WHERE id = ?').get(done.recordId)).toEqual({ visit_id: made.visit.id, source: 'visit', content: '签了' });
    expect((await readVisit(db, made.visit.id, owner)).status).toBe('done');
    raw.close();
  });

  it('walks the agenda indexes for the agendas, the overlap check and the last visit note', () => {
    const raw = versionEleven();
    migrate(raw, 12);
    // Enough visits that a scan would show: 6 weeks × 3 staff × 8 a day, some deleted.
    const user = raw.prepare("INSERT INTO users (username, display_name, role, active, created_at, updated_at) VALUES (?, ?, 'staff', 1, 1, 1)");
    user.run('li', '小李');
    const insert = raw.prepare('INSERT INTO visits (customer_id, staff_id, on_day, start_minute, duration_minutes, starts_at, purpose, deleted_at, created_at, updated_at) VALUES (?, ?, ?, ?, 60, ?, ?, ?, 1, 1)');
    raw.transaction(() => {
      for (let day = 0; day < 42; day++) {
        const onDay = new Date(Date.UTC(2026, 10, 20 + day)).toISOString().slice(0, 10);
        for (let staff = 1; staff <= 3; staff++) for (let i = 0; i < 8; i++) insert.run(1 + (i % 2), staff, onDay, 480 + i * 60, day * 86_400_000 + i, '回访', i === 7 ? 5 : null);
      }
    })();
    const db: Db = kyselyOver(raw);
    const owner: Access = fullAccess({ userId: 1, username: 'boss', role: 'owner' });
    const scoped: Access = { ...owner, userId: 2, role: 'staff', scopeOwnerId: 2 };
    const query = (staffId: number | null) => AgendaQuery.parse({ from: '2026-12-01', to: '2026-12-07', staffId });

    const shop = planOf(raw, agendaQuery(db, query(null), owner));
    expect(shop).toMatch(/SEARCH v USING INDEX visits_agenda \(on_day>\? AND on_day<\?\)/);
    expect(shop).not.toMatch(/TEMP B-TREE|SCAN v\b/);
    for (const access of [owner, scoped]) {
      const one = planOf(raw, agendaQuery(db, query(2), access));
      expect(one).toMatch(/SEARCH v USING INDEX visits_agenda_staff \(staff_id=\? AND on_day>\? AND on_day<\?\)/);
      expect(one).not.toMatch(/TEMP B-TREE|SCAN v\b/);
      // The overlap flag of each row: one seek of the staff member's day.
      expect(one).toMatch(/SEARCH o USING INDEX visits_agenda_staff \(staff_id=\? AND on_day=\? AND start_minute<\?\)/);
    }
    const last = planOf(raw, lastVisitQuery(db, { customerId: 1, startsAt: 10 * 86_400_000, id: 500 }));
    // One range below this visit, never the customer's later visits.
    expect(last).toMatch(/SEARCH visits USING INDEX visits_timeline \(customer_id=\? AND starts_at<\?\)/);
    expect(last).not.toMatch(/TEMP B-TREE/);
    raw.close();
  });
});
