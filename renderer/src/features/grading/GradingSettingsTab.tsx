import { Alert, Box, Button, CircularProgress, FormControlLabel, Paper, Stack, Switch, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GradingSettings } from '../../../../shared/api/grading.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged, useCoreQuery } from '../../app/query.ts';
import { RulesEditor } from './RulesEditor.tsx';
import { checkSettings, settingsOf, valuesOf, type SettingsErrors, type SettingsValues } from './settings-values.ts';

/** The grading rules (the owner's): cut-offs, rules, currency, monthly proposals, and churn's k. */
export function GradingSettingsTab() {
  const { t } = useTranslation();
  const settings = useCoreQuery('grading.settings', {});
  const churn = useCoreQuery('churn.settings', {});
  const error = settings.error ?? churn.error;
  if (error) return <Alert severity="error">{errorMessage(t, error)}</Alert>;
  if (!settings.data || !churn.data)
    return (
      <Box sx={{ display: 'grid', placeItems: 'center', p: 4 }}>
        <CircularProgress aria-label={t('grading.loading')} />
      </Box>
    );
  return <SettingsForm stored={settings.data} k={churn.data.k} />;
}

function SettingsForm({ stored, k }: { stored: GradingSettings; k: number }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [values, setValues] = useState<SettingsValues>(() => valuesOf(stored, k));
  const [errors, setErrors] = useState<SettingsErrors>({});
  const [failure, setFailure] = useState<AppError | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (change: Partial<SettingsValues>) => setValues((v) => ({ ...v, ...change }));
  const message = (field: keyof SettingsErrors) => (errors[field] ? t(errors[field]) : undefined);
  const a = Number(values.a);
  const b = Number(values.b);
  const cShare = Number.isInteger(a) && Number.isInteger(b) && a + b < 100 ? String(100 - a - b) : '–';

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const found = checkSettings(values);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const next = settingsOf(values);
    setSaving(true);
    try {
      const saved = await call('grading.updateSettings', next.settings);
      const churn = next.k === k ? { k } : await call('churn.setSettings', { k: next.k });
      setValues(valuesOf(saved, churn.k));
      dataChanged();
      notify({ message: t('grading.saved') });
    } catch (caught) {
      setFailure(caught as AppError); // call() throws the core's error value
    } finally {
      setSaving(false);
    }
  };

  return (
    <Paper component="form" noValidate onSubmit={save} sx={{ p: 3, maxWidth: 1100 }} aria-labelledby="grading-settings-title">
      <Stack spacing={3}>
        <div>
          <Typography variant="h6" component="h2" id="grading-settings-title">
            {t('grading.settingsTitle')}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {t('grading.settingsIntro')}
          </Typography>
        </div>
        {failure ? <Alert severity="error">{errorMessage(t, failure)}</Alert> : null}
        <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }} role="group" aria-label={t('grading.cutoffs')}>
          <TextField size="small" sx={{ width: 210 }} label={t('grading.cutoffA')} value={values.a} onChange={(e) => set({ a: e.target.value })} error={errors.a !== undefined} helperText={message('a')} slotProps={{ htmlInput: { inputMode: 'numeric' }, input: { endAdornment: '%' } }} />
          <TextField size="small" sx={{ width: 210 }} label={t('grading.cutoffB')} value={values.b} onChange={(e) => set({ b: e.target.value })} error={errors.b !== undefined} helperText={message('b')} slotProps={{ htmlInput: { inputMode: 'numeric' }, input: { endAdornment: '%' } }} />
          <TextField size="small" sx={{ width: 150 }} label={t('grading.cutoffC')} value={cShare} disabled slotProps={{ input: { endAdornment: '%' } }} helperText={t('grading.cutoffCHelp')} />
          <TextField size="small" sx={{ width: 150 }} label={t('grading.currency')} value={values.currency} onChange={(e) => set({ currency: e.target.value })} error={errors.currency !== undefined} helperText={message('currency') ?? t('grading.currencyHelp')} />
        </Stack>
        <div>
          <Typography variant="subtitle1" component="h3">
            {t('grading.rules')}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
            {t('grading.rulesIntro')}
          </Typography>
          {errors.rules ? <Alert severity="error" sx={{ mb: 1 }}>{t(errors.rules)}</Alert> : null}
          <RulesEditor rules={values.rules} onChange={(rules) => set({ rules })} />
        </div>
        <FormControlLabel control={<Switch checked={values.monthly} onChange={(e) => set({ monthly: e.target.checked })} />} label={t('grading.monthly')} />
        <TextField size="small" sx={{ maxWidth: 520 }} label={t('churn.settings.k')} value={values.k} onChange={(e) => set({ k: e.target.value })} error={errors.k !== undefined} helperText={message('k') ?? t('churn.settings.kHelp')} slotProps={{ htmlInput: { inputMode: 'numeric' } }} />
        <Box>
          <Button type="submit" variant="contained" disabled={saving}>
            {saving ? t('common.saving') : t('common.save')}
          </Button>
        </Box>
      </Stack>
    </Paper>
  );
}
