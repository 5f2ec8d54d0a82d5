import { beforeAll, describe, expect, it } from 'vitest';
import { installAreas } from '../../renderer/src/app/area.ts';
import { formatListQuery, parseListQuery } from '../../renderer/src/features/customers/list-query.ts';
import { parseHash, hrefOf } from '../../renderer/src/app/router.ts';
import * as areas from '../../renderer/src/features/areas.ts';

// Routes come from the areas (features/areas.ts), as the app installs them at start.
beforeAll(() => installAreas(Object.values(areas)));

describe('customer list query in the address', () => {
  it('round-trips filters and sort through the hash', () => {
    const query = { filters: { grade: 'vip', stage: 'lead', industry: '餐饮', region: '北京', tag: '老 客户&x', noOwner: true }, sort: 'region', direction: 'desc' } as const;
    const href = hrefOf({ name: 'customers', query: formatListQuery(query) });
    const route = parseHash(href);
    expect(route.name).toBe('customers');
    expect(parseListQuery(route.name === 'customers' ? route.query : '')).toEqual(query);
  });

  it('drops what is not valid instead of sending it to the core', () => {
    expect(parseListQuery('grade=gold&stage=lead&sort=nope&dir=up&owner=-3&region=' + 'x'.repeat(101))).toEqual({
      filters: { stage: 'lead' },
      sort: 'name',
      direction: 'asc',
    });
    expect(parseListQuery('owner=7&sort=updated').filters).toEqual({ ownerId: 7 });
    expect(parseListQuery('sort=updated').direction).toBe('desc');
  });

  it('writes the default list as no query at all', () => {
    expect(formatListQuery({ filters: {}, sort: 'name', direction: 'asc' })).toBe('');
    expect(hrefOf({ name: 'customers', query: '' })).toBe('#/customers');
    expect(parseHash('#/customers')).toEqual({ name: 'customers' });
    expect(parseHash('#/customers/12')).toEqual({ name: 'customer', id: 12 });
  });
});
