// When birthdays and anniversaries are celebrated, from the lunar calendar library (tyme4ts, as
// areas/customers/lunar-calendar.ts): pure functions of calendar days, no database.
//
// A birthday is stored as text (Gregorian YYYY-MM-DD or --MM-DD; lunar forms in shared/lunar-date.ts)
// and indexed by its `birthday_key`, the text without its year ('08-15', lunar leap months
// '04L-03'; migration 0016). Finding who is celebrated on a day is then "whose key is one of the
// keys of that day" (birthdayKeysOn), over the index; occurrenceOf answers the other way round.
//
// How a day is kept when a year lacks it (the shop's custom, as the issue states it):
// - Gregorian Feb 29 is celebrated on Feb 28 in common years.
// - A lunar leap-month birthday (闰四月初三) is celebrated in the leap month when the year has that
//   leap month, else in the ordinary month of that number (四月初三).
// - A lunar day 30 is celebrated on the month's last day when the month has 29 days.
import { LunarDay, LunarMonth, LunarYear, SolarDay } from 'tyme4ts';
import { parseLunarDate } from '../../../../shared/lunar-date.ts';

export type BirthdayCalendar = 'gregorian' | 'lunar';

function two(n: number): string {
  return String(n).padStart(2, '0');
}

function dayText(day: SolarDay): string {
  return `${String(day.getYear()).padStart(4, '0')}-${two(day.getMonth())}-${two(day.getDay())}`;
}

function dayParts(day: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new Error(`not a YYYY-MM-DD date: ${day}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The month-day key of a lunar month (negative = leap, tyme4ts's way) and day. */
function lunarKey(month: number, day: number): string {
  return `${two(Math.abs(month))}${month < 0 ? 'L' : ''}-${two(day)}`;
}

/**
 * The `birthday_key` values celebrated on a Gregorian day, per calendar. Gregorian: the day's
 * month-day, and '02-29' on Feb 28 of a common year. Lunar: the day's lunar month-day; in an
 * ordinary month whose number the lunar year has no leap month of, also that leap month's key; on
 * the 29th of a 29-day month, also day 30 (with the same leap rule).
 */
export function birthdayKeysOn(day: string): DayKeys {
  let keys = keysByDay.get(day);
  if (!keys) {
    // tyme4ts takes about 0.1–0.3 ms a day; Today asks for the same few days again and again.
    if (keysByDay.size >= 2000) keysByDay.clear();
    keys = computeKeys(day);
    keysByDay.set(day, keys);
  }
  return keys;
}

/** A day's keys, and the lunar year the day belongs to (for ages in lunar years). Shared by the cache: read only. */
export type DayKeys = { readonly gregorian: readonly string[]; readonly lunar: readonly string[]; readonly lunarYear: number };

const keysByDay = new Map<string, DayKeys>();

function computeKeys(day: string): DayKeys {
  const [year, month, date] = dayParts(day);
  const gregorian = [`${two(month)}-${two(date)}`];
  if (month === 2 && date === 28 && !isLeapYear(year)) gregorian.push('02-29');

  const lunarDay = SolarDay.fromYmd(year, month, date).getLunarDay();
  const lunarMonth = lunarDay.getLunarMonth();
  const monthNumber = lunarMonth.getMonthWithLeap(); // negative for a leap month
  const days = [lunarDay.getDay()];
  if (lunarDay.getDay() === 29 && lunarMonth.getDayCount() === 29) days.push(30);
  const months = [monthNumber];
  if (monthNumber > 0 && LunarYear.fromYear(lunarDay.getYear()).getLeapMonth() !== monthNumber) months.push(-monthNumber);
  const lunar: string[] = [];
  for (const m of months) for (const d of days) lunar.push(lunarKey(m, d));
  return { gregorian, lunar, lunarYear: lunarDay.getYear() };
}

/** The Gregorian day a lunar month-day is celebrated in lunar year `year` (see the top). */
function lunarCelebration(year: number, month: number, leap: boolean, day: number): string {
  const monthNumber = leap && LunarYear.fromYear(year).getLeapMonth() === month ? -month : month;
  const lastDay = LunarMonth.fromYm(year, monthNumber).getDayCount();
  return dayText(LunarDay.fromYmd(year, monthNumber, Math.min(day, lastDay)).getSolarDay());
}

/** The Gregorian day a month-day is celebrated in `year` (Feb 29 on Feb 28 in a common year). */
function gregorianCelebration(year: number, month: number, day: number): string {
  const kept = month === 2 && day === 29 && !isLeapYear(year) ? 28 : day;
  return `${String(year).padStart(4, '0')}-${two(month)}-${two(kept)}`;
}

/** A stored birthday's month-day (and year if known), or null when the text is not one. */
function parseGregorian(text: string): { year: number | null; month: number; day: number } | null {
  const match = /^(\d{4}|-)-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return { year: match[1] === '-' ? null : Number(match[1]), month, day };
}

/** An occurrence: the day, and the year (Gregorian, or lunar for lunar dates) it falls in. */
export type Occurrence = { day: string; year: number };

/**
 * The next celebration on or after `fromDay` of a stored birthday (or founding date, or a signing
 * day as a Gregorian date), with the year it belongs to; null when the text is not a date. A lunar
 * 11th/12th-month date of lunar year Y falls in January/February of Y+1, so the lunar years around
 * fromDay's Gregorian year are all tried.
 */
export function nextOccurrence(birthday: string, calendar: BirthdayCalendar, fromDay: string): Occurrence | null {
  const [fromYear] = dayParts(fromDay);
  if (calendar === 'lunar') {
    const date = parseLunarDate(birthday);
    if (!date) return null;
    for (let year = fromYear - 1; year <= fromYear + 1; year++) {
      const day = lunarCelebration(year, date.month, date.leap, date.day);
      if (day >= fromDay) return { day, year };
    }
    return null; // unreachable: lunar year fromYear+1 starts after fromDay
  }
  const date = parseGregorian(birthday);
  if (!date) return null;
  for (let year = fromYear; year <= fromYear + 1; year++) {
    const day = gregorianCelebration(year, date.month, date.day);
    if (day >= fromDay) return { day, year };
  }
  return null;
}

/** The next Gregorian day on or after `fromDay` a stored birthday is celebrated (null: not a date). */
export function occurrenceOf(birthday: string, calendar: BirthdayCalendar, fromDay: string): string | null {
  return nextOccurrence(birthday, calendar, fromDay)?.day ?? null;
}

/**
 * How many years a birthday or anniversary celebrated on `day` marks (age, years since founding or
 * signing), in the date's own calendar; null when the year is not known. Lunar ages count lunar
 * years (虚岁 is not used: 0 on the day of birth itself).
 */
export function yearsOn(birthday: string, calendar: BirthdayCalendar, day: string): number | null {
  if (calendar === 'lunar') {
    const date = parseLunarDate(birthday);
    if (!date || date.year === null) return null;
    return birthdayKeysOn(day).lunarYear - date.year;
  }
  const date = parseGregorian(birthday);
  if (!date || date.year === null) return null;
  return dayParts(day)[0] - date.year;
}

/** The calendar days from `from`, `count` of them (`from` included). */
export function daysFrom(from: string, count: number): string[] {
  const [year, month, day] = dayParts(from);
  const start = Date.UTC(year, month - 1, day);
  const days: string[] = [];
  for (let i = 0; i < count; i++) {
    const at = new Date(start + i * 86_400_000);
    days.push(`${String(at.getUTCFullYear()).padStart(4, '0')}-${two(at.getUTCMonth() + 1)}-${two(at.getUTCDate())}`);
  }
  return days;
}
