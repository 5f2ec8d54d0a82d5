// The visits list's filters live in its address (`#/visits/list?staffId=3&from=2026-01-01&to=2026-12-31&status=done`),
// named as the core names them (shared/api/visits.ts VisitFilters), so the dashboard's "visits per
// staff member" drills down here by building such an address and the list's count is the bar's.
// Values that are not valid (an edited address, an old bookmark) are dropped, never sent to the core.
import { VISIT_STATUSES, type VisitFiltersInput, type VisitStatus } from '../../../../shared/api/visits.ts';
import { isDay } from './agenda-query.ts';

export type VisitListFilters = {
  staffId?: number;
  customerId?: number;
  status?: VisitStatus;
  /** Only those not cancelled (staff performance's visits planned). */
  notCancelled?: true;
  /** The visits' days, both included. */
  from?: string;
  to?: string;
};

const ID = /^[1-9]\d{0,9}$/;

export function parseVisitListQuery(search: string | undefined): VisitListFilters {
  const params = new URLSearchParams(search ?? '');
  const filters: VisitListFilters = {};
  for (const key of ['staffId', 'customerId'] as const) {
    const value = params.get(key) ?? '';
    if (ID.test(value)) filters[key] = Number(value);
  }
  const status = VISIT_STATUSES.find((s) => s === params.get('status'));
  if (status) filters.status = status;
  if (params.get('notCancelled') === 'true') filters.notCancelled = true;
  for (const key of ['from', 'to'] as const) {
    const value = params.get(key) ?? '';
    if (isDay(value)) filters[key] = value;
  }
  return filters;
}

const ORDER = ['staffId', 'customerId', 'status', 'notCancelled', 'from', 'to'] as const;

/** The canonical search string ('' for the whole list), so equal filters compare equal. */
export function formatVisitListQuery(filters: VisitListFilters): string {
  const params = new URLSearchParams();
  for (const key of ORDER) {
    const value = filters[key];
    if (value !== undefined) params.set(key, String(value));
  }
  return params.toString();
}

/** The filters as the core takes them: the list's and the count's alike. */
export function visitFilters(filters: VisitListFilters): VisitFiltersInput {
  return { ...filters };
}
