import DirectionsWalkIcon from '@mui/icons-material/DirectionsWalk';
import type { Area } from '../../app/area.ts';
import { AgendaPage } from './AgendaPage.tsx';
import { VisitDetailPage } from './VisitDetailPage.tsx';
import { VisitListPage } from './VisitListPage.tsx';
import { EditVisitPage, NewVisitPage } from './VisitFormPage.tsx';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

declare module '../../app/router.ts' {
  interface RouteParams {
    /** `query`: the agenda's view, day and staff member (`view=week&day=2026-12-01&staff=3`), so a reload keeps them. */
    visits: { query?: string };
    /** `query`: the list's filters as the core names them (`staffId=3&from=2026-01-01&to=2026-12-31&status=done`). */
    visitList: { query?: string };
    visit: { id: number };
    /** `customerId`: planned from that customer's page (fixed); `query`: `day=&staff=&time=` from the agenda. */
    visitNew: { customerId?: number; query?: string };
    visitEdit: { id: number };
  }
}

/** Visit plans (拜访计划): the day and week agendas, the list of visits by filter, planning, moving and completing visits. */
export const area = {
  id: 'visits',
  i18n: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: [
    { name: 'visits', paths: ['visits'], query: true, permission: 'customers.read', render: (route) => <AgendaPage search={route.query} /> },
    {
      name: 'visitNew',
      // The first path whose parameters a route has makes its link: the customer's when given.
      paths: ['customers/:customerId/visits/new', 'visits/new'],
      query: true,
      permission: 'customers.write',
      render: (route) => <NewVisitPage key={`${route.customerId ?? 'any'}?${route.query ?? ''}`} customerId={route.customerId} query={route.query} />,
    },
    { name: 'visitList', paths: ['visits/list'], query: true, permission: 'customers.read', render: (route) => <VisitListPage search={route.query} /> },
    { name: 'visit', paths: ['visits/:id'], permission: 'customers.read', render: (route) => <VisitDetailPage key={route.id} id={route.id} /> },
    { name: 'visitEdit', paths: ['visits/:id/edit'], permission: 'customers.write', render: (route) => <EditVisitPage key={route.id} id={route.id} /> },
  ],
  nav: [{ id: 'visits', labelKey: 'nav.visits', icon: <DirectionsWalkIcon />, order: 40, to: { name: 'visits' }, permission: 'customers.read' }],
} satisfies Area;
