import { useMemo } from 'react';
import { useCoreQuery } from '../../app/query.ts';
import type { AskedDimension } from './ScoreInputs.tsx';

/** The dimensions a new survey asks, in the owner's order (retired ones are not asked). */
export function useAskedDimensions(): { dimensions: AskedDimension[] | undefined; error: ReturnType<typeof useCoreQuery<'surveys.dimensions'>>['error'] } {
  const query = useCoreQuery('surveys.dimensions', {});
  const dimensions = useMemo(() => query.data?.filter((d) => !d.retired).toSorted((a, b) => a.position - b.position || a.id - b.id), [query.data]);
  return { dimensions, error: query.error };
}
