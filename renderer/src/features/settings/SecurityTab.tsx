import { Alert, Box, Button, CircularProgress, FormControlLabel, Link, Paper, Stack, Switch, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Settings } from '../../../../shared/api/settings.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { invoke } from '../../api/client.ts';
import { errorMessage, logError } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { dataChanged, useCoreQuery } from '../../app/query.ts';
import { hrefOf } from '../../app/router.ts';
import { formatNumber } from '../../i18n/format.ts';
import { useSession } from '../../app/session.tsx';
import { useForm } from '../../app/use-form.ts';
import type { FieldErrors } from '../../app/validation.ts';
import { RekeySection } from './RekeySection.tsx';
import { AssignUnassignedDialog, type Unassigned } from './AssignUnassignedDialog.tsx';

/** The idle minutes are typed as text so a half-typed value can be shown and checked. */
type Values = { staffScope: boolean; maskContacts: boolean; idleLockMinutes: string };

// The attachment limit is not on this tab: it is left as it is.
function toSettings(values: Values): Omit<Settings, 'attachmentMaxMb'> {
  return { staffScope: values.staffScope, maskContacts: values.maskContacts, idleLockMinutes: Number(values.idleLockMinutes) };
}

function idleChecks(values: Values): FieldErrors {
  const text = values.idleLockMinutes.trim();
  return text === '' || !/^\d+$/.test(text) ? { idleLockMinutes: { message: 'wholeNumber' } } : {};
}

// The contract's schema, reading the typed minutes as a number (0..1440 whole minutes).
const schema = Settings.omit({ attachmentMaxMb: true }).extend({ idleLockMinutes: z.coerce.number().pipe(Settings.shape.idleLockMinutes) });

/** Settings → Security (owner): who sees what, when the app locks itself, and re-keying. */
export function SecurityTab() {
  const { t } = useTranslation();
  const notify = useNotify();
  const { session, updateSettings } = useSession();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const form = useForm<Values>(schema, { staffScope: false, maskContacts: false, idleLockMinutes: '10' }, idleChecks);
  const { values, reset } = form;
  // Customers nobody is responsible for, asked about when the staff scope is being turned on.
  const [unassigned, setUnassigned] = useState<Unassigned | null>(null);
  // The same while the scope is on (as saved): staff see none of these, so the owner is told and can assign them.
  const [assigning, setAssigning] = useState(false);
  const stored = useCoreQuery('settings.get', {});
  const unassignedNow = useCoreQuery('customers.unassigned', {}, { enabled: stored.data?.staffScope === true });
  const standing = stored.data?.staffScope && unassignedNow.data && unassignedNow.data.count > 0 ? unassignedNow.data : null;

  // The stored settings fill the form once; after that it holds what is typed until saved.
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    if (!stored.data || loaded) return;
    reset({ ...stored.data, idleLockMinutes: String(stored.data.idleLockMinutes) });
    setLoaded(true);
  }, [stored.data, loaded, reset]);

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setFailure(null);
    if (!form.check()) return;
    // Staff would lose sight of customers nobody is responsible for: say how many, offer to assign.
    if (values.staffScope && !session.settings.staffScope) {
      setSaving(true);
      const counted = await invoke('customers.unassigned', {}); // asked now, not from the cache: it decides what to ask
      setSaving(false);
      if (!counted.ok) {
        logError(counted.error);
        setFailure(counted.error);
        return;
      }
      if (counted.value.count > 0) {
        setUnassigned(counted.value);
        return;
      }
    }
    await store();
  };

  const store = async () => {
    setUnassigned(null);
    setSaving(true);
    const result = await invoke('settings.update', toSettings(values));
    setSaving(false);
    if (!result.ok) {
      logError(result.error);
      // Reasons the core names go onto their fields (or below the form); only an error about no field gets a banner.
      if (!form.applyFailure(result.error)) setFailure(result.error);
      return;
    }
    reset({ ...result.value, idleLockMinutes: String(result.value.idleLockMinutes) });
    updateSettings(result.value);
    dataChanged(); // lists follow the new scope and masking; the standing count is asked again
    notify({ message: t('security.saved') });
  };

  if (stored.error) return <Alert severity="error">{errorMessage(t, stored.error)}</Alert>;
  if (!loaded) {
    return (
      <Box sx={{ display: 'grid', placeItems: 'center', p: 4 }}>
        <CircularProgress aria-label={t('app.loading')} />
      </Box>
    );
  }

  return (
    <Stack spacing={2}>
      <Paper component="form" noValidate onSubmit={save} sx={{ p: 3 }}>
        <Typography variant="h6" component="h2">
          {t('security.accessTitle')}
        </Typography>
        <Stack spacing={1} sx={{ mt: 1 }}>
          <FormControlLabel
            control={<Switch checked={values.staffScope} onChange={(e) => form.setField('staffScope', e.target.checked)} />}
            label={t('security.staffScope')}
          />
          <Typography variant="body2" color="text.secondary" sx={{ pl: 6, mt: '-4px !important' }}>
            {t('security.staffScopeHelp')}
          </Typography>
          {standing && values.staffScope ? (
            <Alert
              severity="warning"
              action={
                <Button color="inherit" size="small" onClick={() => setAssigning(true)}>
                  {t('security.assign')}
                </Button>
              }
            >
              {t('security.unassignedStanding', { count: standing.count, formatted: formatNumber(standing.count) })}{' '}
              <Link href={hrefOf({ name: 'customers', query: 'owner=none' })}>{t('security.showUnassigned')}</Link>
            </Alert>
          ) : null}
          <FormControlLabel
            control={<Switch checked={values.maskContacts} onChange={(e) => form.setField('maskContacts', e.target.checked)} />}
            label={t('security.maskContacts')}
          />
          <Typography variant="body2" color="text.secondary" sx={{ pl: 6, mt: '-4px !important' }}>
            {t('security.maskContactsHelp')}
          </Typography>
          <TextField
            label={t('security.idleLockMinutes')}
            name="idleLockMinutes"
            type="number"
            value={values.idleLockMinutes}
            onChange={(e) => form.setField('idleLockMinutes', e.target.value)}
            error={form.error('idleLockMinutes') !== undefined}
            helperText={form.error('idleLockMinutes') ?? t('security.idleLockHelp')}
            slotProps={{ htmlInput: { min: 0, max: 1440, step: 1, inputMode: 'numeric' } }}
            sx={{ maxWidth: 360, mt: '16px !important' }}
          />
        </Stack>
        {form.otherErrors.map((message) => (
          <Alert key={message} severity="warning" role="alert" sx={{ mt: 2 }}>
            {message}
          </Alert>
        ))}
        {failure ? (
          <Alert severity={failure.code === 'VALIDATION' ? 'warning' : 'error'} role="alert" sx={{ mt: 2 }}>
            {errorMessage(t, failure)}
          </Alert>
        ) : null}
        <Box sx={{ mt: 2 }}>
          <Button type="submit" variant="contained" disabled={saving || !form.dirty} startIcon={saving ? <CircularProgress size={18} color="inherit" /> : undefined}>
            {saving ? t('common.saving') : t('common.save')}
          </Button>
        </Box>
      </Paper>
      {unassigned ? <AssignUnassignedDialog mode="turnOn" unassigned={unassigned} onCancel={() => setUnassigned(null)} onDone={() => void store()} /> : null}
      {assigning && standing ? (
        <AssignUnassignedDialog
          mode="assign"
          unassigned={standing}
          onCancel={() => setAssigning(false)}
          onDone={() => setAssigning(false)}
        />
      ) : null}
      <RekeySection />
    </Stack>
  );
}
