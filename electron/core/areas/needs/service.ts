// Needs analysis: the list across customers (newest noted first, keyset) and its count under the
// same filters, one need, create, edit, status change, delete to and restore from the recycle bin.
// A caller sees the needs of the customers they may see (live, in their scope when the staff-scope
// setting is on); a customer in the recycle bin hides its needs, and its purge removes them
// (purgeNeedsOf). Every change writes its audit entry in its own transaction.
import { sql, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { z } from 'zod';
import { formatAmount } from '../../../../shared/api/contracts.ts';
import { needActions, type Need, type NeedDraftValue, type NeedFilters, type NeedPage, type NeedQuery, type NeedStatus, type NeedUpdateValue } from '../../../../shared/api/needs.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import type { ValidationMessage } from '../../../../shared/validation.ts';
import { transaction, type Db } from '../../db/database.ts';
import { keysetPage, type SortColumn } from '../../db/keyset.ts';
import type { DB } from '../../db/schema.ts';
import { appendAudit, type FieldChange } from '../audit/service.ts';
import type { Access } from '../users/access.ts';

export type Actor = Access & { now: number };

type Filters = z.output<typeof NeedFilters>;
type Query = z.output<typeof NeedQuery>;
type Fields = Omit<NeedUpdateValue, 'id' | 'version'>;

function invalid(operation: string, message: string, path: (string | number)[], reason: ValidationMessage): AppFailure {
  return new AppFailure('VALIDATION', `${operation}: ${message}`, [{ path: path.map(String), message: reason }]);
}

// ---------------------------------------------------------------------------------------------
// Reading

type Joined = DB & { n: DB['needs']; c: DB['customers']; o: DB['users']; u: DB['users']; i: DB['catalogue_items'] };

/** The customer of a need by its primary key for each need the walk meets (unary plus: the needs' own index leads). */
const CUSTOMER_OF = sql<SqlBool>`c.id = +n.customer_id`;

function joined(db: Db) {
  return db
    .selectFrom('needs as n')
    .innerJoin('customers as c', (join) => join.on(CUSTOMER_OF))
    .leftJoin('users as o', 'o.id', 'c.owner_id')
    .leftJoin('users as u', 'u.id', 'n.noted_by')
    .leftJoin('catalogue_items as i', 'i.id', 'n.item_id');
}

type From = 'n' | 'c' | 'o' | 'u' | 'i';

/** The filters every reading of needs shares (the list, the count, a customer's section), inside the caller's scope. */
function filtered<O>(query: SelectQueryBuilder<Joined, From, O>, filters: Filters, access: Access): SelectQueryBuilder<Joined, From, O> {
  let q = query.where('c.deleted_at', 'is', null);
  if (access.scopeOwnerId !== null) q = q.where(sql<SqlBool>`+c.owner_id = ${access.scopeOwnerId}`);
  q = filters.deleted ? q.where('n.deleted_at', 'is not', null) : q.where('n.deleted_at', 'is', null);
  if (filters.customerId !== undefined) q = q.where('n.customer_id', '=', filters.customerId);
  if (filters.itemId !== undefined) q = q.where('n.item_id', '=', filters.itemId);
  if (filters.kind !== undefined) q = q.where('n.kind', '=', filters.kind);
  if (filters.status !== undefined) q = q.where('n.status', '=', filters.status);
  if (filters.neededFrom !== undefined) q = q.where('n.needed_by', '>=', filters.neededFrom);
  if (filters.neededTo !== undefined) q = q.where('n.needed_by', '<=', filters.neededTo);
  if (filters.ownerId !== undefined) q = q.where('c.owner_id', '=', filters.ownerId);
  if (filters.q) {
    const text = filters.q;
    q = q.where(sql<SqlBool>`(instr(lower(n.title), lower(${text})) > 0 OR instr(lower(n.detail), lower(${text})) > 0 OR instr(lower(coalesce(i.name, '')), lower(${text})) > 0)`);
  }
  return q;
}

function listing(db: Db) {
  return joined(db).select([
    'n.id',
    'n.customer_id',
    'c.name as customer_name',
    'c.code as customer_code',
    'c.grade as customer_grade',
    'c.owner_id',
    'o.display_name as owner_name',
    'n.kind',
    'n.title',
    'n.detail',
    'n.item_id',
    'i.name as item_name',
    'n.needed_by',
    'n.response_hours',
    'n.on_site',
    'n.training',
    'n.budget_min_minor',
    'n.budget_max_minor',
    'n.currency',
    'n.status',
    'n.status_at',
    'n.noted_by',
    'u.display_name as noted_by_name',
    'n.noted_at',
    'n.updated_at',
    'n.deleted_at',
    'n.version',
  ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof listing>['executeTakeFirstOrThrow']>>;
type NeedContact = Need['contacts'][number];

/** The decision makers of these needs, in their order. */
async function contactsOf(db: Db, needIds: readonly number[]): Promise<Map<number, NeedContact[]>> {
  const out = new Map<number, NeedContact[]>();
  if (needIds.length === 0) return out;
  const rows = await db
    .selectFrom('need_contacts as l')
    .innerJoin('contacts as p', 'p.id', 'l.contact_id')
    .select(['l.need_id', 'p.id', 'p.name', 'p.title'])
    .where('l.need_id', 'in', needIds)
    .orderBy('l.need_id')
    .orderBy('l.position')
    .execute();
  for (const row of rows) {
    const list = out.get(row.need_id) ?? [];
    list.push({ id: row.id, name: row.name, title: row.title });
    out.set(row.need_id, list);
  }
  return out;
}

function needFor(row: Row, contacts: NeedContact[], access: Access): Need {
  return {
    id: row.id,
    customerId: row.customer_id,
    customerName: row.customer_name,
    customerCode: row.customer_code,
    customerGrade: row.customer_grade,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    kind: row.kind,
    title: row.title,
    detail: row.detail,
    itemId: row.item_id,
    itemName: row.item_name,
    neededBy: row.needed_by,
    responseHours: row.response_hours,
    onSite: row.on_site === 1,
    training: row.training === 1,
    budgetMinMinor: row.budget_min_minor,
    budgetMaxMinor: row.budget_max_minor,
    currency: row.currency,
    contacts,
    status: row.status,
    statusAt: row.status_at,
    notedBy: row.noted_by,
    notedByName: row.noted_by_name,
    notedAt: row.noted_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    version: row.version,
    actions: needActions(access, { notedBy: row.noted_by, deletedAt: row.deleted_at }),
  };
}

const NEWEST: readonly SortColumn<'n.noted_at' | 'n.id'>[] = [
  { column: 'n.noted_at', direction: 'desc' },
  { column: 'n.id', direction: 'desc' },
];

/** Newest noted first (then id), one page after the cursor. */
export async function listNeeds(db: Db, query: Query, access: Access): Promise<NeedPage> {
  const page = await keysetPage(filtered(listing(db), query, access), NEWEST, query.cursor, query.limit);
  const contacts = await contactsOf(
    db,
    page.rows.map((r) => r.id),
  );
  return { rows: page.rows.map((row) => needFor(row, contacts.get(row.id) ?? [], access)), next: page.nextCursor };
}

/** How many needs the filters hold: what the list shows for them. */
export async function countNeeds(db: Db, filters: Filters, access: Access): Promise<{ count: number }> {
  const row = await filtered(joined(db), filters, access)
    .select(sql<number>`count(*)`.as('count'))
    .executeTakeFirstOrThrow();
  return { count: row.count };
}

/**
 * The need if this caller sees it (its customer live and in their scope); NOT_FOUND otherwise.
 * `deleted`: true only one in the recycle bin, false only a live one, 'any' either.
 */
async function storedFor(db: Db, id: number, access: Access, deleted: boolean | 'any', operation: string): Promise<Row> {
  const row = await listing(db).where('n.id', '=', id).executeTakeFirst();
  const seen = row && (await customerSeen(db, row.customer_id, access));
  if (!row || !seen) throw new AppFailure('NOT_FOUND', `${operation}: need ${id} does not exist, or its customer is in the recycle bin or not one you see`);
  if (deleted !== 'any' && (row.deleted_at !== null) !== deleted) {
    throw new AppFailure('NOT_FOUND', `${operation}: ${deleted ? `need ${id} is not in the recycle bin` : `need ${id} is in the recycle bin; restore it first`}`);
  }
  return row;
}

async function customerSeen(db: Db, customerId: number, access: Access): Promise<boolean> {
  const c = await db.selectFrom('customers').select(['owner_id', 'deleted_at']).where('id', '=', customerId).executeTakeFirst();
  return !!c && c.deleted_at === null && (access.scopeOwnerId === null || c.owner_id === access.scopeOwnerId);
}

async function needOf(db: Db, row: Row, access: Access): Promise<Need> {
  return needFor(row, (await contactsOf(db, [row.id])).get(row.id) ?? [], access);
}

export async function readNeed(db: Db, id: number, access: Access): Promise<Need> {
  return needOf(db, await storedFor(db, id, access, 'any', 'needs.get'), access);
}

// ---------------------------------------------------------------------------------------------
// Checks

async function checkCustomer(db: Db, customerId: number, access: Access, operation: string) {
  const customer = await db.selectFrom('customers').select(['name', 'code', 'owner_id', 'deleted_at']).where('id', '=', customerId).executeTakeFirst();
  if (!customer || customer.deleted_at !== null || (access.scopeOwnerId !== null && customer.owner_id !== access.scopeOwnerId)) {
    throw invalid(operation, `customer ${customerId} does not exist, is in the recycle bin, or is not one you see`, ['customerId'], 'customer');
  }
  return customer;
}

/** A catalogue item that exists (a retired one may stay named: the need was noted when it was offered). */
async function checkItem(db: Db, itemId: number | null, operation: string): Promise<string | null> {
  if (itemId === null) return null;
  const item = await db.selectFrom('catalogue_items').select('name').where('id', '=', itemId).executeTakeFirst();
  if (!item) throw invalid(operation, `catalogue item ${itemId} does not exist`, ['itemId'], 'item');
  return item.name;
}

async function checkContacts(db: Db, contactIds: readonly number[], customerId: number, operation: string): Promise<void> {
  if (contactIds.length === 0) return;
  const found = await db.selectFrom('contacts').select(['id', 'customer_id']).where('id', 'in', [...contactIds]).execute();
  const mine = new Set(found.filter((c) => c.customer_id === customerId).map((c) => c.id));
  const index = contactIds.findIndex((id) => !mine.has(id));
  if (index >= 0) throw invalid(operation, `contact ${contactIds[index]} is not one of this customer's contacts`, ['contactIds', index], 'contact');
}

/** What a need of this kind keeps: the expectation fields on 'expectation', the budget on 'budget', decision makers on 'decision'. */
function kept(fields: Fields) {
  const expectation = fields.kind === 'expectation';
  const budget = fields.kind === 'budget';
  return {
    kind: fields.kind,
    title: fields.title,
    detail: fields.detail,
    item_id: fields.itemId,
    needed_by: fields.neededBy,
    response_hours: expectation ? fields.responseHours : null,
    on_site: expectation && fields.onSite ? 1 : 0,
    training: expectation && fields.training ? 1 : 0,
    budget_min_minor: budget ? fields.budgetMinMinor : null,
    budget_max_minor: budget ? fields.budgetMaxMinor : null,
    currency: fields.currency,
    contactIds: fields.kind === 'decision' ? [...new Set(fields.contactIds)] : [],
  };
}

async function saveContacts(tx: Db, needId: number, contactIds: readonly number[]): Promise<void> {
  await tx.deleteFrom('need_contacts').where('need_id', '=', needId).execute();
  if (contactIds.length > 0) await tx.insertInto('need_contacts').values(contactIds.map((contact_id, position) => ({ need_id: needId, contact_id, position }))).execute();
}

// ---------------------------------------------------------------------------------------------
// Changes

type AuditAction = 'need.create' | 'need.update' | 'need.status' | 'need.delete' | 'need.restore';

async function audit(tx: Db, actor: Actor, action: AuditAction, need: { id: number; title: string; customer: { name: string; code: string } }, changes: FieldChange[] = []): Promise<void> {
  await appendAudit(tx, {
    at: actor.now,
    userId: actor.userId,
    username: actor.username,
    action,
    entity: 'need',
    entityId: need.id,
    label: `${need.title} · ${need.customer.name} (${need.customer.code})`,
    changes,
  });
}

const budgetText = (min: number | null, max: number | null, currency: string) =>
  min === null && max === null ? '' : `${min === null ? '' : formatAmount(min, currency)}–${max === null ? '' : formatAmount(max, currency)} ${currency}`;

export async function createNeed(db: Db, draft: NeedDraftValue, actor: Actor): Promise<Need> {
  const operation = 'needs.create';
  return transaction(db, async (tx) => {
    const customer = await checkCustomer(tx, draft.customerId, actor, operation);
    const itemName = await checkItem(tx, draft.itemId, operation);
    const { contactIds, ...columns } = kept(draft);
    await checkContacts(tx, contactIds, draft.customerId, operation);
    const { id } = await tx
      .insertInto('needs')
      .values({ ...columns, customer_id: draft.customerId, status: 'open', status_at: actor.now, noted_by: actor.userId, noted_at: actor.now, updated_at: actor.now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await saveContacts(tx, id, contactIds);
    const changes: FieldChange[] = [
      { field: 'customerId', before: null, after: { id: draft.customerId, name: customer.name, code: customer.code } },
      { field: 'needKind', before: null, after: draft.kind },
      { field: 'needTitle', before: null, after: draft.title },
    ];
    if (columns.detail) changes.push({ field: 'needDetail', before: null, after: columns.detail });
    if (itemName !== null) changes.push({ field: 'item', before: null, after: itemName });
    if (columns.needed_by !== null) changes.push({ field: 'neededBy', before: null, after: columns.needed_by });
    const budget = budgetText(columns.budget_min_minor, columns.budget_max_minor, columns.currency);
    if (budget) changes.push({ field: 'budget', before: null, after: budget });
    await audit(tx, actor, 'need.create', { id, title: draft.title, customer }, changes);
    return needOf(tx, await storedFor(tx, id, actor, false, operation), actor);
  });
}

function mayChange(row: Row, actor: Actor, action: 'edit' | 'setStatus' | 'delete' | 'restore', operation: string): void {
  if (!needActions(actor, { notedBy: row.noted_by, deletedAt: row.deleted_at })[action]) {
    throw new AppFailure('FORBIDDEN', `${operation}: your role may delete and restore only the needs you noted`);
  }
}

function stale(row: Row, version: number, operation: string): void {
  if (row.version !== version) throw new AppFailure('CONFLICT', `${operation}: need ${row.id} was changed by someone else since it was opened; reload it and apply your changes again`);
}

export async function updateNeed(db: Db, id: number, version: number, fields: Fields, actor: Actor): Promise<Need> {
  const operation = 'needs.update';
  return transaction(db, async (tx) => {
    const row = await storedFor(tx, id, actor, false, operation);
    mayChange(row, actor, 'edit', operation);
    stale(row, version, operation);
    const itemName = await checkItem(tx, fields.itemId, operation);
    const { contactIds, ...columns } = kept(fields);
    await checkContacts(tx, contactIds, row.customer_id, operation);
    const beforeContacts = (await contactsOf(tx, [id])).get(id) ?? [];
    await tx
      .updateTable('needs')
      .set({ ...columns, updated_at: actor.now, version: version + 1 })
      .where('id', '=', id)
      .execute();
    await saveContacts(tx, id, contactIds);
    const changes: FieldChange[] = [];
    const change = (field: string, before: unknown, after: unknown) => {
      if (before !== after) changes.push({ field, before, after });
    };
    change('needKind', row.kind, columns.kind);
    change('needTitle', row.title, columns.title);
    change('needDetail', row.detail, columns.detail);
    change('item', row.item_name, itemName);
    change('neededBy', row.needed_by, columns.needed_by);
    change('budget', budgetText(row.budget_min_minor, row.budget_max_minor, row.currency), budgetText(columns.budget_min_minor, columns.budget_max_minor, columns.currency));
    change('expectedResponseHours', row.response_hours, columns.response_hours);
    change('onSite', row.on_site === 1, columns.on_site === 1);
    change('training', row.training === 1, columns.training === 1);
    const names = async (ids: readonly number[]) =>
      ids.length === 0 ? '' : (await tx.selectFrom('contacts').select(['id', 'name']).where('id', 'in', [...ids]).execute()).sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id)).map((c) => c.name).join('、');
    change('decisionMakers', beforeContacts.map((c) => c.name).join('、'), await names(contactIds));
    await audit(tx, actor, 'need.update', { id, title: columns.title, customer: { name: row.customer_name, code: row.customer_code } }, changes);
    return needOf(tx, await storedFor(tx, id, actor, false, operation), actor);
  });
}

export async function setNeedStatus(db: Db, id: number, version: number, status: NeedStatus, actor: Actor): Promise<Need> {
  const operation = 'needs.setStatus';
  return transaction(db, async (tx) => {
    const row = await storedFor(tx, id, actor, false, operation);
    mayChange(row, actor, 'setStatus', operation);
    stale(row, version, operation);
    if (row.status === status) return needOf(tx, row, actor); // nothing to change, nothing to audit
    await tx.updateTable('needs').set({ status, status_at: actor.now, updated_at: actor.now, version: version + 1 }).where('id', '=', id).execute();
    await audit(tx, actor, 'need.status', { id, title: row.title, customer: { name: row.customer_name, code: row.customer_code } }, [{ field: 'needStatus', before: row.status, after: status }]);
    return needOf(tx, await storedFor(tx, id, actor, false, operation), actor);
  });
}

export async function deleteNeed(db: Db, id: number, version: number, actor: Actor): Promise<{ id: number }> {
  const operation = 'needs.delete';
  return transaction(db, async (tx) => {
    const row = await storedFor(tx, id, actor, false, operation);
    mayChange(row, actor, 'delete', operation);
    stale(row, version, operation);
    await tx
      .updateTable('needs')
      .set({ deleted_at: actor.now, deleted_by: actor.userId, updated_at: actor.now, version: version + 1 })
      .where('id', '=', id)
      .execute();
    await audit(tx, actor, 'need.delete', { id, title: row.title, customer: { name: row.customer_name, code: row.customer_code } });
    return { id };
  });
}

export async function restoreNeed(db: Db, id: number, actor: Actor): Promise<Need> {
  const operation = 'needs.restore';
  return transaction(db, async (tx) => {
    const row = await storedFor(tx, id, actor, true, operation);
    mayChange(row, actor, 'restore', operation);
    await tx
      .updateTable('needs')
      .set({ deleted_at: null, deleted_by: null, updated_at: actor.now, version: row.version + 1 })
      .where('id', '=', id)
      .execute();
    await audit(tx, actor, 'need.restore', { id, title: row.title, customer: { name: row.customer_name, code: row.customer_code } });
    return needOf(tx, await storedFor(tx, id, actor, false, operation), actor);
  });
}

/** A customer's purge: its needs go, their decision-maker links with them (ON DELETE CASCADE). Answers how many. */
export async function purgeNeedsOf(tx: Db, customerId: number): Promise<number> {
  const gone = await tx.deleteFrom('needs').where('customer_id', '=', customerId).executeTakeFirst();
  return Number(gone.numDeletedRows);
}
