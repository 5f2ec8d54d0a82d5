// Festival days per year (areas/holidays/festivals.ts), against known Gregorian dates and against an
// independent lunar calendar: ICU's Chinese calendar through Intl (Node's own), never tyme4ts again.
import { describe, expect, it } from 'vitest';
import { BUILTIN_FESTIVALS, HOLIDAY_DEFAULTS, OwnFestival } from '../../shared/api/holidays.ts';
import { BUILTIN_DATES, festivalDay, festivalsOf, upcomingFestivals } from '../../electron/core/areas/holidays/festivals.ts';

/** The Chinese-calendar month (with 'bis' for a leap month) and day of a Gregorian day, as ICU sees it. */
function icuLunar(day: string): { month: string; day: number; relatedYear: number } {
  const parts = new Intl.DateTimeFormat('en-u-ca-chinese', { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(new Date(`${day}T12:00:00Z`));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { month: part('month'), day: Number(part('day')), relatedYear: Number(part('relatedYear') || part('year')) };
}

// Published dates (the State Council's holiday notices and almanacs).
const KNOWN: Record<number, Record<string, string>> = {
  2026: { 'spring-festival': '2026-02-17', lantern: '2026-03-03', 'dragon-boat': '2026-06-19', 'mid-autumn': '2026-09-25', 'double-ninth': '2026-10-18' },
  2027: { 'spring-festival': '2027-02-06', lantern: '2027-02-20', 'dragon-boat': '2027-06-09', 'mid-autumn': '2027-09-15', 'double-ninth': '2027-10-08' },
  2028: { 'spring-festival': '2028-01-26', lantern: '2028-02-09', 'dragon-boat': '2028-05-28', 'mid-autumn': '2028-10-03', 'double-ninth': '2028-10-26' },
  2029: { 'spring-festival': '2029-02-13', lantern: '2029-02-27', 'dragon-boat': '2029-06-16', 'mid-autumn': '2029-09-22', 'double-ninth': '2029-10-16' },
  2030: { 'spring-festival': '2030-02-03', lantern: '2030-02-17', 'dragon-boat': '2030-06-05', 'mid-autumn': '2030-09-12', 'double-ninth': '2030-10-05' },
};

describe('festival days', () => {
  for (const year of [2026, 2027, 2028, 2029, 2030]) {
    it(`${year}: the lunar festivals on their published days, which ICU's Chinese calendar agrees are that lunar month-day`, () => {
      for (const key of BUILTIN_FESTIVALS) {
        const date = BUILTIN_DATES[key];
        const day = festivalDay(date.calendar, year, date.month, date.day);
        if (date.calendar === 'solar') {
          expect(day, key).toBe(`${year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`);
          continue;
        }
        expect(day, key).toBe(KNOWN[year]![key]);
        // The first lunar month of 2027 and of 2030 starts with a new moon within minutes of
        // Beijing midnight (2027-02-06 23:56, 2030-02-03 00:07): ICU's approximation puts it a day
        // off, the published calendar (and tyme4ts) on these days. There ICU must agree on the
        // neighbouring day; everywhere else on the day itself.
        const nearMidnight = (year === 2027 || year === 2030) && date.month === 1;
        const shift = nearMidnight ? (year === 2027 ? 1 : -1) : 0;
        const probe = new Date(Date.parse(`${day}T00:00:00Z`) + shift * 86_400_000).toISOString().slice(0, 10);
        expect(icuLunar(probe), `${key} ${year}`).toEqual({ month: String(date.month), day: date.day, relatedYear: year });
      }
    });
  }

  it('new year and national day are solar', () => {
    expect(festivalDay('solar', 2027, 1, 1)).toBe('2027-01-01');
    expect(festivalDay('solar', 2027, 10, 1)).toBe('2027-10-01');
  });

  it('keeps a lunar day 30 on the last day of a 29-day month, and Feb 29 on Feb 28 in a common year', () => {
    // Lunar 2026's 12th month: 除夕 is the day before the Spring Festival of 2027 whatever its length.
    expect(festivalDay('lunar', 2026, 12, 30)).toBe('2027-02-05');
    for (const year of [2026, 2027, 2028, 2029, 2030]) {
      const eve = festivalDay('lunar', year, 12, 30);
      const next = festivalDay('lunar', year + 1, 1, 1);
      expect(Date.parse(`${next}T00:00:00Z`) - Date.parse(`${eve}T00:00:00Z`), `${year}`).toBe(86_400_000);
    }
    expect(festivalDay('solar', 2027, 2, 29)).toBe('2027-02-28');
    expect(festivalDay('solar', 2028, 2, 29)).toBe('2028-02-29');
  });

  it('lists what falls within the days ahead, nearest first, across the turn of the year', () => {
    const festivals = festivalsOf({ ...HOLIDAY_DEFAULTS, own: [{ key: 'own-1', name: '腊八', calendar: 'lunar', month: 12, day: 8 }] });
    // 2026-12-20: 元旦 2027-01-01 (12 days), 腊八 of lunar 2026 on 2027-01-15 (26 days).
    const coming = upcomingFestivals(festivals, '2026-12-20', 30);
    expect(coming.map((c) => [c.festival.key, c.year, c.day, c.inDays])).toEqual([
      ['new-year', 2027, '2027-01-01', 12],
      ['own-1', 2026, '2027-01-15', 26],
    ]);
    expect(upcomingFestivals(festivals, '2026-09-25', 0).map((c) => c.festival.key)).toEqual(['mid-autumn']);
    expect(upcomingFestivals(festivals, '2026-09-26', 4)).toEqual([]);
  });

  it('refuses an own festival on a day no year has', () => {
    expect(OwnFestival.safeParse({ name: '节', calendar: 'solar', month: 2, day: 30 }).success).toBe(false);
    expect(OwnFestival.safeParse({ name: '节', calendar: 'lunar', month: 2, day: 31 }).success).toBe(false);
    expect(OwnFestival.safeParse({ name: '节', calendar: 'lunar', month: 2, day: 30 }).success).toBe(true);
  });
});
