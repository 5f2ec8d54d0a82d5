// A Chinese lunar (农历) calendar date as stored and sent: the text form of a date whose year may be
// unknown and whose month may be a leap month. It extends the YYYY-MM-DD of Gregorian dates, so every
// lunar date written before leap months and unknown years existed reads the same as before:
//
//   1990-08-15    eighth month, day 15, of the lunar year that starts in 1990
//   2020-04L-03   leap fourth month (闰四月), day 3, lunar year 2020
//   --08-15       eighth month, day 15, year unknown (ISO 8601's --MM-DD)
//
// The L after the month is ICU's and Temporal's leap-month mark (monthCode "M04L").
// Which years have which leap month, and which months have a 30th day, is the calendar's business:
// the core and the renderer ask the lunar-calendar library (electron/core/services/lunar-calendar.ts,
// renderer/src/features/customers/lunar.ts); shared/ imports only zod.

export type LunarDate = {
  /** The lunar year, named by the Gregorian year it starts in; null when not known. */
  year: number | null;
  /** 1 (正月) to 12 (腊月). */
  month: number;
  /** The leap month that follows `month` (闰四月 follows 四月). */
  leap: boolean;
  /** 1 to 30; a lunar month has 29 or 30 days. */
  day: number;
};

/** The longest text form: `2020-04L-03`. */
export const LUNAR_DATE_MAX_LENGTH = 11;

const LUNAR_FORM = /^(\d{4}|-)-(\d{2})(L?)-(\d{2})$/;

/** The date a text names, or null when it is not a lunar date in this form. */
export function parseLunarDate(text: string): LunarDate | null {
  const parts = LUNAR_FORM.exec(text);
  if (!parts) return null;
  const [, year, month, leap, day] = parts as unknown as [string, string, string, string, string]; // the pattern has four groups
  const date = { year: year === '-' ? null : Number(year), month: Number(month), leap: leap === 'L', day: Number(day) };
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > 30) return null;
  return date;
}

/** The text form of a lunar date (see the top of this file). */
export function lunarDateText(date: LunarDate): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const year = date.year === null ? '-' : String(date.year).padStart(4, '0');
  return `${year}-${two(date.month)}${date.leap ? 'L' : ''}-${two(date.day)}`;
}
