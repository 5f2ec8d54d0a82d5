// `clientele seed` and customer care: seeded persons and contacts get birthdays (about 30%), a fifth of
// them lunar, among those leap-month and 30th-day ones, every one a date its year has; seeded
// customers' last contact is the newest of their creation and their live records (bulk inserts
// recompute it once); and care.upcoming finds seeded occasions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLunarDate } from '../../shared/lunar-date.ts';
import { lunarDateProblem } from '../../electron/core/areas/customers/lunar-calendar.ts';
import { rawDb } from './attachments-kit.ts';
import { makeHarness, shopWithRoles, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = makeHarness();
  await shopWithRoles(h);
  await h.call('owner', 'settings.update', { idleLockMinutes: 0 });
  await h.call('owner', 'system.seed', { customers: 600, records: 1500, seed: 11 });
}, 120_000);
afterAll(() => h.cleanup());

describe('seeded care data', () => {
  it('gives birthdays to persons and contacts, some lunar, leap months and 30ths among them, all valid', async () => {
    const db = await rawDb(h);
    try {
      type Row = { birthday: string; calendar: string };
      const persons = db.prepare("SELECT birthday, birthday_calendar AS calendar FROM customers WHERE kind = 'person'").all() as Row[];
      const contacts = db.prepare('SELECT birthday, birthday_calendar AS calendar FROM contacts').all() as Row[];
      const withBirthday = [...persons, ...contacts].filter((row) => row.birthday !== '');
      const share = (rows: Row[]) => rows.filter((row) => row.birthday !== '').length / rows.length;
      expect(share(persons)).toBeGreaterThan(0.2);
      expect(share(persons)).toBeLessThan(0.4);
      expect(share(contacts)).toBeGreaterThan(0.2);
      expect(share(contacts)).toBeLessThan(0.4);
      const lunar = withBirthday.filter((row) => row.calendar === 'lunar');
      expect(lunar.length / withBirthday.length).toBeGreaterThan(0.12);
      expect(lunar.length / withBirthday.length).toBeLessThan(0.28);
      expect(lunar.some((row) => row.birthday.includes('L-'))).toBe(true);
      expect(lunar.some((row) => row.birthday.endsWith('-30'))).toBe(true);
      expect(lunar.some((row) => row.birthday.startsWith('--'))).toBe(true);
      for (const row of lunar) {
        const date = parseLunarDate(row.birthday);
        expect(date, row.birthday).not.toBeNull();
        expect(lunarDateProblem(date!), row.birthday).toBeNull();
      }
      // Last contact: the newest of the creation and the live records, for every customer.
      const wrong = db
        .prepare(
          'SELECT count(*) AS n FROM customers c WHERE c.last_contact_at <> max(c.created_at, coalesce((SELECT max(at) FROM records r WHERE r.customer_id = c.id AND r.deleted_at IS NULL), 0))',
        )
        .get() as { n: number };
      expect(wrong.n).toBe(0);
      expect((db.prepare('SELECT count(*) AS n FROM customers c WHERE c.last_contact_at > c.created_at').get() as { n: number }).n).toBeGreaterThan(100);
    } finally {
      db.close();
    }
  });

  it('care.upcoming finds seeded occasions over a month', async () => {
    // Seeded contacts' Gregorian birthdays fall in January to September.
    const occasions = await h.call('owner', 'care.upcoming', { from: '2026-03-01', days: 31 });
    expect(occasions.length).toBeGreaterThan(10);
    expect(new Set(occasions.map((o) => o.kind)).has('contactBirthday')).toBe(true);
  });
});
