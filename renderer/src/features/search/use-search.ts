import { useCallback, useEffect, useRef, useState } from 'react';
import type { SearchHit } from '../../../../shared/api/search.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { invoke } from '../../api/client.ts';
import { onCustomersChanged } from '../../app/events.ts';
import { onAppReset } from '../../app/reset.ts';

/** The answer to one query: results are only ever shown for the text they were asked for. */
export type SearchAnswer = { query: string; hits: SearchHit[]; total: number; error: AppError | null };

export const SEARCH_LIMIT = 20;
export const SENT_MARK = 'clientele:search-sent';
export const ANSWERED_MARK = 'clientele:search-answered';
/** Recent answers, so that typing back (a deleted letter) shows results at once. */
const CACHE_SIZE = 30;
const cache = new Map<string, SearchAnswer>();
onAppReset(() => cache.clear());

function remember(answer: SearchAnswer): void {
  cache.delete(answer.query);
  cache.set(answer.query, answer);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!); // the oldest: Map keeps insertion order
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
    const known = cache.get(q);
    if (known) {
      deliver(known);
      return;
    }
    running.current = q;
    // Marks for the search UI benchmark: when the request left and when its answer came back.
    performance.mark(SENT_MARK, { detail: q });
    void invoke('search.query', { q, limit: SEARCH_LIMIT }).then((result) => {
      performance.mark(ANSWERED_MARK, { detail: q });
      running.current = null;
      if (!mounted.current) return;
      const next: SearchAnswer = result.ok
        ? { query: q, hits: result.value.hits, total: result.value.total, error: null }
        : { query: q, hits: [], total: 0, error: result.error };
      if (result.ok) remember(next);
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
    const stop = onCustomersChanged(() => {
      cache.clear();
      // The results on screen may be out of date: ask again.
      if (running.current === null && wanted.current !== '') pump();
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
