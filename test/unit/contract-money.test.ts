// The contract screens' pure parts: typed money to minor units and back (never through a float),
// the list's address, and the merge that keeps what was typed after a stale-version conflict.
import { describe, expect, it } from 'vitest';
import { emptyContract, mergeOverTheirs } from '../../renderer/src/features/contracts/contract-draft.ts';
import { coreFilters, formatContractQuery, parseContractQuery } from '../../renderer/src/features/contracts/list-query.ts';
import { decimalText, formatMoney, parseAmount } from '../../renderer/src/features/contracts/money.ts';

describe('contract amounts', () => {
  it('turns decimal text into exact minor units', () => {
    expect(parseAmount('0.29', 'CNY')).toEqual({ ok: true, minor: 29 }); // 0.29 * 100 is 28.999999999999996
    expect(parseAmount('1,234.5', 'CNY')).toEqual({ ok: true, minor: 123450 });
    expect(parseAmount(' 12 345.67 ', 'CNY')).toEqual({ ok: true, minor: 1234567 });
    expect(parseAmount('１２３４．５０', 'CNY')).toEqual({ ok: true, minor: 123450 }); // full-width, as a Chinese IME types
    expect(parseAmount('¥88', 'CNY')).toEqual({ ok: true, minor: 8800 });
    expect(parseAmount('.5', 'USD')).toEqual({ ok: true, minor: 50 });
    expect(parseAmount('1500', 'JPY')).toEqual({ ok: true, minor: 1500 });
    expect(parseAmount('2.10', 'JPY')).toEqual({ ok: false, reason: 'decimals' });
    expect(parseAmount('2.0', 'JPY')).toEqual({ ok: true, minor: 2 });
    expect(parseAmount('', 'CNY')).toEqual({ ok: true, minor: null });
    expect(parseAmount('1.234', 'CNY')).toEqual({ ok: false, reason: 'decimals' });
    expect(parseAmount('-5', 'CNY')).toEqual({ ok: false, reason: 'format' });
    expect(parseAmount('12a', 'CNY')).toEqual({ ok: false, reason: 'format' });
    expect(parseAmount('1.2.3', 'CNY')).toEqual({ ok: false, reason: 'format' });
    expect(parseAmount('90071992547409.91', 'CNY')).toEqual({ ok: true, minor: 9007199254740991 });
    expect(parseAmount('90071992547409.92', 'CNY')).toEqual({ ok: false, reason: 'tooLarge' });
  });

  it('writes minor units back as exact decimal text and formats them in the UI language', () => {
    expect(decimalText(29, 'CNY')).toBe('0.29');
    expect(decimalText(123450, 'CNY')).toBe('1234.50');
    expect(decimalText(9007199254740991, 'CNY')).toBe('90071992547409.91');
    expect(decimalText(1500, 'JPY')).toBe('1500');
    expect(formatMoney(123450, 'CNY', 'zh-CN')).toBe('¥1,234.50');
    expect(formatMoney(123450, 'CNY', 'en-US')).toBe('CN¥1,234.50');
    expect(formatMoney(9007199254740991, 'USD', 'en-US')).toBe('$90,071,992,547,409.91');
  });
});

describe('contract list address', () => {
  it('keeps valid filters, drops the rest, and round-trips', () => {
    const query = parseContractQuery('status=expiring&type=nope&customer=12&within=30&min=1000.5&max=x&signedFrom=2026-01-01&sort=amount&dir=desc');
    expect(query).toEqual({
      filters: { status: 'expiring', customerId: 12, expiringWithinDays: 30, amountMin: '1000.5', amountMax: 'x', signedFrom: '2026-01-01' },
      sort: 'amount',
      direction: 'desc',
    });
    expect(parseContractQuery(formatContractQuery(query))).toEqual(query);
    expect(formatContractQuery(parseContractQuery(''))).toBe('');
  });

  it('sends amounts to the core as minor units of the chosen currency, leaving out text that is not money', () => {
    expect(coreFilters({ amountMin: '1000.5', amountMax: 'x' })).toEqual({ amountMin: 100050 });
    expect(coreFilters({ amountMin: '1000', currency: 'JPY' })).toEqual({ amountMin: 1000, currency: 'JPY' });
  });
});

describe('a stale-version conflict', () => {
  it('lays what the user changed over the stored version and keeps their other changes', () => {
    const base = { ...emptyContract('HT-2026-0001', { id: 1, name: '甲', code: 'C000001' }, 1), title: 'Old', notes: 'n' };
    const mine = { ...base, title: 'Mine', amountText: '10', amount: 1000 };
    const theirs = { ...base, notes: 'theirs', endOn: '2027-01-01' };
    const { values, kept } = mergeOverTheirs(base, mine, theirs);
    expect(values).toEqual({ ...theirs, title: 'Mine', amountText: '10', amount: 1000 });
    expect(kept.sort()).toEqual(['amount', 'amountText', 'title']);
  });
});
