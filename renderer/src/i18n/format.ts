import { currentLanguage } from './i18n.ts';

// Formatters are costly to build and lists render hundreds of dates: cache one per language.
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function cached<T>(cache: Map<string, T>, make: (lng: string) => T): T {
  const lng = currentLanguage();
  let format = cache.get(lng);
  if (!format) {
    format = make(lng);
    cache.set(lng, format);
  }
  return format;
}

/** An instant (ms since epoch) as local date and time. */
export function formatDateTime(ms: number): string {
  return cached(dateTimeFormats, (lng) => new Intl.DateTimeFormat(lng, { dateStyle: 'medium', timeStyle: 'short' })).format(ms);
}

const shortDateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** An instant, compactly (list columns). */
export function formatShortDateTime(ms: number): string {
  return cached(shortDateTimeFormats, (lng) => new Intl.DateTimeFormat(lng, { dateStyle: 'short', timeStyle: 'short' })).format(ms);
}

/** An instant as a local date. */
export function formatDate(ms: number): string {
  return cached(dateFormats, (lng) => new Intl.DateTimeFormat(lng, { dateStyle: 'long' })).format(ms);
}

/** A calendar date `YYYY-MM-DD` (no time zone: format it as UTC so it never shifts a day). */
export function formatCalendarDate(isoDate: string): string {
  const ms = Date.parse(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(ms)) return isoDate;
  return new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'long', timeZone: 'UTC' }).format(ms);
}

export function formatNumber(n: number): string {
  return cached(numberFormats, (lng) => new Intl.NumberFormat(lng)).format(n);
}
