import ReportProblemIcon from '@mui/icons-material/ReportProblem';
import type { Area } from '../../app/area.ts';
import { useCoreQuery } from '../../app/query.ts';
import { ComplaintDetailPage } from './ComplaintDetailPage.tsx';
import { EditComplaintPage, NewComplaintPage } from './ComplaintFormPage.tsx';
import { ComplaintsPage } from './ComplaintsPage.tsx';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

declare module '../../app/router.ts' {
  interface RouteParams {
    /** `query`: the list's filters as URL search parameters, so a reload keeps them. */
    complaints: { query?: string };
    complaint: { id: number };
    /** `customerId`: opened from that customer's page, the customer is fixed. */
    complaintNew: { customerId?: number };
    complaintEdit: { id: number };
  }
}

/** A PC left on overnight still sees complaints pass their deadline (the core decides overdue on its clock). */
const BADGE_REFRESH_MS = 5 * 60_000;

function useCounts() {
  return useCoreQuery('complaints.counts', {}, { refetchInterval: BADGE_REFRESH_MS }).data ?? null;
}
/** The navigation's counts: the open complaints, and beside them in red those past their deadline. */
const useOpenCount = () => useCounts()?.open ?? null;
const useOverdueCount = () => useCounts()?.overdue ?? null;

export const area = {
  id: 'complaints',
  i18n: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: [
    { name: 'complaints', paths: ['complaints'], query: true, permission: 'customers.read', render: (route) => <ComplaintsPage search={route.query} /> },
    {
      name: 'complaintNew',
      // The first path whose parameters a route has makes its link: the customer's when given.
      paths: ['customers/:customerId/complaints/new', 'complaints/new'],
      permission: 'customers.write',
      render: (route) => <NewComplaintPage key={route.customerId ?? 'any'} customerId={route.customerId} />,
    },
    { name: 'complaint', paths: ['complaints/:id'], permission: 'customers.read', render: (route) => <ComplaintDetailPage key={route.id} id={route.id} /> },
    { name: 'complaintEdit', paths: ['complaints/:id/edit'], permission: 'customers.write', render: (route) => <EditComplaintPage key={route.id} id={route.id} /> },
  ],
  nav: [
    {
      id: 'complaints',
      labelKey: 'nav.complaints',
      icon: <ReportProblemIcon />,
      order: 65,
      to: { name: 'complaints' },
      permission: 'customers.read',
      badge: { useCount: useOpenCount, labelKey: 'complaints.openBadge', urgent: { useCount: useOverdueCount, labelKey: 'complaints.overdueBadge' } },
    },
  ],
} satisfies Area;
