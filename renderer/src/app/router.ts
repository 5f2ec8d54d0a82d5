import { useSyncExternalStore } from 'react';
import type { Permission } from '../../../shared/roles.ts';

/**
 * A tiny hash router: routes are `#/customers`, `#/customers/123`, `#/customers/new`,
 * `#/customers/123/edit`, `#/recycle-bin`, ... Hash routing works unchanged from file://, a custom
 * protocol and loopback HTTP, and needs no server fallback.
 */
export type Route =
  | { name: 'today' }
  /** `query`: the list's filters and sort as URL search parameters, so a reload keeps them. */
  | { name: 'customers'; query?: string }
  | { name: 'customer'; id: number }
  | { name: 'customerNew' }
  | { name: 'customerEdit'; id: number }
  | { name: 'recycleBin' }
  | { name: 'contracts' }
  | { name: 'visits' }
  | { name: 'service' }
  | { name: 'satisfaction' }
  | { name: 'reports' }
  | { name: 'settings'; tab?: SettingsTab }
  | { name: 'notFound'; path: string };

export const SETTINGS_TABS = ['account', 'users', 'security', 'backup', 'audit'] as const;
export type SettingsTab = (typeof SETTINGS_TABS)[number];

const SIMPLE: Record<string, Route> = {
  // Home is the customer list until the Today inbox is built.
  '': { name: 'customers' },
  today: { name: 'today' },
  customers: { name: 'customers' },
  'customers/new': { name: 'customerNew' },
  'recycle-bin': { name: 'recycleBin' },
  contracts: { name: 'contracts' },
  visits: { name: 'visits' },
  service: { name: 'service' },
  satisfaction: { name: 'satisfaction' },
  reports: { name: 'reports' },
  settings: { name: 'settings' },
};

/**
 * Pages only some roles can use. Opened by address without the permission, the shell shows one
 * clear "no permission" page instead of a form or list the core would refuse.
 */
export const ROUTE_PERMISSIONS: Partial<Record<Route['name'], Permission>> = {
  customerNew: 'customers.write',
  customerEdit: 'customers.write',
  recycleBin: 'customers.delete',
};

export function parseHash(hash: string): Route {
  const full = hash.replace(/^#\/?/, '');
  const mark = full.indexOf('?');
  const path = (mark === -1 ? full : full.slice(0, mark)).replace(/\/+$/, '');
  const query = mark === -1 ? '' : full.slice(mark + 1);
  if (query && (path === 'customers' || path === '')) return { name: 'customers', query };
  const simple = SIMPLE[path];
  if (simple) return simple;
  const detail = /^customers\/(\d+)$/.exec(path);
  if (detail) return { name: 'customer', id: Number(detail[1]) };
  const edit = /^customers\/(\d+)\/edit$/.exec(path);
  if (edit) return { name: 'customerEdit', id: Number(edit[1]) };
  const settings = /^settings\/([a-z]+)$/.exec(path);
  const tab = SETTINGS_TABS.find((name) => name === settings?.[1]);
  if (tab) return { name: 'settings', tab };
  return { name: 'notFound', path };
}

export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'customers':
      return route.query ? `#/customers?${route.query}` : '#/customers';
    case 'customer':
      return `#/customers/${route.id}`;
    case 'customerEdit':
      return `#/customers/${route.id}/edit`;
    case 'customerNew':
      return '#/customers/new';
    case 'recycleBin':
      return '#/recycle-bin';
    case 'settings':
      return route.tab ? `#/settings/${route.tab}` : '#/settings';
    case 'notFound':
      return `#/${route.path}`;
    default:
      return `#/${route.name}`;
  }
}

export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const href = hrefOf(route);
  if (options.replace) {
    history.replaceState(null, '', href);
    // replaceState fires no hashchange; tell subscribers ourselves.
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = href;
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useHash(): string {
  return useSyncExternalStore(subscribe, () => location.hash);
}

export function useRoute(): Route {
  return parseHash(useHash());
}
