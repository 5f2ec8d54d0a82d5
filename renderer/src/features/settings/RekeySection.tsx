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
  | { step: 'running'; done: number; total: number }
  | { step: 'done'; ms: number }
  | { step: 'failed'; error: AppError };

/** Settings → Security → Re-key: a new database key after a user was removed. */
export function RekeySection() {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ step: 'idle' });
  const running = state.step === 'running';

  const start = async () => {
    setState({ step: 'running', done: 0, total: 0 });
    // The core reports `{type:'progress', job:'rekey', done, total}` while it works.
    const progress = subscribeProgress((event) => {
      if (event.job !== 'rekey') return;
      setState((current) => (current.step === 'running' ? { step: 'running', done: event.done, total: event.total } : current));
    });
    await progress.ready;
    const result = await invoke('system.rekey', {});
    progress.close();
    if (result.ok) setState({ step: 'done', ms: result.value.ms });
    else {
      logError(result.error);
      setState({ step: 'failed', error: result.error });
    }
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
          </Typography>
        </Box>
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
