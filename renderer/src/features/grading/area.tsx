import LeaderboardIcon from '@mui/icons-material/Leaderboard';
import type { Area } from '../../app/area.ts';
import { GradingPage } from './GradingPage.tsx';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

declare module '../../app/router.ts' {
  interface RouteParams {
    grading: object;
    gradingHistory: object;
    gradingProposal: { id: number };
    gradingSettings: object;
  }
}

/**
 * Value grading (价值分级), the owner's alone (grading.manage): the month's proposal to review and
 * apply, the past proposals, and the rules (cut-offs, rules, currency, monthly, churn's k). The
 * customer page's grade history says which proposal suggested a grade (CustomerSections.tsx reads
 * gradeHistorySource from here).
 */
export const area = {
  id: 'grading',
  i18n: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: [
    { name: 'grading', paths: ['grading'], permission: 'grading.manage', render: () => <GradingPage tab="proposal" /> },
    { name: 'gradingHistory', paths: ['grading/history'], permission: 'grading.manage', render: () => <GradingPage tab="history" /> },
    { name: 'gradingProposal', paths: ['grading/history/:id'], permission: 'grading.manage', render: (route) => <GradingPage key={route.id} tab="history" proposalId={route.id} /> },
    { name: 'gradingSettings', paths: ['grading/settings'], permission: 'grading.manage', render: () => <GradingPage tab="settings" /> },
  ],
  nav: [{ id: 'grading', labelKey: 'nav.grading', icon: <LeaderboardIcon />, order: 67, to: { name: 'grading' }, permission: 'grading.manage' }],
} satisfies Area;
