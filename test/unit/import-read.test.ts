// The import's file reader (electron/core/areas/imports/read): formats told from the bytes, not the
// name; encodings detected (BOM, strict UTF-8, GB18030) or chosen, never a silent U+FFFD; CSV rows
// with the file's own row numbers (blank lines, a header on row 2, quoted new lines); ragged rows;
// the refusals of hostile files, each with its reason.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/errors.ts';
import { bytesSource, inspectTable, readRows, type ByteSource, type ReadOptions, type TableRow } from '../../electron/core/areas/imports/read/index.ts';
import { sniffDelimiter } from '../../electron/core/areas/imports/read/csv.ts';
import { MAX_ROWS } from '../../electron/core/areas/imports/read/limits.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const gbk = (text: string) => new Uint8Array(iconv.encode(text, 'gb18030'));
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts.map((p) => Buffer.from(p))));

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

const SHOP = '客户名称,手机,地址\n张三五金店,13800138000,"深圳市南山区, 科技园"\n李四茶行,0755-88888888,广州\n';

describe('formats, from the bytes', () => {
  it('reads a UTF-8 CSV, a GBK CSV and a UTF-8 BOM CSV to the same rows', async () => {
    const expected = [
      { row: 1, cells: ['客户名称', '手机', '地址'] },
      { row: 2, cells: ['张三五金店', '13800138000', '深圳市南山区, 科技园'] },
      { row: 3, cells: ['李四茶行', '0755-88888888', '广州'] },
    ];
    for (const [bytes, encoding] of [
      [utf8(SHOP), 'utf8'],
      [gbk(SHOP), 'gb18030'],
      [concat(new Uint8Array([0xef, 0xbb, 0xbf]), utf8(SHOP)), 'utf8bom'],
      [new Uint8Array(iconv.encode(SHOP, 'utf16le', { addBOM: true })), 'utf16le'],
      [new Uint8Array(iconv.encode(SHOP, 'utf16be', { addBOM: true })), 'utf16be'],
    ] as const) {
      const src = bytesSource('shop.txt', bytes);
      const info = await inspectTable(src, {});
      expect(info, encoding).toEqual({ format: 'csv', encoding, detectedEncoding: encoding, sheets: [], sheet: null });
      expect(await rowsOf(src), encoding).toEqual(expected);
    }
  });

  it('sniffs the delimiter: comma, semicolon, tab (Excel "Unicode text"), a title line above the header outvoted', async () => {
    expect(sniffDelimiter('a;b;c\n1;2;3\n')).toBe(';');
    expect(sniffDelimiter('a\tb\tc\n1\t2,5\t3\n')).toBe('\t');
    expect(sniffDelimiter('客户名单 2024, 第一季度\n名称;电话;地址\n甲;1;x\n乙;2;y\n')).toBe(';');
    expect(sniffDelimiter('"a;b",c\n"1;2",3\n')).toBe(',');
    expect(sniffDelimiter('just one column\n')).toBe(',');
    const tab = new Uint8Array(iconv.encode('名称\t电话\n甲\t010-1\n', 'utf16le', { addBOM: true }));
    expect(await rowsOf(bytesSource('x.txt', tab))).toEqual([
      { row: 1, cells: ['名称', '电话'] },
      { row: 2, cells: ['甲', '010-1'] },
    ]);
  });

  it('refuses a binary file renamed .csv (fileType), and an empty one (empty)', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3]);
    for (const bytes of [png, new Uint8Array([1, 2, 3, 0, 0, 0, 7, 8, 250, 251]), concat(utf8('a,b\n'), new Uint8Array([0, 0, 0, 1]))]) {
      const failure = await failureOf(inspectTable(bytesSource('customers.csv', bytes), {}));
      expect(failure.code).toBe('VALIDATION');
      expect(failure.details).toEqual({ reason: 'fileType' });
      expect(failure.message).toMatch(/^Reading the import file/);
      expect((await failureOf(rowsOf(bytesSource('customers.csv', bytes)))).details).toEqual({ reason: 'fileType' });
    }
    // Bytes invalid in UTF-8 and in GB18030 with no UTF-8 character before them: not a text table.
    const garbage = new Uint8Array(Array.from({ length: 200 }, (_, i) => (i % 2 ? 0xff : 0x80)));
    expect((await failureOf(inspectTable(bytesSource('x.csv', garbage), {}))).details).toEqual({ reason: 'fileType' });
    expect((await failureOf(inspectTable(bytesSource('x.csv', new Uint8Array(0)), {}))).details).toEqual({ reason: 'empty' });
  });
});

describe('encodings', () => {
  it('detects GB18030 only when the file is not valid UTF-8 anywhere, however far down the Chinese text starts', async () => {
    const ascii = 'name,phone\n' + 'shop,123\n'.repeat(20_000); // past the first 64 KiB
    const bytes = concat(utf8(ascii), gbk('张三,456\n'));
    const info = await inspectTable(bytesSource('x.csv', bytes), {});
    expect(info.encoding).toBe('gb18030');
    const rows = await rowsOf(bytesSource('x.csv', bytes));
    expect(rows.at(-1)).toEqual({ row: 20_002, cells: ['张三', '456'] });
  });

  it('detects UTF-16 without a BOM by its zero bytes', async () => {
    const text = 'name\tphone\r\n张三\t010-1\r\n';
    for (const encoding of ['utf16le', 'utf16be'] as const) {
      const bytes = new Uint8Array(iconv.encode(text, encoding));
      expect((await inspectTable(bytesSource('x.txt', bytes), {})).encoding).toBe(encoding);
      expect((await rowsOf(bytesSource('x.txt', bytes))).map((r) => r.cells)).toEqual([
        ['name', 'phone'],
        ['张三', '010-1'],
      ]);
    }
  });

  it('honours the chosen encoding and says the detected one', async () => {
    const info = await inspectTable(bytesSource('x.csv', gbk(SHOP)), { encoding: 'utf8' });
    expect(info.encoding).toBe('utf8');
    expect(info.detectedEncoding).toBe('gb18030');
  });

  it('never puts U+FFFD in silently: bytes invalid in the chosen encoding are refused with their row', async () => {
    // GBK bytes read as UTF-8: the first Chinese character is on row 2.
    const bytes = utf8('name,phone\n');
    const failure = await failureOf(rowsOf(bytesSource('x.csv', concat(bytes, gbk('张三,1\n'))), { encoding: 'utf8' }));
    expect(failure.code).toBe('VALIDATION');
    expect(failure.details).toEqual({ reason: 'encoding', row: 2 });
    // A UTF-8 file with a damaged byte on row 4 (after a blank line and a quoted new line): detected as UTF-8, refused at row 4.
    const damaged = concat(utf8('名称,备注\n\n甲,"两行\n的备注"\n乙,'), new Uint8Array([0xe5, 0x41]), utf8('\n丙,x\n'));
    expect((await inspectTable(bytesSource('x.csv', damaged), {})).encoding).toBe('utf8');
    expect((await failureOf(rowsOf(bytesSource('x.csv', damaged, 7)))).details).toEqual({ reason: 'encoding', row: 4 });
    // GB18030 chosen for bytes that are not GB18030 (0xFF), on row 3.
    const notGb = concat(gbk('名称\n甲\n乙'), new Uint8Array([0xff, 0x41]), utf8('\n'));
    expect((await failureOf(rowsOf(bytesSource('x.csv', notGb), { encoding: 'gb18030' }))).details).toEqual({ reason: 'encoding', row: 3 });
    // A lone surrogate in UTF-16, on row 2; a file cut in the middle of a character, on its last row.
    const lone = concat(new Uint8Array(iconv.encode('a\tb\n', 'utf16le', { addBOM: true })), new Uint8Array([0x00, 0xd8, 0x41, 0x00]));
    expect((await failureOf(rowsOf(bytesSource('x.txt', lone)))).details).toEqual({ reason: 'encoding', row: 2 });
    const cut = utf8('名称\n张三').subarray(0, -1);
    expect((await failureOf(rowsOf(bytesSource('x.csv', cut), { encoding: 'utf8' }))).details).toEqual({ reason: 'encoding', row: 2 });
  });

  it('keeps a U+FFFD that the file itself holds (GB18030 encodes it)', async () => {
    expect(await rowsOf(bytesSource('x.csv', gbk('名称\n坏\uFFFD字\n'), 1), { encoding: 'gb18030' })).toEqual([
      { row: 1, cells: ['名称'] },
      { row: 2, cells: ['坏\uFFFD字'] },
    ]);
  });

  for (const chunk of [1, 2, 3, 7]) {
    it(`does not split a character between chunks of ${chunk} bytes (UTF-8, GB18030, UTF-16)`, async () => {
      const text = '名称,表情\n𠀀字,😀\n€,"引号""内,逗号"\n';
      const expected = [
        { row: 1, cells: ['名称', '表情'] },
        { row: 2, cells: ['𠀀字', '😀'] },
        { row: 3, cells: ['€', '引号"内,逗号'] },
      ];
      expect(await rowsOf(bytesSource('x.csv', utf8(text), chunk))).toEqual(expected);
      expect(await rowsOf(bytesSource('x.csv', gbk(text), chunk), { encoding: 'gb18030' })).toEqual(expected);
      expect(await rowsOf(bytesSource('x.csv', new Uint8Array(iconv.encode(text, 'utf16be', { addBOM: true })), chunk))).toEqual(expected);
    });
  }
});

describe('rows', () => {
  it('numbers rows as the file does: blank lines counted, a header on row 2, a quoted cell with a new line is one row', async () => {
    const text = '客户名单\n名称,备注,电话\n\n甲,"第一行\n第二行",1\n,,\n乙\r\n丙,x,3,多余\n';
    expect(await rowsOf(bytesSource('x.csv', utf8(text), 5))).toEqual([
      { row: 1, cells: ['客户名单'] },
      { row: 2, cells: ['名称', '备注', '电话'] },
      { row: 3, cells: [] },
      { row: 4, cells: ['甲', '第一行\n第二行', '1'] },
      { row: 5, cells: [] },
      { row: 6, cells: ['乙'] },
      { row: 7, cells: ['丙', 'x', '3', '多余'] },
    ]);
  });

  it('keeps a stray quote inside an unquoted cell, and a 100,000-character cell whole (the import says tooLong)', async () => {
    const long = '长'.repeat(100_000);
    const rows = await rowsOf(bytesSource('x.csv', utf8(`名称,尺寸\n显示器,27" 屏\n${long},x\n`)));
    expect(rows[1]).toEqual({ row: 2, cells: ['显示器', '27" 屏'] });
    expect(rows[2]!.cells[0]!.length).toBe(100_000);
  });

  it('refuses a quote never closed, naming the row it opened on', async () => {
    const failure = await failureOf(rowsOf(bytesSource('x.csv', utf8('名称,备注\n甲,ok\n乙,"never closed\n丙,x\n'))));
    expect(failure.details).toEqual({ reason: 'fileType', row: 3 });
  });

  it('yields batches of about 1,000 rows and stops when the caller stops', async () => {
    const src = bytesSource('x.csv', utf8('a,b\n'.repeat(2_500)));
    const sizes: number[] = [];
    for await (const batch of readRows(src, {})) sizes.push(batch.length);
    expect(sizes).toEqual([1000, 1000, 500]);
    let read = 0;
    for await (const batch of readRows(src, {})) {
      read += batch.length;
      break;
    }
    expect(read).toBe(1000);
    expect((await rowsOf(src, { rows: 5 })).map((r) => r.row)).toEqual([1, 2, 3, 4, 5]);
  });

  it('stops with CANCELLED when the job is cancelled', async () => {
    const signal = { cancelled: false };
    const failure = await failureOf(
      (async () => {
        for await (const _ of readRows(bytesSource('x.csv', utf8('a,b\n'.repeat(5_000)), 1024), { signal })) signal.cancelled = true;
      })(),
    );
    expect(failure.code).toBe('CANCELLED');
  });

  it(`refuses more than ${MAX_ROWS} data rows as soon as the next is read (tooManyRows, limit), blank lines not counted`, async () => {
    const header = 'name\n';
    const ok = header + 'x\n'.repeat(MAX_ROWS) + '\n\n';
    expect((await rowsOf(bytesSource('ok.csv', utf8(ok), 1 << 20))).length).toBe(MAX_ROWS + 3);
    const failure = await failureOf(rowsOf(bytesSource('big.csv', utf8(ok + 'y\n'), 1 << 20)));
    expect(failure.details).toEqual({ reason: 'tooManyRows', limit: MAX_ROWS });
  });
});
