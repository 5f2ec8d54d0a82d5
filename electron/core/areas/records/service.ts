// Service and communication records: the Service records list (keyset pages, newest first),
// "Follow-ups due", a record with its participants, create and update (optimistic concurrency),
// follow-up done, and the recycle bin. A caller sees the records of the customers they may see
// (the staff-scope setting); a customer in the recycle bin hides its records, and its purge removes
// them (purgeRecordsOf). Each change keeps the search index (search/records.ts) and writes its
// audit entry in its own transaction. Visits complete through insertRecord, in their transaction.
import { sql, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { z } from 'zod';
import {
  FOLLOW_UP_HORIZON_DAYS,
  RECORD_EXCERPT_CHARS,
  recordActions,
  type FollowUpPage,
  type FollowUpQuery,
  type Participant,
  type ParticipantDraft,
  type RecordDetail,
  type RecordDraftValue,
  type RecordPage,
  type RecordQuery,
  type RecordRow,
  type RecordSource,
} from '../../../../shared/api/records.ts';
import { addDays, localDay } from '../../../../shared/contract-status.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import type { ValidationMessage } from '../../../../shared/validation.ts';
import { transaction, type Db } from '../../db/database.ts';
import { keysetPage, type SortColumn } from '../../db/keyset.ts';
import type { DB } from '../../db/schema.ts';
import { appendAudit, changedFields, type FieldChange } from '../audit/service.ts';
import { purgeRecordAttachments } from '../attachments/service.ts';
import { refreshLastContact } from '../care/last-contact.ts';
import { indexRecord } from '../search/records.ts';
import type { Access } from '../users/access.ts';

/** A change as made by a caller at an instant. */
export type Actor = Access & { now: number };

/** Where a new record comes from: the app, a visit completed (its id), an import. */
export type RecordOrigin = { source: RecordSource; visitId: number | null };

type Query = z.output<typeof RecordQuery>;
type FollowUps = z.output<typeof FollowUpQuery>;
/** A record's fields without its customer (what an update may change). */
export type RecordFieldsValue = Omit<RecordDraftValue, 'customerId'>;

// ---------------------------------------------------------------------------------------------
// Reading

type Joined = DB & { r: DB['records']; c: DB['customers']; u: DB['users'] };

/** Records joined to their customer (name, the caller's scope) and staff member. */
function joined(db: Db) {
  return db.selectFrom('records as r').innerJoin('customers as c', 'c.id', 'r.customer_id').leftJoin('users as u', 'u.id', 'r.staff_id');
}

/**
 * Only records of customers this caller sees, live ones. Unary plus on the owner: the records'
 * own index leads (newest first), each record's customer checked, never the staff member's
 * customers walked and their records sorted.
 */
function visible<Q extends SelectQueryBuilder<Joined, 'r' | 'c' | 'u', unknown>>(query: Q, access: Access): Q {
  let q = query.where('c.deleted_at', 'is', null);
  if (access.scopeOwnerId !== null) q = q.where(sql<SqlBool>`+c.owner_id = ${access.scopeOwnerId}`);
  return q as Q; // a where keeps the builder's type, which TypeScript cannot see through the generic Q
}

const ROW_COLUMNS = [
  'r.id',
  'r.customer_id as customerId',
  'c.name as customerName',
  'c.code as customerCode',
  'r.kind',
  'r.at',
  'r.staff_id as staffId',
  'u.display_name as staffName',
  'r.phase',
  'r.service_kind as serviceKind',
  'r.status',
  'r.channel',
  'r.follow_up_on as followUpOn',
  'r.follow_up_done_at as followUpDoneAt',
  'r.visit_id as visitId',
  'r.source',
  'r.deleted_at as deletedAt',
  'r.version',
  'r.created_by as createdBy',
] as const;

function listing(db: Db) {
  return joined(db)
    .select(ROW_COLUMNS)
    .select(sql<string>`substr(r.content, 1, ${RECORD_EXCERPT_CHARS})`.as('excerpt'));
}

type StoredRow = Awaited<ReturnType<ReturnType<typeof listing>['executeTakeFirstOrThrow']>>;

function rowFor(row: StoredRow, access: Access): RecordRow {
  const { createdBy, ...rest } = row;
  return { ...rest, actions: recordActions(access, { createdBy, deletedAt: row.deletedAt, followUpOn: row.followUpOn, followUpDoneAt: row.followUpDoneAt }) };
}

/** The local midnight starting `day` (YYYY-MM-DD), as an instant. */
export function dayStart(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]; // a CalendarDate has three parts
  return new Date(y, m - 1, d).getTime();
}

type ListSort = readonly SortColumn<'r.at' | 'r.id' | 'r.follow_up_on' | 'r.deleted_at'>[];
const NEWEST: ListSort = [
  { column: 'r.at', direction: 'desc' },
  { column: 'r.id', direction: 'desc' },
];

export async function listRecords(db: Db, query: Query, access: Access): Promise<RecordPage> {
  let q = visible(listing(db), access).where('r.deleted_at', 'is', null);
  if (query.kind) q = q.where('r.kind', '=', query.kind);
  if (query.staffId) q = q.where('r.staff_id', '=', query.staffId);
  if (query.customerId) q = q.where('r.customer_id', '=', query.customerId);
  if (query.from) q = q.where('r.at', '>=', dayStart(query.from));
  if (query.to) q = q.where('r.at', '<', dayStart(addDays(query.to, 1)));
  const page = await keysetPage(q, NEWEST, query.after, query.limit);
  return { rows: page.rows.map((row) => rowFor(row, access)), next: page.nextCursor };
}

/**
 * Open follow-ups due by `until` (default today + FOLLOW_UP_HORIZON_DAYS), the oldest first: the
 * conditions are the records_follow_ups index's own, so the page is a range of it.
 */
export async function listFollowUps(db: Db, query: FollowUps, access: Access, now: number): Promise<FollowUpPage> {
  const today = localDay(now);
  const until = query.until ?? addDays(today, FOLLOW_UP_HORIZON_DAYS);
  let q = visible(listing(db), access)
    .where('r.follow_up_on', 'is not', null)
    .where('r.follow_up_done_at', 'is', null)
    .where('r.deleted_at', 'is', null)
    .where('r.follow_up_on', '<=', until);
  if (query.staffId) q = q.where('r.staff_id', '=', query.staffId);
  if (query.customerId) q = q.where('r.customer_id', '=', query.customerId);
  const sort: ListSort = [
    { column: 'r.follow_up_on', direction: 'asc' },
    { column: 'r.id', direction: 'asc' },
  ];
  const page = await keysetPage(q, sort, query.after, query.limit);
  return { rows: page.rows.map((row) => ({ ...rowFor(row, access), overdue: row.followUpOn! < today })), next: page.nextCursor }; // follow_up_on IS NOT NULL above
}

/** The recycle bin: records deleted on their own (a customer's bin entry carries the rest), most recent first. */
export async function listDeletedRecords(db: Db, after: string | null, limit: number, access: Access): Promise<RecordPage> {
  const q = visible(listing(db), access).where('r.deleted_at', 'is not', null);
  const sort: ListSort = [
    { column: 'r.deleted_at', direction: 'desc' },
    { column: 'r.id', direction: 'desc' },
  ];
  const page = await keysetPage(q, sort, after, limit);
  return { rows: page.rows.map((row) => rowFor(row, access)), next: page.nextCursor };
}

async function readStored(db: Db, id: number) {
  return joined(db)
    .leftJoin('contracts as k', 'k.id', 'r.contract_id')
    .leftJoin('users as cu', 'cu.id', 'r.created_by')
    .selectAll('r')
    .select([
      'c.name as customer_name',
      'c.code as customer_code',
      'c.owner_id as customer_owner_id',
      'c.deleted_at as customer_deleted_at',
      'u.display_name as staff_name',
      'k.number as contract_number',
      'k.title as contract_title',
      'cu.display_name as created_by_name',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

type Stored = NonNullable<Awaited<ReturnType<typeof readStored>>>;

function notFound(id: number): AppFailure {
  return new AppFailure('NOT_FOUND', `record ${id} does not exist, or its customer is in the recycle bin or not one you see`);
}

/**
 * The record if this caller sees it (its customer live and in their scope); NOT_FOUND otherwise.
 * `deleted`: true only one in the recycle bin, false only a live one, 'any' either.
 */
async function storedFor(db: Db, id: number, access: Access, deleted: boolean | 'any'): Promise<Stored> {
  const row = await readStored(db, id);
  const seen = row && row.customer_deleted_at === null && (access.scopeOwnerId === null || row.customer_owner_id === access.scopeOwnerId);
  if (!seen) throw notFound(id);
  if (deleted !== 'any' && (row.deleted_at !== null) !== deleted) {
    throw new AppFailure('NOT_FOUND', deleted ? `record ${id} is not in the recycle bin` : `record ${id} is in the recycle bin; restore it first`);
  }
  return row;
}

async function participantsOf(db: Db, id: number): Promise<Participant[]> {
  const rows = await db.selectFrom('record_participants').select(['contact_id', 'user_id', 'name']).where('record_id', '=', id).orderBy('position').execute();
  return rows.map((p) => ({ contactId: p.contact_id, userId: p.user_id, name: p.name }));
}

async function recordFor(db: Db, row: Stored, access: Access): Promise<RecordDetail> {
  return {
    id: row.id,
    customerId: row.customer_id,
    customerName: row.customer_name,
    customerCode: row.customer_code,
    kind: row.kind,
    at: row.at,
    staffId: row.staff_id,
    staffName: row.staff_name,
    content: row.content,
    phase: row.phase,
    serviceKind: row.service_kind,
    status: row.status,
    contractId: row.contract_id,
    contractNumber: row.contract_number,
    contractTitle: row.contract_title,
    durationMinutes: row.duration_minutes,
    result: row.result,
    feedback: row.feedback,
    channel: row.channel,
    followUpOn: row.follow_up_on,
    followUpDoneAt: row.follow_up_done_at,
    participants: await participantsOf(db, row.id),
    agreements: row.agreements,
    visitId: row.visit_id,
    source: row.source,
    createdBy: row.created_by,
    createdByName: row.created_by_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    version: row.version,
    actions: recordActions(access, { createdBy: row.created_by, deletedAt: row.deleted_at, followUpOn: row.follow_up_on, followUpDoneAt: row.follow_up_done_at }),
  };
}

/** One record, also one in the recycle bin. */
export async function readRecord(db: Db, id: number, access: Access): Promise<RecordDetail> {
  return recordFor(db, await storedFor(db, id, access, 'any'), access);
}

// ---------------------------------------------------------------------------------------------
// Checks of create and update

function invalid(operation: string, message: string, path: (string | number)[], reason: ValidationMessage): AppFailure {
  return new AppFailure('VALIDATION', `${operation}: ${message}`, [{ path: path.map(String), message: reason }]);
}

/** The record's customer must be one the caller sees (live, in their scope). */
async function checkCustomer(db: Db, customerId: number, access: Access, operation: string): Promise<{ name: string; code: string }> {
  const customer = await db.selectFrom('customers').select(['name', 'code', 'owner_id', 'deleted_at']).where('id', '=', customerId).executeTakeFirst();
  if (!customer || customer.deleted_at !== null || (access.scopeOwnerId !== null && customer.owner_id !== access.scopeOwnerId)) {
    throw invalid(operation, `customer ${customerId} does not exist, is in the recycle bin, or is not one you see`, ['customerId'], 'customer');
  }
  return customer;
}

/** A newly chosen staff member is an active user; keeping the one a record already has is always allowed. */
async function checkStaff(db: Db, staffId: number | null, current: number | null, operation: string): Promise<void> {
  if (staffId === null || staffId === current) return;
  const user = await db.selectFrom('users').select('active').where('id', '=', staffId).executeTakeFirst();
  if (!user || user.active !== 1) throw invalid(operation, `user ${staffId} is not an active staff member`, ['staffId'], 'staff');
}

/** A newly chosen contract is one of this customer's, not in the recycle bin; keeping the current one is allowed. */
async function checkContract(db: Db, contractId: number | null, customerId: number, current: number | null, operation: string): Promise<void> {
  if (contractId === null || contractId === current) return;
  const contract = await db.selectFrom('contracts').select(['customer_id', 'deleted_at']).where('id', '=', contractId).executeTakeFirst();
  if (!contract || contract.customer_id !== customerId || contract.deleted_at !== null) {
    throw invalid(operation, `contract ${contractId} is not one of customer ${customerId}'s contracts`, ['contractId'], 'contract');
  }
}

type NewParticipant = { contact_id: number | null; user_id: number | null; name: string };

/**
 * Participants as stored: a contact of this customer (its name now), one of our users (any,
 * active or not: they took part), or a name alone. The same person twice is kept once.
 */
async function resolveParticipants(db: Db, participants: readonly ParticipantDraft[], customerId: number, operation: string): Promise<NewParticipant[]> {
  const contactIds = participants.flatMap((p) => ('contactId' in p ? [p.contactId] : []));
  const userIds = participants.flatMap((p) => ('userId' in p ? [p.userId] : []));
  const contacts = new Map(
    contactIds.length === 0
      ? []
      : (await db.selectFrom('contacts').select(['id', 'name']).where('customer_id', '=', customerId).where('id', 'in', contactIds).execute()).map((c) => [c.id, c.name] as const),
  );
  const users = new Map(
    userIds.length === 0 ? [] : (await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).execute()).map((u) => [u.id, u.display_name] as const),
  );
  const out: NewParticipant[] = [];
  const seen = new Set<string>();
  for (const [i, p] of participants.entries()) {
    let next: NewParticipant;
    if ('contactId' in p) {
      const name = contacts.get(p.contactId);
      if (name === undefined) throw invalid(operation, `contact ${p.contactId} is not one of customer ${customerId}'s contacts`, ['participants', i, 'contactId'], 'contact');
      next = { contact_id: p.contactId, user_id: null, name };
    } else if ('userId' in p) {
      const name = users.get(p.userId);
      if (name === undefined) throw invalid(operation, `user ${p.userId} does not exist`, ['participants', i, 'userId'], 'staff');
      next = { contact_id: null, user_id: p.userId, name };
    } else next = { contact_id: null, user_id: null, name: p.name };
    const key = next.contact_id !== null ? `c${next.contact_id}` : next.user_id !== null ? `u${next.user_id}` : `n${next.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(next);
  }
  return out;
}

async function writeParticipants(tx: Db, recordId: number, participants: readonly NewParticipant[]): Promise<void> {
  await tx.deleteFrom('record_participants').where('record_id', '=', recordId).execute();
  if (participants.length === 0) return;
  await tx
    .insertInto('record_participants')
    .values(participants.map((p, position) => ({ record_id: recordId, position, ...p })))
    .execute();
}

function columns(draft: RecordFieldsValue, now: number) {
  return {
    kind: draft.kind,
    at: draft.at,
    staff_id: draft.staffId,
    content: draft.content,
    phase: draft.phase,
    service_kind: draft.serviceKind,
    duration_minutes: draft.durationMinutes,
    result: draft.result,
    status: draft.status,
    feedback: draft.feedback,
    contract_id: draft.contractId,
    channel: draft.channel,
    agreements: draft.agreements,
    follow_up_on: draft.followUpOn,
    updated_at: now,
  };
}

const AUDITED = [
  'kind',
  'at',
  'staffId',
  'content',
  'phase',
  'serviceKind',
  'durationMinutes',
  'result',
  'status',
  'feedback',
  'contractId',
  'channel',
  'agreements',
  'followUpOn',
  'participants',
] as const;

type AuditAction = 'record.create' | 'record.update' | 'record.delete' | 'record.restore' | 'record.purge' | 'record.followUpDone';
type Audited = { id: number; kind: string; customer: { id: number; name: string; code: string } };

/** The label names the customer as it is now (the log stays readable after a rename or purge). */
async function audit(tx: Db, actor: Actor, action: AuditAction, record: Audited, changes: FieldChange[] = []): Promise<void> {
  await appendAudit(tx, {
    at: actor.now,
    userId: actor.userId,
    username: actor.username,
    action,
    entity: 'record',
    entityId: record.id,
    label: `${record.customer.name} (${record.customer.code})`,
    changes,
  });
}

function audited(row: Stored): Audited {
  return { id: row.id, kind: row.kind, customer: { id: row.customer_id, name: row.customer_name, code: row.customer_code } };
}

function conflict(id: number, operation: string): AppFailure {
  return new AppFailure('CONFLICT', `${operation}: record ${id} was changed by someone else since it was opened; reload it and apply your changes again`);
}

// ---------------------------------------------------------------------------------------------
// Changes

/**
 * A new record inside the caller's transaction (records.create, visits.complete, imports):
 * checks it against its customer (seen by the actor, its contact, contract and staff member),
 * inserts it with its participants and search document, and appends its record.create entry.
 * A second record for the same visit is a CONFLICT (reason 'completed'). Answers the new id.
 */
export async function insertRecord(tx: Db, draft: RecordDraftValue, actor: Actor, origin: RecordOrigin): Promise<number> {
  const operation = origin.source === 'visit' ? 'visits.complete' : 'records.create';
  return transaction(tx, async (tx) => {
    const customer = await checkCustomer(tx, draft.customerId, actor, operation);
    await checkStaff(tx, draft.staffId, null, operation);
    await checkContract(tx, draft.contractId, draft.customerId, null, operation);
    const participants = await resolveParticipants(tx, draft.participants, draft.customerId, operation);
    if (origin.visitId !== null) {
      const done = await tx.selectFrom('records').select('id').where('visit_id', '=', origin.visitId).executeTakeFirst();
      if (done) throw new AppFailure('CONFLICT', `${operation}: visit ${origin.visitId} was completed already (record ${done.id})`, { reason: 'completed' });
    }
    const { id } = await tx
      .insertInto('records')
      .values({
        ...columns(draft, actor.now),
        customer_id: draft.customerId,
        visit_id: origin.visitId,
        source: origin.source,
        created_by: actor.userId,
        created_at: actor.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeParticipants(tx, id, participants);
    await indexRecord(tx, id);
    await refreshLastContact(tx, draft.customerId);
    const at = new Date(draft.at).toISOString();
    await audit(tx, actor, 'record.create', { id, kind: draft.kind, customer: { id: draft.customerId, name: customer.name, code: customer.code } }, [
      { field: 'customerId', before: null, after: { id: draft.customerId, name: customer.name, code: customer.code } },
      { field: 'kind', before: null, after: draft.kind },
      { field: 'at', before: null, after: at },
      ...(origin.visitId === null ? [] : [{ field: 'visitId', before: null, after: origin.visitId }]),
    ]);
    return id;
  });
}

export async function createRecord(db: Db, draft: RecordDraftValue, actor: Actor): Promise<RecordDetail> {
  return transaction(db, async (tx) => {
    const id = await insertRecord(tx, draft, actor, { source: 'app', visitId: null });
    return recordFor(tx, await storedFor(tx, id, actor, false), actor);
  });
}

async function fieldsOf(db: Db, row: Stored): Promise<RecordFieldsValue & { participants: ParticipantDraft[] }> {
  return {
    kind: row.kind,
    at: row.at,
    staffId: row.staff_id,
    content: row.content,
    phase: row.phase,
    serviceKind: row.service_kind,
    durationMinutes: row.duration_minutes,
    result: row.result,
    status: row.status,
    feedback: row.feedback,
    contractId: row.contract_id,
    channel: row.channel,
    agreements: row.agreements,
    followUpOn: row.follow_up_on,
    participants: (await participantsOf(db, row.id)).map((p) => (p.contactId !== null ? { contactId: p.contactId } : p.userId !== null ? { userId: p.userId } : { name: p.name })),
  };
}

/** The participants as the audit log shows them: their names. */
function participantNames(participants: readonly NewParticipant[]): string {
  return participants.map((p) => p.name).join(', ');
}

export async function updateRecord(db: Db, id: number, version: number, draft: RecordFieldsValue, actor: Actor): Promise<RecordDetail> {
  const operation = 'records.update';
  return transaction(db, async (tx) => {
    const before = await storedFor(tx, id, actor, false);
    if (before.version !== version) throw conflict(id, operation);
    await checkStaff(tx, draft.staffId, before.staff_id, operation);
    await checkContract(tx, draft.contractId, before.customer_id, before.contract_id, operation);
    const participants = await resolveParticipants(tx, draft.participants, before.customer_id, operation);
    const old = await fieldsOf(tx, before);
    const oldNames = participantNames(await tx.selectFrom('record_participants').select(['contact_id', 'user_id', 'name']).where('record_id', '=', id).orderBy('position').execute());
    await tx
      .updateTable('records')
      .set({ ...columns(draft, actor.now), version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .execute();
    await writeParticipants(tx, id, participants);
    await indexRecord(tx, id);
    await refreshLastContact(tx, before.customer_id);
    // Times as ISO text and participants by name: the log reads them without the record.
    const changes = changedFields(
      { ...old, at: new Date(old.at).toISOString(), participants: oldNames },
      { ...draft, at: new Date(draft.at).toISOString(), participants: participantNames(participants) },
      AUDITED,
    );
    await audit(tx, actor, 'record.update', audited(before), changes);
    return recordFor(tx, await storedFor(tx, id, actor, false), actor);
  });
}

export async function markFollowUpDone(db: Db, id: number, version: number, actor: Actor): Promise<RecordDetail> {
  return transaction(db, async (tx) => {
    const row = await storedFor(tx, id, actor, false);
    if (row.version !== version) throw conflict(id, 'records.followUpDone');
    if (row.follow_up_on === null || row.follow_up_done_at !== null) {
      throw new AppFailure('CONFLICT', `records.followUpDone: record ${id} has no open follow-up (done already, or none set); reload it`);
    }
    await tx
      .updateTable('records')
      .set({ follow_up_done_at: actor.now, updated_at: actor.now, version: version + 1 })
      .where('id', '=', id)
      .execute();
    await audit(tx, actor, 'record.followUpDone', audited(row));
    return recordFor(tx, await storedFor(tx, id, actor, false), actor);
  });
}

/** The customers' row-level rule: staff delete and restore only the records they created; purging is the owner's. */
function mayChange(row: Stored, actor: Actor, action: 'delete' | 'restore' | 'purge'): void {
  const actions = recordActions(actor, { createdBy: row.created_by, deletedAt: row.deleted_at, followUpOn: null, followUpDoneAt: null });
  if (!actions[action]) {
    throw new AppFailure('FORBIDDEN', `records.${action}: your role may ${action === 'purge' ? 'not purge this record' : 'delete and restore only the records you created'}`);
  }
}

export async function deleteRecord(db: Db, id: number, version: number, actor: Actor): Promise<{ id: number }> {
  return transaction(db, async (tx) => {
    const row = await storedFor(tx, id, actor, false);
    mayChange(row, actor, 'delete');
    if (row.version !== version) throw conflict(id, 'records.delete');
    await tx
      .updateTable('records')
      .set({ deleted_at: actor.now, deleted_by: actor.userId, updated_at: actor.now, version: version + 1 })
      .where('id', '=', id)
      .execute();
    await indexRecord(tx, id);
    await refreshLastContact(tx, row.customer_id);
    await audit(tx, actor, 'record.delete', audited(row));
    return { id };
  });
}

export async function restoreRecord(db: Db, id: number, actor: Actor): Promise<RecordDetail> {
  return transaction(db, async (tx) => {
    const row = await storedFor(tx, id, actor, true);
    mayChange(row, actor, 'restore');
    await tx
      .updateTable('records')
      .set({ deleted_at: null, deleted_by: null, updated_at: actor.now, version: row.version + 1 })
      .where('id', '=', id)
      .execute();
    await indexRecord(tx, id);
    await refreshLastContact(tx, row.customer_id);
    await audit(tx, actor, 'record.restore', audited(row));
    return recordFor(tx, await storedFor(tx, id, actor, false), actor);
  });
}

/**
 * Removes the rows of `ids` for good: their files, participants (ON DELETE CASCADE), search
 * documents, and the link of a visit they completed (the visit stays done, with its outcome).
 */
async function removeRecords(tx: Db, ids: readonly number[]): Promise<void> {
  for (const id of ids) {
    await purgeRecordAttachments(tx, id);
    await tx.updateTable('visits').set({ record_id: null }).where('record_id', '=', id).execute();
    await tx.updateTable('surveys').set({ record_id: null }).where('record_id', '=', id).execute(); // the survey stays, about the customer
    await tx.deleteFrom('records').where('id', '=', id).execute();
    await indexRecord(tx, id); // out of the search index with it
  }
}

/** Only a record in the recycle bin; its attachments go with it. */
export async function purgeRecord(db: Db, id: number, actor: Actor): Promise<{ id: number }> {
  return transaction(db, async (tx) => {
    const row = await storedFor(tx, id, actor, true);
    mayChange(row, actor, 'purge');
    await removeRecords(tx, [id]);
    await refreshLastContact(tx, row.customer_id); // a record in the recycle bin counted for nothing; kept exact all the same
    await audit(tx, actor, 'record.purge', audited(row));
    return { id };
  });
}

/**
 * A customer's records go when the customer is purged (customers' purge calls this in its
 * transaction, after the customer's visits): their files, participants and search documents with
 * them. Answers how many.
 */
export async function purgeRecordsOf(tx: Db, customerId: number): Promise<number> {
  const gone = await tx.selectFrom('records').select('id').where('customer_id', '=', customerId).execute();
  await removeRecords(
    tx,
    gone.map((row) => row.id),
  );
  return gone.length;
}
