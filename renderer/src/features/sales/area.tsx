import PointOfSaleIcon from '@mui/icons-material/PointOfSale';
import type { Area } from '../../app/area.ts';
import { CatalogueTab } from './CatalogueTab.tsx';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';
import { SaleDetailPage } from './SaleDetailPage.tsx';
import { SalesPage } from './SalesPage.tsx';

declare module '../../app/router.ts' {
  interface RouteParams {
    /** `query`: the list's filters as URL search parameters (the dashboard drills down with them). */
    sales: { query?: string };
    sale: { id: number };
  }
}

export const area = {
  id: 'sales',
  i18n: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: [
    { name: 'sales', paths: ['sales'], query: true, permission: 'customers.read', render: (route) => <SalesPage search={route.query} /> },
    { name: 'sale', paths: ['sales/:id'], permission: 'customers.read', render: (route) => <SaleDetailPage key={route.id} id={route.id} /> },
  ],
  nav: [{ id: 'sales', labelKey: 'nav.sales', icon: <PointOfSaleIcon />, order: 35, to: { name: 'sales' }, permission: 'customers.read' }],
  // The tab for its editors only (owner, manager: catalogue.manage). Staff read the catalogue where they
  // use it, in the sale form's line picker (the core's catalogue.list: customers.write), and their
  // Settings stays their own account.
  settingsTabs: [{ id: 'catalogue', labelKey: 'catalogue.tab', order: 35, permission: 'catalogue.manage', Component: CatalogueTab }],
} satisfies Area;
