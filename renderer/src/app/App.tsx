import { Alert, Box, Button, CircularProgress, CssBaseline, ThemeProvider } from '@mui/material';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../shared/api/auth.ts';
import type { AppError } from '../../../shared/errors.ts';
import { holdCalls, invoke, isDoorRefusal, launchTokenMissing, onDoorRefused, onPasswordChangeRequired, onUnauthenticated } from '../api/client.ts';
import { ForcedPasswordChangePage } from '../features/account/ForcedPasswordChangePage.tsx';
import { AppShell } from '../features/shell/AppShell.tsx';
import { RecoveryKeyPage } from '../features/setup/RecoveryKeyPage.tsx';
import { SetupPage } from '../features/setup/SetupPage.tsx';
import { LaunchAddressPage } from '../features/signin/LaunchAddressPage.tsx';
import { LockScreen } from '../features/signin/LockScreen.tsx';
import { SignInPage } from '../features/signin/SignInPage.tsx';
import { errorMessage, logError } from './errors.ts';
import { useIdleLock } from './idle-lock.ts';
import { NotifyProvider } from './notify.tsx';
import { SessionContext, type SessionActions } from './session.tsx';
import { resetAppState } from './reset.ts';
import { makeTheme } from './theme.ts';

type Phase =
  | { name: 'loading' }
  | { name: 'failed'; error: AppError }
  /** Browser mode without the address `clientele serve` printed (`staleToken`: one from an earlier start). */
  | { name: 'launchAddress'; staleToken: boolean }
  | { name: 'setup' }
  | { name: 'recoveryKey'; recoveryKey: string; session: SessionInfo; shopName: string; createdAt: number }
  /** `restoredAt`: a backup of that time was just restored; say so, and whose passwords now count. */
  | { name: 'signIn'; shopName: string | null; username: string; restoredAt?: number }
  /** Signed in with an initial or reset password: nothing else until the user has chosen their own. */
  | { name: 'changePassword'; session: SessionInfo }
  /** `locked`: signed out, the lock screen covers the app, which stays mounted with its state. */
  | { name: 'app'; session: SessionInfo; locked: boolean };

/** Where a fresh session leads: the app, or first the user's own password. */
function afterSignIn(session: SessionInfo): Phase {
  return session.user.mustChangePassword ? { name: 'changePassword', session } : { name: 'app', session, locked: false };
}

export function App() {
  const { t, i18n } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ name: 'loading' });
  const language = i18n.language === 'zh-CN' ? 'zh-CN' : 'en-US';
  const theme = useMemo(() => makeTheme(language), [language]);

  const boot = useCallback(async () => {
    setPhase({ name: 'loading' });
    if (launchTokenMissing()) {
      setPhase({ name: 'launchAddress', staleToken: false });
      return;
    }
    const status = await invoke('setup.status', {});
    if (!status.ok && isDoorRefusal(status.error)) {
      setPhase({ name: 'launchAddress', staleToken: true });
      return;
    }
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
    if (!session.value) {
      setPhase({ name: 'signIn', shopName: status.value.shopName, username: '' });
      return;
    }
    // Set-up's recovery key not yet acknowledged (the key screen was reloaded): show it again.
    const pending = await invoke('setup.pendingRecoveryKey', {});
    if (pending.ok && pending.value) {
      const { recoveryKey, createdAt } = pending.value;
      setPhase({ name: 'recoveryKey', recoveryKey, session: session.value, shopName: session.value.shopName, createdAt });
      return;
    }
    setPhase(afterSignIn(session.value));
  }, []);

  useEffect(() => {
    void boot();
  }, [boot]);

  // A session that ends behind our back (the core's idle expiry, a restart) locks the app: the
  // work on screen stays, and signing in again continues it.
  useEffect(
    () =>
      onUnauthenticated(() => {
        if (inAppRef.current) holdCalls(true);
        setPhase((current) => (current.name === 'app' && !current.locked ? { ...current, locked: true } : current));
      }),
    [],
  );

  // The server was started again (a new address): nothing on screen can reach it any more.
  useEffect(() => onDoorRefused(() => setPhase({ name: 'launchAddress', staleToken: true })), []);

  useEffect(
    () =>
      onPasswordChangeRequired(() =>
        setPhase((current) => (current.name === 'app' ? { name: 'changePassword', session: current.session } : current)),
      ),
    [],
  );

  // Calls are held only while the app is locked (see holdCalls); any other state holds none. The
  // unlock and switch-user paths release them first, deciding whether they go out.
  const lockedNow = phase.name === 'app' && phase.locked;
  const inAppRef = useRef(false);
  inAppRef.current = phase.name === 'app';
  useEffect(() => {
    if (!lockedNow) holdCalls(false, false);
  }, [lockedNow]);

  const lockNow = useCallback(async () => {
    holdCalls(true);
    setPhase((current) => (current.name === 'app' ? { ...current, locked: true } : current));
    const result = await invoke('auth.signOut', {});
    if (!result.ok && result.error.code !== 'UNAUTHENTICATED') logError(result.error);
  }, []);

  /** Ends the session and forgets everything of it: the next person starts from a clean app. */
  const leave = useCallback(async (shopName: string) => {
    const result = await invoke('auth.signOut', {});
    if (!result.ok && result.error.code !== 'UNAUTHENTICATED') logError(result.error);
    resetAppState();
    setPhase({ name: 'signIn', shopName, username: '' });
  }, []);

  const appSession = phase.name === 'app' ? phase.session : null;
  useIdleLock(
    phase.name === 'app' && !phase.locked,
    appSession?.settings.idleLockMinutes ?? 0,
    () => void lockNow(),
    () => void invoke('settings.get', {}), // any signed-in call tells the core the session is in use
  );

  const sessionActions = useMemo<SessionActions | null>(() => {
    if (!appSession) return null;
    const end = () => leave(appSession.shopName);
    return {
      session: appSession,
      lock: lockNow,
      signOut: end,
      switchUser: end,
      updateSession: (session) => setPhase((current) => (current.name === 'app' ? { ...current, session } : current)),
      updateSettings: (settings) =>
        setPhase((current) => (current.name === 'app' ? { ...current, session: { ...current.session, settings } } : current)),
      restored: (manifest) => {
        // The core has signed everyone out already; nothing of the old data's screens may stay.
        resetAppState();
        setPhase({ name: 'signIn', shopName: manifest.shopName, username: '', restoredAt: manifest.createdAt });
      },
    };
  }, [appSession, lockNow, leave]);

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
    case 'launchAddress':
      content = <LaunchAddressPage staleToken={phase.staleToken} />;
      break;
    case 'setup':
      content = (
        <SetupPage
          onCreated={({ recoveryKey, session }) =>
            setPhase({ name: 'recoveryKey', recoveryKey, session, shopName: session.shopName, createdAt: Date.now() })
          }
          onAlreadyInitialised={() => void boot()}
          onRestored={(manifest) => {
            resetAppState();
            setPhase({ name: 'signIn', shopName: manifest.shopName, username: '', restoredAt: manifest.createdAt });
          }}
        />
      );
      break;
    case 'recoveryKey':
      content = (
        <RecoveryKeyPage
          recoveryKey={phase.recoveryKey}
          shopName={phase.shopName}
          createdAt={phase.createdAt}
          onContinue={async () => {
            const result = await invoke('setup.acknowledgeRecoveryKey', {});
            if (!result.ok) logError(result.error);
            location.hash = '#/';
            setPhase(afterSignIn(phase.session));
          }}
        />
      );
      break;
    case 'signIn':
      content = (
        <SignInPage
          shopName={phase.shopName}
          initialUsername={phase.username}
          restoredAt={phase.restoredAt ?? null}
          onSignedIn={(session) => setPhase(afterSignIn(session))}
        />
      );
      break;
    case 'changePassword':
      content = (
        <ForcedPasswordChangePage
          session={phase.session}
          onChanged={(session) => setPhase({ name: 'app', session, locked: false })}
          onSignOut={() => void leave(phase.session.shopName)}
        />
      );
      break;
    case 'app': {
      const { session, locked } = phase;
      content = sessionActions ? (
        <SessionContext.Provider value={sessionActions}>
          {/* Hidden, not unmounted: nothing of the data shows while locked, and every form keeps its state. */}
          <div style={{ visibility: locked ? 'hidden' : 'visible' }}>
            <AppShell />
          </div>
          {locked ? (
            <LockScreen
              open
              shopName={session.shopName}
              username={session.user.username}
              displayName={session.user.displayName}
              onUnlocked={(fresh) => {
                // Same user: what the hidden screens asked for while locked goes out now.
                holdCalls(false, fresh.user.id === session.user.id);
                setPhase(fresh.user.mustChangePassword ? { name: 'changePassword', session: fresh } : { name: 'app', session: fresh, locked: false });
              }}
              onSwitchUser={() => {
                holdCalls(false, false);
                resetAppState();
                setPhase({ name: 'signIn', shopName: session.shopName, username: '' });
              }}
            />
          ) : null}
        </SessionContext.Provider>
      ) : null;
      break;
    }
  }

  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <NotifyProvider>{content}</NotifyProvider>
    </ThemeProvider>
  );
}
