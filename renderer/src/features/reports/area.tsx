import AssessmentIcon from '@mui/icons-material/Assessment';
import type { Area } from '../../app/area.ts';
import { DashboardPage } from './DashboardPage.tsx';
import { DashboardPrint } from './DashboardPrint.tsx';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

declare module '../../app/router.ts' {
  interface RouteParams {
    /** `query`: the period, `from=YYYY-MM&to=YYYY-MM` (none: the last 12 months). */
    reports: { query?: string };
    /** The dashboard of the period in `query` as a printed document (the PDF export). */
    printDashboard: { query?: string };
  }
}

/**
 * The dashboard (报表; the navigation keeps 统计报表 / Reports): every figure of the shop for a
 * period, each opening the list behind it, with its PDF (print right) and .xlsx (export right).
 */
export const area = {
  id: 'reports',
  i18n: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: [
    { name: 'reports', paths: ['reports'], query: true, permission: 'reports.read', render: (route) => <DashboardPage search={route.query} /> },
    { name: 'printDashboard', paths: ['print/dashboard'], query: true, bare: true, nav: 'reports', permission: 'print', render: (route) => <DashboardPrint query={route.query ?? ''} /> },
  ],
  nav: [{ id: 'reports', labelKey: 'nav.reports', icon: <AssessmentIcon />, order: 70, to: { name: 'reports' }, permission: 'reports.read' }],
} satisfies Area;
