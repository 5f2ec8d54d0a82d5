// The cells an export writes (electron/core/areas/exports/cells.ts, writers.ts): which text is
// neutralised, how each type is spelled in CSV and typed in .xlsx, the serial numbers Excel reads.
import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { csvText, daySerial, instantSerial, neutralise, type Cell } from '../../electron/core/areas/exports/cells.ts';
import { csvBytes, xlsxBytes } from '../../electron/core/areas/exports/writers.ts';
import { exportedBirthday, lunarBirthdayOf } from '../../shared/api/exports.ts';

async function* pagesOf(...pages: Cell[][][]): AsyncGenerator<Cell[][]> {
  for (const page of pages) yield page;
}

async function collect(bytes: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of bytes) parts.push(Buffer.from(part));
  return Buffer.concat(parts);
}

const nothing = async () => undefined;

describe('neutralise', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+86 138 0000 0000', "'+86 138 0000 0000"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', "'\rcmd"],
    ['＝1+2', "'＝1+2"],
    ['＋1', "'＋1"],
    ['－1', "'－1"],
    ['＠x', "'＠x"],
    ['张三', '张三'],
    ['a=1', 'a=1'],
    ['13800138000', '13800138000'],
    ['01012345678', '01012345678'],
    ["'already", "'already"],
    // A value already starting with ' before a formula-like character gets one more, so the
    // import, taking exactly one off, gives the ' back: '=x → ''=x → '=x.
    ["'=x", "''=x"],
    ["''+1", "'''+1"],
    ["'\tx", "''\tx"],
    ['', ''],
    [' =1', ' =1'],
  ])('%j → %j', (value, expected) => {
    expect(neutralise(value)).toBe(expected);
  });
});

describe('birthdays', () => {
  it('writes a lunar birthday with its calendar word and reads it back in either language', () => {
    expect(exportedBirthday('2020-04L-03', 'lunar', 'zh-CN')).toBe('农历 2020-04L-03');
    expect(exportedBirthday('1990-08-15', 'lunar', 'en-US')).toBe('Lunar 1990-08-15');
    expect(exportedBirthday('1990-08-15', 'gregorian', 'zh-CN')).toBe('1990-08-15');
    expect(exportedBirthday('', 'lunar', 'zh-CN')).toBe('');
    expect(lunarBirthdayOf('农历 2020-04L-03')).toBe('2020-04L-03');
    expect(lunarBirthdayOf('lunar 1990-08-15')).toBe('1990-08-15');
    expect(lunarBirthdayOf('农历1990-08-15')).toBe('1990-08-15');
    expect(lunarBirthdayOf('1990-08-15')).toBeNull();
  });
});

describe('csvText', () => {
  it('spells each type: text neutralised, numbers with their digits, days, local instants', () => {
    expect(csvText(null)).toBe('');
    expect(csvText({ t: 's', v: '=x' })).toBe("'=x");
    expect(csvText({ t: 'n', v: 1234.5, digits: 2 })).toBe('1234.50');
    expect(csvText({ t: 'n', v: -5, digits: 0 })).toBe('-5'); // a number is not text: not neutralised
    expect(csvText({ t: 'd', v: '2026-03-05' })).toBe('2026-03-05');
    const at = new Date(2026, 2, 5, 9, 7).getTime();
    expect(csvText({ t: 'i', v: at })).toBe('2026-03-05 09:07');
  });
});

describe('Excel serial numbers', () => {
  it('counts days from 1899-12-30 and keeps the local wall-clock time', () => {
    expect(daySerial('1900-03-01')).toBe(61);
    expect(daySerial('2026-12-02')).toBe(46358);
    expect(instantSerial(new Date(2026, 11, 2, 12, 0).getTime())).toBe(46358.5);
  });
});

describe('csvBytes', () => {
  it('writes a BOM, CRLF lines, quotes where needed', async () => {
    const bytes = await collect(csvBytes(['名称', '备注'], pagesOf([[{ t: 's', v: '甲, 乙' }, { t: 's', v: '说"好"\n第二行' }]]), 'utf8bom', nothing));
    expect(bytes.toString('utf8')).toBe('\uFEFF名称,备注\r\n"甲, 乙","说""好""\n第二行"\r\n');
  });

  it('quotes a field with a lone line feed or carriage return (a note on two lines stays one field)', async () => {
    const bytes = await collect(csvBytes(['备注', '下一列'], pagesOf([[{ t: 's', v: '第一行\n第二行' }, { t: 's', v: 'a\rb' }]]), 'utf8bom', nothing));
    expect(bytes.toString('utf8')).toBe('\uFEFF备注,下一列\r\n"第一行\n第二行","a\rb"\r\n');
  });

  it('writes GB18030 without a BOM; an emoji survives, a lone surrogate becomes U+FFFD (not a silent ?)', async () => {
    const bytes = await collect(csvBytes(['名称'], pagesOf([[{ t: 's', v: '😀店' }], [{ t: 's', v: 'x\uD800y' }]]), 'gb18030', nothing));
    expect(bytes[0]).not.toBe(0xef);
    expect(iconv.decode(bytes, 'gb18030')).toBe('名称\r\n😀店\r\nx\uFFFDy\r\n');
  });

  it('reports each page done (progress and cancel are called between pages)', async () => {
    const seen: number[] = [];
    await collect(csvBytes(['a'], pagesOf([[{ t: 's', v: '1' }], [{ t: 's', v: '2' }]], [[{ t: 's', v: '3' }]]), 'utf8bom', async (n) => void seen.push(n)));
    expect(seen).toEqual([2, 1]);
  });
});

describe('xlsxBytes', () => {
  it('types cells: text stays text (leading zeros), a negative number is a number, dates are dates', async () => {
    const bytes = await collect(
      xlsxBytes('客户', ['电话', '金额', '日期', '备注', '时间'], pagesOf([[{ t: 's', v: '01012345678' }, { t: 'n', v: -12.5, digits: 2 }, { t: 'd', v: '2026-03-05' }, { t: 's', v: '-5' }, { t: 'i', v: new Date(2026, 2, 5, 8, 30).getTime() }]]), nothing),
    );
    const wb = XLSX.read(bytes, { cellDates: true });
    expect(wb.SheetNames).toEqual(['客户']);
    const ws = wb.Sheets['客户']!;
    expect(ws['A2']).toMatchObject({ t: 's', v: '01012345678' });
    expect(ws['B2']).toMatchObject({ t: 'n', v: -12.5 });
    expect(ws['C2'].t).toBe('d');
    expect((ws['C2'].v as Date).toISOString().slice(0, 10)).toBe('2026-03-05');
    expect(ws['D2']).toMatchObject({ t: 's', v: "'-5" });
    expect(ws['E2'].t).toBe('d');
    expect(XLSX.read(bytes, { cellNF: true }).Sheets['客户']!['C2'].z).toBe('yyyy-mm-dd');
  });

  it('keeps any text exactly: XML specials, control characters, a literal _x0041_, a lone surrogate as U+FFFD', async () => {
    // A CR is written as _x000D_ (XML readers would turn a raw one into LF); SheetJS's reader itself
    // turns CR LF into LF, so the CR is tested beside other text here.
    const texts = ['<a href="x">&amp;</a>', 'bell\u0007 and \u000B', 'not _x0041_ an escape', '第一行\n第二行\r末尾', 'x\uD800y'];
    const bytes = await collect(xlsxBytes('s', ['t'], pagesOf(texts.map((v) => [{ t: 's', v }])), nothing));
    const ws = XLSX.read(bytes).Sheets.s!;
    expect(texts.map((_, i) => ws[`A${i + 2}`].v)).toEqual([...texts.slice(0, 4), 'x\uFFFDy']);
  });

  it('writes the rows as they come (many pages), each page reported done', async () => {
    const seen: number[] = [];
    const pages = Array.from({ length: 30 }, (_, p) => Array.from({ length: 100 }, (_, i): Cell[] => [{ t: 's', v: `客户 ${p * 100 + i}` }, { t: 'n', v: p * 100 + i, digits: 0 }]));
    const bytes = await collect(xlsxBytes('s', ['名称', '序号'], pagesOf(...pages), async (n) => void seen.push(n)));
    expect(seen).toEqual(Array(30).fill(100));
    const rows = XLSX.utils.sheet_to_json<{ 名称: string; 序号: number }>(XLSX.read(bytes).Sheets.s!);
    expect(rows).toHaveLength(3000);
    expect(rows[2999]).toEqual({ 名称: '客户 2999', 序号: 2999 });
  });
});
