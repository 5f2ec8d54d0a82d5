// Complaints: the list (open ones first by deadline, then the rest newest first, one keyset cursor
// across both), the nav's counts, a complaint with its history, create (also from a low survey
// score: openComplaint in the survey's transaction), edit, the workflow's steps, and the recycle
// bin. A caller sees the complaints of the customers they may see (the staff-scope setting); a
// customer in the recycle bin hides its complaints, and its purge removes them
// (purgeComplaintsOf). Every change writes its history event and its audit entry in its own
// transaction.
import { sql, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { z } from 'zod';
import {
  COMPLAINT_EXCERPT_CHARS,
  canMove,
  complaintActions,
  type Complaint,
  type ComplaintCounts,
  type ComplaintDraftValue,
  type ComplaintEvent,
  type ComplaintEventKind,
  type ComplaintPage,
  type ComplaintQuery,
  type ComplaintRow,
  type ComplaintStatus,
  type ComplaintStatusChange,
  type ComplaintUpdate,
} from '../../../../shared/api/complaints.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import { canOwnCustomers } from '../../../../shared/roles.ts';
import type { ValidationMessage } from '../../../../shared/validation.ts';
import { transaction, type Db } from '../../db/database.ts';
import { keysetPage, type SortColumn } from '../../db/keyset.ts';
import type { DB } from '../../db/schema.ts';
import { appendAudit, changedFields, type FieldChange } from '../audit/service.ts';
import { dayStart, type Actor } from '../records/service.ts';
import { addDays } from '../../../../shared/contract-status.ts';
import { responseDeadline } from '../standards/deadline.ts';
import type { Access } from '../users/access.ts';

export type { Actor } from '../records/service.ts';

type Query = z.output<typeof ComplaintQuery>;
type Update = Omit<z.output<typeof ComplaintUpdate>, 'id' | 'version'>;
type StatusChange = Omit<z.output<typeof ComplaintStatusChange>, 'id' | 'version'>;

// ---------------------------------------------------------------------------------------------
// Reading

type Joined = DB & { k: DB['complaints']; c: DB['customers']; u: DB['users'] };

/**
 * The customer of a complaint, found by its primary key for each complaint the walk meets: the
 * unary plus keeps SQLite from walking the customers instead and looking up their complaints
 * (then sorting), which it chose before complaints had statistics (measured 24 ms for a first page
 * of 3,000 complaints instead of 0.3).
 */
const CUSTOMER_OF = sql<SqlBool>`c.id = +k.customer_id`;

/** Complaints joined to their customer (name, grade, the caller's scope) and assignee. */
function joined(db: Db) {
  return db
    .selectFrom('complaints as k')
    .innerJoin('customers as c', (join) => join.on(CUSTOMER_OF))
    .leftJoin('users as u', 'u.id', 'k.assignee_id');
}

/**
 * Only complaints of customers this caller sees. Unary plus on the owner: the complaints' own
 * index leads (by deadline, newest first), each complaint's customer checked.
 */
function visible<Q extends SelectQueryBuilder<Joined, 'k' | 'c' | 'u', unknown>>(query: Q, access: Access): Q {
  let q = query.where('c.deleted_at', 'is', null);
  if (access.scopeOwnerId !== null) q = q.where(sql<SqlBool>`+c.owner_id = ${access.scopeOwnerId}`);
  return q as Q; // a where keeps the builder's type, which TypeScript cannot see through the generic Q
}

// The partial indexes' own conditions, written as literals so SQLite can prove the index applies
// (a bound parameter would not match the index's WHERE).
const OPEN = sql<SqlBool>`k.status IN ('new', 'inProgress')`;
const NOT_OPEN = sql<SqlBool>`k.status IN ('resolved', 'closed')`;

const ROW_COLUMNS = [
  'k.id',
  'k.customer_id as customerId',
  'c.name as customerName',
  'c.code as customerCode',
  'c.grade as customerGrade',
  'k.survey_id as surveyId',
  'k.category',
  'k.severity',
  'k.source',
  'k.assignee_id as assigneeId',
  'u.display_name as assigneeName',
  'k.opened_at as openedAt',
  'k.due_at as dueAt',
  'k.status',
  'k.after_score as afterScore',
  'k.deleted_at as deletedAt',
  'k.version',
  'k.created_by as createdBy',
] as const;

function listing(db: Db) {
  return joined(db)
    .select(ROW_COLUMNS)
    .select(sql<string>`substr(k.description, 1, ${COMPLAINT_EXCERPT_CHARS})`.as('excerpt'));
}

type StoredRow = Awaited<ReturnType<ReturnType<typeof listing>['executeTakeFirstOrThrow']>>;

export function isOpen(status: ComplaintStatus): boolean {
  return status === 'new' || status === 'inProgress';
}

function rowFor(row: StoredRow, access: Access, now: number): ComplaintRow {
  const { createdBy, ...rest } = row;
  return {
    ...rest,
    overdue: row.deletedAt === null && isOpen(row.status) && row.dueAt < now,
    actions: complaintActions(access, { createdBy, deletedAt: row.deletedAt, status: row.status }),
  };
}

export type Part = 'open' | 'rest';
type ListSort = readonly SortColumn<'k.due_at' | 'k.opened_at' | 'k.id' | 'k.deleted_at'>[];
const BY_DEADLINE: ListSort = [
  { column: 'k.due_at', direction: 'asc' },
  { column: 'k.id', direction: 'asc' },
];
const NEWEST: ListSort = [
  { column: 'k.opened_at', direction: 'desc' },
  { column: 'k.id', direction: 'desc' },
];

/** The list's cursor: which part it is in, and keyset's own cursor within that part (null: its start). */
function encodeListCursor(part: Part, inner: string | null): string {
  return Buffer.from(JSON.stringify([part, inner]), 'utf8').toString('base64url');
}

function decodeListCursor(cursor: string): { part: Part; inner: string | null } {
  let decoded: unknown = null;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    // refused below
  }
  if (Array.isArray(decoded) && decoded.length === 2 && (decoded[0] === 'open' || decoded[0] === 'rest') && (decoded[1] === null || typeof decoded[1] === 'string')) {
    return { part: decoded[0], inner: decoded[1] };
  }
  throw new AppFailure('VALIDATION', 'complaints.list: the page cursor is malformed; start again from the first page', [{ path: ['after'], message: 'cursor' }]);
}

/** Which parts a status filter reads: the open complaints, the resolved and closed ones, or both. */
function partsOf(status: Query['status']): readonly Part[] {
  if (status === 'all') return ['open', 'rest'];
  if (status === 'open' || status === 'overdue' || status === 'new' || status === 'inProgress') return ['open'];
  return ['rest'];
}

/** One part of the list with the query's filters, before its order and cursor (exported for the plan tests). */
export function partQuery(db: Db, part: Part, query: Query, access: Access, now: number) {
  let q = visible(listing(db), access)
    .where('k.deleted_at', 'is', null)
    .where(part === 'open' ? OPEN : NOT_OPEN);
  if (query.status === 'new' || query.status === 'inProgress' || query.status === 'resolved' || query.status === 'closed') q = q.where('k.status', '=', query.status);
  if (query.status === 'overdue') q = q.where('k.due_at', '<', now);
  if (query.assigneeId === null) q = q.where('k.assignee_id', 'is', null);
  else if (query.assigneeId !== undefined) q = q.where('k.assignee_id', '=', query.assigneeId);
  if (query.customerId !== undefined) q = q.where('k.customer_id', '=', query.customerId);
  if (query.severity) q = q.where('k.severity', '=', query.severity);
  if (query.category) q = q.where('k.category', '=', query.category);
  if (query.ownerId !== undefined) q = q.where('c.owner_id', '=', query.ownerId);
  // Local days as instants: from the first day's midnight to the midnight after the last.
  if (query.closedFrom !== undefined) q = q.where('k.closed_at', '>=', dayStart(query.closedFrom));
  if (query.closedTo !== undefined) q = q.where('k.closed_at', '<', dayStart(addDays(query.closedTo, 1)));
  if (query.onTime) q = q.where('k.closed_at', 'is not', null).where((eb) => eb('k.closed_at', '<=', eb.ref('k.due_at')));
  return q;
}

/**
 * Open complaints first by deadline (the overdue ones lead), then the resolved and closed ones
 * newest first. Each part is a range of its own index (complaints_open*, complaints_list); a page
 * that ends the first part goes on into the second, and the cursor says which part it is in.
 */
export async function listComplaints(db: Db, query: Query, access: Access, now: number): Promise<ComplaintPage> {
  const parts = partsOf(query.status);
  let start = query.after === null ? { part: parts[0]!, inner: null } : decodeListCursor(query.after); // parts is never empty
  if (!parts.includes(start.part)) start = { part: parts[0]!, inner: null }; // a cursor of another filter: from the start
  const rows: ComplaintRow[] = [];
  let next: string | null = null;
  for (const part of parts.slice(parts.indexOf(start.part))) {
    const remaining = query.limit - rows.length;
    const inner = part === start.part ? start.inner : null;
    if (remaining === 0) {
      // The page is full at the end of a part: point at the next part only if it has a row.
      const more = await partQuery(db, part, query, access, now).select('k.id as probe').limit(1).executeTakeFirst();
      if (more) next = encodeListCursor(part, null);
      break;
    }
    const page = await keysetPage(partQuery(db, part, query, access, now), part === 'open' ? BY_DEADLINE : NEWEST, inner, remaining);
    rows.push(...page.rows.map((row) => rowFor(row, access, now)));
    if (page.nextCursor !== null) {
      next = encodeListCursor(part, page.nextCursor);
      break;
    }
  }
  return { rows, next };
}

/** Open and overdue complaints in the caller's scope: one walk of complaints_open. */
export async function countComplaints(db: Db, access: Access, now: number): Promise<ComplaintCounts> {
  type Counts = { open: number; overdue: number };
  if (access.scopeOwnerId === null) {
    // The whole shop: every open complaint from complaints_open alone, less those of customers in the
    // recycle bin (few, through customers_in_bin), instead of each complaint's customer looked up
    // (29 -> 0.7 ms over 4,114 open complaints at 100,000 customers).
    const all = await sql<Counts>`SELECT count(*) AS open, coalesce(sum(k.due_at < ${now}), 0) AS overdue
      FROM complaints AS k INDEXED BY complaints_open WHERE k.deleted_at IS NULL AND ${OPEN}`.execute(db);
    const binned = await sql<Counts>`SELECT count(*) AS open, coalesce(sum(k.due_at < ${now}), 0) AS overdue
      FROM customers AS c INDEXED BY customers_in_bin JOIN complaints AS k ON k.customer_id = c.id
      WHERE c.deleted_at IS NOT NULL AND k.deleted_at IS NULL AND ${OPEN}`.execute(db);
    const [a, b] = [all.rows[0]!, binned.rows[0]!]; // an aggregate answers one row
    return { open: a.open - b.open, overdue: a.overdue - b.overdue };
  }
  const { rows } = await countsQuery(access, now).execute(db);
  const row = rows[0]!; // an aggregate answers one row
  return { open: row.open, overdue: row.overdue };
}

/**
 * The counts' statement for a scoped caller (each complaint's customer checked). INDEXED BY: both partial indexes hold every open complaint, and without
 * statistics SQLite took complaints_list (every live complaint, 12 ms at 3,000) over
 * complaints_open (the open ones only).
 */
export function countsQuery(access: Access, now: number) {
  const scope = access.scopeOwnerId === null ? sql`` : sql` AND +c.owner_id = ${access.scopeOwnerId}`;
  return sql<{ open: number; overdue: number }>`SELECT count(*) AS open, coalesce(sum(k.due_at < ${now}), 0) AS overdue
    FROM complaints AS k INDEXED BY complaints_open JOIN customers AS c ON ${CUSTOMER_OF}
    WHERE k.deleted_at IS NULL AND ${OPEN} AND c.deleted_at IS NULL${scope}`;
}

/** The recycle bin: complaints deleted on their own, most recent first. */
export async function listDeletedComplaints(db: Db, after: string | null, limit: number, access: Access, now: number): Promise<ComplaintPage> {
  const q = visible(listing(db), access).where('k.deleted_at', 'is not', null);
  const sort: ListSort = [
    { column: 'k.deleted_at', direction: 'desc' },
    { column: 'k.id', direction: 'desc' },
  ];
  const page = await keysetPage(q, sort, after, limit);
  return { rows: page.rows.map((row) => rowFor(row, access, now)), next: page.nextCursor };
}

async function readStored(db: Db, id: number) {
  return joined(db)
    .leftJoin('users as cu', 'cu.id', 'k.created_by')
    .selectAll('k')
    .select([
      'c.name as customer_name',
      'c.code as customer_code',
      'c.grade as customer_grade',
      'c.owner_id as customer_owner_id',
      'c.deleted_at as customer_deleted_at',
      'u.display_name as assignee_name',
      'cu.display_name as created_by_name',
    ])
    .where('k.id', '=', id)
    .executeTakeFirst();
}

type Stored = NonNullable<Awaited<ReturnType<typeof readStored>>>;

function notFound(id: number): AppFailure {
  return new AppFailure('NOT_FOUND', `complaint ${id} does not exist, or its customer is in the recycle bin or not one you see`);
}

/**
 * The complaint if this caller sees it (its customer live and in their scope); NOT_FOUND otherwise.
 * `deleted`: true only one in the recycle bin, false only a live one, 'any' either.
 */
async function storedFor(db: Db, id: number, access: Access, deleted: boolean | 'any', operation: string): Promise<Stored> {
  const row = await readStored(db, id);
  const seen = row && row.customer_deleted_at === null && (access.scopeOwnerId === null || row.customer_owner_id === access.scopeOwnerId);
  if (!seen) throw notFound(id);
  if (deleted !== 'any' && (row.deleted_at !== null) !== deleted) {
    throw new AppFailure('NOT_FOUND', `${operation}: ${deleted ? `complaint ${id} is not in the recycle bin` : `complaint ${id} is in the recycle bin; restore it first`}`);
  }
  return row;
}

async function eventsOf(db: Db, id: number): Promise<ComplaintEvent[]> {
  const rows = await db
    .selectFrom('complaint_events as e')
    .leftJoin('users as u', 'u.id', 'e.user_id')
    .select(['e.id', 'e.at', 'e.user_id', 'u.display_name', 'e.kind', 'e.from_status', 'e.to_status', 'e.note'])
    .where('e.complaint_id', '=', id)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
  return rows.map((e) => ({ id: e.id, at: e.at, userId: e.user_id, userName: e.display_name, kind: e.kind, from: e.from_status, to: e.to_status, note: e.note }));
}

async function complaintFor(db: Db, row: Stored, access: Access, now: number): Promise<Complaint> {
  return {
    id: row.id,
    customerId: row.customer_id,
    customerName: row.customer_name,
    customerCode: row.customer_code,
    customerGrade: row.customer_grade,
    surveyId: row.survey_id,
    category: row.category,
    severity: row.severity,
    description: row.description,
    source: row.source,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
    openedAt: row.opened_at,
    dueAt: row.due_at,
    status: row.status,
    overdue: row.deleted_at === null && isOpen(row.status) && row.due_at < now,
    resolution: row.resolution,
    afterScore: row.after_score,
    resolvedAt: row.resolved_at,
    closedAt: row.closed_at,
    createdBy: row.created_by,
    createdByName: row.created_by_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    version: row.version,
    events: await eventsOf(db, row.id),
    actions: complaintActions(access, { createdBy: row.created_by, deletedAt: row.deleted_at, status: row.status }),
  };
}

/** One complaint with its history, also one in the recycle bin. */
export async function readComplaint(db: Db, id: number, access: Access, now: number): Promise<Complaint> {
  return complaintFor(db, await storedFor(db, id, access, 'any', 'complaints.get'), access, now);
}

// ---------------------------------------------------------------------------------------------
// Checks

function invalid(operation: string, message: string, path: (string | number)[], reason: ValidationMessage): AppFailure {
  return new AppFailure('VALIDATION', `${operation}: ${message}`, [{ path: path.map(String), message: reason }]);
}

/** The complaint's customer must be one the caller sees (live, in their scope). */
async function checkCustomer(db: Db, customerId: number, access: Access, operation: string) {
  const customer = await db.selectFrom('customers').select(['name', 'code', 'grade', 'owner_id', 'deleted_at']).where('id', '=', customerId).executeTakeFirst();
  if (!customer || customer.deleted_at !== null || (access.scopeOwnerId !== null && customer.owner_id !== access.scopeOwnerId)) {
    throw invalid(operation, `customer ${customerId} does not exist, is in the recycle bin, or is not one you see`, ['customerId'], 'customer');
  }
  return customer;
}

/**
 * A newly chosen assignee is an active user who can be responsible for customers (not a viewer);
 * keeping the one a complaint already has is always allowed. Answers their name (null: nobody).
 */
async function checkAssignee(db: Db, assigneeId: number | null, current: number | null, operation: string): Promise<string | null> {
  if (assigneeId === null) return null;
  const user = await db.selectFrom('users').select(['active', 'role', 'display_name']).where('id', '=', assigneeId).executeTakeFirst();
  if (assigneeId !== current && (!user || user.active !== 1 || !canOwnCustomers(user.role))) {
    throw invalid(operation, `user ${assigneeId} is not an active staff member who can handle complaints`, ['assigneeId'], 'staff');
  }
  return user?.display_name ?? null;
}

function deadlineBeforeOpening(operation: string, dueAt: number, openedAt: number): AppFailure {
  return invalid(operation, `the deadline ${new Date(dueAt).toISOString()} is before the complaint was opened (${new Date(openedAt).toISOString()})`, ['dueAt'], 'deadline');
}

function conflict(id: number, operation: string): AppFailure {
  return new AppFailure('CONFLICT', `${operation}: complaint ${id} was changed by someone else since it was opened; reload it and apply your changes again`);
}

// ---------------------------------------------------------------------------------------------
// History and audit

async function addEvent(
  tx: Db,
  complaintId: number,
  actor: Actor,
  kind: ComplaintEventKind,
  from: string | null = null,
  to: string | null = null,
  note = '',
): Promise<void> {
  await tx.insertInto('complaint_events').values({ complaint_id: complaintId, at: actor.now, user_id: actor.userId, kind, from_status: from, to_status: to, note }).execute();
}

type AuditAction = 'complaint.create' | 'complaint.update' | 'complaint.status' | 'complaint.delete' | 'complaint.restore' | 'complaint.purge';
type Audited = { id: number; customer: { name: string; code: string } };

/** The label names the complaint and its customer (the log stays readable after a purge). */
async function audit(tx: Db, actor: Actor, action: AuditAction, complaint: Audited, changes: FieldChange[] = []): Promise<void> {
  await appendAudit(tx, {
    at: actor.now,
    userId: actor.userId,
    username: actor.username,
    action,
    entity: 'complaint',
    entityId: complaint.id,
    label: `#${complaint.id} ${complaint.customer.name} (${complaint.customer.code})`,
    changes,
  });
}

function audited(row: Stored): Audited {
  return { id: row.id, customer: { name: row.customer_name, code: row.customer_code } };
}

const iso = (ms: number) => new Date(ms).toISOString();

// ---------------------------------------------------------------------------------------------
// Changes

/**
 * A new complaint inside the caller's transaction (complaints.create, and surveys.create when a
 * score is low): checks its customer (seen by the actor) and assignee, takes the deadline from the
 * customer's grade's response standard unless one is given (refused when before the opening),
 * inserts it with its 'opened' event and appends complaint.create. Answers its id and deadline.
 */
export async function openComplaint(tx: Db, draft: ComplaintDraftValue & { surveyId?: number | null }, actor: Actor): Promise<{ id: number; dueAt: number }> {
  const operation = draft.source === 'survey' && draft.surveyId != null ? 'surveys.create' : 'complaints.create';
  return transaction(tx, async (tx) => {
    const customer = await checkCustomer(tx, draft.customerId, actor, operation);
    const assigneeName = await checkAssignee(tx, draft.assigneeId, null, operation);
    const openedAt = draft.openedAt ?? actor.now;
    const dueAt = draft.dueAt ?? (await responseDeadline(tx, customer.grade, openedAt));
    if (dueAt < openedAt) throw deadlineBeforeOpening(operation, dueAt, openedAt);
    const { id } = await tx
      .insertInto('complaints')
      .values({
        customer_id: draft.customerId,
        survey_id: draft.surveyId ?? null,
        category: draft.category,
        severity: draft.severity,
        description: draft.description,
        source: draft.source,
        assignee_id: draft.assigneeId,
        opened_at: openedAt,
        due_at: dueAt,
        created_by: actor.userId,
        created_at: actor.now,
        updated_at: actor.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await addEvent(tx, id, actor, 'opened', null, 'new');
    await audit(tx, actor, 'complaint.create', { id, customer }, [
      { field: 'customerId', before: null, after: { id: draft.customerId, name: customer.name, code: customer.code } },
      { field: 'category', before: null, after: draft.category },
      { field: 'severity', before: null, after: draft.severity },
      { field: 'complaintSource', before: null, after: draft.source },
      { field: 'assignee', before: null, after: assigneeName },
      { field: 'dueAt', before: null, after: iso(dueAt) },
      ...(draft.surveyId == null ? [] : [{ field: 'surveyId', before: null, after: draft.surveyId }]),
    ]);
    return { id, dueAt };
  });
}

export async function createComplaint(db: Db, draft: ComplaintDraftValue, actor: Actor): Promise<Complaint> {
  return transaction(db, async (tx) => {
    const { id } = await openComplaint(tx, { ...draft, surveyId: null }, actor);
    return complaintFor(tx, await storedFor(tx, id, actor, false, 'complaints.create'), actor, actor.now);
  });
}

const EDITED = ['category', 'severity', 'description', 'source'] as const;
const AUDIT_NAMES: Partial<Record<string, string>> = { source: 'complaintSource', description: 'complaintDescription' };

/**
 * An edit of the fields given. A new assignee is an 'assigned' event (names from → to), a new
 * deadline a 'deadline' event (instants as ms), the other fields one 'edited' event (their names in `to`).
 */
export async function updateComplaint(db: Db, id: number, version: number, patch: Update, actor: Actor): Promise<Complaint> {
  const operation = 'complaints.update';
  return transaction(db, async (tx) => {
    const before = await storedFor(tx, id, actor, false, operation);
    if (before.version !== version) throw conflict(id, operation);
    const assigneeId = patch.assigneeId === undefined ? before.assignee_id : patch.assigneeId;
    const assigneeName = await checkAssignee(tx, assigneeId, before.assignee_id, operation);
    const dueAt = patch.dueAt ?? before.due_at;
    if (dueAt < before.opened_at) throw deadlineBeforeOpening(operation, dueAt, before.opened_at);
    const old = { category: before.category, severity: before.severity, description: before.description, source: before.source };
    const next = { category: patch.category ?? old.category, severity: patch.severity ?? old.severity, description: patch.description ?? old.description, source: patch.source ?? old.source };
    const edits = changedFields(old, next, EDITED);
    const note = patch.note ?? '';
    // In the audit log a complaint's source and description are named apart from other areas' (a customer's source, a file's description).
    const changes: FieldChange[] = edits.map((c) => ({ ...c, field: AUDIT_NAMES[c.field] ?? c.field }));
    if (assigneeId !== before.assignee_id) {
      await addEvent(tx, id, actor, 'assigned', before.assignee_name, assigneeName, note);
      changes.push({ field: 'assignee', before: before.assignee_name, after: assigneeName });
    }
    if (dueAt !== before.due_at) {
      await addEvent(tx, id, actor, 'deadline', String(before.due_at), String(dueAt), note);
      changes.push({ field: 'dueAt', before: iso(before.due_at), after: iso(dueAt) });
    }
    if (edits.length > 0) await addEvent(tx, id, actor, 'edited', null, edits.map((c) => c.field).join(','), note);
    if (changes.length > 0) {
      await tx
        .updateTable('complaints')
        .set({ ...next, assignee_id: assigneeId, due_at: dueAt, updated_at: actor.now, version: version + 1 })
        .where('id', '=', id)
        .where('version', '=', version)
        .execute();
      await audit(tx, actor, 'complaint.update', audited(before), changes);
    }
    return complaintFor(tx, await storedFor(tx, id, actor, false, operation), actor, actor.now);
  });
}

/**
 * One step of the workflow: new → inProgress → resolved → closed, new → resolved, and
 * resolved/closed → inProgress (reopen). Anything else is a CONFLICT with reason 'status'.
 * Resolving records the resolution; resolve and close may record the customer's satisfaction after.
 */
export async function setComplaintStatus(db: Db, id: number, version: number, change: StatusChange, actor: Actor): Promise<Complaint> {
  const operation = 'complaints.setStatus';
  return transaction(db, async (tx) => {
    const row = await storedFor(tx, id, actor, false, operation);
    if (row.version !== version) throw conflict(id, operation);
    if (!canMove(row.status, change.status)) {
      throw new AppFailure('CONFLICT', `${operation}: complaint ${id} cannot go from ${row.status} to ${change.status}`, { reason: 'status' });
    }
    const to = change.status;
    const set = {
      status: to,
      resolution: to === 'resolved' ? (change.resolution ?? row.resolution) : row.resolution,
      after_score: change.afterScore ?? row.after_score,
      // Reopening starts the answer again: the earlier resolve and close stay in the history.
      resolved_at: to === 'resolved' ? actor.now : to === 'inProgress' ? null : row.resolved_at,
      closed_at: to === 'closed' ? actor.now : to === 'inProgress' ? null : row.closed_at,
      updated_at: actor.now,
      version: version + 1,
    };
    await tx.updateTable('complaints').set(set).where('id', '=', id).execute();
    await addEvent(tx, id, actor, 'status', row.status, to, change.note);
    await audit(tx, actor, 'complaint.status', audited(row), [
      { field: 'complaintStatus', before: row.status, after: to },
      ...changedFields({ resolution: row.resolution, afterScore: row.after_score }, { resolution: set.resolution, afterScore: set.after_score }, ['resolution', 'afterScore']),
    ]);
    return complaintFor(tx, await storedFor(tx, id, actor, false, operation), actor, actor.now);
  });
}

/** The customers' row-level rule: staff delete and restore only the complaints they created; purging is the owner's. */
function mayChange(row: Stored, actor: Actor, action: 'delete' | 'restore' | 'purge'): void {
  const actions = complaintActions(actor, { createdBy: row.created_by, deletedAt: row.deleted_at, status: row.status });
  if (!actions[action]) {
    throw new AppFailure('FORBIDDEN', `complaints.${action}: your role may ${action === 'purge' ? 'not purge this complaint' : 'delete and restore only the complaints you created'}`);
  }
}

export async function deleteComplaint(db: Db, id: number, version: number, actor: Actor): Promise<{ id: number }> {
  return transaction(db, async (tx) => {
    const row = await storedFor(tx, id, actor, false, 'complaints.delete');
    mayChange(row, actor, 'delete');
    if (row.version !== version) throw conflict(id, 'complaints.delete');
    await tx
      .updateTable('complaints')
      .set({ deleted_at: actor.now, deleted_by: actor.userId, updated_at: actor.now, version: version + 1 })
      .where('id', '=', id)
      .execute();
    await addEvent(tx, id, actor, 'deleted');
    await audit(tx, actor, 'complaint.delete', audited(row));
    return { id };
  });
}

export async function restoreComplaint(db: Db, id: number, actor: Actor): Promise<Complaint> {
  return transaction(db, async (tx) => {
    const row = await storedFor(tx, id, actor, true, 'complaints.restore');
    mayChange(row, actor, 'restore');
    await tx
      .updateTable('complaints')
      .set({ deleted_at: null, deleted_by: null, updated_at: actor.now, version: row.version + 1 })
      .where('id', '=', id)
      .execute();
    await addEvent(tx, id, actor, 'restored');
    await audit(tx, actor, 'complaint.restore', audited(row));
    return complaintFor(tx, await storedFor(tx, id, actor, false, 'complaints.restore'), actor, actor.now);
  });
}

/** Only a complaint in the recycle bin; its history goes with it. */
export async function purgeComplaint(db: Db, id: number, actor: Actor): Promise<{ id: number }> {
  return transaction(db, async (tx) => {
    const row = await storedFor(tx, id, actor, true, 'complaints.purge');
    mayChange(row, actor, 'purge');
    await tx.deleteFrom('complaint_events').where('complaint_id', '=', id).execute();
    await tx.deleteFrom('complaints').where('id', '=', id).execute();
    await audit(tx, actor, 'complaint.purge', audited(row));
    return { id };
  });
}

/**
 * A customer's complaints go when the customer is purged (customers' purge calls this in its
 * transaction, before the customer's surveys, which complaints refer to), their history with them.
 * Answers how many.
 */
export async function purgeComplaintsOf(tx: Db, customerId: number): Promise<number> {
  await tx
    .deleteFrom('complaint_events')
    .where('complaint_id', 'in', (eb) => eb.selectFrom('complaints').select('id').where('customer_id', '=', customerId))
    .execute();
  const gone = await tx.deleteFrom('complaints').where('customer_id', '=', customerId).executeTakeFirst();
  return Number(gone.numDeletedRows);
}
