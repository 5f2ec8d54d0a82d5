// One rule for text a spreadsheet could take for a formula, shared by the export (which neutralises
// it) and the import (which takes the mark off again), so the two can never disagree on the list.

/**
 * Characters that make a spreadsheet read a cell as a formula (or, for tab and CR, shift it into
 * another cell when pasted): `=` `+` `-` `@`, tab, carriage return. Full-width ＝＋－＠ are
 * included: Excel for Chinese Windows turns them into their ASCII twins as it reads a typed cell.
 */
export const FORMULA_START_CHARACTERS = ['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'] as const;

const CLASS = `[=+\\-@\\t\\r\\uFF1D\\uFF0B\\uFF0D\\uFF20]`;
/** Zero or more `'` then a formula-like character: a value the export marks. Counting the `'`s
 *  already there (`'=x` → `''=x`) is what lets the import tell the mark from the customer's own `'`. */
const NEEDS_MARK = new RegExp(`^'*${CLASS}`);
/** At least one `'` then a formula-like character: a marked value, as the import reads it. */
const MARKED = new RegExp(`^'+${CLASS}`);

/** Text as a spreadsheet will show it, never run: a leading `'` (Excel's own "this is text" mark) before a formula-like start. */
export function neutraliseFormula(value: string): string {
  return NEEDS_MARK.test(value) ? `'${value}` : value;
}

/** The exact inverse of neutraliseFormula: one `'` taken off a marked value, any other text as it is. */
export function unneutraliseFormula(value: string): string {
  return MARKED.test(value) ? value.slice(1) : value;
}
