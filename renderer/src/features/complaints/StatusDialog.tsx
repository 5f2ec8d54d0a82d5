import { Alert, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, FormControl, FormControlLabel, FormHelperText, FormLabel, Radio, RadioGroup, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPLAINT_NOTE_MAX, COMPLAINT_RESOLUTION_MAX, type Complaint, type ComplaintStatus } from '../../../../shared/api/complaints.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { dataChanged, useCoreMutation } from '../../app/query.ts';
import { issueMessage, serverFieldErrors } from '../../app/validation.ts';

/** The workflow's steps as the detail page offers them (per the complaint's `actions`). */
export type StatusStep = 'start' | 'resolve' | 'close' | 'reopen';

const TARGET: Record<StatusStep, ComplaintStatus> = { start: 'inProgress', resolve: 'resolved', close: 'closed', reopen: 'inProgress' };
const DONE_KEY: Record<StatusStep, string> = { start: 'inProgress', resolve: 'resolved', close: 'closed', reopen: 'reopened' };
const SCORES = [1, 2, 3, 4, 5] as const;
const SHOWN_FIELDS = ['resolution', 'afterScore', 'note'];

/**
 * One step of the workflow, with a note for the history. Resolving asks what was done (required)
 * and the customer's satisfaction after it (1–5, optional); closing asks that satisfaction too,
 * starting from what resolving recorded.
 */
export function StatusDialog({ complaint: c, step, onClose }: { complaint: Complaint; step: StatusStep; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const change = useCoreMutation('complaints.setStatus');
  const [note, setNote] = useState('');
  const [resolution, setResolution] = useState(step === 'resolve' ? c.resolution : '');
  const [afterScore, setAfterScore] = useState<number | null>(c.afterScore);
  const [tried, setTried] = useState(false);
  const asksResolution = step === 'resolve';
  const asksScore = step === 'resolve' || step === 'close';
  const server = change.error ? serverFieldErrors(change.error) : {};
  const fieldProblem = (key: string) => (server[key] ? issueMessage(t, server[key]) : undefined);
  const resolutionProblem = asksResolution && tried && resolution.trim() === '' ? t('validation.required') : fieldProblem('resolution');
  // A refusal about no field shown here is said above the buttons; a stale version and a step no
  // longer allowed (someone moved it meanwhile) both mean the complaint changed under the user.
  const generalProblem = change.error && !SHOWN_FIELDS.some((key) => key in server) ? (change.error.code === 'CONFLICT' ? t('complaintStatus.conflict') : errorMessage(t, change.error)) : null;

  const submit = () => {
    setTried(true);
    if (asksResolution && resolution.trim() === '') return;
    change.mutate(
      {
        id: c.id,
        version: c.version,
        status: TARGET[step],
        note,
        ...(asksResolution ? { resolution } : {}),
        ...(asksScore && afterScore !== null ? { afterScore } : {}),
      },
      {
        onSuccess: () => {
          onClose();
          notify({ message: t(`complaintStatus.done.${DONE_KEY[step]}`) });
        },
        // Someone changed it meanwhile: show the stored one behind the dialog, so trying again uses it.
        onError: (error) => {
          if (error.code === 'CONFLICT') dataChanged();
        },
      },
    );
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="complaint-status-title" fullWidth maxWidth="sm">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <DialogTitle id="complaint-status-title">{t(`complaintStatus.${step}Title`)}</DialogTitle>
        <DialogContent>
          <Stack spacing={2.5} sx={{ pt: 1 }}>
            {asksResolution ? (
              <TextField
                label={t('complaint.resolution')}
                name="resolution"
                required
                autoFocus
                multiline
                minRows={3}
                value={resolution}
                onChange={(e) => setResolution(e.target.value)}
                error={resolutionProblem !== undefined}
                helperText={resolutionProblem ?? t('complaintStatus.resolutionHint')}
                slotProps={{ htmlInput: { maxLength: COMPLAINT_RESOLUTION_MAX } }}
              />
            ) : null}
            {asksScore ? (
              <FormControl error={fieldProblem('afterScore') !== undefined}>
                <FormLabel id="complaint-after-score">{t('complaint.afterScore')}</FormLabel>
                <RadioGroup row aria-labelledby="complaint-after-score" name="afterScore" value={afterScore === null ? '' : String(afterScore)} onChange={(e) => setAfterScore(e.target.value === '' ? null : Number(e.target.value))}>
                  {SCORES.map((score) => (
                    <FormControlLabel key={score} value={String(score)} control={<Radio />} label={String(score)} />
                  ))}
                  <FormControlLabel value="" control={<Radio />} label={t('complaintStatus.afterScoreNone')} />
                </RadioGroup>
                <FormHelperText>{fieldProblem('afterScore') ?? t('complaintStatus.afterScoreHint')}</FormHelperText>
              </FormControl>
            ) : null}
            <TextField
              label={t('complaintStatus.note')}
              name="note"
              autoFocus={!asksResolution}
              multiline
              minRows={2}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              error={fieldProblem('note') !== undefined}
              helperText={fieldProblem('note')}
              slotProps={{ htmlInput: { maxLength: COMPLAINT_NOTE_MAX } }}
            />
            {generalProblem !== null ? <Alert severity="error">{generalProblem}</Alert> : null}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={change.isPending} startIcon={change.isPending ? <CircularProgress size={18} color="inherit" /> : undefined}>
            {t(`complaintDetail.${step}`)}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
