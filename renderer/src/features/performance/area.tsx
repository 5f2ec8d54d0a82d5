import InsightsIcon from '@mui/icons-material/Insights';
import type { Area } from '../../app/area.ts';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';
import { PerformancePage } from './PerformancePage.tsx';

declare module '../../app/router.ts' {
  interface RouteParams {
    /** `query`: `staff=all|ID&period=month|quarter|year|custom&from=YYYY-MM-DD&to=YYYY-MM-DD` (none: everyone or oneself, this month). */
    performance: { query?: string };
  }
}

/** Staff performance (绩效评估): per staff member and period, every figure opening the list behind it. */
export const area = {
  id: 'performance',
  i18n: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: [{ name: 'performance', paths: ['performance'], query: true, permission: 'reports.read', render: (route) => <PerformancePage search={route.query} /> }],
  nav: [{ id: 'performance', labelKey: 'nav.performance', icon: <InsightsIcon />, order: 72, to: { name: 'performance' }, permission: 'reports.read' }],
} satisfies Area;
