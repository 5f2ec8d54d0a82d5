// How a timeline entry reads (its title in the user's language) and where it leads.
import type { TFunction } from 'i18next';
import type { TimelineEntry } from '../../../../shared/api/timeline.ts';
import { routeSpecs } from '../../app/area.ts';
import { hrefOf, type Route } from '../../app/router.ts';

const SERVICE_KINDS = new Set(['installation', 'repair', 'maintenance', 'consultation', 'training', 'other']);
const CHANNELS = new Set(['phone', 'email', 'meeting', 'visit', 'wechat', 'other']);
const GRADES = new Set(['vip', 'key', 'normal', 'potential']);
const SURVEY_CHANNELS = new Set(['phone', 'visit', 'wechat', 'paper']);
const COMPLAINT_CATEGORIES = new Set(['product', 'service', 'delivery', 'billing', 'staff', 'other']);
const CARE_OCCASIONS = new Set(['birthday', 'founding', 'contractAnniversary', 'holiday', 'other']);
const NEED_KINDS = new Set(['pain', 'product', 'service', 'expectation', 'budget', 'decision']);

/**
 * The entry's title: a service record's kind of service, a communication's channel and a grade
 * are codes the core sends for the renderer to translate; the rest (a visit's purpose, a contract
 * number, a file name) are the user's own words.
 */
export function entryTitle(t: TFunction, entry: Pick<TimelineEntry, 'kind' | 'title'>): string {
  if (entry.kind === 'service' && SERVICE_KINDS.has(entry.title)) return t(`record.serviceKinds.${entry.title}`);
  if (entry.kind === 'communication' && CHANNELS.has(entry.title)) return t(`record.channels.${entry.title}`);
  if (entry.kind === 'grade' && GRADES.has(entry.title)) return t('timeline.gradeTo', { grade: t(`customer.grades.${entry.title}`) });
  // Issue 11's kinds (compared as text: each joins TimelineKind with its own area's core).
  const kind: string = entry.kind;
  if (kind === 'survey' && SURVEY_CHANNELS.has(entry.title)) return t(`timeline.surveyChannels.${entry.title}`);
  if (kind === 'complaint' && COMPLAINT_CATEGORIES.has(entry.title)) return t(`complaint.categories.${entry.title}`);
  if (kind === 'care' && CARE_OCCASIONS.has(entry.title)) return t(`timeline.careOccasions.${entry.title}`);
  if (kind === 'need' && NEED_KINDS.has(entry.title)) return t(`need.kinds.${entry.title}`);
  return entry.title;
}

/** Route names of the pages an entry opens, by what it opens. */
const PAGE_OF = { record: 'record', visit: 'visit', contract: 'contract', survey: 'survey', complaint: 'complaint', sale: 'sale', event: 'event' } as const;
const hasPage = (kind: string): kind is keyof typeof PAGE_OF => kind in PAGE_OF;

/**
 * The address an entry opens: its record, visit, contract, survey or complaint page (a page another area may not
 * offer yet has none), or null for what is shown on the customer's page itself (a grade, a file).
 */
export function entryHref(entry: Pick<TimelineEntry, 'open'>): string | null {
  const kind = entry.open.kind;
  if (!hasPage(kind)) return null;
  const name = PAGE_OF[kind];
  if (!routeSpecs().some((spec) => spec.name === name)) return null;
  return hrefOf({ name, id: entry.open.id } as Route); // each of these routes takes exactly { id }
}
