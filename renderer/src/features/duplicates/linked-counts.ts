import type { TFunction } from 'i18next';
import type { DuplicateCustomer } from '../../../../shared/api/duplicates.ts';

const KINDS = ['contacts', 'contracts', 'records', 'visits', 'surveys', 'complaints'] as const;

/** "3 contacts", "2 contracts", … for the kinds a customer has any of, in a fixed order. */
export function linkedParts(t: TFunction, counts: DuplicateCustomer['counts']): string[] {
  return KINDS.filter((kind) => counts[kind] > 0).map((kind) => t(`duplicates.counts.${kind}`, { count: counts[kind] }));
}
