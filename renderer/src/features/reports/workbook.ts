// The dashboard's tables as an .xlsx workbook: one sheet per table, the same rows the screen and
// the PDF show (tables.ts). Counts and money are numbers (money in major units, written from the
// exact decimal text of its minor units, with the currency's decimals as the cell format) so the
// spreadsheet can sum them; each money column is one currency. The figures are small (at most a
// few dozen rows per table), so SheetJS builds the workbook in memory, loaded only when asked.
import { decimalText, minorDigits } from '../contracts/money.ts';
import type { FigureTableData, TableCell } from './tables.ts';

type SheetCell = { t: 'n'; v: number; z?: string } | { t: 's'; v: string };

/** Sheet names: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
export function sheetName(title: string, taken: Set<string>): string {
  const base = title.replace(/[:\\/?*[\]]/g, ' ').trim().slice(0, 28) || 'Sheet';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} ${n}`;
  taken.add(name.toLowerCase());
  return name;
}

function sheetCell(cell: TableCell): SheetCell {
  if (cell.money) {
    const digits = minorDigits(cell.money.currency);
    return { t: 'n', v: Number(decimalText(cell.money.minor, cell.money.currency)), z: digits === 0 ? '#,##0' : `#,##0.${'0'.repeat(digits)}` };
  }
  if (cell.value !== undefined) return { t: 'n', v: cell.value };
  return { t: 's', v: cell.text };
}

/** The sheets' cells: each table's head row, then its rows. */
export function workbookSheets(tables: readonly FigureTableData[]): { name: string; rows: SheetCell[][] }[] {
  const taken = new Set<string>();
  return tables.map((table) => ({
    name: sheetName(table.title, taken),
    rows: [table.head.map((h): SheetCell => ({ t: 's', v: h })), ...table.rows.map((row) => row.cells.map(sheetCell))],
  }));
}

/** The .xlsx file's bytes. */
export async function workbookBytes(tables: readonly FigureTableData[]): Promise<Uint8Array> {
  const XLSX = await import('@e965/xlsx');
  const book = XLSX.utils.book_new();
  for (const sheet of workbookSheets(tables)) {
    const ws = XLSX.utils.aoa_to_sheet(sheet.rows);
    ws['!cols'] = sheet.rows[0]?.map((_, i) => ({ wch: Math.min(40, Math.max(10, ...sheet.rows.map((r) => String(r[i]?.v ?? '').length * 2))) }));
    XLSX.utils.book_append_sheet(book, ws, sheet.name);
  }
  return XLSX.write(book, { type: 'array', bookType: 'xlsx', compression: true }) as Uint8Array; // type 'array' answers the bytes
}
