import type { TFunction } from 'i18next';
import type { DuplicateCustomer } from '../../../../shared/api/duplicates.ts';

const KINDS = ['contacts', 'contracts', 'records', 'visits', 'surveys', 'complaints'] as const;

/** "3 contacts", "2 contracts", … for the kinds a customer has any of, in a fixed order. */
export function linkedParts(t: TFunction, counts: DuplicateCustomer['counts']): string[] {
  return KINDS.filter((kind) => counts[kind] > 0).map((kind) => t(`duplicates.counts.${kind}`, { count: counts[kind] }));
}

/** Joined as the app joins names (、 in Chinese, a comma in English). */
function listOf(t: TFunction, parts: string[]): string {
  return parts.join(t('errors.holders.separator'));
}

/** "3 contacts, 2 contracts, 40 records", or "Nothing linked". */
export function linkedText(t: TFunction, customer: DuplicateCustomer): string {
  const parts = linkedParts(t, customer.counts);
  return parts.length === 0 ? t('duplicates.nothingLinked') : listOf(t, parts);
}

export function movesText(t: TFunction, merged: DuplicateCustomer, keptName: string): string {
  const parts = linkedParts(t, merged.counts);
  if (parts.length === 0) return t('duplicates.mergeDialog.movesNothing', { merged: merged.name, code: merged.code, name: keptName });
  return t('duplicates.mergeDialog.moves', { what: listOf(t, parts), name: keptName, merged: merged.name, code: merged.code });
}
