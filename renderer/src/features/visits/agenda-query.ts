// The agenda's view, day and staff member live in its address (`#/visits?view=week&day=2026-12-01&staff=3`):
// a reload shows the same days. Days are the shop's calendar days (YYYY-MM-DD); a week runs Monday
// to Sunday. Values that are not valid (an edited address, an old bookmark) are dropped.
import { addDays } from '../../../../shared/contract-status.ts';

export type AgendaView = 'day' | 'week';
/** A staff member's id, or the whole shop. Absent: the user's default (app decides: see defaultStaff). */
export type AgendaStaff = number | 'all';

/** `cancelled`: cancelled visits are shown too. */
export type AgendaQuery = { view: AgendaView; day: string; staff?: AgendaStaff; cancelled?: true };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[1-9]\d{0,9}$/;

/** A real calendar day in the years the core accepts (2026-02-30 is not one). */
export function isDay(text: string): boolean {
  if (!DAY.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const at = new Date(Date.UTC(y, m - 1, d));
  return y >= 1970 && y <= 2100 && at.getUTCMonth() === m - 1 && at.getUTCDate() === d;
}

/**
 * The parser for one "today" (the shop's local day when the page opened): an address without a
 * valid day shows today. Kept per today so the list-address helpers get a stable function.
 */
export function agendaParser(today: string): (search: string) => AgendaQuery {
  return (search) => {
    const params = new URLSearchParams(search);
    const view: AgendaView = params.get('view') === 'week' ? 'week' : 'day';
    const rawDay = params.get('day') ?? '';
    const day = isDay(rawDay) ? rawDay : today;
    const rawStaff = params.get('staff') ?? '';
    const staff: AgendaStaff | undefined = rawStaff === 'all' ? 'all' : ID.test(rawStaff) ? Number(rawStaff) : undefined;
    return { view, day, ...(staff === undefined ? {} : { staff }), ...(params.get('cancelled') === '1' ? { cancelled: true as const } : {}) };
  };
}

/** Always names the day, so a reload tomorrow still shows the day that was open. */
export function formatAgendaQuery(query: AgendaQuery): string {
  const params = new URLSearchParams();
  params.set('view', query.view);
  params.set('day', query.day);
  if (query.staff !== undefined) params.set('staff', String(query.staff));
  if (query.cancelled) params.set('cancelled', '1');
  return params.toString();
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayIndex(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

/** The Monday of the week holding `day`. */
export function weekStart(day: string): string {
  return addDays(day, -weekdayIndex(day));
}

/** The days the agenda shows: one, or Monday..Sunday. */
export function agendaDays(query: Pick<AgendaQuery, 'view' | 'day'>): string[] {
  if (query.view === 'day') return [query.day];
  const monday = weekStart(query.day);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** Previous / next: a day or a week away. */
export function stepDay(query: Pick<AgendaQuery, 'view' | 'day'>, direction: -1 | 1): string {
  return addDays(query.day, direction * (query.view === 'week' ? 7 : 1));
}

/** A time input's "HH:MM" as a minute of the day; null when it is not one. */
export function timeToMinute(text: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  if (!match) return null;
  const h = Number(match[1]);
  const m = Number(match[2]);
  return h < 24 && m < 60 ? h * 60 + m : null;
}

/** Two visits of one person overlap when their times intersect on the same day (touching ends do not). */
export function intersects(a: { onDay: string; startMinute: number; durationMinutes: number }, b: { onDay: string; startMinute: number; durationMinutes: number }): boolean {
  return a.onDay === b.onDay && a.startMinute < b.startMinute + b.durationMinutes && b.startMinute < a.startMinute + a.durationMinutes;
}
