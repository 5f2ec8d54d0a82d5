// When the festivals fall, per year: pure functions of the calendar (tyme4ts for the lunar ones, as
// areas/care/occasions.ts), no database.
//
// A lunar festival's "year" is the lunar year it belongs to: the Spring Festival of 2027 is lunar
// 2027's first day (2027-02-06). The built-in ones all fall in the Gregorian year of the same
// number; an own lunar festival late in the 12th month (腊八, 12-08) may fall in January of the next
// Gregorian year, and is still named by its lunar year. A lunar day 30 in a 29-day month is kept on
// the month's last day; a solar Feb 29 on Feb 28 in a common year (as care keeps birthdays).
import { LunarDay, LunarMonth, SolarDay } from 'tyme4ts';
import { BUILTIN_FESTIVALS, type BuiltinFestival, type FestivalCalendar, type HolidaySettings } from '../../../../shared/api/holidays.ts';

export type FestivalDef = { key: string; builtin: BuiltinFestival | null; name: string; calendar: FestivalCalendar; month: number; day: number };

/** The built-ins' dates: lunar month-days and solar month-days. Their names are the UI's. */
export const BUILTIN_DATES: Record<BuiltinFestival, { calendar: FestivalCalendar; month: number; day: number; zh: string }> = {
  'spring-festival': { calendar: 'lunar', month: 1, day: 1, zh: '春节' },
  lantern: { calendar: 'lunar', month: 1, day: 15, zh: '元宵节' },
  'dragon-boat': { calendar: 'lunar', month: 5, day: 5, zh: '端午节' },
  'mid-autumn': { calendar: 'lunar', month: 8, day: 15, zh: '中秋节' },
  'double-ninth': { calendar: 'lunar', month: 9, day: 9, zh: '重阳节' },
  'new-year': { calendar: 'solar', month: 1, day: 1, zh: '元旦' },
  'national-day': { calendar: 'solar', month: 10, day: 1, zh: '国庆节' },
};

function two(n: number): string {
  return String(n).padStart(2, '0');
}

function dayText(day: SolarDay): string {
  return `${String(day.getYear()).padStart(4, '0')}-${two(day.getMonth())}-${two(day.getDay())}`;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The Gregorian day (YYYY-MM-DD) a month-day of a calendar falls on in `year` (lunar: the lunar year). */
export function festivalDay(calendar: FestivalCalendar, year: number, month: number, day: number): string {
  if (calendar === 'solar') {
    const kept = month === 2 && day === 29 && !isLeapYear(year) ? 28 : day;
    return `${String(year).padStart(4, '0')}-${two(month)}-${two(kept)}`;
  }
  // The ordinary (not leap) month of that number; day 30 of a 29-day month is its last day.
  const days = LunarMonth.fromYm(year, month).getDayCount();
  return dayText(LunarDay.fromYmd(year, month, Math.min(day, days)).getSolarDay());
}

/** The festivals the settings greet: the built-ins switched on, then the own ones. */
export function festivalsOf(settings: HolidaySettings): FestivalDef[] {
  const out: FestivalDef[] = [];
  for (const key of BUILTIN_FESTIVALS) {
    if (!settings.builtins.includes(key)) continue;
    const date = BUILTIN_DATES[key];
    out.push({ key, builtin: key, name: date.zh, calendar: date.calendar, month: date.month, day: date.day });
  }
  for (const own of settings.own) out.push({ key: own.key ?? 'own-0', builtin: null, name: own.name, calendar: own.calendar, month: own.month, day: own.day });
  return out;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export type FestivalOccurrence = { festival: FestivalDef; year: number; day: string; inDays: number };

/**
 * The festivals falling from `today` through `daysAhead` days after it, by day (then the settings'
 * order). The years looked at are the Gregorian year before, of and after today's: a lunar year's
 * late 12th month reaches into the next Gregorian year.
 */
export function upcomingFestivals(festivals: readonly FestivalDef[], today: string, daysAhead: number): FestivalOccurrence[] {
  const year = Number(today.slice(0, 4));
  const out: FestivalOccurrence[] = [];
  for (const festival of festivals) {
    for (const y of [year - 1, year, year + 1]) {
      if (y < 1901 || y > 2099) continue;
      const day = festivalDay(festival.calendar, y, festival.month, festival.day);
      const inDays = daysBetween(today, day);
      if (inDays >= 0 && inDays <= daysAhead) out.push({ festival, year: y, day, inDays });
    }
  }
  return out.sort((a, b) => a.inDays - b.inDays);
}
