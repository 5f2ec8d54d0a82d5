// The needs list's filters live in the address (`#/needs?itemId=3&status=open&from=2026-10-01&to=2026-12-31`):
// a reload keeps them, and a drill-down link builds such an address. Values that are not valid (an
// edited address, an old bookmark) are dropped, never sent to the core.
import { NEED_KINDS, NEED_STATUSES, type NeedFiltersInput, type NeedKind, type NeedStatus } from '../../../../shared/api/needs.ts';

export type NeedListFilters = {
  customerId?: number;
  itemId?: number;
  kind?: NeedKind;
  status?: NeedStatus;
  /** The needed-by period, both ends included. */
  from?: string;
  to?: string;
  /** The customer's responsible staff member. */
  ownerId?: number;
  q?: string;
  deleted?: true;
};

const ID = /^[1-9]\d{0,9}$/;
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MAX_Q = 200;
const ID_KEYS = ['customerId', 'itemId', 'ownerId'] as const;

export function parseNeedQuery(search: string | undefined): NeedListFilters {
  const params = new URLSearchParams(search ?? '');
  const filters: NeedListFilters = {};
  for (const key of ID_KEYS) {
    const value = params.get(key) ?? '';
    if (ID.test(value)) filters[key] = Number(value);
  }
  const kind = NEED_KINDS.find((k) => k === params.get('kind'));
  if (kind) filters.kind = kind;
  const status = NEED_STATUSES.find((s) => s === params.get('status'));
  if (status) filters.status = status;
  const from = params.get('from') ?? '';
  if (DAY.test(from)) filters.from = from;
  const to = params.get('to') ?? '';
  if (DAY.test(to)) filters.to = to;
  // A period that ends before it starts is dropped whole rather than sent to be refused.
  if (filters.from && filters.to && filters.from > filters.to) {
    delete filters.from;
    delete filters.to;
  }
  const q = (params.get('q') ?? '').trim();
  if (q !== '') filters.q = q.slice(0, MAX_Q);
  if (params.get('deleted') === '1') filters.deleted = true;
  return filters;
}

const ORDER = ['customerId', 'itemId', 'kind', 'status', 'from', 'to', 'ownerId', 'q'] as const;

/** The canonical search string ('' for the whole list), so equal filters compare equal. */
export function formatNeedQuery(filters: NeedListFilters): string {
  const params = new URLSearchParams();
  for (const key of ORDER) {
    const value = filters[key];
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  if (filters.deleted) params.set('deleted', '1');
  return params.toString();
}

/** The filters as the core takes them: the list's and needs.count's. */
export function needFilters(filters: NeedListFilters): NeedFiltersInput {
  const { from, to, ...rest } = filters;
  return { ...rest, ...(from ? { neededFrom: from } : {}), ...(to ? { neededTo: to } : {}) };
}

/** The calendar quarter holding `day` (YYYY-MM-DD), `offset` quarters on: its first and last days. */
export function quarterOf(day: string, offset = 0): { from: string; to: string } {
  const year = Number(day.slice(0, 4));
  const index = Math.floor((Number(day.slice(5, 7)) - 1) / 3) + offset;
  const y = year + Math.floor(index / 4);
  const q = ((index % 4) + 4) % 4;
  const first = q * 3 + 1;
  const last = first + 2;
  const lastDay = new Date(Date.UTC(y, last, 0)).getUTCDate();
  const two = (n: number) => String(n).padStart(2, '0');
  return { from: `${y}-${two(first)}-01`, to: `${y}-${two(last)}-${two(lastDay)}` };
}
