import { Box, Button, CircularProgress } from '@mui/material';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoadMoreWhenVisible } from './use-load-more.ts';

/** What the footer needs of a usePagedQuery answer. */
type PagedList = {
  fetchNextPage: () => Promise<unknown>;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isPending: boolean;
  isFetching: boolean;
  isSuccess: boolean;
  error: unknown;
};

/**
 * The line below a plain (not virtualised) paged list: it loads the next page when it scrolls into
 * view, shows a spinner meanwhile, a button if the page is not asked for by scrolling, and
 * `emptyText` once the list is known to have no rows.
 */
export function LoadMoreFooter({ list, shown, emptyText }: { list: PagedList; shown: number; emptyText: string }) {
  const { t } = useTranslation();
  const sentinelRef = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  useLoadMoreWhenVisible(sentinelRef, { fetchNextPage, hasNextPage, isFetchingNextPage, error: list.error });
  const loading = (list.isPending && list.isFetching) || isFetchingNextPage;
  return (
    <Box ref={sentinelRef} sx={{ textAlign: 'center', color: 'text.secondary', py: 1 }}>
      {loading ? (
        <CircularProgress size={20} aria-label={t('common.loadingMore')} />
      ) : hasNextPage ? (
        <Button onClick={() => void fetchNextPage()}>{t('common.loadMore')}</Button>
      ) : list.isSuccess && shown === 0 ? (
        emptyText
      ) : null}
    </Box>
  );
}
