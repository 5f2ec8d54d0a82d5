import { Alert, Box, Button, CircularProgress, FormControlLabel, Paper, Stack, Switch, TextField, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/errors.ts';
import { invoke } from '../../api/client.ts';
import { errorMessage, logError } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { dataChanged, useCoreQuery } from '../../app/query.ts';
import { focusFirstInvalid } from '../../app/use-form.ts';
import { serverFieldErrors, issueMessage, type FieldErrors } from '../../app/validation.ts';
import { PathField } from './PathField.tsx';

/** Typed as text, so a half-typed number can be shown and checked. */
type Values = { daily: boolean; dailyTime: string; secondFolder: string; reminderDays: string };

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** The fields this form shows: a reason the core gives for any other path goes into the banner. */
const SHOWN: readonly string[] = ['dailyTime', 'secondFolder', 'reminderDays'];

function check(values: Values): FieldErrors {
  const errors: FieldErrors = {};
  if (values.daily && !TIME.test(values.dailyTime)) errors.dailyTime = { message: 'invalidTime' };
  const days = values.reminderDays.trim();
  if (!/^\d+$/.test(days)) errors.reminderDays = { message: 'wholeNumber' };
  else if (Number(days) < 1) errors.reminderDays = { code: 'too_small', origin: 'number', minimum: 1 };
  else if (Number(days) > 365) errors.reminderDays = { code: 'too_big', origin: 'number', maximum: 365 };
  return errors;
}

/** Settings → Backup → Automatic backups: daily time, second folder, reminder; rotation explained. */
export function AutoBackupSection() {
  const { t } = useTranslation();
  const notify = useNotify();
  const [values, setValues] = useState<Values | null>(null);
  const [saved, setSaved] = useState<Values | null>(null);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  // After a refused save, focus goes to the first field with a problem (once it is rendered as such).
  const formRef = useRef<HTMLFormElement>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  useEffect(() => {
    if (focusRequest > 0 && formRef.current) focusFirstInvalid(formRef.current);
  }, [focusRequest]);

  // The stored settings fill the form once; after that it holds what is typed until saved.
  const stored = useCoreQuery('backup.getSettings', {});
  const loadError = stored.error;
  useEffect(() => {
    if (!stored.data || saved !== null) return;
    const s = stored.data;
    const next = { daily: s.dailyTime !== '', dailyTime: s.dailyTime || '20:00', secondFolder: s.secondFolder, reminderDays: String(s.reminderDays) };
    setValues(next);
    setSaved(next);
  }, [stored.data, saved]);

  if (loadError) return <Alert severity="error">{errorMessage(t, loadError)}</Alert>;
  if (!values) return <CircularProgress aria-label={t('app.loading')} />;

  const errors = check(values);
  const problem = (field: keyof Values): string | undefined => {
    const issue = serverErrors[field] ?? (tried ? errors[field] : undefined);
    if (!issue) return undefined;
    return issue.message === 'invalidTime' ? t('backup.auto.invalidTime') : issueMessage(t, issue);
  };
  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues({ ...values, [key]: value });
    setServerErrors((prev) => {
      const next = { ...prev };
      delete next[key];
      return next;
    });
  };
  const dirty = JSON.stringify(values) !== JSON.stringify(saved);

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setTried(true);
    setFailure(null);
    if (Object.keys(errors).length > 0) {
      setFocusRequest((n) => n + 1);
      return;
    }
    setSaving(true);
    const result = await invoke('backup.updateSettings', {
      dailyTime: values.daily ? values.dailyTime : '',
      secondFolder: values.secondFolder.trim(),
      reminderDays: Number(values.reminderDays),
    });
    setSaving(false);
    if (!result.ok) {
      logError(result.error);
      const named = serverFieldErrors(result.error);
      setServerErrors(named);
      const paths = Object.keys(named);
      if (paths.some((path) => SHOWN.includes(path))) setFocusRequest((n) => n + 1);
      // The banner only when some reason has no field here to sit on (or the error names none).
      if (paths.length === 0 || !paths.every((path) => SHOWN.includes(path))) setFailure(result.error);
      return;
    }
    const s = result.value;
    const next = { daily: s.dailyTime !== '', dailyTime: s.dailyTime || values.dailyTime, secondFolder: s.secondFolder, reminderDays: String(s.reminderDays) };
    setValues(next);
    setSaved(next);
    setTried(false);
    dataChanged(); // the reminder follows a changed number of days
    notify({ message: t('backup.auto.saved') });
  };

  return (
    <Paper component="form" ref={formRef} noValidate onSubmit={save} sx={{ p: 3 }} aria-labelledby="auto-backup-title">
      <Typography id="auto-backup-title" variant="h6" component="h2">
        {t('backup.auto.title')}
      </Typography>
      <Typography color="text.secondary" sx={{ mt: 1 }}>
        {t('backup.auto.intro')}
      </Typography>
      <Stack spacing={2} sx={{ mt: 2 }}>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
          <FormControlLabel control={<Switch checked={values.daily} onChange={(e) => set('daily', e.target.checked)} />} label={t('backup.auto.daily')} />
          <TextField
            label={t('backup.auto.dailyTime')}
            name="dailyTime"
            type="time"
            value={values.dailyTime}
            onChange={(e) => set('dailyTime', e.target.value)}
            disabled={!values.daily}
            error={problem('dailyTime') !== undefined}
            helperText={problem('dailyTime')}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { step: 60 } }}
            sx={{ width: 180 }}
          />
        </Stack>
        <PathField
          kind="folder"
          name="secondFolder"
          label={t('backup.auto.secondFolder')}
          value={values.secondFolder}
          onChange={(value) => set('secondFolder', value)}
          helperText={t('backup.auto.secondFolderHelp')}
          error={problem('secondFolder')}
        />
        <TextField
          label={t('backup.auto.reminderDays')}
          name="reminderDays"
          type="number"
          value={values.reminderDays}
          onChange={(e) => set('reminderDays', e.target.value)}
          error={problem('reminderDays') !== undefined}
          helperText={problem('reminderDays') ?? t('backup.auto.reminderHelp')}
          slotProps={{ htmlInput: { min: 1, max: 365, step: 1, inputMode: 'numeric' } }}
          sx={{ maxWidth: 360 }}
        />
      </Stack>
      {failure ? (
        <Alert severity={failure.code === 'VALIDATION' ? 'warning' : 'error'} role="alert" sx={{ mt: 2 }}>
          {errorMessage(t, failure)}
        </Alert>
      ) : null}
      <Box sx={{ mt: 2 }}>
        <Button type="submit" variant="contained" disabled={saving || !dirty} startIcon={saving ? <CircularProgress size={18} color="inherit" /> : undefined}>
          {saving ? t('common.saving') : t('common.save')}
        </Button>
      </Box>
    </Paper>
  );
}
