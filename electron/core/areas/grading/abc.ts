// ABC classes on revenue (pure). Customers are ranked by revenue, highest first; a customer is A
// while the share of revenue ranked BEFORE it is below a%, B while below (a + b)%, else C.
// Customers with equal revenue are one tie group: they all get the class and rank of the first of
// them, so the order they happened to be listed in never decides a class. A customer with no
// revenue (0) is always C: there is nothing to rank it by (and when every customer has 0, all are C).
// Shares are compared in integers, never through a rounded fraction.
import type { AbcClass, Cutoffs } from '../../../../shared/api/grading.ts';

export type AbcInput = { customerId: number; revenueMinor: number };
export type AbcResult = {
  customerId: number;
  revenueMinor: number;
  abc: AbcClass;
  /** 1-based, the first rank of its tie group. */
  rank: number;
  /** Of this many customers. */
  of: number;
  /** Share of the total revenue ranked before its tie group, in basis points (0..10000, rounded down). */
  share: number;
};

/** The class of every customer, in ranking order (revenue descending, then customer id for a stable list). */
export function abcClasses(customers: readonly AbcInput[], cutoffs: Cutoffs): AbcResult[] {
  const sorted = [...customers].sort((x, y) => y.revenueMinor - x.revenueMinor || x.customerId - y.customerId);
  const sum = sorted.reduce((total, c) => total + c.revenueMinor, 0);
  // Plain numbers are exact while every product stays below 2^53 (a shop's revenue below 9 × 10^11
  // minor units); past that, BigInt. Both give the same answers.
  const exact = Number.isSafeInteger(sum * 10_000) ? numberShares(sum, cutoffs) : bigShares(sorted, cutoffs);
  const results: AbcResult[] = [];
  let before = 0;
  let group: Omit<AbcResult, 'customerId' | 'revenueMinor'> | null = null;
  let groupRevenue = -1;
  sorted.forEach((customer, index) => {
    if (group === null || customer.revenueMinor !== groupRevenue) {
      groupRevenue = customer.revenueMinor;
      const { abc, share } = exact(before, index, customer.revenueMinor);
      group = { abc, rank: index + 1, of: sorted.length, share };
    }
    results.push({ customerId: customer.customerId, revenueMinor: customer.revenueMinor, ...group });
    before += customer.revenueMinor;
  });
  return results;
}

type Classify = (before: number, index: number, revenue: number) => { abc: AbcClass; share: number };

function numberShares(total: number, cutoffs: Cutoffs): Classify {
  return (before, _index, revenue) => {
    if (revenue <= 0 || total === 0) return { abc: 'C', share: total === 0 ? 0 : floorDiv(before * 10_000, total) };
    const abc: AbcClass = before * 100 < cutoffs.a * total ? 'A' : before * 100 < (cutoffs.a + cutoffs.b) * total ? 'B' : 'C';
    return { abc, share: floorDiv(before * 10_000, total) };
  };
}

/** a / b rounded down, exactly (a floating-point quotient just under an integer may round up to it). */
function floorDiv(a: number, b: number): number {
  const q = Math.floor(a / b);
  return q * b > a ? q - 1 : q;
}

function bigShares(sorted: readonly AbcInput[], cutoffs: Cutoffs): Classify {
  // The sum before each position, in BigInt (the plain `before` passed in may have lost digits).
  const prefix: bigint[] = [0n];
  for (const c of sorted) prefix.push(prefix.at(-1)! + BigInt(c.revenueMinor));
  const total = prefix.at(-1)!;
  const a = BigInt(cutoffs.a);
  const ab = BigInt(cutoffs.a + cutoffs.b);
  return (_before, index, revenue) => {
    const before = prefix[index]!;
    const abc: AbcClass = revenue <= 0 || total === 0n ? 'C' : before * 100n < a * total ? 'A' : before * 100n < ab * total ? 'B' : 'C';
    return { abc, share: total === 0n ? 0 : Number((before * 10000n) / total) };
  };
}
