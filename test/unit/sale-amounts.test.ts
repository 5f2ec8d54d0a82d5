// Sale money (shared/api/sales.ts): a line's amount is round_half_up(quantityMilli × unitPriceMinor
// / 1000) − discount, exact past 2^53 (BigInt), never negative; totals per currency are never added
// across currencies; quantities typed as text become thousandths without a float.
import { describe, expect, it } from 'vitest';
import { formatQuantity, lineAmountMinor, monthOf, parseQuantityMilli, SaleDraft, saleTotalMinor, totalsByCurrency } from '../../shared/api/sales.ts';
import { parseLine } from '../../electron/cli/commands/sales.ts';

describe('lineAmountMinor', () => {
  it('multiplies thousandths by the unit price and rounds half up', () => {
    expect(lineAmountMinor(1000, 1250)).toBe(1250); // 1 × 12.50
    expect(lineAmountMinor(1500, 1250)).toBe(1875); // 1.5 × 12.50
    expect(lineAmountMinor(1500, 1)).toBe(2); // 0.0015 → half up → 0.02
    expect(lineAmountMinor(500, 1)).toBe(1); // 0.005 exactly half → up
    expect(lineAmountMinor(499, 1)).toBe(0); // 0.00499 → down
    expect(lineAmountMinor(333, 100)).toBe(33); // 0.333 × 1.00 = 0.333 → 0.33
    expect(lineAmountMinor(335, 100)).toBe(34); // 33.5 fen → 34
  });

  it('takes the discount off and refuses a negative amount', () => {
    expect(lineAmountMinor(2000, 1000, 500)).toBe(1500);
    expect(lineAmountMinor(2000, 1000, 2000)).toBe(0);
    expect(lineAmountMinor(2000, 1000, 2001)).toBeNull();
  });

  it('is exact where the product passes 2^53, and refuses amounts beyond the largest exact number', () => {
    // 10,105.608 × 6,694,729,150.95: the product (6.8e19) is far past 2^53; a float gets the last fen wrong.
    expect(lineAmountMinor(10_105_608, 669_472_915_095)).toBe(6_765_430_846_567_353);
    expect(Math.floor((10_105_608 * 669_472_915_095) / 1000 + 0.5)).toBe(6_765_430_846_567_352);
    // 999,999.999 × 90,071,992,547.40: past the largest exact amount → refused (reason 'amount').
    expect(lineAmountMinor(999_999_999, 9_007_199_254_740)).toBeNull();
  });

  it('sums a sale exactly and refuses a total past the largest exact number', () => {
    expect(saleTotalMinor([{ quantityMilli: 1500, unitPriceMinor: 1250 }, { quantityMilli: 2000, unitPriceMinor: 99, discountMinor: 10 }])).toBe(1875 + 188);
    const big = { quantityMilli: 1000, unitPriceMinor: 5_000_000_000_000 };
    expect(saleTotalMinor([big, big])).toBe(10_000_000_000_000);
    expect(saleTotalMinor(Array.from({ length: 2000 }, () => big))).toBeNull(); // 1e16 fen
  });
});

describe('totals per currency', () => {
  it('never adds two currencies', () => {
    expect(
      totalsByCurrency([
        { currency: 'USD', totalMinor: 100 },
        { currency: 'CNY', totalMinor: 5000 },
        { currency: 'USD', totalMinor: 250 },
        { currency: 'CNY', totalMinor: 1 },
      ]),
    ).toEqual([
      { currency: 'CNY', totalMinor: 5001 },
      { currency: 'USD', totalMinor: 350 },
    ]);
  });
});

describe('quantities as text', () => {
  it('become thousandths digit by digit', () => {
    expect(parseQuantityMilli('1')).toBe(1000);
    expect(parseQuantityMilli('1.5')).toBe(1500);
    expect(parseQuantityMilli('0.125')).toBe(125);
    expect(parseQuantityMilli('２.５')).toBe(2500); // full-width digits
    expect(parseQuantityMilli('0.1')).toBe(100); // not 100.00000000000001
    expect(parseQuantityMilli('1000000')).toBe(1_000_000_000);
  });

  it('refuses zero, negatives, more than 3 decimals, words and the limit', () => {
    for (const bad of ['0', '0.000', '-1', '1.2345', 'abc', '', '1e3', '1,5', '1000000.001']) expect(parseQuantityMilli(bad), bad).toBeNull();
  });

  it('format back', () => {
    expect(formatQuantity(1500)).toBe('1.5');
    expect(formatQuantity(2000)).toBe('2');
    expect(formatQuantity(125)).toBe('0.125');
  });
});

describe('the CLI line "name,qty,price[,discount]"', () => {
  it('reads prices in major units exactly, per currency', () => {
    expect(parseLine('茶叶,1.5,12.50', 'CNY')).toEqual({ name: '茶叶', quantityMilli: 1500, unitPriceMinor: 1250, discountMinor: 0 });
    expect(parseLine('茶叶,2,0.10,0.05', 'CNY')).toEqual({ name: '茶叶', quantityMilli: 2000, unitPriceMinor: 10, discountMinor: 5 });
    expect(parseLine('Sample set, large,1,500', 'JPY')).toEqual({ name: 'Sample set, large', quantityMilli: 1000, unitPriceMinor: 500, discountMinor: 0 });
    expect(() => parseLine('茶叶,1,12.505', 'CNY')).toThrow(/price/);
    expect(() => parseLine('茶叶,1.2345,1', 'CNY')).toThrow(/quantity/);
    expect(() => parseLine('茶叶,1', 'CNY')).toThrow(/name,quantity,price/);
  });
});

describe('the sale draft', () => {
  const line = { name: '茶叶', quantityMilli: 1000, unitPriceMinor: 100 };
  it('says amount when a discount passes the line', () => {
    const result = SaleDraft.safeParse({ customerId: 1, soldOn: '2026-11-30', lines: [{ ...line, discountMinor: 101 }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toContain('amount');
  });
  it('takes 1 to 200 lines and defaults the currency to CNY', () => {
    expect(SaleDraft.safeParse({ customerId: 1, soldOn: '2026-11-30', lines: [] }).success).toBe(false);
    expect(SaleDraft.safeParse({ customerId: 1, soldOn: '2026-11-30', lines: Array.from({ length: 201 }, () => line) }).success).toBe(false);
    expect(SaleDraft.parse({ customerId: 1, soldOn: '2026-11-30', lines: [line] }).currency).toBe('CNY');
  });
  it('counts a sale in the month of its calendar day', () => {
    expect(monthOf('2026-11-30')).toBe('2026-11');
    expect(monthOf('2026-12-01')).toBe('2026-12');
  });
});
