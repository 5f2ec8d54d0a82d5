// A list page's query (filters and sort) lives in its address, `#/customers?grade=vip`: a reload
// keeps it. Links back to a list carry none (the navigation, "Back" on a record), so each list
// also remembers its last query until sign-out or switching user, and an address without a query
// shows the remembered one. One copy for every list, because of the one subtle point: the user's
// own change is remembered BEFORE the address changes. Otherwise clearing every filter, which
// leaves an address without a query, looks like a link from elsewhere and brings the old query back.
import { useCallback, useEffect, useMemo } from 'react';
import { onAppReset } from './reset.ts';
import { navigate, type Route } from './router.ts';

/** One list's remembered query (module-level, one per list page), and the list's address for a query. */
export type ListMemory = { search: string; readonly routeOf: (query: string) => Route };

/** A list's memory, emptied on sign-out and switching user so the next person starts from the whole list. */
export function listMemory(routeOf: (query: string) => Route): ListMemory {
  const memory = { search: '', routeOf };
  onAppReset(() => {
    memory.search = '';
  });
  return memory;
}

/** The search a list shows: its address's, or the remembered one when the address carries none. */
export function shownSearch(memory: ListMemory, search: string | undefined): string {
  return search ?? memory.search;
}

/** The user changed the query: remembered first, then the address (replaced: a filter is no step in history). */
export function changeSearch(memory: ListMemory, next: string, go: (route: Route) => void): void {
  memory.search = next;
  go(memory.routeOf(next));
}

/**
 * After the list showed `shown` for the address's `search`: remember it, and answer the address
 * to put it in when the list was opened without a query (so a reload keeps it), else null.
 */
export function settledAddress(memory: ListMemory, shown: string, search: string | undefined): Route | null {
  memory.search = shown;
  return search === undefined && shown !== '' ? memory.routeOf(shown) : null;
}

const replace = (route: Route) => navigate(route, { replace: true });

/**
 * A list page's query from its address (`search`, the route's query) and memory, and the function
 * that changes it. `parse` and `format` are the list's own (module-level functions: stable).
 */
export function useListQuery<Q>(
  memory: ListMemory,
  search: string | undefined,
  parse: (search: string) => Q,
  format: (query: Q) => string,
): [Q, (change: (current: Q) => Q) => void] {
  const query = useMemo(() => parse(shownSearch(memory, search)), [memory, parse, search]);
  const setQuery = useCallback((change: (current: Q) => Q) => changeSearch(memory, format(change(query)), replace), [memory, format, query]);
  useEffect(() => {
    const address = settledAddress(memory, format(query), search);
    if (address) replace(address);
  }, [memory, format, query, search]);
  return [query, setQuery];
}
