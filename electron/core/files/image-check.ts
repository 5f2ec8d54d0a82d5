// Is this a whole PNG or JPEG? Checked by structure as the bytes stream past (never the whole file
// in memory): PNG's chunks with their CRCs from the IHDR to the IEND; JPEG's segments from SOI to
// EOI with a frame header. A truncated or damaged upload is refused here instead of showing as a
// broken image in every window. Decoding the pixels stays with the renderer.
import { crc32 } from 'node:zlib';
import { AppFailure } from '../../../shared/errors.ts';

export type ImageFacts = { type: 'image/png' | 'image/jpeg'; width: number; height: number };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

class Truncated extends Error {}

/** Pulls bytes from a stream of chunks: small reads are joined, long runs pass through in pieces. */
class ByteReader {
  private buffer: Buffer = Buffer.alloc(0);
  private done = false;
  constructor(private readonly source: AsyncIterator<Uint8Array>) {}

  private async fill(): Promise<boolean> {
    if (this.done) return false;
    const next = await this.source.next();
    if (next.done) {
      this.done = true;
      return false;
    }
    this.buffer = this.buffer.length === 0 ? Buffer.from(next.value) : Buffer.concat([this.buffer, next.value]);
    return true;
  }

  /** Up to `n` bytes without consuming them (fewer only at the end). */
  async peek(n: number): Promise<Buffer> {
    while (this.buffer.length < n && (await this.fill()));
    return this.buffer.subarray(0, n);
  }

  /** Exactly `n` bytes (n is small: a header). */
  async take(n: number): Promise<Buffer> {
    while (this.buffer.length < n) if (!(await this.fill())) throw new Truncated();
    const out = this.buffer.subarray(0, n);
    this.buffer = this.buffer.subarray(n);
    return out;
  }

  /** Hands the next `n` bytes to `each` in pieces as they come. */
  async pass(n: number, each: (piece: Buffer) => void): Promise<void> {
    let left = n;
    while (left > 0) {
      if (this.buffer.length === 0 && !(await this.fill())) throw new Truncated();
      const piece = this.buffer.subarray(0, Math.min(left, this.buffer.length));
      each(piece);
      this.buffer = this.buffer.subarray(piece.length);
      left -= piece.length;
    }
  }

  /** Skips bytes until `stop` says where in the buffered bytes to halt (index of the first byte to keep), or -1. */
  async scan(stop: (bytes: Buffer) => number): Promise<void> {
    for (;;) {
      const at = stop(this.buffer);
      if (at >= 0) {
        this.buffer = this.buffer.subarray(at);
        return;
      }
      // Keep the last byte: a marker may be split across chunks.
      this.buffer = this.buffer.subarray(Math.max(0, this.buffer.length - 1));
      if (!(await this.fill())) throw new Truncated();
    }
  }
}

function damaged(why: string): AppFailure {
  return new AppFailure('VALIDATION', `the image is damaged or incomplete (${why})`, { reason: 'image' });
}

async function checkPng(reader: ByteReader): Promise<ImageFacts> {
  await reader.take(8);
  let width = 0;
  let height = 0;
  for (let index = 0; ; index++) {
    const header = await reader.take(8);
    const length = header.readUInt32BE(0);
    const type = header.toString('latin1', 4, 8);
    if (length > 0x7fffffff || !/^[A-Za-z]{4}$/.test(type)) throw damaged('a chunk header is not valid');
    if (index === 0 && (type !== 'IHDR' || length !== 13)) throw damaged('it does not begin with IHDR');
    let crc = crc32(header.subarray(4, 8));
    if (type === 'IHDR') {
      const data = await reader.take(13);
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      crc = crc32(data, crc);
    } else {
      await reader.pass(length, (piece) => (crc = crc32(piece, crc)));
    }
    if ((await reader.take(4)).readUInt32BE(0) !== crc) throw damaged(`the ${type} chunk's CRC does not match`);
    if (type === 'IEND') break;
  }
  if (width === 0 || height === 0) throw damaged('it has no width or height');
  return { type: 'image/png', width, height };
}

/** SOF0..SOF15 but DHT (C4), JPG (C8) and DAC (CC) carry the frame's size. */
function isFrameHeader(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

async function checkJpeg(reader: ByteReader): Promise<ImageFacts> {
  await reader.take(2);
  let width = 0;
  let height = 0;
  for (;;) {
    // Markers may be preceded by fill bytes (0xFF).
    let marker = 0xff;
    if ((await reader.take(1))[0] !== 0xff) throw damaged('a segment does not begin with a marker');
    while (marker === 0xff) marker = (await reader.take(1))[0]!; // take(1) gives one byte
    if (marker === 0xd9) break; // EOI
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // no length
    const length = (await reader.take(2)).readUInt16BE(0);
    if (length < 2) throw damaged('a segment length is not valid');
    if (isFrameHeader(marker)) {
      const frame = await reader.take(length - 2);
      if (frame.length < 5) throw damaged('the frame header is short');
      height = frame.readUInt16BE(1);
      width = frame.readUInt16BE(3);
    } else {
      await reader.pass(length - 2, () => undefined);
    }
    if (marker === 0xda) {
      // Entropy-coded data up to the next marker that is neither a stuffed 0xFF00 nor a restart.
      await reader.scan((bytes) => {
        for (let at = bytes.indexOf(0xff); at !== -1 && at + 1 < bytes.length; at = bytes.indexOf(0xff, at + 1)) {
          const next = bytes[at + 1]!; // at + 1 < length
          if (next !== 0x00 && next !== 0xff && !(next >= 0xd0 && next <= 0xd7)) return at;
        }
        return -1;
      });
    }
  }
  if (width === 0 || height === 0) throw damaged('it has no frame header with a width and height');
  return { type: 'image/jpeg', width, height };
}

/**
 * The facts of a PNG or JPEG streamed as `chunks`, or VALIDATION with details.reason 'type' (it is
 * neither, by its content) or 'image' (it is one, but damaged or cut short).
 */
export async function checkImage(chunks: AsyncIterable<Uint8Array>): Promise<ImageFacts> {
  const iterator = chunks[Symbol.asyncIterator]();
  const reader = new ByteReader(iterator);
  try {
    const head = await reader.peek(8);
    if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return await checkJpeg(reader);
    if (head.equals(PNG_SIGNATURE)) return await checkPng(reader);
    throw new AppFailure('VALIDATION', 'the file is not a PNG or JPEG image', { reason: 'type' });
  } catch (error) {
    if (error instanceof Truncated) throw damaged('it ends too soon');
    throw error;
  } finally {
    await iterator.return?.();
  }
}
