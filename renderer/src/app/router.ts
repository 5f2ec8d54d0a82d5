import { useSyncExternalStore, type ReactNode } from 'react';
import { routeSpecs, type AnyRouteSpec } from './area.ts';

/**
 * A tiny hash router: `#/customers`, `#/customers/123/edit`, `#/settings/backup`, ... Hash routing
 * works unchanged from file://, a custom protocol and loopback HTTP, and needs no server fallback.
 * The routes come from the areas (app/area.ts); this file knows none of them by name.
 */

/**
 * Each area adds its route names and their parameters by declaration merging, next to the routes
 * it declares (features/customers/area.tsx), so `navigate({ name: 'customer', id })` is checked
 * without a central list:
 *
 *   declare module '../../app/router.ts' { interface RouteParams { customer: { id: number } } }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging needs an interface, empty here
export interface RouteParams {}

export type RouteName = keyof RouteParams & string;
export type NotFoundRoute = { name: 'notFound'; path: string };
export type Route = { [N in RouteName]: { name: N } & RouteParams[N] }[RouteName] | NotFoundRoute;
export type RouteOf<N extends RouteName> = Extract<Route, { name: N }>;

const NUMBER_PARAM = /^(id|\w+Id)$/;

/** `params` when `path` fits `pattern` (`customers/:id/edit`), else null. */
function match(pattern: string, path: string): Record<string, string | number> | null {
  const want = pattern === '' ? [] : pattern.split('/');
  const got = path === '' ? [] : path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string | number> = {};
  for (const [i, part] of want.entries()) {
    const value = got[i] ?? '';
    if (!part.startsWith(':')) {
      if (part !== value) return null;
      continue;
    }
    const name = part.slice(1);
    if (NUMBER_PARAM.test(name)) {
      if (!/^\d{1,15}$/.test(value)) return null;
      params[name] = Number(value);
    } else {
      if (!/^[a-z][a-z0-9-]*$/.test(value)) return null;
      params[name] = value;
    }
  }
  return params;
}

const paramCount = (pattern: string) => pattern.split('/').filter((part) => part.startsWith(':')).length;

export function parseHash(hash: string): Route {
  const full = hash.replace(/^#\/?/, '');
  const mark = full.indexOf('?');
  const path = (mark === -1 ? full : full.slice(0, mark)).replace(/\/+$/, '');
  const query = mark === -1 ? '' : full.slice(mark + 1);
  // Literal paths before patterns, so `customers/tags` is never taken for `customers/:word`.
  const candidates = routeSpecs()
    .flatMap((spec) => spec.paths.map((pattern) => ({ spec, pattern })))
    .toSorted((a, b) => paramCount(a.pattern) - paramCount(b.pattern));
  for (const { spec, pattern } of candidates) {
    const params = match(pattern, path);
    if (!params) continue;
    const route = { ...params, ...(spec.query && query ? { query } : {}), name: spec.name } as Route; // fields checked by match() against the spec's pattern
    if (!spec.accepts || (spec.accepts as (route: Route) => boolean)(route)) return route; // the route was built from this spec
  }
  return { name: 'notFound', path };
}

function specOf(name: RouteName): AnyRouteSpec {
  const spec = routeSpecs().find((candidate) => candidate.name === name);
  if (!spec) throw new Error(`router: no area offers the route ${name}`);
  return spec;
}

export function hrefOf(route: Route): string {
  if (route.name === 'notFound') return `#/${route.path}`;
  const fields = route as Record<string, unknown>; // the route's parameters by name, to fill the pattern
  const pattern = specOf(route.name).paths.find((candidate) =>
    candidate
      .split('/')
      .filter((part) => part.startsWith(':'))
      .every((part) => fields[part.slice(1)] !== undefined),
  );
  if (pattern === undefined) throw new Error(`router: no path of ${route.name} fits its parameters`);
  const path = pattern.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(String(fields[name])));
  const query = typeof fields.query === 'string' && fields.query !== '' ? `?${fields.query}` : '';
  return `#/${path}${query}`;
}

/** The page of a (found) route, from the area that declared it. */
export function renderRoute(route: Exclude<Route, NotFoundRoute>): ReactNode {
  const spec = specOf(route.name) as { render: (route: Route) => ReactNode }; // specOf(name) is the spec of this very route
  return spec.render(route);
}

/** The permission a route needs, if any. */
export function routePermission(route: Route) {
  return route.name === 'notFound' ? undefined : specOf(route.name).permission;
}

/** True when the route's page is drawn without the shell (a print view). */
export function routeIsBare(route: Route): boolean {
  return route.name !== 'notFound' && specOf(route.name).bare === true;
}

/** The navigation entry a route lights up (null: none, e.g. "not found"). */
export function navOf(route: Route): string | null {
  if (route.name === 'notFound') return null;
  return routeSpecs().find((spec) => spec.name === route.name)?.nav ?? null;
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
