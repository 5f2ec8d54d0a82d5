import { Box, Button, IconButton, Popover, Stack, TextField, Tooltip, Typography } from '@mui/material';
import SnoozeIcon from '@mui/icons-material/Snooze';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays } from '../../../../shared/contract-status.ts';
import { formatShortDay } from './today-format.ts';

type Props = {
  /** The day Today shows: snoozing is to a later one. */
  day: string;
  label: string;
  onSnooze: (until: string) => void;
};

/** Snooze to a day: one click for tomorrow, three days or a week, or any later day picked. */
export function SnoozeButton({ day, label, onSnooze }: Props) {
  const { t } = useTranslation();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [chosen, setChosen] = useState(addDays(day, 1));
  const earliest = addDays(day, 1);
  const tooEarly = chosen !== '' && chosen < earliest;
  const pick = (until: string) => {
    setAnchor(null);
    onSnooze(until);
  };

  return (
    <>
      <Tooltip title={t('today.actions.snooze')}>
        <IconButton size="small" aria-label={label} aria-haspopup="dialog" onClick={(e) => setAnchor(e.currentTarget)}>
          <SnoozeIcon fontSize="small" />
        </IconButton>
      </Tooltip>
      <Popover
        open={anchor !== null}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
        slotProps={{ paper: { role: 'dialog', 'aria-label': label } }}
      >
        <Box sx={{ p: 2, width: 260 }}>
          <Typography variant="subtitle2" component="h2" sx={{ mb: 1 }}>
            {t('today.snooze.title')}
          </Typography>
          <Stack spacing={1}>
            {([['tomorrow', 1], ['inThreeDays', 3], ['nextWeek', 7]] as const).map(([key, days]) => (
              <Button key={key} variant="outlined" size="small" onClick={() => pick(addDays(day, days))} sx={{ justifyContent: 'space-between' }}>
                <span>{t(`today.snooze.${key}`)}</span>
                <span>{formatShortDay(addDays(day, days))}</span>
              </Button>
            ))}
            <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start', pt: 1 }}>
              <TextField
                type="date"
                size="small"
                label={t('today.snooze.day')}
                value={chosen}
                onChange={(e) => setChosen(e.target.value)}
                error={tooEarly}
                helperText={tooEarly ? t('today.snooze.mustBeLater', { date: formatShortDay(day) }) : undefined}
                slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: earliest } }}
                sx={{ flex: 1 }}
              />
              <Button variant="contained" size="small" disabled={chosen === '' || tooEarly} onClick={() => pick(chosen)} sx={{ mt: 0.5 }}>
                {t('today.snooze.confirm')}
              </Button>
            </Stack>
          </Stack>
        </Box>
      </Popover>
    </>
  );
}
