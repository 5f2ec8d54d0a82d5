import { Alert, Box, Button, CircularProgress, Paper, Stack, TextField, Typography } from '@mui/material';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../../shared/api/contract.ts';
import type { SessionInfo } from '../../../../shared/api/auth.ts';
import { invoke } from '../../api/client.ts';
import { logError } from '../../app/errors.ts';
import { monospace } from '../../app/theme.ts';
import { useForm } from '../../app/use-form.ts';
import { confirmCheck, NewPasswordFields } from '../account/NewPasswordFields.tsx';
import { LanguageSwitch } from '../shell/LanguageSwitch.tsx';
import { SignInFailure, useSignInFailure } from './SignInFailure.tsx';

type Values = { username: string; recoveryKey: string; newPassword: string; confirmPassword: string };

const schema = contract['auth.recover'].input;
// The core refuses a new password containing the owner's user name: say so as it is typed.
const matches = confirmCheck<Values>('newPassword', 'confirmPassword', (values) => values.username);

type Props = { shopName: string | null; initialUsername: string; onRecovered: (session: SessionInfo) => void; onBack: () => void };

/**
 * "Forgot the owner password": the recovery key printed at set-up sets a new owner password. The
 * key is sent as typed; the core accepts any case, spaces and dashes (and O/0, I/L/1 mix-ups).
 */
const RECOVERY_KEY_SUBJECT = '#recovery';

export function RecoverPage({ shopName, initialUsername, onRecovered, onBack }: Props) {
  const { t } = useTranslation();
  const form = useForm<Values>(schema, { username: initialUsername, recoveryKey: '', newPassword: '', confirmPassword: '' }, matches);
  const [busy, setBusy] = useState(false);
  // Wrong recovery keys lock the recovery key itself, whatever user name is typed.
  const { failure, report, lockEnd, remainingSeconds, locked } = useSignInFailure(RECOVERY_KEY_SUBJECT);
  const { values } = form;

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    report(null, RECOVERY_KEY_SUBJECT);
    if (!form.check()) return;
    setBusy(true);
    const result = await invoke('auth.recover', { username: values.username, recoveryKey: values.recoveryKey, newPassword: values.newPassword });
    setBusy(false);
    if (result.ok) {
      onRecovered(result.value);
      return;
    }
    logError(result.error);
    // A reason the core names (a common password) goes onto its field; anything else is said below.
    if (form.applyFailure(result.error)) return;
    report(result.error, RECOVERY_KEY_SUBJECT);
  };

  return (
    <Box sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 2 }}>
      <Paper component="form" noValidate onSubmit={submit} sx={{ p: 4, width: '100%', maxWidth: 480 }} aria-labelledby="recover-title">
        <Stack spacing={2.5}>
          <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center' }}>
            <Box>
              <Typography id="recover-title" variant="h5" component="h1">
                {t('recover.title')}
              </Typography>
              <Typography color="text.secondary">{shopName ?? t('app.name')}</Typography>
            </Box>
            <LanguageSwitch color="primary" />
          </Stack>
          <Typography color="text.secondary">{t('recover.intro')}</Typography>
          <TextField
            label={t('recover.username')}
            name="username"
            autoComplete="username"
            value={values.username}
            onChange={(e) => form.setField('username', e.target.value)}
            error={form.error('username') !== undefined}
            helperText={form.error('username')}
            autoFocus={!initialUsername}
            fullWidth
          />
          <TextField
            label={t('recover.recoveryKey')}
            name="recoveryKey"
            autoComplete="off"
            value={values.recoveryKey}
            onChange={(e) => form.setField('recoveryKey', e.target.value)}
            error={form.error('recoveryKey') !== undefined}
            helperText={form.error('recoveryKey') ?? t('recover.recoveryKeyHint')}
            autoFocus={Boolean(initialUsername)}
            slotProps={{ htmlInput: { spellCheck: false, autoCapitalize: 'characters', style: { fontFamily: monospace } } }}
            fullWidth
          />
          <NewPasswordFields
            name="newPassword"
            value={values.newPassword}
            confirm={values.confirmPassword}
            onChange={(v) => form.setField('newPassword', v)}
            onConfirmChange={(v) => form.setField('confirmPassword', v)}
            error={form.error('newPassword')}
            confirmError={form.error('confirmPassword')}
            readOnly={busy}
          />
          {form.otherErrors.map((message) => (
            <Alert key={message} severity="warning" role="alert">
              {message}
            </Alert>
          ))}
          <SignInFailure failure={failure} lockEnd={lockEnd} remainingSeconds={remainingSeconds} badPasswordText={t('recover.badKey')} />
          <Stack direction="row" spacing={1} sx={{ justifyContent: 'space-between' }}>
            <Button startIcon={<ArrowBackIcon />} onClick={onBack}>
              {t('recover.back')}
            </Button>
            <Button
              type="submit"
              variant="contained"
              disabled={busy || locked}
              startIcon={busy ? <CircularProgress size={18} color="inherit" /> : undefined}
            >
              {t('recover.submit')}
            </Button>
          </Stack>
        </Stack>
      </Paper>
    </Box>
  );
}
