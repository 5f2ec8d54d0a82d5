// The churn list's filter in its address (`#/churn?rule=interval`): a reload, and a link from the
// dashboard, keep it. Anything that is not a rule is dropped.
import { CHURN_RULES, type ChurnRule } from '../../../../shared/api/churn.ts';

/** `ownerId`: one staff member's customers (staff performance's churn risks). */
export type ChurnFilters = { rule?: ChurnRule; ownerId?: number };

export function parseChurnQuery(search: string): ChurnFilters {
  const params = new URLSearchParams(search);
  const known = CHURN_RULES.find((r) => r === params.get('rule'));
  const owner = params.get('owner') ?? '';
  return { ...(known ? { rule: known } : {}), ...(/^[1-9]\d{0,9}$/.test(owner) ? { ownerId: Number(owner) } : {}) };
}

export function formatChurnQuery(filters: ChurnFilters): string {
  const params = new URLSearchParams();
  if (filters.rule) params.set('rule', filters.rule);
  if (filters.ownerId !== undefined) params.set('owner', String(filters.ownerId));
  return params.toString();
}
