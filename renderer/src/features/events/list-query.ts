// The events list's choice lives in the address (`#/events?when=past&q=发布会`): a reload keeps it.
// Values that are not valid (an edited address, an old bookmark) are dropped, never sent to the core.
import { EVENT_WHEN, type EventWhen } from '../../../../shared/api/events.ts';

const MAX_Q = 200;

/** The list's choice, as its address keeps it: which events (upcoming by default) and the search. */
/** `deleted`: the recycle bin's events instead (events.manage). */
export type EventListQuery = { when: EventWhen; q?: string; deleted?: true };

export function parseEventQuery(search: string): EventListQuery {
  const params = new URLSearchParams(search);
  const when = EVENT_WHEN.find((w) => w === params.get('when')) ?? 'upcoming';
  const q = (params.get('q') ?? '').trim().slice(0, MAX_Q);
  return { when, ...(q === '' ? {} : { q }), ...(params.get('deleted') === '1' ? { deleted: true as const } : {}) };
}

export function formatEventQuery(query: EventListQuery): string {
  const params = new URLSearchParams();
  if (query.when !== 'upcoming') params.set('when', query.when);
  if (query.q) params.set('q', query.q);
  if (query.deleted) params.set('deleted', '1');
  return params.toString();
}
