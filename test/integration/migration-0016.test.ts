// Migration 0016 (customer care) from a version-15 database with a shop in it: customers, contacts,
// contracts and records stay as they were; last_contact_at is computed (the newest of the creation
// and the live records, a deleted record not counted); the birthday and anniversary keys are
// generated from the stored dates (Gregorian, lunar with a leap month, without a year, none);
// contacts get the Gregorian calendar; care notes keep their rules; and the care service reads the
// migrated data at once (occasions, return visits due) over the new indexes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersionOf } from '../../electron/core/db/migrations/index.ts';
import { kyselyOver } from '../../electron/core/db/sqlite/dialect.ts';
import { openEncrypted } from '../../electron/core/db/sqlite/open.ts';
import { returnVisitsDue, upcomingOccasions } from '../../electron/core/areas/care/service.ts';
import { fullAccess } from '../../electron/core/areas/users/access.ts';

const KEY = 'e6'.repeat(32);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Local noon of a day. */
function noon(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 12).getTime();
}

function versionFifteen() {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-mig16-'));
  dirs.push(dir);
  const db = openEncrypted(join(dir, 'clientele.db'), KEY, { create: true });
  migrate(db, 15);
  expect(schemaVersionOf(db)).toBe(15);
  db.prepare("INSERT INTO users (username, display_name, role, active, created_at, updated_at) VALUES ('boss', '老板', 'owner', 1, 1, 1)").run();
  const customer = db.prepare(
    "INSERT INTO customers (code, kind, name, name_sort, region_sort, stage, grade, owner_id, birthday, birthday_calendar, created_at, updated_at, deleted_at) VALUES (?, ?, ?, '', '', 'active', ?, 1, ?, ?, ?, 1, ?)",
  );
  customer.run('C000001', 'person', '张三', 'vip', '1990-12-05', 'gregorian', noon('2026-01-01'), null);
  customer.run('C000002', 'company', '李四商行', 'normal', '2020-04L-03', 'lunar', noon('2026-02-01'), null);
  customer.run('C000003', 'company', '王五', 'key', '', 'gregorian', noon('2026-03-01'), null);
  customer.run('C000004', 'person', '回收站', 'normal', '--08-15', 'lunar', noon('2026-01-01'), noon('2026-04-01'));
  db.prepare("INSERT INTO contacts (customer_id, name, birthday, position, decision_maker, created_at, updated_at) VALUES (2, '赵六', '1985-12-08', 0, 0, 1, 1)").run();
  db.prepare("INSERT INTO contacts (customer_id, name, position, decision_maker, created_at, updated_at) VALUES (2, '钱七', 1, 0, 1, 1)").run();
  const record = db.prepare("INSERT INTO records (customer_id, kind, at, content, channel, created_at, updated_at, deleted_at) VALUES (?, 'communication', ?, 'x', 'phone', 1, 1, ?)");
  record.run(1, noon('2026-09-01'), null);
  record.run(1, noon('2026-10-15'), noon('2026-10-16')); // deleted: does not count
  record.run(2, noon('2025-12-01'), null); // older than the customer's creation
  db.prepare("INSERT INTO contracts (number, title, customer_id, type, currency, signed_on, auto_renew, notice_days, owner_id, notes, termination_reason, created_at, updated_at) VALUES ('HT-1', '合同', 2, 'sales', 'CNY', '2024-12-10', 0, 30, 1, '', '', 1, 1)").run();
  return db;
}

type Raw = ReturnType<typeof versionFifteen>;
const TABLES = ['users', 'customers', 'contacts', 'records', 'contracts'];
const COLUMNS_0016 = new Set(['birthday_key', 'last_contact_at', 'birthday_calendar', 'signed_md']);
const snapshot = (db: Raw) =>
  Object.fromEntries(
    TABLES.map((table) => [
      table,
      (db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all() as Record<string, unknown>[]).map((row) => Object.fromEntries(Object.entries(row).filter(([column]) => !COLUMNS_0016.has(column)))),
    ]),
  );

describe('migration 0016 (customer care)', () => {
  it('keeps a version-15 shop, computes last contact and the keys; the care service reads it', async () => {
    const raw = versionFifteen();
    const before = snapshot(raw);
    migrate(raw, 16);
    expect(schemaVersionOf(raw)).toBe(16);
    expect(snapshot(raw)).toEqual(before);

    expect(raw.prepare('SELECT id, birthday_key, last_contact_at FROM customers ORDER BY id').all()).toEqual([
      { id: 1, birthday_key: '12-05', last_contact_at: noon('2026-09-01') },
      { id: 2, birthday_key: '04L-03', last_contact_at: noon('2026-02-01') },
      { id: 3, birthday_key: null, last_contact_at: noon('2026-03-01') },
      { id: 4, birthday_key: '08-15', last_contact_at: noon('2026-01-01') },
    ]);
    expect(raw.prepare('SELECT name, birthday_calendar, birthday_key FROM contacts ORDER BY id').all()).toEqual([
      { name: '赵六', birthday_calendar: 'gregorian', birthday_key: '12-08' },
      { name: '钱七', birthday_calendar: 'gregorian', birthday_key: null },
    ]);
    expect(raw.prepare('SELECT signed_md FROM contracts').get()).toEqual({ signed_md: '12-10' });

    // Care notes keep their rules.
    const note = raw.prepare("INSERT INTO care_notes (customer_id, occasion, on_day, at, note, created_at, updated_at) VALUES (?, ?, '2026-12-05', 1, 'x', 1, 1)");
    expect(note.run(1, 'birthday').changes).toBe(1);
    expect(() => note.run(1, 'anniversary')).toThrow(/CHECK/);
    expect(() => note.run(99, 'other')).toThrow(/FOREIGN KEY/);

    const db = kyselyOver(raw);
    const access = fullAccess({ userId: 1, username: 'boss', role: 'owner' });
    const occasions = await upcomingOccasions(db, access, '2026-12-01', 31, null);
    expect(occasions.map((o) => [o.kind, o.day, o.customerName, o.contactName ?? o.contractNumber, o.years, o.noted])).toEqual([
      ['birthday', '2026-12-05', '张三', null, 36, true],
      ['contactBirthday', '2026-12-08', '李四商行', '赵六', 41, false],
      ['contractAnniversary', '2026-12-10', '李四商行', 'HT-1', 2, false],
    ]);
    // VIP (30 days) last contacted 1 September: due 1 October; normal (90) created 1 February: due 2 May; key (60) created 1 March: due 30 April.
    const due = await returnVisitsDue(db, access, { today: '2026-12-01', staffId: null, limit: 10 });
    expect(due.rows.map((r) => [r.code, r.dueOn, r.overdueDays])).toEqual([
      ['C000003', '2026-04-30', 215],
      ['C000002', '2026-05-02', 213],
      ['C000001', '2026-10-01', 61],
    ]);
    expect(due.total).toBe(3);
    raw.close();
  });
});
