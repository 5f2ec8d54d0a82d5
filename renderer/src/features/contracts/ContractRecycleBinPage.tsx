import { Alert, Box, Button, Link, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import RestoreIcon from '@mui/icons-material/RestoreFromTrash';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractRow } from '../../../../shared/api/contracts.ts';
import { errorMessage } from '../../app/errors.ts';
import { LoadMoreFooter } from '../../app/LoadMoreFooter.tsx';
import { useNotify } from '../../app/notify.tsx';
import { useCoreMutation, usePagedQuery } from '../../app/query.ts';
import { hrefOf } from '../../app/router.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { ContractStatusChip } from './ContractChips.tsx';

const PAGE_SIZE = 50;

/** Deleted contracts (on their own, or with their customer), most recently deleted first. */
export function ContractRecycleBinPage() {
  const { t } = useTranslation();
  const notify = useNotify();
  const list = usePagedQuery('contracts.listDeleted', { limit: PAGE_SIZE });
  const restoreCall = useCoreMutation('contracts.restore');
  // Rows restored leave the list at once; the reload that follows agrees.
  const [gone, setGone] = useState<ReadonlySet<number>>(new Set());

  const restore = (row: ContractRow) =>
    restoreCall.mutate(
      { id: row.id },
      {
        onSuccess: () => {
          setGone((prev) => new Set([...prev, row.id]));
          notify({ message: t('contractDetail.restored', { number: row.number }) });
        },
        onError: (error) => notify({ message: errorMessage(t, error), severity: 'error' }),
      },
    );
  const rows = list.rows.filter((row) => !gone.has(row.id));

  return (
    <Stack spacing={2} sx={{ maxWidth: 1100, mx: 'auto' }}>
      <Box>
        <Button startIcon={<ArrowBackIcon />} href={hrefOf({ name: 'contracts' })}>
          {t('contractDetail.back')}
        </Button>
      </Box>
      <Typography variant="h5" component="h1">
        {t('contracts.recycleBinTitle')}
      </Typography>
      {list.error ? <Alert severity="error">{errorMessage(t, list.error)}</Alert> : null}
      <TableContainer component={Paper}>
        <Table size="small" aria-label={t('contracts.recycleBinTitle')} sx={{ tableLayout: 'fixed' }}>
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: 150 }}>{t('contracts.columns.number')}</TableCell>
              <TableCell>{t('contract.title')}</TableCell>
              <TableCell>{t('contract.customer')}</TableCell>
              <TableCell sx={{ width: 120 }}>{t('contract.status')}</TableCell>
              <TableCell sx={{ width: 200 }}>{t('contracts.deletedAt')}</TableCell>
              <TableCell sx={{ width: 120 }} />
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.id} data-contract-id={row.id}>
                <TableCell sx={{ overflowWrap: 'anywhere' }}>
                  <Link href={hrefOf({ name: 'contract', id: row.id })}>{row.number}</Link>
                </TableCell>
                <TableCell sx={{ overflowWrap: 'anywhere' }}>{row.title}</TableCell>
                <TableCell sx={{ overflowWrap: 'anywhere' }}>{row.customerName}</TableCell>
                <TableCell>
                  <ContractStatusChip status={row.status} />
                </TableCell>
                <TableCell>{row.deletedAt === null ? '' : formatDateTime(row.deletedAt)}</TableCell>
                <TableCell align="right">
                  {row.actions.delete ? (
                    <Button
                      size="small"
                      startIcon={<RestoreIcon />}
                      onClick={() => restore(row)}
                      disabled={restoreCall.isPending && restoreCall.variables.id === row.id}
                      aria-label={`${t('contractDetail.restore')} ${row.number}`}
                    >
                      {t('contractDetail.restore')}
                    </Button>
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <LoadMoreFooter list={list} shown={rows.length} emptyText={t('contracts.recycleBinEmpty')} />
    </Stack>
  );
}
