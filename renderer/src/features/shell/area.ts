import type { Area } from '../../app/area.ts';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

/** Texts only: the shell itself (app bar, navigation, not-found and no-permission pages). */
export const area = {
  id: 'shell',
  i18n: { 'zh-CN': zhCN, 'en-US': enUS },
} satisfies Area;
