// The Service records page's filters live in the address (`#/service?kind=communication&staff=3`):
// a reload keeps them, Back returns to them. Values that are not valid (an edited address, an old
// bookmark) are dropped, never sent to the core. The follow-ups tab keeps its day (`until`) there too.
import { RECORD_KINDS, type RecordKind } from '../../../../shared/api/records.ts';

export type RecordListFilters = { kind?: RecordKind; staffId?: number; from?: string; to?: string };
export type ServiceQuery = { filters: RecordListFilters; until?: string };

const ID = /^[1-9]\d{0,9}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseServiceQuery(search: string | undefined): ServiceQuery {
  const params = new URLSearchParams(search ?? '');
  const filters: RecordListFilters = {};
  const kind = RECORD_KINDS.find((k) => k === params.get('kind'));
  if (kind) filters.kind = kind;
  const staff = params.get('staff') ?? '';
  if (ID.test(staff)) filters.staffId = Number(staff);
  for (const key of ['from', 'to'] as const) {
    const day = params.get(key) ?? '';
    if (DATE.test(day)) filters[key] = day;
  }
  const until = params.get('until') ?? '';
  return { filters, ...(DATE.test(until) ? { until } : {}) };
}

/** The canonical search string ('' for the default list), so equal queries compare equal. */
export function formatServiceQuery(query: ServiceQuery): string {
  const params = new URLSearchParams();
  const { kind, staffId, from, to } = query.filters;
  if (kind) params.set('kind', kind);
  if (staffId !== undefined) params.set('staff', String(staffId));
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  if (query.until) params.set('until', query.until);
  return params.toString();
}

/** A range whose end is before its start is said on the field and not sent. */
export function rangeProblem(filters: RecordListFilters): boolean {
  return filters.from !== undefined && filters.to !== undefined && filters.to < filters.from;
}
