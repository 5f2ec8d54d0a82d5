// The audit log: append-only entries, each holding the SHA-256 of the previous entry's hash and its
// own content, so editing or deleting any entry breaks the chain from there on. Entries are written
// by the caller inside the same transaction as the change they describe.
import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { z } from 'zod';
import { AUDIT_LIST_TEXT, type AuditEntry, type AuditFilters } from '../../../../shared/api/audit.ts';
import { type AuditAction } from '../../../../shared/api/contract.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import { requireTransaction, type Db } from '../../db/database.ts';
import { engine } from '../../db/engine.ts';
import type { AuditLogTable } from '../../db/schema.ts';
import { keysetPage } from '../../db/keyset.ts';

export type FieldChange = { field: string; before: unknown; after: unknown };

export type NewAuditEntry = {
  at: number;
  userId: number | null;
  username: string;
  action: AuditAction;
  entity: AuditEntry['entity'];
  entityId?: number | null;
  label?: string;
  changes?: FieldChange[];
};

const GENESIS = '0'.repeat(64);

type StoredFields = Omit<Selectable<AuditLogTable>, 'prev_hash' | 'hash'>;

function entryHash(prevHash: string, entry: StoredFields): string {
  const content = JSON.stringify([entry.id, entry.at, entry.user_id, entry.username, entry.action, entry.entity, entry.entity_id, entry.label, entry.changes]);
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

/**
 * Appends one entry to the chain. Only inside a write transaction: the previous entry's hash is
 * read and the new entry written under one write lock, so a second process appending at the same
 * moment cannot slip an entry in between (which would read as tampering), and the entry commits
 * or rolls back with the change it records.
 */
export async function appendAudit(db: Db, entry: NewAuditEntry): Promise<void> {
  requireTransaction(db, `appendAudit(${entry.action})`);
  const prevHash = (await db.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst())?.hash ?? GENESIS;
  const fields = {
    at: entry.at,
    user_id: entry.userId,
    username: entry.username,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId ?? null,
    label: entry.label ?? '',
    changes: JSON.stringify(entry.changes ?? []),
  };
  // The id is part of what is hashed, and is known only once inserted: insert, then seal.
  const { id } = await db
    .insertInto('audit_log')
    .values({ ...fields, prev_hash: prevHash, hash: '' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .updateTable('audit_log')
    .set({ hash: entryHash(prevHash, { ...fields, id }) })
    .where('id', '=', id)
    .execute();
}

/** The fields that differ between two records, for "field: before → after". */
export function changedFields<T extends Record<string, unknown>>(before: T, after: T, fields: readonly (keyof T & string)[]): FieldChange[] {
  return fields
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({ field, before: before[field], after: after[field] }));
}

type Filters = z.infer<typeof AuditFilters>;

function filtered(db: Db, filters: Filters) {
  let q = db.selectFrom('audit_log').selectAll();
  if (filters.userId !== undefined) q = q.where('user_id', '=', filters.userId);
  if (filters.action !== undefined) q = q.where('action', '=', filters.action);
  if (filters.entity !== undefined) q = q.where('entity', '=', filters.entity);
  if (filters.from !== undefined) q = q.where('at', '>=', filters.from);
  if (filters.to !== undefined) q = q.where('at', '<=', filters.to);
  return q;
}

/** A value with every text in it cut to `limit` characters (an ellipsis marks the cut). */
function cut(value: unknown, limit: number, cutAny: { cut: boolean }): unknown {
  if (typeof value === 'string' && value.length > limit) {
    cutAny.cut = true;
    return `${value.slice(0, limit)}…`;
  }
  if (Array.isArray(value)) return value.map((item) => cut(item, limit, cutAny));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cut(v, limit, cutAny)]));
  return value;
}

/** For lists: a screenful of entries must not carry every 5,000-character note twice. */
function shortened(entry: AuditEntry): AuditEntry {
  const cutAny = { cut: false };
  const label = cut(entry.label, AUDIT_LIST_TEXT, cutAny) as string; // a string stays a string
  const changes = entry.changes.map((change) => ({ ...change, before: cut(change.before, AUDIT_LIST_TEXT, cutAny), after: cut(change.after, AUDIT_LIST_TEXT, cutAny) }));
  return cutAny.cut ? { ...entry, label, changes, truncated: true } : entry;
}

function toEntry(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    userId: row.user_id,
    username: row.username,
    action: row.action as AuditAction, // written only from AUDIT_ACTIONS
    entity: row.entity as AuditEntry['entity'], // written only from AUDIT_ENTITIES
    entityId: row.entity_id,
    label: row.label,
    changes: JSON.parse(row.changes) as FieldChange[],
    truncated: false,
  };
}

/** One entry whole. */
export async function getAuditEntry(db: Db, id: number): Promise<AuditEntry> {
  const row = await db.selectFrom('audit_log').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppFailure('NOT_FOUND', `audit entry ${id} does not exist`);
  return toEntry(row);
}

/** Newest first, keyset-paged. */
export async function listAudit(db: Db, filters: Filters, cursor: string | null, limit: number): Promise<{ rows: AuditEntry[]; nextCursor: string | null }> {
  const page = await keysetPage(
    filtered(db, filters),
    [
      { column: 'at', direction: 'desc' },
      { column: 'id', direction: 'desc' },
    ],
    cursor,
    limit,
  );
  return { rows: page.rows.map((row) => shortened(toEntry(row))), nextCursor: page.nextCursor };
}

/** What a verify or export run as a job reports to and asks of its job (jobs.ts). */
export type AuditJob = { progress(done: number, total: number): void; step(): Promise<void> };

/**
 * Ids per query while verifying or exporting (a few tens of milliseconds of work at most, whatever
 * the filters select): the job's step between two ranges answers the calls that arrived meanwhile.
 */
const RANGE = 2_000;

/**
 * Reads the entries with ids up to `highest` that `range` selects, one id range at a time in id
 * order, handing each range's rows to `each` (which answers false to stop); progress is the last
 * id read out of `highest`. Outside any transaction: the entries appended meanwhile (after
 * `highest`) are not this job's, and the ones before it do not change (sealed entries are never
 * updated).
 */
async function eachRange<R>(range: (after: number, upTo: number) => Promise<R[]>, highest: number, job: AuditJob | undefined, each: (rows: R[]) => boolean): Promise<void> {
  job?.progress(0, highest);
  for (let after = 0; after < highest; after += RANGE) {
    if (after > 0) await job?.step();
    const upTo = Math.min(after + RANGE, highest);
    if (!each(await range(after, upTo))) return;
    job?.progress(upTo, highest);
  }
}

/**
 * Recomputes the chain from the first entry; the first entry that does not match is named. As a
 * job: progress in entry ids, and other calls are answered between two id ranges.
 */
export async function verifyAudit(db: Db, job?: AuditJob): Promise<{ ok: boolean; checked: number; firstBad: { id: number; at: number } | null }> {
  // Deleting the newest entries leaves a valid chain; the database still remembers the highest id
  // it ever gave (AUTOINCREMENT), so entries missing at the end are named too. Read first: the
  // entries appended while the pages are read (between two queries) are not this check's.
  const highest = await engine.highestIdGiven(db, 'audit_log');
  let prevHash = GENESIS;
  let checked = 0;
  let last: Selectable<AuditLogTable> | null = null;
  let firstBad: { id: number; at: number } | null = null;
  const range = (after: number, upTo: number) => db.selectFrom('audit_log').selectAll().where('id', '>', after).where('id', '<=', upTo).orderBy('id').execute();
  await eachRange(range, highest, job, (rows) => {
    for (const row of rows) {
      checked++;
      if (row.prev_hash !== prevHash || row.hash !== entryHash(prevHash, row)) {
        firstBad = { id: row.id, at: row.at };
        return false;
      }
      prevHash = row.hash;
      last = row;
    }
    return true;
  });
  if (firstBad) return { ok: false, checked, firstBad };
  const lastSeen = last as Selectable<AuditLogTable> | null; // assigned inside the callback, which TypeScript does not follow
  if (highest > (lastSeen?.id ?? 0)) return { ok: false, checked, firstBad: { id: (lastSeen?.id ?? 0) + 1, at: lastSeen?.at ?? 0 } };
  return { ok: true, checked, firstBad: null };
}

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  // Quote always; a leading = + - @ would be run as a formula by Excel, so it gets a ' in front.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/**
 * Oldest first, as a CSV that Excel opens correctly (UTF-8 with BOM, CRLF): the entries up to the
 * newest one when the export starts. As a job: progress in entry ids, other calls answered between
 * two id ranges.
 */
export async function exportAuditCsv(db: Db, filters: Filters, job?: AuditJob): Promise<{ csv: string; rows: number }> {
  const header = ['id', 'time (UTC)', 'user', 'action', 'entity', 'entity id', 'label', 'changes', 'hash'];
  const lines = [header.map(csvCell).join(',')];
  let rows = 0;
  const highest = await engine.highestIdGiven(db, 'audit_log');
  const range = (after: number, upTo: number) => filtered(db, filters).where('id', '>', after).where('id', '<=', upTo).orderBy('id', 'asc').execute();
  await eachRange(range, highest, job, (entries) => {
    for (const row of entries) {
      const changes = (JSON.parse(row.changes) as FieldChange[]).map((c) => `${c.field}: ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`).join('; ');
      lines.push([row.id, new Date(row.at).toISOString(), row.username, row.action, row.entity, row.entity_id, row.label, changes, row.hash].map(csvCell).join(','));
      rows++;
    }
    return true;
  });
  return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, rows };
}
