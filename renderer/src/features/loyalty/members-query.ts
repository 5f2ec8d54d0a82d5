// The members list's filters live in the address (`#/loyalty?tier=gold&expiring=1&q=龙`): a reload
// keeps them and Today's "points expiring" rows can link here. Values that are not valid (an
// edited address, an old bookmark) are dropped, never sent to the core.
import type { MembersQueryInput } from '../../../../shared/api/loyalty.ts';

export type MemberFilters = { tier?: string; expiringNextMonth?: true; q?: string };

const TIER_KEY = /^[a-z0-9_-]{1,40}$/;
const MAX_Q = 200;

export function parseMemberQuery(search: string | undefined): MemberFilters {
  const params = new URLSearchParams(search ?? '');
  const filters: MemberFilters = {};
  const tier = params.get('tier') ?? '';
  if (TIER_KEY.test(tier)) filters.tier = tier;
  if (params.get('expiring') === '1') filters.expiringNextMonth = true;
  const q = (params.get('q') ?? '').trim();
  if (q !== '') filters.q = q.slice(0, MAX_Q);
  return filters;
}

/** The canonical search string ('' for the whole list), so equal filters compare equal. */
export function formatMemberQuery(filters: MemberFilters): string {
  const params = new URLSearchParams();
  if (filters.tier) params.set('tier', filters.tier);
  if (filters.expiringNextMonth) params.set('expiring', '1');
  if (filters.q) params.set('q', filters.q);
  return params.toString();
}

/** The filters as loyalty.members takes them. */
export function memberInput(filters: MemberFilters): Omit<MembersQueryInput, 'cursor'> {
  return { ...filters };
}
