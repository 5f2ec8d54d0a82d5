// Holiday care has its own way in: #/holidays (the festivals of the next 12 months) with a
// navigation entry beside Today, named in both languages; a festival's page lights it up too.
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { installAreas, navEntries } from '../../renderer/src/app/area.ts';
import { hrefOf, navOf, parseHash, routePermission } from '../../renderer/src/app/router.ts';
import * as areas from '../../renderer/src/features/areas.ts';
import { resources } from '../i18n-resources.ts';

beforeAll(async () => {
  installAreas(Object.values(areas));
  await i18next.init({ lng: 'zh-CN', resources, interpolation: { escapeValue: false } });
});

describe('the holiday care page', () => {
  it('has an address, a navigation entry right after Today, and words in both languages', async () => {
    const route = parseHash('#/holidays');
    expect(route).toMatchObject({ name: 'holidays' });
    expect(hrefOf(route)).toBe('#/holidays');
    expect(routePermission(route)).toBe('customers.read');
    const order = navEntries().map((e) => e.id);
    expect(order.indexOf('holidays')).toBe(order.indexOf('today') + 1);
    expect(navOf(route)).toBe('holidays');
    expect(navOf(parseHash('#/holidays/new-year/2027'))).toBe('holidays');
    await i18next.changeLanguage('zh-CN');
    expect([i18next.t('nav.holidays'), i18next.t('holidays.listColumns.toGreet')]).toEqual(['节日关怀', '待问候']);
    await i18next.changeLanguage('en-US');
    expect([i18next.t('nav.holidays'), i18next.t('holidays.listColumns.toGreet')]).toEqual(['Holiday care', 'To greet']);
  });
});
