import { Alert, Box, Button, CircularProgress, Paper, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../../shared/api/auth.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { invoke } from '../../api/client.ts';
import { errorMessage, logError } from '../../app/errors.ts';
import { LanguageSwitch } from '../shell/LanguageSwitch.tsx';
import { attemptsLeft, lockedUntil } from './lockout.ts';

type Props = { shopName: string | null; initialUsername: string; onSignedIn: (session: SessionInfo) => void };

export function SignInPage({ shopName, initialUsername, onSignedIn }: Props) {
  const { t } = useTranslation();
  const [username, setUsername] = useState(initialUsername);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [lockEnd, setLockEnd] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const passwordRef = useRef<HTMLInputElement>(null);

  // Tick once a second while locked out, so the countdown is live.
  useEffect(() => {
    if (lockEnd === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [lockEnd]);

  const remainingSeconds = lockEnd === null ? 0 : Math.max(0, Math.ceil((lockEnd - now) / 1000));
  const locked = remainingSeconds > 0;

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) return;
    setBusy(true);
    setFailure(null);
    const result = await invoke('auth.signIn', { username, password });
    setBusy(false);
    if (result.ok) {
      onSignedIn(result.value);
      return;
    }
    logError(result.error);
    setFailure(result.error);
    setPassword('');
    // Fields stay enabled while signing in (disabling a focused MUI field leaves it half-styled); put the caret back.
    requestAnimationFrame(() => passwordRef.current?.focus());
    if (result.error.code === 'LOCKED_OUT') {
      const at = Date.now();
      setNow(at);
      setLockEnd(lockedUntil(result.error.details, at));
    } else {
      setLockEnd(null);
    }
  };

  let message: React.ReactNode = null;
  if (failure?.code === 'BAD_PASSWORD') {
    const left = attemptsLeft(failure.details);
    message = (
      <Alert severity="error" role="alert">
        {t('errors.BAD_PASSWORD')}
        {left !== null ? ` ${t('signin.attemptsLeft', { count: left })}` : ''}
      </Alert>
    );
  } else if (failure?.code === 'LOCKED_OUT') {
    let text = t('errors.LOCKED_OUT');
    if (lockEnd !== null) {
      if (!locked) text = t('signin.lockedDone');
      else if (remainingSeconds >= 60) text = t('signin.lockedMinutes', { count: Math.ceil(remainingSeconds / 60) });
      else text = t('signin.lockedSeconds', { count: remainingSeconds });
    }
    message = (
      <Alert severity={locked || lockEnd === null ? 'error' : 'info'} role="alert">
        {text}
      </Alert>
    );
  } else if (failure) {
    message = (
      <Alert severity="error" role="alert">
        {errorMessage(t, failure)}
      </Alert>
    );
  }

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
          {message}
          <Button
            type="submit"
            variant="contained"
            size="large"
            disabled={busy || locked || !username.trim() || !password}
            startIcon={busy ? <CircularProgress size={18} color="inherit" /> : undefined}
          >
            {busy ? t('signin.signingIn') : t('signin.submit')}
          </Button>
        </Stack>
      </Paper>
    </Box>
  );
}
