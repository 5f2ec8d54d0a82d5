import type { Area } from '../../app/area.ts';
import { LogoSection } from './LogoSection.tsx';
import { ShopLogo } from './ShopLogo.tsx';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

/** The shop logo: chosen in Settings by those who manage them, shown in the app bar to everyone. */
export const area = {
  id: 'logo',
  i18n: { 'zh-CN': zhCN, 'en-US': enUS },
  settingsTabs: [{ id: 'logo', labelKey: 'logo.tab', order: 15, permission: 'settings.manage', Component: LogoSection }],
  toolbar: [{ id: 'logo', slot: 'start', order: 0, Component: ShopLogo }],
} satisfies Area;
