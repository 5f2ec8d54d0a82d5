// What the attachments tests share: files made in code (a PDF with text in it, plain text in UTF-8
// and GB18030), staging them through the core's file channel as a stream, adding them, reading a
// download back, and counting the blob store's rows through a raw connection.
import type { Attachment, AttachmentOwner } from '../../shared/api/attachments.ts';
import type { Download, Upload } from '../../shared/api/files.ts';
import type { Core } from '../../electron/core/core-types.ts';
import type { IncomingFile } from '../../electron/core/files/sources.ts';
import { databaseKeyOf, OWNER_PASSWORD, openWithKey, type Harness } from './harness.ts';

/** A one-page PDF whose page says `text` (ASCII) in Helvetica, with a correct cross-reference table. */
export function makePdf(text: string): Buffer {
  const content = `BT /F1 12 Tf 10 50 Td (${text.replace(/[()\\]/g, '\\$&')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n%\xE2\xE3\xCF\xD3\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** Chinese text as GB18030 bytes (what Notepad on Chinese Windows saves as "ANSI"). */
export function gb18030(text: string): Buffer {
  // Node's TextEncoder only writes UTF-8; the GB18030 bytes of these few characters, spelled out.
  const table: Record<string, number[]> = { 你: [0xc4, 0xe3], 好: [0xba, 0xc3], 客: [0xbf, 0xcd], 户: [0xbb, 0xa7], 合: [0xba, 0xcf], 同: [0xcd, 0xac] };
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else if (table[ch]) bytes.push(...table[ch]);
    else throw new Error(`gb18030(): no bytes for ${ch} in the test's table`);
  }
  return Buffer.from(bytes);
}

export async function* inPieces(bytes: Buffer, piece = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += piece) yield bytes.subarray(at, at + piece);
}

/** A file as browser mode's door hands it to the core: a name, a declared size, a stream of chunks. */
export function streamed(bytes: Buffer, name: string, declared: number | null = bytes.length): IncomingFile {
  return { name, declaredSize: declared, chunks: inPieces(bytes) };
}

export async function stage(core: Core, session: string, bytes: Buffer, name: string): Promise<Upload> {
  const result = await core.upload(session, 'attachment', streamed(bytes, name));
  if (!result.ok) throw new Error(`upload failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** Stages `bytes` as `name` and adds it to `owner`, as `session`. */
export async function attach(h: Harness, session: string, owner: AttachmentOwner, bytes: Buffer, name: string, description = ''): Promise<Attachment> {
  const upload = await stage(h.core, session, bytes, name);
  return h.call(session, 'attachments.add', { owner, file: { upload: upload.upload }, description });
}

export async function downloaded(core: Core, session: string, download: Download): Promise<Buffer> {
  const result = await core.download(session, download.download);
  if (!result.ok) throw new Error(`download failed: ${result.error.code} ${result.error.message}`);
  const parts: Buffer[] = [];
  for await (const chunk of result.value.chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

/** Reads a download to its end: the bytes that arrived, and the failure that stopped it (if any). */
export async function drained(core: Core, session: string, download: Download): Promise<{ bytes: number; failure: { code?: string; message?: string; details?: unknown } | null }> {
  const result = await core.download(session, download.download);
  if (!result.ok) return { bytes: 0, failure: result.error };
  let bytes = 0;
  try {
    for await (const chunk of result.value.chunks) bytes += chunk.byteLength;
  } catch (error) {
    return { bytes, failure: error as { code?: string; message?: string; details?: unknown } };
  }
  return { bytes, failure: null };
}

/** A raw connection with the owner's key (the test plays someone holding the key). Close it. */
export async function rawDb(h: Harness) {
  return openWithKey(h.dataDir, await databaseKeyOf(h.dataDir, 'boss', OWNER_PASSWORD));
}

/** Rows of the blob store and of attachments. */
export async function storeCounts(h: Harness): Promise<{ blobs: number; chunks: number; refs: number; uploads: number; attachments: number }> {
  const db = await rawDb(h);
  try {
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { blobs: count('blobs'), chunks: count('blob_chunks'), refs: count('blob_refs'), uploads: count('file_uploads'), attachments: count('attachments') };
  } finally {
    db.close();
  }
}

/** A contract of `customerId`, made by the owner. */
export async function insertContract(h: Harness, customerId: number, number: string): Promise<number> {
  // Through the service, as the app makes them (indexed for search: the CLI finds a contract by its number that way).
  const contract = await h.call('owner', 'contracts.create', { number, title: `合同 ${number}`, customerId, type: 'sales' });
  return contract.id;
}

/** Flips one byte of a stored chunk of the blob with this SHA-256 (as a disk fault or a tool with the key could). */
export async function flipByte(h: Harness, sha256: string, seq = 0, at = 10): Promise<void> {
  const db = await rawDb(h);
  try {
    const row = db.prepare('SELECT c.blob_id, c.data FROM blob_chunks c JOIN blobs b ON b.id = c.blob_id WHERE b.sha256 = ? AND c.seq = ?').get(sha256, seq) as { blob_id: number; data: Buffer };
    const data = Buffer.from(row.data);
    data[at] = data[at]! ^ 0x01;
    db.prepare('UPDATE blob_chunks SET data = ? WHERE blob_id = ? AND seq = ?').run(data, row.blob_id, seq);
  } finally {
    db.close();
  }
}
