// The Sales page's filters live in the address (`#/sales?month=2026-11&grade=vip&currency=CNY`): a
// reload keeps them, and the dashboard drills down here by building such an address. Values that are
// not valid (an edited address, an old bookmark) are dropped, never sent to the core.
import { GRADES, type Grade } from '../../../../shared/api/customers.ts';

export type SaleListFilters = {
  customerId?: number;
  month?: string;
  from?: string;
  to?: string;
  grade?: Grade;
  /** The customer's responsible staff member (the dashboard's "by staff" figures). */
  ownerId?: number;
  /** Who sold. */
  staffId?: number;
  currency?: string;
  contractId?: number;
  q?: string;
  /** The recycle bin's sales instead of the live ones (customers.delete). */
  deleted?: true;
};

const ID = /^[1-9]\d{0,9}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const CURRENCY = /^[A-Z]{3}$/;
const MAX_Q = 200;

const ID_KEYS = ['customerId', 'ownerId', 'staffId', 'contractId'] as const;

export function parseSaleQuery(search: string | undefined): SaleListFilters {
  const params = new URLSearchParams(search ?? '');
  const filters: SaleListFilters = {};
  for (const key of ID_KEYS) {
    const value = params.get(key) ?? '';
    if (ID.test(value)) filters[key] = Number(value);
  }
  const month = params.get('month') ?? '';
  if (MONTH.test(month)) filters.month = month;
  const from = params.get('from') ?? '';
  if (DAY.test(from)) filters.from = from;
  const to = params.get('to') ?? '';
  if (DAY.test(to)) filters.to = to;
  const grade = GRADES.find((g) => g === params.get('grade'));
  if (grade) filters.grade = grade;
  const currency = (params.get('currency') ?? '').toUpperCase();
  if (CURRENCY.test(currency)) filters.currency = currency;
  const q = (params.get('q') ?? '').trim();
  if (q !== '') filters.q = q.slice(0, MAX_Q);
  if (params.get('deleted') === '1') filters.deleted = true;
  return filters;
}

const ORDER = ['customerId', 'month', 'from', 'to', 'grade', 'ownerId', 'staffId', 'currency', 'contractId', 'q'] as const;

/** The canonical search string ('' for the whole list), so equal filters compare equal. */
export function formatSaleQuery(filters: SaleListFilters): string {
  const params = new URLSearchParams();
  for (const key of ORDER) {
    const value = filters[key];
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  if (filters.deleted) params.set('deleted', '1');
  return params.toString();
}
