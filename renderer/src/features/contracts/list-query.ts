// The contract list's filters and sort live in the address (`#/contracts?status=expiring&sort=end`):
// a reload keeps them, Back returns to them. Values that are not valid (an edited address, an old
// bookmark) are dropped, never sent to the core. Amounts are kept as the decimal text typed
// (`min=1000.5`) and sent as minor units of the chosen currency (CNY when none is chosen).
import { CONTRACT_SORTS, CONTRACT_STATUSES, CONTRACT_TYPES, type ContractFilters, type ContractSort } from '../../../../shared/api/contracts.ts';
import { DEFAULT_CURRENCY, parseAmount } from './money.ts';

export type Direction = 'asc' | 'desc';
export type ContractStatusName = (typeof CONTRACT_STATUSES)[number];
export type ContractTypeName = (typeof CONTRACT_TYPES)[number];

/** What the address holds: the filters as the user set them (amounts as text). */
export type ContractListFilters = {
  status?: ContractStatusName;
  type?: ContractTypeName;
  customerId?: number;
  ownerId?: number;
  expiringWithinDays?: number;
  signedFrom?: string;
  signedTo?: string;
  amountMin?: string;
  amountMax?: string;
  currency?: string;
  q?: string;
};

export type ContractListQuery = { filters: ContractListFilters; sort: ContractSort; direction: Direction };

export const DEFAULT_QUERY: ContractListQuery = { filters: {}, sort: 'end', direction: 'asc' };
/** The direction a column starts in when first clicked: soonest end first, newest signing first, largest amount first. */
export const DEFAULT_DIRECTION: Record<ContractSort, Direction> = { end: 'asc', signed: 'desc', amount: 'desc', number: 'asc' };

/** Address parameter ↔ filter, for the plain ones. */
const PARAMS = [
  ['status', 'status'],
  ['type', 'type'],
  ['customer', 'customerId'],
  ['owner', 'ownerId'],
  ['within', 'expiringWithinDays'],
  ['signedFrom', 'signedFrom'],
  ['signedTo', 'signedTo'],
  ['min', 'amountMin'],
  ['max', 'amountMax'],
  ['currency', 'currency'],
  ['q', 'q'],
] as const satisfies readonly (readonly [string, keyof ContractListFilters])[];

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined => values.find((candidate) => candidate === value);
const ID = /^[1-9]\d{0,9}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseFilter(key: keyof ContractListFilters, raw: string): ContractListFilters[typeof key] | undefined {
  switch (key) {
    case 'status':
      return oneOf(CONTRACT_STATUSES, raw);
    case 'type':
      return oneOf(CONTRACT_TYPES, raw);
    case 'customerId':
    case 'ownerId':
      return ID.test(raw) ? Number(raw) : undefined;
    case 'expiringWithinDays':
      return /^\d{1,4}$/.test(raw) && Number(raw) <= 3650 ? Number(raw) : undefined;
    case 'signedFrom':
    case 'signedTo':
      return DATE.test(raw) ? raw : undefined;
    case 'currency':
      return /^[A-Z]{3}$/.test(raw) ? raw : undefined;
    case 'amountMin':
    case 'amountMax':
    case 'q':
      return raw.length <= 100 ? raw : undefined;
  }
}

export function parseContractQuery(search: string | undefined): ContractListQuery {
  const params = new URLSearchParams(search ?? '');
  const filters: Record<string, unknown> = {};
  for (const [param, key] of PARAMS) {
    const raw = params.get(param)?.trim();
    if (!raw) continue;
    const value = parseFilter(key, raw);
    if (value !== undefined) filters[key] = value;
  }
  const sort = oneOf(CONTRACT_SORTS, params.get('sort')) ?? DEFAULT_QUERY.sort;
  const direction = oneOf<Direction>(['asc', 'desc'], params.get('dir')) ?? DEFAULT_DIRECTION[sort];
  return { filters: filters as ContractListFilters, sort, direction }; // each value checked by parseFilter for its key
}

/** The canonical search string ('' for the default list), so equal queries compare equal. */
export function formatContractQuery(query: ContractListQuery): string {
  const params = new URLSearchParams();
  for (const [param, key] of PARAMS) {
    const value = query.filters[key];
    if (value !== undefined && value !== '') params.set(param, String(value));
  }
  if (query.sort !== DEFAULT_QUERY.sort || query.direction !== DEFAULT_DIRECTION[query.sort]) {
    params.set('sort', query.sort);
    params.set('dir', query.direction);
  }
  return params.toString();
}

/** An amount bound the user typed that is not money (shown on its field, not sent). */
export function amountProblem(text: string | undefined, currency: string | undefined): boolean {
  return text !== undefined && !parseAmount(text, currency ?? DEFAULT_CURRENCY).ok;
}

/** The filters as the core takes them: amounts in minor units; a bound that is not money is left out. */
export function coreFilters(filters: ContractListFilters): ContractFilters {
  const { amountMin, amountMax, ...rest } = filters;
  const out: ContractFilters = { ...rest };
  const currency = filters.currency ?? DEFAULT_CURRENCY;
  for (const [key, text] of [['amountMin', amountMin], ['amountMax', amountMax]] as const) {
    if (text === undefined) continue;
    const parsed = parseAmount(text, currency);
    if (parsed.ok && parsed.minor !== null) out[key] = parsed.minor;
  }
  return out;
}
