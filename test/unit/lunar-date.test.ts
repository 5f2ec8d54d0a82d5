// Lunar birthdays: the stored text form (shared/lunar-date.ts), the calendar facts from tyme4ts as the
// core checks them and as the form offers them, conversion to Gregorian days, and the zh-CN / en-US
// notation. Dates are checked against published calendars (Mid-Autumn 2026 is 25 September; the
// leap fourth month of 2020 began on 23 May), never against today's date.
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { lunarDateText, parseLunarDate, type LunarDate } from '../../shared/lunar-date.ts';
import { CustomerDraft } from '../../shared/api/customers.ts';
import { lunarDateProblem as coreProblem } from '../../electron/core/areas/customers/lunar-calendar.ts';
import {
  daysInLunarMonth,
  leapMonthOf,
  lunarDateProblem as formProblem,
  lunarToSolar,
  nextLunarBirthday,
  solarToLunar,
} from '../../renderer/src/features/customers/lunar.ts';
import { joinLunarInput, splitLunarInput } from '../../renderer/src/features/customers/LunarDateFields.tsx';
import { formatLunarDate, formatLunarDay, formatLunarMonth } from '../../renderer/src/i18n/format.ts';
import { resources } from '../i18n-resources.ts';

const lunar = (year: number | null, month: number, day: number, leap = false): LunarDate => ({ year, month, leap, day });

describe('lunar date text form', () => {
  it('reads and writes every form back to the same text', () => {
    for (const text of ['1990-08-15', '2020-04L-03', '--08-15', '--12L-30', '0001-01-01', '9999-12-29']) {
      const date = parseLunarDate(text);
      expect(date, text).not.toBeNull();
      expect(lunarDateText(date!)).toBe(text);
    }
    expect(parseLunarDate('2020-04L-03')).toEqual(lunar(2020, 4, 3, true));
    expect(parseLunarDate('--08-15')).toEqual(lunar(null, 8, 15));
  });

  it('reads dates stored before leap months and unknown years existed unchanged', () => {
    // The old form was YYYY-MM-DD with month 1-12 and day 1-30: all of it still reads the same.
    expect(parseLunarDate('1980-02-30')).toEqual(lunar(1980, 2, 30));
  });

  it('refuses what is not a lunar date', () => {
    for (const text of ['', '1990-13-01', '1990-00-10', '1990-08-31', '1990-08-00', '1990-8-15', '90-08-15', '1990-08L', '1990-L08-15', '1990-08l-15', '--08-15L', '19900815']) {
      expect(parseLunarDate(text), text).toBeNull();
    }
  });

  it('is what the contract accepts for a lunar birthday, with the reason lunarDate otherwise', () => {
    expect(CustomerDraft.safeParse({ name: 'A', birthday: '2020-04L-03', birthdayCalendar: 'lunar' }).success).toBe(true);
    expect(CustomerDraft.safeParse({ name: 'A', birthday: '--08-15', birthdayCalendar: 'lunar' }).success).toBe(true);
    const refused = CustomerDraft.safeParse({ name: 'A', birthday: '1990-08-31', birthdayCalendar: 'lunar' });
    expect(refused.error?.issues).toEqual([expect.objectContaining({ path: ['birthday'], message: 'lunarDate' })]);
    // A leap month is no Gregorian date.
    expect(CustomerDraft.safeParse({ name: 'A', birthday: '2020-04L-03' }).error?.issues[0]?.message).toBe('date');
  });

  it('keeps unfinished input in the form (year, month, day entered one at a time)', () => {
    for (const parts of [
      { year: '', month: '', day: '' },
      { year: '19', month: '', day: '' },
      { year: '', month: '04L', day: '' },
      { year: '', month: '', day: '30' },
      { year: '2020', month: '04L', day: '03' },
    ]) {
      expect(splitLunarInput(joinLunarInput(parts))).toEqual(parts);
    }
    expect(joinLunarInput({ year: '', month: '08', day: '15' })).toBe('--08-15');
    expect(joinLunarInput({ year: '', month: '', day: '' })).toBe('');
    // A Gregorian date left in the field when switching calendars reads as the same numbers.
    expect(splitLunarInput('1990-10-03')).toEqual({ year: '1990', month: '10', day: '03' });
  });
});

describe('lunar calendar facts (tyme4ts)', () => {
  it('knows the leap months', () => {
    expect(leapMonthOf(2020)).toBe(4);
    expect(leapMonthOf(2023)).toBe(2);
    expect(leapMonthOf(2025)).toBe(6);
    expect(leapMonthOf(2026)).toBeNull();
    expect(leapMonthOf(2033)).toBe(11);
  });

  it('knows which months have a 30th day', () => {
    expect(daysInLunarMonth(2026, 1, false)).toBe(30);
    expect(daysInLunarMonth(2026, 8, false)).toBe(29);
    expect(daysInLunarMonth(2020, 4, true)).toBe(29);
    expect(daysInLunarMonth(null, 8, false)).toBe(30);
  });

  it('refuses a leap month the year lacks and a 30th day the month lacks, in the core and in the form alike', () => {
    expect(coreProblem(lunar(2020, 4, 3, true))).toBeNull();
    expect(coreProblem(lunar(2026, 4, 3, true))).toBe('lunarLeapMonth');
    expect(coreProblem(lunar(2026, 8, 30))).toBe('lunarDay30');
    expect(coreProblem(lunar(2026, 1, 30))).toBeNull();
    expect(coreProblem(lunar(null, 4, 30, true))).toBeNull();
    for (let year = 1900; year <= 2100; year++) {
      for (let month = 1; month <= 12; month++) {
        for (const leap of [false, true]) {
          const date = lunar(year, month, 30, leap);
          expect(formProblem(date), `${year} ${month} ${leap}`).toBe(coreProblem(date));
        }
      }
    }
  });

  it('converts to Gregorian days as the published calendar has them', () => {
    expect(lunarToSolar({ ...lunar(2026, 8, 15), year: 2026 })).toEqual({ year: 2026, month: 9, day: 25 });
    expect(lunarToSolar({ ...lunar(2026, 1, 1), year: 2026 })).toEqual({ year: 2026, month: 2, day: 17 });
    expect(lunarToSolar({ ...lunar(2020, 4, 1, true), year: 2020 })).toEqual({ year: 2020, month: 5, day: 23 });
    expect(lunarToSolar({ ...lunar(1990, 8, 15), year: 1990 })).toEqual({ year: 1990, month: 10, day: 3 });
  });

  it('round-trips every day of four years, through a leap month and both month lengths', () => {
    let leapDays = 0;
    for (let ms = Date.UTC(2020, 0, 1); ms < Date.UTC(2024, 0, 1); ms += 86_400_000) {
      const d = new Date(ms);
      const solar = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
      const date = solarToLunar(solar);
      if (date.leap) leapDays += 1;
      expect(lunarToSolar(date), JSON.stringify(date)).toEqual(solar);
      expect(parseLunarDate(lunarDateText(date))).toEqual(date);
    }
    expect(leapDays).toBe(29 + 29); // 闰四月 2020 and 闰二月 2023
  });

  it('finds the next Gregorian day of a lunar birthday', () => {
    // Mid-Autumn: this year's has passed on 1 December 2026, so next year's.
    expect(nextLunarBirthday(lunar(null, 8, 15), { year: 2026, month: 12, day: 1 })).toEqual({ year: 2027, month: 9, day: 15 });
    expect(nextLunarBirthday(lunar(1990, 8, 15), { year: 2026, month: 9, day: 25 })).toEqual({ year: 2026, month: 9, day: 25 });
    // 腊八 in January belongs to the lunar year that began the Gregorian year before.
    expect(nextLunarBirthday(lunar(null, 12, 8), { year: 2027, month: 1, day: 5 })).toEqual({ year: 2027, month: 1, day: 15 });
    // Born in a leap fourth month: in 2026, which has none, the ordinary fourth month.
    expect(nextLunarBirthday(lunar(2020, 4, 3, true), { year: 2026, month: 1, day: 1 })).toEqual({ year: 2026, month: 5, day: 19 });
    // Born on a 30th: in a year whose month has 29 days, the 29th (2026's eighth month).
    expect(nextLunarBirthday(lunar(null, 8, 30), { year: 2026, month: 1, day: 1 })).toEqual(lunarToSolar({ year: 2026, month: 8, leap: false, day: 29 }));
  });
});

describe('lunar date notation', () => {
  beforeAll(async () => {
    await i18next.init({ resources, lng: 'zh-CN', fallbackLng: false, interpolation: { escapeValue: false } });
  });

  it('writes Chinese in the traditional notation, once 农历', async () => {
    await i18next.changeLanguage('zh-CN');
    expect(formatLunarDate(lunar(null, 8, 15))).toBe('农历八月十五');
    expect(formatLunarDate(lunar(1990, 8, 15))).toBe('农历1990年八月十五');
    expect(formatLunarDate(lunar(2020, 4, 3, true))).toBe('农历2020年闰四月初三');
    expect(formatLunarDate(lunar(null, 1, 1))).toBe('农历正月初一');
    expect(formatLunarDate(lunar(null, 11, 20))).toBe('农历冬月二十');
    expect(formatLunarDate(lunar(null, 12, 30))).toBe('农历腊月三十');
    expect([1, 10, 11, 19, 20, 21, 29, 30].map(formatLunarDay)).toEqual(['初一', '初十', '十一', '十九', '二十', '廿一', '廿九', '三十']);
    expect(formatLunarMonth(4, true)).toBe('闰四月');
  });

  it('writes English as month/day numbers, once "Lunar"', async () => {
    await i18next.changeLanguage('en-US');
    expect(formatLunarDate(lunar(null, 8, 15))).toBe('Lunar 8/15');
    expect(formatLunarDate(lunar(1990, 8, 15))).toBe('Lunar 8/15/1990');
    expect(formatLunarDate(lunar(null, 4, 3, true))).toBe('Lunar leap 4/3');
    expect(formatLunarMonth(4, true)).toBe('Leap month 4');
    expect(formatLunarMonth(12, false)).toBe('Month 12');
    expect(formatLunarDay(15)).toBe('15');
  });
});
