import type { TodayScope } from '../../../../shared/api/today.ts';
import { listMemory } from '../../app/list-address.ts';

/** Today's address query: only the scope (`?scope=mine`); none means the caller's default. */
export type TodayAddress = { scope: TodayScope | null };

export const todayMemory = listMemory((query) => ({ name: 'today', ...(query ? { query } : {}) }));

export function parseTodayAddress(search: string): TodayAddress {
  const scope = new URLSearchParams(search).get('scope');
  return { scope: scope === 'mine' || scope === 'everyone' ? scope : null };
}

export function formatTodayAddress({ scope }: TodayAddress): string {
  return scope ? `scope=${scope}` : '';
}

/**
 * The home address used to be the customer list's, so an old bookmark such as `#/?owner=none`
 * carries the list's filters: true when the query names anything but Today's own scope.
 */
export function isCustomerListQuery(search: string | undefined): boolean {
  if (!search) return false;
  return [...new URLSearchParams(search).keys()].some((key) => key !== 'scope');
}
