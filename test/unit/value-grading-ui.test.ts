// The grading screens' pure parts (renderer/src/features/grading): each default rule reads as a
// sentence in both languages, an item's reason names its class, rank and share, and the settings
// form refuses cut-offs that are not whole numbers or leave C nothing (a + b < 100).
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_GRADING_RULES, DEFAULT_GRADING_SETTINGS } from '../../shared/api/grading.ts';
import { reasonSentence, ruleSentence, shareText } from '../../renderer/src/features/grading/grading-format.ts';
import { checkSettings, settingsOf, valuesOf } from '../../renderer/src/features/grading/settings-values.ts';
import { resources } from '../i18n-resources.ts';

beforeAll(async () => {
  await i18next.init({ lng: 'zh-CN', resources, interpolation: { escapeValue: false } });
});

describe('grading rules as sentences', () => {
  it('reads the default rules in both languages', () => {
    const en = i18next.getFixedT('en-US');
    const zh = i18next.getFixedT('zh-CN');
    expect(DEFAULT_GRADING_RULES.map((rule) => ruleSentence(en, rule, 'en-US'))).toEqual([
      'Customers in class A become VIP.',
      'Customers in class B become Key.',
      'Customers in class C and with a recency score of at least 3 become Normal.',
      'Customers in class C become Potential.',
    ]);
    expect(ruleSentence(zh, DEFAULT_GRADING_RULES[2]!, 'zh-CN')).toBe('C类和近度分不低于 3的客户设为普通客户。');
    expect(ruleSentence(en, { abc: null, minR: null, minF: null, minM: null, grade: 'potential' }, 'en-US')).toBe('All other customers become Potential.');
  });

  it('says why an item is suggested: class, rank, the share before it, and the rule', () => {
    const en = i18next.getFixedT('en-US');
    const item = { reason: { rule: 0, abc: 'A' as const, share: 4520, rank: 3, of: 120 } };
    expect(shareText(4520, 'en-US')).toBe('45.2%');
    expect(reasonSentence(en, item, DEFAULT_GRADING_RULES, 'en-US')).toBe('Class A: ranked 3 of 120 by revenue, with 45.2% of revenue ranked before it. Rule 1: Customers in class A become VIP.');
  });
});

describe('the grading settings form', () => {
  const base = valuesOf(DEFAULT_GRADING_SETTINGS, 2);

  it('accepts the defaults and gives them back unchanged', () => {
    expect(checkSettings(base)).toEqual({});
    expect(settingsOf(base)).toEqual({ settings: DEFAULT_GRADING_SETTINGS, k: 2 });
  });

  it('refuses cut-offs that are not whole numbers, or leave C no share', () => {
    expect(checkSettings({ ...base, a: '70.5' }).a).toBe('grading.invalid.integer');
    expect(checkSettings({ ...base, b: '' }).b).toBe('grading.invalid.integer');
    expect(checkSettings({ ...base, a: '80', b: '20' }).b).toBe('grading.invalid.sum');
    expect(checkSettings({ ...base, a: '0' }).a).toBe('grading.invalid.aRange');
    expect(checkSettings({ ...base, a: '80', b: '19' })).toEqual({});
  });

  it('refuses an unknown currency, no rules, and k outside 1..10', () => {
    expect(checkSettings({ ...base, currency: 'XYZ' }).currency).toBe('grading.invalid.currency');
    expect(checkSettings({ ...base, currency: 'usd' })).toEqual({});
    expect(checkSettings({ ...base, rules: [] }).rules).toBe('grading.invalid.noRules');
    expect(checkSettings({ ...base, k: '11' }).k).toBe('grading.invalid.k');
    expect(checkSettings({ ...base, k: '1.5' }).k).toBe('grading.invalid.k');
  });
});
