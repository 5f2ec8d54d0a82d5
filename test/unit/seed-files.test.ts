// The seed's own file makers (electron/core/areas/attachments/seed-files.ts): a PDF with Chinese
// text in the predefined STSong-Light font (UniGB-UCS2-H), whose cross-reference table points at
// each object, that pdfinfo accepts and whose text pdftotext extracts; a PNG whose chunks carry
// correct CRCs and whose pixels are the blocks' colours; both sniffed as what they are.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, inflateSync } from 'node:zlib';
import { fileTypeFromBuffer } from 'file-type';
import { afterAll, describe, expect, it } from 'vitest';
import { blocksPng, chinesePdf } from '../../electron/core/areas/attachments/seed-files.ts';

const dir = mkdtempSync(join(tmpdir(), 'clientele-seed-files-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(tool: string, args: string[]): { out: string; err: string } {
  const file = join(dir, 'err.txt');
  const out = execFileSync('sh', ['-c', `"$0" "$@" 2>"${file}"`, tool, ...args], { encoding: 'utf8' });
  return { out, err: execFileSync('cat', [file], { encoding: 'utf8' }) };
}

describe('chinesePdf', () => {
  const pdf = chinesePdf('服务器维保服务协议', ['合同编号：HT-2026-0012', '甲方：杭州鑫瑞科技有限公司（以下简称"甲方"）', '服务期限自2026年1月5日起至2026年12月10日止。'.repeat(4), 'Amount (含税): ¥128,000.00 \\ 𠀀'], 'HT (2026)');
  const text = pdf.toString('latin1');

  it('has a cross-reference table pointing at each object and a startxref pointing at it', () => {
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
    expect(text.slice(startxref, startxref + 5)).toBe('xref\n');
    const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(text.slice(startxref))!.map(Number) as [number, number, number];
    expect(first).toBe(0);
    const entries = text.slice(startxref).split('\n').slice(2, 2 + count);
    expect(entries[0]).toBe('0000000000 65535 f ');
    entries.slice(1).forEach((entry, i) => {
      expect(entry).toMatch(/^\d{10} 00000 n $/);
      const offset = Number(entry.slice(0, 10));
      expect(text.startsWith(`${i + 1} 0 obj\n`, offset)).toBe(true);
    });
    expect(text).toContain(`/Size ${count}`);
    // The stream lengths are the bytes between stream and endstream.
    for (const match of text.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
      const start = match.index + match[0].length;
      expect(text.slice(start + Number(match[1]), start + Number(match[1]) + 10)).toBe('\nendstream');
    }
  });

  it('names the predefined Chinese font and CMap, and writes the text as UCS-2 hex', () => {
    expect(text).toContain('/BaseFont /STSong-Light /Encoding /UniGB-UCS2-H');
    expect(text).toContain('/Registry (Adobe) /Ordering (GB1)');
    expect(text).toContain('<670D52A156687EF44FDD670D52A1534F8BAE> Tj'); // 服务器维保服务协议
    expect(/[^\x20-\x7e\n]/.test(text.slice(20))).toBe(false); // ASCII only after the binary comment line
  });

  it('is valid to pdfinfo and its Chinese text extracts with pdftotext', async () => {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    const info = run('pdfinfo', [file]);
    expect(info.err).toBe('');
    expect(info.out).toMatch(/Pages:\s+1/);
    expect(info.out).toMatch(/Title:\s+HT \(2026\)/);
    expect(info.out).toMatch(/Page size:\s+595 x 842 pts \(A4\)/);
    const extracted = run('pdftotext', ['-enc', 'UTF-8', file, '-']);
    expect(extracted.err).toBe('');
    const flat = extracted.out.replace(/\s/g, '');
    for (const part of ['服务器维保服务协议', '合同编号：HT-2026-0012', '杭州鑫瑞科技有限公司', '服务期限自2026年1月5日起至2026年12月10日止。', 'Amount(含税):¥128,000.00\\?']) expect(flat).toContain(part.replace(/\s/g, ''));
    expect((await fileTypeFromBuffer(pdf))?.mime).toBe('application/pdf');
  });

  it('wraps long paragraphs to the page and is the same for the same input', () => {
    const long = chinesePdf('标题', ['一二三四五六七八九十'.repeat(10)]);
    expect(long.toString('latin1').match(/T\* <[0-9A-F]+> Tj/g)!.length).toBeGreaterThan(2);
    expect(chinesePdf('标题', ['正文'])).toEqual(chinesePdf('标题', ['正文']));
  });
});

describe('blocksPng', () => {
  const colours = [[220, 60, 60], [60, 160, 90], [50, 90, 200], [240, 200, 40]] as const;
  const png = blocksPng(colours, { columns: 2, rows: 2, block: 5 });

  it('is a PNG whose chunks carry their CRCs, with the blocks coloured in order', async () => {
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const chunks: { type: string; data: Buffer }[] = [];
    for (let at = 8; at < png.length; ) {
      const length = png.readUInt32BE(at);
      const type = png.toString('latin1', at + 4, at + 8);
      const data = png.subarray(at + 8, at + 8 + length);
      expect(png.readUInt32BE(at + 8 + length), type).toBe(crc32(data, crc32(Buffer.from(type, 'latin1'))));
      chunks.push({ type, data });
      at += 12 + length;
    }
    expect(chunks.map((chunk) => chunk.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const header = chunks[0]!.data;
    expect([header.readUInt32BE(0), header.readUInt32BE(4), header[8], header[9]]).toEqual([10, 10, 8, 2]);
    const raw = inflateSync(chunks[1]!.data);
    const stride = 1 + 10 * 3;
    expect(raw.length).toBe(stride * 10);
    const pixel = (x: number, y: number) => [...raw.subarray(y * stride + 1 + x * 3, y * stride + 4 + x * 3)];
    expect([pixel(2, 2), pixel(7, 2), pixel(2, 7), pixel(7, 7)]).toEqual(colours.map((colour) => [...colour]));
    expect((await fileTypeFromBuffer(png))?.mime).toBe('image/png');
  });

  it('is the same bytes for the same colours (so the store keeps one copy)', () => {
    expect(blocksPng(colours)).toEqual(blocksPng(colours));
    expect(blocksPng(colours)).not.toEqual(blocksPng([...colours].reverse()));
  });
});
