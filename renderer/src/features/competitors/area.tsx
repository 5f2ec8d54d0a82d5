import CompareArrowsIcon from '@mui/icons-material/CompareArrows';
import type { Area } from '../../app/area.ts';
import { CompetitorPage } from './CompetitorPage.tsx';
import { CompetitorsPage } from './CompetitorsPage.tsx';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

declare module '../../app/router.ts' {
  interface RouteParams {
    competitors: object;
    /** `query`: `grade=vip|key|…`, the reach list's drill-down. */
    competitor: { id: number; query?: string };
  }
}

export const area = {
  id: 'competitors',
  i18n: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: [
    { name: 'competitors', paths: ['competitors'], permission: 'customers.read', render: () => <CompetitorsPage /> },
    { name: 'competitor', paths: ['competitors/:id'], query: true, permission: 'customers.read', render: (route) => <CompetitorPage key={route.id} id={route.id} search={route.query} /> },
  ],
  // Beside the other analyses of customers (churn 66, grading 67), before reports (70).
  nav: [{ id: 'competitors', labelKey: 'nav.competitors', icon: <CompareArrowsIcon />, order: 68, to: { name: 'competitors' }, permission: 'customers.read' }],
} satisfies Area;
