// The list pages' remembered query (renderer/src/app/list-address.ts), driven as a page drives it
// through the real router: the address holds the query; a link without one (the navigation,
// "Back") shows the remembered query; clearing every filter shows the whole list and stays so.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { installAreas } from '../../renderer/src/app/area.ts';
import { changeSearch, listMemory, settledAddress, shownSearch } from '../../renderer/src/app/list-address.ts';
import { resetAppState } from '../../renderer/src/app/reset.ts';
import { hrefOf, parseHash, type Route } from '../../renderer/src/app/router.ts';
import { formatListQuery, parseListQuery } from '../../renderer/src/features/customers/list-query.ts';
import * as areas from '../../renderer/src/features/areas.ts';

beforeAll(() => installAreas(Object.values(areas)));

/** A list page on a fake address bar, going through the router's own href and parsing. */
function page() {
  const memory = listMemory((query) => ({ name: 'customers', query }));
  let address: Route = parseHash('#/customers');
  const go = (route: Route) => {
    address = parseHash(hrefOf(route));
  };
  const search = () => (address.name === 'customers' ? address.query : undefined);
  return {
    address: () => hrefOf(address),
    /** The page renders: what it shows, then its effect (remember, fill in an empty address). */
    show(): string {
      const shown = shownSearch(memory, search());
      const settled = settledAddress(memory, shown, search());
      if (settled) go(settled);
      return shown;
    },
    change(next: string) {
      changeSearch(memory, next, go);
    },
    leaveAndComeBack() {
      go({ name: 'customer', id: 7 });
      go({ name: 'customers' }); // the navigation's link: no query
    },
  };
}

describe('a list remembers its query', () => {
  it('shows the whole list after every filter is cleared, and keeps it so', () => {
    const list = page();
    expect(list.show()).toBe('');
    list.change('grade=vip&stage=lead');
    expect(list.show()).toBe('grade=vip&stage=lead');
    expect(list.address()).toBe('#/customers?grade=vip&stage=lead');
    list.change(formatListQuery({ ...parseListQuery('grade=vip&stage=lead'), filters: {} })); // "Clear filters"
    expect(list.address()).toBe('#/customers');
    expect(list.show()).toBe('');
    expect(list.show()).toBe('');
    expect(list.address()).toBe('#/customers');
    list.leaveAndComeBack();
    expect(list.show()).toBe('');
  });

  it('brings the last query back for a link without one, into the address too (a reload keeps it)', () => {
    const list = page();
    list.change('region=杭州&sort=code&dir=desc');
    list.show();
    list.leaveAndComeBack();
    expect(list.address()).toBe('#/customers');
    expect(list.show()).toBe('region=杭州&sort=code&dir=desc');
    expect(list.address()).toBe(hrefOf({ name: 'customers', query: 'region=杭州&sort=code&dir=desc' }));
    // Clearing the filters keeps a sort that is not the default one.
    list.change(formatListQuery({ ...parseListQuery('region=杭州&sort=code&dir=desc'), filters: {} }));
    expect(list.show()).toBe('sort=code&dir=desc');
  });

  it('forgets it on sign-out and switching user', () => {
    const list = page();
    list.change('grade=vip');
    list.show();
    vi.stubGlobal('history', { replaceState: () => undefined });
    vi.stubGlobal('location', { pathname: '/', search: '' });
    try {
      resetAppState();
    } finally {
      vi.unstubAllGlobals();
    }
    list.leaveAndComeBack();
    expect(list.show()).toBe('');
  });
});
