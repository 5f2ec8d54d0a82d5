// Lunar-calendar facts the birthday form and the detail page need, from tyme4ts (LIBRARIES.md).
// The core checks the same facts when it saves (electron/core/services/lunar-calendar.ts); the form
// only offers what exists, so a refusal there is rare.
import { LunarDay, LunarMonth, LunarYear, SolarDay } from 'tyme4ts';
import type { LunarDate } from '../../../../shared/lunar-date.ts';

/** The years tyme4ts knows; a four-digit year outside them is refused (there is no calendar for it). */
export const LUNAR_YEARS = { min: 1, max: 9999 } as const;

/** The month a lunar year repeats as a leap month (1–12), or null when it has none. */
export function leapMonthOf(year: number): number | null {
  const leap = LunarYear.fromYear(year).getLeapMonth();
  return leap === 0 ? null : leap;
}

/** 29 or 30; without a year, 30 (every month has a 30th day in some year). */
export function daysInLunarMonth(year: number | null, month: number, leap: boolean): number {
  if (year === null) return 30;
  if (leap && leapMonthOf(year) !== month) return 30; // no such month: the core names that problem
  return LunarMonth.fromYm(year, leap ? -month : month).getDayCount();
}

/** A Gregorian calendar day. */
export type SolarDate = { year: number; month: number; day: number };

/** The Gregorian day of a lunar date that has a year (and exists). */
export function lunarToSolar(date: LunarDate & { year: number }): SolarDate {
  const solar = LunarDay.fromYmd(date.year, date.leap ? -date.month : date.month, date.day).getSolarDay();
  return { year: solar.getYear(), month: solar.getMonth(), day: solar.getDay() };
}

/** The lunar date of a Gregorian day. */
export function solarToLunar(date: SolarDate): LunarDate & { year: number } {
  const lunar = SolarDay.fromYmd(date.year, date.month, date.day).getLunarDay();
  const month = lunar.getLunarMonth();
  return { year: month.getYear(), month: Math.abs(month.getMonthWithLeap()), leap: month.isLeap(), day: lunar.getDay() };
}

/**
 * This lunar birthday's day in a given lunar year, kept as people keep it: in a year without that
 * leap month it falls in the ordinary month, and a 30th day in a 29-day month falls on the 29th.
 */
function birthdayInYear(date: LunarDate, year: number): SolarDate {
  const leap = date.leap && leapMonthOf(year) === date.month;
  const day = Math.min(date.day, LunarMonth.fromYm(year, leap ? -date.month : date.month).getDayCount());
  return lunarToSolar({ year, month: date.month, leap, day });
}

function compare(a: SolarDate, b: SolarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** The first Gregorian day on or after `today` on which this lunar birthday falls. */
export function nextLunarBirthday(date: LunarDate, today: SolarDate): SolarDate {
  // Today lies in the lunar year that started in this Gregorian year or in the one before.
  for (const year of [today.year - 1, today.year, today.year + 1]) {
    const day = birthdayInYear(date, year);
    if (compare(day, today) >= 0) return day;
  }
  return birthdayInYear(date, today.year + 2); // unreachable: a lunar year is shorter than 385 days
}

/** The core's check, run as you type: a leap month the year lacks, or a 30th day its month lacks. */
export function lunarDateProblem(date: LunarDate): 'lunarLeapMonth' | 'lunarDay30' | null {
  if (date.year === null) return null;
  if (date.leap && leapMonthOf(date.year) !== date.month) return 'lunarLeapMonth';
  if (date.day > daysInLunarMonth(date.year, date.month, date.leap)) return 'lunarDay30';
  return null;
}
