import type { SxProps, Theme } from '@mui/material/styles';
import type { ComponentType, ReactNode } from 'react';
import type { Permission } from '../../../shared/roles.ts';
import type { Language } from '../i18n/i18n.ts';
import type { Route, RouteName, RouteOf } from './router.ts';

/**
 * What one feature folder brings to the renderer (Actual Budget's per-domain `app.ts` is the model).
 * Each `renderer/src/features/<area>/area.tsx` exports one `area`; `features/areas.ts` lists them,
 * one line each; the router, the shell's navigation, app bar and banners, the settings tabs and the
 * translations are all derived from that list. Nothing else is edited to add an area.
 */
export type Area = {
  id: string;
  /** This area's texts in every language, with the same keys (test/unit/i18n.test.ts checks). */
  i18n: Record<Language, Messages>;
  routes?: readonly AnyRouteSpec[];
  nav?: readonly NavEntry[];
  settingsTabs?: readonly SettingsTabSpec[];
  toolbar?: readonly ToolbarItem[];
  banners?: readonly Banner[];
  /** Components without UI that live while someone is signed in (keyboard shortcuts). */
  background?: readonly ComponentType[];
};

/** A resource file: keys to texts or to further trees of them. */
export type Messages = { readonly [key: string]: string | Messages };

export type RouteSpec<N extends RouteName> = {
  name: N;
  /**
   * Addresses after `#/`, e.g. `customers/:id/edit`. A parameter named `id` or `…Id` is a decimal
   * number, any other a lower-case word (`settings/:tab`). Every path is recognised; links use the
   * first whose parameters the route has (`settings/:tab` with a tab, else `settings`).
   */
  paths: readonly string[];
  /** The address's `?…` part is the route's `query` (a list's filters and sort). */
  query?: boolean;
  /** Opened by address without it, the shell shows one "no permission" page (the core refuses anyway). */
  permission?: Permission;
  /** The navigation entry this page lights up; by default the one whose id is the area's. */
  nav?: string;
  /** True: the page fills the window without the shell's app bar and navigation (print views). */
  bare?: boolean;
  /** False turns a matching address into "not found" (a settings tab no area offers). */
  accepts?: (route: RouteOf<N>) => boolean;
  render: (route: RouteOf<N>) => ReactNode;
};

/** One route spec of any name, each checked against its own name's parameters. */
export type AnyRouteSpec = { [N in RouteName]: RouteSpec<N> }[RouteName];

export type NavEntry = {
  id: string;
  labelKey: string;
  icon: ReactNode;
  /** Position in the navigation, ascending; areas leave gaps of 10 so others fit between. */
  order: number;
  to: Route;
  /** Hidden from roles the core would refuse (it still enforces every call). */
  permission?: Permission;
  /** A count shown on the entry (contracts expiring, complaints overdue); see NavBadge. */
  badge?: NavBadge;
};

/**
 * `useCount` is a hook the navigation calls while it renders (only for users the entry's permission
 * admits), typically a cached core query: it follows the data as every write refreshes the cache.
 * Null or 0 shows nothing. `labelKey` reads the count out ({{count}}, plural forms).
 */
export type NavBadge = {
  useCount: () => number | null;
  labelKey: string;
  /** A second, red count beside the first for the part that is late (complaints overdue of those open). */
  urgent?: { useCount: () => number | null; labelKey: string };
};

export type SettingsTabSpec = {
  /** The address `#/settings/<id>`. */
  id: string;
  labelKey: string;
  order: number;
  permission?: Permission;
  Component: ComponentType;
};

export type ToolbarItem = {
  id: string;
  /** `start`: before the shop's name (its logo); `center`: the app bar's middle (search); `end`: before the language and user menus. */
  slot: 'start' | 'center' | 'end';
  order: number;
  permission?: Permission;
  Component: ComponentType;
};

/** A notice above every page (the backup reminder); the shell places it with `sx`. */
export type Banner = {
  id: string;
  order: number;
  permission?: Permission;
  Component: ComponentType<{ sx?: SxProps<Theme> }>;
};

let installed: readonly Area[] = [];

/**
 * main.tsx installs the list once, before the first render. Handing it over (rather than importing
 * features/areas.ts here) keeps the router and the shell free of import cycles with the pages
 * that use them.
 */
export function installAreas(areas: readonly Area[]): void {
  const ids = new Set<string>();
  for (const area of areas) {
    if (ids.has(area.id)) throw new Error(`installAreas: two areas named ${area.id}`);
    ids.add(area.id);
  }
  installed = areas;
}

export function installedAreas(): readonly Area[] {
  return installed;
}

const byOrder = <T extends { order: number }>(a: T, b: T) => a.order - b.order;

/** Every route with the navigation entry it lights up. */
export function routeSpecs(): readonly (AnyRouteSpec & { nav: string })[] {
  return installed.flatMap((area) => (area.routes ?? []).map((spec) => ({ ...spec, nav: spec.nav ?? area.id })));
}

export function navEntries(): readonly NavEntry[] {
  return installed.flatMap((area) => area.nav ?? []).toSorted(byOrder);
}

export function settingsTabs(): readonly SettingsTabSpec[] {
  return installed.flatMap((area) => area.settingsTabs ?? []).toSorted(byOrder);
}

export function toolbarItems(slot: ToolbarItem['slot']): readonly ToolbarItem[] {
  return installed.flatMap((area) => area.toolbar ?? []).filter((item) => item.slot === slot).toSorted(byOrder);
}

export function banners(): readonly Banner[] {
  return installed.flatMap((area) => area.banners ?? []).toSorted(byOrder);
}

export function backgroundComponents(): readonly ComponentType[] {
  return installed.flatMap((area) => area.background ?? []);
}
