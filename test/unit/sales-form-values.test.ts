// The sale form's typed values → the core's integers (renderer/src/features/sales/sale-draft.ts):
// quantities to thousandths and prices to minor units digit by digit, never through a float, each
// refusal with its reason; the line amount and live total as the core computes them.
import { describe, expect, it } from 'vitest';
import { blankLine, isBlankLine, lineDraft, liveTotal, parsePrice, parseQuantity, type LineValues } from '../../renderer/src/features/sales/sale-draft.ts';
import { formatSaleQuery, parseSaleQuery } from '../../renderer/src/features/sales/list-query.ts';

const line = (values: Partial<LineValues>): LineValues => ({ ...blankLine(), ...values });

describe('parseQuantity', () => {
  it.each([
    ['2', 2000],
    ['1.5', 1500],
    ['0.125', 125],
    ['1.500', 1500],
    ['００３', 3000],
    ['1,000', 1_000_000],
    ['.5', 500],
    ['1000000', 1_000_000_000],
  ])('%s → %i thousandths', (text, milli) => {
    expect(parseQuantity(text)).toEqual({ ok: true, milli });
  });

  it.each([
    ['', 'required'],
    ['abc', 'quantityFormat'],
    ['-1', 'quantityFormat'],
    ['.', 'quantityFormat'],
    ['1.2345', 'quantityDecimals'],
    ['0', 'quantityRange'],
    ['0.0001', 'quantityDecimals'],
    ['1000000.001', 'quantityRange'],
    ['99999999999999999999', 'quantityRange'],
  ])('%s is refused: %s', (text, reason) => {
    expect(parseQuantity(text)).toEqual({ ok: false, reason });
  });
});

describe('parsePrice', () => {
  it('converts digit by digit: 0.29 is 29 fen, not 28', () => {
    expect(parsePrice('0.29', 'CNY', false)).toEqual({ ok: true, minor: 29 });
    expect(parsePrice('12.5', 'CNY', false)).toEqual({ ok: true, minor: 1250 });
    expect(parsePrice('1,234.56', 'USD', false)).toEqual({ ok: true, minor: 123456 });
  });
  it('follows the currency digits: yen have none', () => {
    expect(parsePrice('1200', 'JPY', false)).toEqual({ ok: true, minor: 1200 });
    expect(parsePrice('12.5', 'JPY', false)).toEqual({ ok: false, reason: 'priceDecimals' });
    expect(parsePrice('80.005', 'CNY', false)).toEqual({ ok: false, reason: 'priceDecimals' });
  });
  it('empty is required for a price and zero for a discount', () => {
    expect(parsePrice('', 'CNY', false)).toEqual({ ok: false, reason: 'required' });
    expect(parsePrice('', 'CNY', true)).toEqual({ ok: true, minor: 0 });
  });
  it('refuses what is no amount or is beyond the core limit', () => {
    expect(parsePrice('12元', 'CNY', false)).toEqual({ ok: false, reason: 'priceFormat' });
    expect(parsePrice('-3', 'CNY', false)).toEqual({ ok: false, reason: 'priceFormat' });
    expect(parsePrice('100000000001', 'CNY', false)).toEqual({ ok: false, reason: 'priceRange' });
  });
});

describe('lineDraft and liveTotal', () => {
  it('computes amounts half up from integers, like the core', () => {
    const parsed = lineDraft(line({ name: ' 滤芯 ', quantity: '1.5', unitPrice: '129.99' }), 'CNY');
    expect(parsed).toEqual({ line: { name: '滤芯', quantityMilli: 1500, unitPriceMinor: 12999 }, amount: 19499 });
  });
  it('keeps the catalogue item and a discount', () => {
    const parsed = lineDraft(line({ itemId: 7, name: '清洗', quantity: '2', unitPrice: '288.50', discount: '7' }), 'CNY');
    expect(parsed).toEqual({ line: { itemId: 7, name: '清洗', quantityMilli: 2000, unitPriceMinor: 28850, discountMinor: 700 }, amount: 57000 });
  });
  it('names every bad field, and a discount above the amount', () => {
    expect(lineDraft(line({ name: '', quantity: 'x', unitPrice: '1.234' }), 'CNY')).toEqual({ problems: { name: 'required', quantity: 'quantityFormat', unitPrice: 'priceDecimals' } });
    expect(lineDraft(line({ name: 'a', quantity: '1', unitPrice: '5', discount: '6' }), 'CNY')).toEqual({ problems: { discount: 'amount' } });
  });
  it('sums the lines that parse and skips the blank spare line', () => {
    const lines = [line({ name: 'a', quantity: '2', unitPrice: '288.50' }), line({ name: 'b', quantity: '1', unitPrice: 'bad' }), blankLine()];
    expect(isBlankLine(lines[2]!)).toBe(true);
    expect(liveTotal(lines, 'CNY')).toBe(57700);
    expect(liveTotal([blankLine()], 'CNY')).toBeNull();
  });
});

describe('the sales list address', () => {
  it('keeps the drill-down filters and drops what is not valid', () => {
    const filters = parseSaleQuery('month=2026-11&grade=vip&currency=cny&ownerId=3&staffId=x&from=2026-13-01&q=%20滤芯%20&customerId=12');
    expect(filters).toEqual({ month: '2026-11', grade: 'vip', currency: 'CNY', ownerId: 3, q: '滤芯', customerId: 12 });
    expect(parseSaleQuery(formatSaleQuery(filters))).toEqual(filters);
    expect(formatSaleQuery({})).toBe('');
    expect(parseSaleQuery('deleted=1')).toEqual({ deleted: true });
    expect(parseSaleQuery('deleted=yes')).toEqual({});
  });
});
