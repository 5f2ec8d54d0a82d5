import LocalOfferIcon from '@mui/icons-material/LocalOffer';
import type { Area } from '../../app/area.ts';
import { TagsPage } from './TagsPage.tsx';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

declare module '../../app/router.ts' {
  interface RouteParams {
    tags: object;
  }
}

/**
 * Tags management, under Customers: its navigation entry sits right after theirs. Owner and
 * manager only (tags.manage); the core refuses everyone else whatever the screen shows.
 */
export const area = {
  id: 'tags',
  i18n: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: [{ name: 'tags', paths: ['customers/tags'], permission: 'tags.manage', render: () => <TagsPage /> }],
  nav: [{ id: 'tags', labelKey: 'nav.tags', icon: <LocalOfferIcon />, order: 25, to: { name: 'tags' }, permission: 'tags.manage' }],
} satisfies Area;
