import { Alert, Box, Button, Link, Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import UndoIcon from '@mui/icons-material/Undo';
import { useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MergePage, MergeRow } from '../../../../shared/api/duplicates.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { LoadMoreFooter } from '../../app/LoadMoreFooter.tsx';
import { call, queryClient } from '../../app/query.ts';
import { hrefOf } from '../../app/router.ts';
import { formatShortDateTime } from '../../i18n/format.ts';
import { linkedParts } from './linked-counts.ts';
import { useUndoMerge } from './use-undo-merge.ts';

const PAGE_SIZE = 50;

/** The merges a page at a time by the core's keyset (`after` / `next`), as records/use-keyset.ts does for its lists. */
function useMerges() {
  const query = useInfiniteQuery<MergePage, AppFailure, InfiniteData<MergePage, string | null>, readonly unknown[], string | null>(
    {
      queryKey: ['duplicates.merges', { limit: PAGE_SIZE }],
      queryFn: ({ pageParam }) => call('duplicates.merges', { after: pageParam, limit: PAGE_SIZE }),
      initialPageParam: null,
      getNextPageParam: (last) => last.next,
    },
    queryClient,
  );
  const rows = useMemo(() => (query.data?.pages ?? []).flatMap((page) => page.rows), [query.data]);
  return { ...query, rows };
}

/** The merges, newest first, each with Undo while it can be undone; a refused undo is said in the snackbar. */
export function MergeHistory() {
  const { t } = useTranslation();
  const undo = useUndoMerge();
  const [pending, setPending] = useState<number | null>(null);
  const list = useMerges();

  const undoRow = async (row: MergeRow) => {
    setPending(row.id);
    await undo(row.id, row.merged.name);
    setPending(null);
  };

  if (list.error) return <Alert severity="error">{errorMessage(t, list.error)}</Alert>;

  return (
    <Paper variant="outlined">
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-label={t('duplicates.tabs.merges')}>
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: 140 }}>{t('duplicates.history.at')}</TableCell>
              <TableCell>{t('duplicates.history.kept')}</TableCell>
              <TableCell>{t('duplicates.history.merged')}</TableCell>
              <TableCell sx={{ width: 100 }}>{t('duplicates.history.by')}</TableCell>
              <TableCell sx={{ width: '22%' }}>{t('duplicates.history.moved')}</TableCell>
              <TableCell sx={{ width: 170 }}>{t('duplicates.history.status')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {list.rows.map((row) => {
              const moved = linkedParts(t, { contacts: row.moved.contacts ?? 0, contracts: row.moved.contracts ?? 0, records: row.moved.records ?? 0, visits: row.moved.visits ?? 0, surveys: row.moved.surveys ?? 0, complaints: row.moved.complaints ?? 0 });
              return (
                <TableRow key={row.id} data-testid="merge-row">
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatShortDateTime(row.at)}</TableCell>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>
                    <Link href={hrefOf({ name: 'customer', id: row.kept.id })}>{row.kept.name}</Link>{' '}
                    <Typography component="span" variant="body2" color="text.secondary">
                      {row.kept.code}
                    </Typography>
                  </TableCell>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>
                    {row.undoneAt !== null ? <Link href={hrefOf({ name: 'customer', id: row.merged.id })}>{row.merged.name}</Link> : row.merged.name}{' '}
                    <Typography component="span" variant="body2" color="text.secondary">
                      {row.merged.code}
                    </Typography>
                  </TableCell>
                  <TableCell>{row.by?.name ?? t('duplicates.history.someone')}</TableCell>
                  <TableCell>
                    <Typography variant="body2" color="text.secondary">
                      {moved.length === 0 ? t('duplicates.nothingLinked') : moved.join(t('errors.holders.separator'))}
                    </Typography>
                  </TableCell>
                  <TableCell>
                    {row.undoneAt !== null ? (
                      <Typography variant="body2" color="text.secondary">
                        {t('duplicates.history.undoneAt', { date: formatShortDateTime(row.undoneAt), name: row.undoneBy?.name ?? t('duplicates.history.someone') })}
                      </Typography>
                    ) : row.undoable ? (
                      <Button
                        size="small"
                        startIcon={<UndoIcon />}
                        disabled={pending === row.id}
                        onClick={() => void undoRow(row)}
                        aria-label={t('duplicates.undoLabel', { merged: row.merged.name, kept: row.kept.name })}
                      >
                        {t('duplicates.undo')}
                      </Button>
                    ) : (
                      <Typography variant="body2">{t('duplicates.history.active')}</Typography>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </Box>
      <LoadMoreFooter list={list} shown={list.rows.length} emptyText={t('duplicates.history.empty')} />
    </Paper>
  );
}
