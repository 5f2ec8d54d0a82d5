// A cell's text before any field reads it: the export's formula mark taken off (the one rule in
// shared/formula-text.ts), so `'=SUM(A1)` exported as text comes back as `=SUM(A1)` and `'=x` as `'=x`.
import { lunarBirthdayOf } from '../../../../../shared/api/exports.ts';
import { unneutraliseFormula } from '../../../../../shared/formula-text.ts';
import { parseDateCell } from './dates.ts';
import { ok, type CellResult, type RawCell } from './result.ts';

/** The cell's text without the export's leading `'` before a formula-like character. */
export const cellText = unneutraliseFormula;

export type Birthday = { date: string; calendar: 'gregorian' | 'lunar' };

/**
 * A birthday cell: `农历 2020-04L-03` / `Lunar 1990-08-15` (as the export writes a lunar one) is
 * that lunar date, checked later with the customer's draft against the lunar calendar; anything
 * else is a Gregorian date as parseDateCell reads it. '' for an empty cell.
 */
export function parseBirthdayCell(text: string, raw?: RawCell): CellResult<Birthday | ''> {
  const lunar = lunarBirthdayOf(text);
  if (lunar !== null) return ok({ date: lunar, calendar: 'lunar' });
  const date = parseDateCell(text, raw);
  if (!date.ok) return date;
  return ok(date.value === '' ? '' : { date: date.value, calendar: 'gregorian' });
}
