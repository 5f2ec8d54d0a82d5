import {
  Alert,
  Box,
  Button,
  CircularProgress,
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
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerRow } from '../../../../shared/api/customers.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { invoke } from '../../api/client.ts';
import { errorMessage, logError } from '../../app/errors.ts';
import { announceCustomersChanged } from '../../app/events.ts';
import { useNotify } from '../../app/notify.tsx';
import { hrefOf } from '../../app/router.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { GradeChip } from './CustomerChips.tsx';

type State = { rows: CustomerRow[]; nextCursor: string | null; loading: boolean; loaded: boolean; error: AppError | null };

export function RecycleBinPage() {
  const { t } = useTranslation();
  const notify = useNotify();
  const [state, setState] = useState<State>({ rows: [], nextCursor: null, loading: true, loaded: false, error: null });
  const [restoring, setRestoring] = useState<number | null>(null);
  const [purging, setPurging] = useState<{ row: CustomerRow; busy: boolean; error: AppError | null } | null>(null);
  const sentinelRef = useRef<HTMLDivElement>(null);

  const fetchPage = useCallback(async (cursor: string | null) => {
    setState((prev) => ({ ...prev, loading: true, error: null }));
    const result = await invoke('customers.listDeleted', { cursor, limit: 50 });
    if (!result.ok) {
      logError(result.error);
      setState((prev) => ({ ...prev, loading: false, loaded: true, error: result.error }));
      return;
    }
    setState((prev) => ({
      rows: cursor === null ? result.value.rows : [...prev.rows, ...result.value.rows],
      nextCursor: result.value.nextCursor,
      loading: false,
      loaded: true,
      error: null,
    }));
  }, []);

  useEffect(() => {
    void fetchPage(null);
  }, [fetchPage]);

  // Load the next page when the end of the list scrolls into view.
  useEffect(() => {
    const sentinel = sentinelRef.current;
    if (!sentinel || !state.nextCursor || state.loading) return;
    const cursor = state.nextCursor;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        observer.disconnect();
        void fetchPage(cursor);
      }
    });
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [fetchPage, state.nextCursor, state.loading]);

  const restore = async (row: CustomerRow) => {
    setRestoring(row.id);
    const result = await invoke('customers.restore', { id: row.id });
    setRestoring(null);
    if (!result.ok) {
      logError(result.error);
      notify({ message: errorMessage(t, result.error), severity: 'error' });
      return;
    }
    setState((prev) => ({ ...prev, rows: prev.rows.filter((r) => r.id !== row.id) }));
    announceCustomersChanged();
    notify({ message: t('recycleBin.restored', { name: row.name }) });
  };

  const purge = async (row: CustomerRow) => {
    setPurging({ row, busy: true, error: null });
    const result = await invoke('customers.purge', { id: row.id });
    if (!result.ok) {
      logError(result.error);
      setPurging({ row, busy: false, error: result.error });
      return;
    }
    setPurging(null);
    setState((prev) => ({ ...prev, rows: prev.rows.filter((r) => r.id !== row.id) }));
    notify({ message: t('recycleBin.purged', { name: row.name }) });
  };

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
      {state.error ? <Alert severity="error">{errorMessage(t, state.error)}</Alert> : null}
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
            {state.rows.map((row) => (
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
                      onClick={() => void restore(row)}
                      disabled={restoring === row.id}
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
                      onClick={() => setPurging({ row, busy: false, error: null })}
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
      <Box ref={sentinelRef} sx={{ textAlign: 'center', color: 'text.secondary', py: 1 }}>
        {state.loading ? (
          <CircularProgress size={20} aria-label={t('common.loadingMore')} />
        ) : state.nextCursor ? (
          <Button onClick={() => void fetchPage(state.nextCursor)}>{t('common.loadMore')}</Button>
        ) : state.loaded && !state.error && state.rows.length === 0 ? (
          t('recycleBin.empty')
        ) : null}
      </Box>
      <Dialog open={purging !== null} onClose={() => setPurging(null)} aria-labelledby="purge-title">
        <DialogTitle id="purge-title">{t('recycleBin.purgeTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('recycleBin.purgeBody', { name: purging?.row.name ?? '' })}</DialogContentText>
          {purging?.error ? (
            <Alert severity="error" sx={{ mt: 2 }}>
              {errorMessage(t, purging.error)}
            </Alert>
          ) : null}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setPurging(null)} autoFocus>
            {t('common.cancel')}
          </Button>
          <Button color="error" variant="contained" disabled={purging?.busy} onClick={() => purging && void purge(purging.row)}>
            {t('recycleBin.purgeConfirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}
