// How a need's own fields read in a line: the expectations, the budget range, the decision makers.
import type { TFunction } from 'i18next';
import type { Need } from '../../../../shared/api/needs.ts';
import { formatMoney } from '../contracts/money.ts';

/** What the kind adds to the title ('' when nothing): "respond within 4 h · On-site visits", "¥10,000.00 – ¥20,000.00", "王总、李工". */
export function needSpecifics(t: TFunction, need: Need, language: string): string {
  const join = (parts: string[]) => parts.join(language === 'zh-CN' ? '，' : ' · ');
  if (need.kind === 'expectation') {
    const parts: string[] = [];
    if (need.responseHours !== null) parts.push(t('needs.respondHours', { hours: need.responseHours }));
    if (need.onSite) parts.push(t('need.onSite'));
    if (need.training) parts.push(t('need.training'));
    return join(parts);
  }
  if (need.kind === 'budget' && (need.budgetMinMinor !== null || need.budgetMaxMinor !== null)) {
    const end = (minor: number | null) => (minor === null ? t('needs.openEnd') : formatMoney(minor, need.currency, language));
    return t('needs.budgetRange', { min: end(need.budgetMinMinor), max: end(need.budgetMaxMinor) });
  }
  if (need.kind === 'decision') return need.contacts.map((c) => c.name).join(language === 'zh-CN' ? '、' : ', ');
  return '';
}
