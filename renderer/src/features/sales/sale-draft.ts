// The sale form's values are what the user typed (quantities "1.5", prices "12.50"); the core
// takes integers: thousandths of a unit (`quantityMilli`) and minor units of the currency. Both
// conversions go digit by digit on the text, never through a float (0.29 × 100 is 28.999…).
import { QUANTITY_MILLI_MAX, UNIT_PRICE_MAX, lineAmountMinor } from '../../../../shared/api/sales.ts';
import { parseAmount } from '../contracts/money.ts';

/** One line as typed. `itemId`: picked from the catalogue (the name stays editable). */
export type LineValues = { key: number; itemId: number | null; name: string; quantity: string; unitPrice: string; discount: string };

export type SaleValues = {
  customer: { id: number; name: string; code: string } | null;
  soldOn: string;
  currency: string;
  contract: { id: number; number: string; title: string } | null;
  staffId: number | null;
  notes: string;
  lines: LineValues[];
};


export type ParsedQuantity = { ok: true; milli: number } | { ok: false; reason: 'required' | 'quantityFormat' | 'quantityDecimals' | 'quantityRange' };

/** "1.5" → 1500, "２" → 2000 (full-width digits), at most 3 decimals, more than 0. */
export function parseQuantity(text: string): ParsedQuantity {
  const clean = text.normalize('NFKC').replace(/[\s,_]/g, '');
  if (clean === '') return { ok: false, reason: 'required' };
  const match = /^(\d*)(?:\.(\d*))?$/.exec(clean);
  if (!match || (match[1] === '' && (match[2] ?? '') === '')) return { ok: false, reason: 'quantityFormat' };
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > 3) return { ok: false, reason: 'quantityDecimals' };
  const joined = `${match[1] ?? ''}${fraction.padEnd(3, '0')}`.replace(/^0+(?=\d)/, '');
  if (joined.length > 10) return { ok: false, reason: 'quantityRange' };
  const milli = Number(joined);
  if (milli < 1 || milli > QUANTITY_MILLI_MAX) return { ok: false, reason: 'quantityRange' };
  return { ok: true, milli };
}

export type ParsedPrice = { ok: true; minor: number } | { ok: false; reason: 'required' | 'priceFormat' | 'priceDecimals' | 'priceRange' };

/** A typed price or discount in major units → minor units of `currency` ("12.50" CNY → 1250; JPY has none). */
export function parsePrice(text: string, currency: string, emptyIsZero: boolean): ParsedPrice {
  const parsed = parseAmount(text, currency);
  if (!parsed.ok) return { ok: false, reason: parsed.reason === 'decimals' ? 'priceDecimals' : parsed.reason === 'tooLarge' ? 'priceRange' : 'priceFormat' };
  if (parsed.minor === null) return emptyIsZero ? { ok: true, minor: 0 } : { ok: false, reason: 'required' };
  if (parsed.minor > UNIT_PRICE_MAX) return { ok: false, reason: 'priceRange' };
  return { ok: true, minor: parsed.minor };
}

export type LineProblem = Partial<Record<'name' | 'quantity' | 'unitPrice' | 'discount', string>>;
export type DraftLine = { itemId?: number; name: string; quantityMilli: number; unitPriceMinor: number; discountMinor?: number };

/** One typed line → the core's line, or the reason (a translation key under `saleForm.problems`) for each bad field. */
export function lineDraft(line: LineValues, currency: string): { line: DraftLine; amount: number | null } | { problems: LineProblem } {
  const problems: LineProblem = {};
  const name = line.name.trim();
  if (name === '') problems.name = 'required';
  else if (name.length > 200) problems.name = 'nameTooLong';
  const quantity = parseQuantity(line.quantity);
  if (!quantity.ok) problems.quantity = quantity.reason;
  const price = parsePrice(line.unitPrice, currency, false);
  if (!price.ok) problems.unitPrice = price.reason;
  const discount = parsePrice(line.discount, currency, true);
  if (!discount.ok) problems.discount = discount.reason;
  if (!quantity.ok || !price.ok || !discount.ok) return { problems };
  const amount = lineAmountMinor(quantity.milli, price.minor, discount.minor);
  if (amount === null) problems.discount = 'amount';
  if (Object.keys(problems).length > 0) return { problems };
  return {
    line: { ...(line.itemId !== null ? { itemId: line.itemId } : {}), name, quantityMilli: quantity.milli, unitPriceMinor: price.minor, ...(discount.minor > 0 ? { discountMinor: discount.minor } : {}) },
    amount,
  };
}

/** A line the user has not started (no name, price or discount; the quantity starts at 1): left out when saving. */
export const isBlankLine = (line: LineValues) => line.name.trim() === '' && line.unitPrice.trim() === '' && line.discount.trim() === '';

/** The live total of the lines that parse (per the one currency of the sale), or null if none do. */
export function liveTotal(lines: readonly LineValues[], currency: string): number | null {
  let total = 0;
  let any = false;
  for (const line of lines) {
    if (isBlankLine(line)) continue;
    const parsed = lineDraft(line, currency);
    if ('problems' in parsed || parsed.amount === null) continue;
    total += parsed.amount;
    any = true;
  }
  return any ? total : null;
}

let nextKey = 1;
export const blankLine = (): LineValues => ({ key: nextKey++, itemId: null, name: '', quantity: '1', unitPrice: '', discount: '' });
