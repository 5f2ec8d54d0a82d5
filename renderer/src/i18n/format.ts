import i18next, { type TFunction } from 'i18next';
import type { LunarDate } from '../../../shared/lunar-date.ts';
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
  return calendarDateIn(currentLanguage(), isoDate);
}

/** formatCalendarDate in a given language (the audit log formats with its own i18next instance in tests). */
export function calendarDateIn(lng: string, isoDate: string): string {
  const ms = Date.parse(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(ms)) return isoDate;
  return new Intl.DateTimeFormat(lng, { dateStyle: 'long', timeZone: 'UTC' }).format(ms);
}

export function formatNumber(n: number): string {
  return cached(numberFormats, (lng) => new Intl.NumberFormat(lng)).format(n);
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB'] as const;

/** Bytes in binary units with at most one decimal (1.4 MB), as file managers show them. */
export function formatBytes(bytes: number): string {
  return bytesIn(currentLanguage(), bytes);
}

/** formatBytes in a given language (the audit log formats with its own language in tests). */
export function bytesIn(lng: string, bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const rounded = unit === 0 ? value : Math.round(value * 10) / 10;
  return `${new Intl.NumberFormat(lng).format(rounded)} ${BYTE_UNITS[unit]}`;
}

// Lunar dates in Chinese are written in the traditional notation (农历八月十五, 闰四月初三), with the
// customary names of the first and the last two months; in English as month/day numbers.
const LUNAR_MONTHS_ZH = ['正月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '冬月', '腊月'];
const DIGITS_ZH = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 初一 … 初十, 十一 … 十九, 二十, 廿一 … 廿九, 三十. */
function lunarDayZh(day: number): string {
  if (day <= 10) return `初${DIGITS_ZH[day]}`;
  if (day < 20) return `十${DIGITS_ZH[day - 10]}`;
  if (day === 20) return '二十';
  if (day < 30) return `廿${DIGITS_ZH[day - 20]}`;
  return '三十';
}

const isChinese = () => currentLanguage() === 'zh-CN';

/** A lunar month as a choice in a list: 正月, 闰四月 / Month 1, Leap month 4. */
export function formatLunarMonth(month: number, leap: boolean): string {
  const name = isChinese() ? LUNAR_MONTHS_ZH[month - 1] : String(month);
  return i18next.t(leap ? 'customer.lunarLeapMonthOption' : 'customer.lunarMonthOption', { month: name });
}

/** A lunar day as a choice in a list: 初三 / 3. */
export function formatLunarDay(day: number): string {
  return isChinese() ? lunarDayZh(day) : String(day);
}

/** 农历1990年八月十五, 农历闰四月初三 / Lunar 8/15/1990, Lunar leap 4/3. */
export function formatLunarDate(date: LunarDate): string {
  return lunarDateIn({ t: i18next.t, lng: currentLanguage() }, date);
}

/** formatLunarDate with a given translation function and language (the audit log's own). */
export function lunarDateIn(words: { t: TFunction; lng: string }, date: LunarDate): string {
  const zh = words.lng === 'zh-CN';
  const monthName = zh ? LUNAR_MONTHS_ZH[date.month - 1] : String(date.month);
  const month = date.leap ? words.t('customer.lunarLeapToken', { month: monthName }) : monthName;
  const day = zh ? lunarDayZh(date.day) : String(date.day);
  return date.year === null
    ? words.t('customer.lunarDate', { month, day })
    : words.t('customer.lunarDateWithYear', { month, day, year: date.year });
}
