import SettingsIcon from '@mui/icons-material/Settings';
import { settingsTabs, type Area } from '../../app/area.ts';
import { AccountTab } from './AccountTab.tsx';
import { AuditTab } from './AuditTab.tsx';
import { SecurityTab } from './SecurityTab.tsx';
import { SettingsPage } from './SettingsPage.tsx';
import { UsersTab } from './UsersTab.tsx';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

declare module '../../app/router.ts' {
  interface RouteParams {
    /** `tab`: the id of a settings tab some area offers (`#/settings/backup`). */
    settings: { tab?: string };
  }
}

/**
 * Settings hosts tabs from every area (app/area.ts `settingsTabs`); these are its own. The owner's
 * tabs come first, "My account" (everyone's) last.
 */
export const area = {
  id: 'settings',
  i18n: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: [
    {
      name: 'settings',
      paths: ['settings/:tab', 'settings'],
      accepts: (route) => route.tab === undefined || settingsTabs().some((tab) => tab.id === route.tab),
      render: (route) => <SettingsPage tab={route.tab ?? null} />,
    },
  ],
  // Everyone has Settings: their own password and language; owners also users, security, audit.
  nav: [{ id: 'settings', labelKey: 'nav.settings', icon: <SettingsIcon />, order: 90, to: { name: 'settings' } }],
  settingsTabs: [
    { id: 'users', labelKey: 'settings.tabs.users', order: 10, permission: 'users.manage', Component: UsersTab },
    { id: 'security', labelKey: 'settings.tabs.security', order: 20, permission: 'settings.manage', Component: SecurityTab },
    { id: 'audit', labelKey: 'settings.tabs.audit', order: 40, permission: 'audit.read', Component: AuditTab },
    { id: 'account', labelKey: 'settings.tabs.account', order: 100, Component: AccountTab },
  ],
} satisfies Area;
