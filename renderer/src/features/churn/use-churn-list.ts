// churn.list pages: asked with `cursor`, answered with `next` (the page also carries the total and
// the value at risk of all warnings). `input` without its cursor is the cache key, so every write's
// invalidation (a dismissal, a sale, a survey) reloads what is shown.
import { useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { ChurnPage, ChurnQueryInput } from '../../../../shared/api/churn.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { call, queryClient } from '../../app/query.ts';

export function useChurnList(input: Omit<ChurnQueryInput, 'cursor'>) {
  const query = useInfiniteQuery<ChurnPage, AppFailure, InfiniteData<ChurnPage, string | null>, readonly unknown[], string | null>(
    {
      queryKey: ['churn.list', input],
      queryFn: ({ pageParam }) => call('churn.list', { ...input, cursor: pageParam }),
      initialPageParam: null,
      getNextPageParam: (last) => last.next,
    },
    queryClient,
  );
  const rows = useMemo(() => (query.data?.pages ?? []).flatMap((page) => page.rows), [query.data]);
  return { ...query, rows, first: query.data?.pages[0] ?? null };
}
