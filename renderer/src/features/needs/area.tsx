import LightbulbIcon from '@mui/icons-material/LightbulbOutlined';
import type { Area } from '../../app/area.ts';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';
import { NeedsPage } from './NeedsPage.tsx';

declare module '../../app/router.ts' {
  interface RouteParams {
    /** `query`: the list's filters as URL search parameters (a reload keeps them; drill-downs build them). */
    needs: { query?: string };
  }
}

/** Needs analysis: the needs list across customers; each customer's needs are a section of its page (CustomerNeedsSection). */
export const area = {
  id: 'needs',
  i18n: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: [{ name: 'needs', paths: ['needs'], query: true, permission: 'customers.read', render: (route) => <NeedsPage search={route.query} /> }],
  nav: [{ id: 'needs', labelKey: 'nav.needs', icon: <LightbulbIcon />, order: 38, to: { name: 'needs' }, permission: 'customers.read' }],
} satisfies Area;
