// Grading rules (pure): an ordered list, evaluated top to bottom; the first rule whose every set
// condition holds gives the grade. A condition left null holds for everyone; an RFM minimum holds
// when the score is at least it. A customer no rule matches gets no suggestion.
import { GRADES } from '../../../../shared/api/customers.ts';
import { ABC_CLASSES, GRADING_RULES_MAX, type AbcClass, type GradeSource, type GradingRule } from '../../../../shared/api/grading.ts';

export type RuleFacts = { abc: AbcClass; r: number; f: number; m: number };

/** The index of the first matching rule, or null. */
export function firstMatch(rules: readonly GradingRule[], facts: RuleFacts): number | null {
  const index = rules.findIndex(
    (rule) =>
      (rule.abc === null || rule.abc === facts.abc) &&
      (rule.minR === null || facts.r >= rule.minR) &&
      (rule.minF === null || facts.f >= rule.minF) &&
      (rule.minM === null || facts.m >= rule.minM),
  );
  return index < 0 ? null : index;
}

/** What the grade history says suggested it: 'rfm' when the rule looks at any RFM score, else 'abc'. */
export function ruleSource(rule: GradingRule): Extract<GradeSource, 'abc' | 'rfm'> {
  return rule.minR !== null || rule.minF !== null || rule.minM !== null ? 'rfm' : 'abc';
}

export type RuleIssue = { index: number | null; reason: 'empty' | 'tooMany' | 'grade' | 'abc' | 'score' };

/**
 * Problems with an edited rule list (empty = fine). The contract's schema refuses the same at the
 * door; this is the one place that says it for the core and the tests, rule by rule.
 */
export function ruleIssues(rules: readonly GradingRule[]): RuleIssue[] {
  if (rules.length === 0) return [{ index: null, reason: 'empty' }];
  const issues: RuleIssue[] = rules.length > GRADING_RULES_MAX ? [{ index: null, reason: 'tooMany' }] : [];
  const score = (value: number | null) => value === null || (Number.isInteger(value) && value >= 1 && value <= 5);
  rules.forEach((rule, index) => {
    if (!(GRADES as readonly string[]).includes(rule.grade)) issues.push({ index, reason: 'grade' });
    if (rule.abc !== null && !(ABC_CLASSES as readonly string[]).includes(rule.abc)) issues.push({ index, reason: 'abc' });
    if (![rule.minR, rule.minF, rule.minM].every(score)) issues.push({ index, reason: 'score' });
  });
  return issues;
}
