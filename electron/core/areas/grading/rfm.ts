// RFM quintile scores (pure), 1..5 where 5 is best.
//
// The rule: order the values from worst to best (recency: most days since the last sale first;
// frequency and monetary: smallest first). A value's rank r is the 1-based position of the FIRST
// customer holding that value, so equal values share the lower rank, and its score is
// floor(5 × (r − 1) / n) + 1 for n customers. So with 5 or more distinct values the worst fifth
// scores 1 and the best fifth 5; equal values always score the same (never split across two
// quintiles by the order they were listed in); with fewer than 5 customers the scores spread over
// 1..5 by rank (n = 1: 1; n = 2: 1, 3; n = 3: 1, 2, 4; n = 4: 1, 2, 3, 4); all equal values score 1.

/** Scores aligned with `values`; `higherIsBetter` false for recency in days. */
export function quintileScores(values: readonly number[], higherIsBetter: boolean): number[] {
  const n = values.length;
  const order = values.map((value, index) => ({ key: higherIsBetter ? value : -value, index })).sort((x, y) => x.key - y.key);
  const scores = new Array<number>(n);
  let firstRank = 1;
  order.forEach((entry, position) => {
    if (position > 0 && entry.key !== order[position - 1]!.key) firstRank = position + 1;
    scores[entry.index] = Math.floor((5 * (firstRank - 1)) / n) + 1;
  });
  return scores;
}

export type RfmFacts = { daysSince: number; saleCount: number; revenueMinor: number };
export type RfmScores = { r: number; f: number; m: number };

export function rfmScores(facts: readonly RfmFacts[]): RfmScores[] {
  const r = quintileScores(facts.map((f) => f.daysSince), false);
  const f = quintileScores(facts.map((x) => x.saleCount), true);
  const m = quintileScores(facts.map((x) => x.revenueMinor), true);
  return facts.map((_, i) => ({ r: r[i]!, f: f[i]!, m: m[i]! }));
}
