import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMinute, type VisitRow } from '../../../../shared/api/visits.ts';
import { isDay, timeToMinute } from './agenda-query.ts';
import { useReschedule } from './use-visit-changes.ts';

const SHRINK = { inputLabel: { shrink: true } } as const;

/** "Move to…": the keyboard's way to do what dragging a visit to another day does (the time stays unless changed). */
export function MoveVisitDialog({ visit: v, onClose }: { visit: VisitRow; onClose: () => void }) {
  const { t } = useTranslation();
  const reschedule = useReschedule();
  const [day, setDay] = useState(v.onDay);
  const [time, setTime] = useState(formatMinute(v.startMinute));
  const [busy, setBusy] = useState(false);
  const minute = timeToMinute(time);
  const dayProblem = isDay(day) ? undefined : day === '' ? t('validation.required') : t('validation.dateRange');
  const timeProblem = minute === null ? t('validation.required') : undefined;

  const confirm = async () => {
    if (dayProblem || minute === null) return;
    setBusy(true);
    const moved = await reschedule(v, day, minute);
    setBusy(false);
    // Refused for a stale version or a vanished visit: the agenda reloaded; the dialog's data is old.
    onClose();
    return moved;
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="move-visit-title" fullWidth maxWidth="xs">
      <DialogTitle id="move-visit-title" sx={{ overflowWrap: 'anywhere' }}>
        {t('visitMove.title', { name: v.customerName })}
      </DialogTitle>
      <DialogContent>
        <DialogContentText>{t('visitMove.body')}</DialogContentText>
        <Stack
          component="form"
          id="move-visit-form"
          spacing={2}
          sx={{ mt: 2 }}
          onSubmit={(e) => {
            e.preventDefault();
            void confirm();
          }}
        >
          <TextField type="date" label={t('visitMove.onDay')} value={day} onChange={(e) => setDay(e.target.value)} error={dayProblem !== undefined} helperText={dayProblem} required autoFocus slotProps={SHRINK} />
          <TextField type="time" label={t('visitMove.time')} value={time} onChange={(e) => setTime(e.target.value)} error={timeProblem !== undefined} helperText={timeProblem} required slotProps={SHRINK} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="submit" form="move-visit-form" variant="contained" disabled={busy || dayProblem !== undefined || minute === null}>
          {t('visitMove.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
