// Exact decimals for sales imports: a quantity to thousandths, a price or discount to the currency's
// minor unit, read as digits (never through a float). Text may carry a currency sign and thousands
// separators (¥1,234.50); full-width digits fold. A workbook's number is taken from its raw value
// (what Excel holds), written as the shortest decimal that is that number. Text in scientific
// notation (1.38E+10, as Excel saves a long number to CSV) lost digits: refused as 'scientific'.
import { bad, folded, ok, type CellResult, type RawCell } from './result.ts';

const SIGNS = /^[¥￥$€£]|^(?:rmb|cny|usd)\s*/i;
const SCIENTIFIC = /^\d+(?:\.\d+)?e[+-]?\d+$/i;
const PLAIN = /^(\d*)(?:\.(\d*))?$/;

/**
 * The cell as an integer count of 10^-digits units ('1.5' with 3 digits → 1500n), or null for an
 * empty cell. More decimals than `digits` are refused unless they are zeros; negative numbers are
 * refused ('number').
 */
export function parseDecimalCell(text: string, raw: RawCell | undefined, digits: number): CellResult<bigint | null> {
  let t: string;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || raw < 0) return bad('number');
    t = String(raw);
    // 1e21 and beyond, or 1e-7 and below: far past any limit or any minor unit.
    if (/e/i.test(t)) return bad('number');
  } else {
    t = folded(text).replace(SIGNS, '').replace(/[,\s]/g, '');
    if (t === '') return ok(null);
    if (SCIENTIFIC.test(t)) return bad('scientific');
  }
  const match = PLAIN.exec(t);
  if (!match || (match[1] === '' && (match[2] ?? '') === '')) return bad('number');
  const fraction = match[2] ?? '';
  if (fraction.length > digits && !/^0*$/.test(fraction.slice(digits))) return bad('number');
  return ok(BigInt((match[1] || '0') + fraction.slice(0, digits).padEnd(digits, '0')));
}

/** Words shops write for a currency, beside its ISO code. */
const CURRENCY_WORDS: Record<string, string> = {
  人民币: 'CNY', rmb: 'CNY', '¥': 'CNY', '￥': 'CNY', 元: 'CNY',
  美元: 'USD', '$': 'USD', 港币: 'HKD', 港元: 'HKD', 欧元: 'EUR', '€': 'EUR', 日元: 'JPY', 英镑: 'GBP', '£': 'GBP',
};

/** An ISO code (any case) or a common word → the code; '' for an empty cell; else 'currency'. */
export function parseCurrencyCell(text: string, known: (code: string) => boolean): CellResult<string> {
  const t = folded(text);
  if (t === '') return ok('');
  const word = CURRENCY_WORDS[t.toLowerCase()] ?? CURRENCY_WORDS[t];
  if (word) return ok(word);
  const code = t.toUpperCase();
  return /^[A-Z]{3}$/.test(code) && known(code) ? ok(code) : bad('currency');
}
