import { Alert, Box, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { CARE_NOTE_MAX, CARE_NOTE_OCCASIONS, CareNoteDraft, type CareNoteOccasion } from '../../../../shared/api/care.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged } from '../../app/query.ts';
import { useForm } from '../../app/use-form.ts';

const QUICK_NOTES = ['gift', 'called', 'message', 'visited'] as const;
const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;

/** What the note is about: from a Today item (all fixed but the note) or the customer page (occasion chosen). */
export type CareOccasion = {
  customerId: number;
  customerName: string;
  contactId: number | null;
  contactName: string | null;
  contractId: number | null;
  occasion: CareNoteOccasion;
  onDay: string;
};

type Values = { occasion: CareNoteOccasion; onDay: string; note: string };

/** The contract's own checks of the fields the dialog shows (the rest come from the occasion). */
const NoteSchema = z.object({ occasion: CareNoteDraft.shape.occasion, onDay: CareNoteDraft.shape.onDay, note: CareNoteDraft.shape.note });

/**
 * "Care note" ("sent a gift", "called"): what the shop did for a birthday or anniversary, kept in
 * the customer's timeline (care.addNote). From Today the occasion and its day are the item's; from
 * the customer page they are chosen (`choose`).
 */
export function CareNoteDialog({ occasion: o, choose = false, onClose }: { occasion: CareOccasion; choose?: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const form = useForm<Values>(NoteSchema, { occasion: o.occasion, onDay: o.onDay, note: '' });
  const { values, error } = form;
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);

  const save = async () => {
    setFailure(null);
    if (!form.check()) return;
    setBusy(true);
    try {
      await call('care.addNote', {
        customerId: o.customerId,
        ...(o.contactId !== null ? { contactId: o.contactId } : {}),
        ...(o.contractId !== null ? { contractId: o.contractId } : {}),
        occasion: values.occasion,
        onDay: values.onDay,
        note: values.note.trim(),
      });
      dataChanged(); // Today's "noted", the customer's timeline
      notify({ message: t('care.saved', { name: o.contactName ?? o.customerName }) });
      onClose();
    } catch (caught) {
      const failed = caught as AppError; // call() throws the core's error value
      if (!form.applyFailure(failed)) setFailure(failed);
    } finally {
      setBusy(false);
    }
  };

  const title = o.contactName ? t('care.titleContact', { contact: o.contactName, name: o.customerName }) : t('care.title', { name: o.customerName });
  return (
    <Dialog open onClose={onClose} aria-labelledby="care-note-title" fullWidth maxWidth="sm">
      <DialogTitle id="care-note-title" sx={{ overflowWrap: 'anywhere' }}>
        {title}
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { sm: '1fr 1fr' } }}>
            <TextField
              select
              slotProps={NATIVE_SELECT}
              label={t('care.occasion')}
              value={values.occasion}
              onChange={(e) => form.setField('occasion', e.target.value as CareNoteOccasion)} // the options are CARE_NOTE_OCCASIONS
              disabled={!choose}
            >
              {CARE_NOTE_OCCASIONS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`care.occasions.${kind}`)}
                </option>
              ))}
            </TextField>
            <TextField
              type="date"
              label={t('care.onDay')}
              value={values.onDay}
              onChange={(e) => form.setField('onDay', e.target.value)}
              error={error('onDay') !== undefined}
              helperText={error('onDay')}
              disabled={!choose}
              slotProps={{ inputLabel: { shrink: true } }}
            />
          </Box>
          <Box>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 0.5 }}>
              {t('care.quick')}
            </Typography>
            <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
              {QUICK_NOTES.map((key) => (
                <Chip key={key} label={t(`care.quickNotes.${key}`)} onClick={() => form.setField('note', t(`care.quickNotes.${key}`))} variant="outlined" />
              ))}
            </Stack>
          </Box>
          <TextField
            label={t('care.note')}
            value={values.note}
            onChange={(e) => form.setField('note', e.target.value)}
            error={error('note') !== undefined}
            helperText={error('note') ?? t('care.noteHint')}
            required
            multiline
            minRows={3}
            autoFocus
            slotProps={{ htmlInput: { maxLength: CARE_NOTE_MAX } }}
          />
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
          {t('care.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
