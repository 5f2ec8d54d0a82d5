// The customer list's filters and sort live in the address (`#/customers?sort=region&stage=lead`):
// a reload keeps them, Back returns to them, and nothing about them is written to disk. Values
// that are not valid (an edited address, an old bookmark) are dropped, never sent to the core.
import { GRADES, SORTS, STAGES, type CustomerFilters, type Grade, type Stage } from '../../../../shared/api/customers.ts';

export type Sort = (typeof SORTS)[number];
export type Direction = 'asc' | 'desc';
export type ListQuery = { filters: CustomerFilters; sort: Sort; direction: Direction };

export const DEFAULT_QUERY: ListQuery = { filters: {}, sort: 'name', direction: 'asc' };
/** The direction a column starts in when first clicked: newest first for dates, A→Z otherwise. */
export const DEFAULT_DIRECTION: Record<Sort, Direction> = { name: 'asc', grade: 'asc', updated: 'desc', code: 'asc', region: 'asc', stage: 'asc' };

/** `q`: what was typed into search ("see all results" opens the list with it). */
const TEXT_FILTERS = ['industry', 'region', 'tag', 'q'] as const;
const MAX_TEXT = 100;

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((candidate) => candidate === value);
}

export function parseListQuery(search: string | undefined): ListQuery {
  const params = new URLSearchParams(search ?? '');
  const filters: CustomerFilters = {};
  const grade = oneOf<Grade>(GRADES, params.get('grade'));
  if (grade) filters.grade = grade;
  const stage = oneOf<Stage>(STAGES, params.get('stage'));
  if (stage) filters.stage = stage;
  for (const key of TEXT_FILTERS) {
    const value = params.get(key)?.trim();
    if (value && value.length <= MAX_TEXT) filters[key] = value;
  }
  // Created from/to (local days): the dashboard's "new customers" opens the list with them.
  // returnDueBy: staff performance's "return visits overdue" (due on or before that day).
  for (const key of ['createdFrom', 'createdTo', 'returnDueBy'] as const) {
    const day = params.get(key) ?? '';
    if (/^\d{4}-\d{2}-\d{2}$/.test(day)) filters[key] = day;
  }
  const owner = params.get('owner');
  if (owner === 'none') filters.noOwner = true;
  else if (owner && /^[1-9]\d{0,9}$/.test(owner)) filters.ownerId = Number(owner);
  const sort = oneOf<Sort>(SORTS, params.get('sort')) ?? DEFAULT_QUERY.sort;
  const direction = oneOf<Direction>(['asc', 'desc'], params.get('dir')) ?? DEFAULT_DIRECTION[sort];
  return { filters, sort, direction };
}

/** The canonical search string ('' for the default list), so equal queries compare equal. */
export function formatListQuery(query: ListQuery): string {
  const params = new URLSearchParams();
  const { filters } = query;
  if (filters.grade) params.set('grade', filters.grade);
  if (filters.stage) params.set('stage', filters.stage);
  for (const key of TEXT_FILTERS) if (filters[key]) params.set(key, filters[key]);
  if (filters.createdFrom) params.set('createdFrom', filters.createdFrom);
  if (filters.createdTo) params.set('createdTo', filters.createdTo);
  if (filters.returnDueBy) params.set('returnDueBy', filters.returnDueBy);
  if (filters.noOwner) params.set('owner', 'none');
  else if (filters.ownerId) params.set('owner', String(filters.ownerId));
  if (query.sort !== DEFAULT_QUERY.sort || query.direction !== DEFAULT_DIRECTION[query.sort]) {
    params.set('sort', query.sort);
    params.set('dir', query.direction);
  }
  return params.toString();
}
