// The import's file-reading layer (API-12.md "Reader API"): what a file is (sniffed from its bytes,
// never its name), its encoding and sheets, and its rows as text, in file order with the file's own
// row numbers. Refusals are VALIDATION with a reason of IMPORT_REFUSALS (shared/api/imports.ts):
// fileType, encoding (row), tooManyRows (limit), workbook (damaged, encrypted, zip bomb: limit),
// sheet, empty; a workbook over 50 MiB is TOO_LARGE. A web page or Excel 2003 XML file saved as
// .xls (text, in any of the encodings) is read as the workbook it poses as: format 'xls' with its encoding.
import type { TextEncoding } from '../../../../../shared/api/imports.ts';
import { headText, readCsvRows } from './csv.ts';
import { InvalidBytes, textDecoder } from './decode.ts';
import { refused } from './failures.ts';
import { detectEncoding, head, sniffHead, type ByteSource } from './sniff.ts';
import type { ReadOptions, TableInfo, TableRow } from './types.ts';
import { bytesOf, inspectWorkbook, readWorkbookRows, type WorkbookInput } from './workbook.ts';

export type { ByteSource } from './sniff.ts';
export type { RawCell, ReadOptions, ReadSignal, SheetInfo, TableFormat, TableInfo, TableRow, TextEncoding } from './types.ts';
export { MAX_CELL, MAX_ROWS, MAX_WORKBOOK_BYTES } from './limits.ts';

/** Bytes in memory as a ByteSource (tests, the CLI's small files). */
export function bytesSource(name: string, bytes: Uint8Array, chunkSize = 64 * 1024): ByteSource {
  return {
    name,
    size: bytes.length,
    async *open() {
      for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
    },
  };
}

type Kind =
  | { format: 'xlsx' | 'xls'; encoding?: undefined }
  | { format: 'csv'; encoding: TextEncoding; detectedEncoding: TextEncoding | null }
  /** A web page or Excel 2003 XML saved as .xls: text, in an encoding, that SheetJS reads as a workbook. */
  | { format: 'markup'; encoding: TextEncoding; detectedEncoding: TextEncoding | null };

/** A web page with a table, or Excel 2003's XML spreadsheet: what "export to Excel" of many systems writes as .xls. */
const MARKUP = /^\s*<(?:\?xml|!doctype|html|table|workbook|\?mso-application)/i;
const MARKUP_TABLE = /<table[\s>]|urn:schemas-microsoft-com:office:spreadsheet/i;

/** The whole text of a markup "xls", strictly decoded, within the workbook size limit. */
async function markupText(src: ByteSource, encoding: TextEncoding): Promise<string> {
  const decoder = textDecoder(encoding);
  try {
    return decoder.write(await bytesOf(src)) + decoder.end();
  } catch (error) {
    if (error instanceof InvalidBytes) throw refused('encoding', `bytes that are not valid ${encoding}`, { row: error.before.split('\n').length });
    throw error;
  }
}

function workbookInput(src: ByteSource, kind: Kind): WorkbookInput {
  if (kind.format === 'markup') return { format: 'xls', src, text: () => markupText(src, kind.encoding) };
  return { format: kind.format === 'xls' ? 'xls' : 'xlsx', src };
}

async function kindOf(src: ByteSource, encoding: TextEncoding | undefined, detect: boolean): Promise<Kind> {
  const start = await head(src);
  const sniffed = sniffHead(start);
  if (sniffed.kind === 'empty') throw refused('empty', 'the file is empty');
  if (sniffed.kind === 'binary') throw refused('fileType', 'the file is neither a text table nor an Excel workbook');
  if (sniffed.kind === 'workbook') return { format: sniffed.format === 'xls' ? 'xls' : 'xlsx' };
  // The user's choice is honoured; the detected one is still said, for the wizard's "detected: …".
  // Detection reads the whole file: skipped when reading with the user's (or inspect's) choice.
  const detected = detect || !encoding ? await detectEncoding(src, sniffed, start) : null;
  if (!encoding && !detected) throw refused('fileType', 'the file is not text in an encoding a table is saved in (UTF-8, GB18030, UTF-16)');
  const chosen = encoding ?? detected!; // detected is set when no encoding was given (just above)
  const text = await headText(src, chosen);
  if (MARKUP.test(text) && MARKUP_TABLE.test(text)) return { format: 'markup', encoding: chosen, detectedEncoding: detected };
  return { format: 'csv', encoding: chosen, detectedEncoding: detected };
}

/** Sniffs format and encoding (override honoured), lists sheets; throws AppFailure VALIDATION (see above). */
export async function inspectTable(src: ByteSource, options: { encoding?: TextEncoding; sheet?: string }): Promise<TableInfo> {
  const kind = await kindOf(src, options.encoding, true);
  if (kind.format === 'csv') return { format: 'csv', encoding: kind.encoding, detectedEncoding: kind.detectedEncoding, sheets: [], sheet: null };
  const book = await inspectWorkbook(workbookInput(src, kind), options.sheet);
  if (kind.format === 'markup') return { format: 'xls', encoding: kind.encoding, detectedEncoding: kind.detectedEncoding, sheets: book.sheets, sheet: book.sheet };
  return { format: kind.format, encoding: null, detectedEncoding: null, sheets: book.sheets, sheet: book.sheet };
}

/**
 * Every row including blank ones, in file order, in batches of ~1,000 (see TableRow). Text files are
 * streamed (memory bounded whatever their size); a workbook is parsed whole (≤ 50 MiB, ≤ 200,001 rows).
 */
export async function* readRows(src: ByteSource, options: ReadOptions): AsyncGenerator<TableRow[]> {
  const kind = await kindOf(src, options.encoding, false);
  if (kind.format === 'csv') yield* readCsvRows(src, kind.encoding, options.signal, options.rows);
  else yield* readWorkbookRows(workbookInput(src, kind), options.sheet, options.signal, options.rows);
}
