import { Alert, Box, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField, Typography } from '@mui/material';
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged } from '../../app/query.ts';
import { navigate } from '../../app/router.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { ComplaintNotice, type OpenedComplaint } from './ComplaintNotice.tsx';
import { ScoreInputs } from './ScoreInputs.tsx';
import { draftOf, surveyProblems, SURVEY_CHANNEL_LIST, type SurveyChannel, type SurveyValues } from './survey-values.ts';
import { useAskedDimensions } from './use-asked-dimensions.ts';

export type QuickSurveyTarget = {
  customer: { id: number; name: string; code: string };
  recordId?: number;
  visitId?: number;
  channel?: SurveyChannel;
};

/**
 * QUICK ENTRY: a survey typed with the keyboard alone. Focus starts on the first dimension; a digit
 * 1–5 fills it and moves on; NPS and channel move on with Enter (or Tab); Enter on the comment, or
 * Ctrl+Enter anywhere, saves. When the save opened a complaint the dialog stays open and says so
 * (number, deadline, assignee, a link); otherwise it closes with a short notice.
 */
export function QuickSurveyDialog({ target, onClose }: { target: QuickSurveyTarget; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { dimensions, error: loadError } = useAskedDimensions();
  const [values, setValues] = useState<SurveyValues>(() => ({
    customer: target.customer,
    recordId: target.recordId ?? null,
    visitId: target.visitId ?? null,
    at: Date.now(), // the moment it is typed: this dialog is for a survey taken just now
    staffId: undefined,
    channel: target.channel ?? 'phone',
    scores: {},
    nps: '',
    comment: '',
  }));
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [opened, setOpened] = useState<OpenedComplaint | null>(null);
  const fields = useRef<(HTMLElement | null)[]>([]);
  const fieldRef = (index: number) => (el: HTMLElement | null) => {
    fields.current[index] = el;
  };
  const advance = (index: number) => fields.current[index + 1]?.focus();

  const ids = (dimensions ?? []).map((d) => d.id);
  const problems = surveyProblems(values, ids);
  // A field's own problem shows as soon as it is typed; "nothing answered" after a save attempt.
  const shown = tried ? problems : Object.fromEntries(Object.entries(problems).filter(([key]) => key !== 'answers' && key !== 'customer'));
  const n = ids.length; // fields: the scores 0..n-1, NPS n, channel n+1, comment n+2

  const save = async () => {
    setTried(true);
    setFailure(null);
    if (saving || dimensions === undefined) return;
    const found = Object.keys(problems);
    if (found.length > 0) {
      const first = found[0]!.startsWith('score.') ? ids.indexOf(Number(found[0]!.slice(6))) : found[0] === 'nps' ? n : 0;
      fields.current[first]?.focus();
      return;
    }
    setSaving(true);
    try {
      const result = await call('surveys.create', draftOf(values, ids));
      dataChanged(); // lists, trends, the customer's timeline, complaints and their badge
      if (result.complaint) setOpened(result.complaint);
      else {
        notify({ message: t('surveys.quick.saved') });
        onClose();
      }
    } catch (caught) {
      setFailure(caught as AppError); // call() throws the core's error value
    } finally {
      setSaving(false);
    }
  };

  const onFormKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
    }
  };
  const enterMovesOn = (index: number) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      advance(index);
    }
  };

  return (
    <Dialog open onClose={saving ? undefined : onClose} aria-labelledby="quick-survey-title" maxWidth="sm" fullWidth>
      <DialogTitle id="quick-survey-title" sx={{ overflowWrap: 'anywhere' }}>
        {t('surveys.quick.title', { customer: target.customer.name })}
      </DialogTitle>
      {opened ? (
        <>
          <DialogContent>
            <Stack spacing={2}>
              <Alert severity="success">{t('surveys.quick.saved')}</Alert>
              <ComplaintNotice complaint={opened} />
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose} autoFocus>
              {t('surveys.quick.close')}
            </Button>
          </DialogActions>
        </>
      ) : (
        <Box
          component="form"
          noValidate
          onKeyDown={onFormKey}
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <DialogContent sx={{ pt: 0 }}>
            <Stack spacing={2}>
              <Typography variant="body2" color="text.secondary">
                {t('surveys.quick.keys')}
              </Typography>
              {loadError ? <Alert severity="error">{errorMessage(t, loadError)}</Alert> : null}
              {dimensions === undefined && !loadError ? <CircularProgress aria-label={t('app.loading')} sx={{ alignSelf: 'center' }} /> : null}
              {dimensions ? (
                <ScoreInputs
                  dimensions={dimensions}
                  scores={values.scores}
                  onScore={(id, text) => setValues((v) => ({ ...v, scores: { ...v.scores, [id]: text } }))}
                  problems={shown}
                  fieldRef={fieldRef}
                  advance={advance}
                  autoFocus
                />
              ) : null}
              <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
                <TextField
                  label={t('surveys.field.nps')}
                  size="small"
                  value={values.nps}
                  inputRef={fieldRef(n)}
                  onChange={(e) => setValues((v) => ({ ...v, nps: e.target.value.trim() }))}
                  onKeyDown={enterMovesOn(n)}
                  error={shown.nps !== undefined}
                  helperText={shown.nps ? t(shown.nps) : t('surveys.field.npsHint')}
                  slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 2 } }}
                  sx={{ width: 230 }}
                />
                <TextField
                  select
                  label={t('surveys.field.channel')}
                  size="small"
                  value={values.channel}
                  inputRef={fieldRef(n + 1)}
                  onChange={(e) => setValues((v) => ({ ...v, channel: SURVEY_CHANNEL_LIST.find((c) => c === e.target.value) ?? v.channel }))}
                  onKeyDown={enterMovesOn(n + 1)}
                  slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
                  sx={{ width: 170 }}
                >
                  {SURVEY_CHANNEL_LIST.map((c) => (
                    <option key={c} value={c}>
                      {t(`surveys.channels.${c}`)}
                    </option>
                  ))}
                </TextField>
              </Stack>
              <TextField
                label={t('surveys.field.comment')}
                size="small"
                value={values.comment}
                inputRef={fieldRef(n + 2)}
                onChange={(e) => setValues((v) => ({ ...v, comment: e.target.value }))}
                slotProps={{ htmlInput: { maxLength: 5000 } }}
                fullWidth
              />
              {tried && shown.answers ? (
                <Alert severity="warning" role="alert">
                  {t(shown.answers)}
                </Alert>
              ) : null}
              {failure ? (
                <Alert severity={failure.code === 'VALIDATION' ? 'warning' : 'error'} role="alert">
                  {errorMessage(t, failure)}
                </Alert>
              ) : null}
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button
              onClick={() => {
                onClose();
                navigate({ name: 'surveyNew', customerId: target.customer.id, ...(target.recordId ? { recordId: target.recordId } : {}), ...(target.visitId ? { visitId: target.visitId } : {}) });
              }}
              disabled={saving}
              sx={{ mr: 'auto' }}
            >
              {t('surveys.quick.fullForm')}
            </Button>
            <Button onClick={onClose} disabled={saving}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" variant="contained" disabled={saving || dimensions === undefined} startIcon={saving ? <CircularProgress size={18} color="inherit" /> : undefined}>
              {saving ? t('common.saving') : t('common.save')}
            </Button>
          </DialogActions>
        </Box>
      )}
    </Dialog>
  );
}
