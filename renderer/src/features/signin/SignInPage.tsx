import { Alert, Box, Button, CircularProgress, Link, Paper, Stack, TextField, Typography } from '@mui/material';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../../shared/api/auth.ts';
import { invoke } from '../../api/client.ts';
import { logError } from '../../app/errors.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { LanguageSwitch } from '../shell/LanguageSwitch.tsx';
import { RecoverPage } from './RecoverPage.tsx';
import { SignInFailure, useSignInFailure } from './SignInFailure.tsx';

type Props = {
  shopName: string | null;
  initialUsername: string;
  /** When a backup made at this time was just restored: passwords are those valid in it. */
  restoredAt?: number | null;
  onSignedIn: (session: SessionInfo) => void;
};

export function SignInPage({ shopName, initialUsername, restoredAt = null, onSignedIn }: Props) {
  const { t } = useTranslation();
  const [username, setUsername] = useState(initialUsername);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [recovering, setRecovering] = useState(false);
  const { failure, report, lockEnd, remainingSeconds, locked } = useSignInFailure(username);
  const passwordRef = useRef<HTMLInputElement>(null);

  if (recovering) {
    return <RecoverPage shopName={shopName} initialUsername={username} onRecovered={onSignedIn} onBack={() => setRecovering(false)} />;
  }

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) return;
    setBusy(true);
    report(null, username);
    const result = await invoke('auth.signIn', { username, password });
    setBusy(false);
    if (result.ok) {
      onSignedIn(result.value);
      return;
    }
    logError(result.error);
    report(result.error, username);
    setPassword('');
    // Fields stay enabled while signing in (disabling a focused MUI field leaves it half-styled); put the caret back.
    requestAnimationFrame(() => passwordRef.current?.focus());
  };

  return (
    <Box sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 2 }}>
      <Paper component="form" noValidate onSubmit={submit} sx={{ p: 4, width: '100%', maxWidth: 420 }} aria-labelledby="signin-title">
        <Stack spacing={2.5}>
          <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center' }}>
            <Box>
              <Typography id="signin-title" variant="h5" component="h1">
                {t('signin.title')}
              </Typography>
              <Typography color="text.secondary">{shopName ?? t('app.name')}</Typography>
            </Box>
            <LanguageSwitch />
          </Stack>
          {restoredAt !== null ? (
            <Alert severity="success" data-testid="restored-notice">
              {t('backup.restoredNotice', { date: formatDateTime(restoredAt) })}
            </Alert>
          ) : null}
          <TextField
            label={t('signin.username')}
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoFocus={!initialUsername}
            fullWidth
          />
          <TextField
            label={t('signin.password')}
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoFocus={Boolean(initialUsername)}
            inputRef={passwordRef}
            fullWidth
          />
          <SignInFailure failure={failure} lockEnd={lockEnd} remainingSeconds={remainingSeconds} />
          <Button
            type="submit"
            variant="contained"
            size="large"
            disabled={busy || locked || !username.trim() || !password}
            startIcon={busy ? <CircularProgress size={18} color="inherit" /> : undefined}
          >
            {busy ? t('signin.signingIn') : t('signin.submit')}
          </Button>
          <Link component="button" type="button" onClick={() => setRecovering(true)} sx={{ alignSelf: 'center' }}>
            {t('signin.forgot')}
          </Link>
        </Stack>
      </Paper>
    </Box>
  );
}
