// The import's file-reading layer (API-12.md "Reader API"): what a file is (sniffed from its bytes,
// never its name), its encoding and sheets, and its rows as text, in file order with the file's own
// row numbers. Refusals are VALIDATION with a reason of IMPORT_REFUSALS (shared/api/imports.ts):
// fileType, encoding (row), tooManyRows (limit), workbook (damaged, encrypted, zip bomb: limit),
// sheet, empty; a workbook over 50 MiB is TOO_LARGE.
import type { TextEncoding } from '../../../../../shared/api/imports.ts';
import { readCsvRows } from './csv.ts';
import { refused } from './failures.ts';
import { detectEncoding, head, sniffHead, type ByteSource } from './sniff.ts';
import type { ReadOptions, TableInfo, TableRow } from './types.ts';
import { inspectWorkbook, readWorkbookRows } from './workbook.ts';

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

type Kind = { format: 'xlsx' | 'xls'; encoding?: undefined } | { format: 'csv'; encoding: TextEncoding; detectedEncoding: TextEncoding | null };

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
  return { format: 'csv', encoding: encoding ?? detected!, detectedEncoding: detected }; // detected is set when no encoding was given (just above)
}

/** Sniffs format and encoding (override honoured), lists sheets; throws AppFailure VALIDATION (see above). */
export async function inspectTable(src: ByteSource, options: { encoding?: TextEncoding; sheet?: string }): Promise<TableInfo> {
  const kind = await kindOf(src, options.encoding, true);
  if (kind.format === 'csv') return { format: 'csv', encoding: kind.encoding, detectedEncoding: kind.detectedEncoding, sheets: [], sheet: null };
  const book = await inspectWorkbook(src, kind.format, options.sheet);
  return { format: kind.format, encoding: null, detectedEncoding: null, sheets: book.sheets, sheet: book.sheet };
}

/**
 * Every row including blank ones, in file order, in batches of ~1,000 (see TableRow). Text files are
 * streamed (memory bounded whatever their size); a workbook is parsed whole (≤ 50 MiB, ≤ 200,001 rows).
 */
export async function* readRows(src: ByteSource, options: ReadOptions): AsyncGenerator<TableRow[]> {
  const kind = await kindOf(src, options.encoding, false);
  if (kind.format === 'csv') yield* readCsvRows(src, kind.encoding, options.signal, options.rows);
  else yield* readWorkbookRows(src, kind.format, options.sheet, options.signal, options.rows);
}
