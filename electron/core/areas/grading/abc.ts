// ABC classes on revenue (pure). Customers are ranked by revenue, highest first; a customer is A
// while the share of revenue ranked BEFORE it is below a%, B while below (a + b)%, else C.
// Customers with equal revenue are one tie group: they all get the class and rank of the first of
// them, so the order they happened to be listed in never decides a class. A customer with no
// revenue (0) is always C: there is nothing to rank it by (and when every customer has 0, all are C).
// Shares are compared in integers (BigInt): a sum of minor units times 100 may pass 2^53.
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
  const total = sorted.reduce((sum, c) => sum + BigInt(c.revenueMinor), 0n);
  const a = BigInt(cutoffs.a);
  const ab = BigInt(cutoffs.a + cutoffs.b);
  const results: AbcResult[] = [];
  let before = 0n;
  let group: Omit<AbcResult, 'customerId' | 'revenueMinor'> | null = null;
  let groupRevenue = -1;
  sorted.forEach((customer, index) => {
    if (group === null || customer.revenueMinor !== groupRevenue) {
      groupRevenue = customer.revenueMinor;
      const abc: AbcClass = customer.revenueMinor <= 0 || total === 0n ? 'C' : before * 100n < a * total ? 'A' : before * 100n < ab * total ? 'B' : 'C';
      group = { abc, rank: index + 1, of: sorted.length, share: total === 0n ? 0 : Number((before * 10000n) / total) };
    }
    results.push({ customerId: customer.customerId, revenueMinor: customer.revenueMinor, ...group });
    before += BigInt(customer.revenueMinor);
  });
  return results;
}
