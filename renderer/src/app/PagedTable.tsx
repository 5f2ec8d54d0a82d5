import { Alert, Button } from '@mui/material';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppFailure } from '../../../shared/errors.ts';
import { errorMessage } from './errors.ts';
import { VirtualTable, type VirtualTableProps } from './VirtualTable.tsx';

/** What a keyset-paged list hands its table: the answer of `usePagedQuery` (app/query.ts). */
export type PagedList<Row> = {
  rows: Row[];
  data: unknown;
  error: AppFailure | null;
  isPending: boolean;
  isFetching: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  fetchNextPage: () => Promise<unknown>;
  refetch: () => Promise<unknown>;
};

type Props<Row, Sort extends string> = { list: PagedList<Row> } & Omit<VirtualTableProps<Row, Sort>, 'rows' | 'hasMore' | 'loadingMore' | 'loaded' | 'failed' | 'loadMore'>;

/**
 * A list page's table fed page by page from the core, with the failure shown above it and a retry
 * that asks again for what failed (the next page, or the whole list). Every list page had this same
 * wiring written out; it lives here once.
 */
export function PagedTable<Row, Sort extends string>({ list, ...table }: Props<Row, Sort>) {
  const { t } = useTranslation();
  const { fetchNextPage, refetch, isFetchNextPageError } = list;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  return (
    <>
      {list.error ? (
        <Alert
          severity="error"
          action={
            <Button color="inherit" onClick={() => void (isFetchNextPageError ? fetchNextPage() : refetch())}>
              {t('common.retry')}
            </Button>
          }
        >
          {errorMessage(t, list.error)}
        </Alert>
      ) : null}
      <VirtualTable
        {...table}
        rows={list.rows}
        hasMore={list.hasNextPage}
        loadingMore={(list.isPending && list.isFetching) || list.isFetchingNextPage}
        loaded={list.data !== undefined}
        failed={list.error !== null}
        loadMore={loadMore}
      />
    </>
  );
}
