import { describe, expect, it } from 'vitest';
import { quintileScores, rfmScores } from '../../electron/core/areas/grading/rfm.ts';

describe('RFM quintile scores', () => {
  it('gives each fifth of 10 distinct values a score from 1 (worst) to 5 (best)', () => {
    expect(quintileScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], true)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    // Recency in days: fewer is better.
    expect(quintileScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], false)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
  });

  it('keeps equal values in one score (the lower rank\'s), whatever order they come in', () => {
    // Sorted: 1, 2, 2, 2, 2, 2, 7, 8, 9, 10: the 2s start at rank 2 → score 1.
    expect(quintileScores([2, 2, 1, 2, 2, 2, 7, 8, 9, 10], true)).toEqual([1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
    expect(quintileScores([5, 5, 5, 5, 5], true)).toEqual([1, 1, 1, 1, 1]);
    const values = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
    const scores = quintileScores(values, true);
    for (let i = 0; i < values.length; i++) for (let j = 0; j < values.length; j++) if (values[i] === values[j]) expect(scores[i]).toBe(scores[j]);
    // Never better for a smaller value.
    for (let i = 0; i < values.length; i++) for (let j = 0; j < values.length; j++) if (values[i]! < values[j]!) expect(scores[i]!).toBeLessThanOrEqual(scores[j]!);
  });

  it('spreads fewer than 5 customers by rank', () => {
    expect(quintileScores([7], true)).toEqual([1]);
    expect(quintileScores([1, 2], true)).toEqual([1, 3]);
    expect(quintileScores([1, 2, 3], true)).toEqual([1, 2, 4]);
    expect(quintileScores([1, 2, 3, 4], true)).toEqual([1, 2, 3, 4]);
    expect(quintileScores([], true)).toEqual([]);
  });

  it('scores recency, frequency and money together', () => {
    const facts = [
      { daysSince: 3, saleCount: 12, revenueMinor: 90_000 },
      { daysSince: 200, saleCount: 1, revenueMinor: 500 },
      { daysSince: 30, saleCount: 4, revenueMinor: 9_000 },
      { daysSince: 60, saleCount: 4, revenueMinor: 12_000 },
      { daysSince: 90, saleCount: 2, revenueMinor: 3_000 },
    ];
    expect(rfmScores(facts)).toEqual([
      { r: 5, f: 5, m: 5 },
      { r: 1, f: 1, m: 1 },
      { r: 4, f: 3, m: 3 },
      { r: 3, f: 3, m: 4 },
      { r: 2, f: 2, m: 2 },
    ]);
  });
});
