import { useCallback, useEffect, useRef, useState } from 'react';
import type { AnySearchHit } from '../../../../shared/api/search.ts';
import type { MethodOutput } from '../../../../shared/api/contract.ts';
import type { AppError, AppFailure } from '../../../../shared/errors.ts';
import { call, keyOf, queryClient } from '../../app/query.ts';

/**
 * The answer to one query: results are only ever shown for the text they were asked for. `total`
 * customers and `contractTotal` contracts match in all (`contractTotalCapped`: more than that).
 */
export type SearchAnswer = { query: string; hits: AnySearchHit[]; total: number; contractTotal: number; contractTotalCapped: boolean; error: AppError | null };

export const SEARCH_LIMIT = 20;
export const SENT_MARK = 'clientele:search-sent';
export const ANSWERED_MARK = 'clientele:search-answered';
const keyFor = (q: string) => keyOf('search.query', { q, limit: SEARCH_LIMIT });

/**
 * A known answer from the query cache (typing back a deleted letter shows results at once), unless
 * a write since has marked it stale. Sign-out clears the cache (app/query.ts).
 */
function known(q: string): SearchAnswer | null {
  const state = queryClient.getQueryState<MethodOutput<'search.query'>>(keyFor(q));
  if (!state?.data || state.isInvalidated) return null;
  return { query: q, hits: state.data.hits, total: state.data.total, contractTotal: state.data.contractTotal, contractTotalCapped: state.data.contractTotalCapped, error: null };
}

/**
 * Results as you type, with no debounce: a request goes out at once when none is running; while
 * one runs, only the newest text waits and goes next (the ones typed in between are skipped). An
 * answer that arrives for text no longer in the box is never shown. So the results on screen are
 * always those of the text in the box, and they follow the last key as fast as the core answers.
 */
export function useSearch(query: string): { answer: SearchAnswer | null; pending: boolean; whenAnswered: (query: string, then: (answer: SearchAnswer) => void) => void } {
  const [answer, setAnswer] = useState<SearchAnswer | null>(null);
  const wanted = useRef(query);
  const running = useRef<string | null>(null);
  const waiter = useRef<{ query: string; then: (answer: SearchAnswer) => void } | null>(null);
  const mounted = useRef(true);

  const deliver = useCallback((next: SearchAnswer) => {
    setAnswer(next);
    const waiting = waiter.current;
    if (waiting && waiting.query === next.query) {
      waiter.current = null;
      waiting.then(next);
    }
  }, []);

  const pump = useCallback(() => {
    const q = wanted.current;
    if (running.current !== null || q === '') return;
    const answered = known(q);
    if (answered) {
      deliver(answered);
      return;
    }
    running.current = q;
    // Marks for the search UI benchmark: when the request left and when its answer came back.
    performance.mark(SENT_MARK, { detail: q });
    const ask = () => call('search.query', { q, limit: SEARCH_LIMIT });
    // staleTime Infinity: an answer stays good until a write marks it stale (app/query.ts).
    void queryClient.fetchQuery({ queryKey: keyFor(q), queryFn: ask, staleTime: Infinity }).then(
      (value): SearchAnswer => ({ query: q, hits: value.hits, total: value.total, contractTotal: value.contractTotal, contractTotalCapped: value.contractTotalCapped, error: null }),
      (error: AppFailure): SearchAnswer => ({ query: q, hits: [], total: 0, contractTotal: 0, contractTotalCapped: false, error }),
    ).then((next) => {
      performance.mark(ANSWERED_MARK, { detail: q });
      running.current = null;
      if (!mounted.current) return;
      if (q === wanted.current) deliver(next);
      else pump();
    });
  }, [deliver]);

  useEffect(() => {
    wanted.current = query;
    if (waiter.current && waiter.current.query !== query) waiter.current = null;
    pump();
  }, [query, pump]);

  useEffect(() => {
    mounted.current = true;
    // A write marked the answer on screen stale (a customer renamed, deleted): ask again.
    const stop = queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || event.action.type !== 'invalidate') return;
      const [method, input] = event.query.queryKey as [string, { q?: string }]; // every key is [method, input] (app/query.ts)
      if (method === 'search.query' && input.q === wanted.current && running.current === null) pump();
    });
    return () => {
      mounted.current = false;
      stop();
    };
  }, [pump]);

  const current = answer !== null && answer.query === query ? answer : null;
  const whenAnswered = useCallback(
    (q: string, then: (answer: SearchAnswer) => void) => {
      if (answer !== null && answer.query === q) then(answer);
      else waiter.current = { query: q, then };
    },
    [answer],
  );
  return { answer: current, pending: query !== '' && current === null, whenAnswered };
}
