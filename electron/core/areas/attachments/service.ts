// Files kept with customers, contracts and service records. Each attachment is a row holding its blob as
// 'attachment:<id>' (files/blob-store.ts): the same content attached twice is stored once, and
// the last row let go of frees the chunks in the same transaction. An attachment is seen by whoever
// sees its owner: the customer (the staff-scope setting), or the contract's or record's customer
// as the contract or record says now; an owner in the recycle bin hides its files, and restoring it brings them
// back untouched. Staff delete, restore and purge only the files they added (customerActions).
import { sql, type ExpressionBuilder } from 'kysely';
import type { Attachment, AttachmentOwner, DamagedAttachment } from '../../../../shared/api/attachments.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import { customerActions, roleHas } from '../../../../shared/roles.ts';
import { transaction, type Db } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { blobById, holdBlob, readBlob, releaseBlob, type StoredBlob } from '../../files/blob-store.ts';
import { cleanFileName, usableFileName } from '../../files/file-names.ts';
import { dropUpload, stagedFile } from '../../files/uploads.ts';
import { maxBytesFor, type FileRef } from '../../../../shared/api/files.ts';
import { appendAudit, changedFields, type FieldChange } from '../audit/service.ts';
import type { Access } from '../users/access.ts';
import { readSettings } from '../settings/service.ts';

const holderOf = (id: number) => `attachment:${id}`;

type Owner = AttachmentOwner & { customerId: number; customerName: string; label: string };

/** The owner as this caller may see it: there, not in the recycle bin (nor its customer), in their scope; else NOT_FOUND 'owner'. */
export async function visibleOwner(db: Db, owner: AttachmentOwner, access: Access): Promise<Owner> {
  const missing = () => new AppFailure('NOT_FOUND', `the ${owner.kind} ${owner.id} does not exist, is in the recycle bin, or is not yours to see`, { reason: 'owner' });
  let customerId: number;
  let label: string;
  if (owner.kind === 'contract') {
    const contract = await db.selectFrom('contracts').select(['customer_id', 'number', 'deleted_at']).where('id', '=', owner.id).executeTakeFirst();
    if (!contract || contract.deleted_at !== null) throw missing();
    customerId = contract.customer_id;
    label = contract.number;
  } else if (owner.kind === 'service') {
    const record = await db.selectFrom('records').select(['customer_id', 'deleted_at']).where('id', '=', owner.id).executeTakeFirst();
    if (!record || record.deleted_at !== null) throw missing();
    customerId = record.customer_id;
    label = '';
  } else {
    customerId = owner.id;
    label = '';
  }
  const customer = await db.selectFrom('customers').select(['name', 'owner_id', 'deleted_at']).where('id', '=', customerId).executeTakeFirst();
  if (!customer || customer.deleted_at !== null || (access.scopeOwnerId !== null && customer.owner_id !== access.scopeOwnerId)) throw missing();
  return { ...owner, customerId, customerName: customer.name, label: label || customer.name };
}

/**
 * Every attachment with its blob's hash, its owner's customer (the customer itself, or the
 * contract's or record's), and whether that owner is live: the one query every read starts from.
 */
function listing(db: Db) {
  return db
    .selectFrom('attachments as a')
    .innerJoin('blobs as b', 'b.id', 'a.blob_id')
    .leftJoin('contracts as k', (join) => join.onRef('k.id', '=', 'a.owner_id').on('a.owner_kind', '=', 'contract'))
    .leftJoin('records as r', (join) => join.onRef('r.id', '=', 'a.owner_id').on('a.owner_kind', '=', 'service'))
    .innerJoin('customers as c', (join) => join.on((eb) => eb('c.id', '=', eb.fn.coalesce('k.customer_id', 'r.customer_id', sql<number>`case when a.owner_kind = 'customer' then a.owner_id end`))))
    .leftJoin('users as u', 'u.id', 'a.created_by')
    .select([
      'a.id',
      'a.owner_kind',
      'a.owner_id',
      'a.blob_id',
      'a.name',
      'a.description',
      'a.size',
      'a.type',
      'a.created_by',
      'a.created_at',
      'a.updated_at',
      'a.deleted_at',
      'a.version',
      'b.sha256',
      'u.display_name as created_by_name',
      'c.id as customer_id',
      'c.name as customer_name',
      'c.owner_id as customer_owner_id',
      'c.deleted_at as customer_deleted_at',
      'k.deleted_at as contract_deleted_at',
      'r.deleted_at as record_deleted_at',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof listing>['executeTakeFirstOrThrow']>>;

/** Only the attachments whose owner is live and seen by this caller. */
function visible(eb: ExpressionBuilder<DB & { a: DB['attachments']; c: DB['customers']; k: DB['contracts']; r: DB['records'] }, 'a' | 'c' | 'k' | 'r'>, access: Access) {
  const conditions = [
    eb('c.deleted_at', 'is', null),
    eb.or([eb('a.owner_kind', '!=', 'contract'), eb('k.deleted_at', 'is', null)]),
    eb.or([eb('a.owner_kind', '!=', 'service'), eb('r.deleted_at', 'is', null)]),
  ];
  if (access.scopeOwnerId !== null) conditions.push(eb('c.owner_id', '=', access.scopeOwnerId));
  return eb.and(conditions);
}

function actionsFor(row: Pick<Row, 'created_by'>, access: Access): Attachment['actions'] {
  return {
    edit: roleHas(access.role, 'customers.write'),
    delete: customerActions(access, { createdBy: row.created_by }).delete,
    saveCopy: roleHas(access.role, 'data.export'),
  };
}

function attachmentFor(row: Row, access: Access): Attachment {
  return {
    id: row.id,
    owner: { kind: row.owner_kind, id: row.owner_id },
    name: row.name,
    description: row.description,
    size: row.size,
    type: row.type,
    sha256: row.sha256!, // an attachment holds a finished blob
    createdAt: row.created_at,
    createdByName: row.created_by_name,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    version: row.version,
    actions: actionsFor(row, access),
  };
}

function notFound(id: number): AppFailure {
  return new AppFailure('NOT_FOUND', `attachment ${id} does not exist, or its customer, contract or record is in the recycle bin`);
}

/** The attachment as stored, if this caller sees its owner (in the owner's recycle bin or not). */
async function visibleRow(db: Db, id: number, access: Access): Promise<Row> {
  const row = await listing(db)
    .where('a.id', '=', id)
    .where((eb) => visible(eb, access))
    .executeTakeFirst();
  if (!row) throw notFound(id);
  return row;
}

/** Who changes what, and when. */
export type Actor = Access & { now: number };

async function audit(tx: Db, actor: Actor, action: 'attachment.add' | 'attachment.saveCopy' | 'attachment.update' | 'attachment.delete' | 'attachment.restore' | 'attachment.purge', row: Pick<Row, 'id' | 'name'>, changes: FieldChange[] = []) {
  await appendAudit(tx, { at: actor.now, userId: actor.userId, username: actor.username, action, entity: 'attachment', entityId: row.id, label: row.name, changes });
}

/** The audit log's line for a file coming or going: its name, as the log shows it in words (its id is the entry's). */
const fileChange = (name: string, coming: boolean): FieldChange => ({ field: 'file', before: coming ? null : name, after: coming ? name : null });

export async function listAttachments(db: Db, owner: AttachmentOwner, deleted: boolean, access: Access): Promise<Attachment[]> {
  await visibleOwner(db, owner, access);
  const rows = await listing(db)
    .where('a.owner_kind', '=', owner.kind)
    .where('a.owner_id', '=', owner.id)
    .where('a.deleted_at', deleted ? 'is not' : 'is', null)
    .orderBy(deleted ? 'a.deleted_at' : 'a.created_at', 'desc')
    .orderBy('a.id', 'desc')
    .execute();
  return rows.map((row) => attachmentFor(row, access));
}

/**
 * Keeps a file the caller staged (purpose 'attachment') with its owner, in one transaction: the
 * row, its hold on the blob, the staged file let go, the audit entry. A 0-byte file is refused,
 * and one over the shop's limit as it is now.
 */
export async function addAttachment(db: Db, input: { owner: AttachmentOwner; file: FileRef; description: string }, actor: Actor): Promise<Attachment> {
  return transaction(db, async (tx) => {
    const staged = await stagedFile(tx, actor.userId, input.file, 'attachment', actor.now);
    if (staged.blob.size === 0) throw new AppFailure('VALIDATION', `${staged.name}: the file is empty (0 bytes)`, { reason: 'empty' });
    // Staged under the limit of its time: the owner may have lowered it since.
    const limit = maxBytesFor('attachment', await readSettings(tx));
    if (staged.blob.size > limit) throw new AppFailure('TOO_LARGE', `${staged.name}: the file is larger than ${limit} bytes`, { limit, size: staged.blob.size });
    const owner = await visibleOwner(tx, input.owner, actor);
    const { id } = await tx
      .insertInto('attachments')
      .values({
        owner_kind: owner.kind,
        owner_id: owner.id,
        blob_id: staged.blob.id,
        name: cleanFileName(staged.name),
        description: input.description,
        size: staged.blob.size,
        type: staged.blob.type,
        created_by: actor.userId,
        created_at: actor.now,
        updated_at: actor.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await holdBlob(tx, staged.blob.id, holderOf(id));
    await dropUpload(tx, staged.id);
    const row = await visibleRow(tx, id, actor);
    await audit(tx, actor, 'attachment.add', row, [fileChange(row.name, true), { field: 'fileSize', before: null, after: staged.blob.size }]); // bytes: the log shows KB/MB
    return attachmentFor(row, actor);
  });
}

/** The attachment's blob and name, to give out as a download (preview or save a copy). */
export async function attachmentFile(db: Db, id: number, actor: Actor, options: { audited: boolean }): Promise<{ blob: StoredBlob; name: string }> {
  const read = async (tx: Db) => {
    const row = await visibleRow(tx, id, actor);
    const blob = await blobById(tx, row.blob_id);
    if (!blob) throw notFound(id);
    if (options.audited) await audit(tx, actor, 'attachment.saveCopy', row);
    return { blob, name: row.name };
  };
  return options.audited ? transaction(db, read) : read(db);
}

function conflict(id: number): AppFailure {
  return new AppFailure('CONFLICT', `attachment ${id} was changed by someone else since it was opened; reload it and try again`);
}

export async function updateAttachment(db: Db, input: { id: number; version: number; name: string; description: string }, actor: Actor): Promise<Attachment> {
  const name = usableFileName(input.name);
  if (name === '') throw new AppFailure('VALIDATION', `attachment ${input.id}: "${input.name.slice(0, 40)}" leaves nothing usable as a file name`, { reason: 'name' });
  return transaction(db, async (tx) => {
    const before = await visibleRow(tx, input.id, actor);
    if (before.deleted_at !== null) throw notFound(input.id);
    if (before.version !== input.version) throw conflict(input.id);
    await tx.updateTable('attachments').set({ name, description: input.description, updated_at: actor.now, version: input.version + 1 }).where('id', '=', input.id).execute();
    const after = await visibleRow(tx, input.id, actor);
    const changes = changedFields({ name: before.name, description: before.description }, { name: after.name, description: after.description }, ['name', 'description']);
    if (changes.length > 0) await audit(tx, actor, 'attachment.update', after, changes);
    return attachmentFor(after, actor);
  });
}

/** The row-level rule the UI is given too: staff delete, restore and purge only the files they added. */
function checkMay(row: Row, actor: Actor, action: 'delete' | 'purge'): void {
  if (!customerActions(actor, { createdBy: row.created_by })[action]) {
    throw new AppFailure('FORBIDDEN', `attachments.${action}: your role may ${action === 'delete' ? 'delete and restore' : 'purge'} only the files you added`);
  }
}

export async function deleteAttachment(db: Db, id: number, version: number, actor: Actor): Promise<Attachment> {
  return transaction(db, async (tx) => {
    const row = await visibleRow(tx, id, actor);
    if (row.deleted_at !== null) throw notFound(id);
    checkMay(row, actor, 'delete');
    if (row.version !== version) throw conflict(id);
    await tx.updateTable('attachments').set({ deleted_at: actor.now, updated_at: actor.now, version: version + 1 }).where('id', '=', id).execute();
    await audit(tx, actor, 'attachment.delete', row, [fileChange(row.name, false)]);
    return attachmentFor(await visibleRow(tx, id, actor), actor);
  });
}

export async function restoreAttachment(db: Db, id: number, actor: Actor): Promise<Attachment> {
  return transaction(db, async (tx) => {
    const row = await visibleRow(tx, id, actor);
    checkMay(row, actor, 'delete');
    if (row.deleted_at === null) throw new AppFailure('CONFLICT', `attachment ${id} is not in the recycle bin`);
    await tx
      .updateTable('attachments')
      .set((eb) => ({ deleted_at: null, updated_at: actor.now, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute();
    await audit(tx, actor, 'attachment.restore', row, [fileChange(row.name, true)]);
    return attachmentFor(await visibleRow(tx, id, actor), actor);
  });
}

/** Removes attachment rows and lets go of their blobs (the last holder frees the chunks). Inside the caller's transaction. */
async function removeRows(tx: Db, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.deleteFrom('attachments').where('id', 'in', ids).execute();
  for (const id of ids) await releaseBlob(tx, holderOf(id));
}

/** Gone for good, from the owner's recycle bin; its chunks go with the last attachment holding them. */
export async function purgeAttachment(db: Db, id: number, actor: Actor): Promise<{ id: number }> {
  return transaction(db, async (tx) => {
    const row = await visibleRow(tx, id, actor);
    checkMay(row, actor, 'purge');
    if (row.deleted_at === null) throw new AppFailure('CONFLICT', `attachment ${id} is not in the recycle bin; delete it first`);
    await removeRows(tx, [id]);
    await audit(tx, actor, 'attachment.purge', row, [fileChange(row.name, false)]);
    return { id };
  });
}

/**
 * A customer purged: its own files and its contracts' and records' files go with it, their chunks freed with
 * the last holder. Call inside the purge's transaction, before its contracts and records go. Returns how many.
 */
export async function purgeCustomerAttachments(tx: Db, customerId: number): Promise<number> {
  const rows = await tx
    .selectFrom('attachments')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('owner_kind', '=', 'customer'), eb('owner_id', '=', customerId)]),
        eb.and([eb('owner_kind', '=', 'contract'), eb('owner_id', 'in', eb.selectFrom('contracts').select('id').where('customer_id', '=', customerId))]),
        eb.and([eb('owner_kind', '=', 'service'), eb('owner_id', 'in', eb.selectFrom('records').select('id').where('customer_id', '=', customerId))]),
      ]),
    )
    .execute();
  await removeRows(
    tx,
    rows.map((row) => row.id),
  );
  return rows.length;
}

/** A contract purged on its own: its files go with it. Call inside that transaction. */
export async function purgeContractAttachments(tx: Db, contractId: number): Promise<number> {
  const rows = await tx.selectFrom('attachments').select('id').where('owner_kind', '=', 'contract').where('owner_id', '=', contractId).execute();
  await removeRows(
    tx,
    rows.map((row) => row.id),
  );
  return rows.length;
}

/** A record purged on its own: its files go with it. Call inside that transaction. */
export async function purgeRecordAttachments(tx: Db, recordId: number): Promise<number> {
  const rows = await tx.selectFrom('attachments').select('id').where('owner_kind', '=', 'service').where('owner_id', '=', recordId).execute();
  await removeRows(
    tx,
    rows.map((row) => row.id),
  );
  return rows.length;
}

/** What a verify run reports to and asks of its job (jobs.ts). */
export type VerifyJob = { progress(done: number, total: number): void; step(): Promise<void> };

/** Chunks read between two turns given to other calls (4 MB). */
const CHUNKS_PER_STEP = 16;

/**
 * Re-hashes every stored attachment blob, each once however many attachments hold it, and names
 * every attachment whose bytes no longer match (recycle bins included). Progress is in bytes.
 */
export async function verifyAttachments(db: Db, job: VerifyJob): Promise<{ checked: number; damaged: DamagedAttachment[] }> {
  const blobs = await db
    .selectFrom('blobs as b')
    .select(['b.id', 'b.sha256', 'b.size', 'b.type'])
    .where('b.id', 'in', (eb) => eb.selectFrom('attachments').select('blob_id'))
    .where('b.sha256', 'is not', null)
    .orderBy('b.id')
    .execute();
  const total = blobs.reduce((sum, blob) => sum + blob.size, 0);
  let done = 0;
  const badBlobs: number[] = [];
  job.progress(0, total);
  for (const row of blobs) {
    const blob: StoredBlob = { ...row, sha256: row.sha256! }; // filtered on sha256 above
    const before = done;
    let chunks = 0;
    try {
      for await (const chunk of readBlob(db, blob)) {
        done += chunk.byteLength;
        if (++chunks % CHUNKS_PER_STEP === 0) {
          job.progress(done, total);
          await job.step();
        }
      }
    } catch (error) {
      if (!(error instanceof AppFailure) || error.code !== 'CORRUPT') throw error;
      badBlobs.push(blob.id);
    }
    done = before + blob.size; // the whole blob counts as checked, damaged or not
    job.progress(done, total);
    await job.step();
  }
  const checked = Number((await db.selectFrom('attachments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  if (badBlobs.length === 0) return { checked, damaged: [] };
  const damaged = await db
    .selectFrom('attachments as a')
    .leftJoin('contracts as k', (join) => join.onRef('k.id', '=', 'a.owner_id').on('a.owner_kind', '=', 'contract'))
    .leftJoin('records as r', (join) => join.onRef('r.id', '=', 'a.owner_id').on('a.owner_kind', '=', 'service'))
    .leftJoin('customers as c', (join) => join.on((eb) => eb('c.id', '=', eb.fn.coalesce('k.customer_id', 'r.customer_id', sql<number>`case when a.owner_kind = 'customer' then a.owner_id end`))))
    .select(['a.id', 'a.name', 'a.owner_kind', 'a.owner_id', 'c.name as customer_name'])
    .where('a.blob_id', 'in', badBlobs)
    .orderBy('a.id')
    .execute();
  return {
    checked,
    damaged: damaged.map((row) => ({
      id: row.id,
      name: row.name,
      owner: { kind: row.owner_kind, id: row.owner_id },
      customerName: row.customer_name ?? '',
    })),
  };
}
