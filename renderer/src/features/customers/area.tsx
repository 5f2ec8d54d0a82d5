import PeopleIcon from '@mui/icons-material/People';
import { useEffect } from 'react';
import type { Area } from '../../app/area.ts';
import { navigate } from '../../app/router.ts';
import { useCan } from '../../app/session.tsx';
import { CustomerDetailPage } from './CustomerDetailPage.tsx';
import { CustomerFormPage } from './CustomerFormPage.tsx';
import { CustomerListPage } from './CustomerListPage.tsx';
import { RecycleBinPage } from './RecycleBinPage.tsx';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

declare module '../../app/router.ts' {
  interface RouteParams {
    /** `query`: the list's filters and sort as URL search parameters, so a reload keeps them. */
    customers: { query?: string };
    customer: { id: number };
    customerNew: object;
    customerEdit: { id: number };
    recycleBin: object;
  }
}

/** Alt+N opens a new customer from anywhere (Ctrl+N is the browser's new window). */
function NewCustomerShortcut() {
  const canWrite = useCan('customers.write');
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyN' && canWrite) {
        e.preventDefault();
        navigate({ name: 'customerNew' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canWrite]);
  return null;
}

export const area = {
  id: 'customers',
  i18n: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: [
    // Home ('#/') is the Today inbox (features/today); it sends an old home address with list filters here.
    { name: 'customers', paths: ['customers'], query: true, render: (route) => <CustomerListPage search={route.query} /> },
    { name: 'customerNew', paths: ['customers/new'], permission: 'customers.write', render: () => <CustomerFormPage key="new" id={null} /> },
    { name: 'customer', paths: ['customers/:id'], render: (route) => <CustomerDetailPage key={route.id} id={route.id} /> },
    {
      name: 'customerEdit',
      paths: ['customers/:id/edit'],
      permission: 'customers.write',
      render: (route) => <CustomerFormPage key={route.id} id={route.id} />,
    },
    { name: 'recycleBin', paths: ['recycle-bin'], permission: 'customers.delete', render: () => <RecycleBinPage /> },
  ],
  nav: [{ id: 'customers', labelKey: 'nav.customers', icon: <PeopleIcon />, order: 20, to: { name: 'customers' }, permission: 'customers.read' }],
  background: [NewCustomerShortcut],
} satisfies Area;
