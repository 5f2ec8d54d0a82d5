import type { Area } from '../../app/area.ts';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

/** Texts only: sign-in, lock and recovery screens come before any area, in App.tsx. */
export const area = {
  id: 'signin',
  i18n: { 'zh-CN': zhCN, 'en-US': enUS },
} satisfies Area;
