// Migration 0014 (surveys) from a version-13 database with a shop in it: users, customers, records
// and visits stay as they were; the four built-in dimensions are there with their keys; surveys,
// their scores and the monthly totals keep their rules (a score 1–5, an NPS 0–10, a known channel,
// a real customer, record, visit and dimension; scores go with their survey; one totals row per
// month × staff × dimension); and the surveys service works on the migrated shop once the later
// migrations are in (a low score opens its complaint, the totals kept).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersionOf } from '../../electron/core/db/migrations/index.ts';
import { kyselyOver } from '../../electron/core/db/sqlite/dialect.ts';
import { openEncrypted } from '../../electron/core/db/sqlite/open.ts';
import { createSurvey, surveyTrends } from '../../electron/core/areas/surveys/service.ts';
import { fullAccess } from '../../electron/core/areas/users/access.ts';
import { SurveyDraft, TrendsQuery } from '../../shared/api/surveys.ts';

const KEY = 'c4'.repeat(32);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function versionThirteen() {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-mig14-'));
  dirs.push(dir);
  const db = openEncrypted(join(dir, 'clientele.db'), KEY, { create: true });
  migrate(db, 13);
  expect(schemaVersionOf(db)).toBe(13);
  const user = db.prepare('INSERT INTO users (username, display_name, role, active, created_at, updated_at) VALUES (?, ?, ?, 1, 1, 1)');
  user.run('boss', '老板', 'owner');
  user.run('wang', '小王', 'staff');
  const customer = db.prepare("INSERT INTO customers (code, kind, name, name_sort, region_sort, stage, grade, owner_id, created_at, updated_at) VALUES (?, 'company', ?, '', '', 'lead', ?, ?, 1, 1)");
  customer.run('C000001', '张三科技', 'vip', 2);
  customer.run('C000002', '李四商行', 'normal', 1);
  db.prepare("INSERT INTO records (customer_id, kind, at, content, channel, created_at, updated_at) VALUES (1, 'communication', 1000, '电话沟通', 'phone', 1, 1)").run();
  db.prepare("INSERT INTO visits (customer_id, contact_name, staff_id, on_day, start_minute, duration_minutes, starts_at, purpose, status, created_at, updated_at) VALUES (1, '', 2, '2026-12-02', 570, 60, 0, '回访', 'planned', 1, 1)").run();
  return db;
}

const TABLES = ['users', 'customers', 'records', 'visits'];
const snapshot = (db: ReturnType<typeof versionThirteen>) => Object.fromEntries(TABLES.map((table) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all()]));

describe('migration 0014 (surveys)', () => {
  it('keeps a version-13 shop as it was and adds surveys with their rules', () => {
    const raw = versionThirteen();
    const before = snapshot(raw);
    migrate(raw, 14);
    expect(schemaVersionOf(raw)).toBe(14);
    expect(snapshot(raw)).toEqual(before);
    expect(raw.prepare('SELECT id, key, name, position, retired_at FROM survey_dimensions ORDER BY id').all()).toEqual([
      { id: 1, key: 'quality', name: '', position: 1, retired_at: null },
      { id: 2, key: 'attitude', name: '', position: 2, retired_at: null },
      { id: 3, key: 'speed', name: '', position: 3, retired_at: null },
      { id: 4, key: 'professionalism', name: '', position: 4, retired_at: null },
    ]);
    // Keys are unique whatever their letter case.
    expect(() => raw.prepare("INSERT INTO survey_dimensions (key, position, created_at) VALUES ('QUALITY', 5, 1)").run()).toThrow(/UNIQUE/);

    const survey = raw.prepare('INSERT INTO surveys (customer_id, record_id, visit_id, at, month, staff_id, channel, nps, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?, ?, ?, 1, 1)');
    const id = Number(survey.run(1, 1, 1, '2026-12', 2, 'phone', 6).lastInsertRowid);
    expect(() => survey.run(1, null, null, '2026-12', null, 'phone', 11)).toThrow(/CHECK/);
    expect(() => survey.run(1, null, null, '2026-12', null, 'phone', -1)).toThrow(/CHECK/);
    expect(() => survey.run(1, null, null, '2026-12', null, 'fax', 5)).toThrow(/CHECK/);
    expect(() => survey.run(99, null, null, '2026-12', null, 'phone', 5)).toThrow(/FOREIGN KEY/);
    expect(() => survey.run(1, 99, null, '2026-12', null, 'phone', 5)).toThrow(/FOREIGN KEY/);
    expect(() => survey.run(1, null, 99, '2026-12', null, 'phone', 5)).toThrow(/FOREIGN KEY/);
    expect(raw.prepare('SELECT comment, source, version, deleted_at FROM surveys WHERE id = ?').get(id)).toEqual({ comment: '', source: 'app', version: 1, deleted_at: null });

    const score = raw.prepare('INSERT INTO survey_scores (survey_id, dimension_id, score) VALUES (?, ?, ?)');
    score.run(id, 1, 5);
    score.run(id, 2, 1);
    expect(() => score.run(id, 3, 6)).toThrow(/CHECK/);
    expect(() => score.run(id, 3, 0)).toThrow(/CHECK/);
    expect(() => score.run(id, 1, 4)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => score.run(id, 99, 4)).toThrow(/FOREIGN KEY/);

    const totals = raw.prepare('INSERT INTO survey_month_totals (month, staff_id, dimension_id, answers, total) VALUES (?, ?, ?, ?, ?)');
    totals.run('2026-12', 2, 1, 1, 5);
    expect(() => totals.run('2026-12', 2, 1, 1, 5)).toThrow(/UNIQUE|PRIMARY KEY/);

    // A survey purged takes its scores with it.
    raw.prepare('DELETE FROM surveys WHERE id = ?').run(id);
    expect(raw.prepare('SELECT count(*) AS n FROM survey_scores').get()).toEqual({ n: 0 });
    raw.close();
  });

  it('lets the surveys service work on the migrated shop (with the later migrations)', async () => {
    const raw = versionThirteen();
    migrate(raw);
    const db = kyselyOver(raw);
    const now = new Date(2026, 11, 2, 10).getTime();
    const actor = { ...fullAccess({ userId: 1, username: 'boss', role: 'owner' }), now };
    const made = await createSurvey(db, SurveyDraft.parse({ customerId: 1, recordId: 1, at: now, scores: [{ dimensionId: 2, score: 2 }], nps: 8 }), actor);
    expect(made.survey).toMatchObject({ customerName: '张三科技', recordId: 1, staffId: null, month: '2026-12' });
    // The record has no staff member: the survey measures nobody (the record's), not the caller.
    expect(made.complaint).toMatchObject({ dueAt: now + 24 * 3_600_000, assigneeId: 2, assigneeName: '小王' });
    const trends = await surveyTrends(db, TrendsQuery.parse({ from: '2026-12', to: '2026-12' }), actor);
    expect(trends.months[0]!.dimensions.find((d) => d.dimensionId === 2)).toEqual({ dimensionId: 2, answers: 1, average: 2 });
    expect(trends.months[0]!.nps).toEqual({ answers: 1, promoters: 0, passives: 1, detractors: 0, score: 0 });
    await db.destroy();
  });
});
