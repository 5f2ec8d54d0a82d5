// The sales list is keyset paged with `cursor` in and `next` out (shared/api/sales.ts): neither the
// house's usePagedQuery (cursor/nextCursor) nor records' useKeysetQuery (after/next), so this is
// the same few lines for that pair. The input without its cursor is the cache key, so every write's
// invalidation (app/query.ts) reloads what is shown.
import { useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { SalePage, SaleQueryInput } from '../../../../shared/api/sales.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { call, queryClient } from '../../app/query.ts';

export function useSalePages(input: Omit<SaleQueryInput, 'cursor'>, options: { enabled?: boolean } = {}) {
  const query = useInfiniteQuery<SalePage, AppFailure, InfiniteData<SalePage, string | null>, readonly unknown[], string | null>(
    {
      queryKey: ['sales.list', input],
      queryFn: ({ pageParam }) => call('sales.list', { ...input, cursor: pageParam }),
      initialPageParam: null,
      getNextPageParam: (last) => last.next,
      enabled: options.enabled ?? true,
    },
    queryClient,
  );
  const rows = useMemo(() => (query.data?.pages ?? []).flatMap((page) => page.rows), [query.data]);
  return { ...query, rows };
}
