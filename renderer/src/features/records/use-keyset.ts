// Lists paged by the core's keyset cursor in the records and timeline shape: the input takes
// `after` (the previous page's `next`), the page answers `next` (null on the last page). The
// house's usePagedQuery speaks `cursor`/`nextCursor`; this is the same idea for these methods.
import { useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '../../../../shared/api/contract.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { call, queryClient } from '../../app/query.ts';

type KeysetMethod = {
  [M in MethodName]: MethodOutput<M> extends { next: string | null } ? (MethodInput<M> extends { after?: string | null } ? M : never) : never;
}[MethodName];

/**
 * One page per request, the next asked for with the cursor the previous one ended on. `input`
 * without its cursor is the cache key (so every write's invalidation reloads what is shown);
 * `items` picks a page's rows.
 */
export function useKeysetQuery<M extends KeysetMethod, Item>(method: M, input: Omit<MethodInput<M>, 'after'>, items: (page: MethodOutput<M>) => Item[], options: { enabled?: boolean } = {}) {
  const query = useInfiniteQuery<MethodOutput<M>, AppFailure, InfiniteData<MethodOutput<M>, string | null>, readonly unknown[], string | null>(
    {
      queryKey: [method, input],
      queryFn: ({ pageParam }) => call(method, { ...input, after: pageParam } as MethodInput<M>), // every keyset method takes `after`
      initialPageParam: null,
      getNextPageParam: (last) => (last as { next: string | null }).next, // KeysetMethod's outputs have `next`
      enabled: options.enabled ?? true,
    },
    queryClient,
  );
  const rows = useMemo(() => (query.data?.pages ?? []).flatMap(items), [query.data, items]);
  return { ...query, rows };
}
