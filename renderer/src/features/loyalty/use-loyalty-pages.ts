// loyalty.members and loyalty.ledger are keyset paged with `cursor` in and `next` out (as sales):
// the same few lines as features/sales/use-sale-pages.ts, for these two methods. The input without
// its cursor is the cache key, so every write's invalidation (app/query.ts) reloads what is shown.
import { useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { MethodInput, MethodOutput } from '../../../../shared/api/contract.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { call, queryClient } from '../../app/query.ts';

type Paged = 'loyalty.members' | 'loyalty.ledger';

export function useLoyaltyPages<M extends Paged>(method: M, input: Omit<MethodInput<M>, 'cursor'>) {
  const query = useInfiniteQuery<MethodOutput<M>, AppFailure, InfiniteData<MethodOutput<M>, string | null>, readonly unknown[], string | null>(
    {
      queryKey: [method, input],
      queryFn: ({ pageParam }) => call(method, { ...input, cursor: pageParam } as MethodInput<M>), // the input of M with its cursor
      initialPageParam: null,
      getNextPageParam: (last) => last.next,
    },
    queryClient,
  );
  const rows = useMemo(() => (query.data?.pages ?? []).flatMap((page) => page.rows as MethodOutput<M>['rows'][number][]), [query.data]); // each page's rows, of M's row type
  return { ...query, rows };
}
