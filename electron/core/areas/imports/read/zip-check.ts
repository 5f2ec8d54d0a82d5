// A zip's central directory read before any of it is inflated: what its entries declare
// uncompressed, all together, and whether it holds a workbook. A zip bomb posing as .xlsx is
// refused here, before the parser would inflate it. The declared sizes could lie: inflateChecked
// then holds each entry to its declared size while it inflates (workbook.ts), without keeping it.
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { refused } from './failures.ts';
import { MAX_UNZIPPED_BYTES, MAX_ZIP_RATIO, MIN_RATIO_CHECKED } from './limits.ts';

export type ZipEntry = { name: string; method: number; compressed: number; uncompressed: number; localOffset: number };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries of the zip in `buf`, from its central directory; null when it has none that can be read. */
export function zipEntries(buf: Buffer): ZipEntry[] | null {
  // The end record is in the last 22 + 65,535 (comment) bytes.
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL) return null;
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    entries.push({
      name: buf.toString('utf8', at + 46, at + 46 + nameLength),
      method: buf.readUInt16LE(at + 10),
      compressed: buf.readUInt32LE(at + 20),
      // 0xFFFFFFFF: a Zip64 size, 4 GiB or more: over the limit whatever the exact figure.
      uncompressed: buf.readUInt32LE(at + 24),
      localOffset: buf.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Refuses a zip that declares more than MAX_UNZIPPED_BYTES, or more than MAX_ZIP_RATIO times its size once it is large. */
export function checkZipDeclared(entries: readonly ZipEntry[], size: number): void {
  const total = entries.reduce((sum, e) => sum + e.uncompressed, 0);
  if (total > MAX_UNZIPPED_BYTES) throw refused('workbook', `the workbook would unpack to ${total} bytes, more than ${MAX_UNZIPPED_BYTES}`, { limit: MAX_UNZIPPED_BYTES });
  if (total > MIN_RATIO_CHECKED && total > size * MAX_ZIP_RATIO) {
    throw refused('workbook', `the workbook would unpack to ${Math.round(total / Math.max(size, 1))} times its size, more than ${MAX_ZIP_RATIO}`, { limit: MAX_UNZIPPED_BYTES });
  }
}

/** Whether the zip is an Excel workbook (an .xlsx or .xlsb), not some other zip. */
export function isWorkbookZip(entries: readonly ZipEntry[]): boolean {
  return entries.some((e) => e.name === 'xl/workbook.xml' || e.name === 'xl/workbook.bin');
}

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/i;

/**
 * Counts a worksheet's rows that hold a value (a `<row>` with a `<v>` or an inline `<is>` in it)
 * from its XML as it is inflated, chunk by chunk: tags are ASCII, so the bytes are read as latin1,
 * and the text from the last `<` on waits for the next chunk so no tag is cut in two.
 */
function rowCounter(): { write(chunk: Buffer): void; rows(): number } {
  let carry = '';
  let inRow = false;
  let hasValue = false;
  let rows = 0;
  const TAG = /<(\/?)(?:\w+:)?(row|v|is)[\s>/]/g;
  return {
    write(chunk) {
      const text = carry + chunk.toString('latin1');
      const last = text.lastIndexOf('<');
      const cut = last >= 0 && text.length - last < 16 ? last : text.length;
      carry = text.slice(cut);
      for (const match of text.slice(0, cut).matchAll(TAG)) {
        if (match[2] === 'row') {
          if (match[1] === '/') {
            if (inRow && hasValue) rows++;
            inRow = false;
          } else [inRow, hasValue] = [true, false];
        } else if (match[1] === '' && inRow) hasValue = true;
      }
    },
    rows: () => rows,
  };
}

/** Where an entry's compressed bytes are, from its local header. */
function entryData(buf: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL) throw refused('workbook', `the zip entry ${entry.name} is damaged`);
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  return buf.subarray(start, Math.min(buf.length, start + entry.compressed));
}

/**
 * Inflates every deflated entry without keeping what comes out, refusing the zip as soon as an
 * entry gives more than it declared: the parser afterwards inflates only what was checked. Gives
 * the rows with values of each worksheet (by its path in the zip), counted on the way.
 */
export async function inflateChecked(buf: Buffer, entries: readonly ZipEntry[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const entry of entries) {
    const counter = WORKSHEET.test(entry.name) ? rowCounter() : null;
    if (entry.method !== 8) {
      // Stored, not deflated: its bytes are what they are (any other method SheetJS refuses).
      if (counter && entry.method === 0) {
        counter.write(entryData(buf, entry));
        counts.set(entry.name, counter.rows());
      }
      continue;
    }
    const data = entryData(buf, entry);
    await new Promise<void>((resolve, reject) => {
      const inflate = createInflateRaw();
      let out = 0;
      inflate.on('data', (chunk: Buffer) => {
        out += chunk.length;
        if (out > entry.uncompressed) {
          inflate.destroy();
          reject(refused('workbook', `the zip entry ${entry.name} unpacks to more than it declares`, { limit: MAX_UNZIPPED_BYTES }));
        }
        counter?.write(chunk);
      });
      inflate.on('error', () => reject(refused('workbook', `the zip entry ${entry.name} is damaged`)));
      inflate.on('end', () => resolve());
      inflate.end(data);
    });
    if (counter) counts.set(entry.name, counter.rows());
  }
  return counts;
}

/**
 * The path in the zip of each relationship id of the workbook (xl/_rels/workbook.xml.rels): how a
 * sheet's name leads to its XML. Empty when the part is missing or unusually large.
 */
export function workbookTargets(buf: Buffer, entries: readonly ZipEntry[]): Map<string, string> {
  const targets = new Map<string, string>();
  const rels = entries.find((e) => e.name === 'xl/_rels/workbook.xml.rels');
  if (!rels || rels.uncompressed > 4 * 1024 * 1024) return targets;
  const data = entryData(buf, rels);
  const xml = (rels.method === 8 ? inflateRawSync(data) : data).toString('utf8');
  for (const [, attributes] of xml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const id = /\bId="([^"]*)"/.exec(attributes!)?.[1];
    const target = /\bTarget="([^"]*)"/.exec(attributes!)?.[1];
    if (!id || !target) continue;
    targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
  }
  return targets;
}
