// The two file formats. CSV is written a page at a time (memory stays bounded whatever the row
// count); .xlsx is a zip whose sheet SheetJS builds in memory, so its rows are gathered first (at
// 100,000 customers this is the export's peak: see README "Export" for the measured figure).
import * as XLSX from '@e965/xlsx';
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import type { CsvEncoding } from '../../../../shared/api/exports.ts';
import { csvText, daySerial, instantSerial, neutralise, type Cell } from './cells.ts';

/** Called after each page (progress, a turn of the event loop, cancel). */
export type PageDone = (rows: number) => Promise<void>;

const UTF8_BOM = Uint8Array.of(0xef, 0xbb, 0xbf);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text either encoding can carry: a lone UTF-16 surrogate (possible in a JavaScript string, never
 * in a real character) becomes U+FFFD in both, rather than UTF-8's U+FFFD and GB18030's '?'.
 * GB18030 encodes every other Unicode character, emoji included.
 */
function encode(csv: string, encoding: CsvEncoding): Uint8Array {
  const whole = csv.replace(LONE_SURROGATE, '\uFFFD');
  return encoding === 'gb18030' ? iconv.encode(whole, 'gb18030') : Buffer.from(whole, 'utf8');
}

function csvLines(rows: readonly (readonly string[])[]): string {
  // CRLF, as Excel writes and expects; fields with a comma, quote or line break are quoted.
  return stringify(rows as string[][], { record_delimiter: 'windows' }); // csv-stringify takes mutable arrays but does not change them
}

/** The CSV's bytes, a page at a time: a BOM (UTF-8), the header line, then each page's lines. */
export async function* csvBytes(headers: readonly string[], pages: AsyncIterable<Cell[][]>, encoding: CsvEncoding, pageDone: PageDone): AsyncGenerator<Uint8Array> {
  if (encoding === 'utf8bom') yield UTF8_BOM;
  yield encode(csvLines([headers.map(neutralise)]), encoding);
  for await (const page of pages) {
    yield encode(csvLines(page.map((row) => row.map(csvText))), encoding);
    await pageDone(page.length);
  }
}

function xlsxCell(cell: Cell): XLSX.CellObject | undefined {
  if (cell === null) return undefined;
  switch (cell.t) {
    case 's':
      // Text stays text (t 's'), so '01012345678' keeps its zero and 13800138000 its digits.
      return { t: 's', v: neutralise(cell.v) };
    case 'n':
      return { t: 'n', v: cell.v, z: cell.digits > 0 ? `#,##0.${'0'.repeat(cell.digits)}` : '0' };
    case 'd':
      return { t: 'n', v: daySerial(cell.v), z: 'yyyy-mm-dd' };
    case 'i':
      return { t: 'n', v: instantSerial(cell.v), z: 'yyyy-mm-dd hh:mm' };
  }
}

/** Excel's widest column is 255 characters; these keep a sheet readable without measuring each cell. */
function columnWidths(headers: readonly string[]): XLSX.ColInfo[] {
  return headers.map((header) => ({ wch: Math.min(40, Math.max(10, [...header].length * 2 + 2)) }));
}

/** The .xlsx's bytes: one sheet named `sheet`, header row frozen-free and plain, typed cells below. */
export async function* xlsxBytes(sheet: string, headers: readonly string[], pages: AsyncIterable<Cell[][]>, pageDone: PageDone): AsyncGenerator<Uint8Array> {
  const data: (XLSX.CellObject | undefined)[][] = [headers.map((header) => ({ t: 's', v: neutralise(header) }))];
  for await (const page of pages) {
    for (const row of page) data.push(row.map(xlsxCell));
    await pageDone(page.length);
  }
  const ws: XLSX.DenseWorkSheet = {
    '!data': data as XLSX.CellObject[][], // SheetJS dense sheets leave empty cells undefined
    '!ref': XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(0, data.length - 1), c: Math.max(0, headers.length - 1) } }),
    '!cols': columnWidths(headers),
  };
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, sheet);
  const bytes = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer; // type 'buffer' gives a Buffer
  data.length = 0; // the rows can go before the bytes are stored
  const CHUNK = 256 * 1024;
  for (let at = 0; at < bytes.byteLength; at += CHUNK) yield bytes.subarray(at, Math.min(at + CHUNK, bytes.byteLength));
}
