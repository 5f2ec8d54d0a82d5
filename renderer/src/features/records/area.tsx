import HandymanIcon from '@mui/icons-material/Handyman';
import type { Area } from '../../app/area.ts';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';
import { RecordDetailPage } from './RecordDetailPage.tsx';
import { EditRecordPage, NewRecordPage } from './RecordFormPage.tsx';
import { ServiceRecordsPage } from './ServiceRecordsPage.tsx';

declare module '../../app/router.ts' {
  interface RouteParams {
    /** `query`: the list's filters as URL search parameters, so a reload keeps them. */
    service: { query?: string };
    serviceFollowUps: { query?: string };
    record: { id: number };
    /** `customerId`: opened from that customer's page (or timeline), the customer is fixed. */
    recordNew: { kind: 'service' | 'communication'; customerId?: number };
    recordEdit: { id: number };
  }
}

const isRecordKind = (kind: string): kind is 'service' | 'communication' => kind === 'service' || kind === 'communication';

export const area = {
  id: 'service',
  i18n: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: [
    { name: 'service', paths: ['service'], query: true, permission: 'customers.read', render: (route) => <ServiceRecordsPage tab="list" search={route.query} /> },
    { name: 'serviceFollowUps', paths: ['service/follow-ups'], query: true, permission: 'customers.read', render: (route) => <ServiceRecordsPage tab="followUps" search={route.query} /> },
    {
      name: 'recordNew',
      // The first path whose parameters a route has makes its link: the customer's when given.
      paths: ['customers/:customerId/records/new/:kind', 'records/new/:kind'],
      permission: 'customers.write',
      accepts: (route) => isRecordKind(route.kind),
      render: (route) => <NewRecordPage key={`${route.kind}-${route.customerId ?? 'any'}`} kind={route.kind} customerId={route.customerId} />,
    },
    { name: 'record', paths: ['records/:id'], permission: 'customers.read', render: (route) => <RecordDetailPage key={route.id} id={route.id} /> },
    { name: 'recordEdit', paths: ['records/:id/edit'], permission: 'customers.write', render: (route) => <EditRecordPage key={route.id} id={route.id} /> },
  ],
  nav: [{ id: 'service', labelKey: 'nav.service', icon: <HandymanIcon />, order: 50, to: { name: 'service' }, permission: 'customers.read' }],
} satisfies Area;
