// Today's address: only its scope (`#/today?scope=mine`), kept over a reload; the old home address
// of the customer list with filters (`#/?owner=none`) is told apart and sent on to the list.
import { describe, expect, it } from 'vitest';
import { formatTodayAddress, isCustomerListQuery, parseTodayAddress } from '../../renderer/src/features/today/today-address.ts';

describe('Today address', () => {
  it('reads and writes the scope, and nothing else', () => {
    expect(parseTodayAddress('scope=mine')).toEqual({ scope: 'mine' });
    expect(parseTodayAddress('scope=everyone')).toEqual({ scope: 'everyone' });
    expect(parseTodayAddress('scope=all')).toEqual({ scope: null });
    expect(parseTodayAddress('')).toEqual({ scope: null });
    expect(formatTodayAddress({ scope: 'mine' })).toBe('scope=mine');
    expect(formatTodayAddress({ scope: null })).toBe('');
  });

  it("sends the customer list's old home filters on to the list", () => {
    expect(isCustomerListQuery(undefined)).toBe(false);
    expect(isCustomerListQuery('')).toBe(false);
    expect(isCustomerListQuery('scope=mine')).toBe(false);
    expect(isCustomerListQuery('owner=none')).toBe(true);
    expect(isCustomerListQuery('grade=vip&sort=name')).toBe(true);
  });
});
