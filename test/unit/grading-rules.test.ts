import { describe, expect, it } from 'vitest';
import { DEFAULT_GRADING_RULES, GradingSettings, DEFAULT_GRADING_SETTINGS, type GradingRule } from '../../shared/api/grading.ts';
import { firstMatch, ruleIssues, ruleSource } from '../../electron/core/areas/grading/rules.ts';

const rule = (r: Partial<GradingRule>): GradingRule => ({ abc: null, minR: null, minF: null, minM: null, grade: 'normal', ...r });
const gradeOf = (rules: readonly GradingRule[], facts: { abc: 'A' | 'B' | 'C'; r: number; f: number; m: number }) => {
  const index = firstMatch(rules, facts);
  return index === null ? null : rules[index]!.grade;
};

describe('grading rules', () => {
  it('maps by the defaults: A → vip, B → key, C with R ≥ 3 → normal, C → potential', () => {
    expect(gradeOf(DEFAULT_GRADING_RULES, { abc: 'A', r: 1, f: 1, m: 1 })).toBe('vip');
    expect(gradeOf(DEFAULT_GRADING_RULES, { abc: 'B', r: 5, f: 5, m: 5 })).toBe('key');
    expect(gradeOf(DEFAULT_GRADING_RULES, { abc: 'C', r: 3, f: 1, m: 1 })).toBe('normal');
    expect(gradeOf(DEFAULT_GRADING_RULES, { abc: 'C', r: 2, f: 5, m: 5 })).toBe('potential');
    expect(firstMatch(DEFAULT_GRADING_RULES, { abc: 'C', r: 5, f: 1, m: 1 })).toBe(2);
    expect(DEFAULT_GRADING_RULES.map(ruleSource)).toEqual(['abc', 'abc', 'rfm', 'abc']);
  });

  it('takes the first rule that matches, top to bottom', () => {
    const rules = [rule({ minF: 4, minM: 4, grade: 'vip' }), rule({ abc: 'A', grade: 'key' }), rule({ grade: 'potential' })];
    expect(gradeOf(rules, { abc: 'A', r: 1, f: 4, m: 5 })).toBe('vip');
    expect(gradeOf(rules, { abc: 'A', r: 1, f: 3, m: 5 })).toBe('key');
    expect(gradeOf(rules, { abc: 'B', r: 5, f: 3, m: 5 })).toBe('potential');
    // The same rules in another order decide otherwise.
    expect(gradeOf([rules[2]!, rules[0]!], { abc: 'A', r: 5, f: 5, m: 5 })).toBe('potential');
    // No rule matches: no suggestion.
    expect(firstMatch([rule({ abc: 'A' })], { abc: 'B', r: 5, f: 5, m: 5 })).toBeNull();
  });

  it('finds what is wrong with an edited rule list', () => {
    expect(ruleIssues(DEFAULT_GRADING_RULES)).toEqual([]);
    expect(ruleIssues([])).toEqual([{ index: null, reason: 'empty' }]);
    expect(ruleIssues([rule({}), rule({ grade: 'gold' as never })])).toEqual([{ index: 1, reason: 'grade' }]); // a grade that is not one of the four, as a hand-made file might say
    expect(ruleIssues([rule({ minR: 6 }), rule({ abc: 'D' as never })])).toEqual([
      { index: 0, reason: 'score' },
      { index: 1, reason: 'abc' },
    ]);
    expect(ruleIssues(Array.from({ length: 21 }, () => rule({})))).toEqual([{ index: null, reason: 'tooMany' }]);
  });

  it('is refused at the door the same way (the contract\'s settings schema)', () => {
    expect(GradingSettings.safeParse(DEFAULT_GRADING_SETTINGS).success).toBe(true);
    expect(GradingSettings.safeParse({ ...DEFAULT_GRADING_SETTINGS, rules: [] }).success).toBe(false);
    expect(GradingSettings.safeParse({ ...DEFAULT_GRADING_SETTINGS, rules: [rule({ grade: 'gold' as never })] }).success).toBe(false);
    expect(GradingSettings.safeParse({ ...DEFAULT_GRADING_SETTINGS, cutoffs: { a: 80, b: 30 } }).success).toBe(false);
  });
});
