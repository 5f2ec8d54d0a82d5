import LocalFloristIcon from '@mui/icons-material/LocalFlorist';
import type { Area } from '../../app/area.ts';
import { HolidayPage } from './HolidayPage.tsx';
import { HolidaysPage } from './HolidaysPage.tsx';
import { HolidaySettingsTab } from './HolidaySettingsTab.tsx';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

declare module '../../app/router.ts' {
  interface RouteParams {
    /** `key`: the festival's key (spring-festival, own-3); `yearId`: its year (a number: the router reads `…Id` parameters as numbers). */
    holiday: { key: string; yearId: number };
    /** The festivals of the next 12 months. */
    holidays: object;
  }
}

/**
 * Holiday care (节日关怀): the festivals of the next 12 months (#/holidays, its navigation entry beside
 * Today), each festival's page of customers to greet (also opened from Today, where the festivals
 * within the days ahead show: features/today) and the settings tab.
 */
export const area = {
  id: 'holidays',
  i18n: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: [
    { name: 'holidays', paths: ['holidays'], permission: 'customers.read', render: () => <HolidaysPage /> },
    {
      name: 'holiday',
      paths: ['holidays/:key/:yearId'],
      permission: 'customers.read',
      render: (route) => <HolidayPage key={`${route.key}:${route.yearId}`} festivalKey={route.key} year={route.yearId} />,
    },
  ],
  nav: [{ id: 'holidays', labelKey: 'nav.holidays', icon: <LocalFloristIcon />, order: 12, to: { name: 'holidays' }, permission: 'customers.read' }],
  settingsTabs: [{ id: 'holidays', labelKey: 'holidays.settings.tab', order: 38, permission: 'settings.manage', Component: HolidaySettingsTab }],
} satisfies Area;
