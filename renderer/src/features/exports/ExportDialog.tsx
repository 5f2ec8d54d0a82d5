import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormLabel,
  LinearProgress,
  Link,
  Radio,
  RadioGroup,
  Stack,
  Typography,
} from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CsvEncoding, ExportEntity, ExportFormat, ExportInput } from '../../../../shared/api/exports.ts';
import type { Download } from '../../../../shared/api/files.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { MASKED_ROLES } from '../../../../shared/roles.ts';
import { invoke, subscribeProgress } from '../../api/client.ts';
import { downloadUrl } from '../../api/files.ts';
import { errorMessage, logError } from '../../app/errors.ts';
import { useSession } from '../../app/session.tsx';
import { formatNumber } from '../../i18n/format.ts';

type State =
  | { step: 'choose' }
  /** `started`: the core's first progress event came (a cancel before it would find no job). */
  | { step: 'running'; done: number; total: number; started: boolean; cancelAsked: boolean }
  | { step: 'done'; download: Download; rows: number }
  | { step: 'cancelled' }
  | { step: 'failed'; error: AppError };

/** Hands the file to the browser as a download under its own name (as attachments' "Save a copy" does). */
function saveDownload(download: Download): void {
  const link = document.createElement('a');
  link.href = downloadUrl(download);
  link.download = download.name;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
}

/** The list query an entity's export takes (its list page's, without paging). */
export type FilterOf<E extends ExportEntity> = NonNullable<Extract<ExportInput, { entity: E }>['filter']>;

type Props<E extends ExportEntity> = {
  entity: E;
  /** The list's query exactly as the list page sends it to its list method (its filter and order). */
  filter: FilterOf<E>;
  /** The rows that filter matches, when the page knows it cheaply (its count); null: not known. */
  count: number | null;
  onClose: () => void;
};

/**
 * Export (导出): format (.xlsx or CSV, and for CSV the encoding: UTF-8 with BOM for current Excel,
 * GBK for Excel 2013 and older), then the core's export job with its progress and Cancel, then the
 * file handed to the browser's downloads, with the row count the core wrote.
 */
export function ExportDialog<E extends ExportEntity>({ entity, filter, count, onClose }: Props<E>) {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const [format, setFormat] = useState<ExportFormat>('xlsx');
  const [encoding, setEncoding] = useState<CsvEncoding>('utf8bom');
  const [state, setState] = useState<State>({ step: 'choose' });
  const running = state.step === 'running';
  // A dialog closed while its job runs still cancels that job (nobody would see its file).
  const runningRef = useRef(false);
  useEffect(() => () => void (runningRef.current && invoke('jobs.cancel', { job: 'export' })), []);

  const masked = session.settings.maskContacts && MASKED_ROLES.includes(session.user.role);

  const start = async () => {
    setState({ step: 'running', done: 0, total: count ?? 0, started: false, cancelAsked: false });
    runningRef.current = true;
    // The core reports `{type:'progress', job:'export', done, total}` in rows while it writes.
    const progress = subscribeProgress((event) => {
      if (event.job !== 'export') return;
      setState((current) => (current.step === 'running' ? { ...current, done: event.done, total: event.total, started: true } : current));
    });
    await progress.ready;
    const language = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
    const input = { entity, filter, format, language, ...(format === 'csv' ? { encoding } : {}) } as ExportInput; // E ties filter to entity, which TypeScript cannot see through the union
    const result = await invoke('exports.run', input);
    progress.close();
    runningRef.current = false;
    if (result.ok) {
      setState({ step: 'done', download: result.value.download, rows: result.value.rows });
      saveDownload(result.value.download);
    } else if (result.error.code === 'CANCELLED') setState({ step: 'cancelled' });
    else {
      logError(result.error);
      setState({ step: 'failed', error: result.error });
    }
  };

  const cancel = async () => {
    setState((current) => (current.step === 'running' ? { ...current, cancelAsked: true } : current));
    const result = await invoke('jobs.cancel', { job: 'export' });
    if (!result.ok) logError(result.error);
  };

  const percent = state.step === 'running' && state.total > 0 ? Math.min(100, (state.done / state.total) * 100) : null;
  const entityKey: string = `exports.entities.${entity}`; // E widened to a plain key
  const what = t(entityKey);

  return (
    <Dialog open onClose={running ? undefined : onClose} aria-labelledby="export-title" fullWidth maxWidth="sm">
      <DialogTitle id="export-title">{t('exports.title', { what })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          {state.step === 'choose' || state.step === 'failed' || state.step === 'cancelled' ? (
            <>
              <FormControl>
                <FormLabel id="export-format">{t('exports.format')}</FormLabel>
                <RadioGroup aria-labelledby="export-format" value={format} onChange={(event) => setFormat(event.target.value as ExportFormat)}>
                  <FormControlLabel value="xlsx" control={<Radio />} label={t('exports.formats.xlsx')} />
                  <FormControlLabel value="csv" control={<Radio />} label={t('exports.formats.csv')} />
                </RadioGroup>
              </FormControl>
              {format === 'csv' ? (
                <FormControl>
                  <FormLabel id="export-encoding">{t('exports.encoding')}</FormLabel>
                  <RadioGroup aria-labelledby="export-encoding" value={encoding} onChange={(event) => setEncoding(event.target.value as CsvEncoding)}>
                    <FormControlLabel value="utf8bom" control={<Radio />} label={t('exports.encodings.utf8bom')} />
                    <FormControlLabel value="gb18030" control={<Radio />} label={t('exports.encodings.gb18030')} />
                  </RadioGroup>
                </FormControl>
              ) : null}
              <Typography data-testid="export-rows">
                {count === null ? t('exports.rowsUnknown') : count === 0 ? t('exports.none') : t('exports.rows', { count, formatted: formatNumber(count) })}
              </Typography>
              {masked ? <Alert severity="info">{t('exports.masked')}</Alert> : null}
            </>
          ) : null}
          {state.step === 'running' ? (
            <Box>
              <LinearProgress variant={percent === null ? 'indeterminate' : 'determinate'} value={percent ?? undefined} aria-label={t('exports.progress')} />
              <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }} aria-live="polite">
                {percent === null ? t('exports.running') : t('exports.runningRows', { done: formatNumber(state.done), total: formatNumber(state.total) })}
              </Typography>
            </Box>
          ) : null}
          {state.step === 'cancelled' ? <Alert severity="info">{t('exports.cancelled')}</Alert> : null}
          {state.step === 'failed' ? (
            <Alert severity="error">
              {t('exports.failed')} {errorMessage(t, state.error)}
            </Alert>
          ) : null}
          {state.step === 'done' ? (
            <>
              <Alert severity="success" sx={{ overflowWrap: 'anywhere' }}>
                {t('exports.done', { count: state.rows, formatted: formatNumber(state.rows), name: state.download.name })}
              </Alert>
              <Typography variant="body2" color="text.secondary">
                {t('exports.savedHint')}{' '}
                <Link href={downloadUrl(state.download)} download={state.download.name}>
                  {t('exports.saveAgain')}
                </Link>
              </Typography>
            </>
          ) : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        {state.step === 'running' ? (
          <Button onClick={() => void cancel()} disabled={state.cancelAsked || !state.started}>
            {t('exports.cancel')}
          </Button>
        ) : (
          <Button onClick={onClose}>{t(state.step === 'done' ? 'exports.close' : 'common.cancel')}</Button>
        )}
        {state.step !== 'done' ? (
          <Button variant="contained" onClick={() => void start()} disabled={running || count === 0}>
            {t('exports.start')}
          </Button>
        ) : null}
      </DialogActions>
    </Dialog>
  );
}
