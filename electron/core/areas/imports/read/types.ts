// What the reader gives the import service (API-12.md "Reader API").
import type { TableFormat, TextEncoding } from '../../../../../shared/api/imports.ts';

export type { TableFormat, TextEncoding };
export type { ByteSource } from './sniff.ts';
export type SheetInfo = { name: string; hidden: boolean };
export type TableInfo = { format: TableFormat; encoding: TextEncoding | null; detectedEncoding: TextEncoding | null; sheets: SheetInfo[]; sheet: string | null };
/** A workbook cell's value where it is not the text: a number, true/false; null for text and empty cells. */
export type RawCell = string | number | boolean | null;
/**
 * One row of the file. `row` is the file's own row number (1-based, blank rows counted; a CSV
 * record with a quoted new line is one row, as in Excel). `cells` are the texts as the file shows
 * them, from column A (index 0); a blank row has no cells. A cell longer than MAX_CELL characters
 * is given whole: the import reports it as 'tooLong'. Workbooks add `raw` (same indexes) where a
 * cell is a number or boolean: the number behind the shown text (13800138000 behind 1.38E+10), the
 * serial day behind a date shown as YYYY-MM-DD.
 */
export type TableRow = { row: number; cells: string[]; raw?: RawCell[] };
export type ReadSignal = { cancelled: boolean };
export type ReadOptions = {
  encoding?: TextEncoding;
  sheet?: string;
  signal?: ReadSignal;
  /** Only this many rows from the top (inspect's sample): a workbook then parses no more than these. */
  rows?: number;
};
