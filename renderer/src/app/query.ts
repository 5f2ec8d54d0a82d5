// Data loading and caching for every page: TanStack Query over the one `invoke`. A query's key is
// [method, input], so two screens asking the same thing share one request and one cache entry, and
// an answer for an older input never lands on a newer one (the race every page used to handle).
// The hooks here are given the one client directly, so no provider has to wrap the app.
import {
  QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  type InfiniteData,
  type UseQueryOptions,
} from '@tanstack/react-query';
import { useMemo } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract.ts';
import { AppFailure } from '../../../shared/errors.ts';
import { invoke } from '../api/client.ts';
import { logError } from './errors.ts';
import { onAppReset } from './reset.ts';

declare module '@tanstack/react-query' {
  interface Register {
    // A query's error is the core's error value (code, message, details), shown by errorMessage().
    defaultError: AppFailure;
  }
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Errors are answers (FORBIDDEN, VALIDATION, NOT_FOUND): asking again changes nothing.
      retry: false,
      // A window coming back into focus is no reason to reload lists under the user's eyes.
      refetchOnWindowFocus: false,
    },
    mutations: { retry: false },
  },
});

// Sign-out, switching user and a restore forget every answer: nothing of one person's data may
// show to the next, not even for the moment a page takes to reload.
onAppReset(() => queryClient.clear());

/** Calls the core; a refused call throws its error value (what queries and mutations expect). */
export async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await invoke(method, input);
  if (result.ok) return result.value;
  logError(result.error);
  throw new AppFailure(result.error.code, result.error.message, result.error.details);
}

export function keyOf<M extends MethodName>(method: M, input: MethodInput<M>): readonly [M, MethodInput<M>] {
  return [method, input] as const;
}

type QueryOptions<M extends MethodName> = Omit<UseQueryOptions<MethodOutput<M>, AppFailure>, 'queryKey' | 'queryFn'>;

/** One read from the core, cached under [method, input]. */
export function useCoreQuery<M extends MethodName>(method: M, input: MethodInput<M>, options: QueryOptions<M> = {}) {
  return useQuery({ queryKey: keyOf(method, input), queryFn: () => call(method, input), ...options }, queryClient);
}

type PagedMethod = {
  [M in MethodName]: MethodOutput<M> extends { rows: unknown[]; nextCursor: string | null } ? M : never;
}[MethodName];
type Page<M extends PagedMethod> = MethodOutput<M>;
type Row<M extends PagedMethod> = Page<M>['rows'][number];

/**
 * A keyset-paged list from the core, one page per request (never all rows): the next page is asked
 * for with the cursor the previous one ended on. `input` without its cursor is the cache key.
 */
export function usePagedQuery<M extends PagedMethod>(method: M, input: Omit<MethodInput<M>, 'cursor'>) {
  const query = useInfiniteQuery<Page<M>, AppFailure, InfiniteData<Page<M>, string | null>, readonly unknown[], string | null>({
    queryKey: [method, input],
    queryFn: ({ pageParam }) => call(method, { ...input, cursor: pageParam } as MethodInput<M>), // every paged method takes a cursor
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
  }, queryClient);
  const rows = useMemo(
    () => (query.data?.pages ?? []).flatMap((page) => page.rows as Row<M>[]), // each page's rows, one union member per method
    [query.data],
  );
  return { ...query, rows };
}

/**
 * A change to the data. A write in one area shows in others (owner names on customer rows, masking
 * and scope in every list, audit entries, search results, the backup reminder), so after each one
 * every answer is marked stale and what is on screen reloads: simpler and surer than a list of who
 * depends on whom that would grow with every area, and cheap at a shop's scale.
 */
export function useCoreMutation<M extends MethodName>(method: M) {
  return useMutation<MethodOutput<M>, AppFailure, MethodInput<M>>({
    mutationFn: (input) => call(method, input),
    // Not awaited: the caller moves on (navigates, closes a dialog) while the screens reload.
    onSuccess: () => void queryClient.invalidateQueries(),
  }, queryClient);
}

/** The same after a write made outside a mutation hook (a job, an undo from a snackbar). */
export function dataChanged(): void {
  void queryClient.invalidateQueries();
}
