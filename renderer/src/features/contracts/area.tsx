import DescriptionIcon from '@mui/icons-material/Description';
import type { Area } from '../../app/area.ts';
import { useCoreQuery } from '../../app/query.ts';
import { ContractDetailPage } from './ContractDetailPage.tsx';
import { EditContractPage, NewContractPage } from './ContractFormPage.tsx';
import { ContractListPage } from './ContractListPage.tsx';
import { ContractRecycleBinPage } from './ContractRecycleBinPage.tsx';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

declare module '../../app/router.ts' {
  interface RouteParams {
    /** `query`: the list's filters and sort as URL search parameters, so a reload keeps them. */
    contracts: { query?: string };
    contract: { id: number };
    /** `customerId`: opened from that customer's page, the customer is fixed. */
    contractNew: { customerId?: number };
    contractEdit: { id: number };
    contractsBin: object;
  }
}

/** A shop PC left on overnight still sees contracts enter their notice period the next morning. */
const BADGE_REFRESH_MS = 30 * 60_000;

/** The navigation's count: contracts in their notice period, refreshed after every write (app/query.ts). */
function useExpiringCount(): number | null {
  return useCoreQuery('contracts.expiringCount', {}, { refetchInterval: BADGE_REFRESH_MS }).data?.count ?? null;
}

export const area = {
  id: 'contracts',
  i18n: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: [
    { name: 'contracts', paths: ['contracts'], query: true, permission: 'customers.read', render: (route) => <ContractListPage search={route.query} /> },
    {
      name: 'contractNew',
      // The first path whose parameters a route has makes its link: the customer's when given.
      paths: ['customers/:customerId/contracts/new', 'contracts/new'],
      permission: 'customers.write',
      render: (route) => <NewContractPage key={route.customerId ?? 'any'} customerId={route.customerId} />,
    },
    { name: 'contractsBin', paths: ['contracts/recycle-bin'], permission: 'customers.delete', render: () => <ContractRecycleBinPage /> },
    { name: 'contract', paths: ['contracts/:id'], permission: 'customers.read', render: (route) => <ContractDetailPage key={route.id} id={route.id} /> },
    { name: 'contractEdit', paths: ['contracts/:id/edit'], permission: 'customers.write', render: (route) => <EditContractPage key={route.id} id={route.id} /> },
  ],
  nav: [
    {
      id: 'contracts',
      labelKey: 'nav.contracts',
      icon: <DescriptionIcon />,
      order: 30,
      to: { name: 'contracts' },
      permission: 'customers.read',
      badge: { useCount: useExpiringCount, labelKey: 'contracts.expiringBadge' },
    },
  ],
} satisfies Area;
