// exports.run: the entity's table as the caller sees it (tables.ts), written as CSV or .xlsx
// (writers.ts) straight into the blob store, where it is held for as long as a download lasts.
// The blob becomes real and the audit entry is written in one transaction: a cancelled or failed
// export leaves neither.
import type { z } from 'zod';
import type { ExportEntity, ExportInput, ExportLanguage } from '../../../../shared/api/exports.ts';
import { DOWNLOAD_LIFETIME_MS, MiB } from '../../../../shared/api/files.ts';
import { localDay } from '../../../../shared/contract-status.ts';
import type { Db } from '../../db/database.ts';
import { holdBlob, releaseBlob, storeBlob, type StoredBlob } from '../../files/blob-store.ts';
import type { Job } from '../../jobs.ts';
import { appendAudit } from '../audit/service.ts';
import type { Access } from '../users/access.ts';
import { exportTable } from './tables.ts';
import { csvBytes, xlsxBytes } from './writers.ts';
import { randomBytes } from 'node:crypto';

type Input = z.output<typeof ExportInput>;

/** Larger than any export of a shop this app is for (1,000,000 customers as CSV is some 400 MB). */
const MAX_EXPORT_BYTES = 2048 * MiB;

/** Holders of export files: `export:<made at>:<random>`. */
const HOLDER_PREFIX = 'export:';

const FILE_WORDS: Record<ExportEntity, Record<ExportLanguage, string>> = {
  customers: { 'zh-CN': '客户', 'en-US': 'customers' },
  contacts: { 'zh-CN': '联系人', 'en-US': 'contacts' },
  contracts: { 'zh-CN': '合同', 'en-US': 'contracts' },
  records: { 'zh-CN': '服务记录', 'en-US': 'records' },
  surveys: { 'zh-CN': '满意度调查', 'en-US': 'surveys' },
  sales: { 'zh-CN': '销售记录', 'en-US': 'sales' },
  pointsLedger: { 'zh-CN': '积分明细', 'en-US': 'points-ledger' },
  eventAttendees: { 'zh-CN': '活动邀请名单', 'en-US': 'event-attendees' },
};

/** The file's name for the user: what, and the day it was made. */
export function exportFileName(input: Pick<Input, 'entity' | 'format' | 'language'>, now: number): string {
  return `${FILE_WORDS[input.entity][input.language]}-${localDay(now)}.${input.format}`;
}

/** Export files older than a download lasts are let go (each goes with its last holder). */
async function releaseExpired(tx: Db, now: number): Promise<void> {
  const held = await tx.selectFrom('blob_refs').select('holder').where('holder', 'like', `${HOLDER_PREFIX}%`).execute();
  for (const { holder } of held) {
    const madeAt = Number(holder.split(':')[1]);
    if (!(madeAt > now - DOWNLOAD_LIFETIME_MS)) await releaseBlob(tx, holder);
  }
}

export type ExportActor = { userId: number; username: string };
export type Exported = { blob: StoredBlob; rows: number; name: string };

/**
 * Writes the export into the blob store, a page at a time (progress in rows; cancel between pages:
 * nothing is kept then), and audits it with its row count in the transaction that keeps it.
 */
export async function runExport(db: Db, input: Input, access: Access, actor: ExportActor, now: number, job: Job): Promise<Exported> {
  const table = await exportTable(db, input, access, now);
  let rows = 0;
  job.progress(0, table.total);
  const pageDone = async (count: number) => {
    rows += count;
    // A total of 0 says "not known ahead" (contacts, records, surveys: the list has no count), not "done".
    job.progress(rows, table.total === 0 ? 0 : Math.max(rows, table.total));
    await job.step();
  };
  const name = exportFileName(input, now);
  const bytes =
    input.format === 'csv'
      ? csvBytes(table.headers, table.pages, input.encoding, pageDone)
      : xlsxBytes(FILE_WORDS[input.entity][input.language], table.headers, table.pages, pageDone);
  const holder = `${HOLDER_PREFIX}${now}:${randomBytes(8).toString('hex')}`;
  const blob = await storeBlob(db, bytes, {
    maxBytes: MAX_EXPORT_BYTES,
    now,
    keep: async (tx, stored) => {
      await releaseExpired(tx, now);
      await holdBlob(tx, stored.id, holder);
      await appendAudit(tx, {
        at: now,
        userId: actor.userId,
        username: actor.username,
        action: 'export.run',
        entity: 'export',
        label: name,
        changes: [
          { field: 'exportEntity', before: null, after: input.entity },
          // One word per choice the user made (letters only, so the audit log can name it): csv, csvGbk, xlsx.
          { field: 'exportFormat', before: null, after: input.format === 'csv' && input.encoding === 'gb18030' ? 'csvGbk' : input.format },
          { field: 'exportRows', before: null, after: rows },
        ],
      });
    },
  });
  job.progress(rows, rows);
  return { blob, rows, name };
}
