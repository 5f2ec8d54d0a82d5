// Small demo files for `clientele seed`: one-page PDFs with Chinese text and PNG images of a few
// coloured blocks, made here byte by byte (no library), deterministic for the same input.
//
// The PDF uses the predefined Adobe-GB1 font STSong-Light with the UniGB-UCS2-H CMap, which every
// PDF reader knows without the font being embedded (pdf.js ships the CMap, poppler has it in
// poppler-data): the text is written as hex UCS-2 (UTF-16BE) codes. A ToUnicode CMap maps those
// codes back to Unicode as well, so the text extracts (copy, search, pdftotext) even in a reader
// without the GB1 tables.
import { crc32, deflateSync } from 'node:zlib';

/** A4 in points. */
const PAGE = { width: 595, height: 842 };
const MARGIN = 56;
const FONT_SIZE = 12;
const LEADING = 20;
/** Characters per line: STSong-Light's Chinese characters are 1 em wide; ASCII is narrower. */
const LINE_EMS = Math.floor((PAGE.width - 2 * MARGIN) / FONT_SIZE);

/** Text as the font's codes: UCS-2, so only characters of the Basic Multilingual Plane ('?' for others). */
function ucs2Hex(text: string): string {
  let hex = '';
  for (const char of text) {
    const code = char.codePointAt(0)!; // a character of the string has a code point
    hex += (code > 0xffff ? 0x3f : code).toString(16).padStart(4, '0').toUpperCase();
  }
  return hex;
}

/** Lines no wider than the page: a Chinese character counts 1 em, anything else half. */
function wrap(paragraph: string): string[] {
  const lines: string[] = [];
  let line = '';
  let width = 0;
  for (const char of paragraph) {
    const w = char.codePointAt(0)! <= 0xff ? 0.5 : 1; // Latin-1: half an em; a character always has a code point
    if (width + w > LINE_EMS && line !== '') {
      lines.push(line);
      line = '';
      width = 0;
    }
    line += char;
    width += w;
  }
  lines.push(line);
  return lines;
}

/** A ToUnicode CMap for codes equal to their Unicode values: one range per high byte used. */
function identityToUnicode(hexTexts: readonly string[]): string {
  const highs = new Set<string>();
  for (const hex of hexTexts) for (let at = 0; at < hex.length; at += 4) highs.add(hex.slice(at, at + 2));
  const ranges = [...highs].sort().map((high) => `<${high}00> <${high}FF> <${high}00>`);
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    // At most 100 entries per block (the CMap format's limit).
    ...Array.from({ length: Math.ceil(ranges.length / 100) }, (_, i) => {
      const block = ranges.slice(i * 100, i * 100 + 100);
      return `${block.length} beginbfrange\n${block.join('\n')}\nendbfrange`;
    }),
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

/** A PDF string literal of ASCII text: backslashes and parentheses escaped. */
function pdfString(text: string): string {
  return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

/**
 * A one-page PDF: `title` large at the top, then each paragraph wrapped to the page (what does not
 * fit on one page is left out). `info` is the document's title in its metadata (ASCII).
 */
export function chinesePdf(title: string, paragraphs: readonly string[], info = 'Clientele demo document'): Buffer {
  const titleHex = ucs2Hex(title);
  const lines = paragraphs.flatMap((paragraph) => [...wrap(paragraph), '']);
  const room = Math.floor((PAGE.height - 2 * MARGIN - 2 * LEADING) / LEADING);
  const bodyHex = lines.slice(0, room).map(ucs2Hex);
  const content = [
    'BT',
    `/F1 ${FONT_SIZE + 6} Tf`,
    `${MARGIN} ${PAGE.height - MARGIN - FONT_SIZE} Td`,
    `<${titleHex}> Tj`,
    `/F1 ${FONT_SIZE} Tf`,
    `${LEADING} TL`,
    '0 -12 Td',
    ...bodyHex.map((hex) => `T* <${hex}> Tj`),
    'ET',
  ].join('\n');
  const toUnicode = identityToUnicode([titleHex, ...bodyHex]);
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] /ToUnicode 8 0 R >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 /W [1 95 500] >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
    `<< /Length ${Buffer.byteLength(toUnicode, 'latin1')} >>\nstream\n${toUnicode}\nendstream`,
    `<< /Title ${pdfString(info)} /Producer (Clientele seed) >>`,
  ];
  // Every byte is ASCII (the text is hex), so offsets are string lengths; the binary comment line
  // after the header tells transfer tools the file is binary, as the PDF specification suggests.
  let pdf = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

export type Rgb = readonly [number, number, number];

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A PNG (8-bit RGB) of `columns` × `rows` blocks of `block` pixels each, coloured row by row from
 * `colours` (repeating).
 */
export function blocksPng(colours: readonly Rgb[], options: { columns?: number; rows?: number; block?: number } = {}): Buffer {
  const { columns = 4, rows = 3, block = 24 } = options;
  const width = columns * block;
  const height = rows * block;
  const stride = 1 + width * 3;
  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    raw[y * stride] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const colour = colours[(Math.floor(y / block) * columns + Math.floor(x / block)) % colours.length]!; // modulo keeps it in range
      raw.set(colour, y * stride + 1 + x * 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // colour type: RGB
  // compression, filter and interlace methods: 0 (the only ones defined; no interlace)
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', Buffer.alloc(0))]);
}
