import CelebrationIcon from '@mui/icons-material/Celebration';
import type { Area } from '../../app/area.ts';
import { EventPage } from './EventPage.tsx';
import { EventsPage } from './EventsPage.tsx';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';
import { SignInSheetPrint } from './SignInSheetPrint.tsx';

declare module '../../app/router.ts' {
  interface RouteParams {
    /** `query`: `when=upcoming|past|all&q=…`, so a reload keeps the list's choice. */
    events: { query?: string };
    event: { id: number };
    printEventSignIn: { id: number };
  }
}

/**
 * Customer events (客户营销活动): everyone who reads customers sees them; creating, editing,
 * cancelling and inviting are offered by the core's `actions` (events.manage), replies and
 * attendance per invitation (customers.write within the caller's scope).
 */
export const area = {
  id: 'events',
  i18n: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: [
    { name: 'events', paths: ['events'], query: true, permission: 'customers.read', render: (route) => <EventsPage search={route.query} /> },
    { name: 'event', paths: ['events/:id'], permission: 'customers.read', render: (route) => <EventPage key={route.id} id={route.id} /> },
    // A print view: bare (no shell), A4, its own toolbar; the print right as every printed document.
    { name: 'printEventSignIn', paths: ['print/event-sign-in/:id'], bare: true, permission: 'print', render: (route) => <SignInSheetPrint key={route.id} eventId={route.id} /> },
  ],
  nav: [{ id: 'events', labelKey: 'nav.events', icon: <CelebrationIcon />, order: 45, to: { name: 'events' }, permission: 'customers.read' }],
} satisfies Area;
