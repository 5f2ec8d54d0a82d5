// Visit plans: a visit by one staff member to a customer on a calendar day at a minute of it;
// the agendas (a day to six weeks, one staff member's or the whole shop's), create and update
// (optimistic concurrency), reschedule, status, completion (one record, in the same transaction),
// and the recycle bin. A caller sees the visits of the customers they may see (the staff-scope
// setting); a customer in the recycle bin hides its visits, and its purge removes them
// (purgeVisitsOf). Overlaps (the same staff member busy at the same time that day) are a warning
// the answers carry, never a refusal.
import { sql, type SelectQueryBuilder, type SqlBool } from 'kysely';
import {
  formatMinute,
  visitActions,
  type Agenda,
  type AgendaQuery,
  type Visit,
  type VisitChange,
  type VisitDraftValue,
  type VisitRecordValue,
  type VisitRow,
  type VisitStatus,
  type VisitFilters,
  type VisitPage,
  type VisitQuery,
} from '../../../../shared/api/visits.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import { maskPhone } from '../../../../shared/masking.ts';
import { canOwnCustomers, CUSTOMER_OWNER_ROLES } from '../../../../shared/roles.ts';
import type { z } from 'zod';
import { transaction, type Db } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { keysetPage, type SortColumn } from '../../db/keyset.ts';
import { appendAudit, changedFields, type FieldChange } from '../audit/service.ts';
import type { Access } from '../users/access.ts';
import { insertRecord } from '../records/service.ts';

/** A change as made by a caller at an instant. */
export type Actor = Access & { now: number };

/**
 * The instant a visit starts: its day and minute in this machine's time zone (the shop's). A
 * minute a daylight-saving jump skips lands where Date puts it (an hour later); the day and minute
 * stay as planned.
 */
export function startsAt(onDay: string, startMinute: number): number {
  const [year, month, day] = onDay.split('-').map(Number) as [number, number, number]; // VisitDay checked the form
  return new Date(year, month - 1, day, Math.floor(startMinute / 60), startMinute % 60).getTime();
}

// ---------------------------------------------------------------------------------------------
// Reading

type Joined = DB & { v: DB['visits']; c: DB['customers']; u: DB['users']; k: DB['contacts'] };

/** Visits joined to their customer (name, code, the caller's scope), staff member and contact. */
function joined(db: Db) {
  return db
    .selectFrom('visits as v')
    .innerJoin('customers as c', 'c.id', 'v.customer_id')
    .innerJoin('users as u', 'u.id', 'v.staff_id')
    .leftJoin('contacts as k', 'k.id', 'v.contact_id');
}

/** Only visits of customers this caller sees (live, in their scope). */
function visible<Q extends SelectQueryBuilder<Joined, 'v' | 'c' | 'u' | 'k', unknown>>(query: Q, access: Access): Q {
  let q = query.where('c.deleted_at', 'is', null);
  if (access.scopeOwnerId !== null) q = q.where('c.owner_id', '=', access.scopeOwnerId);
  return q as Q; // a where keeps the builder's type, which TypeScript cannot see through the generic Q
}

/**
 * Another live, not cancelled visit of the same staff member on the same day whose time intersects
 * this one's (customers in the recycle bin do not count). Whoever the customer: the staff member
 * is busy either way. One seek of visits_agenda_staff per row.
 */
const OVERLAPS = sql<number>`(v.status <> 'cancelled' AND EXISTS (
  SELECT 1 FROM visits AS o INNER JOIN customers AS oc ON oc.id = o.customer_id
  WHERE o.staff_id = v.staff_id AND o.on_day = v.on_day AND o.deleted_at IS NULL AND o.id <> v.id
    AND o.status <> 'cancelled' AND oc.deleted_at IS NULL
    AND o.start_minute < v.start_minute + v.duration_minutes AND v.start_minute < o.start_minute + o.duration_minutes))`;

const ROW_COLUMNS = [
  'v.id',
  'v.customer_id as customerId',
  'c.name as customerName',
  'c.code as customerCode',
  'v.contact_id as contactId',
  'v.contact_name as contactName',
  'k.phone as contactPhoneStored',
  'k.mobile as contactMobileStored',
  'v.staff_id as staffId',
  'u.display_name as staffName',
  'v.on_day as onDay',
  'v.start_minute as startMinute',
  'v.duration_minutes as durationMinutes',
  'v.starts_at as startsAt',
  'v.purpose',
  'v.address',
  'v.status',
  'v.record_id as recordId',
  'v.deleted_at as deletedAt',
  'v.version',
  'v.created_by as createdBy',
] as const;

function listing(db: Db) {
  return joined(db).select(ROW_COLUMNS).select(OVERLAPS.as('overlaps'));
}

type StoredRow = Awaited<ReturnType<ReturnType<typeof listing>['executeTakeFirstOrThrow']>>;

function phoneFor(phone: string | null, access: Access): string {
  if (phone === null) return '';
  return access.mask ? maskPhone(phone) : phone;
}

function rowFor(row: StoredRow, access: Access): VisitRow {
  return {
    id: row.id,
    customerId: row.customerId,
    customerName: row.customerName,
    customerCode: row.customerCode,
    contactId: row.contactId,
    contactName: row.contactName,
    contactPhone: phoneFor(row.contactMobileStored || row.contactPhoneStored, access),
    staffId: row.staffId,
    staffName: row.staffName,
    onDay: row.onDay,
    startMinute: row.startMinute,
    durationMinutes: row.durationMinutes,
    startsAt: row.startsAt,
    purpose: row.purpose,
    address: row.address,
    status: row.status,
    recordId: row.recordId,
    deletedAt: row.deletedAt,
    version: row.version,
    overlaps: row.overlaps === 1,
    actions: visitActions(access, row),
  };
}

function notFound(id: number, operation: string): AppFailure {
  return new AppFailure('NOT_FOUND', `${operation}: visit ${id} does not exist, is in the recycle bin, or is not one you see`);
}

async function readStored(db: Db, id: number) {
  return joined(db)
    .select(ROW_COLUMNS)
    .select(OVERLAPS.as('overlaps'))
    .select(['v.agenda', 'v.outcome', 'v.created_at as createdAt', 'v.updated_at as updatedAt', 'c.owner_id as customerOwnerId', 'c.deleted_at as customerDeletedAt'])
    .where('v.id', '=', id)
    .executeTakeFirst();
}

type Stored = NonNullable<Awaited<ReturnType<typeof readStored>>>;

/**
 * The visit if this caller sees it (its customer live and in their scope); NOT_FOUND otherwise.
 * `deleted`: false, a live visit (what changes need); true, one in the recycle bin; 'any', either.
 */
async function storedFor(db: Db, id: number, access: Access, operation: string, deleted: boolean | 'any' = false): Promise<Stored> {
  const row = await readStored(db, id);
  const seen = row && row.customerDeletedAt === null && (access.scopeOwnerId === null || row.customerOwnerId === access.scopeOwnerId);
  if (!seen || (deleted !== 'any' && (row.deletedAt !== null) !== deleted)) throw notFound(id, operation);
  return row;
}

/**
 * The customer's done visits before this one, newest first (exported for the test of its plan):
 * visits_timeline walked backwards from this visit, so the first done one ends it.
 */
export function lastVisitQuery(db: Db, visit: { customerId: number; startsAt: number; id: number }) {
  return db
    .selectFrom('visits')
    .select(['id', 'on_day', 'outcome'])
    .where('customer_id', '=', visit.customerId)
    // A row value: one range of the index below this visit (an OR would walk the customer's later visits too).
    .where((eb) => eb(eb.refTuple('starts_at', 'id'), '<', eb.tuple(visit.startsAt, visit.id)))
    .where('status', '=', 'done')
    .where('deleted_at', 'is', null)
    .orderBy('starts_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1);
}

/** What came of the customer's latest done visit before this one. */
async function lastVisitNote(db: Db, row: Stored): Promise<Visit['lastVisitNote']> {
  const last = await lastVisitQuery(db, row).executeTakeFirst();
  return last ? { visitId: last.id, onDay: last.on_day, outcome: last.outcome } : null;
}

async function visitFor(db: Db, row: Stored, access: Access): Promise<Visit> {
  const { overlaps: _overlaps, ...base } = rowFor(row, access); // a Visit answers overlaps as rows (VisitChange), not a flag
  return {
    ...base,
    agenda: row.agenda,
    outcome: row.outcome,
    contactPhones: { phone: phoneFor(row.contactPhoneStored, access), mobile: phoneFor(row.contactMobileStored, access) },
    lastVisitNote: await lastVisitNote(db, row),
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function readVisit(db: Db, id: number, access: Access): Promise<Visit> {
  return visitFor(db, await storedFor(db, id, access, 'visits.get', 'any'), access);
}

/** The same staff member's visits that intersect this one in time that day, as this caller sees them. */
async function overlapsOf(db: Db, row: Stored, access: Access): Promise<VisitRow[]> {
  if (row.status === 'cancelled' || row.deletedAt !== null) return [];
  const end = row.startMinute + row.durationMinutes;
  const rows = await visible(listing(db), access)
    .where('v.staff_id', '=', row.staffId)
    .where('v.on_day', '=', row.onDay)
    .where('v.deleted_at', 'is', null)
    .where('v.id', '!=', row.id)
    .where('v.status', '!=', 'cancelled')
    .where('v.start_minute', '<', end)
    .where(sql<SqlBool>`v.start_minute + v.duration_minutes > ${row.startMinute}`)
    .orderBy('v.start_minute')
    .orderBy('v.id')
    .execute();
  return rows.map((r) => rowFor(r, access));
}

async function changeFor(db: Db, id: number, access: Access, operation: string): Promise<VisitChange> {
  const row = await storedFor(db, id, access, operation);
  return { visit: await visitFor(db, row, access), overlaps: await overlapsOf(db, row, access) };
}

type Query = z.output<typeof AgendaQuery>;

/**
 * A day-to-six-weeks agenda, in order of day, minute and id: one staff member's (visits_agenda_staff)
 * or the whole shop's (visits_agenda). With the staff-scope setting on, a scoped role asks only for
 * its own (FORBIDDEN otherwise); the visits listed are still only those of customers it sees.
 */
export async function readAgenda(db: Db, query: Query, access: Access): Promise<Agenda> {
  if (access.scopeOwnerId !== null && query.staffId !== access.userId) {
    throw new AppFailure('FORBIDDEN', 'visits.agenda: with "staff see only their own customers" on, your role sees only its own agenda; ask for your own');
  }
  const rows = await agendaQuery(db, query, access).execute();
  return { visits: rows.map((row) => rowFor(row, access)), staff: await agendaStaff(db, query.staffId, rows) };
}

/** The agenda's query (exported for the test of its plan): a range of visits_agenda or visits_agenda_staff, in index order. */
export function agendaQuery(db: Db, query: Query, access: Access) {
  let q = visible(listing(db), access).where('v.deleted_at', 'is', null).where('v.on_day', '>=', query.from).where('v.on_day', '<=', query.to);
  if (query.staffId !== null) q = q.where('v.staff_id', '=', query.staffId);
  if (!query.includeCancelled) q = q.where('v.status', '!=', 'cancelled');
  return q.orderBy('v.on_day').orderBy('v.start_minute').orderBy('v.id');
}

type Filters = z.output<typeof VisitFilters>;

/** The visits list's rows for the filters: live visits of customers the caller sees (exported for the dashboard's test). */
export function filteredVisits<Q extends SelectQueryBuilder<Joined, 'v' | 'c' | 'u' | 'k', unknown>>(query: Q, filters: Filters, access: Access): Q {
  let q = visible(query, access).where('v.deleted_at', 'is', null);
  if (filters.staffId !== undefined) q = q.where('v.staff_id', '=', filters.staffId);
  if (filters.customerId !== undefined) q = q.where('v.customer_id', '=', filters.customerId);
  if (filters.status !== undefined) q = q.where('v.status', '=', filters.status);
  if (filters.notCancelled) q = q.where('v.status', '!=', 'cancelled');
  if (filters.from !== undefined) q = q.where('v.on_day', '>=', filters.from);
  if (filters.to !== undefined) q = q.where('v.on_day', '<=', filters.to);
  return q as Q; // a where keeps the builder's type, which TypeScript cannot see through the generic Q
}

const NEWEST_VISITS = [
  { column: 'v.on_day', direction: 'desc' },
  { column: 'v.start_minute', direction: 'desc' },
  { column: 'v.id', direction: 'desc' },
] as const satisfies readonly SortColumn<'v.on_day' | 'v.start_minute' | 'v.id'>[];

/** Visits newest first (day, minute, id), keyset paged: through visits_agenda_staff for one staff member, else visits_agenda. */
export async function listVisits(db: Db, query: z.output<typeof VisitQuery>, access: Access): Promise<VisitPage> {
  const page = await keysetPage(filteredVisits(listing(db), query, access), NEWEST_VISITS, query.after, query.limit);
  return { rows: page.rows.map((row) => rowFor(row, access)), next: page.nextCursor };
}

/** How many visits the list holds for these filters. */
export async function countVisits(db: Db, filters: Filters, access: Access): Promise<{ count: number }> {
  const row = await filteredVisits(joined(db), filters, access)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirst();
  return { count: Number(row?.count ?? 0) };
}

/** The list's count for the filters per staff member who went, most first (the dashboard's visits per staff member). */
export async function countVisitsByStaff(db: Db, filters: Filters, access: Access): Promise<{ staffId: number; staffName: string; count: number }[]> {
  const rows = await filteredVisits(joined(db), filters, access)
    .select((eb) => ['v.staff_id as staffId', 'u.display_name as staffName', eb.fn.countAll<number>().as('count')])
    .groupBy('v.staff_id')
    .execute();
  return rows.map((row) => ({ staffId: row.staffId, staffName: row.staffName, count: Number(row.count) })).sort((a, b) => b.count - a.count || a.staffId - b.staffId);
}

/** The agenda's columns: the staff member asked for, or every active one who can own customers and anyone else with a visit in it. */
async function agendaStaff(db: Db, staffId: number | null, rows: readonly StoredRow[]): Promise<Agenda['staff']> {
  let q = db.selectFrom('users').select(['id', 'display_name as name']);
  if (staffId !== null) q = q.where('id', '=', staffId);
  else {
    const withVisits = [...new Set(rows.map((row) => row.staffId))];
    q = q.where((eb) => eb.or([eb.and([eb('active', '=', 1), eb('role', 'in', CUSTOMER_OWNER_ROLES)]), ...(withVisits.length > 0 ? [eb('id', 'in', withVisits)] : [])]));
  }
  const staff = await q.orderBy('display_name').orderBy('id').execute();
  if (staffId !== null && staff.length === 0) throw invalid('visits.agenda', `user ${staffId} does not exist`, ['staffId'], 'staff');
  return staff;
}

// ---------------------------------------------------------------------------------------------
// Checks of create and update

function invalid(operation: string, message: string, path: string[], reason: 'customer' | 'contact' | 'staff'): AppFailure {
  return new AppFailure('VALIDATION', `${operation}: ${message}`, [{ path, message: reason }]);
}

/** The visit's customer must be one the caller sees (live, in their scope). */
async function checkCustomer(db: Db, customerId: number, access: Access, operation: string): Promise<{ name: string; code: string; address: string }> {
  const customer = await db.selectFrom('customers').select(['name', 'code', 'address', 'owner_id', 'deleted_at']).where('id', '=', customerId).executeTakeFirst();
  if (!customer || customer.deleted_at !== null || (access.scopeOwnerId !== null && customer.owner_id !== access.scopeOwnerId)) {
    throw invalid(operation, `customer ${customerId} does not exist, is in the recycle bin, or is not one you see`, ['customerId'], 'customer');
  }
  return customer;
}

/** The contact is one of this customer's; its name is kept as planned. */
async function contactName(db: Db, contactId: number | null, customerId: number, operation: string): Promise<string> {
  if (contactId === null) return '';
  const contact = await db.selectFrom('contacts').select(['name', 'customer_id']).where('id', '=', contactId).executeTakeFirst();
  if (!contact || contact.customer_id !== customerId) throw invalid(operation, `contact ${contactId} is not one of customer ${customerId}'s contacts`, ['contactId'], 'contact');
  return contact.name;
}

/**
 * A newly chosen staff member is an active user who can be responsible for customers; keeping the
 * one a visit already has is always allowed (someone deactivated since still did or missed it).
 */
async function checkStaff(db: Db, staffId: number, current: number | null, operation: string): Promise<void> {
  if (staffId === current) return;
  const user = await db.selectFrom('users').select(['role', 'active']).where('id', '=', staffId).executeTakeFirst();
  if (!user || user.active !== 1 || !canOwnCustomers(user.role)) {
    throw invalid(operation, `user ${staffId} is not an active staff member who can visit customers`, ['staffId'], 'staff');
  }
}

function columns(draft: VisitDraftValue, contact: string, address: string, now: number) {
  return {
    customer_id: draft.customerId,
    contact_id: draft.contactId,
    contact_name: contact,
    staff_id: draft.staffId,
    on_day: draft.onDay,
    start_minute: draft.startMinute,
    duration_minutes: draft.durationMinutes,
    starts_at: startsAt(draft.onDay, draft.startMinute),
    purpose: draft.purpose,
    agenda: draft.agenda,
    address,
    updated_at: now,
  };
}

function draftOf(row: Stored): VisitDraftValue {
  return {
    customerId: row.customerId,
    contactId: row.contactId,
    staffId: row.staffId,
    onDay: row.onDay,
    startMinute: row.startMinute,
    durationMinutes: row.durationMinutes,
    purpose: row.purpose,
    agenda: row.agenda,
    address: row.address,
  };
}

const AUDITED = ['customerId', 'contactId', 'staffId', 'onDay', 'startMinute', 'durationMinutes', 'purpose', 'agenda', 'address'] as const satisfies readonly (keyof VisitDraftValue)[];

type AuditAction = 'visit.create' | 'visit.update' | 'visit.delete' | 'visit.restore' | 'visit.complete' | 'visit.status';

/** The entry's label: whom, when (`远航贸易 2026-12-03 09:30`), readable after the visit is gone. */
function labelOf(customerName: string, onDay: string, startMinute: number): string {
  return `${customerName} ${onDay} ${formatMinute(startMinute)}`;
}

async function audit(tx: Db, actor: Actor, action: AuditAction, id: number, label: string, changes: FieldChange[] = []): Promise<void> {
  await appendAudit(tx, { at: actor.now, userId: actor.userId, username: actor.username, action, entity: 'visit', entityId: id, label, changes });
}

/**
 * Changes in words for the audit log: the customer and the contact by name as they were then,
 * start minutes as times of day.
 */
async function auditedChanges(tx: Db, before: VisitDraftValue & { contactName: string }, after: VisitDraftValue & { contactName: string }): Promise<FieldChange[]> {
  const customerAt = async (id: number) => {
    const row = await tx.selectFrom('customers').select(['name', 'code']).where('id', '=', id).executeTakeFirst();
    return { id, name: row?.name ?? '', code: row?.code ?? '' };
  };
  const out: FieldChange[] = [];
  for (const change of changedFields(before, after, AUDITED)) {
    if (change.field === 'customerId') out.push({ field: 'customerId', before: await customerAt(before.customerId), after: await customerAt(after.customerId) });
    else if (change.field === 'contactId') out.push({ field: 'contact', before: before.contactName, after: after.contactName });
    else if (change.field === 'startMinute') out.push({ field: 'startTime', before: formatMinute(before.startMinute), after: formatMinute(after.startMinute) });
    else out.push(change);
  }
  return out;
}

function conflict(id: number, operation: string): AppFailure {
  return new AppFailure('CONFLICT', `${operation}: visit ${id} was changed by someone else since it was opened; reload it and apply your changes again`);
}

function completed(id: number, operation: string, recordId: number | null): AppFailure {
  return new AppFailure('CONFLICT', `${operation}: visit ${id} was completed already${recordId === null ? '' : ` (record ${recordId})`}`, { reason: 'completed' });
}

/** A change to a visit that is done is refused: it happened, and its record says what came of it. */
function mayChange(row: Stored, actor: Actor, version: number, operation: string): void {
  if (row.status === 'done') throw completed(row.id, operation, row.recordId);
  if (row.version !== version) throw conflict(row.id, operation);
}

// ---------------------------------------------------------------------------------------------
// Changes

export async function createVisit(db: Db, draft: VisitDraftValue, actor: Actor): Promise<VisitChange> {
  const operation = 'visits.create';
  return transaction(db, async (tx) => {
    const customer = await checkCustomer(tx, draft.customerId, actor, operation);
    const contact = await contactName(tx, draft.contactId, draft.customerId, operation);
    await checkStaff(tx, draft.staffId, null, operation);
    const address = draft.address === '' ? customer.address : draft.address;
    const { id } = await tx
      .insertInto('visits')
      .values({ ...columns(draft, contact, address, actor.now), created_by: actor.userId, created_at: actor.now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, actor, 'visit.create', id, labelOf(customer.name, draft.onDay, draft.startMinute), [
      { field: 'customerId', before: null, after: { id: draft.customerId, name: customer.name, code: customer.code } },
      { field: 'onDay', before: null, after: draft.onDay },
      { field: 'startTime', before: null, after: formatMinute(draft.startMinute) },
      { field: 'staffId', before: null, after: draft.staffId },
      ...(contact === '' ? [] : [{ field: 'contact', before: null, after: contact }]),
    ]);
    return changeFor(tx, id, actor, operation);
  });
}

export async function updateVisit(db: Db, id: number, version: number, draft: VisitDraftValue, actor: Actor): Promise<VisitChange> {
  const operation = 'visits.update';
  return transaction(db, async (tx) => {
    const before = await storedFor(tx, id, actor, operation);
    mayChange(before, actor, version, operation);
    const customer = await checkCustomer(tx, draft.customerId, actor, operation);
    const contact =
      draft.contactId === before.contactId && draft.customerId === before.customerId ? before.contactName : await contactName(tx, draft.contactId, draft.customerId, operation);
    await checkStaff(tx, draft.staffId, before.staffId, operation);
    const address = draft.address === '' ? customer.address : draft.address;
    const after = { ...draft, address, contactName: contact };
    await tx
      .updateTable('visits')
      .set({ ...columns(after, contact, address, actor.now), version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .execute();
    await audit(tx, actor, 'visit.update', id, labelOf(customer.name, draft.onDay, draft.startMinute), await auditedChanges(tx, { ...draftOf(before), contactName: before.contactName }, after));
    return changeFor(tx, id, actor, operation);
  });
}

/** Another day and start; what drag and drop in the week view does. */
export async function rescheduleVisit(db: Db, input: { id: number; version: number; onDay: string; startMinute: number }, actor: Actor): Promise<VisitChange> {
  const operation = 'visits.reschedule';
  return transaction(db, async (tx) => {
    const before = await storedFor(tx, input.id, actor, operation);
    mayChange(before, actor, input.version, operation);
    await tx
      .updateTable('visits')
      .set({ on_day: input.onDay, start_minute: input.startMinute, starts_at: startsAt(input.onDay, input.startMinute), updated_at: actor.now, version: input.version + 1 })
      .where('id', '=', input.id)
      .execute();
    const was = { ...draftOf(before), contactName: before.contactName };
    const after = { ...was, onDay: input.onDay, startMinute: input.startMinute };
    await audit(tx, actor, 'visit.update', input.id, labelOf(before.customerName, input.onDay, input.startMinute), await auditedChanges(tx, was, after));
    return changeFor(tx, input.id, actor, operation);
  });
}

/** Planned, postponed or cancelled (done comes only with completeVisit). */
export async function setVisitStatus(db: Db, input: { id: number; version: number; status: Exclude<VisitStatus, 'done'> }, actor: Actor): Promise<Visit> {
  const operation = 'visits.setStatus';
  return transaction(db, async (tx) => {
    const before = await storedFor(tx, input.id, actor, operation);
    mayChange(before, actor, input.version, operation);
    if (before.status !== input.status) {
      await tx.updateTable('visits').set({ status: input.status, updated_at: actor.now, version: input.version + 1 }).where('id', '=', input.id).execute();
      await audit(tx, actor, 'visit.status', input.id, labelOf(before.customerName, before.onDay, before.startMinute), [{ field: 'visitStatus', before: before.status, after: input.status }]);
    }
    return visitFor(tx, await storedFor(tx, input.id, actor, operation), actor);
  });
}

/**
 * Done, with its outcome, and one new record made from the visit (its customer, start and staff
 * member) in the same transaction. Completed already: CONFLICT 'completed', and still one record;
 * two completes at once are kept apart by the write transaction and, last, by records_by_visit.
 */
export async function completeVisit(
  db: Db,
  input: { id: number; version: number; outcome: string; record: VisitRecordValue },
  actor: Actor,
): Promise<{ visit: Visit; recordId: number }> {
  const operation = 'visits.complete';
  try {
    return await transaction(db, async (tx) => {
      const before = await storedFor(tx, input.id, actor, operation);
      if (before.status === 'done' || before.recordId !== null) throw completed(input.id, operation, before.recordId);
      if (before.version !== input.version) throw conflict(input.id, operation);
      if (before.status === 'cancelled') throw new AppFailure('CONFLICT', `${operation}: visit ${input.id} is cancelled; plan it again before completing it`);
      const { content, ...fields } = input.record;
      const recordId = await insertRecord(
        tx,
        { ...fields, content: content ?? input.outcome, customerId: before.customerId, at: before.startsAt, staffId: before.staffId },
        actor,
        { source: 'visit', visitId: input.id },
      );
      await tx
        .updateTable('visits')
        .set({ status: 'done', outcome: input.outcome, record_id: recordId, updated_at: actor.now, version: input.version + 1 })
        .where('id', '=', input.id)
        .execute();
      await audit(tx, actor, 'visit.complete', input.id, labelOf(before.customerName, before.onDay, before.startMinute), [
        { field: 'visitStatus', before: before.status, after: 'done' },
        { field: 'outcome', before: null, after: input.outcome },
      ]);
      return { visit: await visitFor(tx, await storedFor(tx, input.id, actor, operation), actor), recordId };
    });
  } catch (error) {
    // The last line: another process's complete committed between our read and our insert.
    if (error instanceof Error && /UNIQUE constraint failed: records\.visit_id/.test(error.message)) throw completed(input.id, operation, null);
    throw error;
  }
}

/** The customers' row-level rule: staff delete and restore only the visits they created. */
function mayDelete(row: Stored, actor: Actor, operation: string): void {
  const rule = visitActions(actor, { ...row, deletedAt: null });
  if (!rule.delete) throw new AppFailure('FORBIDDEN', `${operation}: your role may delete and restore only the visits you created`);
}

export async function deleteVisit(db: Db, id: number, version: number, actor: Actor): Promise<{ id: number }> {
  const operation = 'visits.delete';
  return transaction(db, async (tx) => {
    const row = await storedFor(tx, id, actor, operation);
    mayDelete(row, actor, operation);
    if (row.version !== version) throw conflict(id, operation);
    await tx.updateTable('visits').set({ deleted_at: actor.now, deleted_by: actor.userId, updated_at: actor.now, version: version + 1 }).where('id', '=', id).execute();
    await audit(tx, actor, 'visit.delete', id, labelOf(row.customerName, row.onDay, row.startMinute));
    return { id };
  });
}

export async function restoreVisit(db: Db, id: number, actor: Actor): Promise<Visit> {
  const operation = 'visits.restore';
  return transaction(db, async (tx) => {
    const row = await storedFor(tx, id, actor, operation, true);
    mayDelete(row, actor, operation);
    await tx.updateTable('visits').set({ deleted_at: null, deleted_by: null, updated_at: actor.now, version: row.version + 1 }).where('id', '=', id).execute();
    await audit(tx, actor, 'visit.restore', id, labelOf(row.customerName, row.onDay, row.startMinute));
    return visitFor(tx, await storedFor(tx, id, actor, operation), actor);
  });
}

/**
 * A customer's visits go when the customer is purged (customers' purge calls this in its
 * transaction, before its records: a visit points at the record it created).
 */
export async function purgeVisitsOf(tx: Db, customerId: number): Promise<number> {
  const result = await tx.deleteFrom('visits').where('customer_id', '=', customerId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
