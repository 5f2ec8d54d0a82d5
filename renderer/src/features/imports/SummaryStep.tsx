import { Alert, Button, Link, Stack, Typography } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import UndoIcon from '@mui/icons-material/Undo';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportKind, ImportResult } from '../../../../shared/api/imports.ts';
import { downloadUrl } from '../../api/files.ts';
import { hrefOf } from '../../app/router.ts';
import { Figure } from './CheckStep.tsx';
import { RowErrors } from './RowErrors.tsx';
import { UndoImportDialog } from './UndoImportDialog.tsx';

type Props = { kind?: ImportKind; result: ImportResult; fileName: string; onAnother: () => void };

/** Step 6: what the run did, the rejected rows to fix and import again, Undo, and the ways on. */
export function SummaryStep({ kind = 'customers', result, fileName, onAnother }: Props) {
  const sales = kind === 'sales';
  const { t } = useTranslation();
  const [undoing, setUndoing] = useState(false);
  const [undone, setUndone] = useState(false);
  return (
    <Stack spacing={2} data-testid="import-summary">
      <Alert severity={result.batch === null ? 'info' : 'success'}>{result.batch === null ? t('imports.summary.nothing') : t('imports.summary.done', { file: fileName })}</Alert>
      <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {sales ? (
          <>
            <Figure label={t('imports.counts.salesCreated')} value={result.created} testId="import-result-created" />
            <Figure label={t('imports.counts.linesCreated')} value={result.lines ?? 0} testId="import-result-lines" />
          </>
        ) : (
          <>
            <Figure label={t('imports.counts.created')} value={result.created} testId="import-result-created" />
            <Figure label={t('imports.counts.updated')} value={result.updated} testId="import-result-updated" />
            <Figure label={t('imports.counts.skipped')} value={result.skipped} testId="import-result-skipped" />
          </>
        )}
        <Figure label={t('imports.counts.errors')} value={result.errorCount} testId="import-result-errors" />
      </Stack>
      {result.errorCount > 0 ? (
        <Stack spacing={1}>
          <Typography variant="subtitle1" component="h2">
            {t('imports.summary.rejected')}
          </Typography>
          <RowErrors errors={result.errors} errorCount={result.errorCount} />
        </Stack>
      ) : null}
      {undone ? <Alert severity="info">{t('imports.summary.undone')}</Alert> : null}
      <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        {result.rejected ? (
          // The browser saves it under its name (the app asks where): the rows to fix and import again.
          <Button variant="outlined" startIcon={<DownloadIcon />} href={downloadUrl(result.rejected)} download={result.rejected.name}>
            {t('imports.summary.downloadRejected')}
          </Button>
        ) : null}
        {result.batch !== null && !undone ? (
          <Button variant="outlined" color="warning" startIcon={<UndoIcon />} onClick={() => setUndoing(true)}>
            {t('imports.undo.action')}
          </Button>
        ) : null}
        <Button onClick={onAnother}>{t('imports.summary.another')}</Button>
        {sales ? <Link href={hrefOf({ name: 'sales' })}>{t('imports.summary.toSales')}</Link> : <Link href={hrefOf({ name: 'customers' })}>{t('imports.summary.toCustomers')}</Link>}
        <Link href={hrefOf({ name: 'importHistory' })}>{t('imports.history.link')}</Link>
      </Stack>
      {undoing && result.batch !== null ? <UndoImportDialog batch={result.batch} kind={kind} fileName={fileName} onClose={() => setUndoing(false)} onUndone={() => setUndone(true)} /> : null}
    </Stack>
  );
}
