// CSV and TXT rows through csv-parse, streamed: the bytes are decoded strictly (decode.ts) and fed to
// the parser as they come, with backpressure, so memory stays bounded whatever the file's size. Each
// record is one row as Excel shows the file: blank lines are rows, a quoted cell with new lines in it
// is one row; row numbers are counted from 1 at the top of the file.
import { once } from 'node:events';
import { parse, type Parser } from 'csv-parse';
import { AppFailure } from '../../../../../shared/errors.ts';
import type { TextEncoding } from '../../../../../shared/api/imports.ts';
import { InvalidBytes, textDecoder } from './decode.ts';
import { refused } from './failures.ts';
import { BATCH_ROWS, MAX_RECORD_CHARS, MAX_ROWS } from './limits.ts';
import { head, type ByteSource } from './sniff.ts';
import type { ReadSignal, TableRow } from './types.ts';

export const DELIMITERS = [',', '\t', ';'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** The records at the start of `text`, each as its count of every candidate delimiter outside quotes. */
function delimiterCounts(text: string, maxRecords: number): Record<Delimiter, number>[] {
  const records: Record<Delimiter, number>[] = [];
  let counts: Record<Delimiter, number> = { ',': 0, '\t': 0, ';': 0 };
  let quoted = false;
  let content = false;
  for (let i = 0; i < text.length && records.length < maxRecords; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) {
      if (content) records.push(counts);
      counts = { ',': 0, '\t': 0, ';': 0 };
      content = false;
      continue;
    } else if (!quoted && (c === ',' || c === '\t' || c === ';')) counts[c]++;
    if (c.trim() !== '') content = true;
  }
  return records;
}

/**
 * The delimiter of a text table from its first lines: the one whose count is the same on most
 * lines (a title line above the header is outvoted), then the larger count; comma when none occurs.
 */
export function sniffDelimiter(text: string): Delimiter {
  const records = delimiterCounts(text, 20);
  let best: Delimiter = ',';
  let bestScore = [0, 0];
  for (const d of DELIMITERS) {
    const frequency = new Map<number, number>();
    for (const r of records) if (r[d] > 0) frequency.set(r[d], (frequency.get(r[d]) ?? 0) + 1);
    let score = [0, 0];
    for (const [count, lines] of frequency) if (lines > score[0]! || (lines === score[0] && count > score[1]!)) score = [lines, count];
    if (score[0]! > bestScore[0]! || (score[0] === bestScore[0] && score[1]! > bestScore[1]!)) [best, bestScore] = [d, score];
  }
  return best;
}

/** The decoded text of the first bytes of a text file (as much as decodes), to sniff its delimiter. */
export async function headText(src: ByteSource, encoding: TextEncoding): Promise<string> {
  const bytes = await head(src);
  try {
    return textDecoder(encoding).write(bytes);
  } catch (error) {
    if (error instanceof InvalidBytes) return error.before;
    throw error;
  }
}

const LOOKAHEAD = '\0'.repeat(16);

const cancelledFailure = () => new AppFailure('CANCELLED', 'Reading the import file was cancelled');

/** Rows of a text table in batches; stops (CANCELLED) when the signal says so between chunks. */
export async function* readCsvRows(src: ByteSource, encoding: TextEncoding, signal?: ReadSignal, maxRows?: number): AsyncGenerator<TableRow[]> {
  const delimiter = sniffDelimiter(await headText(src, encoding));
  const parser: Parser = parse({
    delimiter,
    relax_column_count: true,
    // A quote inside an unquoted cell (5" screen) is kept as text, as Excel does.
    relax_quotes: true,
    // Each line ends as it ends: Notepad, Excel and old Mac files mix them.
    record_delimiter: ['\r\n', '\n', '\r'],
    skip_empty_lines: false,
    bom: false,
    max_record_size: MAX_RECORD_CHARS,
  });
  const stop = new AbortController();
  const produce = async (): Promise<void> => {
    const decoder = textDecoder(encoding);
    try {
      for await (const chunk of src.open()) {
        if (stop.signal.aborted) return;
        if (signal?.cancelled) throw cancelledFailure();
        const text = decoder.write(chunk);
        if (text !== '' && !parser.write(text)) await once(parser, 'drain', { signal: stop.signal });
      }
      const tail = decoder.end();
      if (tail !== '') parser.write(tail);
      parser.end();
    } catch (error) {
      if (stop.signal.aborted) return;
      if (error instanceof InvalidBytes) {
        // The text before the bad bytes goes through the parser first: the records it completes
        // say which row the bad bytes are on.
        // The parser looks a few characters ahead before it ends a record: NULs after the text
        // (neither delimiters nor quotes, so they end no record) let it finish the ones before.
        await new Promise<void>((resolve) => parser.write(error.before + LOOKAHEAD, () => resolve()));
        const row = parser.info.records + 1;
        parser.destroy(refused('encoding', `row ${row} has bytes that are not valid ${encoding}`, { row }));
      } else parser.destroy(error as Error);
    }
  };
  const producing = produce();
  let row = 0;
  let filled = 0;
  let batch: TableRow[] = [];
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      const cells = record.every((cell) => cell === '') ? [] : record;
      if (cells.length > 0 && ++filled > MAX_ROWS + 1) throw refused('tooManyRows', `more than ${MAX_ROWS} rows`, { limit: MAX_ROWS });
      batch.push({ row, cells });
      if (maxRows !== undefined && row >= maxRows) break;
      if (batch.length >= BATCH_ROWS) {
        if (signal?.cancelled) throw cancelledFailure();
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  } catch (error) {
    throw csvFailure(error);
  } finally {
    stop.abort();
    parser.destroy();
    await producing;
  }
}

/** csv-parse's own errors as refusals: a quote never closed runs into the record size limit or the end of the file. */
function csvFailure(error: unknown): unknown {
  if (error instanceof AppFailure) return error;
  const { code, records } = error as { code?: string; records?: number }; // csv-parse's CsvError carries its parser's counts
  if (code === 'CSV_QUOTE_NOT_CLOSED' || code === 'CSV_MAX_RECORD_SIZE') {
    const row = (records ?? 0) + 1;
    return refused('fileType', `a quote opened on row ${row} is never closed`, { row });
  }
  return error;
}
