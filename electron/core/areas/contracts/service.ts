// The contract register: list (keyset pages), totals, a contract with its history, create and
// update (optimistic concurrency, numbers unique whatever their case or width), terminate, and the
// recycle bin. A caller sees the contracts of the customers they may see (the staff-scope setting);
// a customer in the recycle bin hides its contracts, and restoring it brings them back (its purge
// removes them: purgeContractsOf). Status is derived, never stored (status-sql.ts, renew.ts).
import { expressionBuilder, sql, type Expression, type SelectQueryBuilder, type SqlBool } from 'kysely';
import {
  contractActions,
  contractNumberKey,
  type Contract,
  type ContractDraftValue,
  type ContractEvent,
  type ContractFilters,
  type ContractPage,
  type ContractQuery,
  type ContractRow,
  type ContractSummary,
} from '../../../../shared/api/contracts.ts';
import { contractStatus, localDay, noticeOn, type ContractStatus } from '../../../../shared/contract-status.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import { canOwnCustomers } from '../../../../shared/roles.ts';
import type { z } from 'zod';
import { transaction, type Db } from '../../db/database.ts';
import { keysetPage, type SortColumn } from '../../db/keyset.ts';
import type { DB } from '../../db/schema.ts';
import { appendAudit, changedFields } from '../audit/service.ts';
import type { Access } from '../users/access.ts';
import { renewDue } from './renew.ts';
import { contractChanges } from './audit-changes.ts';
import { contractSearchFilter, indexContract } from '../search/contracts.ts';
import { endsWithin, statusCase, statusIs, type EndForm } from './status-sql.ts';

type Query = z.output<typeof ContractQuery>;
type Filters = z.output<typeof ContractFilters>;

/** A change as made by a caller at an instant. */
export type Actor = Access & { now: number };

// ---------------------------------------------------------------------------------------------
// Reading

type Joined = DB & { k: DB['contracts']; c: DB['customers']; u: DB['users'] };

/** Contracts joined to their customer (for its name and the caller's scope) and responsible staff member. */
function joined(db: Db) {
  return db.selectFrom('contracts as k').innerJoin('customers as c', 'c.id', 'k.customer_id').leftJoin('users as u', 'u.id', 'k.owner_id');
}

/** Only contracts of customers this caller sees, live ones. */
function visible<Q extends SelectQueryBuilder<Joined, 'k' | 'c' | 'u', unknown>>(query: Q, access: Access): Q {
  let q = query.where('c.deleted_at', 'is', null);
  if (access.scopeOwnerId !== null) q = q.where('c.owner_id', '=', access.scopeOwnerId);
  return q as Q;
}

const ROW_COLUMNS = [
  'k.id',
  'k.number',
  'k.title',
  'k.customer_id as customerId',
  'c.name as customerName',
  'k.type',
  'k.amount',
  'k.currency',
  'k.signed_on as signedOn',
  'k.start_on as startOn',
  'k.end_on as endOn',
  'k.notice_days as noticeDays',
  'k.terminated_on as terminatedOn',
  'k.renewals',
  'u.display_name as ownerName',
  'k.deleted_at as deletedAt',
  'k.created_by as createdBy',
] as const;

function listing(db: Db) {
  return joined(db).select(ROW_COLUMNS);
}

type StoredRow = Awaited<ReturnType<ReturnType<typeof listing>['executeTakeFirstOrThrow']>>;

function rowFor(row: StoredRow, access: Access, today: string): ContractRow {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    customerId: row.customerId,
    customerName: row.customerName,
    type: row.type,
    amount: row.amount,
    currency: row.currency,
    signedOn: row.signedOn,
    startOn: row.startOn,
    endOn: row.endOn,
    status: contractStatus(row, today),
    ownerName: row.ownerName,
    deletedAt: row.deletedAt,
    actions: contractActions(access, row),
  };
}

/** The contracts table alone (counts and totals read no other table when they can help it). */
type Counted = DB & { k: DB['contracts'] };
const kb = expressionBuilder<Counted, 'k'>();

/** The filters as conditions on the contract's own columns, with the end date read in `form` (status-sql.ts). */
function filterConditions(filters: Filters, today: string, form: EndForm): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = [kb('k.deleted_at', 'is', null)];
  if (filters.status) conditions.push(statusIs(filters.status, today, form));
  if (filters.type) conditions.push(kb('k.type', '=', filters.type));
  if (filters.customerId) conditions.push(kb('k.customer_id', '=', filters.customerId));
  if (filters.ownerId) conditions.push(kb('k.owner_id', '=', filters.ownerId));
  if (filters.currency) conditions.push(kb('k.currency', '=', filters.currency));
  if (filters.expiringWithinDays !== undefined) conditions.push(endsWithin(filters.expiringWithinDays, today, form));
  // On the sort keys, so the signed-date and amount indexes serve the ranges: signed_key is
  // 9999-12-31 for unsigned contracts and amount_key -1 for none, both outside any range asked for.
  if (filters.signedFrom) conditions.push(kb('k.signed_key', '>=', filters.signedFrom));
  if (filters.signedFrom || filters.signedTo) conditions.push(kb('k.signed_on', 'is not', null));
  if (filters.signedTo) conditions.push(kb('k.signed_key', '<=', filters.signedTo));
  if (filters.amountMin !== undefined || filters.amountMax !== undefined) conditions.push(kb('k.amount_key', '>=', filters.amountMin ?? 0));
  if (filters.amountMax !== undefined) conditions.push(kb('k.amount_key', '<=', filters.amountMax));
  // The contracts the search box finds for the text (its "see all" leads here): number and title, pinyin too.
  if (filters.q) conditions.push(contractSearchFilter(filters.q.normalize('NFKC'), 'k.id'));
  return conditions;
}

function applyFilters<Q extends SelectQueryBuilder<Joined, 'k' | 'c' | 'u', unknown>>(query: Q, filters: Filters, access: Access, today: string): Q {
  // A where keeps the builder's type, which TypeScript cannot see through the generic Q.
  return filterConditions(filters, today, 'key').reduce<Q>((q, condition) => q.where(condition) as Q, visible(query, access));
}

/**
 * The contracts this caller sees, filtered, for counts and totals: the same contracts as
 * applyFilters, from the contracts table alone. Without a scope only the (few) customers in the
 * recycle bin are looked up, once (none when the bin is empty); with one, each contract's customer is checked in the customers'
 * scope index (migration 0008), never its row. With the filters on stored columns the indexes of
 * migration 0008 hold every column read, so the nav badge and the totals read no table row.
 */
function counted(db: Db, filters: Filters, access: Access, today: string) {
  let q = db.selectFrom('contracts as k');
  const scope = access.scopeOwnerId;
  if (scope === null) {
    // An empty recycle bin (the usual case) is seen once, before any contract, and then no
    // contract's customer is checked at all: the NOT IN is not evaluated past a true NOT EXISTS.
    q = q.where(
      sql<SqlBool>`(NOT EXISTS (SELECT 1 FROM customers WHERE deleted_at IS NOT NULL) OR ${sql.ref('k.customer_id')} NOT IN (SELECT id FROM customers WHERE deleted_at IS NOT NULL))`,
    );
  } else {
    // INDEXED BY: without planner statistics (a shop that grew by hand has none) SQLite would
    // look each customer up by its rowid, reading the customer's whole row.
    q = q.where(sql<SqlBool>`EXISTS (SELECT 1 FROM customers AS c INDEXED BY customers_scope WHERE c.id = ${sql.ref('k.customer_id')} AND c.deleted_at IS NULL AND c.owner_id = ${scope})`);
  }
  for (const condition of filterConditions(filters, today, 'columns')) q = q.where(condition);
  return q;
}

type Sort = readonly SortColumn<'k.end_key' | 'k.signed_key' | 'k.amount_key' | 'k.number' | 'k.deleted_at' | 'k.id'>[];
const by = (direction: 'asc' | 'desc', ...columns: Sort[number]['column'][]): Sort => columns.map((column) => ({ column, direction }));

/** Each sort's key (never NULL, see migration 0008) and the id that makes it unique; each has its index. */
const SORTS: Record<Query['sort'], (direction: 'asc' | 'desc') => Sort> = {
  end: (d) => by(d, 'k.end_key', 'k.id'),
  signed: (d) => by(d, 'k.signed_key', 'k.id'),
  amount: (d) => by(d, 'k.amount_key', 'k.id'),
  // The number column's own collation (NOCASE) orders it and compares the cursor alike.
  number: (d) => by(d, 'k.number', 'k.id'),
};

export async function listContracts(db: Db, query: Query, access: Access, now: number): Promise<z.infer<typeof ContractPage>> {
  const today = localDay(now);
  const page = await keysetPage(applyFilters(listing(db), query, access, today), SORTS[query.sort](query.direction), query.cursor, query.limit);
  return { rows: page.rows.map((row) => rowFor(row, access, today)), nextCursor: page.nextCursor };
}

export async function summarizeContracts(db: Db, filters: Filters, access: Access, now: number): Promise<ContractSummary> {
  const today = localDay(now);
  const status = statusCase(today, 'columns');
  const groups = await counted(db, filters, access, today)
    .select((eb) => [status.as('status'), 'k.currency', eb.fn.countAll<number>().as('count'), eb.fn.sum<number | null>('k.amount').as('amount')])
    // By position: the CASE written out again would be a second expression (its own bound
    // parameters) that SQLite computes again per row and sorts by a second time.
    .groupBy([sql`1`, sql`2`])
    .orderBy(sql`1`)
    .orderBy(sql`2`)
    .execute();
  const totals = groups.map((g) => ({ status: g.status, currency: g.currency, count: Number(g.count), amount: Number(g.amount ?? 0) }));
  return { count: totals.reduce((sum, g) => sum + g.count, 0), totals };
}

/** Contracts in their notice period that this caller sees: the nav's badge. */
export async function countExpiring(db: Db, access: Access, now: number): Promise<number> {
  const row = await counted(db, { status: 'expiring' }, access, localDay(now))
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** The recycle bin: contracts deleted on their own (a customer's bin entry carries the rest), most recent first. */
export async function listDeletedContracts(db: Db, cursor: string | null, limit: number, access: Access, now: number): Promise<z.infer<typeof ContractPage>> {
  const today = localDay(now);
  const q = visible(listing(db), access).where('k.deleted_at', 'is not', null);
  const page = await keysetPage(q, by('desc', 'k.deleted_at', 'k.id'), cursor, limit);
  return { rows: page.rows.map((row) => rowFor(row, access, today)), nextCursor: page.nextCursor };
}

type Stored = Awaited<ReturnType<typeof readStored>>;

async function readStored(db: Db, id: number) {
  return joined(db)
    .selectAll('k')
    .select(['c.name as customer_name', 'c.code as customer_code', 'c.owner_id as customer_owner_id', 'c.deleted_at as customer_deleted_at', 'u.display_name as owner_name'])
    .where('k.id', '=', id)
    .executeTakeFirst();
}

function notFound(id: number): AppFailure {
  return new AppFailure('NOT_FOUND', `contract ${id} does not exist or is in the recycle bin`);
}

/** The contract if this caller sees it (its customer live and in their scope); NOT_FOUND otherwise. */
async function storedFor(db: Db, id: number, access: Access, options: { deleted?: boolean } = {}): Promise<NonNullable<Stored>> {
  const row = await readStored(db, id);
  const seen = row && row.customer_deleted_at === null && (access.scopeOwnerId === null || row.customer_owner_id === access.scopeOwnerId);
  if (!seen || (row.deleted_at !== null) !== (options.deleted ?? false)) throw notFound(id);
  return row;
}

async function eventsOf(db: Db, id: number): Promise<ContractEvent[]> {
  const rows = await db
    .selectFrom('contract_events as e')
    .leftJoin('users as u', 'u.id', 'e.by_user')
    .select(['e.kind', 'e.at', 'e.on_day', 'e.from_end', 'e.to_end', 'e.note', 'u.display_name'])
    .where('e.contract_id', '=', id)
    .orderBy('e.id')
    .execute();
  return rows.map((e) => ({ kind: e.kind, at: e.at, onDay: e.on_day, fromEnd: e.from_end, toEnd: e.to_end, note: e.note, byName: e.display_name }));
}

async function contractFor(db: Db, row: NonNullable<Stored>, access: Access, now: number): Promise<Contract> {
  const fields = draftOf(row);
  const dates = { signedOn: row.signed_on, endOn: row.end_on, noticeDays: row.notice_days, terminatedOn: row.terminated_on, renewals: row.renewals };
  return {
    id: row.id,
    ...fields,
    customerName: row.customer_name,
    customerCode: row.customer_code,
    ownerName: row.owner_name,
    status: contractStatus(dates, localDay(now)),
    noticeOn: row.notice_on,
    renewals: row.renewals,
    terminatedOn: row.terminated_on,
    terminationReason: row.termination_reason,
    events: await eventsOf(db, row.id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    version: row.version,
    actions: contractActions(access, { createdBy: row.created_by, deletedAt: row.deleted_at, terminatedOn: row.terminated_on }),
  };
}

export async function readContract(db: Db, id: number, access: Access, now: number): Promise<Contract> {
  return contractFor(db, await storedFor(db, id, access), access, now);
}

/** Rolls forward what auto-renew has due today: before every read of contracts (renew.ts). */
export function renewBeforeReading(db: Db, now: number): Promise<number> {
  return renewDue(db, now);
}

// ---------------------------------------------------------------------------------------------
// Checks shared by create and update

/** The contract's customer must be one the caller sees (live, in their scope). */
async function checkCustomer(db: Db, customerId: number, access: Access): Promise<void> {
  const customer = await db.selectFrom('customers').select(['owner_id', 'deleted_at']).where('id', '=', customerId).executeTakeFirst();
  if (!customer || customer.deleted_at !== null || (access.scopeOwnerId !== null && customer.owner_id !== access.scopeOwnerId)) {
    throw new AppFailure('VALIDATION', `customer ${customerId} does not exist, is in the recycle bin, or is not one you see`, [{ path: ['customerId'], message: 'customer' }]);
  }
}

/**
 * A newly chosen responsible staff member is an active user who can own customers; keeping the
 * one a contract already has is always allowed (as for customers).
 */
async function checkOwner(db: Db, ownerId: number | null, current: number | null): Promise<void> {
  if (ownerId === null || ownerId === current) return;
  const owner = await db.selectFrom('users').select(['role', 'active']).where('id', '=', ownerId).executeTakeFirst();
  if (!owner || owner.active !== 1 || !canOwnCustomers(owner.role)) {
    throw new AppFailure('VALIDATION', `user ${ownerId} cannot be responsible for contracts (no such active staff member)`, [{ path: ['ownerId'], message: 'ownerId' }]);
  }
}

/**
 * Numbers are unique whatever their letter case or width. The column's UNIQUE NOCASE covers ASCII
 * letters through its index; a number with other letters is compared by contractNumberKey over the
 * (few) numbers that have any. Contracts in the recycle bin keep their numbers.
 */
async function checkNumber(db: Db, number: string, exceptId: number | null): Promise<void> {
  let same = db.selectFrom('contracts').select(['id', 'number']).where('number', '=', number);
  if (exceptId !== null) same = same.where('id', '!=', exceptId);
  let taken = (await same.executeTakeFirst())?.number;
  if (taken === undefined && /[^\x20-\x7e]/.test(number)) {
    const key = contractNumberKey(number);
    let others = db.selectFrom('contracts').select(['id', 'number']).where(sql<boolean>`number GLOB '*[^ -~]*'`);
    if (exceptId !== null) others = others.where('id', '!=', exceptId);
    taken = (await others.execute()).find((row) => contractNumberKey(row.number) === key)?.number;
  }
  if (taken !== undefined) {
    throw new AppFailure('CONFLICT', `contract number ${number} is taken${taken === number ? '' : ` (as ${taken})`}; choose another number`, { reason: 'number', number: taken });
  }
}

function columns(draft: ContractDraftValue, now: number) {
  return {
    number: draft.number,
    title: draft.title,
    customer_id: draft.customerId,
    type: draft.type,
    amount: draft.amount,
    currency: draft.currency,
    signed_on: draft.signedOn,
    start_on: draft.startOn,
    end_on: draft.endOn,
    auto_renew: draft.autoRenew ? 1 : 0,
    renewal_months: draft.renewalMonths,
    notice_days: draft.noticeDays,
    notice_on: noticeOn(draft.endOn, draft.noticeDays),
    owner_id: draft.ownerId,
    notes: draft.notes,
    updated_at: now,
  };
}

const AUDITED = [
  'number',
  'title',
  'customerId',
  'type',
  'amount',
  'currency',
  'signedOn',
  'startOn',
  'endOn',
  'autoRenew',
  'renewalMonths',
  'noticeDays',
  'ownerId',
  'notes',
] as const satisfies readonly (keyof ContractDraftValue)[];

type AuditAction = 'contract.create' | 'contract.update' | 'contract.terminate' | 'contract.delete' | 'contract.restore';

async function audit(tx: Db, actor: Actor, action: AuditAction, contract: { id: number; number: string }, changes: ReturnType<typeof changedFields> = []): Promise<void> {
  await appendAudit(tx, { at: actor.now, userId: actor.userId, username: actor.username, action, entity: 'contract', entityId: contract.id, label: contract.number, changes });
}

function conflict(id: number): AppFailure {
  return new AppFailure('CONFLICT', `contract ${id} was changed by someone else since it was opened; reload it and apply your changes again`);
}

// ---------------------------------------------------------------------------------------------
// Changes

export async function createContract(db: Db, draft: ContractDraftValue, actor: Actor): Promise<Contract> {
  return transaction(db, async (tx) => {
    await checkCustomer(tx, draft.customerId, actor);
    await checkOwner(tx, draft.ownerId, null);
    await checkNumber(tx, draft.number, null);
    const { id } = await tx
      .insertInto('contracts')
      .values({ ...columns(draft, actor.now), termination_reason: '', created_by: actor.userId, created_at: actor.now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, actor, 'contract.create', { id, number: draft.number });
    await indexContract(tx, id);
    // Entered with an end already past and auto-renew on: it renews now, as it would have.
    await renewDue(tx, actor.now, id);
    return contractFor(tx, await storedFor(tx, id, actor), actor, actor.now);
  });
}

function draftOf(row: NonNullable<Stored>): ContractDraftValue {
  return {
    number: row.number,
    title: row.title,
    customerId: row.customer_id,
    type: row.type,
    amount: row.amount,
    currency: row.currency,
    signedOn: row.signed_on,
    startOn: row.start_on,
    endOn: row.end_on,
    autoRenew: row.auto_renew === 1,
    renewalMonths: row.renewal_months,
    noticeDays: row.notice_days,
    ownerId: row.owner_id,
    notes: row.notes,
  };
}

export async function updateContract(db: Db, id: number, version: number, draft: ContractDraftValue, actor: Actor): Promise<Contract> {
  return transaction(db, async (tx) => {
    const before = await storedFor(tx, id, actor);
    if (before.version !== version) throw conflict(id);
    if (draft.customerId !== before.customer_id) await checkCustomer(tx, draft.customerId, actor);
    await checkOwner(tx, draft.ownerId, before.owner_id);
    if (draft.number !== before.number) await checkNumber(tx, draft.number, id);
    await tx
      .updateTable('contracts')
      .set({ ...columns(draft, actor.now), version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .execute();
    await audit(tx, actor, 'contract.update', { id, number: draft.number }, await contractChanges(tx, draftOf(before), draft, AUDITED));
    await indexContract(tx, id);
    await renewDue(tx, actor.now, id);
    return contractFor(tx, await storedFor(tx, id, actor), actor, actor.now);
  });
}

export async function terminateContract(db: Db, input: { id: number; version: number; on: string; reason: string }, actor: Actor): Promise<Contract> {
  return transaction(db, async (tx) => {
    const before = await storedFor(tx, input.id, actor);
    if (before.version !== input.version) throw conflict(input.id);
    if (before.terminated_on !== null) throw new AppFailure('CONFLICT', `contract ${before.number} is already terminated (on ${before.terminated_on})`);
    await tx
      .updateTable('contracts')
      .set({ terminated_on: input.on, termination_reason: input.reason, updated_at: actor.now, version: input.version + 1 })
      .where('id', '=', input.id)
      .execute();
    await tx
      .insertInto('contract_events')
      .values({ contract_id: input.id, kind: 'terminated', at: actor.now, on_day: input.on, from_end: before.end_on, to_end: null, note: input.reason, by_user: actor.userId })
      .execute();
    await audit(tx, actor, 'contract.terminate', before, [
      { field: 'terminatedOn', before: null, after: input.on },
      ...(input.reason === '' ? [] : [{ field: 'terminationReason', before: null, after: input.reason }]),
    ]);
    return contractFor(tx, await storedFor(tx, input.id, actor), actor, actor.now);
  });
}

/** The customers' row-level rule: staff delete and restore only the contracts they created. */
function mayDelete(row: NonNullable<Stored>, actor: Actor): void {
  if (!contractActions(actor, { createdBy: row.created_by, deletedAt: null, terminatedOn: null }).delete) {
    throw new AppFailure('FORBIDDEN', 'contracts.delete: your role may delete and restore only the contracts you created');
  }
}

export async function deleteContract(db: Db, id: number, version: number, actor: Actor): Promise<{ id: number }> {
  return transaction(db, async (tx) => {
    const row = await storedFor(tx, id, actor);
    mayDelete(row, actor);
    if (row.version !== version) throw conflict(id);
    await tx.updateTable('contracts').set({ deleted_at: actor.now, updated_at: actor.now, version: version + 1 }).where('id', '=', id).execute();
    await audit(tx, actor, 'contract.delete', row);
    await indexContract(tx, id);
    return { id };
  });
}

export async function restoreContract(db: Db, id: number, actor: Actor): Promise<Contract> {
  return transaction(db, async (tx) => {
    const row = await storedFor(tx, id, actor, { deleted: true });
    mayDelete(row, actor);
    await tx
      .updateTable('contracts')
      .set({ deleted_at: null, updated_at: actor.now, version: row.version + 1 })
      .where('id', '=', id)
      .execute();
    await audit(tx, actor, 'contract.restore', row);
    await indexContract(tx, id);
    await renewDue(tx, actor.now, id);
    return contractFor(tx, await storedFor(tx, id, actor), actor, actor.now);
  });
}

/** HT-<this year>-NNNN: one more than the highest number of this year's series (any letter case). */
export async function suggestNumber(db: Db, now: number): Promise<string> {
  const prefix = `HT-${localDay(now).slice(0, 4)}-`;
  // LIKE on the NOCASE column walks its unique index from the prefix.
  const rows = await db.selectFrom('contracts').select('number').where('number', 'like', `${prefix}%`).execute();
  const pattern = new RegExp(`^${prefix}(\\d+)$`, 'i');
  const highest = rows.reduce((max, row) => Math.max(max, Number(pattern.exec(row.number)?.[1] ?? 0)), 0);
  return `${prefix}${String(highest + 1).padStart(4, '0')}`;
}

/**
 * A customer's contracts go when the customer is purged (customers' purge calls this in its
 * transaction): their history goes with them (ON DELETE CASCADE). Their attachments are the
 * attachments area's.
 */
export async function purgeContractsOf(tx: Db, customerId: number): Promise<number> {
  const gone = await tx.selectFrom('contracts').select('id').where('customer_id', '=', customerId).execute();
  const result = await tx.deleteFrom('contracts').where('customer_id', '=', customerId).executeTakeFirst();
  for (const { id } of gone) await indexContract(tx, id); // out of the search index with them
  return Number(result.numDeletedRows);
}

export type { ContractStatus };
