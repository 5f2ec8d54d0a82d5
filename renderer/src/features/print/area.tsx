import type { Area } from '../../app/area.ts';
import type { Route } from '../../app/router.ts';
import { CustomerProfilePrint } from './CustomerProfilePrint.tsx';
import { ServiceReportPrint } from './ServiceReportPrint.tsx';
import { VisitSheetPrint } from './VisitSheetPrint.tsx';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

declare module '../../app/router.ts' {
  interface RouteParams {
    /** `query`: `from=YYYY-MM-DD&to=YYYY-MM-DD[&staff=<user id>]` (no staff: the whole shop); build it with visitSheetRoute. */
    printVisitSheet: { query?: string };
    printCustomerProfile: { customerId: number };
    printServiceReport: { recordId: number };
  }
}

/** The visit sheet of one staff member (or the whole shop, staffId null) for the days from..to (YYYY-MM-DD). */
export function visitSheetRoute(sheet: { staffId: number | null; from: string; to: string }): Route {
  const query = new URLSearchParams({ from: sheet.from, to: sheet.to });
  if (sheet.staffId !== null) query.set('staff', String(sheet.staffId));
  return { name: 'printVisitSheet', query: query.toString() };
}

/**
 * Printed documents: each at its own address, drawn without the app's shell (`bare`), A4 by CSS
 * `@page`, with its own toolbar (Print, Save as PDF, Back) that is hidden on paper.
 */
export const area = {
  id: 'print',
  i18n: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: [
    { name: 'printVisitSheet', paths: ['print/visit-sheet'], query: true, bare: true, nav: 'visits', permission: 'print', render: (route) => <VisitSheetPrint query={route.query ?? ''} /> },
    {
      name: 'printCustomerProfile',
      paths: ['print/customers/:customerId'],
      bare: true,
      nav: 'customers',
      permission: 'print',
      render: (route) => <CustomerProfilePrint key={route.customerId} customerId={route.customerId} />,
    },
    {
      name: 'printServiceReport',
      paths: ['print/service-reports/:recordId'],
      bare: true,
      nav: 'service',
      permission: 'print',
      render: (route) => <ServiceReportPrint key={route.recordId} recordId={route.recordId} />,
    },
  ],
} satisfies Area;
