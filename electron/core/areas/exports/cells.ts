// The cells an export writes, typed so each file format can say what a cell is: Excel keeps a
// phone number as text (leading zeros, 11 digits), a date as a date, money as a number. CSV has
// only text, so there the types decide the spelling (YYYY-MM-DD, a fixed number of decimals).

import { neutraliseFormula } from '../../../../shared/formula-text.ts';

/** Text (names, phones, codes: never a number, even when all digits). */
export type TextCell = { t: 's'; v: string };
/** A number; `digits` after the point (money: its currency's minor unit). */
export type NumberCell = { t: 'n'; v: number; digits: number };
/**
 * An exact decimal (money from minor units, quantities from thousandths): its digits as text, so
 * neither format ever passes it through a float; `digits` chooses the .xlsx number format.
 */
export type DecimalCell = { t: 'x'; v: string; digits: number };
/** A calendar day, YYYY-MM-DD. */
export type DayCell = { t: 'd'; v: string };
/** An instant, milliseconds since epoch, written in the shop's local time to the minute. */
export type InstantCell = { t: 'i'; v: number };
export type Cell = TextCell | NumberCell | DecimalCell | DayCell | InstantCell | null;

export const text = (value: string | null | undefined): Cell => (value === null || value === undefined || value === '' ? null : { t: 's', v: value });
export const number = (value: number | null | undefined, digits = 0): Cell => (value === null || value === undefined ? null : { t: 'n', v: value, digits });
export const decimal = (value: string | null | undefined, digits: number): Cell => (value === null || value === undefined ? null : { t: 'x', v: value, digits });

/** Integer minor units as the currency's amount, exactly: 123456 with 2 digits → '1234.56', -5 → '-0.05'. */
export function minorText(minor: number, digits: number): string {
  const sign = minor < 0 ? '-' : '';
  const units = String(Math.abs(minor)).padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${units}` : `${sign}${units.slice(0, -digits)}.${units.slice(-digits)}`;
}

export const day = (value: string | null | undefined): Cell => (value ? { t: 'd', v: value } : null);
export const instant = (value: number | null | undefined): Cell => (value === null || value === undefined ? null : { t: 'i', v: value });

/** Text as a spreadsheet will show it, never run (shared/formula-text.ts: the import undoes exactly this). */
export const neutralise = neutraliseFormula;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** An instant in the shop's local time: YYYY-MM-DD HH:mm. */
export function localDateTime(ms: number): string {
  const at = new Date(ms);
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** The cell as CSV text: numbers with their digits, days as YYYY-MM-DD, instants to the minute, text neutralised. */
export function csvText(cell: Cell): string {
  if (cell === null) return '';
  switch (cell.t) {
    case 's':
      return neutralise(cell.v);
    case 'n':
      return cell.v.toFixed(cell.digits);
    case 'x':
      return cell.v;
    case 'd':
      return cell.v;
    case 'i':
      return localDateTime(cell.v);
  }
}

/** Days from Excel's epoch (1899-12-30, which absorbs its 1900 leap-year bug for every date after February 1900). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 24 * 60 * 60 * 1000;

/** A YYYY-MM-DD day as Excel's serial number. */
export function daySerial(dayText: string): number {
  const [y, m, d] = dayText.split('-').map(Number) as [number, number, number]; // checked YYYY-MM-DD where stored
  return (Date.UTC(y, m - 1, d) - EXCEL_EPOCH) / DAY_MS;
}

/** An instant as Excel's serial number of the shop's local wall-clock time (Excel has no time zones). */
export function instantSerial(ms: number): number {
  const at = new Date(ms);
  const wall = Date.UTC(at.getFullYear(), at.getMonth(), at.getDate(), at.getHours(), at.getMinutes(), at.getSeconds());
  return (wall - EXCEL_EPOCH) / DAY_MS;
}
