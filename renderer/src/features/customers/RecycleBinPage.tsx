import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import DeleteForeverIcon from '@mui/icons-material/DeleteForever';
import RestoreIcon from '@mui/icons-material/RestoreFromTrash';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerRow } from '../../../../shared/api/customers.ts';
import { errorMessage } from '../../app/errors.ts';
import { LoadMoreFooter } from '../../app/LoadMoreFooter.tsx';
import { useNotify } from '../../app/notify.tsx';
import { useCoreMutation, usePagedQuery } from '../../app/query.ts';
import { hrefOf } from '../../app/router.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { GradeChip } from './CustomerChips.tsx';

const PAGE_SIZE = 50;

export function RecycleBinPage() {
  const { t } = useTranslation();
  const notify = useNotify();
  const list = usePagedQuery('customers.listDeleted', { limit: PAGE_SIZE });
  const restoreCall = useCoreMutation('customers.restore');
  const purgeCall = useCoreMutation('customers.purge');
  const [purging, setPurging] = useState<CustomerRow | null>(null);
  // Rows restored or purged leave the list at once; the reload that follows agrees.
  const [gone, setGone] = useState<ReadonlySet<number>>(new Set());
  const leave = (id: number) => setGone((prev) => new Set([...prev, id]));

  const restore = (row: CustomerRow) =>
    restoreCall.mutate(
      { id: row.id },
      {
        onSuccess: () => {
          leave(row.id);
          notify({ message: t('recycleBin.restored', { name: row.name }) });
        },
        onError: (error) => notify({ message: errorMessage(t, error), severity: 'error' }),
      },
    );

  const purge = (row: CustomerRow) =>
    purgeCall.mutate(
      { id: row.id },
      {
        onSuccess: () => {
          leave(row.id);
          setPurging(null);
          notify({ message: t('recycleBin.purged', { name: row.name }) });
        },
      },
    );

  const openPurge = (row: CustomerRow) => {
    purgeCall.reset();
    setPurging(row);
  };
  const rows = list.rows.filter((row) => !gone.has(row.id));

  return (
    <Stack spacing={2} sx={{ maxWidth: 1100, mx: 'auto' }}>
      <Box>
        <Button startIcon={<ArrowBackIcon />} href={hrefOf({ name: 'customers' })}>
          {t('recycleBin.back')}
        </Button>
      </Box>
      <Typography variant="h5" component="h1">
        {t('recycleBin.title')}
      </Typography>
      {list.error ? <Alert severity="error">{errorMessage(t, list.error)}</Alert> : null}
      <TableContainer component={Paper}>
        <Table size="small" aria-label={t('recycleBin.title')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('customer.code')}</TableCell>
              <TableCell>{t('customer.name')}</TableCell>
              <TableCell>{t('customer.grade')}</TableCell>
              <TableCell>{t('customer.phone')}</TableCell>
              <TableCell>{t('recycleBin.deletedAt')}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.id} data-customer-id={row.id}>
                <TableCell>{row.code}</TableCell>
                <TableCell>{row.name}</TableCell>
                <TableCell>
                  <GradeChip grade={row.grade} />
                </TableCell>
                <TableCell>{row.phone}</TableCell>
                <TableCell>{row.deletedAt === null ? '' : formatDateTime(row.deletedAt)}</TableCell>
                <TableCell align="right">
                  {/* Each row says what this caller may do with it (staff restore only their own). */}
                  {row.actions.delete ? (
                    <Button
                      size="small"
                      startIcon={<RestoreIcon />}
                      onClick={() => restore(row)}
                      disabled={restoreCall.isPending && restoreCall.variables.id === row.id}
                      aria-label={`${t('recycleBin.restore')} ${row.name}`}
                    >
                      {t('recycleBin.restore')}
                    </Button>
                  ) : null}
                  {row.actions.purge ? (
                    <Button
                      size="small"
                      color="error"
                      startIcon={<DeleteForeverIcon />}
                      onClick={() => openPurge(row)}
                      aria-label={`${t('recycleBin.purge')} ${row.name}`}
                      sx={{ ml: 1 }}
                    >
                      {t('recycleBin.purge')}
                    </Button>
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <LoadMoreFooter list={list} shown={rows.length} emptyText={t('recycleBin.empty')} />
      <Dialog open={purging !== null} onClose={() => setPurging(null)} aria-labelledby="purge-title">
        <DialogTitle id="purge-title">{t('recycleBin.purgeTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('recycleBin.purgeBody', { name: purging?.name ?? '' })}</DialogContentText>
          {purgeCall.error ? (
            <Alert severity="error" sx={{ mt: 2 }}>
              {errorMessage(t, purgeCall.error)}
            </Alert>
          ) : null}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setPurging(null)} autoFocus>
            {t('common.cancel')}
          </Button>
          <Button color="error" variant="contained" disabled={purgeCall.isPending} onClick={() => purging && purge(purging)}>
            {t('recycleBin.purgeConfirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}
