// The needs list is keyset paged with `cursor` in and `next` out, as sales' is: the same few lines
// for that pair. The input without its cursor is the cache key, so every write's invalidation
// (app/query.ts) reloads what is shown.
import { useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { NeedPage, NeedQueryInput } from '../../../../shared/api/needs.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { call, queryClient } from '../../app/query.ts';

export function useNeedPages(input: Omit<NeedQueryInput, 'cursor'>) {
  const query = useInfiniteQuery<NeedPage, AppFailure, InfiniteData<NeedPage, string | null>, readonly unknown[], string | null>(
    {
      queryKey: ['needs.list', input],
      queryFn: ({ pageParam }) => call('needs.list', { ...input, cursor: pageParam }),
      initialPageParam: null,
      getNextPageParam: (last) => last.next,
    },
    queryClient,
  );
  const rows = useMemo(() => (query.data?.pages ?? []).flatMap((page) => page.rows), [query.data]);
  return { ...query, rows };
}
