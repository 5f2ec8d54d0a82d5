// Property: any table of Unicode text, written as CSV in UTF-8 or GB18030 (for the characters GB18030
// encodes) and read back through readRows in chunks of any size, gives back the same rows with the
// same row numbers: no character split between chunks, none replaced, quotes, delimiters and new
// lines inside cells kept.
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { bytesSource, readRows, type TableRow, type TextEncoding } from '../../electron/core/areas/imports/read/index.ts';

/** Characters a cell may hold: any code point but the C0 controls other than tab and new lines (a text table has none). */
const cellChar = fc
  .oneof(
    { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    { weight: 3, arbitrary: fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCodePoint(c)) },
    { weight: 1, arbitrary: fc.constantFrom('"', ',', '\n', '\r\n', '\t', ';', ' ', '€', '𠀀', '😀', '\uFFFD', '\uFEFF', '=') },
  )
  .filter((c) => [...c].every((ch) => ch.codePointAt(0)! >= 0x20 || ch === '\t' || ch === '\n' || ch === '\r'));
const cell = fc.array(cellChar, { maxLength: 12 }).map((chars) => chars.join(''));
const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 12 });

const quoted = (text: string) => `"${text.replaceAll('"', '""')}"`;
const csv = (rows: string[][]) => ['名称,备注', ...rows.map((r) => r.map(quoted).join(','))].join('\r\n') + '\r\n';

async function rowsOf(bytes: Uint8Array, encoding: TextEncoding, chunk: number): Promise<TableRow[]> {
  const out: TableRow[] = [];
  for await (const batch of readRows(bytesSource('x.csv', bytes, chunk), { encoding })) out.push(...batch);
  return out;
}

const expected = (rows: string[][]): TableRow[] => [
  { row: 1, cells: ['名称', '备注'] },
  ...rows.map((cells, i) => ({ row: i + 2, cells: cells.every((c) => c === '') ? [] : cells })),
];

describe('CSV round trip through readRows', () => {
  it('UTF-8, any chunk size', async () => {
    await fc.assert(
      fc.asyncProperty(table, fc.integer({ min: 1, max: 40 }), async (rows, chunk) => {
        expect(await rowsOf(new TextEncoder().encode(csv(rows)), 'utf8', chunk)).toEqual(expected(rows));
      }),
      { numRuns: 150 },
    );
  });

  it('GB18030 (what it can encode), any chunk size', async () => {
    const encodable = (text: string) => iconv.decode(iconv.encode(text, 'gb18030'), 'gb18030') === text;
    await fc.assert(
      fc.asyncProperty(table.filter((rows) => rows.every((r) => r.every(encodable))), fc.integer({ min: 1, max: 40 }), async (rows, chunk) => {
        expect(await rowsOf(new Uint8Array(iconv.encode(csv(rows), 'gb18030')), 'gb18030', chunk)).toEqual(expected(rows));
      }),
      { numRuns: 150 },
    );
  });
});
