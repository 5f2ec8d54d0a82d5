import type { Area } from '../../app/area.ts';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

/**
 * Export (导出): a dialog behind one button (ExportButton) that the list pages of customers,
 * contracts, service records and surveys mount with their current filter. Texts only here.
 */
export const area = {
  id: 'exports',
  i18n: { 'zh-CN': zhCN, 'en-US': enUS },
} satisfies Area;
