// Telling what a file is from its bytes, never its name: a zip with a workbook in it (.xlsx), an
// OLE compound file (.xls), or text, in which encoding. Binary files (NUL bytes, control bytes,
// known binary signatures) are refused as 'fileType'.
import { isUtf8 } from 'node:buffer';
import type { TableFormat, TextEncoding } from '../../../../../shared/api/imports.ts';
import { firstInvalidUtf8, InvalidBytes, textDecoder } from './decode.ts';
import { SNIFF_BYTES } from './limits.ts';

export type ByteSource = { name: string; size: number; open(): AsyncIterable<Uint8Array> };

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/**
 * Signatures of files that are surely not tables (PDF, PNG, JPEG, gzip, 7z, ELF): none is the start
 * of a text a shop would save. Most binaries are caught by their NUL and control bytes anyway.
 */
const BINARY = [[0x25, 0x50, 0x44, 0x46, 0x2d], [0x89, 0x50, 0x4e, 0x47], [0xff, 0xd8, 0xff], [0x1f, 0x8b, 0x08], [0x37, 0x7a, 0xbc, 0xaf], [0x7f, 0x45, 0x4c, 0x46]];

function startsWith(bytes: Uint8Array, sig: readonly number[]): boolean {
  return bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
}

/** The first `max` bytes of the source (fewer when it is shorter). */
export async function head(src: ByteSource, max = SNIFF_BYTES): Promise<Uint8Array> {
  const out = new Uint8Array(max);
  let length = 0;
  for await (const chunk of src.open()) {
    const n = Math.min(chunk.length, max - length);
    out.set(chunk.subarray(0, n), length);
    length += n;
    if (length >= max) break;
  }
  return out.subarray(0, length);
}

export type Sniffed = { kind: 'workbook'; format: TableFormat } | { kind: 'text'; bom: TextEncoding | null; utf16: TextEncoding | null } | { kind: 'binary' } | { kind: 'empty' };

/** UTF-16 without a BOM: most characters of a table are ASCII, so one byte of each pair is mostly 0. */
function utf16Guess(bytes: Uint8Array): TextEncoding | null {
  const pairs = Math.floor(Math.min(bytes.length, 4096) / 2);
  if (pairs < 2) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0) evenZero++;
    if (bytes[2 * i + 1] === 0) oddZero++;
  }
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return 'utf16le';
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return 'utf16be';
  return null;
}

/** Control bytes that no text table has (tab, new lines, form feed and Ctrl-Z at the end allowed). */
function hasControlBytes(bytes: Uint8Array): boolean {
  let bad = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a) bad++;
  }
  // A stray control character or two in a shop's text is not a binary file; many are.
  return bad > Math.max(2, bytes.length / 1000);
}

export function sniffHead(bytes: Uint8Array): Sniffed {
  if (bytes.length === 0) return { kind: 'empty' };
  if (startsWith(bytes, ZIP) || startsWith(bytes, ZIP_EMPTY)) return { kind: 'workbook', format: 'xlsx' };
  if (startsWith(bytes, OLE)) return { kind: 'workbook', format: 'xls' };
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { kind: 'text', bom: 'utf8bom', utf16: null };
  if (startsWith(bytes, [0xff, 0xfe])) return { kind: 'text', bom: 'utf16le', utf16: null };
  if (startsWith(bytes, [0xfe, 0xff])) return { kind: 'text', bom: 'utf16be', utf16: null };
  const utf16 = utf16Guess(bytes);
  if (utf16) return { kind: 'text', bom: null, utf16 };
  if (BINARY.some((sig) => startsWith(bytes, sig))) return { kind: 'binary' };
  if (hasControlBytes(bytes)) return { kind: 'binary' };
  return { kind: 'text', bom: null, utf16: null };
}

/** Whether the whole source decodes in `encoding` without an invalid byte (streamed, nothing kept). */
async function decodesAs(src: ByteSource, encoding: TextEncoding): Promise<boolean> {
  if (encoding === 'utf8') return utf8Throughout(src);
  const decoder = textDecoder(encoding);
  try {
    for await (const chunk of src.open()) decoder.write(chunk);
    decoder.end();
    return true;
  } catch (error) {
    if (error instanceof InvalidBytes) return false;
    throw error;
  }
}

/** UTF-8 checked with node's native validator, chunk by chunk, a character split between chunks joined first. */
async function utf8Throughout(src: ByteSource): Promise<boolean> {
  let carry = new Uint8Array(0);
  for await (const chunk of src.open()) {
    const buf = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
    let cut = buf.length;
    // Hold back an incomplete character at the end (at most 3 bytes).
    for (let back = 1; back <= Math.min(3, buf.length); back++) {
      const b = buf[buf.length - back]!;
      if ((b & 0xc0) === 0x80) continue;
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      if (need > back) cut = buf.length - back;
      break;
    }
    if (!isUtf8(buf.subarray(0, cut))) return false;
    carry = buf.slice(cut);
  }
  return carry.length === 0;
}

/**
 * A text file's encoding: its BOM; else UTF-16 by the look of its bytes; else UTF-8 when every byte
 * of the file is valid UTF-8; else GB18030 when every byte is valid in it. Invalid in both: UTF-8
 * when the start of the file has UTF-8 characters (a UTF-8 file with a damaged byte: reading says
 * on which row), else null (not a text file in an encoding we know: 'fileType').
 */
export async function detectEncoding(src: ByteSource, sniffed: Extract<Sniffed, { kind: 'text' }>, start: Uint8Array): Promise<TextEncoding | null> {
  if (sniffed.bom) return sniffed.bom;
  if (sniffed.utf16) return sniffed.utf16;
  if (await decodesAs(src, 'utf8')) return 'utf8';
  if (await decodesAs(src, 'gb18030')) return 'gb18030';
  const bad = firstInvalidUtf8(start);
  return start.subarray(0, bad).some((b) => b >= 0x80) ? 'utf8' : null;
}
