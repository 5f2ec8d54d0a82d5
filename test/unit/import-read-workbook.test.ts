// Workbooks through the import reader: .xlsx and .xls told from their bytes, sheets listed with their
// hidden flag (the first visible one read by default), merged header cells filling what they span,
// dates as YYYY-MM-DD, numbers as shown plus their value, formulas as their saved value; and the
// hostile ones (zip bombs, lying zips, a zip that is no workbook, too large, too many rows) refused
// before they are parsed.
import { deflateRawSync } from 'node:zlib';
import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/errors.ts';
import { bytesSource, inspectTable, MAX_ROWS, readRows, type ByteSource, type ReadOptions, type TableRow } from '../../electron/core/areas/imports/read/index.ts';
import { inflateChecked, zipEntries } from '../../electron/core/areas/imports/read/zip-check.ts';

async function rowsOf(src: ByteSource, options: ReadOptions = {}): Promise<TableRow[]> {
  const rows: TableRow[] = [];
  for await (const batch of readRows(src, options)) rows.push(...batch);
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

function workbook(sheets: { name: string; rows: unknown[][]; hidden?: boolean; edit?: (ws: XLSX.WorkSheet) => void }[]): XLSX.WorkBook {
  const book = XLSX.utils.book_new();
  for (const sheet of sheets) {
    const ws = XLSX.utils.aoa_to_sheet(sheet.rows);
    sheet.edit?.(ws);
    XLSX.utils.book_append_sheet(book, ws, sheet.name);
  }
  book.Workbook = { Sheets: sheets.map((s) => ({ Hidden: s.hidden ? 1 : 0 })) } as XLSX.WBProps as XLSX.WorkBook['Workbook']; // only the hidden flags matter here
  return book;
}

const bytes = (book: XLSX.WorkBook, bookType: 'xlsx' | 'xls' | 'biff8' = 'xlsx') => new Uint8Array(XLSX.write(book, { type: 'buffer', bookType: bookType === 'xls' ? 'biff8' : bookType }) as Buffer); // type 'buffer' gives a Buffer

const SHOP = workbook([
  { name: '说明', hidden: true, rows: [['这是隐藏的说明页']] },
  {
    name: '客户',
    rows: [
      ['客户名单'],
      ['客户名称', '联系方式', null, '签约日期', '合计'],
      [null, '手机', '电话', null, null],
      ['张三五金店', 13800138000, '0755-88888888', 45356, 3],
      [],
      ['李四茶行', 13900139000, "'010", 45357.5, 4],
    ],
    edit: (ws) => {
      ws['!merges'] = [
        { s: { r: 1, c: 1 }, e: { r: 1, c: 2 } }, // 联系方式 over B2:C2
        { s: { r: 1, c: 0 }, e: { r: 2, c: 0 } }, // 客户名称 over A2:A3
      ];
      ws['B4']!.z = '0.00E+00';
      ws['D4']!.z = 'yyyy/m/d';
      ws['D6']!.z = 'm/d/yy h:mm';
      ws['E4'] = { t: 'n', v: 3, f: 'SUM(1,2)' };
      ws['E6'] = { t: 'n', v: 4, f: 'NOW()' }; // a volatile formula: its saved value, never evaluated
    },
  },
  { name: '其他', rows: [['x']] },
]);

describe('workbooks', () => {
  it('lists sheets with their hidden flag and reads the first visible one, whatever the file is called', async () => {
    const src = bytesSource('customers.csv', bytes(SHOP));
    expect(await inspectTable(src, {})).toEqual({
      format: 'xlsx',
      encoding: null,
      detectedEncoding: null,
      sheets: [
        { name: '说明', hidden: true },
        { name: '客户', hidden: false },
        { name: '其他', hidden: false },
      ],
      sheet: '客户',
    });
    expect((await inspectTable(src, { sheet: '其他' })).sheet).toBe('其他');
    expect((await failureOf(inspectTable(src, { sheet: '没有' }))).details).toEqual({ reason: 'sheet' });
    expect(await rowsOf(src, { sheet: '说明' })).toEqual([{ row: 1, cells: ['这是隐藏的说明页'] }]);
  });

  it('gives merged cells to every column they span, dates as YYYY-MM-DD, numbers as shown with their value, formulas as saved', async () => {
    const rows = await rowsOf(bytesSource('customers.xlsx', bytes(SHOP)));
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows[1]!.cells).toEqual(['客户名称', '联系方式', '联系方式', '签约日期', '合计']);
    expect(rows[2]!.cells).toEqual(['客户名称', '手机', '电话']);
    expect(rows[3]).toEqual({ row: 4, cells: ['张三五金店', '1.38E+10', '0755-88888888', '2024-03-05', '3'], raw: [null, 13800138000, null, 45356, 3] });
    expect(rows[4]).toEqual({ row: 5, cells: [] });
    expect(rows[5]!.cells).toEqual(['李四茶行', '13900139000', "'010", '2024-03-06', '4']);
  });

  it('reads an .xls (BIFF8) the same way', async () => {
    const book = workbook([{ name: '客户', rows: [['客户名称', '手机', '生日'], ['王五', '013800138000', 36526]], edit: (ws) => (ws['C2']!.z = 'yyyy-mm-dd') }]);
    const src = bytesSource('old.xls', bytes(book, 'xls'));
    expect((await inspectTable(src, {})).format).toBe('xls');
    expect(await rowsOf(src)).toEqual([
      { row: 1, cells: ['客户名称', '手机', '生日'] },
      { row: 2, cells: ['王五', '013800138000', '2000-01-01'], raw: [null, null, 36526] },
    ]);
  });

  it('reads a web page or an Excel 2003 XML file saved as .xls ("export to Excel" of many systems), in its encoding, cells as shown', async () => {
    const page = '<html><head><meta charset="gbk"></head><body><table><tr><td>客户名称</td><td>手机</td></tr><tr><td>张三五金店</td><td>013800138000</td></tr></table></body></html>';
    const src = bytesSource('export.xls', new Uint8Array(iconv.encode(page, 'gb18030')));
    expect(await inspectTable(src, {})).toEqual({ format: 'xls', encoding: 'gb18030', detectedEncoding: 'gb18030', sheets: [{ name: 'Sheet1', hidden: false }], sheet: 'Sheet1' });
    expect((await rowsOf(src)).map((r) => r.cells)).toEqual([
      ['客户名称', '手机'],
      ['张三五金店', '013800138000'],
    ]);
    const xml =
      '<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">' +
      '<Worksheet ss:Name="客户"><Table><Row><Cell><Data ss:Type="String">客户名称</Data></Cell></Row><Row><Cell><Data ss:Type="String">李四茶行</Data></Cell></Row></Table></Worksheet></Workbook>';
    const xmlSrc = bytesSource('export.xls', new TextEncoder().encode(xml));
    expect((await inspectTable(xmlSrc, {})).sheets).toEqual([{ name: '客户', hidden: false }]);
    expect((await rowsOf(xmlSrc)).map((r) => r.cells)).toEqual([['客户名称'], ['李四茶行']]);
  });

  it('gives only the first rows asked for', async () => {
    expect((await rowsOf(bytesSource('x.xlsx', bytes(SHOP)), { rows: 3 })).map((r) => r.row)).toEqual([1, 2, 3]);
  });

  it(`refuses a sheet of more than ${MAX_ROWS} data rows without parsing the rest`, async () => {
    // Written by hand (SheetJS would take seconds to write it): a header and one row too many.
    const sheet = (rows: number) =>
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
      Array.from({ length: rows }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join('') +
      '</sheetData></worksheet>';
    const book = (rows: number) =>
      zip([
        { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
        { name: '_rels/.rels', data: Buffer.from(ROOT_RELS) },
        { name: 'xl/workbook.xml', data: WORKBOOK_XML },
        { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(WORKBOOK_RELS) },
        { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheet(rows)) },
      ]);
    expect((await rowsOf(bytesSource('small.xlsx', book(3)))).map((r) => r.cells)).toEqual([['0'], ['1'], ['2']]);
    const failure = await failureOf(rowsOf(bytesSource('big.xlsx', book(MAX_ROWS + 2))));
    expect(failure.details).toEqual({ reason: 'tooManyRows', limit: MAX_ROWS });
  });
});

type Entry = { name: string; data: Buffer; declared?: number };

/** A zip built by hand, so its directory can declare what a test needs. */
function zip(entries: Entry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const packed = deflateRawSync(entry.data);
    const size = entry.declared ?? entry.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const WORKBOOK_XML = Buffer.from(
  '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
);
const CONTENT_TYPES =
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';
const ROOT_RELS =
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
const WORKBOOK_RELS =
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';

describe('rows counted while the zip is checked', () => {
  it('counts the rows that hold a value, whatever the tags look like, across inflate chunks', async () => {
    const rows = [
      '<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
      '<row r="2" spans="1:3"/>', // styled, empty
      '<row r="3"><c r="A3" s="1"/></row>', // a styled cell, no value
      '<x:row r="4"><x:c r="A4" t="inlineStr"><x:is><x:t>甲</x:t></x:is></x:c></x:row>',
      '<row r="5"><c r="A5"><f>1+1</f><v>2</v></c></row>',
    ];
    const padding = '<!--' + ' '.repeat(70_000) + '-->'; // pushes later tags past the first inflate chunk
    const xml = `<worksheet><sheetData>${rows[0]}${padding}${rows.slice(1).join('')}${'<row r="9"><c><v>1</v></c></row>'.repeat(5_000)}</sheetData></worksheet>`;
    const buf = Buffer.from(zip([{ name: 'xl/workbook.xml', data: WORKBOOK_XML }, { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(xml) }]));
    const counts = await inflateChecked(buf, zipEntries(buf)!);
    expect(counts.get('xl/worksheets/sheet1.xml')).toBe(3 + 5_000);
  });
});

describe('hostile workbooks', () => {
  it('refuses a zip bomb posing as .xlsx before inflating it (ratio past 100:1)', async () => {
    const bomb = zip([
      { name: 'xl/workbook.xml', data: WORKBOOK_XML },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(40 * 1024 * 1024, 0x20) },
    ]);
    expect(bomb.length).toBeLessThan(100_000);
    const failure = await failureOf(inspectTable(bytesSource('bomb.xlsx', bomb), {}));
    expect(failure.code).toBe('VALIDATION');
    expect(failure.details).toEqual({ reason: 'workbook', limit: 300 * 1024 * 1024 });
  });

  it('refuses a zip that declares more than 300 MiB', async () => {
    const big = zip([
      { name: 'xl/workbook.xml', data: WORKBOOK_XML },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<x/>'), declared: 301 * 1024 * 1024 },
    ]);
    expect((await failureOf(rowsOf(bytesSource('big.xlsx', big)))).details).toEqual({ reason: 'workbook', limit: 300 * 1024 * 1024 });
  });

  it('refuses a zip whose entry inflates past the size it declares', async () => {
    const liar = zip([
      { name: 'xl/workbook.xml', data: WORKBOOK_XML },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(1024 * 1024, 0x20), declared: 100 },
    ]);
    expect((await failureOf(inspectTable(bytesSource('liar.xlsx', liar), {}))).details).toEqual({ reason: 'workbook', limit: 300 * 1024 * 1024 });
  });

  it('refuses a zip that is no workbook (fileType), a damaged one and a workbook over 50 MiB', async () => {
    const docx = zip([{ name: 'word/document.xml', data: Buffer.from('<w:document/>') }]);
    expect((await failureOf(inspectTable(bytesSource('x.xlsx', docx), {}))).details).toEqual({ reason: 'fileType' });
    const damaged = bytes(SHOP).subarray(0, 2000);
    expect((await failureOf(inspectTable(bytesSource('x.xlsx', damaged), {}))).details).toMatchObject({ reason: 'workbook' });
    const huge: ByteSource = {
      name: 'huge.xlsx',
      size: 51 * 1024 * 1024,
      async *open() {
        yield new Uint8Array([0x50, 0x4b, 0x03, 0x04]);
        for (let i = 0; i < 51; i++) yield new Uint8Array(1024 * 1024);
      },
    };
    const failure = await failureOf(inspectTable(huge, {}));
    expect(failure.code).toBe('TOO_LARGE');
    expect(failure.details).toEqual({ limit: 50 * 1024 * 1024, size: 51 * 1024 * 1024 });
    // A source that says less than it gives is stopped at the limit as it is read.
    expect((await failureOf(inspectTable({ ...huge, size: 100 }, {}))).code).toBe('TOO_LARGE');
  });

  it('refuses a damaged or encrypted .xls (an OLE file that holds no readable workbook)', async () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect((await failureOf(rowsOf(bytesSource('x.xls', ole)))).details).toMatchObject({ reason: 'workbook' });
  });
});
