import type { TFunction } from 'i18next';
import type { TodayItem } from '../../../../shared/api/today.ts';
import { parseLunarDate } from '../../../../shared/lunar-date.ts';
import { formatLunarDate, formatNumber, formatShortDateTime } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** A calendar day with its weekday, compactly: "Sat, Dec 5" / "12月5日周六" (UTC: never shifts a day). */
export function formatShortDay(isoDate: string): string {
  const lng = currentLanguage();
  let format = dayFormats.get(lng);
  if (!format) {
    format = new Intl.DateTimeFormat(lng, { month: 'short', day: 'numeric', weekday: 'short', timeZone: 'UTC' });
    dayFormats.set(lng, format);
  }
  const ms = Date.parse(`${isoDate}T00:00:00Z`);
  return Number.isNaN(ms) ? isoDate : format.format(ms);
}

/** The month of a calendar day: "January 2027" / "2027年1月" (UTC: never shifts a day). */
export function formatMonth(isoDate: string): string {
  const ms = Date.parse(`${isoDate}T00:00:00Z`);
  return Number.isNaN(ms) ? isoDate.slice(0, 7) : new Intl.DateTimeFormat(currentLanguage(), { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(ms);
}

/** Whole days from one calendar day to another (negative: earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const two = (n: number) => String(n).padStart(2, '0');
const clock = (minute: number) => `${two(Math.floor(minute / 60) % 24)}:${two(minute % 60)}`;

/** A visit's time of day: "09:00–10:30". */
export function visitTime(item: TodayItem): string | null {
  const { startMinute, durationMinutes } = item.details;
  if (startMinute === null) return null;
  return durationMinutes ? `${clock(startMinute)}–${clock(startMinute + durationMinutes)}` : clock(startMinute);
}

export const isOccasion = (item: TodayItem) =>
  item.kind === 'birthday' || item.kind === 'founding' || item.kind === 'contactBirthday' || item.kind === 'contractAnniversary';

/** What the item is, when the stored title is empty (a visit without a purpose, a contract without a title). */
export function itemTitle(t: TFunction, item: TodayItem): string {
  return item.title.trim() === '' ? t(`today.kinds.${item.kind}`) : item.title;
}

/**
 * The facts of an occasion after its day: "in 3 days", the lunar date it is kept on (a lunar
 * birthday's Gregorian day changes every year), and the age or years it marks.
 */
export function occasionFacts(t: TFunction, item: TodayItem, day: string): string[] {
  const facts: string[] = [];
  const inDays = daysBetween(day, item.occurrence);
  facts.push(inDays === 0 ? t('today.onToday') : t('today.inDays', { count: inDays }));
  if (item.details.calendar === 'lunar' && item.details.original) {
    const lunar = parseLunarDate(item.details.original);
    if (lunar) facts.push(formatLunarDate({ ...lunar, year: null }));
  }
  const years = item.details.years;
  if (years !== null && years > 0) {
    const birthday = item.kind === 'birthday' || item.kind === 'contactBirthday';
    facts.push(birthday ? t('today.age', { count: years }) : t('today.years', { count: years }));
  }
  return facts;
}

/** When the item is due, in words: a visit's time, a complaint's deadline, a day. */
export function dueText(t: TFunction, item: TodayItem, day: string): string | null {
  switch (item.kind) {
    case 'visit':
      return visitTime(item);
    case 'complaint':
      return item.dueAt === null ? null : t('today.dueAt', { time: formatShortDateTime(item.dueAt) });
    case 'contract':
      return item.dueOn ? t('today.expiresOn', { date: formatShortDay(item.dueOn) }) : null;
    case 'followUp':
    case 'returnVisit':
      if (!item.dueOn) return null;
      return item.dueOn === day ? t('today.dueToday') : t('today.dueOn', { date: formatShortDay(item.dueOn) });
    case 'churn':
      return null; // a warning has no due day: its sentences say why it is listed
    case 'pointsExpiring': {
      // What is left of the member's lots that expire in the month starting on the occurrence.
      const points = item.details.points ?? 0;
      return t('today.pointsExpire', { count: points, formatted: formatNumber(points), month: formatMonth(item.occurrence) });
    }
    default:
      return formatShortDay(item.occurrence);
  }
}
