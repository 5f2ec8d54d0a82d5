import type { Area } from '../../app/area.ts';
import { BackupButton } from './BackupButton.tsx';
import { BackupReminder } from './BackupReminder.tsx';
import { BackupTab } from './BackupTab.tsx';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

export const area = {
  id: 'backup',
  i18n: { 'zh-CN': zhCN, 'en-US': enUS },
  settingsTabs: [{ id: 'backup', labelKey: 'settings.tabs.backup', order: 30, permission: 'backup.manage', Component: BackupTab }],
  toolbar: [{ id: 'backup', slot: 'end', order: 10, permission: 'backup.manage', Component: BackupButton }],
  // For everyone: the reminder tells the others to ask the owner.
  banners: [{ id: 'backup-reminder', order: 10, Component: BackupReminder }],
} satisfies Area;
