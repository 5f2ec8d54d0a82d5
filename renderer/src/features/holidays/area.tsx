import type { Area } from '../../app/area.ts';
import { HolidayPage } from './HolidayPage.tsx';
import { HolidaySettingsTab } from './HolidaySettingsTab.tsx';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

declare module '../../app/router.ts' {
  interface RouteParams {
    /** `key`: the festival's key (spring-festival, own-3); `yearId`: its year (a number: the router reads `…Id` parameters as numbers). */
    holiday: { key: string; yearId: number };
  }
}

/**
 * Holiday care (节日关怀): the festival's page of customers to greet (opened from Today, where the
 * festivals coming up show: features/today) and the settings tab. No navigation entry: Today is
 * where a festival is noticed.
 */
export const area = {
  id: 'holidays',
  i18n: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: [
    {
      name: 'holiday',
      paths: ['holidays/:key/:yearId'],
      nav: 'today',
      permission: 'customers.read',
      render: (route) => <HolidayPage key={`${route.key}:${route.yearId}`} festivalKey={route.key} year={route.yearId} />,
    },
  ],
  settingsTabs: [{ id: 'holidays', labelKey: 'holidays.settings.tab', order: 38, permission: 'settings.manage', Component: HolidaySettingsTab }],
} satisfies Area;
