// When birthdays are celebrated (electron/core/areas/care/occasions.ts), 2024–2035: the keys of a
// day (what Today and care.upcoming look up in the birthday indexes) and the next occurrence of a
// birthday agree on every day of those twelve years, and the cases the issue names land on the days
// published calendars give (Spring Festival and New Year's Eve dates), never on today's date.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/contract-status.ts';
import { birthdayKeysOn, daysFrom, nextOccurrence, occurrenceOf, yearsOn } from '../../electron/core/areas/care/occasions.ts';

// 春节 (lunar 1st month, day 1) of each year, from published calendars.
const SPRING_FESTIVAL: Record<number, string> = {
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-03',
  2031: '2031-01-23',
  2032: '2032-02-11',
  2033: '2033-01-31',
  2034: '2034-02-19',
  2035: '2035-02-08',
  2036: '2036-01-28',
};

describe('lunar occasions 2024–2035', () => {
  it('a 1st-month day 1 birthday falls on each year’s Spring Festival', () => {
    for (let year = 2024; year <= 2035; year++) {
      expect(occurrenceOf('--01-01', 'lunar', `${year}-01-01`), String(year)).toBe(SPRING_FESTIVAL[year]);
      expect(occurrenceOf('1975-01-01', 'lunar', `${year}-01-01`), String(year)).toBe(SPRING_FESTIVAL[year]);
    }
  });

  it('a 12th-month day 30 birthday falls on New Year’s Eve, in the next Gregorian year, the 29th when the 12th month has 29 days', () => {
    for (let year = 2024; year <= 2035; year++) {
      // Lunar year `year`'s 12th month ends the day before the next Spring Festival, in January or February of year+1.
      const eve = addDays(SPRING_FESTIVAL[year + 1]!, -1);
      expect(occurrenceOf('--12-30', 'lunar', `${year}-03-01`), String(year)).toBe(eve);
      expect(eve.startsWith(`${year + 1}-`)).toBe(true);
      expect(birthdayKeysOn(eve).lunar).toContain('12-30');
    }
    // 2025's 12th month has 29 days: 除夕 2026 is 腊月廿九, 16 February; the 30th is kept on it.
    expect(birthdayKeysOn('2026-02-16').lunar).toEqual(expect.arrayContaining(['12-29', '12-30']));
    expect(occurrenceOf('1990-12-30', 'lunar', '2026-01-01')).toBe('2026-02-16');
    expect(occurrenceOf('1990-12-29', 'lunar', '2026-01-01')).toBe('2026-02-16');
  });

  it('an 11th/12th-month birthday of a lunar year falls in January of the next Gregorian year', () => {
    // 腊八 (12th month, day 8) of lunar 2025 is 26 January 2026.
    expect(occurrenceOf('1980-12-08', 'lunar', '2025-12-01')).toBe('2026-01-26');
    expect(nextOccurrence('1980-12-08', 'lunar', '2025-12-01')).toEqual({ day: '2026-01-26', year: 2025 });
    expect(yearsOn('1980-12-08', 'lunar', '2026-01-26')).toBe(45);
    // Asked after it, the next one is lunar 2026's, in January 2027 (12 days before Spring Festival 2027 + 30).
    const next = occurrenceOf('1980-12-08', 'lunar', '2026-01-27')!;
    expect(next > '2027-01-01' && next < SPRING_FESTIVAL[2027]!).toBe(true);
    // An 11th-month day 1 birthday counted from late in the year lands in the next year when the 11th month starts late.
    for (let year = 2024; year <= 2035; year++) {
      const day = occurrenceOf('--11-01', 'lunar', `${year}-01-01`)!;
      expect(day.startsWith(`${year}-11-`) || day.startsWith(`${year}-12-`) || day.startsWith(`${year}-01-`)).toBe(true);
    }
  });

  it('a leap-month birthday is kept in the ordinary month of that number when the year has no such leap month', () => {
    // Born in the leap 4th month of 2020 (闰四月初三, 25 May 2020). No year 2024–2035 has a leap 4th month.
    for (let year = 2024; year <= 2035; year++) {
      expect(occurrenceOf('2020-04L-03', 'lunar', `${year}-01-01`), String(year)).toBe(occurrenceOf('--04-03', 'lunar', `${year}-01-01`));
    }
    // 2025 has a leap 6th month (闰六月初一 25 July 2025): a leap-6th-month birthday is kept in it, the
    // ordinary 6th-month one a month before; in 2026 (no leap month) both fall on the same day.
    expect(occurrenceOf('--06L-01', 'lunar', '2025-01-01')).toBe('2025-07-25');
    expect(occurrenceOf('--06-01', 'lunar', '2025-01-01')).toBe('2025-06-25');
    expect(birthdayKeysOn('2025-07-25').lunar).toEqual(['06L-01']);
    expect(birthdayKeysOn('2025-06-25').lunar).toEqual(['06-01']);
    expect(occurrenceOf('--06L-01', 'lunar', '2026-01-01')).toBe(occurrenceOf('--06-01', 'lunar', '2026-01-01'));
    expect(birthdayKeysOn(occurrenceOf('--06-01', 'lunar', '2026-01-01')!).lunar).toEqual(['06-01', '06L-01']);
    // 2033 has the rare leap 11th month: a leap-11th birthday is kept in it, after the ordinary one.
    const ordinary = occurrenceOf('--11-15', 'lunar', '2033-06-01')!;
    const leap = occurrenceOf('--11L-15', 'lunar', '2033-06-01')!;
    expect(leap > ordinary).toBe(true);
    expect(birthdayKeysOn(leap).lunar).toEqual(['11L-15']);
  });

  it('a leap-month day 30 falls on the last day of whichever month keeps it', () => {
    for (let year = 2024; year <= 2035; year++) {
      const day = occurrenceOf('--04L-30', 'lunar', `${year}-01-01`)!;
      expect(day, String(year)).toBe(occurrenceOf('--04-30', 'lunar', `${year}-01-01`));
      expect(birthdayKeysOn(addDays(day, 1)).lunar).toContain('05-01');
    }
  });

  it('a birthday without a year has occurrences but no age', () => {
    expect(occurrenceOf('--08-15', 'lunar', '2026-01-01')).toBe('2026-09-25'); // Mid-Autumn 2026
    expect(yearsOn('--08-15', 'lunar', '2026-09-25')).toBeNull();
    expect(yearsOn('1990-08-15', 'lunar', '2026-09-25')).toBe(36);
    expect(occurrenceOf('--03-08', 'gregorian', '2026-03-09')).toBe('2027-03-08');
    expect(yearsOn('--03-08', 'gregorian', '2027-03-08')).toBeNull();
    expect(yearsOn('1988-03-08', 'gregorian', '2027-03-08')).toBe(39);
  });

  it('a Gregorian Feb 29 is kept on Feb 28 in common years', () => {
    expect(occurrenceOf('2000-02-29', 'gregorian', '2026-01-01')).toBe('2026-02-28');
    expect(occurrenceOf('2000-02-29', 'gregorian', '2028-01-01')).toBe('2028-02-29');
    expect(occurrenceOf('2000-02-29', 'gregorian', '2026-03-01')).toBe('2027-02-28');
    expect(birthdayKeysOn('2026-02-28').gregorian).toEqual(['02-28', '02-29']);
    expect(birthdayKeysOn('2028-02-28').gregorian).toEqual(['02-28']);
    expect(birthdayKeysOn('2028-02-29').gregorian).toEqual(['02-29']);
  });

  it('text that is not a date has no occurrence', () => {
    expect(occurrenceOf('', 'lunar', '2026-01-01')).toBeNull();
    expect(occurrenceOf('1990-13-01', 'lunar', '2026-01-01')).toBeNull();
    expect(occurrenceOf('08/15', 'gregorian', '2026-01-01')).toBeNull();
  });

  it('every birthday key is looked up on exactly the days its occurrences fall on, every lunar year once', () => {
    const days = daysFrom('2024-01-01', 4383);
    expect(days.at(-1)).toBe('2035-12-31');
    const byKey = new Map<string, string[]>();
    for (const day of days) {
      const keys = birthdayKeysOn(day);
      for (const key of [...keys.lunar.map((k) => `L${k}`), ...keys.gregorian.map((k) => `G${k}`)]) {
        if (!byKey.has(key)) byKey.set(key, []);
        byKey.get(key)!.push(day); // set just above
      }
    }
    const two = (n: number) => String(n).padStart(2, '0');
    const check = (key: string, text: string, calendar: 'lunar' | 'gregorian') => {
      const occurrences: string[] = [];
      for (let day = occurrenceOf(text, calendar, '2024-01-01'); day !== null && day <= '2035-12-31'; day = occurrenceOf(text, calendar, addDays(day, 1))) {
        occurrences.push(day);
      }
      expect(byKey.get(key) ?? [], text).toEqual(occurrences);
      return occurrences;
    };
    for (let month = 1; month <= 12; month++) {
      for (let day = 1; day <= 30; day++) {
        for (const leap of ['', 'L']) {
          const occurrences = check(`L${two(month)}${leap}-${two(day)}`, `--${two(month)}${leap}-${two(day)}`, 'lunar');
          // Once per lunar year: 11 or 12 of them in twelve Gregorian years, never two within 300 days.
          expect(occurrences.length).toBeGreaterThanOrEqual(11);
          for (let i = 1; i < occurrences.length; i++) expect(Date.parse(occurrences[i]!) - Date.parse(occurrences[i - 1]!)).toBeGreaterThan(300 * 86_400_000);
        }
      }
    }
    for (let month = 1; month <= 12; month++) {
      for (let day = 1; day <= (month === 2 ? 29 : 31); day++) {
        if (new Date(Date.UTC(2024, month - 1, day)).getUTCMonth() !== month - 1) continue;
        expect(check(`G${two(month)}-${two(day)}`, `--${two(month)}-${two(day)}`, 'gregorian')).toHaveLength(12);
      }
    }
  });
});
