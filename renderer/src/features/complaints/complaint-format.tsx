// How a complaint's status, severity and deadline look wherever they are shown (list, detail).
import { Chip } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ComplaintSeverity, ComplaintStatus } from '../../../../shared/api/complaints.ts';

const STATUS_COLOR = { new: 'info', inProgress: 'warning', resolved: 'success', closed: 'default' } as const;
const SEVERITY_COLOR = { low: 'default', medium: 'info', high: 'warning', critical: 'error' } as const;

export function StatusChip({ status, size = 'small' }: { status: ComplaintStatus; size?: 'small' | 'medium' }) {
  const { t } = useTranslation();
  return <Chip size={size} color={STATUS_COLOR[status]} variant="outlined" label={t(`complaint.statuses.${status}`)} data-testid="complaint-status" />;
}

export function SeverityChip({ severity }: { severity: ComplaintSeverity }) {
  const { t } = useTranslation();
  return <Chip size="small" color={SEVERITY_COLOR[severity]} variant={severity === 'critical' ? 'filled' : 'outlined'} label={t(`complaint.severities.${severity}`)} />;
}

/** Said on an open complaint past its deadline (the core decides, on its own clock). */
export function OverdueChip() {
  const { t } = useTranslation();
  return <Chip size="small" color="error" label={t('complaint.overdue')} data-testid="complaint-overdue" />;
}
