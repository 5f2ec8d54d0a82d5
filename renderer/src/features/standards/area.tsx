import type { Area } from '../../app/area.ts';
import { StandardsTab } from './StandardsTab.tsx';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

/**
 * Service standards (服务标准): a settings tab for the owner (settings.manage), beside the survey
 * dimensions. Everyone else meets the standards through deadlines and return visits due.
 */
export const area = {
  id: 'standards',
  i18n: { 'zh-CN': zhCN, 'en-US': enUS },
  settingsTabs: [{ id: 'standards', labelKey: 'standards.tab', order: 31, permission: 'settings.manage', Component: StandardsTab }],
} satisfies Area;
