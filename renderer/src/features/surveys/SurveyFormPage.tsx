import { Alert, Box, Button, CircularProgress, Paper, Stack, TextField, Typography } from '@mui/material';
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SURVEY_COMMENT_MAX, type Survey } from '../../../../shared/api/surveys.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { canOwnCustomers } from '../../../../shared/roles.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged, useCoreQuery } from '../../app/query.ts';
import { navigate } from '../../app/router.ts';
import { CustomerPicker, type CustomerOption } from '../customers/CustomerPicker.tsx';
import { useUsers } from '../customers/use-users.ts';
import { localDateTimeText, parseLocalDateTime } from '../records/record-format.ts';
import { handOverOpenedComplaint } from './opened-complaints.ts';
import { ScoreInputs, type AskedDimension } from './ScoreInputs.tsx';
import { answersOf, draftOf, surveyProblems, SURVEY_CHANNEL_LIST, type SurveyValues } from './survey-values.ts';
import { useAskedDimensions } from './use-asked-dimensions.ts';

const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;
const SHRINK = { inputLabel: { shrink: true } } as const;

function Centered({ children }: { children: React.ReactNode }) {
  return <Box sx={{ display: 'grid', placeItems: 'center', p: 6 }}>{children}</Box>;
}

/** A new survey: of a customer, after one of its records or visits (their customer and staff member), or chosen here. */
export function NewSurveyPage({ customerId, recordId, visitId }: { customerId?: number; recordId?: number; visitId?: number }) {
  const { t } = useTranslation();
  const record = useCoreQuery('records.get', { id: recordId ?? 0 }, { enabled: recordId !== undefined });
  const visit = useCoreQuery('visits.get', { id: visitId ?? 0 }, { enabled: visitId !== undefined });
  const customer = useCoreQuery('customers.get', { id: customerId ?? 0 }, { enabled: customerId !== undefined && recordId === undefined && visitId === undefined });
  const [now] = useState(() => Date.now()); // "now" for a new survey is when the form opened
  const source = recordId !== undefined ? record : visitId !== undefined ? visit : customerId !== undefined ? customer : null;
  if (source?.error) return <Alert severity="error">{errorMessage(t, source.error)}</Alert>;
  if (source && source.data === undefined)
    return (
      <Centered>
        <CircularProgress aria-label={t('app.loading')} />
      </Centered>
    );
  const fixed: CustomerOption | null = record.data
    ? { id: record.data.customerId, name: record.data.customerName, code: record.data.customerCode }
    : visit.data
      ? { id: visit.data.customerId, name: visit.data.customerName, code: visit.data.customerCode }
      : customer.data
        ? { id: customer.data.id, name: customer.data.name, code: customer.data.code }
        : null;
  const initial: SurveyValues = {
    customer: fixed,
    recordId: recordId ?? null,
    visitId: visitId ?? null,
    at: now,
    staffId: undefined,
    channel: visitId !== undefined ? 'visit' : 'phone',
    scores: {},
    nps: '',
    comment: '',
  };
  return <SurveyForm original={null} initial={initial} customerFixed={fixed !== null} />;
}

export function EditSurveyPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const stored = useCoreQuery('surveys.get', { id }, { refetchOnMount: 'always' });
  const [first, setFirst] = useState<Survey | null>(null);
  if (first === null && stored.data && !stored.isFetching) setFirst(stored.data);
  if (first) return <SurveyForm original={first} initial={valuesOf(first)} customerFixed />;
  if (stored.error) return <Alert severity="error">{errorMessage(t, stored.error)}</Alert>;
  return (
    <Centered>
      <CircularProgress aria-label={t('app.loading')} />
    </Centered>
  );
}

function valuesOf(s: Survey): SurveyValues {
  return {
    customer: { id: s.customerId, name: s.customerName, code: s.customerCode },
    recordId: s.recordId,
    visitId: s.visitId,
    at: s.at,
    staffId: s.staffId,
    channel: s.channel,
    scores: Object.fromEntries(s.scores.map((x) => [x.dimensionId, String(x.score)])),
    nps: s.nps === null ? '' : String(s.nps),
    comment: s.comment,
  };
}

function SurveyForm({ original, initial, customerFixed }: { original: Survey | null; initial: SurveyValues; customerFixed: boolean }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const allUsers = useUsers();
  const { dimensions: asked, error: loadError } = useAskedDimensions();
  const [values, setValues] = useState(initial);
  const [atText, setAtText] = useState(() => localDateTimeText(initial.at));
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const fields = useRef<(HTMLElement | null)[]>([]);
  const fieldRef = (index: number) => (el: HTMLElement | null) => {
    fields.current[index] = el;
  };
  const advance = (index: number) => fields.current[index + 1]?.focus();

  // The dimensions asked now, and any retired since that this survey answered (kept as answered).
  const dimensions: AskedDimension[] = [...(asked ?? []), ...(original?.scores ?? []).filter((s) => s.retired).map((s) => ({ id: s.dimensionId, key: s.key, name: s.name }))];
  const ids = dimensions.map((d) => d.id);
  const problems = surveyProblems(values, ids);
  const atProblem = parseLocalDateTime(atText) === null ? t('validation.required') : undefined;
  const shown = tried ? problems : Object.fromEntries(Object.entries(problems).filter(([key]) => key !== 'answers' && key !== 'customer'));
  const users = allUsers.filter((u) => (u.active && canOwnCustomers(u.role)) || u.id === original?.staffId);
  const n = ids.length;

  const save = async () => {
    setTried(true);
    setFailure(null);
    if (saving || asked === undefined || Object.keys(problems).length > 0 || atProblem) return;
    setSaving(true);
    try {
      if (original) {
        const saved = await call('surveys.update', { id: original.id, version: original.version, recordId: values.recordId, visitId: values.visitId, at: values.at, staffId: values.staffId ?? null, channel: values.channel, ...answersOf(values, ids) });
        dataChanged();
        notify({ message: t('surveys.form.saved') });
        navigate({ name: 'survey', id: saved.id }, { replace: true });
      } else {
        const created = await call('surveys.create', draftOf(values, ids));
        dataChanged();
        if (created.complaint) handOverOpenedComplaint(created.survey.id, created.complaint);
        else notify({ message: t('surveys.form.created') });
        navigate({ name: 'survey', id: created.survey.id }, { replace: true });
      }
    } catch (caught) {
      setFailure(caught as AppError); // call() throws the core's error value
    } finally {
      setSaving(false);
    }
  };
  const leave = () => (original ? navigate({ name: 'survey', id: original.id }) : values.customer && customerFixed ? navigate({ name: 'customer', id: values.customer.id }) : navigate({ name: 'satisfaction' }));
  const enterMovesOn = (index: number) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      advance(index);
    }
  };

  return (
    <Box
      component="form"
      noValidate
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void save();
        }
      }}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      sx={{ maxWidth: 1100, mx: 'auto' }}
    >
      <Stack spacing={2.5}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <Typography variant="h5" component="h1" sx={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
            {original ? t('surveys.form.titleEdit') : t('surveys.form.titleNew')}
          </Typography>
          <Button onClick={leave} disabled={saving}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" disabled={saving} startIcon={saving ? <CircularProgress size={18} color="inherit" /> : undefined}>
            {saving ? t('common.saving') : t('common.save')}
          </Button>
        </Stack>
        {failure ? (
          <Alert severity={failure.code === 'VALIDATION' ? 'warning' : 'error'} role="alert">
            {failure.code === 'CONFLICT' && original ? t('surveys.form.conflictBody') : errorMessage(t, failure)}
          </Alert>
        ) : null}
        {tried && shown.answers ? (
          <Alert severity="warning" role="alert">
            {t(shown.answers)}
          </Alert>
        ) : null}
        {loadError ? <Alert severity="error">{errorMessage(t, loadError)}</Alert> : null}
        <Paper sx={{ p: 3 }}>
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, minmax(0, 1fr))', md: 'repeat(4, minmax(0, 1fr))' } }}>
            <CustomerPicker
              label={t('surveys.field.customer')}
              required
              value={values.customer}
              readOnly={customerFixed}
              onChange={(customer) => setValues((v) => ({ ...v, customer }))}
              error={shown.customer ? t(shown.customer) : undefined}
              sx={{ gridColumn: { sm: 'span 2' } }}
            />
            <TextField
              type="datetime-local"
              label={t('surveys.field.at')}
              required
              value={atText}
              onChange={(e) => {
                setAtText(e.target.value);
                const at = parseLocalDateTime(e.target.value);
                if (at !== null) setValues((v) => ({ ...v, at }));
              }}
              error={atProblem !== undefined}
              helperText={atProblem}
              slotProps={SHRINK}
            />
            <TextField
              select
              slotProps={NATIVE_SELECT}
              label={t('surveys.field.channel')}
              value={values.channel}
              onChange={(e) => setValues((v) => ({ ...v, channel: SURVEY_CHANNEL_LIST.find((c) => c === e.target.value) ?? v.channel }))}
            >
              {SURVEY_CHANNEL_LIST.map((c) => (
                <option key={c} value={c}>
                  {t(`surveys.channels.${c}`)}
                </option>
              ))}
            </TextField>
            <TextField
              select
              slotProps={NATIVE_SELECT}
              label={t('surveys.field.staff')}
              value={values.staffId === undefined ? 'default' : values.staffId === null ? '' : String(values.staffId)}
              onChange={(e) => setValues((v) => ({ ...v, staffId: e.target.value === 'default' ? undefined : e.target.value === '' ? null : Number(e.target.value) }))}
              sx={{ gridColumn: { sm: 'span 2' } }}
            >
              {original ? null : <option value="default">{t('surveys.form.staffDefault')}</option>}
              <option value="">{t('surveys.trends.noStaff')}</option>
              {users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.displayName || u.username}
                </option>
              ))}
            </TextField>
          </Box>
        </Paper>
        <Paper sx={{ p: 3 }} component="section" aria-labelledby="survey-form-scores">
          <Typography variant="h6" component="h2" id="survey-form-scores">
            {t('surveys.field.scores')}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {t('surveys.field.scoreHint')}
          </Typography>
          {asked === undefined && !loadError ? <CircularProgress aria-label={t('app.loading')} /> : null}
          {asked ? (
            <Box sx={{ maxWidth: 640 }}>
              <ScoreInputs dimensions={dimensions} scores={values.scores} onScore={(id, text) => setValues((v) => ({ ...v, scores: { ...v.scores, [id]: text } }))} problems={shown} fieldRef={fieldRef} advance={advance} />
            </Box>
          ) : null}
          <Stack spacing={2} sx={{ mt: 2, maxWidth: 640 }}>
            <TextField
              label={t('surveys.field.nps')}
              value={values.nps}
              inputRef={fieldRef(n)}
              onChange={(e) => setValues((v) => ({ ...v, nps: e.target.value.trim() }))}
              onKeyDown={enterMovesOn(n)}
              error={shown.nps !== undefined}
              helperText={shown.nps ? t(shown.nps) : t('surveys.field.npsHint')}
              slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 2 } }}
              sx={{ width: 240 }}
            />
            <TextField
              label={t('surveys.field.comment')}
              value={values.comment}
              inputRef={fieldRef(n + 1)}
              onChange={(e) => setValues((v) => ({ ...v, comment: e.target.value }))}
              multiline
              minRows={3}
              slotProps={{ htmlInput: { maxLength: SURVEY_COMMENT_MAX } }}
            />
          </Stack>
        </Paper>
      </Stack>
    </Box>
  );
}
