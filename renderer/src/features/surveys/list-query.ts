// The Satisfaction pages keep their filters in the address (`#/satisfaction?customer=3&from=…`,
// `#/satisfaction/trends?staff=2&from=2026-01`): a reload keeps them, Back returns to them. Values
// that are not valid (an edited address) are dropped, never sent to the core.

/** `ownerId`: surveys of the customers this staff member is responsible for (staff performance). */
export type SurveyListFilters = { customerId?: number; staffId?: number; ownerId?: number; from?: string; to?: string };

/** Trends of the shop (neither), a staff member (`staffId`, 0 = nobody attributed) or a customer. */
export type TrendsQuery = { staffId?: number; customerId?: number; from?: string; to?: string };

const ID = /^[1-9]\d{0,9}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function parseSurveyQuery(search: string | undefined): SurveyListFilters {
  const params = new URLSearchParams(search ?? '');
  const filters: SurveyListFilters = {};
  const customer = params.get('customer') ?? '';
  if (ID.test(customer)) filters.customerId = Number(customer);
  const staff = params.get('staff') ?? '';
  if (ID.test(staff)) filters.staffId = Number(staff);
  const owner = params.get('owner') ?? '';
  if (ID.test(owner)) filters.ownerId = Number(owner);
  for (const key of ['from', 'to'] as const) {
    const day = params.get(key) ?? '';
    if (DAY.test(day)) filters[key] = day;
  }
  return filters;
}

export function formatSurveyQuery(filters: SurveyListFilters): string {
  const params = new URLSearchParams();
  if (filters.customerId !== undefined) params.set('customer', String(filters.customerId));
  if (filters.staffId !== undefined) params.set('staff', String(filters.staffId));
  if (filters.ownerId !== undefined) params.set('owner', String(filters.ownerId));
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  return params.toString();
}

export function parseTrendsQuery(search: string | undefined): TrendsQuery {
  const params = new URLSearchParams(search ?? '');
  const query: TrendsQuery = {};
  const customer = params.get('customer') ?? '';
  const staff = params.get('staff') ?? '';
  if (ID.test(customer)) query.customerId = Number(customer);
  else if (staff === '0' || ID.test(staff)) query.staffId = Number(staff);
  for (const key of ['from', 'to'] as const) {
    const month = params.get(key) ?? '';
    if (MONTH.test(month)) query[key] = month;
  }
  return query;
}

export function formatTrendsQuery(query: TrendsQuery): string {
  const params = new URLSearchParams();
  if (query.customerId !== undefined) params.set('customer', String(query.customerId));
  else if (query.staffId !== undefined) params.set('staff', String(query.staffId));
  if (query.from) params.set('from', query.from);
  if (query.to) params.set('to', query.to);
  return params.toString();
}

/** The local month `YYYY-MM` `delta` months from `month`. */
export function addMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Months between two `YYYY-MM`, both included. */
export function monthSpan(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}
