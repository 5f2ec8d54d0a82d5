// The hash router over the real areas (renderer/src/features/areas.ts): every address the app has
// ever printed still opens the same page, links are built back to the same addresses, and what
// no area offers is "not found".
import { beforeAll, describe, expect, it } from 'vitest';
import { installAreas, navEntries, settingsTabs } from '../../renderer/src/app/area.ts';
import { hrefOf, navOf, parseHash, routeIsBare, routePermission, type Route } from '../../renderer/src/app/router.ts';
import { visitSheetRoute } from '../../renderer/src/features/print/area.tsx';
import * as areas from '../../renderer/src/features/areas.ts';

beforeAll(() => installAreas(Object.values(areas)));

const ADDRESSES: [string, Route][] = [
  // Home is Today (issue 11); the customer list's old home address with filters reaches Today,
  // which sends it on to the list (features/today/today-address.ts isCustomerListQuery).
  ['', { name: 'today' }],
  ['#/', { name: 'today' }],
  ['#/customers', { name: 'customers' }],
  ['#/customers/', { name: 'customers' }],
  ['#/customers?grade=vip&sort=name', { name: 'customers', query: 'grade=vip&sort=name' }],
  ['#/?owner=none', { name: 'today', query: 'owner=none' }],
  ['#/customers/123', { name: 'customer', id: 123 }],
  ['#/customers/new', { name: 'customerNew' }],
  ['#/customers/123/edit', { name: 'customerEdit', id: 123 }],
  ['#/recycle-bin', { name: 'recycleBin' }],
  ['#/settings', { name: 'settings' }],
  ['#/settings/backup', { name: 'settings', tab: 'backup' }],
  ['#/settings/users', { name: 'settings', tab: 'users' }],
  ['#/settings/security', { name: 'settings', tab: 'security' }],
  ['#/settings/audit', { name: 'settings', tab: 'audit' }],
  ['#/settings/account', { name: 'settings', tab: 'account' }],
  ['#/today', { name: 'today' }],
  ['#/today?scope=mine', { name: 'today', query: 'scope=mine' }],
  ['#/contracts', { name: 'contracts' }],
  ['#/contracts?status=expiring&sort=amount&dir=desc', { name: 'contracts', query: 'status=expiring&sort=amount&dir=desc' }],
  ['#/contracts/42', { name: 'contract', id: 42 }],
  ['#/contracts/42/edit', { name: 'contractEdit', id: 42 }],
  ['#/contracts/new', { name: 'contractNew' }],
  ['#/customers/7/contracts/new', { name: 'contractNew', customerId: 7 }],
  ['#/contracts/recycle-bin', { name: 'contractsBin' }],
  ['#/visits', { name: 'visits' }],
  ['#/visits?view=week&day=2026-12-01&staff=3', { name: 'visits', query: 'view=week&day=2026-12-01&staff=3' }],
  ['#/visits/5', { name: 'visit', id: 5 }],
  ['#/visits/5/edit', { name: 'visitEdit', id: 5 }],
  ['#/visits/new?day=2026-12-01', { name: 'visitNew', query: 'day=2026-12-01' }],
  ['#/customers/7/visits/new', { name: 'visitNew', customerId: 7 }],
  ['#/service', { name: 'service' }],
  ['#/satisfaction', { name: 'satisfaction' }],
  ['#/satisfaction?customer=7&from=2026-11-01', { name: 'satisfaction', query: 'customer=7&from=2026-11-01' }],
  ['#/satisfaction/trends?staff=3&from=2026-01&to=2026-12', { name: 'satisfactionTrends', query: 'staff=3&from=2026-01&to=2026-12' }],
  ['#/surveys/12', { name: 'survey', id: 12 }],
  ['#/surveys/12/edit', { name: 'surveyEdit', id: 12 }],
  ['#/surveys/new', { name: 'surveyNew' }],
  ['#/customers/7/surveys/new', { name: 'surveyNew', customerId: 7 }],
  ['#/records/9/surveys/new', { name: 'surveyNew', recordId: 9 }],
  ['#/visits/5/surveys/new', { name: 'surveyNew', visitId: 5 }],
  ['#/reports', { name: 'reports' }],
  ['#/reports?from=2026-01&to=2026-12', { name: 'reports', query: 'from=2026-01&to=2026-12' }],
  ['#/print/dashboard?from=2026-01&to=2026-12', { name: 'printDashboard', query: 'from=2026-01&to=2026-12' }],
  ['#/print/visit-sheet?from=2026-12-01&to=2026-12-07&staff=3', { name: 'printVisitSheet', query: 'from=2026-12-01&to=2026-12-07&staff=3' }],
  ['#/print/customers/7', { name: 'printCustomerProfile', customerId: 7 }],
  ['#/print/service-reports/9', { name: 'printServiceReport', recordId: 9 }],
];

describe('hash router', () => {
  for (const [hash, route] of ADDRESSES) {
    it(`${hash || '(empty)'} opens ${JSON.stringify(route)}`, () => {
      expect(parseHash(hash)).toEqual(route);
    });
  }

  it('builds every link back to its address', () => {
    expect(hrefOf({ name: 'customers' })).toBe('#/customers');
    expect(hrefOf({ name: 'customers', query: 'owner=none' })).toBe('#/customers?owner=none');
    expect(hrefOf({ name: 'customer', id: 7 })).toBe('#/customers/7');
    expect(hrefOf({ name: 'customerNew' })).toBe('#/customers/new');
    expect(hrefOf({ name: 'customerEdit', id: 7 })).toBe('#/customers/7/edit');
    expect(hrefOf({ name: 'recycleBin' })).toBe('#/recycle-bin');
    expect(hrefOf({ name: 'settings' })).toBe('#/settings');
    expect(hrefOf({ name: 'settings', tab: 'backup' })).toBe('#/settings/backup');
    for (const [hash, route] of ADDRESSES) expect(parseHash(hrefOf(route)), hash).toEqual(route);
  });

  it('calls "not found" what no area offers', () => {
    for (const path of ['nope', 'customers/abc', 'customers/12/delete', 'settings/nope', 'settings/Backup', 'customers/1e3', 'recycle-bin/1']) {
      expect(parseHash(`#/${path}`)).toEqual({ name: 'notFound', path });
    }
  });

  it('keeps the permission each page needs, for the shell\'s "no permission" page', () => {
    expect(routePermission({ name: 'customerNew' })).toBe('customers.write');
    expect(routePermission({ name: 'customerEdit', id: 1 })).toBe('customers.write');
    expect(routePermission({ name: 'recycleBin' })).toBe('customers.delete');
    expect(routePermission({ name: 'customers' })).toBeUndefined();
    expect(routePermission({ name: 'settings', tab: 'users' })).toBeUndefined(); // the tab itself says "owner only"
  });

  it('lights up the navigation entry of the area a page belongs to', () => {
    expect(navOf(parseHash('#/customers/5/edit'))).toBe('customers');
    expect(navOf(parseHash('#/recycle-bin'))).toBe('customers');
    expect(navOf(parseHash('#/settings/backup'))).toBe('settings');
    expect(navOf(parseHash('#/contracts'))).toBe('contracts');
    expect(navOf(parseHash('#/customers/7/contracts/new'))).toBe('contracts');
    expect(navOf(parseHash('#/nope'))).toBeNull();
  });

  it('draws print views without the shell, and every other page inside it', () => {
    for (const [hash, route] of ADDRESSES) expect(routeIsBare(route), hash).toBe(route.name.startsWith('print'));
    expect(routeIsBare(parseHash('#/nope'))).toBe(false);
    expect(routePermission({ name: 'printCustomerProfile', customerId: 1 })).toBe('print');
    expect(hrefOf(visitSheetRoute({ staffId: null, from: '2026-12-01', to: '2026-12-01' }))).toBe('#/print/visit-sheet?from=2026-12-01&to=2026-12-01');
  });

  // Other areas may add entries and tabs between these; the ones of today keep their order and permission.
  const known = <T extends { id: string }>(list: readonly T[], ids: string[]) => list.filter((entry) => ids.includes(entry.id));

  it('derives the navigation and the settings tabs from the areas, in their order', () => {
    const nav = ['today', 'customers', 'contracts', 'visits', 'service', 'satisfaction', 'reports', 'settings'];
    expect(known(navEntries(), nav).map((entry) => [entry.id, entry.permission ?? null])).toEqual([
      ['today', null],
      ['customers', 'customers.read'],
      ['contracts', 'customers.read'],
      ['visits', 'customers.read'],
      ['service', 'customers.read'],
      ['satisfaction', 'customers.read'],
      ['reports', 'reports.read'],
      ['settings', null],
    ]);
    const tabs = ['users', 'security', 'backup', 'audit', 'account'];
    expect(known(settingsTabs(), tabs).map((tab) => [tab.id, tab.permission ?? null])).toEqual([
      ['users', 'users.manage'],
      ['security', 'settings.manage'],
      ['backup', 'backup.manage'],
      ['audit', 'audit.read'],
      ['account', null],
    ]);
  });
});
