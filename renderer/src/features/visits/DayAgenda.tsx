import { Box, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { VisitRow } from '../../../../shared/api/visits.ts';
import { VisitCard } from './VisitCard.tsx';

type Props = { visits: VisitRow[]; showStaff: boolean; onMove: (visit: VisitRow) => void; label: string };

/** One day, in order of time: each visit with everything needed to go there. */
export function DayAgenda({ visits, showStaff, onMove, label }: Props) {
  const { t } = useTranslation();
  if (visits.length === 0) {
    return (
      <Paper variant="outlined" sx={{ p: 4, textAlign: 'center' }}>
        <Typography color="text.secondary">{t('visits.empty')}</Typography>
      </Paper>
    );
  }
  return (
    <Box component="section" aria-label={label} sx={{ overflowY: 'auto', minHeight: 0 }}>
      <Stack spacing={1.25} sx={{ maxWidth: 1100 }}>
        {visits.map((v) => (
          <VisitCard key={v.id} visit={v} showStaff={showStaff} onMove={onMove} />
        ))}
      </Stack>
    </Box>
  );
}
