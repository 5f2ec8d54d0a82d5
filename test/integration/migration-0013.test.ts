// Migration 0013 (service standards, calendar corrections) from a version-12 database with a shop
// in it: what was there stays as it was; the four grades get the default standards; the
// tables keep their rules (known grades, sane ranges, a day's kind); and today's standards service
// reads the migrated data.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersionOf } from '../../electron/core/db/migrations/index.ts';
import { kyselyOver } from '../../electron/core/db/sqlite/dialect.ts';
import { openEncrypted } from '../../electron/core/db/sqlite/open.ts';
import { readCalendar, readStandards } from '../../electron/core/areas/standards/service.ts';
import { responseDeadline } from '../../electron/core/areas/standards/deadline.ts';

const KEY = 'cd'.repeat(32);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function versionTwelve() {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-mig13-'));
  dirs.push(dir);
  const db = openEncrypted(join(dir, 'clientele.db'), KEY, { create: true });
  migrate(db, 12);
  expect(schemaVersionOf(db)).toBe(12);
  db.prepare("INSERT INTO users (username, display_name, role, active, created_at, updated_at) VALUES ('boss', '老板', 'owner', 1, 1, 1)").run();
  const customer = db.prepare("INSERT INTO customers (code, kind, name, name_sort, region_sort, stage, grade, owner_id, created_at, updated_at) VALUES (?, 'company', ?, '', '', 'lead', ?, 1, 1, 1)");
  customer.run('C000001', '张三科技', 'vip');
  customer.run('C000002', '李四商行', 'potential');
  db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('staff_scope', '1')").run();
  return db;
}

const snapshot = (db: ReturnType<typeof versionTwelve>) => Object.fromEntries(['users', 'customers', 'settings'].map((table) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all()]));

describe('migration 0013 (service standards)', () => {
  it('keeps a version-12 shop as it was, adds the default standards and an empty calendar with their rules', async () => {
    const raw = versionTwelve();
    const before = snapshot(raw);
    migrate(raw, 13);
    expect(schemaVersionOf(raw)).toBe(13);
    expect(snapshot(raw)).toEqual(before);

    expect(raw.prepare('SELECT grade, return_days, response_hours, version FROM service_standards ORDER BY return_days, grade').all()).toEqual([
      { grade: 'vip', return_days: 30, response_hours: 24, version: 1 },
      { grade: 'key', return_days: 60, response_hours: 48, version: 1 },
      { grade: 'normal', return_days: 90, response_hours: 72, version: 1 },
      { grade: 'potential', return_days: 90, response_hours: 72, version: 1 },
    ]);
    expect(raw.prepare('SELECT count(*) AS n FROM calendar_days').get()).toEqual({ n: 0 });

    expect(() => raw.prepare("INSERT INTO service_standards (grade, return_days, response_hours, updated_at) VALUES ('gold', 30, 24, 1)").run()).toThrow(/CHECK/);
    expect(() => raw.prepare("UPDATE service_standards SET return_days = 0 WHERE grade = 'vip'").run()).toThrow(/CHECK/);
    expect(() => raw.prepare("UPDATE service_standards SET response_hours = 8761 WHERE grade = 'vip'").run()).toThrow(/CHECK/);
    expect(() => raw.prepare("INSERT INTO calendar_days (day, kind, updated_at) VALUES ('2027-10-01', 'vacation', 1)").run()).toThrow(/CHECK/);
    expect(() => raw.prepare("INSERT INTO calendar_days (day, kind, updated_at, updated_by) VALUES ('2027-10-01', 'holiday', 1, 99)").run()).toThrow(/FOREIGN KEY/);
    raw.prepare("INSERT INTO calendar_days (day, kind, updated_at, updated_by) VALUES ('2027-10-01', 'holiday', 1, 1)").run();
    expect(raw.prepare('SELECT name FROM calendar_days').get()).toEqual({ name: '' });

    // Today's service reads the migrated data (the later migrations on top).
    migrate(raw);
    const db = kyselyOver(raw);
    const standards = await readStandards(db, 'owner');
    expect(standards).toMatchObject({ workingDays: false, lowScore: { dimensionAtMost: 2, npsAtMost: 6 }, version: 1, actions: { edit: true } });
    expect(standards.grades.map((g) => [g.grade, g.returnDays, g.responseHours])).toEqual([
      ['vip', 30, 24],
      ['key', 60, 48],
      ['normal', 90, 72],
      ['potential', 90, 72],
    ]);
    expect((await readCalendar(db, 2027, 'viewer')).days).toEqual([{ day: '2027-10-01', kind: 'holiday', name: '', source: 'owner', builtin: null }]);
    expect(await responseDeadline(db, 'vip', 1_000)).toBe(1_000 + 24 * 3_600_000);
    raw.close();
  });
});
