import { Chip, Tooltip } from '@mui/material';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import { useTranslation } from 'react-i18next';
import type { VisitStatus } from '../../../../shared/api/visits.ts';

type ChipLook = { color: 'default' | 'primary' | 'success' | 'warning'; variant: 'filled' | 'outlined' };

// Planned is the normal case; done is settled; postponed asks for a new date; cancelled is over.
const LOOKS: Record<VisitStatus, ChipLook> = {
  planned: { color: 'primary', variant: 'outlined' },
  done: { color: 'success', variant: 'filled' },
  postponed: { color: 'warning', variant: 'outlined' },
  cancelled: { color: 'default', variant: 'outlined' },
};

export function VisitStatusChip({ status, size = 'small' }: { status: VisitStatus; size?: 'small' | 'medium' }) {
  const { t } = useTranslation();
  const look = LOOKS[status];
  return <Chip label={t(`visit.statuses.${status}`)} color={look.color} variant={look.variant} size={size} data-status={status} />;
}

/** The mark on a visit that intersects another of the same person's that day (a warning, never a refusal). */
export function OverlapMark({ staffName }: { staffName: string }) {
  const { t } = useTranslation();
  const text = t('visit.overlaps', { name: staffName });
  return (
    <Tooltip title={text}>
      <Chip
        icon={<WarningAmberIcon />}
        label={t('visit.overlapsShort')}
        color="warning"
        size="small"
        aria-label={text}
        data-testid="overlap-mark"
        sx={{ '& .MuiChip-label': { px: 0.75 } }}
      />
    </Tooltip>
  );
}
