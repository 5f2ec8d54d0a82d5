import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { localDay } from '../../../../shared/contract-status.ts';
import { EVENT_KINDS, EVENT_NOTES_MAX, EVENT_PLACE_MAX, EVENT_TITLE_MAX, EventDraft, type Event } from '../../../../shared/api/events.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged } from '../../app/query.ts';
import { navigate } from '../../app/router.ts';
import { useForm } from '../../app/use-form.ts';
import { CURRENCIES } from '../contracts/money.ts';
import { draftOf, formValuesOf, textProblems, type EventFormValues } from './event-format.ts';

const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;
const SHRINK = { inputLabel: { shrink: true } } as const;

/** The contract's own checks of the text fields; numbers, the time and the budget are checked as text (textProblems). */
const FormSchema = z.object({ title: EventDraft.shape.title, onDay: EventDraft.shape.onDay, place: EventDraft.shape.place, notes: EventDraft.shape.notes });

/** New event (event null) or edit one: the core's events.create / events.update (events.manage). */
export function EventDialog({ event, onClose }: { event: Event | null; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const form = useForm<EventFormValues>(FormSchema, () => formValuesOf(event, localDay(Date.now())), textProblems);
  const { values, error } = form;
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);

  const save = async () => {
    setFailure(null);
    if (!form.check()) return;
    setBusy(true);
    try {
      const draft = draftOf(values);
      if (event === null) {
        const created = await call('events.create', draft);
        notify({ message: t('events.form.created') });
        navigate({ name: 'event', id: created.id });
      } else {
        await call('events.update', { ...draft, id: event.id, version: event.version });
        notify({ message: t('events.form.saved') });
      }
      dataChanged();
      onClose();
    } catch (caught) {
      const failed = caught as AppError; // call() throws the core's error value
      if (failed.code === 'CONFLICT') dataChanged(); // someone else changed it: show theirs
      if (!form.applyFailure(failed)) setFailure(failed);
    } finally {
      setBusy(false);
    }
  };

  const field = (key: keyof EventFormValues, label: string, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField
      label={label}
      value={values[key]}
      onChange={(e) => form.setField(key, e.target.value)}
      error={error(key) !== undefined}
      helperText={error(key)}
      {...extra}
    />
  );

  return (
    <Dialog open onClose={onClose} aria-labelledby="event-dialog-title" fullWidth maxWidth="md">
      <DialogTitle id="event-dialog-title">{event === null ? t('events.form.newTitle') : t('events.form.editTitle')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }} component="form" onSubmit={(e) => e.preventDefault()}>
          {field('title', t('events.field.title'), { required: true, autoFocus: true, slotProps: { htmlInput: { maxLength: EVENT_TITLE_MAX } } })}
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { sm: 'repeat(3, 1fr)' } }}>
            <TextField select slotProps={NATIVE_SELECT} label={t('events.field.kind')} value={values.kind} onChange={(e) => form.setField('kind', EVENT_KINDS.find((k) => k === e.target.value) ?? 'other')}>
              {EVENT_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`events.kinds.${kind}`)}
                </option>
              ))}
            </TextField>
            {field('onDay', t('events.field.onDay'), { type: 'date', required: true, slotProps: SHRINK })}
            {field('startMinute', t('events.field.startTime'), { type: 'time', slotProps: SHRINK })}
            {field('durationMinutes', t('events.field.duration'), { slotProps: { htmlInput: { inputMode: 'numeric' } } })}
            {field('capacity', t('events.field.capacity'), { slotProps: { htmlInput: { inputMode: 'numeric' } } })}
            <Box sx={{ display: 'grid', gap: 1, gridTemplateColumns: '1fr 96px' }}>
              {field('budgetMinor', t('events.field.budget'), { slotProps: { htmlInput: { inputMode: 'decimal' } } })}
              <TextField select slotProps={NATIVE_SELECT} label={t('events.field.currency')} value={values.currency} onChange={(e) => form.setField('currency', e.target.value)}>
                {[...new Set([...CURRENCIES, values.currency])].map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </TextField>
            </Box>
          </Box>
          {field('place', t('events.field.place'), { slotProps: { htmlInput: { maxLength: EVENT_PLACE_MAX } } })}
          {field('notes', t('events.field.notes'), { multiline: true, minRows: 3, slotProps: { htmlInput: { maxLength: EVENT_NOTES_MAX } } })}
          {form.otherErrors.map((message) => (
            <Alert key={message} severity="warning">
              {message}
            </Alert>
          ))}
          {failure ? <Alert severity="error">{errorMessage(t, failure)}</Alert> : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" onClick={() => void save()} disabled={busy}>
          {t('events.form.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
