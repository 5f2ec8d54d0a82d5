import { Chip } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Grade, Stage } from '../../../../shared/api/customers.ts';

const GRADE_COLORS: Record<Grade, 'error' | 'warning' | 'default' | 'info'> = {
  vip: 'error',
  key: 'warning',
  normal: 'default',
  potential: 'info',
};

export function GradeChip({ grade, size = 'small' }: { grade: Grade; size?: 'small' | 'medium' }) {
  const { t } = useTranslation();
  return <Chip label={t(`customer.grades.${grade}`)} color={GRADE_COLORS[grade]} size={size} variant={grade === 'normal' ? 'outlined' : 'filled'} />;
}

const STAGE_COLORS: Record<Stage, 'default' | 'primary' | 'success' | 'warning' | 'error'> = {
  lead: 'default',
  new: 'primary',
  active: 'success',
  dormant: 'warning',
  lost: 'error',
};

export function StageChip({ stage }: { stage: Stage }) {
  const { t } = useTranslation();
  return <Chip label={t(`customer.stages.${stage}`)} color={STAGE_COLORS[stage]} size="small" variant="outlined" />;
}
