// The low-score rule as a table: which answers are low under which thresholds, whether a complaint
// opens, and how severe it is (a 1, or an NPS of 3 or less, among the low answers: high).
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOW_SCORE_RULE, lowScoreReasons, npsClass, npsScore, type LowScoreRule } from '../../shared/low-score.ts';

const s = (...scores: number[]) => scores.map((score, i) => ({ dimensionId: i + 1, score }));

type Row = { scores: number[]; nps: number | null; rule?: LowScoreRule; low: number[]; lowNps: number | null; severity: 'high' | 'medium' | null };

const TABLE: Row[] = [
  // Defaults: any dimension ≤ 2, NPS ≤ 6.
  { scores: [5, 5, 5, 5], nps: 10, low: [], lowNps: null, severity: null },
  { scores: [3, 3, 3, 3], nps: 7, low: [], lowNps: null, severity: null },
  { scores: [4, 2], nps: null, low: [2], lowNps: null, severity: 'medium' },
  { scores: [4, 1], nps: 9, low: [2], lowNps: null, severity: 'high' },
  { scores: [2, 2, 5], nps: null, low: [1, 2], lowNps: null, severity: 'medium' },
  { scores: [], nps: 6, low: [], lowNps: 6, severity: 'medium' },
  { scores: [], nps: 4, low: [], lowNps: 4, severity: 'medium' },
  { scores: [], nps: 3, low: [], lowNps: 3, severity: 'high' },
  { scores: [], nps: 0, low: [], lowNps: 0, severity: 'high' },
  { scores: [5], nps: 7, low: [], lowNps: null, severity: null },
  { scores: [4, 2], nps: 5, low: [2], lowNps: 5, severity: 'medium' },
  // The owner's thresholds: stricter...
  { scores: [3, 4], nps: 8, rule: { dimensionAtMost: 3, npsAtMost: 8 }, low: [1], lowNps: 8, severity: 'medium' },
  // ...and looser: a 2 and an NPS of 3 are not low, so they open nothing (and say nothing of severity).
  { scores: [2], nps: 3, rule: { dimensionAtMost: 1, npsAtMost: 2 }, low: [], lowNps: null, severity: null },
  { scores: [1], nps: 3, rule: { dimensionAtMost: 1, npsAtMost: 2 }, low: [1], lowNps: null, severity: 'high' },
  { scores: [4], nps: 9, rule: { dimensionAtMost: 4, npsAtMost: 9 }, low: [1], lowNps: 9, severity: 'medium' },
  { scores: [], nps: 0, rule: { dimensionAtMost: 2, npsAtMost: 0 }, low: [], lowNps: 0, severity: 'high' },
];

describe('lowScoreReasons', () => {
  for (const row of TABLE) {
    const rule = row.rule ?? DEFAULT_LOW_SCORE_RULE;
    it(`scores ${JSON.stringify(row.scores)}, NPS ${row.nps} under ≤${rule.dimensionAtMost} / ≤${rule.npsAtMost}`, () => {
      const reasons = lowScoreReasons(s(...row.scores), row.nps, rule);
      expect(reasons.dimensions.map((d) => d.dimensionId)).toEqual(row.low);
      expect(reasons.nps).toBe(row.lowNps);
      expect(reasons.low).toBe(row.severity !== null);
      if (row.severity !== null) expect(reasons.severity).toBe(row.severity);
    });
  }

  it('keeps each low dimension with its score', () => {
    expect(lowScoreReasons([{ dimensionId: 7, score: 1 }, { dimensionId: 3, score: 2 }], null, DEFAULT_LOW_SCORE_RULE).dimensions).toEqual([
      { dimensionId: 7, score: 1 },
      { dimensionId: 3, score: 2 },
    ]);
  });
});

describe('NPS', () => {
  it('classes 0–6 as detractors, 7–8 as passives, 9–10 as promoters', () => {
    expect(Array.from({ length: 11 }, (_, n) => npsClass(n))).toEqual([...Array(7).fill('detractor'), 'passive', 'passive', 'promoter', 'promoter']);
  });
  it('is % promoters − % detractors, one decimal, null with no answers', () => {
    expect(npsScore(0, 0, 0)).toBeNull();
    expect(npsScore(10, 5, 2)).toBe(30);
    expect(npsScore(3, 1, 2)).toBe(-33.3);
    expect(npsScore(4, 0, 4)).toBe(-100);
  });
});
