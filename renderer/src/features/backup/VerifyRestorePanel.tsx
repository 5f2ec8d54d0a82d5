import {
  Alert,
  AlertTitle,
  Box,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  LinearProgress,
  Stack,
  Typography,
} from '@mui/material';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import RestoreIcon from '@mui/icons-material/Restore';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupManifest } from '../../../../shared/api/backup.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { invoke, subscribeProgress } from '../../api/client.ts';
import { logError } from '../../app/errors.ts';
import { formatDateTime, formatNumber } from '../../i18n/format.ts';
import { backupErrorMessage } from './backup-format.ts';
import { CredentialsFields, EMPTY_CREDENTIALS, toCredentials, type BackupCredentials, type CredentialValues } from './CredentialsFields.tsx';
import { ManifestView, type VerifyResult } from './ManifestView.tsx';
import { PathField } from './PathField.tsx';

type Intent = 'verify' | 'restore';

type State =
  | { step: 'form' }
  | { step: 'verifying'; intent: Intent }
  | { step: 'verified'; intent: Intent; result: VerifyResult; file: string; credentials: BackupCredentials }
  | { step: 'confirm'; result: VerifyResult; file: string; credentials: BackupCredentials }
  | { step: 'restoring'; result: VerifyResult; done: number; total: number }
  | { step: 'failed'; error: AppError; operation: 'verify' | 'restore' };

/** A request from elsewhere (the backup list) to check or restore one file. */
export type PanelRequest = { file: string; intent: Intent; key: number };

type Props = {
  /** 'settings': the signed-in owner (backup.*); 'setup': the first-run screen of a new PC (setup.*). */
  mode: 'settings' | 'setup';
  request?: PanelRequest | null;
  onRestored: (manifest: BackupManifest) => void;
};

/**
 * Verify a backup (touches nothing here) and restore it: always verify first, show what it holds
 * beside what is here now, confirm, then restore.
 */
export function VerifyRestorePanel({ mode, request, onRestored }: Props) {
  const { t } = useTranslation();
  const [file, setFile] = useState('');
  const [credentials, setCredentials] = useState<CredentialValues>(EMPTY_CREDENTIALS);
  const [state, setState] = useState<State>({ step: 'form' });
  const panelRef = useRef<HTMLDivElement>(null);
  const busy = state.step === 'verifying' || state.step === 'restoring';

  useEffect(() => {
    if (!request) return;
    setFile(request.file);
    setState({ step: 'form' });
    panelRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    panelRef.current?.querySelector<HTMLInputElement>('input[name="backupUsername"], input[name="recoveryKey"]')?.focus();
  }, [request]);

  const creds = toCredentials(credentials);
  const ready = file.trim() !== '' && creds !== null;

  const verify = async (intent: Intent) => {
    if (!creds) return;
    const target = file.trim();
    setState({ step: 'verifying', intent });
    const input = { file: target, credentials: creds };
    const result = mode === 'settings' ? await invoke('backup.verify', input) : await invoke('setup.verifyBackup', input);
    if (!result.ok) {
      logError(result.error);
      setState({ step: 'failed', error: result.error, operation: 'verify' });
      return;
    }
    setState({ step: 'verified', intent, result: result.value, file: target, credentials: creds });
  };

  const restore = async (verified: Extract<State, { step: 'confirm' }>) => {
    setState({ step: 'restoring', result: verified.result, done: 0, total: 0 });
    const progress = subscribeProgress((event) => {
      if (event.job !== 'restore') return;
      setState((current) => (current.step === 'restoring' ? { ...current, done: event.done, total: event.total } : current));
    });
    await progress.ready;
    const input = { file: verified.file, credentials: verified.credentials };
    const result = mode === 'settings' ? await invoke('backup.restore', input) : await invoke('setup.restore', input);
    progress.close();
    if (!result.ok) {
      logError(result.error);
      setState({ step: 'failed', error: result.error, operation: 'restore' });
      return;
    }
    onRestored(result.value.manifest);
  };

  const edit = <T,>(setter: (value: T) => void) => (value: T) => {
    setter(value);
    if (state.step === 'verified' || state.step === 'failed') setState({ step: 'form' });
  };

  const verified = state.step === 'verified' || state.step === 'confirm' || state.step === 'restoring' ? state.result : null;
  const restoreFirst = mode === 'setup' || (state.step === 'verified' && state.intent === 'restore');
  const percent = state.step === 'restoring' && state.total > 0 ? Math.min(100, (state.done / state.total) * 100) : null;

  return (
    <Stack spacing={2} ref={panelRef}>
      <PathField
        kind="file"
        name="backupFile"
        label={t('backup.file')}
        value={file}
        onChange={edit(setFile)}
        helperText={window.clientele?.pickFile ? t('backup.fileHelpElectron') : t('backup.fileHelp')}
        disabled={busy}
      />
      <CredentialsFields values={credentials} onChange={edit(setCredentials)} disabled={busy} />
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <Button
          variant={mode === 'setup' ? 'contained' : 'outlined'}
          startIcon={state.step === 'verifying' ? <CircularProgress size={18} color="inherit" /> : <FactCheckIcon />}
          disabled={!ready || busy}
          onClick={() => void verify('verify')}
        >
          {state.step === 'verifying' ? t('backup.verifying') : t('backup.verify')}
        </Button>
        {mode === 'settings' ? (
          <Button variant="outlined" color="warning" startIcon={<RestoreIcon />} disabled={!ready || busy} onClick={() => void verify('restore')}>
            {t('backup.restoreEllipsis')}
          </Button>
        ) : null}
      </Stack>
      {state.step === 'verifying' ? <LinearProgress aria-label={t('backup.verifying')} /> : null}
      {state.step === 'failed' ? (
        <Alert severity={state.error.code === 'CANCELLED' ? 'info' : 'error'}>
          {state.operation === 'restore' ? `${t('backup.restoreFailed')} ` : ''}
          {backupErrorMessage(t, state.error, state.operation)}
        </Alert>
      ) : null}
      {verified ? (
        <Alert severity="success" variant="outlined" icon={<FactCheckIcon />} data-testid="backup-manifest">
          <AlertTitle>{t('backup.verifiedBackup')}</AlertTitle>
          <Typography variant="body2" sx={{ mb: 1.5 }}>
            {mode === 'settings' ? t('backup.verifyTouchesNothing') : t('backup.verifyNewPc')}
          </Typography>
          <ManifestView result={verified} />
          {state.step === 'verified' ? (
            <Box sx={{ mt: 2 }}>
              <Button
                variant={restoreFirst ? 'contained' : 'outlined'}
                color="warning"
                startIcon={<RestoreIcon />}
                onClick={() => setState({ step: 'confirm', result: state.result, file: state.file, credentials: state.credentials })}
              >
                {t('backup.restoreThis')}
              </Button>
            </Box>
          ) : null}
          {state.step === 'restoring' ? (
            <Box sx={{ mt: 2 }}>
              <LinearProgress variant={percent === null ? 'indeterminate' : 'determinate'} value={percent ?? undefined} aria-label={t('backup.restoring')} />
              <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }} aria-live="polite">
                {percent === null ? t('backup.restoring') : `${t('backup.restoring')} ${formatNumber(Math.floor(percent))} %`}
              </Typography>
            </Box>
          ) : null}
        </Alert>
      ) : null}

      <Dialog open={state.step === 'confirm'} onClose={() => state.step === 'confirm' && setState({ ...state, step: 'verified', intent: 'restore' })} aria-labelledby="restore-confirm-title">
        <DialogTitle id="restore-confirm-title">{t('backup.confirmTitle')}</DialogTitle>
        <DialogContent>
          {state.step === 'confirm' ? (
            <Stack spacing={1.5}>
              <DialogContentText>
                {t('backup.confirmWhat', { date: formatDateTime(state.result.manifest.createdAt), shop: state.result.manifest.shopName })}
              </DialogContentText>
              {mode === 'settings' ? (
                <>
                  <DialogContentText>{t('backup.confirmMovedAside')}</DialogContentText>
                  <DialogContentText>{t('backup.confirmSignedOut')}</DialogContentText>
                </>
              ) : (
                <DialogContentText>{t('backup.confirmNewPc')}</DialogContentText>
              )}
            </Stack>
          ) : null}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => state.step === 'confirm' && setState({ ...state, step: 'verified', intent: 'restore' })} autoFocus>
            {t('common.cancel')}
          </Button>
          <Button color="warning" variant="contained" onClick={() => state.step === 'confirm' && void restore(state)}>
            {t('backup.confirmRestore')}
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}
