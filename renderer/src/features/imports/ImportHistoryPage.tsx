import { Alert, Box, Button, Chip, Link, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import UndoIcon from '@mui/icons-material/Undo';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportBatch } from '../../../../shared/api/imports.ts';
import { errorMessage } from '../../app/errors.ts';
import { usePagedQuery } from '../../app/query.ts';
import { hrefOf } from '../../app/router.ts';
import { formatDateTime, formatNumber } from '../../i18n/format.ts';
import { UndoImportDialog } from './UndoImportDialog.tsx';

const NAME = { maxWidth: 360, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;

/** `#/imports`: every import batch, newest first (who, when, which file, what it did), each undoable as a whole. */
export function ImportHistoryPage() {
  const { t } = useTranslation();
  const list = usePagedQuery('imports.list', { limit: 50 });
  const [undoing, setUndoing] = useState<ImportBatch | null>(null);
  return (
    <Stack spacing={2} sx={{ minWidth: 0 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'baseline', flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="h5" component="h1">
          {t('imports.history.title')}
        </Typography>
        <Box sx={{ flex: 1 }} />
        <Button variant="contained" href={hrefOf({ name: 'importWizard', kind: 'customers' })}>
          {t('imports.title.customers')}
        </Button>
      </Stack>
      {list.error ? (
        <Alert
          severity="error"
          action={
            <Button color="inherit" onClick={() => void list.refetch()}>
              {t('common.retry')}
            </Button>
          }
        >
          {errorMessage(t, list.error)}
        </Alert>
      ) : null}
      {list.data !== undefined && list.rows.length === 0 ? <Typography color="text.secondary">{t('imports.history.empty')}</Typography> : null}
      {list.rows.length > 0 ? (
        <TableContainer sx={{ border: 1, borderColor: 'divider', borderRadius: 1 }}>
          <Table size="small" aria-label={t('imports.history.title')} data-testid="import-history">
            <TableHead>
              <TableRow>
                <TableCell>{t('imports.history.when')}</TableCell>
                <TableCell>{t('imports.history.who')}</TableCell>
                <TableCell>{t('imports.history.file')}</TableCell>
                <TableCell align="right">{t('imports.counts.created')}</TableCell>
                <TableCell align="right">{t('imports.counts.updated')}</TableCell>
                <TableCell align="right">{t('imports.counts.skipped')}</TableCell>
                <TableCell align="right">{t('imports.counts.errors')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {list.rows.map((batch) => (
                <TableRow key={batch.id}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(batch.createdAt)}</TableCell>
                  <TableCell sx={NAME}>{batch.createdBy.name}</TableCell>
                  <TableCell sx={NAME} title={batch.fileName}>
                    {batch.fileName}
                    {batch.kind === 'customers' ? null : (
                      <Typography component="span" variant="body2" color="text.secondary">
                        {` · ${t(`imports.kinds.${batch.kind}`)}`}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell align="right">{formatNumber(batch.created)}</TableCell>
                  <TableCell align="right">{formatNumber(batch.updated)}</TableCell>
                  <TableCell align="right">{formatNumber(batch.skipped)}</TableCell>
                  <TableCell align="right">{formatNumber(batch.errorCount)}</TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    {batch.undoneAt !== null ? (
                      <Chip size="small" label={t('imports.history.undoneAt', { at: formatDateTime(batch.undoneAt) })} />
                    ) : batch.undoable ? (
                      <Button size="small" color="warning" startIcon={<UndoIcon />} onClick={() => setUndoing(batch)} aria-label={t('imports.history.undoFile', { file: batch.fileName })}>
                        {t('imports.undo.action')}
                      </Button>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      ) : null}
      {list.hasNextPage ? (
        <Box>
          <Button onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {list.isFetchingNextPage ? t('common.loadingMore') : t('common.loadMore')}
          </Button>
        </Box>
      ) : null}
      <Link href={hrefOf({ name: 'customers' })}>{t('imports.summary.toCustomers')}</Link>
      {undoing ? <UndoImportDialog batch={undoing.id} kind={undoing.kind} fileName={undoing.fileName} onClose={() => setUndoing(null)} /> : null}
    </Stack>
  );
}
