import type { Area } from '../../app/area.ts';
import { GlobalSearch } from './GlobalSearch.tsx';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

export const area = {
  id: 'search',
  i18n: { 'zh-CN': zhCN, 'en-US': enUS },
  toolbar: [{ id: 'search', slot: 'center', order: 10, permission: 'customers.read', Component: GlobalSearch }],
} satisfies Area;
