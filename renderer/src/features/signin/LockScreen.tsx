import { Box, Button, CircularProgress, Dialog, Link, Paper, Stack, TextField, Typography } from '@mui/material';
import LockIcon from '@mui/icons-material/Lock';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../../shared/api/auth.ts';
import { invoke } from '../../api/client.ts';
import { logError } from '../../app/errors.ts';
import { LanguageSwitch } from '../shell/LanguageSwitch.tsx';
import { SignInFailure, useSignInFailure } from './SignInFailure.tsx';

type Props = {
  open: boolean;
  shopName: string;
  username: string;
  displayName: string;
  onUnlocked: (session: SessionInfo) => void;
  onSwitchUser: () => void;
};

/**
 * Covers the app while it is locked. The app stays mounted underneath (open forms keep what was
 * typed); the cover is an opaque modal, so nothing of the data shows and nothing under it can be
 * reached, and as the topmost modal it takes focus from any dialog that was open.
 */
export function LockScreen({ open, shopName, username, displayName, onUnlocked, onSwitchUser }: Props) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const { failure, report, lockEnd, remainingSeconds, locked } = useSignInFailure(username);
  const passwordRef = useRef<HTMLInputElement>(null);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!password) return;
    setBusy(true);
    report(null, username);
    const result = await invoke('auth.signIn', { username, password });
    setBusy(false);
    setPassword('');
    if (result.ok) {
      onUnlocked(result.value);
      return;
    }
    logError(result.error);
    report(result.error, username);
    requestAnimationFrame(() => passwordRef.current?.focus());
  };

  return (
    <Dialog
      open={open}
      fullScreen
      aria-labelledby="lock-title"
      slotProps={{ paper: { sx: { bgcolor: 'background.default', backgroundImage: 'none' } } }}
      sx={{ zIndex: (theme) => theme.zIndex.tooltip + 1 }}
    >
      <Box sx={{ minHeight: '100%', display: 'grid', placeItems: 'center', p: 2 }}>
        <Paper component="form" noValidate onSubmit={submit} sx={{ p: 4, width: '100%', maxWidth: 420 }}>
          <Stack spacing={2.5}>
            <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center' }}>
              <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
                <LockIcon color="primary" />
                <Box>
                  <Typography id="lock-title" variant="h5" component="h1">
                    {t('lock.title')}
                  </Typography>
                  <Typography color="text.secondary">{shopName}</Typography>
                </Box>
              </Stack>
              <LanguageSwitch color="primary" />
            </Stack>
            <Typography>{t('lock.body', { name: displayName || username })}</Typography>
            <TextField label={t('signin.username')} name="username" value={username} slotProps={{ htmlInput: { readOnly: true } }} fullWidth />
            <TextField
              label={t('signin.password')}
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              inputRef={passwordRef}
              autoFocus
              fullWidth
            />
            <SignInFailure failure={failure} lockEnd={lockEnd} remainingSeconds={remainingSeconds} />
            <Button
              type="submit"
              variant="contained"
              size="large"
              disabled={busy || locked || !password}
              startIcon={busy ? <CircularProgress size={18} color="inherit" /> : undefined}
            >
              {busy ? t('signin.signingIn') : t('lock.unlock')}
            </Button>
            <Link component="button" type="button" onClick={onSwitchUser} sx={{ alignSelf: 'center' }}>
              {t('lock.switchUser')}
            </Link>
          </Stack>
        </Paper>
      </Box>
    </Dialog>
  );
}
