// The churn list's filter in its address (`#/churn?rule=interval`): a reload, and a link from the
// dashboard, keep it. Anything that is not a rule is dropped.
import { CHURN_RULES, type ChurnRule } from '../../../../shared/api/churn.ts';

export type ChurnFilters = { rule?: ChurnRule };

export function parseChurnQuery(search: string): ChurnFilters {
  const rule = new URLSearchParams(search).get('rule');
  const known = CHURN_RULES.find((r) => r === rule);
  return known ? { rule: known } : {};
}

export function formatChurnQuery(filters: ChurnFilters): string {
  return filters.rule ? new URLSearchParams({ rule: filters.rule }).toString() : '';
}
