import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, FormControl, FormControlLabel, FormLabel, Radio, RadioGroup, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { VISIT_OUTCOME_MAX, VisitRecord, type Visit, type VisitRecordInput } from '../../../../shared/api/visits.ts';
import { detailsOf, fieldIssuesOf } from '../../../../shared/error-details.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged } from '../../app/query.ts';
import { useForm } from '../../app/use-form.ts';

const CHANNELS = ['visit', 'phone', 'meeting', 'wechat', 'email', 'other'] as const;
const PHASES = ['presale', 'insale', 'aftersale'] as const;
const SERVICE_KINDS = ['installation', 'repair', 'maintenance', 'consultation', 'training', 'other'] as const;
const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;


type RecordValues = {
  kind: 'communication' | 'service';
  channel: (typeof CHANNELS)[number];
  agreements: string;
  followUpOn: string | null;
  phase: (typeof PHASES)[number];
  serviceKind: (typeof SERVICE_KINDS)[number];
  durationMinutes: number | null;
  result: string;
  status: 'open' | 'done';
};
type Values = { outcome: string; record: RecordValues };

/** Only the chosen kind's fields go to the core (the other kind's would be refused). */
function recordOf(r: RecordValues): VisitRecordInput {
  return r.kind === 'communication'
    ? { kind: 'communication', channel: r.channel, agreements: r.agreements, followUpOn: r.followUpOn }
    : { kind: 'service', phase: r.phase, serviceKind: r.serviceKind, durationMinutes: r.durationMinutes, result: r.result, status: r.status };
}

/**
 * The record's own checks (the core's insertRecord) name its fields as a record has them
 * (`followUpOn`); the dialog holds them under `record.`, where they are shown.
 */
function underRecord(error: AppError): AppError {
  const issues = fieldIssuesOf(error);
  if (issues.length === 0) return error;
  const moved = issues.map((issue) => (issue.path.length > 0 && issue.path[0] !== 'outcome' && issue.path[0] !== 'record' ? { ...issue, path: ['record', ...issue.path] } : issue));
  return { ...error, details: moved } as AppError; // the same field issues, under the dialog's paths
}

/** What the dialog checks: the outcome and the record of the chosen kind, as visits.complete takes them. */
const CompleteSchema = z.object({
  outcome: z.string().trim().min(1).max(VISIT_OUTCOME_MAX),
  record: z.preprocess((r) => recordOf(r as RecordValues), VisitRecord), // the form's own record values
});

/**
 * "Complete": asks what came of the visit and which record to create (a communication by default,
 * a visit being one), then does both in one step (visits.complete).
 */
export function CompleteVisitDialog({ visit: v, onClose, onCompleted }: { visit: Visit; onClose: () => void; onCompleted: (recordId: number) => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const initial: Values = {
    outcome: '',
    record: { kind: 'communication', channel: 'visit', agreements: '', followUpOn: null, phase: 'aftersale', serviceKind: 'maintenance', durationMinutes: v.durationMinutes, result: '', status: 'done' },
  };
  const form = useForm<Values>(CompleteSchema, initial);
  const { values, update, error } = form;
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [stale, setStale] = useState(false);
  const record = values.record;
  const setRecord = <K extends keyof RecordValues>(key: K, value: RecordValues[K]) => update((prev) => ({ ...prev, record: { ...prev.record, [key]: value } }), `record.${key}`);

  const confirm = async () => {
    setFailure(null);
    setStale(false);
    if (!form.check()) return;
    setBusy(true);
    try {
      const done = await call('visits.complete', { id: v.id, version: v.version, outcome: values.outcome, record: recordOf(values.record) });
      dataChanged();
      notify({ message: t('visitComplete.completed', { name: v.customerName }) });
      onCompleted(done.recordId);
    } catch (caught) {
      const failed = caught as AppError; // call() throws the core's error value
      const conflict = detailsOf(failed, 'CONFLICT');
      if (conflict && 'reason' in conflict && conflict.reason === 'completed') {
        dataChanged();
        notify({ message: t('visitComplete.alreadyCompleted'), severity: 'warning' });
        onClose();
      } else if (failed.code === 'CONFLICT') {
        // Someone changed the visit meanwhile: the page reloads it, and trying again uses the stored version.
        dataChanged();
        setStale(true);
      } else if (!form.applyFailure(underRecord(failed))) {
        setFailure(failed);
      }
    } finally {
      setBusy(false);
    }
  };

  const field = (key: 'agreements' | 'result', label: string) => (
    <TextField label={label} value={record[key]} onChange={(e) => setRecord(key, e.target.value)} error={error(`record.${key}`) !== undefined} helperText={error(`record.${key}`)} multiline minRows={2} fullWidth />
  );
  const select = <K extends 'channel' | 'phase' | 'serviceKind' | 'status'>(key: K, label: string, options: readonly RecordValues[K][], word: (option: string) => string) => (
    <TextField select slotProps={NATIVE_SELECT} label={label} value={record[key]} onChange={(e) => setRecord(key, e.target.value as RecordValues[K])} /* the options are the closed list */>
      {options.map((o: string) => (
        <option key={o} value={o}>
          {word(o)}
        </option>
      ))}
    </TextField>
  );

  return (
    <Dialog open onClose={onClose} aria-labelledby="complete-visit-title" fullWidth maxWidth="sm">
      <DialogTitle id="complete-visit-title" sx={{ overflowWrap: 'anywhere' }}>
        {t('visitComplete.title', { name: v.customerName })}
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          <TextField
            label={t('visitComplete.outcome')}
            value={values.outcome}
            onChange={(e) => form.setField('outcome', e.target.value)}
            error={error('outcome') !== undefined}
            helperText={error('outcome') ?? t('visitComplete.outcomeHint')}
            required
            multiline
            minRows={3}
            autoFocus
            slotProps={{ htmlInput: { maxLength: VISIT_OUTCOME_MAX } }}
          />
          <FormControl>
            <FormLabel id="complete-kind-label">{t('visitComplete.recordKind')}</FormLabel>
            <RadioGroup row aria-labelledby="complete-kind-label" value={record.kind} onChange={(e) => setRecord('kind', e.target.value as RecordValues['kind'])} /* the two radios below */>
              <FormControlLabel value="communication" control={<Radio />} label={t('visitComplete.kinds.communication')} />
              <FormControlLabel value="service" control={<Radio />} label={t('visitComplete.kinds.service')} />
            </RadioGroup>
          </FormControl>
          {record.kind === 'communication' ? (
            <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { sm: '1fr 1fr' } }}>
              {select('channel', t('visitComplete.channel'), CHANNELS, (o) => t(`visitComplete.channels.${o}`))}
              <TextField
                type="date"
                label={t('visitComplete.followUpOn')}
                value={record.followUpOn ?? ''}
                onChange={(e) => setRecord('followUpOn', e.target.value || null)}
                error={error('record.followUpOn') !== undefined}
                helperText={error('record.followUpOn')}
                slotProps={{ inputLabel: { shrink: true } }}
              />
              <Box sx={{ gridColumn: '1 / -1' }}>{field('agreements', t('visitComplete.agreements'))}</Box>
            </Box>
          ) : (
            <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { sm: '1fr 1fr' } }}>
              {select('phase', t('visitComplete.phase'), PHASES, (o) => t(`visitComplete.phases.${o}`))}
              {select('serviceKind', t('visitComplete.serviceKind'), SERVICE_KINDS, (o) => t(`visitComplete.serviceKinds.${o}`))}
              <TextField
                type="number"
                label={t('visitComplete.duration')}
                value={record.durationMinutes ?? ''}
                onChange={(e) => setRecord('durationMinutes', e.target.value === '' ? null : Number(e.target.value))}
                error={error('record.durationMinutes') !== undefined}
                helperText={error('record.durationMinutes')}
                slotProps={{ htmlInput: { min: 0, step: 15 } }}
              />
              {select('status', t('visitComplete.recordStatus'), ['done', 'open'], (o) => t(`visitComplete.recordStatuses.${o}`))}
              <Box sx={{ gridColumn: '1 / -1' }}>{field('result', t('visitComplete.result'))}</Box>
            </Box>
          )}
          {form.otherErrors.map((message) => (
            <Alert key={message} severity="warning">
              {message}
            </Alert>
          ))}
          {stale ? <Alert severity="warning">{t('visits.stale')}</Alert> : null}
          {failure ? <Alert severity="error">{errorMessage(t, failure)}</Alert> : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" color="success" onClick={() => void confirm()} disabled={busy}>
          {t('visitComplete.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
