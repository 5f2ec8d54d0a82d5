import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  LinearProgress,
  Paper,
  Typography,
} from '@mui/material';
import VpnKeyIcon from '@mui/icons-material/VpnKey';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/errors.ts';
import { invoke, subscribeProgress } from '../../api/client.ts';
import { errorMessage, logError } from '../../app/errors.ts';
import { formatNumber } from '../../i18n/format.ts';

type State =
  | { step: 'idle' }
  | { step: 'confirm' }
  /** `cancel`: asked for ('asked'), or refused because the swap is under way ('tooLate'). */
  | { step: 'running'; done: number; total: number; cancel: 'none' | 'asked' | 'tooLate' }
  | { step: 'done'; ms: number }
  | { step: 'cancelled' }
  | { step: 'failed'; error: AppError };

/** Settings → Security → Re-key: a new database key after a user was removed. */
export function RekeySection() {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ step: 'idle' });
  const running = state.step === 'running';

  const start = async () => {
    setState({ step: 'running', done: 0, total: 0, cancel: 'none' });
    // The core reports `{type:'progress', job:'rekey', done, total}` while it works.
    const progress = subscribeProgress((event) => {
      if (event.job !== 'rekey') return;
      setState((current) => (current.step === 'running' ? { ...current, done: event.done, total: event.total } : current));
    });
    await progress.ready;
    const result = await invoke('system.rekey', {});
    progress.close();
    if (result.ok) setState({ step: 'done', ms: result.value.ms });
    else if (result.error.code === 'CANCELLED') setState({ step: 'cancelled' });
    else {
      logError(result.error);
      setState({ step: 'failed', error: result.error });
    }
  };

  // The core cancels only until the re-encrypted copy is made; after that the swap finishes.
  const cancel = async () => {
    setState((current) => (current.step === 'running' ? { ...current, cancel: 'asked' } : current));
    const result = await invoke('jobs.cancel', { job: 'rekey' });
    if (!result.ok) logError(result.error);
    else if (!result.value.cancelled) setState((current) => (current.step === 'running' ? { ...current, cancel: 'tooLate' } : current));
  };

  const percent = state.step === 'running' && state.total > 0 ? Math.min(100, (state.done / state.total) * 100) : null;

  return (
    <Paper component="section" sx={{ p: 3 }} aria-labelledby="rekey-title">
      <Typography id="rekey-title" variant="h6" component="h2">
        {t('rekey.title')}
      </Typography>
      <Typography sx={{ mt: 1 }}>{t('rekey.intro')}</Typography>
      <Typography color="text.secondary" sx={{ mt: 1 }}>
        {t('rekey.note')}
      </Typography>
      {state.step === 'running' ? (
        <Box sx={{ mt: 2 }}>
          <LinearProgress
            variant={percent === null ? 'indeterminate' : 'determinate'}
            value={percent ?? undefined}
            aria-label={t('rekey.progress')}
          />
          <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }} aria-live="polite">
            {percent === null ? t('rekey.running') : t('rekey.percent', { percent: formatNumber(Math.floor(percent)) })}
            {state.cancel === 'tooLate' ? ` ${t('rekey.tooLate')}` : ''}
          </Typography>
          {/* Offered once the core has said the job started (its first progress event): a cancel before that finds no job. */}
          <Button sx={{ mt: 1 }} size="small" disabled={state.cancel !== 'none' || state.total === 0} onClick={() => void cancel()}>
            {t('rekey.cancel')}
          </Button>
        </Box>
      ) : null}
      {state.step === 'cancelled' ? (
        <Alert severity="info" sx={{ mt: 2 }}>
          {t('rekey.cancelled')}
        </Alert>
      ) : null}
      {state.step === 'done' ? (
        <Alert severity="success" sx={{ mt: 2 }}>
          {t('rekey.done', { seconds: formatNumber(Math.max(1, Math.round(state.ms / 1000))) })}
        </Alert>
      ) : null}
      {state.step === 'failed' ? (
        <Alert severity="error" sx={{ mt: 2 }}>
          {t('rekey.failed')} {errorMessage(t, state.error)}
        </Alert>
      ) : null}
      <Button sx={{ mt: 2 }} variant="outlined" color="warning" startIcon={<VpnKeyIcon />} disabled={running} onClick={() => setState({ step: 'confirm' })}>
        {t('rekey.button')}
      </Button>

      <Dialog open={state.step === 'confirm'} onClose={() => setState({ step: 'idle' })} aria-labelledby="rekey-confirm-title">
        <DialogTitle id="rekey-confirm-title">{t('rekey.confirmTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('rekey.confirmBody')}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setState({ step: 'idle' })} autoFocus>
            {t('common.cancel')}
          </Button>
          <Button color="warning" variant="contained" onClick={() => void start()}>
            {t('rekey.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </Paper>
  );
}
