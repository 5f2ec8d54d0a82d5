import type { Area } from '../../app/area.ts';
import { FilesSettingsTab } from './FilesSettingsTab.tsx';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

/**
 * Attachments: files kept with customers and contracts. Their list lives on the owner's page
 * (`<AttachmentsSection owner={…} />`, used by the customer and contract pages); this area brings
 * the owner's settings tab for the size limit and the texts (the audit log's words included).
 */
export const area = {
  id: 'attachments',
  i18n: { 'zh-CN': zhCN, 'en-US': enUS },
  settingsTabs: [{ id: 'files', labelKey: 'attachments.settings.tab', order: 25, permission: 'settings.manage', Component: FilesSettingsTab }],
} satisfies Area;
