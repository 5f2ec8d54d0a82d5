// How grading reads in words: each rule as a sentence ("Customers in class C with a recency score of
// at least 3 → Normal"), each item's reason as a sentence, a revenue share from basis points. Pure
// (given `t` and the language), so the unit test checks both languages.
import type { TFunction } from 'i18next';
import type { GradingItem, GradingRule } from '../../../../shared/api/grading.ts';

/** The rule's conditions joined as the language joins a list ("A and B" / "A和B"). */
function conditions(t: TFunction, rule: GradingRule, lng: string): string[] {
  const parts: string[] = [];
  if (rule.abc !== null) parts.push(t('grading.ruleWords.abc', { abc: rule.abc }));
  if (rule.minR !== null) parts.push(t('grading.ruleWords.minR', { n: rule.minR }));
  if (rule.minF !== null) parts.push(t('grading.ruleWords.minF', { n: rule.minF }));
  if (rule.minM !== null) parts.push(t('grading.ruleWords.minM', { n: rule.minM }));
  return parts.length === 0 ? [] : [new Intl.ListFormat(lng, { type: 'conjunction' }).format(parts)];
}

/** One rule as a sentence: its conditions, then the grade it gives. */
export function ruleSentence(t: TFunction, rule: GradingRule, lng: string): string {
  const grade = t(`customer.grades.${rule.grade}`);
  const [when] = conditions(t, rule, lng);
  return when === undefined ? t('grading.ruleAny', { grade }) : t('grading.ruleWhen', { when, grade });
}

/** A share in basis points (0..10000) as a percentage with at most one decimal: "45.2%". */
export function shareText(basisPoints: number, lng: string): string {
  return new Intl.NumberFormat(lng, { style: 'percent', maximumFractionDigits: 1 }).format(basisPoints / 10_000);
}

/** Why the item is suggested: its class from its rank and the share before it, then the rule that matched. */
export function reasonSentence(t: TFunction, item: Pick<GradingItem, 'reason'>, rules: readonly GradingRule[], lng: string): string {
  const { reason } = item;
  const rule = rules[reason.rule];
  const ranked = t('grading.reason', { abc: reason.abc, rank: reason.rank, of: reason.of, share: shareText(reason.share, lng) });
  if (!rule) return ranked;
  return t('grading.reasonRule', { ranked, n: reason.rule + 1, rule: ruleSentence(t, rule, lng) });
}
