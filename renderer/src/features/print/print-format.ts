// Words and numbers on paper, in the user's language.
import type { AppError } from '../../../../shared/errors.ts';
import type { Language } from '../../i18n/i18n.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** 570 → '09:30'. */
export function clockOf(minute: number): string {
  return `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
}

/** A visit's start and end: '09:30–10:30' (an end past midnight reads as the next day's clock). */
export function timeRange(startMinute: number, durationMinutes: number): string {
  return `${clockOf(startMinute)}–${clockOf((startMinute + durationMinutes) % 1440)}`;
}

/** A calendar day with its weekday: 2026年12月1日星期二 / Tuesday, December 1, 2026 (no time zone shift). */
export function dayWithWeekday(lng: Language, day: string): string {
  return new Intl.DateTimeFormat(lng, { dateStyle: 'full', timeZone: 'UTC' }).format(Date.parse(`${day}T00:00:00Z`));
}

/** A calendar day: 2026年12月1日 / Dec 1, 2026. */
export function dayText(lng: Language, day: string): string {
  return new Intl.DateTimeFormat(lng, { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.parse(`${day}T00:00:00Z`));
}

/** Days from..to as one text: one day, or "from – to". */
export function daysText(lng: Language, from: string, to: string): string {
  return from === to ? dayText(lng, from) : `${dayText(lng, from)} – ${dayText(lng, to)}`;
}

/** An instant as local date and time. */
export function instantText(lng: Language, ms: number): string {
  return new Intl.DateTimeFormat(lng, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

/** An instant's local day: 2026年12月1日 / Dec 1, 2026. */
export function instantDay(lng: Language, ms: number): string {
  return new Intl.DateTimeFormat(lng, { dateStyle: 'medium' }).format(ms);
}

/** At most `max` characters, with an ellipsis when cut (a sheet is not the place for a whole agenda). */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}…`;
}

/** A text as a CSS string literal (the running head in `@page`): quotes and backslashes escaped, line breaks as \A, other control characters as spaces. */
export function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\A ').replace(/[\p{Cc}]/gu, ' ')}"`;
}

export type SheetInput = { staffId: number | null; from: string; to: string };

/** The address's `from`, `to` and `staff`; a staff that is not a number is refused here as the core would refuse it. */
export function sheetInput(query: string, today: string): { input: SheetInput | null; error: AppError | null } {
  const params = new URLSearchParams(query);
  const from = params.get('from') ?? today;
  const to = params.get('to') ?? from;
  const staff = params.get('staff');
  if (staff !== null && !/^\d{1,15}$/.test(staff)) {
    return { input: null, error: { code: 'VALIDATION', message: 'print.visitSheet: staff must be a user id', details: [{ path: ['staffId'], code: 'custom', message: 'staff' }] } };
  }
  return { input: { staffId: staff === null ? null : Number(staff), from, to }, error: null };
}
