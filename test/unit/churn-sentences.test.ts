// Every churn rule the core lists (CHURN_RULES) reads as a sentence in both languages, with its
// numbers in it, and never as a bare key or with an unfilled {{placeholder}}.
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHURN_RULES, type ChurnReason, type ChurnRule } from '../../shared/api/churn.ts';
import { CHURN_SENTENCES, churnSentence } from '../../renderer/src/features/churn/churn-sentences.ts';
import { LANGUAGES, resources } from '../i18n-resources.ts';

beforeAll(async () => {
  await i18next.init({ lng: 'zh-CN', resources, interpolation: { escapeValue: false } });
});

/** One reason of each rule, every number distinct so each can be looked for; and its variants. */
const CASES: Record<ChurnRule, { reason: ChurnReason; numbers: string[] }[]> = {
  interval: [
    { reason: { rule: 'interval', daysSince: 97, usualDays: 31, k: 3, lastOn: '2026-08-27' }, numbers: ['97', '31', '3'] },
    { reason: { rule: 'interval', daysSince: 1, usualDays: 0, k: 2, lastOn: '2026-12-01' }, numbers: ['1', '0', '2'] },
  ],
  cadence: [
    { reason: { rule: 'cadence', daysSince: 45, cadenceDays: 30, grade: 'vip', lastOn: '2026-10-18', neverContacted: false }, numbers: ['45', '30'] },
    { reason: { rule: 'cadence', daysSince: 120, cadenceDays: 90, grade: 'potential', lastOn: '2026-08-04', neverContacted: true }, numbers: ['120', '90'] },
  ],
  satisfaction: [
    { reason: { rule: 'satisfaction', before: 4.5, after: 2.75, scale: 'csat', surveyId: 7, surveyOn: '2026-11-20' }, numbers: ['4.5', '2.75'] },
    { reason: { rule: 'satisfaction', before: 9, after: 6, scale: 'nps', surveyId: 8, surveyOn: '2026-11-21' }, numbers: ['9', '6'] },
  ],
  complaints: [
    { reason: { rule: 'complaints', open: 3, overdue: 2, complaintIds: [1, 2, 3] }, numbers: ['3', '2'] },
    { reason: { rule: 'complaints', open: 1, overdue: 0, complaintIds: [4] }, numbers: ['1'] },
    { reason: { rule: 'complaints', open: 1, overdue: 1, complaintIds: [5] }, numbers: ['1'] },
  ],
  contract: [
    { reason: { rule: 'contract', contractId: 9, number: 'HT-2026-0042', endOn: '2026-12-20', ended: false }, numbers: ['HT-2026-0042', '20'] },
    { reason: { rule: 'contract', contractId: 9, number: 'HT-2025-0007', endOn: '2026-11-15', ended: true }, numbers: ['HT-2025-0007', '15'] },
  ],
};

describe('churn reasons as sentences', () => {
  it('has a sentence function for exactly the rules the core lists', () => {
    expect(Object.keys(CHURN_SENTENCES).sort()).toEqual([...CHURN_RULES].sort());
    expect(Object.keys(CASES).sort()).toEqual([...CHURN_RULES].sort());
  });

  for (const lng of LANGUAGES) {
    for (const rule of CHURN_RULES) {
      it(`${rule} reads as a sentence in ${lng}, with its numbers`, async () => {
        await i18next.changeLanguage(lng);
        const t = i18next.getFixedT(lng);
        for (const { reason, numbers } of CASES[rule]) {
          const sentence = churnSentence(t, reason, lng);
          expect(sentence).not.toMatch(/\{\{|churn\.sentences|customer\.grades/);
          expect(sentence.length).toBeGreaterThan(8);
          for (const n of numbers) expect(sentence, `${sentence} says ${n}`).toContain(n);
        }
      });
    }
  }

  it('names the grade and the date in the screen’s language', async () => {
    const zh = i18next.getFixedT('zh-CN');
    const en = i18next.getFixedT('en-US');
    const cadence = CASES.cadence[0]!.reason;
    expect(churnSentence(zh, cadence, 'zh-CN')).toContain('VIP客户');
    expect(churnSentence(en, cadence, 'en-US')).toContain('VIP');
    const contract = CASES.contract[0]!.reason;
    expect(churnSentence(zh, contract, 'zh-CN')).toContain('2026年12月20日');
    expect(churnSentence(en, contract, 'en-US')).toContain('December 20, 2026');
  });

  it('says "1 open complaint" in the singular in English, and which are overdue', () => {
    const en = i18next.getFixedT('en-US');
    expect(churnSentence(en, CASES.complaints[1]!.reason, 'en-US')).toBe('1 open complaint.');
    expect(churnSentence(en, CASES.complaints[0]!.reason, 'en-US')).toBe('3 open complaints, 2 of them past the deadline.');
  });
});
