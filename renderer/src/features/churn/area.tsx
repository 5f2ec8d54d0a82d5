import TrendingDownIcon from '@mui/icons-material/TrendingDown';
import type { Area } from '../../app/area.ts';
import { ChurnPage } from './ChurnPage.tsx';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

declare module '../../app/router.ts' {
  interface RouteParams {
    /** `query`: the rule filter (`rule=interval`), so a reload and the dashboard's links keep it. */
    churn: { query?: string };
  }
}

/**
 * Churn warnings (流失预警): for everyone who reads customers, scoped by the core (staff see their
 * own customers when the scope setting is on). Dismissing needs customers.write (each row says).
 * k is set with the grading rules (grading's settings tab, the owner's).
 */
export const area = {
  id: 'churn',
  i18n: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: [{ name: 'churn', paths: ['churn'], query: true, permission: 'customers.read', render: (route) => <ChurnPage search={route.query} /> }],
  nav: [{ id: 'churn', labelKey: 'nav.churn', icon: <TrendingDownIcon />, order: 66, to: { name: 'churn' }, permission: 'customers.read' }],
} satisfies Area;
