// The import tests' files (test/fixtures/import-files.ts) are what they claim to be: each encoding
// decodes to the shop list and only with its own decoder, each workbook holds the cells and sheets
// its options name, the zip bomb really inflates past the limit, and every builder gives the same
// bytes on every run.
import { createInflateRaw } from 'node:zlib';
import { Readable } from 'node:stream';
import * as XLSX from '@e965/xlsx';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  SHOP_HEADER,
  ZIP_BOMB_INFLATED,
  badRows,
  bigCsv,
  bigCsvChunks,
  bigRows,
  binaryAsCsv,
  blankLinesAndHeaderOnRow2,
  csvGbk,
  csvUtf8,
  csvUtf8Bom,
  excelSerial,
  formulaCsv,
  hugeCellCsv,
  raggedCsv,
  seededRandom,
  shopDay,
  shopList,
  shopXlsx,
  tsvUtf16be,
  tsvUtf16le,
  xls,
  zipBomb,
  xlsx,
} from '../fixtures/import-files.ts';

const isUtf8 = (bytes: Uint8Array): boolean => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};
const parseCsv = (text: string, delimiter = ','): string[][] => parse(text, { bom: true, delimiter, relax_column_count: true }) as string[][]; // csv-parse's sync form returns rows of text without `columns`

describe('seeded random', () => {
  it('gives the same numbers for the same seed, others for another', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const c = seededRandom(8);
    const first = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(first);
    expect(first.every((n) => n >= 0 && n < 1)).toBe(true);
  });
});

describe('dates', () => {
  it('reads the shop forms of a day and refuses one that does not exist', () => {
    expect(shopDay('2024/3/5')).toBe('2024-03-05');
    expect(shopDay('2024年3月5日')).toBe('2024-03-05');
    expect(shopDay('2024.3.5')).toBe('2024-03-05');
    expect(shopDay('2024-03-05')).toBe('2024-03-05');
    expect(shopDay('2024/2/30')).toBeNull();
    expect(shopDay('1.38E+10')).toBeNull();
  });
  it("gives Excel's serial number of a day", () => {
    expect(excelSerial('2024-03-05')).toBe(45356);
    expect(excelSerial('1900-03-01')).toBe(61);
  });
});

describe('the shop list', () => {
  const { header, rows, table } = shopList();
  const column = (name: (typeof SHOP_HEADER)[number]): string[] => rows.map((row) => row.cells[name]);

  it('has the Chinese header and 12 customers', () => {
    expect(header).toEqual(['客户名称', '联系人', '手机', '电话', '邮箱', '地址', '行业', '等级', '标签', '生日', '备注']);
    expect(rows).toHaveLength(12);
    expect(table).toHaveLength(13);
    expect(table.every((row) => row.length === header.length)).toBe(true);
  });

  it('holds the cases the import must keep', () => {
    expect(Math.max(...column('客户名称').map((name) => name.length))).toBeGreaterThan(30);
    expect(column('电话')).toContain('01087654321');
    expect(column('手机')).toContain('13800138000');
    const addresses = column('地址');
    expect(addresses.some((a) => a.includes(','))).toBe(true);
    expect(addresses.some((a) => a.includes('"'))).toBe(true);
    expect(addresses.some((a) => a.includes('\n'))).toBe(true);
    expect(column('等级')).toEqual(expect.arrayContaining(['VIP客户', '重点客户', '普通客户', '潜力客户']));
    expect(column('标签').some((t) => t.includes('、'))).toBe(true);
    expect(column('标签').some((t) => t.includes(','))).toBe(true);
    expect(column('生日')).toEqual(expect.arrayContaining(['2024/3/5', '2024年3月5日']));
  });

  it('says what the import must make of each row', () => {
    for (const row of rows) {
      expect(row.expected.name).toBe(row.cells.客户名称);
      expect(row.expected.birthday).toBe(row.cells.生日 === '' ? '' : shopDay(row.cells.生日));
      expect(row.expected.tags.join('|')).toBe(row.cells.标签.split(/[、,]/).filter(Boolean).join('|'));
    }
    // Re-importing must create nothing: no two rows share a mobile, an e-mail or a name.
    for (const name of ['客户名称', '手机'] as const) expect(new Set(column(name)).size).toBe(rows.length);
    const emails = column('邮箱').filter(Boolean);
    expect(new Set(emails).size).toBe(emails.length);
  });
});

describe('text encodings', () => {
  const { table } = shopList();

  it('UTF-8 CSV reads back to the table, quotes, commas and the line break included; with a BOM when asked', () => {
    const plain = csvUtf8(table);
    expect(plain[0]).not.toBe(0xef);
    expect(parseCsv(plain.toString('utf8'))).toEqual(table);
    const bom = csvUtf8Bom(table);
    expect([...bom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bom.subarray(3).equals(plain)).toBe(true);
    expect(plain.toString('utf8')).toContain('"深圳市南山区科技园\n南区8栋"');
    expect(plain.toString('utf8')).toContain('"广州市天河区体育西路""天河城""对面"');
    expect(plain.toString('utf8').split('\r\n')[0]).toBe(SHOP_HEADER.join(','));
  });

  it('the GBK CSV is not UTF-8 and decodes as GBK and as GB18030 to the same table', () => {
    const gbk = csvGbk(table);
    expect(isUtf8(gbk)).toBe(false);
    expect(gbk.includes(0)).toBe(false);
    expect(parseCsv(iconv.decode(gbk, 'gbk'))).toEqual(table);
    expect(parseCsv(iconv.decode(gbk, 'gb18030'))).toEqual(table);
    expect(csvGbk(table, 'gb18030').equals(gbk)).toBe(true); // GB18030 is GBK for these characters
    expect(() => csvGbk([['😀']])).toThrow(/cannot encode/);
  });

  it("Excel's Unicode text is UTF-16 with its BOM, tab-separated", () => {
    const le = tsvUtf16le(table);
    expect([...le.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    const text = le.subarray(2).toString('utf16le');
    expect(text.split('\r\n')[0]).toBe(SHOP_HEADER.join('\t'));
    expect(parseCsv(text, '\t')).toEqual(table);
    const be = tsvUtf16be(table);
    expect([...be.subarray(0, 2)]).toEqual([0xfe, 0xff]);
    expect(iconv.decode(be.subarray(2), 'utf16be')).toBe(text);
  });
});

describe('workbooks', () => {
  const { table } = shopList();
  const sheetCell = (book: XLSX.WorkBook, sheet: string, address: string): XLSX.CellObject | undefined => book.Sheets[sheet]?.[address] as XLSX.CellObject | undefined;

  it('an .xlsx: text cells keep leading zeros, typed cells show as Excel shows them, a formula keeps its saved value', () => {
    const bytes = xlsx(table, {
      dateColumns: ['生日'],
      scientificColumns: ['手机'],
      formulas: [{ row: 3, column: '备注', formula: 'LEN(A3)', value: 38 }],
    });
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    expect(xlsx(table, { dateColumns: ['生日'], scientificColumns: ['手机'], formulas: [{ row: 3, column: '备注', formula: 'LEN(A3)', value: 38 }] }).equals(bytes)).toBe(true);
    const book = XLSX.read(bytes);
    expect(book.SheetNames).toEqual(['客户名单']);
    expect(sheetCell(book, '客户名单', 'A1')?.v).toBe('客户名称');
    expect(sheetCell(book, '客户名单', 'D2')).toMatchObject({ t: 's', v: '01087654321' });
    expect(sheetCell(book, '客户名单', 'C2')).toMatchObject({ t: 'n', v: 13800138000, w: '1.38E+10' });
    expect(sheetCell(book, '客户名单', 'J2')).toMatchObject({ t: 'n', v: 45356, w: '2024/3/5' });
    expect(sheetCell(book, '客户名单', 'J3')).toMatchObject({ t: 'n', v: 45356, w: '2024/3/5' }); // 2024年3月5日
    expect(sheetCell(book, '客户名单', 'F5')?.v).toBe('深圳市南山区科技园\n南区8栋');
    expect(sheetCell(book, '客户名单', 'K3')).toMatchObject({ f: 'LEN(A3)', v: 38 });
  });

  it('serial dates and plain numbers: the sheet shows 45356 and loses the leading zero', () => {
    const book = XLSX.read(xlsx(table, { serialDateColumns: ['生日'], numberColumns: ['电话'] }));
    expect(sheetCell(book, '客户名单', 'J2')).toMatchObject({ t: 'n', v: 45356, w: '45356' });
    expect(sheetCell(book, '客户名单', 'D2')).toMatchObject({ t: 'n', v: 1087654321 });
  });

  it('a hidden sheet first, a merged title over the header on row 2, merged header cells, more sheets', () => {
    const book = XLSX.read(
      xlsx(table, {
        title: '本店客户名单',
        merges: ['C2:D2'],
        hiddenSheetFirst: { name: '数据字典', rows: [['等级'], ['VIP客户']] },
        extraSheets: [{ name: '说明', rows: [['本表由店长维护']] }, { name: '旧表', rows: [['x']], hidden: true }],
      }),
    );
    expect(book.SheetNames).toEqual(['数据字典', '客户名单', '说明', '旧表']);
    expect(book.Workbook?.Sheets?.map((sheet) => sheet.Hidden)).toEqual([1, 0, 0, 1]);
    expect(sheetCell(book, '客户名单', 'A1')?.v).toBe('本店客户名单');
    expect(sheetCell(book, '客户名单', 'A2')?.v).toBe('客户名称');
    expect(sheetCell(book, '客户名单', 'C2')?.v).toBe('手机');
    expect(sheetCell(book, '客户名单', 'D2')).toBeUndefined(); // covered by the merge, as Excel leaves it
    expect(sheetCell(book, '客户名单', 'A3')?.v).toBe('北京华联商贸有限公司');
    expect(book.Sheets['客户名单']?.['!merges']?.map((range) => XLSX.utils.encode_range(range))).toEqual(['A1:K1', 'C2:D2']);
  });

  it('the canned shop workbook: hidden dictionary first, title row, dates as dates', () => {
    const file = shopXlsx();
    expect(file.name.endsWith('.xlsx')).toBe(true);
    const book = XLSX.read(file.bytes);
    expect(book.SheetNames).toEqual(['数据字典', '客户名单', '说明']);
    expect(book.Workbook?.Sheets?.[0]?.Hidden).toBe(1);
    expect(sheetCell(book, '客户名单', 'A2')?.v).toBe('客户名称');
    expect(sheetCell(book, '客户名单', 'J3')).toMatchObject({ t: 'n', v: 45356 });
  });

  it('an .xls is a BIFF8 compound file with the same cells and the hidden sheet', () => {
    const bytes = xls(table, { scientificColumns: ['手机'], dateColumns: ['生日'], hiddenSheetFirst: { name: '数据字典', rows: [['x']] } });
    expect(bytes.subarray(0, 8).toString('hex')).toBe('d0cf11e0a1b11ae1');
    expect(xls(table, { scientificColumns: ['手机'], dateColumns: ['生日'], hiddenSheetFirst: { name: '数据字典', rows: [['x']] } }).equals(bytes)).toBe(true);
    const book = XLSX.read(bytes);
    expect(book.SheetNames).toEqual(['数据字典', '客户名单']);
    expect(book.Workbook?.Sheets?.[0]?.Hidden).toBe(1);
    expect(sheetCell(book, '客户名单', 'A2')?.v).toBe('北京华联商贸有限公司');
    expect(sheetCell(book, '客户名单', 'D2')?.v).toBe('01087654321');
    expect(sheetCell(book, '客户名单', 'C2')).toMatchObject({ v: 13800138000, w: '1.38E+10' });
    expect(sheetCell(book, '客户名单', 'J2')).toMatchObject({ v: 45356, w: '2024/3/5' });
  });
});

describe('hostile files', () => {
  /** The zip's entries as its central directory declares them. */
  const directory = (zip: Buffer): { name: string; compressed: number; size: number; offset: number }[] => {
    const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const count = zip.readUInt16LE(end + 10);
    let at = zip.readUInt32LE(end + 16);
    const entries = [];
    for (let i = 0; i < count; i++) {
      expect(zip.readUInt32LE(at)).toBe(0x02014b50);
      const nameLength = zip.readUInt16LE(at + 28);
      entries.push({ name: zip.toString('utf8', at + 46, at + 46 + nameLength), compressed: zip.readUInt32LE(at + 20), size: zip.readUInt32LE(at + 24), offset: zip.readUInt32LE(at + 42) });
      at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    }
    return entries;
  };
  const inflatedSize = async (zip: Buffer, entry: { compressed: number; offset: number }): Promise<number> => {
    const start = entry.offset + 30 + zip.readUInt16LE(entry.offset + 26) + zip.readUInt16LE(entry.offset + 28);
    let total = 0;
    for await (const chunk of Readable.from([zip.subarray(start, start + entry.compressed)]).pipe(createInflateRaw())) total += (chunk as Buffer).length;
    return total;
  };

  it('the zip bomb is a workbook package whose sheet declares and really inflates to more than 300 MiB at over 100:1', async () => {
    const bomb = zipBomb();
    expect(bomb.name.endsWith('.xlsx')).toBe(true);
    expect(bomb.bytes.length).toBeLessThan(1024 * 1024);
    const entries = directory(bomb.bytes);
    expect(entries.map((entry) => entry.name)).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/worksheets/sheet1.xml']);
    const sheet = entries.at(-1)!;
    expect(sheet.size).toBe(ZIP_BOMB_INFLATED);
    expect(sheet.size).toBeGreaterThan(300 * 1024 * 1024);
    expect(sheet.size / sheet.compressed).toBeGreaterThan(100);
    expect(await inflatedSize(bomb.bytes, sheet)).toBe(ZIP_BOMB_INFLATED);
    expect(zipBomb().bytes.equals(bomb.bytes)).toBe(true);
  });

  it('the lying zip bomb declares 1 KiB for the same 320 MiB', () => {
    const sheet = directory(zipBomb({ declare: 'small' }).bytes).at(-1)!;
    expect(sheet.size).toBe(1024);
    expect(sheet.compressed).toBe(directory(zipBomb().bytes).at(-1)!.compressed);
  });

  it('the binary file named .csv has NULs and is neither UTF-8 nor text, the same bytes every time', () => {
    const file = binaryAsCsv();
    expect(file.name.endsWith('.csv')).toBe(true);
    expect(file.bytes.includes(0)).toBe(true);
    expect(isUtf8(file.bytes)).toBe(false);
    expect(binaryAsCsv().bytes.equals(file.bytes)).toBe(true);
    expect(binaryAsCsv(1024, 1).bytes.equals(binaryAsCsv(1024, 2).bytes)).toBe(false);
  });

  it('the ragged CSV has short and long rows where it says', () => {
    const file = raggedCsv();
    const rows = parseCsv(file.bytes.toString('utf8'));
    const width = SHOP_HEADER.length;
    rows.forEach((row, index) => {
      const number = index + 1;
      if (file.short.includes(number)) expect(row.length).toBeLessThan(width);
      else if (file.long.includes(number)) expect(row.length).toBeGreaterThan(width);
      else expect(row.length).toBe(width);
    });
  });

  it('the huge cell has its 100,000 characters on its row and column', () => {
    const file = hugeCellCsv(100_000);
    const rows = parseCsv(file.bytes.toString('utf8'));
    const cell = rows[file.row - 1]![SHOP_HEADER.indexOf('备注')]!;
    expect(cell).toHaveLength(100_000);
    expect(file.length).toBe(100_000);
  });

  it('the formula CSV holds each formula-like text where it says, leading tab and CR included', () => {
    const file = formulaCsv();
    const rows = parseCsv(file.bytes.toString('utf8'));
    for (const { row, column, value } of file.cells) expect(rows[row - 1]![SHOP_HEADER.indexOf(column)]).toBe(value);
    expect(file.cells.map((cell) => cell.value[0])).toEqual(expect.arrayContaining(['=', '+', '-', '@', '\t', '\r', "'"]));
  });

  it('blank lines and a title on row 1: header on row 2, the bad rows on the lines it names', () => {
    const file = blankLinesAndHeaderOnRow2();
    const lines = file.bytes.toString('utf8').split('\r\n');
    expect(lines.at(-1)).toBe('');
    const cellsOf = (row: number): string[] => parseCsv(lines[row - 1]!)[0] ?? [];
    expect(cellsOf(1).filter(Boolean)).toHaveLength(1);
    expect(cellsOf(file.headerRow)).toEqual([...SHOP_HEADER]);
    for (const row of file.blankRows) expect(cellsOf(row).every((cell) => cell === '')).toBe(true);
    for (const row of file.goodRows) expect(cellsOf(row)[0]).not.toBe('');
    const at = (row: number, column: (typeof SHOP_HEADER)[number]): string | undefined => cellsOf(row)[SHOP_HEADER.indexOf(column)];
    expect(file.errors).toEqual([
      { row: 5, field: 'name', code: 'required' },
      { row: 8, field: 'email', code: 'email' },
      { row: 11, field: 'birthday', code: 'date' },
    ]);
    expect(at(5, '客户名称')).toBe('');
    expect(at(5, '手机')).not.toBe('');
    expect(at(8, '邮箱')).toBe('chenqiang@@tenglong');
    expect(at(11, '生日')).toBe('2024/2/30');
    expect(lines).toHaveLength(12);
  });

  it('bad rows: one mistake per row at the row it names', () => {
    const file = badRows();
    const rows = parseCsv(file.bytes.toString('utf8'));
    expect(rows).toEqual(file.table);
    const at = (row: number, column: (typeof SHOP_HEADER)[number]): string | undefined => rows[row - 1]?.[SHOP_HEADER.indexOf(column)];
    expect(at(3, '客户名称')).toBe('');
    expect(at(4, '邮箱')).toBe('wangfang.163.com');
    expect(shopDay(at(5, '生日')!)).toBeNull();
    expect(at(6, '手机')).toBe('1.38E+10');
    expect(file.errors.map((error) => error.row)).toEqual([3, 4, 5, 6]);
  });
});

describe('big lists', () => {
  it('the same seed gives the same bytes; chunks join to the whole; names, mobiles and e-mails are unique', () => {
    const csv = bigCsv(2_000);
    expect(bigCsv(2_000).equals(csv)).toBe(true);
    expect(bigCsv(2_000, 1).equals(csv)).toBe(false);
    expect(Buffer.concat([...bigCsvChunks(2_000, { rowsPerChunk: 333 })]).equals(csv)).toBe(true);
    const rows = parseCsv(csv.toString('utf8'));
    expect(rows[0]).toEqual([...SHOP_HEADER]);
    expect(rows).toHaveLength(2_001);
    expect(rows.slice(1).every((row) => row.length === SHOP_HEADER.length)).toBe(true);

    const names = new Set<string>();
    const mobiles = new Set<string>();
    const emails = new Set<string>();
    let count = 0;
    for (const row of bigRows(50_000)) {
      count++;
      names.add(row[0]!);
      mobiles.add(row[2]!);
      if (row[4]) emails.add(row[4]);
      expect(row[2]).toMatch(/^1[3589]\d{9}$/);
      if (row[9]) expect(shopDay(row[9])).not.toBeNull();
    }
    expect(names.size).toBe(count);
    expect(mobiles.size).toBe(count);
    expect(emails.size).toBeGreaterThan(count / 2);
  });
});
