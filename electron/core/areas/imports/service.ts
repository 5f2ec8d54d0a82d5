// Import from files (shared/api/imports.ts): inspect a staged file, preview what an import would do,
// run it (prepare.ts reads and checks in steps, apply.ts writes in one transaction), list the
// batches. Undo is undo.ts.
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { DOWNLOAD_LIFETIME_MS, MiB, type FileRef } from '../../../../shared/api/files.ts';
import { IMPORT_INSPECT_ROWS, type ImportBatch, type ImportInspection, type ImportKind, type ImportPreview, type imports, type TextEncoding } from '../../../../shared/api/imports.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import { transaction, type Db } from '../../db/database.ts';
import { holdBlob, readBlob, releaseBlob, storeBlob, type StoredBlob } from '../../files/blob-store.ts';
import { stagedFile, type StagedFile } from '../../files/uploads.ts';
import type { Job } from '../../jobs.ts';
import type { Access } from '../users/access.ts';
import { applyRun } from './apply.ts';
import { autoMatch, findHeaderRow } from './headers.ts';
import { layoutOf, savedMapping } from './mappings.ts';
import { clearStaging, prepare, type PrepareOptions, type Prepared } from './prepare.ts';
import { inspectTable, readRows, type ByteSource, type TableRow } from './read/index.ts';
import { refused } from './read/failures.ts';
import { rejectedCsv } from './rejected.ts';
import { applySales, prepareSales } from './sales-import.ts';

type RunInput = z.output<(typeof imports)['imports.run']['input']>;
type PreviewInput = z.output<(typeof imports)['imports.preview']['input']>;

export function byteSource(db: Db, file: StagedFile): ByteSource {
  return { name: file.name, size: file.blob.size, open: () => readBlob(db, file.blob, file.name) };
}

/** Rows looked at for the header (and the sample after it). */
const HEAD_ROWS = 60;

export async function inspectImport(db: Db, input: { file: FileRef; kind: ImportKind; encoding?: TextEncoding; sheet?: string; headerRow?: number }, access: Access, now: number): Promise<ImportInspection> {
  const file = await stagedFile(db, access.userId, input.file, 'import', now);
  const src = byteSource(db, file);
  const info = await inspectTable(src, { encoding: input.encoding, sheet: input.sheet });
  const rows: TableRow[] = [];
  const read = { encoding: info.encoding ?? undefined, sheet: info.sheet ?? undefined, rows: Math.max(HEAD_ROWS, input.headerRow ?? 0) + IMPORT_INSPECT_ROWS };
  for await (const batch of readRows(src, read)) {
    rows.push(...batch);
    if (rows.length >= read.rows) break;
  }
  const headerRow = input.headerRow ?? findHeaderRow(rows.slice(0, HEAD_ROWS), input.kind);
  if (headerRow === null) throw refused('empty', 'the file has no rows with anything in them');
  // A chosen header row: its own cells are the headers (and the mapping is matched on them), past the end is refused.
  if (!rows.some((r) => r.row === headerRow)) throw refused('headerRow', `the header row ${headerRow} is past the file's last row`, { row: headerRow });
  const headers = rows.find((r) => r.row === headerRow)?.cells ?? [];
  const layout = layoutOf(input.kind, headers);
  const saved = await savedMapping(db, layout);
  const sample = rows.filter((r) => r.row > headerRow && r.cells.some((cell) => cell.trim() !== '')).slice(0, IMPORT_INSPECT_ROWS);
  return {
    format: info.format,
    encoding: info.encoding,
    detectedEncoding: info.detectedEncoding,
    sheets: info.sheets,
    sheet: info.sheet,
    headerRow,
    headers,
    sample: sample.map((r) => ({ row: r.row, cells: r.cells })),
    mapping: saved ? { ...saved, headerRow } : { headerRow, columns: autoMatch(headers, input.kind) },
    mappingSaved: saved !== null,
    layout,
  };
}

function prepareOptions(input: PreviewInput): PrepareOptions {
  // The contract names a 'contacts' kind (contacts of existing customers); the core does not take it yet.
  if (input.kind !== 'customers') throw refused('mapping', 'contacts alone cannot be imported yet; import customers, each with its contact');
  return { kind: input.kind, mapping: input.mapping, matchOn: input.matchOn, onDuplicate: input.onDuplicate, encoding: input.encoding, sheet: input.sheet };
}

export async function previewImport(db: Db, input: PreviewInput, access: Access, now: number, job: Job): Promise<ImportPreview> {
  const file = await stagedFile(db, access.userId, input.file, 'import', now);
  if (input.kind === 'sales') {
    const { headers: _headers, drafts: _drafts, ...preview } = await prepareSales(db, byteSource(db, file), { mapping: input.mapping, encoding: input.encoding, sheet: input.sheet }, access, job, null);
    return preview;
  }
  const { headers: _headers, ...preview } = await prepare(db, byteSource(db, file), prepareOptions(input), job, null);
  return preview;
}

const REJECTED_HOLDER = 'import-rejected:';

/** Rejected-row files are held while their download may be fetched, then let go. */
async function releaseOldRejected(db: Db, now: number): Promise<void> {
  const held = await db.selectFrom('blob_refs').select('holder').where('holder', 'like', `${REJECTED_HOLDER}%`).execute();
  const old = held.filter((h) => Number(h.holder.slice(REJECTED_HOLDER.length).split(':')[0]) < now - DOWNLOAD_LIFETIME_MS);
  if (old.length > 0) await transaction(db, async (tx) => {
    for (const h of old) await releaseBlob(tx, h.holder);
  });
}

export type RunOutcome = Omit<z.output<(typeof imports)['imports.run']['output']>, 'rejected'> & { rejected: { blob: StoredBlob; name: string } | null };

/** A sales import's run (sales-import.ts): checked and grouped, then written in one transaction. */
async function runSalesImport(db: Db, input: RunInput, access: Access, now: number, job: Job, file: StagedFile, runKey: string): Promise<RunOutcome> {
  const prepared = await prepareSales(db, byteSource(db, file), { mapping: input.mapping, encoding: input.encoding, sheet: input.sheet }, access, job, { key: runKey, now });
  const { errors, errorCount } = prepared;
  if (input.onError === 'abort' && errorCount > 0) return { created: 0, updated: 0, skipped: 0, lines: 0, errors, errorCount, batch: null, rejected: null };
  job.beyondCancel();
  const applied = await applySales(
    db,
    {
      access,
      now,
      file: { upload: file.id, name: file.name, sha256: file.blob.sha256 },
      layout: layoutOf('sales', prepared.headers),
      mapping: input.mapping,
      options: { mapping: input.mapping, onError: input.onError, encoding: input.encoding ?? null, sheet: input.sheet ?? null },
      errors: errorCount,
    },
    prepared.drafts,
  );
  const rejected = errorCount > 0 ? await storeRejected(db, file, runKey, prepared.headers, input, now) : null;
  return { created: applied.created, updated: 0, skipped: 0, lines: applied.lines, errors, errorCount, batch: applied.batch, rejected };
}

async function storeRejected(db: Db, file: StagedFile, runKey: string, headers: string[], input: RunInput, now: number): Promise<NonNullable<RunOutcome['rejected']>> {
  const blob = await storeBlob(db, rejectedCsv(db, runKey, headers, input.mapping.columns, input.language), {
    maxBytes: 400 * MiB,
    now,
    keep: (tx, stored) => holdBlob(tx, stored.id, `${REJECTED_HOLDER}${now}:${runKey}`),
  });
  const base = file.name.replace(/\.[^.]*$/, '');
  return { blob, name: `${base}-${input.language === 'zh-CN' ? '未导入' : 'rejected'}.csv` };
}

export async function runImport(db: Db, input: RunInput, access: Access, now: number, job: Job): Promise<RunOutcome> {
  const file = await stagedFile(db, access.userId, input.file, 'import', now);
  const runKey = randomBytes(12).toString('hex');
  await releaseOldRejected(db, now);
  try {
    if (input.kind === 'sales') {
      try {
        return await runSalesImport(db, input, access, now, job, file, runKey);
      } catch (error) {
        if (error instanceof AppFailure && error.code === 'CANCELLED') throw new AppFailure('CANCELLED', 'imports.run: cancelled; nothing was imported');
        throw error;
      }
    }
    let prepared: Prepared;
    try {
      prepared = await prepare(db, byteSource(db, file), prepareOptions(input), job, { key: runKey, now });
    } catch (error) {
      if (error instanceof AppFailure && error.code === 'CANCELLED') throw new AppFailure('CANCELLED', 'imports.run: cancelled; nothing was imported');
      throw error;
    }
    const { errors, errorCount } = prepared;
    if (input.onError === 'abort' && errorCount > 0) return { created: 0, updated: 0, skipped: 0, errors, errorCount, batch: null, rejected: null };
    job.beyondCancel();
    const applied = await applyRun(db, {
      access,
      now,
      runKey,
      kind: input.kind,
      file: { upload: file.id, name: file.name, sha256: file.blob.sha256 },
      layout: layoutOf(input.kind, prepared.headers),
      mapping: input.mapping,
      options: { mapping: input.mapping, matchOn: input.matchOn, onDuplicate: input.onDuplicate, onError: input.onError, encoding: input.encoding ?? null, sheet: input.sheet ?? null },
      counts: { skipped: prepared.skip, errors: errorCount },
    });
    let rejected: RunOutcome['rejected'] = null;
    if (errorCount > 0) {
      const blob = await storeBlob(db, rejectedCsv(db, runKey, prepared.headers, input.mapping.columns, input.language), {
        maxBytes: 400 * MiB,
        now,
        keep: (tx, stored) => holdBlob(tx, stored.id, `${REJECTED_HOLDER}${now}:${runKey}`),
      });
      const base = file.name.replace(/\.[^.]*$/, '');
      rejected = { blob, name: `${base}-${input.language === 'zh-CN' ? '未导入' : 'rejected'}.csv` };
    }
    return { created: applied.created, updated: applied.updated, skipped: applied.skipped, errors, errorCount, batch: applied.batch, rejected };
  } finally {
    await clearStaging(db, runKey, now);
  }
}

export async function listBatches(db: Db, cursor: string | null, limit: number): Promise<{ rows: ImportBatch[]; nextCursor: string | null }> {
  let query = db
    .selectFrom('import_batches as b')
    .innerJoin('users as u', 'u.id', 'b.created_by')
    .select(['b.id', 'b.kind', 'b.file_name', 'b.created_at', 'b.created_by', 'u.display_name', 'b.created', 'b.updated', 'b.skipped', 'b.errors', 'b.undone_at'])
    .orderBy('b.id', 'desc')
    .limit(limit + 1);
  if (cursor !== null) {
    const before = Number(cursor);
    if (!Number.isInteger(before) || before <= 0) throw new AppFailure('VALIDATION', 'imports.list: the cursor is not one this list gave', [{ path: ['cursor'], message: 'cursor' }]);
    query = query.where('b.id', '<', before);
  }
  const rows = await query.execute();
  const page = rows.slice(0, limit);
  return {
    rows: page.map((r) => ({
      id: r.id,
      kind: r.kind,
      fileName: r.file_name,
      createdAt: r.created_at,
      createdBy: { id: r.created_by, name: r.display_name },
      created: r.created,
      updated: r.updated,
      skipped: r.skipped,
      errorCount: r.errors,
      undoneAt: r.undone_at,
      undoable: r.undone_at === null,
    })),
    nextCursor: rows.length > limit ? String(page.at(-1)!.id) : null,
  };
}
