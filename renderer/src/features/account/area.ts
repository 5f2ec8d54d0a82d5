import type { Area } from '../../app/area.ts';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

/** Texts only: the password dialogs are opened by the shell's user menu and the forced change in App.tsx. */
export const area = {
  id: 'account',
  i18n: { 'zh-CN': zhCN, 'en-US': enUS },
} satisfies Area;
