import { Alert, Box, Button, Stack } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ImportResult } from '../../../../shared/api/imports.ts';
import { ProgressLine } from './CheckStep.tsx';
import type { Progress } from './import-job.ts';

/** `cancel`: asked, or asked too late (the rows are being written: the run finishes, and can be undone). */
export type RunState = { state: 'idle' } | { state: 'running'; progress: Progress; cancel: 'none' | 'asked' | 'tooLate' } | { state: 'cancelled' } | { state: 'failed'; message: string } | { state: 'done'; result: ImportResult };

/** The wizard's Import step: progress and Cancel while it runs; what became of a run that did not finish, and the way back. */
export function RunStep({ run, onCancel, onBack }: { run: RunState; onCancel: () => void; onBack: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack spacing={2}>
      {run.state === 'running' ? (
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <Box sx={{ flex: 1 }}>
            <ProgressLine progress={run.progress} label={t('imports.run.running')} />
          </Box>
          <Button onClick={onCancel} disabled={run.cancel !== 'none'}>
            {run.cancel === 'asked' ? t('imports.run.cancelling') : t('common.cancel')}
          </Button>
        </Stack>
      ) : null}
      {run.state === 'running' && run.cancel === 'tooLate' ? <Alert severity="info">{t('imports.run.tooLate')}</Alert> : null}
      {run.state === 'cancelled' ? <Alert severity="info">{t('imports.run.cancelled')}</Alert> : null}
      {run.state === 'failed' ? <Alert severity="error">{t('imports.run.failed', { reason: run.message })}</Alert> : null}
      {run.state === 'cancelled' || run.state === 'failed' ? (
        <Stack direction="row" spacing={1.5} sx={{ justifyContent: 'flex-end' }}>
          <Button variant="contained" onClick={onBack}>
            {t('imports.run.backToCheck')}
          </Button>
        </Stack>
      ) : null}
    </Stack>
  );
}
