import { describe, expect, it } from 'vitest';
import { abcClasses } from '../../electron/core/areas/grading/abc.ts';

const classes = (revenues: number[], cutoffs = { a: 70, b: 20 }) =>
  abcClasses(
    revenues.map((revenueMinor, i) => ({ customerId: i + 1, revenueMinor })),
    cutoffs,
  );
const byId = (results: ReturnType<typeof abcClasses>) => Object.fromEntries(results.map((r) => [r.customerId, r.abc]));

describe('ABC classes', () => {
  it('gives A while the share before is under 70 %, B under 90 %, else C (default cut-offs)', () => {
    const results = classes([5, 10, 15, 20, 25, 30, 35, 40, 45, 50]);
    expect(results.map((r) => r.customerId)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    // Total 275; the shares before: 0, 18.2, 34.5, 49.1, 61.8 | 72.7, 81.8, 89.1 | 94.5, 98.2 %.
    expect(results.map((r) => r.abc)).toEqual(['A', 'A', 'A', 'A', 'A', 'B', 'B', 'B', 'C', 'C']);
    expect(results.map((r) => r.share)).toEqual([0, 1818, 3454, 4909, 6181, 7272, 8181, 8909, 9454, 9818]);
    expect(results.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('follows edited cut-offs', () => {
    const results = classes([40, 30, 20, 10], { a: 50, b: 30 });
    expect(results.map((r) => r.abc)).toEqual(['A', 'A', 'B', 'C']);
    // b = 0: nobody is B.
    expect(classes([40, 30, 20, 10], { a: 50, b: 0 }).map((r) => r.abc)).toEqual(['A', 'A', 'C', 'C']);
  });

  it('gives equal revenue the same class and rank, whatever order they come in', () => {
    // 60, then three of 10: the share before the first 10 is 60/90 = 66.7 % < 70: all three are A.
    const one = classes([60, 10, 10, 10]);
    expect(byId(one)).toEqual({ 1: 'A', 2: 'A', 3: 'A', 4: 'A' });
    expect(one.map((r) => r.rank)).toEqual([1, 2, 2, 2]);
    const other = classes([10, 10, 60, 10]);
    expect(byId(other)).toEqual({ 1: 'A', 2: 'A', 3: 'A', 4: 'A' });
    // A tie group that starts in B stays all B, though the later ones' own share would be C.
    expect(classes([70, 10, 10, 10]).map((r) => r.abc)).toEqual(['A', 'B', 'B', 'B']);
  });

  it('grades a shop with 3 customers', () => {
    expect(classes([500, 300, 200]).map((r) => [r.abc, r.share])).toEqual([
      ['A', 0],
      ['A', 5000],
      ['B', 8000],
    ]);
    expect(classes([100, 100, 100]).map((r) => r.abc)).toEqual(['A', 'A', 'A']);
    expect(classes([900, 50, 50]).map((r) => r.abc)).toEqual(['A', 'C', 'C']);
  });

  it('gives one customer A, and customers without revenue C', () => {
    expect(classes([1])).toEqual([{ customerId: 1, revenueMinor: 1, abc: 'A', rank: 1, of: 1, share: 0 }]);
    expect(classes([100, 0, 0]).map((r) => r.abc)).toEqual(['A', 'C', 'C']);
    expect(classes([0, 0]).map((r) => r.abc)).toEqual(['C', 'C']);
    expect(classes([])).toEqual([]);
  });

  it('compares shares exactly where minor units times 100 pass 2^53', () => {
    const big = 9_000_000_000_000_000; // > 2^53 / 100
    // Exactly 70 % before the second: not under 70, so B.
    expect(classes([7 * big, 2 * big, big].map((x) => x / 100)).map((r) => r.abc)).toEqual(['A', 'B', 'C']);
  });
});
