import { Alert, Box, Button, CircularProgress, CssBaseline, ThemeProvider } from '@mui/material';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../shared/api/auth.ts';
import type { AppError } from '../../../shared/errors.ts';
import { invoke, onUnauthenticated } from '../api/client.ts';
import { AppShell } from '../features/shell/AppShell.tsx';
import { RecoveryKeyPage } from '../features/setup/RecoveryKeyPage.tsx';
import { SetupPage } from '../features/setup/SetupPage.tsx';
import { SignInPage } from '../features/signin/SignInPage.tsx';
import { errorMessage, logError } from './errors.ts';
import { NotifyProvider } from './notify.tsx';
import { SessionContext, type SessionActions } from './session.tsx';
import { makeTheme } from './theme.ts';

type Phase =
  | { name: 'loading' }
  | { name: 'failed'; error: AppError }
  | { name: 'setup' }
  | { name: 'recoveryKey'; recoveryKey: string; session: SessionInfo; shopName: string; createdAt: number }
  | { name: 'signIn'; shopName: string | null; username: string }
  | { name: 'app'; session: SessionInfo };

export function App() {
  const { t, i18n } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ name: 'loading' });
  const language = i18n.language === 'zh-CN' ? 'zh-CN' : 'en-US';
  const theme = useMemo(() => makeTheme(language), [language]);

  const boot = useCallback(async () => {
    setPhase({ name: 'loading' });
    const status = await invoke('setup.status', {});
    if (!status.ok) {
      logError(status.error);
      setPhase({ name: 'failed', error: status.error });
      return;
    }
    if (!status.value.initialised) {
      setPhase({ name: 'setup' });
      return;
    }
    const session = await invoke('auth.session', {});
    if (!session.ok) {
      logError(session.error);
      setPhase({ name: 'failed', error: session.error });
      return;
    }
    setPhase(
      session.value
        ? { name: 'app', session: session.value }
        : { name: 'signIn', shopName: status.value.shopName, username: '' },
    );
  }, []);

  useEffect(() => {
    void boot();
  }, [boot]);

  // A session that ends behind our back (idle lock, restarted server) leads back to sign-in.
  useEffect(
    () =>
      onUnauthenticated(() =>
        setPhase((current) =>
          current.name === 'app'
            ? { name: 'signIn', shopName: current.session.shopName, username: current.session.user.username }
            : current,
        ),
      ),
    [],
  );

  const sessionActions = useMemo<SessionActions | null>(() => {
    if (phase.name !== 'app') return null;
    const { session } = phase;
    const end = async (keepUsername: boolean) => {
      const result = await invoke('auth.signOut', {});
      if (!result.ok) logError(result.error);
      setPhase({ name: 'signIn', shopName: session.shopName, username: keepUsername ? session.user.username : '' });
    };
    return { session, lock: () => end(true), signOut: () => end(false) };
  }, [phase]);

  let content: React.ReactNode;
  switch (phase.name) {
    case 'loading':
      content = (
        <Box sx={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
          <CircularProgress aria-label={t('app.loading')} />
        </Box>
      );
      break;
    case 'failed':
      content = (
        <Box sx={{ display: 'grid', placeItems: 'center', height: '100vh', p: 2 }}>
          <Alert
            severity="error"
            action={
              <Button color="inherit" onClick={() => void boot()}>
                {t('common.retry')}
              </Button>
            }
          >
            {t('app.startFailed')}: {errorMessage(t, phase.error)}
          </Alert>
        </Box>
      );
      break;
    case 'setup':
      content = (
        <SetupPage
          onCreated={({ recoveryKey, session }) =>
            setPhase({ name: 'recoveryKey', recoveryKey, session, shopName: session.shopName, createdAt: Date.now() })
          }
          onAlreadyInitialised={() => void boot()}
        />
      );
      break;
    case 'recoveryKey':
      content = (
        <RecoveryKeyPage
          recoveryKey={phase.recoveryKey}
          shopName={phase.shopName}
          createdAt={phase.createdAt}
          onContinue={() => {
            location.hash = '#/';
            setPhase({ name: 'app', session: phase.session });
          }}
        />
      );
      break;
    case 'signIn':
      content = (
        <SignInPage
          shopName={phase.shopName}
          initialUsername={phase.username}
          onSignedIn={(session) => setPhase({ name: 'app', session })}
        />
      );
      break;
    case 'app':
      content = sessionActions ? (
        <SessionContext.Provider value={sessionActions}>
          <AppShell />
        </SessionContext.Provider>
      ) : null;
      break;
  }

  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <NotifyProvider>{content}</NotifyProvider>
    </ThemeProvider>
  );
}
