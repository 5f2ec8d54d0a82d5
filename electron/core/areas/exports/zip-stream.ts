// A zip archive written front to back, entry by entry, for .xlsx files: small entries deflated at
// once, a large one (the sheet) deflated as its text arrives, with its CRC and sizes in a data
// descriptor after it (general-purpose flag bit 3), as streaming zip writers do; the central
// directory at the end names every entry's offset. No ZIP64: an export is capped far below 4 GiB.
import { once } from 'node:events';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

type Entry = { name: Buffer; crc: number; compressed: number; size: number; offset: number; descriptor: boolean };

const DEFLATE = 8;
/** 1980-01-01 00:00, the earliest DOS date: the parts' times carry nothing (the file's own date does). */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const UTF8_NAMES = 1 << 11;
const HAS_DESCRIPTOR = 1 << 3;

function localHeader(name: Buffer, flags: number, crc: number, compressed: number, size: number): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
  header.writeUInt16LE(flags, 6);
  header.writeUInt16LE(DEFLATE, 8);
  header.writeUInt16LE(DOS_TIME, 10);
  header.writeUInt16LE(DOS_DATE, 12);
  header.writeUInt32LE(crc, 14);
  header.writeUInt32LE(compressed, 18);
  header.writeUInt32LE(size, 22);
  header.writeUInt16LE(name.length, 26);
  header.writeUInt16LE(0, 28);
  return Buffer.concat([header, name]);
}

function centralHeader(entry: Entry): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(20, 4); // made by: 2.0
  header.writeUInt16LE(20, 6);
  header.writeUInt16LE(UTF8_NAMES | (entry.descriptor ? HAS_DESCRIPTOR : 0), 8);
  header.writeUInt16LE(DEFLATE, 10);
  header.writeUInt16LE(DOS_TIME, 12);
  header.writeUInt16LE(DOS_DATE, 14);
  header.writeUInt32LE(entry.crc, 16);
  header.writeUInt32LE(entry.compressed, 20);
  header.writeUInt32LE(entry.size, 24);
  header.writeUInt16LE(entry.name.length, 28);
  // extra, comment, disk, internal and external attributes: all 0
  header.writeUInt32LE(entry.offset, 42);
  return Buffer.concat([header, entry.name]);
}

/** Writes a zip: `small` entries whole, `streamed` ones from async text; yields the archive's bytes in order. */
export class ZipWriter {
  private readonly entries: Entry[] = [];
  private offset = 0;

  private emit(bytes: Buffer): Buffer {
    this.offset += bytes.length;
    return bytes;
  }

  /** An entry given whole (a few kilobytes of XML). */
  small(name: string, content: string): Buffer {
    const data = Buffer.from(content, 'utf8');
    const packed = deflateRawSync(data);
    const entry: Entry = { name: Buffer.from(name, 'utf8'), crc: crc32(data), compressed: packed.length, size: data.length, offset: this.offset, descriptor: false };
    this.entries.push(entry);
    return this.emit(Buffer.concat([localHeader(entry.name, UTF8_NAMES, entry.crc, entry.compressed, entry.size), packed]));
  }

  /** An entry whose text arrives in pieces: deflated as it comes, its bytes yielded as zlib gives them. */
  async *streamed(name: string, pieces: AsyncIterable<string>): AsyncGenerator<Buffer> {
    const entry: Entry = { name: Buffer.from(name, 'utf8'), crc: 0, compressed: 0, size: 0, offset: this.offset, descriptor: true };
    yield this.emit(localHeader(entry.name, UTF8_NAMES | HAS_DESCRIPTOR, 0, 0, 0));
    const deflate = createDeflateRaw({ level: 6 });
    const out: Buffer[] = [];
    deflate.on('data', (chunk: Buffer) => out.push(chunk));
    const ended = once(deflate, 'end');
    const drain = function* (writer: ZipWriter): Generator<Buffer> {
      while (out.length > 0) {
        const chunk = out.shift()!; // just checked there is one
        entry.compressed += chunk.length;
        yield writer.emit(chunk);
      }
    };
    for await (const piece of pieces) {
      const data = Buffer.from(piece, 'utf8');
      entry.crc = crc32(data, entry.crc);
      entry.size += data.length;
      if (!deflate.write(data)) await once(deflate, 'drain');
      yield* drain(this);
    }
    deflate.end();
    await ended;
    yield* drain(this);
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(entry.crc, 4);
    descriptor.writeUInt32LE(entry.compressed, 8);
    descriptor.writeUInt32LE(entry.size, 12);
    this.entries.push(entry);
    yield this.emit(descriptor);
  }

  /** The central directory and its end record. */
  finish(): Buffer {
    const start = this.offset;
    const central = Buffer.concat(this.entries.map(centralHeader));
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(central.length, 12);
    end.writeUInt32LE(start, 16);
    return this.emit(Buffer.concat([central, end]));
  }
}
