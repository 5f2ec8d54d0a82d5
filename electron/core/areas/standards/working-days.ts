// The shop's working calendar: which local days count when a deadline is in working hours.
//
// A day is a working day when it is Monday to Friday, unless China's statutory calendar (tyme4ts
// LegalHoliday, for the years the library knows) makes it a holiday, or a make-up working day (调休)
// turns a weekend day into a working one. The owner's corrections (`calendar_days`) win over both:
// the official list for next year is published each December, after the app was built.
import { LegalHoliday } from 'tyme4ts';
import type { Db } from '../../db/database.ts';

export type WorkingCalendar = { isWorkingDay(day: string): boolean };

/** A statutory day off or make-up working day as tyme4ts knows it. */
export type BuiltinDay = { day: string; kind: 'holiday' | 'workday'; name: string };

let builtinDays: Map<string, BuiltinDay> | null = null;

/**
 * Every day tyme4ts lists (holidays and make-up working days), by `YYYY-MM-DD`. Read once: the
 * library's own lookup scans its whole table on each call. The entries are found in its table
 * (8 digits of date each) and then asked of the library itself, so what they mean is its answer.
 */
export function builtinCalendar(): Map<string, BuiltinDay> {
  if (builtinDays) return builtinDays;
  const days = new Map<string, BuiltinDay>();
  for (const match of LegalHoliday.DATA.matchAll(/(\d{4})(\d{2})(\d{2})[01][0-8][+-]\d{2}/g)) {
    const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const holiday = LegalHoliday.fromYmd(year, month, date);
    if (!holiday) continue;
    const day = `${match[1]}-${match[2]}-${match[3]}`;
    days.set(day, { day, kind: holiday.isWork() ? 'workday' : 'holiday', name: holiday.getName() });
  }
  builtinDays = days;
  return days;
}

/** The years tyme4ts has statutory data for (ascending). */
export function knownYears(): number[] {
  return [...new Set([...builtinCalendar().keys()].map((day) => Number(day.slice(0, 4))))].sort((a, b) => a - b);
}

/** Saturday or Sunday (the day read as a calendar date, whatever the time zone). */
export function isWeekend(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** Working day by the weekend and the built-in calendar alone (no owner corrections). */
export function builtinIsWorkingDay(day: string): boolean {
  const builtin = builtinCalendar().get(day);
  if (builtin) return builtin.kind === 'workday';
  return !isWeekend(day);
}

/** A calendar from a map of corrections (day → kind), over the built-in one. Pure: tests use it. */
export function workingCalendarOf(corrections: ReadonlyMap<string, 'holiday' | 'workday'>): WorkingCalendar {
  return {
    isWorkingDay(day: string): boolean {
      const corrected = corrections.get(day);
      if (corrected) return corrected === 'workday';
      return builtinIsWorkingDay(day);
    },
  };
}

/** Weekend + tyme4ts LegalHoliday + the owner's corrections in `calendar_days`. */
export async function loadWorkingCalendar(db: Db): Promise<WorkingCalendar> {
  const rows = await db.selectFrom('calendar_days').select(['day', 'kind']).execute();
  return workingCalendarOf(new Map(rows.map((row) => [row.day, row.kind])));
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** The local day (machine time zone: the shop's) of a local midnight or any instant. */
function dayOf(at: Date): string {
  return `${pad(at.getFullYear(), 4)}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** The local midnight starting the day after `at`'s local day (23, 24 or 25 hours on a DST day). */
function nextMidnight(at: Date): Date {
  return new Date(at.getFullYear(), at.getMonth(), at.getDate() + 1);
}

/** A guard against a calendar with no working day at all (an owner marking years off). */
const MAX_DAYS = 3660;

/**
 * `from` plus `hours` counted only on working days, in the shop's local time. Time on a non-working
 * day does not count: a complaint opened on a Saturday starts counting at the next working day's
 * 00:00, and a Friday 18:00 complaint with 24 hours before the National Day week is due at 18:00 on
 * the first working day after it (6 hours on Friday, 18 on that day). Hours are elapsed hours, so
 * a working day with a daylight-saving change counts 23 or 25 of them. A deadline that lands on the
 * very end of a working day stays there (24:00, i.e. the next midnight) rather than jumping on.
 */
export function addWorkingHours(calendar: WorkingCalendar, from: number, hours: number): number {
  let remaining = hours * 3_600_000;
  let cursor = from;
  for (let step = 0; step < MAX_DAYS; step++) {
    const at = new Date(cursor);
    const end = nextMidnight(at).getTime();
    if (calendar.isWorkingDay(dayOf(at))) {
      if (cursor + remaining <= end) return cursor + remaining;
      remaining -= end - cursor;
    }
    cursor = end;
  }
  throw new Error(`addWorkingHours: no working day within ${MAX_DAYS} days of ${new Date(from).toISOString()}`);
}
