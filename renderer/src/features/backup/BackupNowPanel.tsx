import { Alert, AlertTitle, Box, Button, Chip, CircularProgress, IconButton, LinearProgress, Stack, Tooltip, Typography } from '@mui/material';
import BackupIcon from '@mui/icons-material/Backup';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { logError } from '../../app/errors.ts';
import { useCoreQuery } from '../../app/query.ts';
import { monospace } from '../../app/theme.ts';
import { formatNumber } from '../../i18n/format.ts';
import { backupErrorMessage, baseName, formatBytes, formatEta, shortHash } from './backup-format.ts';
import { cancelBackup, clearBackupJob, secondsLeft, startBackup, useBackupJob, type BackupResult } from './backup-job.ts';
import { sortedTables, tableLabel } from './counts.ts';
import { PathField } from './PathField.tsx';

/** A clock that ticks only while asked to (for the ETA between progress events). */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/** "Back up now": the destination folder, the button, progress with bytes and ETA, cancel, the verified result. */
export function BackupNowPanel({ autoFocus = false }: { autoFocus?: boolean }) {
  const { t } = useTranslation();
  const job = useBackupJob();
  const running = job.step === 'running';
  const now = useNow(running);

  // The folder the last backup went to (the core remembers it) until one is typed; a running job shows its own.
  const settings = useCoreQuery('backup.getSettings', {});
  const remembered = settings.data?.folder ?? (settings.isError ? '' : null);
  const [typed, setFolder] = useState<string | null>(null);
  const folder = typed ?? remembered;

  const shownFolder = running ? job.folder : (folder ?? '');
  const percent = running && job.total > 0 ? Math.min(100, (job.done / job.total) * 100) : null;
  const eta = running ? secondsLeft(job, now) : null;

  const start = () => {
    const target = shownFolder.trim();
    if (!target) return;
    void startBackup(target);
  };

  return (
    <Stack spacing={2}>
      <PathField
        kind="folder"
        name="backupFolder"
        label={t('backup.folder')}
        value={shownFolder}
        onChange={(value) => {
          setFolder(value);
          if (job.step !== 'running') clearBackupJob();
        }}
        helperText={window.clientele?.pickFolder ? t('backup.folderHelpElectron') : t('backup.folderHelp')}
        disabled={running || folder === null}
      />
      <Stack direction="row" spacing={1}>
        <Button
          variant="contained"
          startIcon={running ? <CircularProgress size={18} color="inherit" /> : <BackupIcon />}
          disabled={running || !shownFolder.trim()}
          onClick={start}
          autoFocus={autoFocus}
        >
          {running ? t('backup.running') : t('backup.now')}
        </Button>
        {running ? (
          <Button onClick={() => void cancelBackup()} disabled={job.cancelling}>
            {job.cancelling ? t('backup.cancelling') : t('common.cancel')}
          </Button>
        ) : null}
      </Stack>
      {running ? (
        <Box>
          <LinearProgress variant={percent === null ? 'indeterminate' : 'determinate'} value={percent ?? undefined} aria-label={t('backup.progress')} />
          <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }} aria-live="polite">
            {percent === null
              ? t('backup.preparing')
              : t('backup.progressText', {
                  done: formatBytes(job.done),
                  total: formatBytes(job.total),
                  percent: formatNumber(Math.floor(percent)),
                })}
            {eta !== null ? ` · ${t('backup.eta', { eta: formatEta(t, eta) })}` : ''}
          </Typography>
        </Box>
      ) : null}
      {job.step === 'failed' ? <Alert severity={job.error.code === 'CANCELLED' ? 'info' : 'error'}>{backupErrorMessage(t, job.error, 'create')}</Alert> : null}
      {job.step === 'done' ? <VerifiedCard result={job.result} /> : null}
    </Stack>
  );
}

function VerifiedCard({ result }: { result: BackupResult }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(result.sha256);
      setCopied(true);
    } catch (cause) {
      logError({ code: 'IO', message: `clipboard: ${cause instanceof Error ? cause.message : String(cause)}` });
    }
  };
  return (
    <Alert severity="success" variant="outlined" role="status" data-testid="backup-verified">
      <AlertTitle>{t('backup.verified')}</AlertTitle>
      <Typography variant="body2">{t('backup.verifiedBody')}</Typography>
      <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, my: 1.5, '& dt': { color: 'text.secondary' }, '& dd': { m: 0, minWidth: 0, overflowWrap: 'anywhere' } }}>
        <dt>{t('backup.fileName')}</dt>
        <dd title={result.file}>{baseName(result.file)}</dd>
        <dt>{t('backup.location')}</dt>
        <dd>{result.file}</dd>
        <dt>{t('backup.size')}</dt>
        <dd>{formatBytes(result.bytes)}</dd>
        <dt>SHA-256</dt>
        <dd>
          <Box component="span" sx={{ fontFamily: monospace }} title={result.sha256}>
            {shortHash(result.sha256)}
          </Box>
          <Tooltip title={copied ? t('backup.copied') : t('backup.copyHash')}>
            <IconButton size="small" aria-label={t('backup.copyHash')} onClick={() => void copy()} sx={{ ml: 0.5, my: -0.5 }}>
              <ContentCopyIcon fontSize="inherit" />
            </IconButton>
          </Tooltip>
        </dd>
      </Box>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {sortedTables(result.counts).map((table) => (
          <Chip key={table} size="small" variant="outlined" color="success" label={`${tableLabel(t, table)}: ${formatNumber(result.counts[table] ?? 0)}`} />
        ))}
      </Stack>
    </Alert>
  );
}
