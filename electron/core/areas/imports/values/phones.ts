// Phone numbers from a file. Text is kept as written (leading zeros and all: 0755-8888 8888), with
// full-width digits and signs folded. A number Excel turned into scientific notation (1.38E+10) lost
// its last digits: refused as 'scientific', never guessed. A workbook cell that holds the number
// itself (13800138000, shown as 1.38E+10 or not) gives its exact digits.
import { bad, folded, ok, type CellResult, type RawCell } from './result.ts';

const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?\s*e\s*[+-]?\d+$/i;
/** The core's own rule (shared/api/customers.ts Phone): digits with spaces, dashes, brackets, a leading +, an extension. */
const PHONE = /^[+]?[\d\s\-().]+(\s*(ext|x|转)\s*\d+)?$/i;
const MAX_PHONE = 40;

export function parsePhoneCell(text: string, raw?: RawCell): CellResult<string> {
  const shown = folded(text);
  // A workbook number shown as digits (a format that pads leading zeros, an HTML "xls" cell): the
  // shown text is the number as the shop wrote it; its value only when the text lost digits.
  if (typeof raw === 'number' && !SCIENTIFIC.test(shown) && /^\d{3,}$/.test(shown)) return ok(shown);
  if (typeof raw === 'number') {
    // The whole number is exact up to 15 digits; a fraction or more digits is not a phone number.
    if (!Number.isInteger(raw) || raw < 0 || raw > 999_999_999_999_999) return bad('phone');
    const digits = String(raw);
    return digits.length >= 3 ? ok(digits) : bad('phone');
  }
  const t = folded(text).replace(/[\u2010-\u2015\u2212]/g, '-'); // dashes of every kind typed in Chinese input
  if (t === '') return ok('');
  if (SCIENTIFIC.test(t)) return bad('scientific');
  if (t.length > MAX_PHONE || !PHONE.test(t) || (t.match(/\d/g)?.length ?? 0) < 3) return bad('phone');
  return ok(t);
}

/**
 * A phone number reduced to what identifies it, to match it against others: digits only, China's
 * +86 / 0086 dropped. '' when it has too few digits to identify anything.
 */
export function phoneKey(text: string): string {
  let digits = folded(text).replace(/(?:ext|x|转)\s*\d+$/i, '').replace(/\D/g, '');
  if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.startsWith('86') && digits.length === 13) digits = digits.slice(2);
  return digits.length >= 3 ? digits : '';
}
