// The performance page's choice lives in its address (`#/performance?staff=all&period=quarter&from=2026-10-01&to=2026-12-31`):
// a reload keeps it. The period is a month, a quarter, a year or custom days; the first three are
// built from one day in them, so `from`/`to` are always whole local days as the core takes them.
// Values that are not valid (an edited address) are dropped for the defaults.
import { addDays, addMonths, daysInMonth } from '../../../../shared/contract-status.ts';

export const PERIOD_KINDS = ['month', 'quarter', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export type PerformanceChoice = { staff: number | 'all' | null; kind: PeriodKind; from: string; to: string };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[1-9]\d{0,9}$/;

const lastDayOfMonth = (day: string): string => {
  const [y, m] = day.split('-').map(Number) as [number, number]; // a YYYY-MM-DD
  return `${day.slice(0, 7)}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
};

/** The month, quarter or year holding `day`, as its first and last days. */
export function periodAround(kind: Exclude<PeriodKind, 'custom'>, day: string): { from: string; to: string } {
  const year = day.slice(0, 4);
  if (kind === 'year') return { from: `${year}-01-01`, to: `${year}-12-31` };
  if (kind === 'month') return { from: `${day.slice(0, 7)}-01`, to: lastDayOfMonth(day) };
  const firstMonth = Math.floor((Number(day.slice(5, 7)) - 1) / 3) * 3 + 1;
  const from = `${year}-${String(firstMonth).padStart(2, '0')}-01`;
  return { from, to: lastDayOfMonth(addMonths(from, 2)) };
}

/** The period before or after this one of the same kind (custom: shifted by its own length). */
export function shiftPeriod(choice: PerformanceChoice, step: 1 | -1): { from: string; to: string } {
  if (choice.kind === 'custom') {
    const days = Math.round((Date.parse(`${choice.to}T00:00:00Z`) - Date.parse(`${choice.from}T00:00:00Z`)) / 86_400_000) + 1;
    return { from: addDays(choice.from, step * days), to: addDays(choice.to, step * days) };
  }
  const months = choice.kind === 'month' ? 1 : choice.kind === 'quarter' ? 3 : 12;
  return periodAround(choice.kind, addMonths(choice.from, step * months));
}

export function parsePerformanceQuery(search: string | undefined, today: string): PerformanceChoice {
  const params = new URLSearchParams(search ?? '');
  const staffParam = params.get('staff') ?? '';
  const staff = staffParam === 'all' ? 'all' : ID.test(staffParam) ? Number(staffParam) : null;
  const kind = PERIOD_KINDS.find((k) => k === params.get('period')) ?? 'month';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  if (kind === 'custom') {
    if (DAY.test(from) && DAY.test(to)) return { staff, kind, from, to };
    return { staff, kind, ...periodAround('month', today) };
  }
  return { staff, kind, ...periodAround(kind, DAY.test(from) ? from : today) };
}

export function formatPerformanceQuery(choice: PerformanceChoice): string {
  const params = new URLSearchParams();
  if (choice.staff !== null) params.set('staff', String(choice.staff));
  params.set('period', choice.kind);
  params.set('from', choice.from);
  params.set('to', choice.to);
  return params.toString();
}
