import TodayIcon from '@mui/icons-material/Today';
import type { Area } from '../../app/area.ts';
import { useCoreQuery } from '../../app/query.ts';
import { useCan } from '../../app/session.tsx';
import { TodayPage } from './TodayPage.tsx';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

declare module '../../app/router.ts' {
  interface RouteParams {
    /** `query`: `scope=mine|everyone` (owner and managers switch; a reload keeps the choice). */
    today: { query?: string };
  }
}

/** A shop PC left on overnight shows the new day's count the next morning. */
const BADGE_REFRESH_MS = 30 * 60_000;

/** The navigation's count: items due today or overdue (staff: their own), refreshed after every write. */
function useTodayCount(): number | null {
  // The entry shows to every role; the count is asked only of those the core answers.
  const canRead = useCan('customers.read');
  return useCoreQuery('today.counts', {}, { refetchInterval: BADGE_REFRESH_MS, enabled: canRead }).data?.today ?? null;
}

/** Today (今日): the first screen after sign-in, "who needs us today?". */
export const area = {
  id: 'today',
  i18n: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: [
    // Home: the address '#/' (and a fresh sign-in) opens Today; links use '#/today'.
    { name: 'today', paths: ['today', ''], query: true, render: (route) => <TodayPage search={route.query} /> },
  ],
  nav: [{ id: 'today', labelKey: 'nav.today', icon: <TodayIcon />, order: 10, to: { name: 'today' }, badge: { useCount: useTodayCount, labelKey: 'today.badge' } }],
} satisfies Area;
