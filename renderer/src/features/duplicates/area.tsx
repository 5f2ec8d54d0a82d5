import type { Area } from '../../app/area.ts';
import { DuplicatesPage } from './DuplicatesPage.tsx';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

declare module '../../app/router.ts' {
  interface RouteParams {
    duplicates: object;
    duplicateMerges: object;
  }
}

/**
 * Duplicate customers (重复客户 / 查重) and merge (合并): reached from the customers list's toolbar
 * (no navigation entry of its own; the page lights up Customers). Finding needs customers.read;
 * merging, "not duplicates" and the merge history need customers.merge.
 */
export const area = {
  id: 'duplicates',
  i18n: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: [
    { name: 'duplicates', paths: ['duplicates'], nav: 'customers', permission: 'customers.read', render: () => <DuplicatesPage tab="find" /> },
    { name: 'duplicateMerges', paths: ['duplicates/merges'], nav: 'customers', permission: 'customers.merge', render: () => <DuplicatesPage tab="merges" /> },
  ],
} satisfies Area;
