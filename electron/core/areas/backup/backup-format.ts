// The .clbak file: an 8-byte magic, a 4-byte big-endian header length, a JSON header padded to a
// fixed size (so it can be written last, after the payload has been hashed in one pass), then the
// payload: keyslots.json followed by the encrypted database file. The header's plain fields only
// say how to read the file; the manifest (who, when, counts, the payload's SHA-256) is sealed with
// a key derived from the database key, so without a password valid at backup time or the recovery
// key the file reveals nothing, and a header that lies is caught by the sealed checksum.
import { z } from 'zod';
import { BackupManifest } from '../../../../shared/api/backup.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import { MAX_KEYSLOTS_BYTES } from '../../crypto/keyslots-file.ts';

export const MAGIC = Buffer.from('CLBAK\0\x01\n', 'latin1');
export const HEADER_SIZE = 4096;
export const PAYLOAD_OFFSET = MAGIC.length + 4 + HEADER_SIZE;
export const MANIFEST_PURPOSE = 'clientele backup manifest';
export const BACKUP_EXTENSION = '.clbak';

const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const base64 = (max: number) => z.string().max(max).regex(/^[A-Za-z0-9+/]*={0,2}$/);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** The plain header: read before any password is tried, so every field is bounded here. */
export const BackupHeader = z.object({
  format: z.literal(1),
  createdAt: count,
  appVersion: z.string().max(100),
  schemaVersion: count,
  /** Bounded: the reader allocates this much before it checks the key slots' checksum. */
  keyslotsBytes: count.max(MAX_KEYSLOTS_BYTES),
  /** Checked before any password is tried, so damaged key slots read as damage, not a wrong password. */
  keyslotsSha256: sha256,
  dbBytes: count,
  manifest: z.object({ iv: base64(64), tag: base64(64), ct: base64(HEADER_SIZE) }),
});
export type BackupHeader = z.infer<typeof BackupHeader>;

/**
 * The sealed manifest. Only someone holding the database key can seal one, but its table names
 * still go into SQL (the row counts are checked table by table): plain identifiers only.
 */
export const SealedManifest = BackupManifest.extend({
  appVersion: z.string().max(100),
  schemaVersion: count,
  createdBy: z.string().max(400),
  shopName: z.string().max(400),
  shopId: z.string().max(100),
  counts: z.record(z.string().regex(/^[a-z_][a-z0-9_]{0,63}$/), count),
  payloadBytes: count,
  sha256,
}) satisfies z.ZodType<BackupManifest>;

export { BackupManifest };

export function encodeHeader(header: BackupHeader): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  if (json.length > HEADER_SIZE) throw new Error('backup-format: header too large');
  const out = Buffer.alloc(PAYLOAD_OFFSET, 0x20); // padded with spaces: still valid JSON
  MAGIC.copy(out, 0);
  out.writeUInt32BE(json.length, MAGIC.length);
  json.copy(out, MAGIC.length + 4);
  return out;
}

function corrupt(message: string): AppFailure {
  return new AppFailure('CORRUPT', `this file is damaged or not a Clientele backup (${message})`);
}

/** Parses the first PAYLOAD_OFFSET bytes of a file of `fileSize` bytes. */
export function decodeHeader(bytes: Buffer, fileSize: number): BackupHeader {
  if (fileSize < PAYLOAD_OFFSET || bytes.length < PAYLOAD_OFFSET || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) throw corrupt('no backup header');
  const length = bytes.readUInt32BE(MAGIC.length);
  // The JSON ends exactly there: a length too long would take in padding spaces, still valid JSON.
  if (length === 0 || length > HEADER_SIZE || bytes[MAGIC.length + 4 + length - 1] !== 0x7d) throw corrupt('bad header length');
  let json: unknown;
  try {
    json = JSON.parse(bytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + length).toString('utf8'));
  } catch {
    throw corrupt('unreadable header');
  }
  if (!bytes.subarray(MAGIC.length + 4 + length, PAYLOAD_OFFSET).every((byte) => byte === 0x20)) throw corrupt('damaged header padding');
  const parsed = BackupHeader.safeParse(json);
  if (!parsed.success) throw corrupt('unknown header');
  const header = parsed.data;
  if (fileSize !== PAYLOAD_OFFSET + header.keyslotsBytes + header.dbBytes) throw corrupt(`expected ${PAYLOAD_OFFSET + header.keyslotsBytes + header.dbBytes} bytes, found ${fileSize}: truncated or extended`);
  return header;
}

/** `Clientele-<shop>-<YYYY-MM-DD_HHmm>.clbak`, with the shop name made safe for any file system. */
/**
 * The header's plain fields, as the sealed manifest vouches for them: a header edited to say
 * another version or date no longer matches.
 */
export function headerMatchesManifest(header: BackupHeader, manifest: BackupManifest): boolean {
  return (
    header.createdAt === manifest.createdAt &&
    header.appVersion === manifest.appVersion &&
    header.schemaVersion === manifest.schemaVersion &&
    header.keyslotsBytes + header.dbBytes === manifest.payloadBytes
  );
}

export function backupFileName(shopName: string, at: Date): string {
  const shop =
    [...shopName]
      .map((char) => (char.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(char) ? '_' : char)) // control and reserved characters
      .join('')
      .replace(/\s+/g, '_')
      .slice(0, 60) || 'shop';
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}_${pad(at.getHours())}${pad(at.getMinutes())}`;
  return `Clientele-${shop}-${stamp}${BACKUP_EXTENSION}`;
}
