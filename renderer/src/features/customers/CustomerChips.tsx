import { Chip, Stack } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Grade, Stage } from '../../../../shared/api/customers.ts';
import type { TagColor } from '../../../../shared/api/tags.ts';
import { tagChipStyle } from '../tags/palette.ts';
import { useTagColors } from '../tags/use-tag-colors.ts';

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

/** A customer's tag, in the colour set under Tags management (features/tags); none: the plain chip. */
export function TagChip({ name, color }: { name: string; color?: TagColor | null }) {
  return <Chip label={name} size="small" component="span" sx={(theme) => ({ maxWidth: '100%', ...tagChipStyle(color, theme) })} />;
}

/** A customer's tags, each in its colour. */
export function TagChips({ names }: { names: readonly string[] }) {
  const colors = useTagColors(names);
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }} component="span">
      {names.map((name) => (
        <TagChip key={name} name={name} color={colors.get(name)} />
      ))}
    </Stack>
  );
}
