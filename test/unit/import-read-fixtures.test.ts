// The reader and the cell parsers over the shared import fixtures (test/fixtures/import-files.ts):
// the same shop list in every encoding and workbook Excel saves it in reads to the same cells; the
// hostile files are refused with their reasons; the header row and blank rows where the file has them.
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/errors.ts';
import { bytesSource, inspectTable, readRows, type TableRow } from '../../electron/core/areas/imports/read/index.ts';
import { findHeaderRow, matchHeaders, parseDateCell, parseGradeCell, parseTagsCell } from '../../electron/core/areas/imports/values/index.ts';
import {
  binaryAsCsv,
  blankLinesAndHeaderOnRow2,
  csvGbk,
  csvUtf8,
  csvUtf8Bom,
  hugeCellCsv,
  raggedCsv,
  SHOP_FIELDS,
  shopList,
  shopXlsx,
  tsvUtf16be,
  tsvUtf16le,
  xls,
  xlsx,
  zipBomb,
  type FixtureFile,
} from '../fixtures/import-files.ts';

async function rowsOf(file: FixtureFile): Promise<TableRow[]> {
  const rows: TableRow[] = [];
  for await (const batch of readRows(bytesSource(file.name, file.bytes), {})) rows.push(...batch);
  return rows;
}

async function failureOf(promise: Promise<unknown>): Promise<AppFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppFailure) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

/** Cells without the empty ones at the end (a workbook has no trailing empty cells). */
const trimmed = (cells: string[]) => {
  const out = [...cells];
  while (out.length > 0 && out.at(-1) === '') out.pop();
  return out;
};

describe('the shop list, however it was saved', () => {
  const { table } = shopList();
  const files: [string, FixtureFile, string][] = [
    ['UTF-8', { name: 'a.csv', bytes: csvUtf8(table) }, 'utf8'],
    ['UTF-8 with BOM', { name: 'a.csv', bytes: csvUtf8Bom(table) }, 'utf8bom'],
    ['GBK', { name: 'a.csv', bytes: csvGbk(table) }, 'gb18030'],
    ['UTF-16LE text', { name: 'a.txt', bytes: tsvUtf16le(table) }, 'utf16le'],
    ['UTF-16BE text', { name: 'a.txt', bytes: tsvUtf16be(table) }, 'utf16be'],
    ['.xlsx', { name: 'a.xlsx', bytes: xlsx(table) }, ''],
    ['.xls', { name: 'a.xls', bytes: xls(table) }, ''],
  ];
  for (const [label, file, encoding] of files) {
    it(`reads the same cells from ${label}, the header auto-matched`, async () => {
      const info = await inspectTable(bytesSource(file.name, file.bytes), {});
      expect(info.encoding ?? '').toBe(encoding);
      const rows = await rowsOf(file);
      expect(rows.map((r) => trimmed(r.cells))).toEqual(table.map(trimmed));
      expect(rows.map((r) => r.row)).toEqual(table.map((_, i) => i + 1));
      const mapping = matchHeaders(rows[0]!.cells, 'customers');
      for (const [header, field] of Object.entries(SHOP_FIELDS)) expect(mapping.columns[field], header).toBe(table[0]!.indexOf(header));
    });
  }

  it('reads the shop .xlsx: the hidden sheet skipped, the title merged over row 1, the header on row 2, birthdays as dates', async () => {
    const file = shopXlsx();
    const info = await inspectTable(bytesSource(file.name, file.bytes), {});
    expect(info.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['数据字典', true],
      ['客户名单', false],
      ['说明', false],
    ]);
    expect(info.sheet).toBe('客户名单');
    const rows = await rowsOf(file);
    expect(findHeaderRow(rows, 'customers')).toBe(2);
    const birthday = table[0]!.indexOf('生日');
    const { rows: shop } = shopList();
    shop.forEach((row, i) => {
      const cells = rows[i + 2]!;
      const parsed = parseDateCell(cells.cells[birthday] ?? '', cells.raw?.[birthday]);
      expect(parsed, `row ${i + 3}`).toEqual({ ok: true, value: row.expected.birthday });
      expect(parseGradeCell(cells.cells[table[0]!.indexOf('等级')]!)).toEqual({ ok: true, value: row.expected.grade });
      expect(parseTagsCell(cells.cells[table[0]!.indexOf('标签')] ?? '')).toEqual({ ok: true, value: row.expected.tags });
    });
  });
});

describe('hostile and awkward files', () => {
  it('refuses the zip bomb, whether its zip tells the truth or lies about the size', async () => {
    for (const declare of ['truth', 'small'] as const) {
      const file = zipBomb({ declare });
      expect((await failureOf(inspectTable(bytesSource(file.name, file.bytes), {}))).details, declare).toMatchObject({ reason: 'workbook' });
      expect((await failureOf(rowsOf(file))).details, declare).toMatchObject({ reason: 'workbook' });
    }
  });

  it('refuses binary bytes named .csv', async () => {
    const file = binaryAsCsv();
    expect((await failureOf(inspectTable(bytesSource(file.name, file.bytes), {}))).details).toEqual({ reason: 'fileType' });
  });

  it('reads ragged rows as they are', async () => {
    const file = raggedCsv();
    const rows = await rowsOf(file);
    const width = rows[0]!.cells.length;
    for (const row of file.short) expect(rows[row - 1]!.cells.length).toBeLessThan(width);
    for (const row of file.long) expect(rows[row - 1]!.cells.length).toBeGreaterThan(width);
  });

  it('keeps a 100,000-character cell whole on its row', async () => {
    const file = hugeCellCsv();
    const rows = await rowsOf(file);
    const column = rows[0]!.cells.indexOf(file.column);
    expect(rows[file.row - 1]!.cells[column]!.length).toBe(file.length);
  });

  it('gives blank rows and the header on row 2 where the file has them', async () => {
    const file = blankLinesAndHeaderOnRow2();
    const rows = await rowsOf(file);
    expect(findHeaderRow(rows, 'customers')).toBe(file.headerRow);
    for (const row of file.blankRows) expect(rows[row - 1], `row ${row}`).toEqual({ row, cells: [] });
    for (const row of file.goodRows) expect(rows[row - 1]!.cells.length, `row ${row}`).toBeGreaterThan(5);
  });
});
