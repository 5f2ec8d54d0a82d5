// Contract amounts travel as integer minor units (fen, cents) with an ISO 4217 currency. Typed
// amounts are decimal text, converted digit by digit (never through a float, which would turn
// 0.29 into 28 fen), and shown with Intl.NumberFormat, which formats a decimal string exactly.

/** Currencies offered in the form (a stored contract in another one still shows and keeps it). */
export const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP'] as const;
export const DEFAULT_CURRENCY = 'CNY';

const digitsCache = new Map<string, number>();

/** How many minor-unit digits a currency has (CNY 2, JPY 0), as Intl knows it. */
export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2; // not a currency Intl knows: the common case
    }
    digitsCache.set(currency, digits);
  }
  return digits;
}

export type ParsedAmount = { ok: true; minor: number | null } | { ok: false; reason: 'format' | 'decimals' | 'tooLarge' };

/**
 * Decimal text → minor units: '12,345.6' in CNY → 1234560. Empty is "no amount" (null). Grouping
 * commas and spaces are allowed, as are full-width digits (NFKC); negative amounts are not.
 */
export function parseAmount(text: string, currency: string): ParsedAmount {
  const clean = text.normalize('NFKC').replace(/[\s,_']/g, '').replace(/^[¥$€£]/, '');
  if (clean === '') return { ok: true, minor: null };
  const match = /^(\d+)(?:\.(\d*))?$/.exec(clean) ?? /^()\.(\d+)$/.exec(clean);
  if (!match) return { ok: false, reason: 'format' };
  const whole = match[1] ?? '';
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  const digits = minorDigits(currency);
  if (fraction.length > digits) return { ok: false, reason: 'decimals' };
  const joined = `${whole}${fraction.padEnd(digits, '0')}`.replace(/^0+(?=\d)/, '');
  const minor = Number(joined === '' ? '0' : joined);
  if (!Number.isSafeInteger(minor)) return { ok: false, reason: 'tooLarge' };
  return { ok: true, minor };
}

/** Minor units → plain decimal text ('1234.50'), exact for every safe integer. */
export function decimalText(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const negative = minor < 0;
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  const whole = digits === 0 ? text : text.slice(0, -digits);
  const fraction = digits === 0 ? '' : `.${text.slice(-digits)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** What the form's amount field starts with for a stored amount (no grouping: easy to edit). */
export function amountInputText(minor: number | null, currency: string): string {
  return minor === null ? '' : decimalText(minor, currency);
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** An amount as the UI language writes it: ¥12,345.60 / US$1,200.00 in Chinese, CN¥12,345.60 in English. */
export function formatMoney(minor: number, currency: string, language: string): string {
  const key = `${language} ${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat(language, { style: 'currency', currency });
    } catch {
      format = new Intl.NumberFormat(language, { minimumFractionDigits: minorDigits(currency) });
    }
    moneyFormats.set(key, format);
  }
  return format.format(decimalText(minor, currency) as `${number}`); // a decimal string is formatted exactly (Intl.NumberFormat v3), never through a float
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** A calendar day `YYYY-MM-DD` compactly for table columns (12/20/2026 / 2026/12/20), never shifted by a time zone. */
export function formatDay(isoDate: string, language: string): string {
  const ms = Date.parse(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(ms)) return isoDate;
  let format = dayFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' });
    dayFormats.set(language, format);
  }
  return format.format(ms);
}
