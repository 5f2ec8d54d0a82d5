// The customer archive: list (keyset pages), count, detail, create, update (optimistic
// concurrency), soft delete and restore. Search index entries are written in the same transaction.
import { sql, type ExpressionBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { z } from 'zod';
import { AppFailure } from '../../../../shared/errors.ts';
import { CustomerRow, GRADES, type Grade, type Customer, type CustomerDraft, type CustomerFilters, type CustomerPage, type CustomerQuery } from '../../../../shared/api/customers.ts';
import { transaction, type Db } from '../../db/database.ts';
import { engine } from '../../db/engine.ts';
import type { DB } from '../../db/schema.ts';
import { keysetPage, type SortColumn } from '../../db/keyset.ts';
import { nameSortKey, searchDocument } from '../search/search-text.ts';
import { searchFilter } from '../search/service.ts';
import { isMasked, maskEmail, maskPhone, maskWechat } from '../../../../shared/masking.ts';
import { maskCustomer, maskRow, type Access } from '../users/access.ts';
import { appendAudit, changedFields } from '../audit/service.ts';
import { checkLunarBirthday } from './lunar-calendar.ts';
import { canOwnCustomers, CUSTOMER_OWNER_ROLES, customerActions } from '../../../../shared/roles.ts';
import { inPinyinOrder, regionSortKey } from './sort-keys.ts';
import { reserveCustomerCodes } from './codes.ts';
import { purgeCustomerAttachments } from '../attachments/service.ts';
import { purgeContractsOf } from '../contracts/service.ts';
import { purgeComplaintsOf } from '../complaints/service.ts';
import { purgeSalesOf } from '../sales/service.ts';
import { dayStart, purgeRecordsOf } from '../records/service.ts';
import { addDays } from '../../../../shared/contract-status.ts';
import { returnCadences } from '../standards/deadline.ts';
import { countSurveysOf, purgeSurveysOf } from '../surveys/service.ts';
import { purgeVisitsOf } from '../visits/service.ts';
import { purgeCareOf } from '../care/service.ts';
import { purgeNeedsOf } from '../needs/service.ts';
import { purgeStoriesOf } from '../stories/service.ts';
import { purgeInvitationsOf } from '../events/service.ts';
import { purgeInboxMarksOf } from '../today/service.ts';
import { columnOf } from '../../db/columns.ts';
import { CONTACT_FIELDS, contactColumns, contactFromRow, CUSTOMER_FIELDS, customerColumns, customerFieldsFromRow, type CustomerFieldValues } from './fields.ts';

type Draft = z.output<typeof CustomerDraft>;
type Query = z.output<typeof CustomerQuery>;

/** A row as selected: what the caller gets, less the actions, plus what the actions are derived from. */
type StoredRow = Omit<CustomerRow, 'actions'> & { createdBy: number | null };
type Listing = SelectQueryBuilder<DB & { c: DB['customers']; u: DB['users'] }, 'c' | 'u', StoredRow>;

/** The row's fields the customers table keeps, each selected under its contract name. */
const LISTED = (Object.keys(CustomerRow.shape) as (keyof CustomerRow)[]).filter((field) => field !== 'ownerName' && field !== 'actions');

function listing(db: Db): Listing {
  return db
    .selectFrom('customers as c')
    .leftJoin('users as u', 'u.id', 'c.owner_id')
    .select(LISTED.map((field) => `c.${columnOf(field)} as ${field}` as 'c.id')) // each names a column of customers; typed as a whole below
    .select(['u.display_name as ownerName', 'c.created_by as createdBy']) as unknown as Listing; // the selected columns are exactly StoredRow's
}

/** A row as this caller may see it: masked for their role, with what they may do with it. */
function rowFor({ createdBy, ...row }: StoredRow, access: Access): CustomerRow {
  return maskRow({ ...row, actions: customerActions(access, { createdBy }) }, access);
}

/** For a `returnDueBy` filter: per grade, the instant a last contact must be before to be due by that day (as care's returnVisitsDue). */
async function returnDueBefore(db: Db, filters: CustomerFilters): Promise<Record<Grade, number> | undefined> {
  if (filters.returnDueBy === undefined) return undefined;
  const cadences = await returnCadences(db);
  const day = filters.returnDueBy;
  return Object.fromEntries(GRADES.map((grade) => [grade, dayStart(addDays(day, -cadences[grade] + 1))])) as Record<Grade, number>; // one entry per grade
}

function applyFilters<Q extends SelectQueryBuilder<any, any, any>>(query: Q, filters: CustomerFilters, access: Access, dueBefore?: Record<Grade, number>): Q { // eslint-disable-line @typescript-eslint/no-explicit-any -- shared by the row and count queries
  let q = query.where('c.deleted_at', 'is', null);
  if (filters.returnDueBy !== undefined) {
    if (!dueBefore) throw new Error('customers: a returnDueBy filter needs its cadences (returnDueBefore)');
    q = q.where(sql<SqlBool>`(${sql.join(GRADES.map((grade) => sql`(c.grade = ${grade} AND c.last_contact_at < ${dueBefore[grade]})`), sql` OR `)})`);
  }
  if (access.scopeOwnerId !== null) q = q.where('c.owner_id', '=', access.scopeOwnerId);
  if (filters.grade) q = q.where('c.grade', '=', filters.grade);
  if (filters.stage) q = q.where('c.stage', '=', filters.stage);
  if (filters.industry) q = q.where('c.industry', '=', filters.industry);
  if (filters.region) q = q.where('c.region', '=', filters.region);
  if (filters.ownerId) q = q.where('c.owner_id', '=', filters.ownerId);
  if (filters.noOwner) q = q.where('c.owner_id', 'is', null);
  if (filters.q !== undefined) q = q.where(searchFilter(filters.q, access));
  // Local days (the machine's time zone: the shop's), as instants: from the first day's midnight to the next day's after the last.
  if (filters.createdFrom) q = q.where('c.created_at', '>=', dayStart(filters.createdFrom));
  if (filters.createdTo) q = q.where('c.created_at', '<', dayStart(addDays(filters.createdTo, 1)));
  if (filters.tag) {
    const tag = filters.tag;
    q = q.where('c.id', 'in', (eb: ExpressionBuilder<DB, 'customers'>) =>
      eb.selectFrom('customer_tags as ct').innerJoin('tags as t', 't.id', 'ct.tag_id').select('ct.customer_id').where('t.name', '=', tag),
    );
  }
  return q as Q;
}

type Sort = readonly SortColumn<'c.name_sort' | 'c.updated_at' | 'c.grade_rank' | 'c.code' | 'c.region_sort' | 'c.stage_rank' | 'c.deleted_at' | 'c.id'>[];
const by = (direction: 'asc' | 'desc', ...columns: Sort[number]['column'][]): Sort => columns.map((column) => ({ column, direction }));

/** The columns each sort orders by (each has its index of live rows), ending with the id that makes every key unique. */
const SORTS: Record<Query['sort'], (direction: 'asc' | 'desc') => Sort> = {
  name: (d) => by(d, 'c.name_sort', 'c.id'),
  updated: (d) => by(d, 'c.updated_at', 'c.id'),
  grade: (d) => by(d, 'c.grade_rank', 'c.name_sort', 'c.id'),
  code: (d) => by(d, 'c.code', 'c.id'),
  // Pinyin order of the region (blank last), then the name within a region.
  region: (d) => by(d, 'c.region_sort', 'c.name_sort', 'c.id'),
  // Lifecycle order (lead → lost), then the name within a stage.
  stage: (d) => by(d, 'c.stage_rank', 'c.name_sort', 'c.id'),
};

export async function listCustomers(db: Db, query: Query, access: Access): Promise<z.infer<typeof CustomerPage>> {
  const page = await keysetPage(applyFilters(listing(db), query, access, await returnDueBefore(db, query)), SORTS[query.sort](query.direction), query.cursor, query.limit);
  return { rows: page.rows.map((row) => rowFor(row, access)), nextCursor: page.nextCursor };
}

/**
 * The live customers a filter gives this caller (the list's own where, scope included), as a query
 * to select from: set-based writes over "the customers of this filter" (events' invitations).
 */
export async function filteredCustomers(db: Db, filters: CustomerFilters, access: Access) {
  return applyFilters(db.selectFrom('customers as c'), filters, access, await returnDueBefore(db, filters));
}

export async function countCustomers(db: Db, filters: CustomerFilters, access: Access): Promise<number> {
  const filtered = access.scopeOwnerId !== null || Object.values(filters).some((value) => value !== undefined && value !== '');
  const counted = (q: { executeTakeFirst(): Promise<{ count: number } | undefined> }) => q.executeTakeFirst().then((row) => row?.count ?? 0);
  if (!filtered) {
    // SQLite counts a whole table from its smallest index almost for free, but "WHERE deleted_at
    // IS NULL" makes it scan every row: so count everything and subtract the recycle bin.
    const everything = await counted(db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('count')));
    const inBin = await counted(db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('count')).where('deleted_at', 'is not', null));
    return everything - inBin;
  }
  return counted(applyFilters(db.selectFrom('customers as c').select((eb) => eb.fn.countAll<number>().as('count')), filters, access, await returnDueBefore(db, filters)));
}

export async function customerFacets(db: Db, access: Access): Promise<{ industries: string[]; regions: string[]; tags: string[] }> {
  const scope = access.scopeOwnerId;
  const distinct = async (column: 'industry' | 'region') => {
    let q = db.selectFrom('customers').select(column).distinct().where('deleted_at', 'is', null).where(column, '!=', '');
    if (scope !== null) q = q.where('owner_id', '=', scope);
    return inPinyinOrder((await q.orderBy(column).limit(500).execute()).map((row) => row[column]));
  };
  let tags = db.selectFrom('tags as t').select('t.name').orderBy('t.name').limit(1000);
  if (scope !== null) {
    tags = tags.where('t.id', 'in', (eb) =>
      eb.selectFrom('customer_tags as ct').innerJoin('customers as c', 'c.id', 'ct.customer_id').select('ct.tag_id').where('c.owner_id', '=', scope),
    );
  }
  return { industries: await distinct('industry'), regions: await distinct('region'), tags: inPinyinOrder((await tags.execute()).map((row) => row.name)) };
}

/** The recycle bin, most recently deleted first (deleted_at is never NULL there). */
const BIN_ORDER = by('desc', 'c.deleted_at', 'c.id');

export async function listDeletedCustomers(db: Db, cursor: string | null, limit: number, access: Access): Promise<z.infer<typeof CustomerPage>> {
  // A merged customer (areas/duplicates) is deleted too, but no bin's: its merge is undone instead.
  let q = listing(db).where('c.deleted_at', 'is not', null).where('c.merged_into', 'is', null);
  if (access.scopeOwnerId !== null) q = q.where('c.owner_id', '=', access.scopeOwnerId);
  const page = await keysetPage(q, BIN_ORDER, cursor, limit);
  return { rows: page.rows.map((row) => rowFor(row, access)), nextCursor: page.nextCursor };
}

/** A customer as stored: what callers get, less the actions, plus who created it. */
type StoredCustomer = Omit<Customer, 'actions'> & { createdBy: number | null };

async function getCustomer(db: Db, id: number, options: { includeDeleted?: boolean } = {}): Promise<StoredCustomer> {
  const row = await db
    .selectFrom('customers as c')
    .leftJoin('users as u', 'u.id', 'c.owner_id')
    .selectAll('c')
    .select('u.display_name as owner_name')
    .where('c.id', '=', id)
    .executeTakeFirst();
  if (!row || (row.deleted_at !== null && !options.includeDeleted)) throw new AppFailure('NOT_FOUND', `customer ${id} does not exist or is in the recycle bin`);
  const contacts = await db.selectFrom('contacts').selectAll().where('customer_id', '=', id).orderBy('position').execute();
  const tags = await db
    .selectFrom('customer_tags as ct')
    .innerJoin('tags as t', 't.id', 'ct.tag_id')
    .select('t.name')
    .where('ct.customer_id', '=', id)
    .orderBy('t.name')
    .execute();
  const history = await db
    .selectFrom('grade_history as g')
    .leftJoin('users as u', 'u.id', 'g.changed_by')
    .select(['g.grade', 'g.changed_at', 'u.display_name', 'g.source', 'g.proposal_id'])
    .where('g.customer_id', '=', id)
    .orderBy('g.changed_at', 'desc')
    .orderBy('g.id', 'desc')
    .execute();
  return {
    id: row.id,
    code: row.code,
    ...customerFieldsFromRow(row),
    ownerName: row.owner_name,
    tags: tags.map((tag) => tag.name),
    contacts: contacts.map(contactFromRow),
    gradeHistory: history.map((h) => ({ grade: h.grade as Customer['grade'], at: h.changed_at, byName: h.display_name, source: h.source, proposalId: h.proposal_id })), // grade_history holds contract grades
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    version: row.version,
    createdBy: row.created_by,
  };
}

/** What the caller gets: masked for their role, with what they may do with it. */
function customerFor(stored: StoredCustomer, access: Access): Customer {
  const { createdBy, ...customer } = stored;
  return maskCustomer({ ...customer, actions: customerActions(access, { createdBy }) }, access);
}

/** A customer as this caller may see it: NOT_FOUND outside their scope, contacts masked for their role. */
export async function readCustomer(db: Db, id: number, access: Access): Promise<Customer> {
  const customer = await getCustomer(db, id);
  if (!inScope(customer.ownerId, access)) throw notFound(id);
  return customerFor(customer, access);
}

function inScope(ownerId: number | null, access: Access): boolean {
  return access.scopeOwnerId === null || ownerId === access.scopeOwnerId;
}

function notFound(id: number): AppFailure {
  return new AppFailure('NOT_FOUND', `customer ${id} does not exist or is in the recycle bin`);
}

/** The draft's own fields as columns, with the sort keys that order them. */
function draftColumns(draft: CustomerFieldValues, now: number) {
  return customerColumns(draft, { nameSort: nameSortKey(draft.name, draft.kind === 'person'), regionSort: regionSortKey(draft.region) }, now);
}

/**
 * A newly chosen responsible staff member must be an active user whose role can own customers
 * (not a viewer). Keeping the one a customer already has is always allowed, so a customer whose
 * staff member left or became a viewer can still be edited.
 */
async function checkOwner(db: Db, ownerId: number | null, current: number | null, field: (string | number)[] = ['ownerId']): Promise<void> {
  if (ownerId === null || ownerId === current) return;
  const owner = await db.selectFrom('users').select(['id', 'role', 'active']).where('id', '=', ownerId).executeTakeFirst();
  if (!owner || owner.active !== 1 || !canOwnCustomers(owner.role)) {
    throw new AppFailure('VALIDATION', `user ${ownerId} cannot be responsible for customers (no such active staff member)`, [{ path: field, message: 'ownerId' }]);
  }
}

async function saveTags(db: Db, customerId: number, tags: readonly string[]): Promise<void> {
  await db.deleteFrom('customer_tags').where('customer_id', '=', customerId).execute();
  const unique = [...new Map(tags.map((tag) => [tag.toLowerCase(), tag])).values()];
  for (const name of unique) {
    await db.insertInto('tags').values({ name }).onConflict((oc) => oc.column('name').doNothing()).execute();
    const tag = await db.selectFrom('tags').select('id').where('name', '=', name).executeTakeFirst();
    if (tag) await db.insertInto('customer_tags').values({ customer_id: customerId, tag_id: tag.id }).execute();
  }
}

/**
 * Each contact's lunar birthday must exist in its year, as the customer's (checkLunarBirthday); a
 * contact's birthday kept unchanged (same id, same text and calendar) is not checked again.
 */
function checkContactBirthdays(contacts: Draft['contacts'], stored: readonly { id: number; birthday: string; birthdayCalendar: string }[]): void {
  const storedById = new Map(stored.map((contact) => [contact.id, contact] as const));
  for (const [index, contact] of contacts.entries()) {
    const before = contact.id === undefined ? undefined : storedById.get(contact.id);
    checkLunarBirthday(contact.birthday, contact.birthdayCalendar, before ? { birthday: before.birthday, calendar: before.birthdayCalendar } : null, ['contacts', String(index), 'birthday']);
  }
}

async function saveContacts(db: Db, customerId: number, contacts: Draft['contacts'], now: number): Promise<void> {
  const existing = new Set((await db.selectFrom('contacts').select('id').where('customer_id', '=', customerId).execute()).map((row) => row.id));
  const kept = new Set<number>();
  for (const [position, contact] of contacts.entries()) {
    const columns = contactColumns(contact, position, now);
    if (contact.id !== undefined) {
      if (!existing.has(contact.id)) {
        throw new AppFailure('VALIDATION', `contact ${contact.id} does not belong to customer ${customerId}`, [
          { path: ['contacts', position, 'id'], message: 'contact' },
        ]);
      }
      kept.add(contact.id);
      await db.updateTable('contacts').set(columns).where('id', '=', contact.id).execute();
    } else {
      await db.insertInto('contacts').values({ ...columns, customer_id: customerId, created_at: now }).execute();
    }
  }
  const removed = [...existing].filter((id) => !kept.has(id));
  if (removed.length > 0) await db.deleteFrom('contacts').where('id', 'in', removed).execute();
}

async function reindex(db: Db, customer: StoredCustomer): Promise<void> {
  await engine.search.put(db, customer.id, searchDocument(customer, customer.kind === 'person'));
}

/**
 * The fields compared for the audit log's "before → after". The birthday carries its calendar
 * ({ date, calendar }): `1990-08-15` alone does not say whether it is lunar, and a change of
 * calendar is a change of the date it names, so there is no separate birthdayCalendar change.
 */
const AUDITED_FIELDS = [...CUSTOMER_FIELDS.filter((field) => field !== 'birthdayCalendar'), 'tags', 'contacts'] as const;
type AuditedField = (typeof AUDITED_FIELDS)[number];

function auditView(customer: StoredCustomer): Record<AuditedField, unknown> {
  const view = Object.fromEntries(AUDITED_FIELDS.map((field) => [field, customer[field]])) as Record<AuditedField, unknown>; // one entry per audited field
  view.birthday = customer.birthday === '' ? '' : { date: customer.birthday, calendar: customer.birthdayCalendar };
  // Each contact as its filled-in fields, so the log can show "name (phone, ...)" in any language.
  view.contacts = customer.contacts.map((contact) =>
    Object.fromEntries(CONTACT_FIELDS.map((field) => [field, contact[field]]).filter(([, value]) => value !== '' && value !== false)),
  );
  return view;
}

async function audit(
  db: Db,
  access: Access,
  now: number,
  action: 'customer.create' | 'customer.update' | 'customer.delete' | 'customer.restore' | 'customer.purge',
  customer: { id: number; name: string },
  changes: ReturnType<typeof changedFields> = [],
): Promise<void> {
  await appendAudit(db, { at: now, userId: access.userId, username: access.username, action, entity: 'customer', entityId: customer.id, label: customer.name, changes });
}

/**
 * Masked text (138****1234) comes back from roles that see contacts masked. It stands for the
 * stored value only if it is exactly that value masked; any other masked text is refused.
 */
function unmask(sent: string, stored: string, access: Access, field: (string | number)[], masker: (value: string) => string): string {
  if (!isMasked(sent)) return sent;
  if (access.mask && sent === masker(stored)) return stored;
  throw new AppFailure('VALIDATION', `${field.join('.')}: masked text cannot be saved`, [{ path: field, message: 'masked' }]);
}

function unmaskDraft(draft: Draft, stored: StoredCustomer | null, access: Access): Draft {
  const storedContacts = new Map((stored?.contacts ?? []).map((c) => [c.id, c]));
  return {
    ...draft,
    phone: unmask(draft.phone, stored?.phone ?? '', access, ['phone'], maskPhone),
    email: unmask(draft.email, stored?.email ?? '', access, ['email'], maskEmail),
    contacts: draft.contacts.map((contact, i) => {
      const before = contact.id === undefined ? undefined : storedContacts.get(contact.id);
      return {
        ...contact,
        phone: unmask(contact.phone, before?.phone ?? '', access, ['contacts', i, 'phone'], maskPhone),
        mobile: unmask(contact.mobile, before?.mobile ?? '', access, ['contacts', i, 'mobile'], maskPhone),
        email: unmask(contact.email, before?.email ?? '', access, ['contacts', i, 'email'], maskEmail),
        wechat: unmask(contact.wechat, before?.wechat ?? '', access, ['contacts', i, 'wechat'], maskWechat),
      };
    }),
  };
}

/** A scoped staff member is always responsible for what they create or keep. */
function scopedOwner(ownerId: number | null, access: Access): number | null {
  if (access.scopeOwnerId === null) return ownerId;
  if (ownerId === null || ownerId === access.scopeOwnerId) return access.scopeOwnerId;
  throw new AppFailure('FORBIDDEN', 'you can only be responsible yourself for the customers you keep', [{ path: ['ownerId'], message: 'scope' }]);
}

export async function createCustomer(db: Db, sent: Draft, access: Access, now: number): Promise<Customer> {
  return transaction(db, async (tx) => {
    // Left out, the creator is responsible (so staff keep seeing what they add once the owner
    // limits staff to their own customers); a viewer-like creator who cannot own leaves it open.
    const chosen = sent.ownerId === undefined ? (canOwnCustomers(access.role) ? access.userId : null) : sent.ownerId;
    const draft = { ...unmaskDraft(sent, null, access), ownerId: scopedOwner(chosen, access) };
    await checkOwner(tx, draft.ownerId, null);
    checkLunarBirthday(draft.birthday, draft.birthdayCalendar, null);
    checkContactBirthdays(draft.contacts, []);
    const [code] = await reserveCustomerCodes(tx, 1);
    const { id } = await tx
      .insertInto('customers')
      .values({ ...draftColumns(draft, now), code: code!, created_by: access.userId, created_at: now, last_contact_at: now }) // one code reserved; its creation is its first contact (areas/care)
      .returning('id')
      .executeTakeFirstOrThrow();
    await saveContacts(tx, id, draft.contacts, now);
    await saveTags(tx, id, draft.tags);
    await tx.insertInto('grade_history').values({ customer_id: id, grade: draft.grade, changed_at: now, changed_by: access.userId }).execute();
    const customer = await getCustomer(tx, id);
    await reindex(tx, customer);
    await audit(tx, access, now, 'customer.create', customer);
    return customerFor(customer, access);
  });
}

export async function updateCustomer(db: Db, id: number, version: number, sent: Draft, access: Access, now: number): Promise<Customer> {
  return transaction(db, async (tx) => {
    const before = await getCustomer(tx, id);
    if (!inScope(before.ownerId, access)) throw notFound(id);
    if (before.version !== version) throw conflict(id);
    const draft = { ...unmaskDraft(sent, before, access), ownerId: scopedOwner(sent.ownerId === undefined ? before.ownerId : sent.ownerId, access) };
    await checkOwner(tx, draft.ownerId, before.ownerId);
    checkLunarBirthday(draft.birthday, draft.birthdayCalendar, { birthday: before.birthday, calendar: before.birthdayCalendar });
    checkContactBirthdays(draft.contacts, before.contacts);
    await tx
      .updateTable('customers')
      .set({ ...draftColumns(draft, now), version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .execute();
    await saveContacts(tx, id, draft.contacts, now);
    await saveTags(tx, id, draft.tags);
    if (before.grade !== draft.grade) {
      await tx.insertInto('grade_history').values({ customer_id: id, grade: draft.grade, changed_at: now, changed_by: access.userId }).execute();
    }
    const customer = await getCustomer(tx, id);
    await reindex(tx, customer);
    await audit(tx, access, now, 'customer.update', customer, changedFields(auditView(before), auditView(customer), AUDITED_FIELDS));
    return customerFor(customer, access);
  });
}

function conflict(id: number): AppFailure {
  return new AppFailure('CONFLICT', `customer ${id} was changed by someone else since it was opened; reload it and apply your changes again`);
}

/**
 * The row as stored, checked against the caller's scope and the row-level rule the UI is given
 * too (customerActions: staff delete, restore and purge only the customers they created).
 */
async function deletable(db: Db, id: number, access: Access, action: 'delete' | 'purge') {
  const row = await db.selectFrom('customers').select(['id', 'name', 'version', 'owner_id', 'created_by', 'deleted_at', 'merged_into']).where('id', '=', id).executeTakeFirst();
  // A merged customer is restored by undoing its merge, and never purged while that can be done.
  if (!row || !inScope(row.owner_id, access) || row.merged_into !== null) throw new AppFailure('NOT_FOUND', `customer ${id} does not exist`);
  if (!customerActions(access, { createdBy: row.created_by })[action]) {
    throw new AppFailure('FORBIDDEN', `customers.${action}: your role may ${action === 'delete' ? 'delete and restore' : 'purge'} only the customers you created`);
  }
  return row;
}

export async function deleteCustomer(db: Db, id: number, version: number, access: Access, now: number): Promise<{ id: number }> {
  return transaction(db, async (tx) => {
    const row = await deletable(tx, id, access, 'delete');
    if (row.deleted_at !== null) throw notFound(id);
    if (row.version !== version) throw conflict(id);
    await tx.updateTable('customers').set({ deleted_at: now, updated_at: now, version: version + 1 }).where('id', '=', id).execute();
    await engine.search.remove(tx, id);
    await countSurveysOf(tx, id, -1); // its surveys are hidden with it: out of the shop's trends too
    await audit(tx, access, now, 'customer.delete', row);
    return { id };
  });
}

export async function restoreCustomer(db: Db, id: number, access: Access, now: number): Promise<Customer> {
  return transaction(db, async (tx) => {
    const row = await deletable(tx, id, access, 'delete');
    if (row.deleted_at === null) throw new AppFailure('CONFLICT', `customer ${id} is not in the recycle bin`);
    await tx
      .updateTable('customers')
      .set((eb) => ({ deleted_at: null, updated_at: now, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute();
    const customer = await getCustomer(tx, id);
    await reindex(tx, customer);
    await countSurveysOf(tx, id, 1);
    await audit(tx, access, now, 'customer.restore', customer);
    return customerFor(customer, access);
  });
}

/** Permanently removes a customer from the recycle bin, with its contacts, tags and grade history. */
export async function purgeCustomer(db: Db, id: number, access: Access, now: number): Promise<{ id: number }> {
  return transaction(db, async (tx) => {
    const row = await deletable(tx, id, access, 'purge');
    if (row.deleted_at === null) throw new AppFailure('CONFLICT', `customer ${id} is not in the recycle bin; delete it first`);
    // Its files first (its contracts' files are found through its contracts), their chunks freed with the last holder.
    await purgeCustomerAttachments(tx, id);
    // Its Today marks while the visits, records, complaints, contracts and contacts they name are still there.
    await purgeInboxMarksOf(tx, id);
    // Its visits before its records (a done visit points at the record it made), its records
    // (participants, search documents) before its contracts (a service record may name one).
    // Its surveys after its complaints (a complaint names its survey), before its visits and records (a survey names them).
    await purgeSalesOf(tx, id); // before its contracts, which a sale may name
    await purgeComplaintsOf(tx, id);
    await purgeSurveysOf(tx, id);
    await purgeVisitsOf(tx, id);
    await purgeRecordsOf(tx, id);
    await purgeCareOf(tx, id); // before its contracts and contacts, which its care notes may name
    await purgeNeedsOf(tx, id); // before its contacts, which its decision makers name
    await purgeStoriesOf(tx, id); // their links to its files went with the files (ON DELETE CASCADE)
    await purgeInvitationsOf(tx, id); // before its contacts, which an invitation may name
    await purgeContractsOf(tx, id);
    await tx.deleteFrom('customers').where('id', '=', id).execute();
    await engine.search.remove(tx, id);
    await audit(tx, access, now, 'customer.purge', row);
    return { id };
  });
}

/** Live customers whose creator is an active user who can own customers. */
function creatorCanOwn(eb: ExpressionBuilder<DB, 'customers'>) {
  return eb('created_by', 'in', eb.selectFrom('users').select('id').where('active', '=', 1).where('role', 'in', CUSTOMER_OWNER_ROLES));
}

function unassigned(db: Db) {
  return db.updateTable('customers').where('deleted_at', 'is', null).where('owner_id', 'is', null);
}

async function countUnassigned(db: Db, onlyWithCreator: boolean): Promise<number> {
  let q = db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('count')).where('deleted_at', 'is', null).where('owner_id', 'is', null);
  if (onlyWithCreator) q = q.where(creatorCanOwn);
  return (await q.executeTakeFirst())?.count ?? 0;
}

/** Customers nobody is responsible for: staff limited to their own customers would not see them. */
export async function unassignedCustomers(db: Db): Promise<{ count: number; withCreator: number }> {
  return { count: await countUnassigned(db, false), withCreator: await countUnassigned(db, true) };
}

/**
 * Each unassigned live customer goes to whoever created it, where that person is an active user
 * who can own customers; the rest to `othersTo` (or stay unassigned when null). Versions move on,
 * so a form opened before this cannot silently put the old (empty) value back.
 */
export async function assignUnassignedCustomers(
  db: Db,
  othersTo: number | null,
  access: Access,
  now: number,
): Promise<{ toCreator: number; toOthers: number; remaining: number }> {
  return transaction(db, async (tx) => {
    await checkOwner(tx, othersTo, null, ['othersTo']);
    const updated = (result: { numUpdatedRows: bigint }) => Number(result.numUpdatedRows);
    const toCreator = updated(
      await unassigned(tx)
        .where(creatorCanOwn)
        .set((eb) => ({ owner_id: eb.ref('created_by'), version: eb('version', '+', 1), updated_at: now }))
        .executeTakeFirstOrThrow(),
    );
    const toOthers =
      othersTo === null
        ? 0
        : updated(await unassigned(tx).set((eb) => ({ owner_id: othersTo, version: eb('version', '+', 1), updated_at: now })).executeTakeFirstOrThrow());
    const remaining = await countUnassigned(tx, false);
    const label = othersTo === null ? null : ((await tx.selectFrom('users').select(['display_name', 'username']).where('id', '=', othersTo).executeTakeFirst()) ?? null);
    await appendAudit(tx, {
      at: now,
      userId: access.userId,
      username: access.username,
      action: 'customer.assignOwners',
      entity: 'customer',
      label: label ? label.display_name || label.username : '',
      changes: [
        { field: 'toCreator', before: null, after: toCreator },
        { field: 'toOthers', before: null, after: toOthers },
      ],
    });
    return { toCreator, toOthers, remaining };
  });
}
