import { Alert, AlertTitle, Button } from '@mui/material';
import ReportProblemIcon from '@mui/icons-material/ReportProblemOutlined';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/format.ts';

/** The complaint a low-score survey opened, as surveys.create answers it. */
export type OpenedComplaint = { id: number; dueAt: number; assigneeName: string | null };

/**
 * Said where the survey was saved, and kept there until closed (not a passing snackbar): the user
 * sees that the low score opened a complaint, by when it must be answered and who has it. The
 * complaint's page is the complaints area's (`#/complaints/<id>`).
 */
export function ComplaintNotice({ complaint: c }: { complaint: OpenedComplaint }) {
  const { t } = useTranslation();
  const due = formatDateTime(c.dueAt);
  return (
    <Alert
      severity="warning"
      role="alert"
      icon={<ReportProblemIcon />}
      data-testid="survey-complaint-notice"
      action={
        <Button color="inherit" size="small" href={`#/complaints/${c.id}`} sx={{ whiteSpace: 'nowrap' }}>
          {t('surveys.openComplaint', { id: c.id })}
        </Button>
      }
    >
      <AlertTitle sx={{ mb: 0 }}>
        {c.assigneeName ? t('surveys.complaintNotice', { id: c.id, due, assignee: c.assigneeName }) : t('surveys.complaintNoticeUnassigned', { id: c.id, due })}
      </AlertTitle>
    </Alert>
  );
}
