import SentimentSatisfiedAltIcon from '@mui/icons-material/SentimentSatisfiedAlt';
import type { Area } from '../../app/area.ts';
import { DimensionsTab } from './DimensionsTab.tsx';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';
import { SurveyDetailPage } from './SurveyDetailPage.tsx';
import { EditSurveyPage, NewSurveyPage } from './SurveyFormPage.tsx';
import { SurveysPage } from './SurveysPage.tsx';

declare module '../../app/router.ts' {
  interface RouteParams {
    /** `query`: the list's filters as URL search parameters, so a reload keeps them. */
    satisfaction: { query?: string };
    /** `query`: whose trends (staff, customer) and the months. */
    satisfactionTrends: { query?: string };
    survey: { id: number };
    /** Opened from a record, a visit or a customer: that one's customer (and staff member) filled in. */
    surveyNew: { customerId?: number; recordId?: number; visitId?: number };
    surveyEdit: { id: number };
  }
}

export const area = {
  id: 'satisfaction',
  i18n: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: [
    { name: 'satisfaction', paths: ['satisfaction'], query: true, permission: 'customers.read', render: (route) => <SurveysPage tab="list" search={route.query} /> },
    { name: 'satisfactionTrends', paths: ['satisfaction/trends'], query: true, permission: 'customers.read', render: (route) => <SurveysPage tab="trends" search={route.query} /> },
    {
      name: 'surveyNew',
      // The first path whose parameters a route has makes its link.
      paths: ['records/:recordId/surveys/new', 'visits/:visitId/surveys/new', 'customers/:customerId/surveys/new', 'surveys/new'],
      permission: 'customers.write',
      render: (route) => <NewSurveyPage key={`${route.customerId}-${route.recordId}-${route.visitId}`} customerId={route.customerId} recordId={route.recordId} visitId={route.visitId} />,
    },
    { name: 'survey', paths: ['surveys/:id'], permission: 'customers.read', render: (route) => <SurveyDetailPage key={route.id} id={route.id} /> },
    { name: 'surveyEdit', paths: ['surveys/:id/edit'], permission: 'customers.write', render: (route) => <EditSurveyPage key={route.id} id={route.id} /> },
  ],
  nav: [{ id: 'satisfaction', labelKey: 'nav.satisfaction', icon: <SentimentSatisfiedAltIcon />, order: 60, to: { name: 'satisfaction' }, permission: 'customers.read' }],
  settingsTabs: [{ id: 'surveys', labelKey: 'surveys.settingsTab', order: 32, permission: 'settings.manage', Component: DimensionsTab }],
} satisfies Area;
