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

/**
 * The mark on a visit that intersects another of the same person's that day (a warning, never a
 * refusal). `iconOnly`: the week's narrow columns (the words are its tooltip and accessible name).
 */
export function OverlapMark({ staffName, iconOnly }: { staffName: string; iconOnly?: boolean }) {
  const { t } = useTranslation();
  const text = t('visit.overlaps', { name: staffName });
  if (iconOnly) {
    return (
      <Tooltip title={text}>
        <WarningAmberIcon color="warning" fontSize="small" role="img" aria-label={text} aria-hidden={false} data-testid="overlap-mark" />
      </Tooltip>
    );
  }
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
