import AssessmentIcon from '@mui/icons-material/Assessment';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Area, AnyRouteSpec, NavEntry } from '../../app/area.ts';
import type { Permission } from '../../../../shared/roles.ts';
import { ComingSoonPage } from './ComingSoonPage.tsx';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

declare module '../../app/router.ts' {
  interface RouteParams {
    reports: object;
  }
}

/**
 * Areas not built yet, each a navigation entry and a friendly "coming soon" page, so the navigation
 * is complete from day one. Building one: remove its line here (and its `nav.<id>` texts), and give
 * it its own folder with its own area.tsx.
 */
const COMING: { id: 'reports'; icon: ReactNode; order: number; permission?: Permission }[] = [
  { id: 'reports', icon: <AssessmentIcon />, order: 70, permission: 'reports.read' },
];

function ComingSoon({ id }: { id: string }) {
  const { t } = useTranslation();
  return <ComingSoonPage area={t(`nav.${id}`)} />;
}

export const area = {
  id: 'placeholder',
  i18n: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: COMING.map(
    ({ id }): AnyRouteSpec => ({ name: id, paths: [id], nav: id, render: () => <ComingSoon id={id} /> }),
  ),
  nav: COMING.map(({ id, icon, order, permission }): NavEntry => ({ id, labelKey: `nav.${id}`, icon, order, to: { name: id }, ...(permission ? { permission } : {}) })),
} satisfies Area;
