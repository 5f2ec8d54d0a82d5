import { useMemo } from 'react';
import type { TagColor } from '../../../../shared/api/tags.ts';
import { useCoreQuery } from '../../app/query.ts';

/**
 * The colours of these tag names, for chips anywhere a customer's tags show. One cached request per
 * set of names; tags without a colour are absent from the map. Any write marks it stale (app/query.ts).
 */
export function useTagColors(names: readonly string[]): ReadonlyMap<string, TagColor> {
  const key = [...new Set(names)].sort();
  const joined = key.join('\n');
  const input = useMemo(() => ({ names: joined === '' ? [] : joined.split('\n') }), [joined]);
  const query = useCoreQuery('tags.colors', input, { enabled: input.names.length > 0 });
  return useMemo(() => new Map((query.data?.colors ?? []).map((entry) => [entry.name, entry.color])), [query.data]);
}
