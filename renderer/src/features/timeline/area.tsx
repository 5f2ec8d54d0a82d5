import type { Area } from '../../app/area.ts';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

/** The customer's timeline: a section of the customer's page (CustomerTimelineSection), no page of its own. */
export const area = {
  id: 'timeline',
  i18n: { 'zh-CN': zhCN, 'en-US': enUS },
} satisfies Area;
