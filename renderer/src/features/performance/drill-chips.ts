// Filters that only staff performance's links set (a list has no field for them): each list shows
// them as removable chips in words, so a user who drilled in sees why the list is shorter and can
// clear it. Pure: the lists render the result with <DrillChips>.
import type { TFunction } from 'i18next';

export type DrillChip = { key: string; label: string; clear: readonly string[] };

/** Who a user id is, for a chip: the user list's name, or the id when the caller cannot list users. */
export type NameOf = (userId: number) => string | undefined;

function ownerChip(t: TFunction, ownerId: number | null | undefined, nameOf: NameOf): DrillChip[] {
  if (ownerId === undefined || ownerId === null) return [];
  return [{ key: 'ownerId', label: t('performanceDrill.owner', { name: nameOf(ownerId) ?? t('performanceDrill.user', { id: ownerId }) }), clear: ['ownerId'] }];
}

export function customerDrillChips(t: TFunction, filters: { returnDueBy?: string }): DrillChip[] {
  return filters.returnDueBy ? [{ key: 'returnDueBy', label: t('performanceDrill.returnDueBy', { date: filters.returnDueBy }), clear: ['returnDueBy'] }] : [];
}

export function complaintDrillChips(t: TFunction, filters: { closedFrom?: string; closedTo?: string; onTime?: true; ownerId?: number }, nameOf: NameOf): DrillChip[] {
  const chips: DrillChip[] = [];
  if (filters.closedFrom || filters.closedTo) {
    chips.push({ key: 'closed', label: t('performanceDrill.closed', { from: filters.closedFrom ?? '…', to: filters.closedTo ?? '…' }), clear: ['closedFrom', 'closedTo'] }); // both go together
  }
  if (filters.onTime) chips.push({ key: 'onTime', label: t('performanceDrill.onTime'), clear: ['onTime'] });
  return [...chips, ...ownerChip(t, filters.ownerId, nameOf)];
}

export function visitDrillChips(t: TFunction, filters: { notCancelled?: true }): DrillChip[] {
  return filters.notCancelled ? [{ key: 'notCancelled', label: t('performanceDrill.notCancelled'), clear: ['notCancelled'] }] : [];
}

/** Surveys and churn: the customers one staff member is responsible for. */
export function ownerDrillChips(t: TFunction, filters: { ownerId?: number }, nameOf: NameOf): DrillChip[] {
  return ownerChip(t, filters.ownerId, nameOf);
}

/** The filters without the chip's keys. */
export function withoutChip<F extends object>(filters: F, chip: DrillChip): F {
  const next = { ...filters } as Record<string, unknown>; // a filters object is a plain record of its keys
  for (const key of chip.clear) delete next[key];
  return next as F; // only keys of F were removed
}

/** A name lookup over the user list. */
export function namesOf(users: readonly { id: number; displayName: string; username: string }[]): NameOf {
  return (id) => {
    const user = users.find((u) => u.id === id);
    return user ? user.displayName || user.username : undefined;
  };
}
