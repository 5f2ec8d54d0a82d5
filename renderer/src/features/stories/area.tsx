import AutoStoriesIcon from '@mui/icons-material/AutoStories';
import type { Area } from '../../app/area.ts';
import { StoriesPage } from './StoriesPage.tsx';
import { StoryCaseSheetPrint } from './StoryCaseSheetPrint.tsx';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

declare module '../../app/router.ts' {
  interface RouteParams {
    stories: object;
    printStory: { id: number };
  }
}

/**
 * Success stories (客户合作案例): the list of all stories, the customer page's section (written
 * there: CustomerStoriesSection) and the one-page case sheet, a bare print view.
 */
export const area = {
  id: 'stories',
  i18n: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: [
    { name: 'stories', paths: ['stories'], permission: 'customers.read', render: () => <StoriesPage /> },
    { name: 'printStory', paths: ['print/story/:id'], bare: true, nav: 'stories', permission: 'print', render: (route) => <StoryCaseSheetPrint key={route.id} id={route.id} /> },
  ],
  nav: [{ id: 'stories', labelKey: 'nav.stories', icon: <AutoStoriesIcon />, order: 39, to: { name: 'stories' }, permission: 'customers.read' }],
} satisfies Area;
