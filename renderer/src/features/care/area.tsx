import type { Area } from '../../app/area.ts';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

/**
 * Customer care's screens: the care note dialog (from a birthday or anniversary in Today, and from
 * the customer page). Texts only here; the birthdays themselves show in Today (features/today).
 */
export const area = {
  id: 'care',
  i18n: { 'zh-CN': zhCN, 'en-US': enUS },
} satisfies Area;
