// Excel workbooks (.xlsx through its zip, .xls as OLE/BIFF) through @e965/xlsx, SheetJS's own build
// with the security fixes (npm's `xlsx` is frozen at a vulnerable version). SheetJS is not a
// streaming parser: a workbook is held whole, so its size is capped (50 MiB) and an .xlsx's zip is
// checked before it is parsed (zip-check.ts), and rows past the limit are never parsed (sheetRows).
// Formulas are never evaluated: a formula cell gives the value Excel saved with it.
import * as XLSX from '@e965/xlsx';
import * as cptable from '@e965/xlsx/dist/cpexcel.full.mjs';
import { AppFailure } from '../../../../../shared/errors.ts';
import type { TableFormat } from '../../../../../shared/api/imports.ts';
import { refused } from './failures.ts';
import { BATCH_ROWS, MAX_ROWS, MAX_WORKBOOK_BYTES } from './limits.ts';
import type { ByteSource } from './sniff.ts';
import type { RawCell, ReadSignal, SheetInfo, TableRow } from './types.ts';
import { checkZipDeclared, inflateChecked, isWorkbookZip, workbookTargets, zipEntries } from './zip-check.ts';
import { serialToDate } from '../values/dates.ts';

// Code pages of old .xls files (BIFF5 in GBK, 936): SheetJS's ESM build needs them handed over.
XLSX.set_cptable(cptable);

/** The whole workbook in memory, refused (TOO_LARGE) past MAX_WORKBOOK_BYTES before and while reading. */
export async function bytesOf(src: ByteSource): Promise<Buffer> {
  const tooLarge = (size: number) => new AppFailure('TOO_LARGE', `Reading the import file: a workbook larger than ${MAX_WORKBOOK_BYTES} bytes`, { limit: MAX_WORKBOOK_BYTES, size });
  if (src.size > MAX_WORKBOOK_BYTES) throw tooLarge(src.size);
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of src.open()) {
    length += chunk.length;
    if (length > MAX_WORKBOOK_BYTES) throw tooLarge(length);
    chunks.push(Buffer.from(chunk)); // a copy: the source may reuse the chunk's memory
  }
  return Buffer.concat(chunks, length);
}

/** A workbook's bytes, checked; for an .xlsx, each worksheet's rows with values by its relationship id (what SheetJS lists as the sheet's id). */
type Checked = { buf: Buffer; rowsById: Map<string, number> };

/** Checks a workbook's bytes before SheetJS sees them: an .xlsx must be a zip holding a workbook that unpacks within the limits. */
async function checked(src: ByteSource, format: TableFormat): Promise<Checked> {
  const buf = await bytesOf(src);
  const rowsById = new Map<string, number>();
  if (format === 'xlsx') {
    const entries = zipEntries(buf);
    if (!entries) throw refused('workbook', 'the .xlsx file is damaged (no zip directory)');
    if (!isWorkbookZip(entries)) throw refused('fileType', 'a zip file that holds no Excel workbook');
    checkZipDeclared(entries, buf.length);
    const counts = await inflateChecked(buf, entries);
    for (const [id, path] of workbookTargets(buf, entries)) {
      const rows = counts.get(path);
      if (rows !== undefined) rowsById.set(id, rows);
    }
  }
  return { buf, rowsById };
}

/**
 * What SheetJS parses: a workbook's bytes, or the decoded text of a web page or an Excel 2003 XML
 * file saved as .xls (many systems' "export to Excel" write one): read as text, every cell as shown.
 */
export type WorkbookInput = { format: TableFormat; src: ByteSource; text?: undefined } | { format: 'xls'; src: ByteSource; text: () => Promise<string> };

async function loaded(input: WorkbookInput): Promise<Checked | { buf: string; rowsById: Map<string, number> }> {
  return input.text ? { buf: await input.text(), rowsById: new Map() } : checked(input.src, input.format);
}

function parse(data: Buffer | string, options: XLSX.ParsingOptions): XLSX.WorkBook {
  try {
    const type = typeof data === 'string' ? ({ type: 'string', raw: true } as const) : ({ type: 'buffer' } as const);
    return XLSX.read(data, { ...type, dense: true, cellNF: true, cellFormula: false, cellHTML: false, cellStyles: false, ...options });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw refused('workbook', /password|encrypt/i.test(why) ? 'the workbook is password-protected' : `the workbook cannot be read (${why})`);
  }
}

function sheetsOf(book: XLSX.WorkBook): SheetInfo[] {
  const flags = book.Workbook?.Sheets ?? [];
  return book.SheetNames.map((name, i) => ({ name, hidden: (flags[i]?.Hidden ?? 0) !== 0 }));
}

/** The sheet to read: the one asked for (refused 'sheet' when there is none by that name), else the first visible one. */
function chooseSheet(sheets: readonly SheetInfo[], wanted: string | undefined): string {
  if (wanted !== undefined) {
    if (!sheets.some((s) => s.name === wanted)) throw refused('sheet', `the workbook has no sheet named ${wanted}`);
    return wanted;
  }
  const first = sheets.find((s) => !s.hidden) ?? sheets[0];
  if (!first) throw refused('empty', 'the workbook has no sheets');
  return first.name;
}

export async function inspectWorkbook(input: WorkbookInput, sheet: string | undefined): Promise<{ sheets: SheetInfo[]; sheet: string }> {
  const { buf } = await loaded(input);
  // No sheet parsed: names and hidden flags only.
  const sheets = sheetsOf(parse(buf, { sheets: [] }));
  return { sheets, sheet: chooseSheet(sheets, sheet) };
}

/** A cell as the file shows it, and its value when that is not the text. */
function cellOf(cell: XLSX.CellObject | undefined, date1904: boolean): [string, RawCell] {
  if (!cell) return ['', null];
  switch (cell.t) {
    case 's':
      return [String(cell.v ?? ''), null];
    case 'n': {
      const value = cell.v as number; // 'n' cells hold numbers
      // A date is a number with a date format: given as YYYY-MM-DD, whatever the format shows.
      if (cell.z !== undefined && XLSX.SSF.is_date(cell.z)) {
        const day = serialToDate(value, date1904);
        if (day !== null) return [day, value];
      }
      return [cell.w ?? String(value), value];
    }
    case 'b':
      return [cell.v ? 'TRUE' : 'FALSE', cell.v === true];
    case 'e':
      return [cell.w ?? '#N/A', null];
    case 'd': {
      const date = cell.v instanceof Date ? cell.v : new Date(String(cell.v));
      return [Number.isNaN(date.getTime()) ? (cell.w ?? '') : date.toISOString().slice(0, 10), null];
    }
    default:
      return ['', null];
  }
}

/** The rows of one sheet, blank rows included, merged cells filled across what they span. */
export async function* readWorkbookRows(input: WorkbookInput, wanted: string | undefined, signal?: ReadSignal, maxRows?: number): AsyncGenerator<TableRow[]> {
  const { buf, rowsById } = await loaded(input);
  const names = parse(buf, { sheets: [] });
  const sheets = sheetsOf(names);
  const name = chooseSheet(sheets, wanted);
  // Rows counted in the XML while the zip was checked: a sheet over the limit is refused without parsing it.
  const id = names.Workbook?.Sheets?.[sheets.findIndex((s) => s.name === name)] as { id?: string } | undefined; // SheetJS keeps the sheet's relationship id there
  const counted = id?.id === undefined ? undefined : rowsById.get(id.id);
  if (maxRows === undefined && counted !== undefined && counted > MAX_ROWS + 1) throw refused('tooManyRows', `more than ${MAX_ROWS} rows`, { limit: MAX_ROWS });
  // One more than the limit allows (header + rows + 1): a sheet with more is refused without parsing the rest.
  const sheetRows = maxRows ?? MAX_ROWS + 2;
  const book = parse(buf, { sheets: name, sheetRows });
  const sheet = book.Sheets[name];
  if (!sheet || !sheet['!ref']) return;
  const date1904 = Boolean(book.Workbook?.WBProps?.date1904);
  const range = XLSX.utils.decode_range(sheet['!ref']);
  const full = sheet['!fullref'] ? XLSX.utils.decode_range(sheet['!fullref']) : range;
  if (maxRows === undefined && full.e.r + 1 > sheetRows) throw refused('tooManyRows', `more than ${MAX_ROWS} rows`, { limit: MAX_ROWS });
  const data = (sheet['!data'] ?? []) as (XLSX.CellObject | undefined)[][]; // dense mode
  const texts: string[][] = [];
  const raws: RawCell[][] = [];
  for (let r = 0; r <= range.e.r; r++) {
    const cells = data[r] ?? [];
    const text: string[] = [];
    const raw: RawCell[] = [];
    for (let c = 0; c <= Math.min(range.e.c, cells.length - 1); c++) [text[c], raw[c]] = cellOf(cells[c], date1904);
    texts.push(text);
    raws.push(raw);
  }
  // A merged cell's value fills every cell it spans (a header merged over two columns names both).
  for (const merge of sheet['!merges'] ?? []) {
    const top = texts[merge.s.r]?.[merge.s.c] ?? '';
    const topRaw = raws[merge.s.r]?.[merge.s.c] ?? null;
    for (let r = merge.s.r; r <= Math.min(merge.e.r, range.e.r); r++) {
      for (let c = merge.s.c; c <= Math.min(merge.e.c, range.e.c); c++) {
        texts[r]![c] = top;
        raws[r]![c] = topRaw;
      }
    }
  }
  let filled = 0;
  let batch: TableRow[] = [];
  for (let r = 0; r < texts.length; r++) {
    const text = texts[r]!;
    let end = text.length;
    while (end > 0 && (text[end - 1] ?? '') === '') end--;
    const cells = Array.from({ length: end }, (_, c) => text[c] ?? '');
    if (cells.length > 0 && ++filled > MAX_ROWS + 1) throw refused('tooManyRows', `more than ${MAX_ROWS} rows`, { limit: MAX_ROWS });
    const row: TableRow = { row: r + 1, cells };
    const raw = raws[r]!;
    if (cells.length > 0 && raw.some((v) => v !== null && v !== undefined)) row.raw = Array.from({ length: end }, (_, c) => raw[c] ?? null);
    batch.push(row);
    if (batch.length >= BATCH_ROWS) {
      if (signal?.cancelled) throw new AppFailure('CANCELLED', 'Reading the import file was cancelled');
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
