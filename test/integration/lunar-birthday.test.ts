// Lunar birthdays through the core: saved and read back exactly (leap month, unknown year), across a
// restart; a date the lunar calendar lacks is refused with its reason on the birthday field and
// nothing is saved; a date stored before leap months were told apart reads unchanged and does not
// block editing the rest of the customer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKeyOf, makeHarness, OWNER_PASSWORD, openWithKey, shopWithRoles, type Harness } from './harness.ts';

describe('lunar birthdays', () => {
  let h: Harness;
  const count = async () => (await h.call('owner', 'customers.count', {})).count;
  beforeAll(async () => {
    h = makeHarness();
    await shopWithRoles(h);
  });
  afterAll(() => h.cleanup());

  it('keeps a leap month, an unknown year and a known year as given, across a restart', async () => {
    const stored: [number, string][] = [];
    for (const birthday of ['2020-04L-03', '--08-15', '1990-08-15', '--12L-30', '2026-01-30']) {
      const made = await h.call('owner', 'customers.create', { name: `农历 ${birthday}`, kind: 'person', birthday, birthdayCalendar: 'lunar' });
      expect(made).toMatchObject({ birthday, birthdayCalendar: 'lunar' });
      stored.push([made.id, birthday]);
    }
    h.restart();
    await h.call('owner', 'auth.signIn', { username: 'boss', password: OWNER_PASSWORD });
    for (const [id, birthday] of stored) {
      expect(await h.call('owner', 'customers.get', { id })).toMatchObject({ birthday, birthdayCalendar: 'lunar' });
    }
    // Changing one lunar date for another is an ordinary update.
    const [id] = stored[1]!;
    const before = await h.call('owner', 'customers.get', { id });
    const after = await h.call('owner', 'customers.update', { ...before, id, version: before.version, birthday: '2023-02L-29' });
    expect(after.birthday).toBe('2023-02L-29');
  });

  it('refuses a leap month the year lacks, a 30th day the month lacks and a malformed date, naming the reason', async () => {
    const before = await count();
    for (const [birthday, reason] of [
      ['2026-04L-03', 'lunarLeapMonth'],
      ['2026-08-30', 'lunarDay30'],
      ['2020-04L-30', 'lunarDay30'],
      ['1990-13-01', 'lunarDate'],
      ['1990-08', 'lunarDate'],
    ] as const) {
      const error = await h.failure('owner', 'customers.create', { name: 'Refused', kind: 'person', birthday, birthdayCalendar: 'lunar' }, 'VALIDATION');
      expect(error.details, birthday).toEqual([expect.objectContaining({ path: ['birthday'], message: reason })]);
      expect(error.message).toMatch(/^customers\.create: /);
    }
    expect(await count()).toBe(before);

    const made = await h.call('owner', 'customers.create', { name: 'Edited', kind: 'person', birthday: '2020-04L-03', birthdayCalendar: 'lunar' });
    const error = await h.failure('owner', 'customers.update', { ...made, version: made.version, birthday: '2026-04L-03' }, 'VALIDATION');
    expect(error.details).toEqual([expect.objectContaining({ path: ['birthday'], message: 'lunarLeapMonth' })]);
    expect((await h.call('owner', 'customers.get', { id: made.id })).birthday).toBe('2020-04L-03');
  });

  it('reads a date saved in the old form unchanged, and lets the rest of the customer be edited', async () => {
    const made = await h.call('owner', 'customers.create', { name: 'Old Form', kind: 'person' });
    // The old form was YYYY-MM-DD, entered with a Gregorian date picker: 1990's eighth lunar month
    // has 29 days, yet 1990-08-30 could be saved (written here as the old version wrote it).
    const key = await databaseKeyOf(h.dataDir, 'boss', OWNER_PASSWORD);
    const raw = openWithKey(h.dataDir, key);
    raw.prepare("UPDATE customers SET birthday = '1990-08-30', birthday_calendar = 'lunar' WHERE id = ?").run(made.id);
    raw.close();
    const old = await h.call('owner', 'customers.get', { id: made.id });
    expect(old).toMatchObject({ birthday: '1990-08-30', birthdayCalendar: 'lunar' });
    const renamed = await h.call('owner', 'customers.update', { ...old, version: old.version, name: 'Old Form, renamed' });
    expect(renamed).toMatchObject({ name: 'Old Form, renamed', birthday: '1990-08-30', birthdayCalendar: 'lunar' });
    // A new date is checked like any other.
    await h.failure('owner', 'customers.update', { ...renamed, version: renamed.version, birthday: '2026-08-30' }, 'VALIDATION');
  });
});
