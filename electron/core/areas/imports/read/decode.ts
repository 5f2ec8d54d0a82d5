// Strict, streaming text decoding for import files. Chunks may end in the middle of a character:
// the incomplete tail is held back until the next chunk, so a character is never split. A byte
// sequence that is not valid in the chosen encoding is never replaced by U+FFFD: decoding stops
// with InvalidBytes, carrying the text decoded before it so the caller can say on which row it was.
// GB18030 goes through iconv-lite (the TextDecoder of the Electron worker may lack it).
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import type { TextEncoding } from '../../../../../shared/api/imports.ts';

/** Bytes that are not valid in the encoding; `before` is the text decoded from the bytes before them. */
export class InvalidBytes extends Error {
  readonly before: string;
  constructor(before: string) {
    super('bytes not valid in the chosen encoding');
    this.before = before;
  }
}

export type TextDecoderStream = {
  /** The text of the complete characters so far (a leading BOM dropped). */
  write(bytes: Uint8Array): string;
  /** The end of the input: an incomplete character left over is invalid. */
  end(): string;
};

const EMPTY = new Uint8Array(0);

function join(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Where the last complete UTF-8 character of `buf` ends (an incomplete one at the end held back). */
function utf8Cut(buf: Uint8Array): number {
  const len = buf.length;
  let i = len - 1;
  while (i >= 0 && i >= len - 4 && (buf[i]! & 0xc0) === 0x80) i--;
  if (i < 0 || i < len - 4) return len;
  const lead = buf[i]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return len - i < need ? i : len;
}

/** Offset of the first byte of `buf` that is not valid UTF-8 (buf.length when all is valid). */
export function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b === 0xe0) [need, min] = [2, 0xa0];
    else if (b === 0xed) [need, min, max] = [2, 0x80, 0x9f]; // no surrogates
    else if (b >= 0xe1 && b <= 0xef) [need, min] = [2, 0x80];
    else if (b === 0xf0) [need, min] = [3, 0x90];
    else if (b === 0xf4) [need, min, max] = [3, 0x80, 0x8f]; // not past U+10FFFF
    else if (b >= 0xf1 && b <= 0xf3) [need, min] = [3, 0x80];
    else return i;
    if (i + need >= buf.length) return i; // cut short
    const second = buf[i + 1]!;
    if (second < min || second > max) return i;
    for (let k = 2; k <= need; k++) if ((buf[i + k]! & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return buf.length;
}

const utf8Fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function utf8Decoder(): TextDecoderStream {
  let pending: Uint8Array = EMPTY;
  const decode = (buf: Uint8Array): string => {
    if (isUtf8(buf)) return utf8Fatal.decode(buf);
    const bad = firstInvalidUtf8(buf);
    throw new InvalidBytes(utf8Fatal.decode(buf.subarray(0, bad)));
  };
  return {
    write(bytes) {
      const buf = join(pending, bytes);
      const cut = utf8Cut(buf);
      // Copied: the source may reuse its chunk's memory for the next one.
      pending = cut === buf.length ? EMPTY : buf.slice(cut);
      return decode(buf.subarray(0, cut));
    },
    end() {
      if (pending.length > 0) throw new InvalidBytes('');
      return '';
    },
  };
}

/** GB18030's four-byte form of U+FFFD: the one place the replacement character is the file's own. */
function isEncodedReplacement(buf: Uint8Array, at: number): boolean {
  return buf[at] === 0x84 && buf[at + 1] === 0x31 && buf[at + 2] === 0xa4 && buf[at + 3] === 0x37;
}

/** Length of the GB18030 character starting at `at`: 1, 2 or 4 (by its lead and second bytes). */
function gbLength(buf: Uint8Array, at: number): number {
  const b = buf[at]!;
  if (b < 0x81 || b === 0xff) return 1;
  const second = buf[at + 1];
  return second !== undefined && second >= 0x30 && second <= 0x39 ? 4 : 2;
}

function gb18030Decoder(): TextDecoderStream {
  let pending: Uint8Array = EMPTY;
  const decode = (buf: Uint8Array): string => {
    const text = iconv.decode(Buffer.from(buf.buffer, buf.byteOffset, buf.length), 'gb18030', { stripBOM: false });
    if (!text.includes('\uFFFD')) return text;
    // Slow path, only when a replacement character came out: find the character it came from.
    let out = '';
    for (let i = 0; i < buf.length; ) {
      const n = Math.min(gbLength(buf, i), buf.length - i);
      const one = iconv.decode(Buffer.from(buf.buffer, buf.byteOffset + i, n), 'gb18030', { stripBOM: false });
      if (one.includes('\uFFFD') && !(n === 4 && isEncodedReplacement(buf, i))) throw new InvalidBytes(out);
      out += one;
      i += n;
    }
    return out;
  };
  return {
    write(bytes) {
      const buf = join(pending, bytes);
      let i = 0;
      let cut = buf.length;
      while (i < buf.length) {
        const b = buf[i]!;
        if (b < 0x81 || b === 0xff) {
          i++;
          continue;
        }
        if (i + 1 >= buf.length) {
          cut = i;
          break;
        }
        const n = gbLength(buf, i);
        if (i + n > buf.length) {
          cut = i;
          break;
        }
        i += n;
      }
      pending = cut === buf.length ? EMPTY : buf.slice(cut);
      return decode(buf.subarray(0, cut));
    },
    end() {
      if (pending.length > 0) throw new InvalidBytes('');
      return '';
    },
  };
}

/** The offset of the first unpaired surrogate in `text`, or -1. */
function loneSurrogate(text: string): number {
  if (!/[\uD800-\uDFFF]/.test(text)) return -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return i;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return i;
  }
  return -1;
}

function utf16Decoder(bigEndian: boolean): TextDecoderStream {
  let pending: Uint8Array = EMPTY;
  return {
    write(bytes) {
      const buf = join(pending, bytes);
      let cut = buf.length - (buf.length % 2);
      // A high surrogate at the end waits for its partner.
      if (cut >= 2) {
        const unit = bigEndian ? (buf[cut - 2]! << 8) | buf[cut - 1]! : (buf[cut - 1]! << 8) | buf[cut - 2]!;
        if (unit >= 0xd800 && unit <= 0xdbff) cut -= 2;
      }
      const part = Buffer.from(buf.subarray(0, cut)); // a copy: swap16 works in place
      if (bigEndian) part.swap16();
      pending = cut === buf.length ? EMPTY : buf.slice(cut);
      const text = part.toString('utf16le');
      const bad = loneSurrogate(text);
      if (bad >= 0) throw new InvalidBytes(text.slice(0, bad));
      return text;
    },
    end() {
      if (pending.length > 0) throw new InvalidBytes('');
      return '';
    },
  };
}

/** A strict decoder for `encoding`; a BOM at the very start of the text is dropped whatever the encoding. */
export function textDecoder(encoding: TextEncoding): TextDecoderStream {
  const inner = encoding === 'gb18030' ? gb18030Decoder() : encoding === 'utf16le' ? utf16Decoder(false) : encoding === 'utf16be' ? utf16Decoder(true) : utf8Decoder();
  let started = false;
  const first = (text: string): string => {
    if (started || text === '') return text;
    started = true;
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  };
  return {
    write: (bytes) => {
      try {
        return first(inner.write(bytes));
      } catch (error) {
        if (error instanceof InvalidBytes) throw new InvalidBytes(first(error.before));
        throw error;
      }
    },
    end: () => first(inner.end()),
  };
}
