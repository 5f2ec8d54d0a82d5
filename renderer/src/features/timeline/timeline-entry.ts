// How a timeline entry reads (its title in the user's language) and where it leads.
import type { TFunction } from 'i18next';
import type { TimelineEntry } from '../../../../shared/api/timeline.ts';
import { routeSpecs } from '../../app/area.ts';
import { hrefOf, type Route } from '../../app/router.ts';

const SERVICE_KINDS = new Set(['installation', 'repair', 'maintenance', 'consultation', 'training', 'other']);
const CHANNELS = new Set(['phone', 'email', 'meeting', 'visit', 'wechat', 'other']);
const GRADES = new Set(['vip', 'key', 'normal', 'potential']);

/**
 * The entry's title: a service record's kind of service, a communication's channel and a grade
 * are codes the core sends for the renderer to translate; the rest (a visit's purpose, a contract
 * number, a file name) are the user's own words.
 */
export function entryTitle(t: TFunction, entry: Pick<TimelineEntry, 'kind' | 'title'>): string {
  if (entry.kind === 'service' && SERVICE_KINDS.has(entry.title)) return t(`record.serviceKinds.${entry.title}`);
  if (entry.kind === 'communication' && CHANNELS.has(entry.title)) return t(`record.channels.${entry.title}`);
  if (entry.kind === 'grade' && GRADES.has(entry.title)) return t('timeline.gradeTo', { grade: t(`customer.grades.${entry.title}`) });
  return entry.title;
}

/** Route names of the pages an entry opens, by what it opens. */
const PAGE_OF = { record: 'record', visit: 'visit', contract: 'contract' } as const;

/**
 * The address an entry opens: its record, visit or contract page (a page another area may not
 * offer yet has none), or null for what is shown on the customer's page itself (a grade, a file).
 */
export function entryHref(entry: Pick<TimelineEntry, 'open'>): string | null {
  const kind = entry.open.kind;
  if (kind !== 'record' && kind !== 'visit' && kind !== 'contract') return null;
  const name = PAGE_OF[kind];
  if (!routeSpecs().some((spec) => spec.name === name)) return null;
  return hrefOf({ name, id: entry.open.id } as Route); // each of these routes takes exactly { id }
}
