import LoyaltyIcon from '@mui/icons-material/Loyalty';
import type { Area } from '../../app/area.ts';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';
import { LoyaltySettingsTab } from './LoyaltySettingsTab.tsx';
import { MembersPage } from './MembersPage.tsx';

declare module '../../app/router.ts' {
  interface RouteParams {
    /** `query`: the members list's filters (`tier=gold&expiring=1&q=…`), so a reload and Today's links keep them. */
    loyalty: { query?: string };
  }
}

/**
 * The loyalty programme (客户忠诚度计划): the members list for everyone who reads customers (scoped
 * by the core), the customer page's section (features/customers lists it), and the programme's
 * settings tab for the owner (loyalty.manage).
 */
export const area = {
  id: 'loyalty',
  i18n: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: [{ name: 'loyalty', paths: ['loyalty'], query: true, permission: 'customers.read', render: (route) => <MembersPage search={route.query} /> }],
  nav: [{ id: 'loyalty', labelKey: 'nav.loyalty', icon: <LoyaltyIcon />, order: 37, to: { name: 'loyalty' }, permission: 'customers.read' }],
  settingsTabs: [{ id: 'loyalty', labelKey: 'loyaltySettings.tab', order: 36, permission: 'loyalty.manage', Component: LoyaltySettingsTab }],
} satisfies Area;
