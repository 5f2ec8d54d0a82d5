// The customer archive: list (keyset pages), count, detail, create, update (optimistic
// concurrency), soft delete and restore. Search index entries are written in the same transaction.
import { type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import type { z } from 'zod';
import { AppFailure } from '../../../../shared/errors.ts';
import type { Customer, CustomerDraft, CustomerFilters, CustomerPage, CustomerQuery, CustomerRow } from '../../../../shared/api/customers.ts';
import { all, first, qb, run, transaction, type Db } from '../../db/sql.ts';
import type { DB } from '../../db/schema.ts';
import { indexDocument, removeDocument, SEARCH_KIND, searchRowId } from '../../db/sqlite/search-index.ts';
import { nameSortKey, searchDocument } from '../search/search-text.ts';
import { searchFilter } from '../search/service.ts';
import { decodeCursor, encodeCursor } from '../../db/keyset.ts';
import { isMasked, maskEmail, maskPhone, maskWechat } from '../../../../shared/masking.ts';
import { maskCustomer, maskRow, type Access } from '../users/access.ts';
import { appendAudit, changedFields } from '../audit/service.ts';
import { checkLunarBirthday } from './lunar-calendar.ts';
import { canOwnCustomers, CUSTOMER_OWNER_ROLES, customerActions } from '../../../../shared/roles.ts';
import { inPinyinOrder, regionSortKey } from './sort-keys.ts';

type Draft = z.output<typeof CustomerDraft>;
type Query = z.output<typeof CustomerQuery>;

const ROW_COLUMNS = [
  'c.id',
  'c.code',
  'c.kind',
  'c.name',
  'c.industry',
  'c.region',
  'c.phone',
  'c.stage',
  'c.grade',
  'u.display_name as ownerName',
  'c.updated_at as updatedAt',
  'c.deleted_at as deletedAt',
  'c.created_by as createdBy',
] as const;

/** A row as selected: what the caller gets, less the actions, plus what the actions are derived from. */
type StoredRow = Omit<CustomerRow, 'actions'> & { createdBy: number | null };
type Listing = SelectQueryBuilder<DB & { c: DB['customers']; u: DB['users'] }, 'c' | 'u', StoredRow>;

function listing(): Listing {
  return qb
    .selectFrom('customers as c')
    .leftJoin('users as u', 'u.id', 'c.owner_id')
    .select(ROW_COLUMNS) as unknown as Listing; // the selected columns are exactly StoredRow's
}

/** A row as this caller may see it: masked for their role, with what they may do with it. */
function rowFor(row: StoredRow, access: Access): CustomerRow {
  return maskRow(
    {
      id: row.id,
      code: row.code,
      kind: row.kind,
      name: row.name,
      industry: row.industry,
      region: row.region,
      phone: row.phone,
      stage: row.stage,
      grade: row.grade,
      ownerName: row.ownerName,
      updatedAt: row.updatedAt,
      deletedAt: row.deletedAt,
      actions: customerActions(access, row),
    },
    access,
  );
}

function applyFilters<Q extends SelectQueryBuilder<any, any, any>>(query: Q, filters: CustomerFilters, access: Access): Q { // eslint-disable-line @typescript-eslint/no-explicit-any -- shared by the row and count queries
  let q = query.where('c.deleted_at', 'is', null);
  if (access.scopeOwnerId !== null) q = q.where('c.owner_id', '=', access.scopeOwnerId);
  if (filters.grade) q = q.where('c.grade', '=', filters.grade);
  if (filters.stage) q = q.where('c.stage', '=', filters.stage);
  if (filters.industry) q = q.where('c.industry', '=', filters.industry);
  if (filters.region) q = q.where('c.region', '=', filters.region);
  if (filters.ownerId) q = q.where('c.owner_id', '=', filters.ownerId);
  if (filters.noOwner) q = q.where('c.owner_id', 'is', null);
  if (filters.q !== undefined) q = q.where(searchFilter(filters.q, access));
  if (filters.tag) {
    const tag = filters.tag;
    q = q.where('c.id', 'in', (eb: ExpressionBuilder<DB, 'customers'>) =>
      eb.selectFrom('customer_tags as ct').innerJoin('tags as t', 't.id', 'ct.tag_id').select('ct.customer_id').where('t.name', '=', tag),
    );
  }
  return q as Q;
}

/** The columns a sort orders by, ending with the id that makes every key unique. */
const SORT_KEYS = {
  name: ['c.name_sort', 'c.id'],
  updated: ['c.updated_at', 'c.id'],
  grade: ['c.grade_rank', 'c.name_sort', 'c.id'],
  code: ['c.code', 'c.id'],
  // Pinyin order of the region (blank last), then the name within a region.
  region: ['c.region_sort', 'c.name_sort', 'c.id'],
  // Lifecycle order (lead → lost), then the name within a stage.
  stage: ['c.stage_rank', 'c.name_sort', 'c.id'],
} as const;

/** Keyset condition: rows strictly after the cursor's key in the sort order (row-value compare). */
function afterCursor(q: Listing, sort: Query['sort'], op: '>' | '<', key: (string | number)[]): Listing {
  const [a, b, c] = key as [never, never, never]; // decodeCursor checked the length; SQLite compares the values as stored
  switch (sort) {
    case 'name':
      return q.where((eb) => eb(eb.refTuple('c.name_sort', 'c.id'), op, eb.tuple(a, b)));
    case 'updated':
      return q.where((eb) => eb(eb.refTuple('c.updated_at', 'c.id'), op, eb.tuple(a, b)));
    case 'grade':
      return q.where((eb) => eb(eb.refTuple('c.grade_rank', 'c.name_sort', 'c.id'), op, eb.tuple(a, b, c)));
    case 'code':
      return q.where((eb) => eb(eb.refTuple('c.code', 'c.id'), op, eb.tuple(a, b)));
    case 'region':
      return q.where((eb) => eb(eb.refTuple('c.region_sort', 'c.name_sort', 'c.id'), op, eb.tuple(a, b, c)));
    case 'stage':
      return q.where((eb) => eb(eb.refTuple('c.stage_rank', 'c.name_sort', 'c.id'), op, eb.tuple(a, b, c)));
  }
}

export function listCustomers(db: Db, query: Query, access: Access): z.infer<typeof CustomerPage> {
  const keys = SORT_KEYS[query.sort];
  const direction = query.direction;
  let q = applyFilters(listing(), query, access);
  if (query.cursor !== null) q = afterCursor(q, query.sort, direction === 'asc' ? '>' : '<', decodeCursor(query.cursor, keys.length));
  for (const key of keys) q = q.orderBy(key, direction);
  const rows = all(db, q.select(keys.map((key) => `${key} as _${key.slice(2)}`) as never).limit(query.limit + 1)) as (StoredRow &
    Record<string, string | number>)[]; // the extra _sort columns ride along to build the cursor
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page.at(-1);
  const nextCursor = more && last ? encodeCursor(keys.map((key) => last[`_${key.slice(2)}`] as string | number)) : null;
  return { rows: page.map((row) => rowFor(row, access)), nextCursor };
}

export function countCustomers(db: Db, filters: CustomerFilters, access: Access): number {
  const filtered = access.scopeOwnerId !== null || Object.values(filters).some((value) => value !== undefined && value !== '');
  if (!filtered) {
    // SQLite counts a whole table from its smallest index almost for free, but "WHERE deleted_at
    // IS NULL" makes it scan every row: so count everything and subtract the recycle bin.
    const everything = first(db, qb.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('count')))?.count ?? 0;
    const inBin = first(db, qb.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('count')).where('deleted_at', 'is not', null))?.count ?? 0;
    return everything - inBin;
  }
  const q = applyFilters(qb.selectFrom('customers as c').select((eb) => eb.fn.countAll<number>().as('count')), filters, access);
  return first(db, q)?.count ?? 0;
}

export function customerFacets(db: Db, access: Access): { industries: string[]; regions: string[]; tags: string[] } {
  const scope = access.scopeOwnerId;
  const distinct = (column: 'industry' | 'region') => {
    let q = qb.selectFrom('customers').select(column).distinct().where('deleted_at', 'is', null).where(column, '!=', '');
    if (scope !== null) q = q.where('owner_id', '=', scope);
    return inPinyinOrder(all(db, q.orderBy(column).limit(500)).map((row) => row[column]));
  };
  let tags = qb.selectFrom('tags as t').select('t.name').orderBy('t.name').limit(1000);
  if (scope !== null) {
    tags = tags.where('t.id', 'in', (eb) =>
      eb.selectFrom('customer_tags as ct').innerJoin('customers as c', 'c.id', 'ct.customer_id').select('ct.tag_id').where('c.owner_id', '=', scope),
    );
  }
  return { industries: distinct('industry'), regions: distinct('region'), tags: inPinyinOrder(all(db, tags).map((row) => row.name)) };
}

export function listDeletedCustomers(db: Db, cursor: string | null, limit: number, access: Access): z.infer<typeof CustomerPage> {
  let q = listing().where('c.deleted_at', 'is not', null);
  if (access.scopeOwnerId !== null) q = q.where('c.owner_id', '=', access.scopeOwnerId);
  if (cursor !== null) {
    const [deletedAt, id] = decodeCursor(cursor, 2) as [number, number];
    q = q.where((eb) => eb(eb.refTuple('c.deleted_at', 'c.id'), '<', eb.tuple(deletedAt, id)));
  }
  const rows = all(db, q.orderBy('c.deleted_at', 'desc').orderBy('c.id', 'desc').limit(limit + 1));
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page.at(-1);
  return { rows: page.map((row) => rowFor(row, access)), nextCursor: more && last ? encodeCursor([last.deletedAt ?? 0, last.id]) : null };
}

/** A customer as stored: what callers get, less the actions, plus who created it. */
type StoredCustomer = Omit<Customer, 'actions'> & { createdBy: number | null };

function getCustomer(db: Db, id: number, options: { includeDeleted?: boolean } = {}): StoredCustomer {
  const row = first(
    db,
    qb.selectFrom('customers as c').leftJoin('users as u', 'u.id', 'c.owner_id').selectAll('c').select('u.display_name as owner_name').where('c.id', '=', id),
  );
  if (!row || (row.deleted_at !== null && !options.includeDeleted)) throw new AppFailure('NOT_FOUND', `customer ${id} does not exist or is in the recycle bin`);
  const contacts = all(db, qb.selectFrom('contacts').selectAll().where('customer_id', '=', id).orderBy('position'));
  const tags = all(
    db,
    qb.selectFrom('customer_tags as ct').innerJoin('tags as t', 't.id', 'ct.tag_id').select('t.name').where('ct.customer_id', '=', id).orderBy('t.name'),
  );
  const history = all(
    db,
    qb
      .selectFrom('grade_history as g')
      .leftJoin('users as u', 'u.id', 'g.changed_by')
      .select(['g.grade', 'g.changed_at', 'u.display_name'])
      .where('g.customer_id', '=', id)
      .orderBy('g.changed_at', 'desc')
      .orderBy('g.id', 'desc'),
  );
  return {
    id: row.id,
    code: row.code,
    kind: row.kind,
    name: row.name,
    industry: row.industry,
    region: row.region,
    address: row.address,
    phone: row.phone,
    email: row.email,
    website: row.website,
    source: row.source,
    size: row.size,
    stage: row.stage,
    grade: row.grade,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    birthday: row.birthday,
    birthdayCalendar: row.birthday_calendar,
    notes: row.notes,
    tags: tags.map((tag) => tag.name),
    contacts: contacts.map((c) => ({
      id: c.id,
      name: c.name,
      title: c.title,
      phone: c.phone,
      mobile: c.mobile,
      email: c.email,
      wechat: c.wechat,
      decisionMaker: c.decision_maker === 1,
      birthday: c.birthday,
    })),
    gradeHistory: history.map((h) => ({ grade: h.grade as Customer['grade'], at: h.changed_at, byName: h.display_name })),
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
export function readCustomer(db: Db, id: number, access: Access): Customer {
  const customer = getCustomer(db, id);
  if (!inScope(customer.ownerId, access)) throw notFound(id);
  return customerFor(customer, access);
}

function inScope(ownerId: number | null, access: Access): boolean {
  return access.scopeOwnerId === null || ownerId === access.scopeOwnerId;
}

function notFound(id: number): AppFailure {
  return new AppFailure('NOT_FOUND', `customer ${id} does not exist or is in the recycle bin`);
}

function customerColumns(draft: Draft & { ownerId: number | null }, now: number) {
  return {
    kind: draft.kind,
    name: draft.name,
    name_sort: nameSortKey(draft.name, draft.kind === 'person'),
    industry: draft.industry,
    region: draft.region,
    region_sort: regionSortKey(draft.region),
    address: draft.address,
    phone: draft.phone,
    email: draft.email,
    website: draft.website,
    source: draft.source,
    size: draft.size,
    stage: draft.stage,
    grade: draft.grade,
    owner_id: draft.ownerId,
    birthday: draft.birthday,
    birthday_calendar: draft.birthdayCalendar,
    notes: draft.notes,
    updated_at: now,
  };
}

/**
 * A newly chosen responsible staff member must be an active user whose role can own customers
 * (not a viewer). Keeping the one a customer already has is always allowed, so a customer whose
 * staff member left or became a viewer can still be edited.
 */
function checkOwner(db: Db, ownerId: number | null, current: number | null, field: (string | number)[] = ['ownerId']): void {
  if (ownerId === null || ownerId === current) return;
  const owner = first(db, qb.selectFrom('users').select(['id', 'role', 'active']).where('id', '=', ownerId));
  if (!owner || owner.active !== 1 || !canOwnCustomers(owner.role)) {
    throw new AppFailure('VALIDATION', `user ${ownerId} cannot be responsible for customers (no such active staff member)`, [{ path: field, message: 'ownerId' }]);
  }
}

function nextCustomerCode(db: Db): string {
  const row = first(db, qb.selectFrom('settings').select('value').where('key', '=', 'customer_code_next'));
  const next = row ? Number(row.value) : 1;
  run(
    db,
    qb
      .insertInto('settings')
      .values({ key: 'customer_code_next', value: String(next + 1) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(next + 1) })),
  );
  return `C${String(next).padStart(6, '0')}`;
}

function saveTags(db: Db, customerId: number, tags: readonly string[]): void {
  run(db, qb.deleteFrom('customer_tags').where('customer_id', '=', customerId));
  const unique = [...new Map(tags.map((tag) => [tag.toLowerCase(), tag])).values()];
  for (const name of unique) {
    run(db, qb.insertInto('tags').values({ name }).onConflict((oc) => oc.column('name').doNothing()));
    const tag = first(db, qb.selectFrom('tags').select('id').where('name', '=', name));
    if (tag) run(db, qb.insertInto('customer_tags').values({ customer_id: customerId, tag_id: tag.id }));
  }
}

function saveContacts(db: Db, customerId: number, contacts: Draft['contacts'], now: number): void {
  const existing = new Set(all(db, qb.selectFrom('contacts').select('id').where('customer_id', '=', customerId)).map((row) => row.id));
  const kept = new Set<number>();
  contacts.forEach((contact, position) => {
    const columns = {
      position,
      name: contact.name,
      title: contact.title,
      phone: contact.phone,
      mobile: contact.mobile,
      email: contact.email,
      wechat: contact.wechat,
      decision_maker: contact.decisionMaker ? 1 : 0,
      birthday: contact.birthday,
      updated_at: now,
    };
    if (contact.id !== undefined) {
      if (!existing.has(contact.id)) {
        throw new AppFailure('VALIDATION', `contact ${contact.id} does not belong to customer ${customerId}`, [
          { path: ['contacts', position, 'id'], message: 'contact' },
        ]);
      }
      kept.add(contact.id);
      run(db, qb.updateTable('contacts').set(columns).where('id', '=', contact.id));
    } else {
      run(db, qb.insertInto('contacts').values({ ...columns, customer_id: customerId, created_at: now }));
    }
  });
  const removed = [...existing].filter((id) => !kept.has(id));
  if (removed.length > 0) run(db, qb.deleteFrom('contacts').where('id', 'in', removed));
}

function reindex(db: Db, customer: StoredCustomer): void {
  indexDocument(db, searchRowId(SEARCH_KIND.customer, customer.id), searchDocument(customer, customer.kind === 'person'));
}

/**
 * The fields compared for the audit log's "before → after". The birthday carries its calendar
 * ({ date, calendar }): `1990-08-15` alone does not say whether it is lunar, and a change of
 * calendar is a change of the date it names, so there is no separate birthdayCalendar change.
 */
const AUDITED_FIELDS = [
  'kind', 'name', 'industry', 'region', 'address', 'phone', 'email', 'website', 'source', 'size', 'stage', 'grade',
  'ownerId', 'birthday', 'notes', 'tags', 'contacts',
] as const;

function auditView(customer: StoredCustomer): Record<(typeof AUDITED_FIELDS)[number], unknown> {
  const view = Object.fromEntries(AUDITED_FIELDS.map((field) => [field, customer[field]])) as Record<(typeof AUDITED_FIELDS)[number], unknown>;
  view.birthday = customer.birthday === '' ? '' : { date: customer.birthday, calendar: customer.birthdayCalendar };
  // Each contact as its filled-in fields, so the log can show "name (phone, ...)" in any language.
  view.contacts = customer.contacts.map(({ name, title, phone, mobile, email, wechat, decisionMaker, birthday }) =>
    Object.fromEntries(Object.entries({ name, title, phone, mobile, email, wechat, decisionMaker, birthday }).filter(([, v]) => v !== '' && v !== false)),
  );
  return view;
}

function audit(db: Db, access: Access, now: number, action: 'customer.create' | 'customer.update' | 'customer.delete' | 'customer.restore' | 'customer.purge', customer: { id: number; name: string }, changes: ReturnType<typeof changedFields> = []): void {
  appendAudit(db, { at: now, userId: access.userId, username: access.username, action, entity: 'customer', entityId: customer.id, label: customer.name, changes });
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

export function createCustomer(db: Db, sent: Draft, access: Access, now: number): Customer {
  return transaction(db, () => {
    // Left out, the creator is responsible (so staff keep seeing what they add once the owner
    // limits staff to their own customers); a viewer-like creator who cannot own leaves it open.
    const chosen = sent.ownerId === undefined ? (canOwnCustomers(access.role) ? access.userId : null) : sent.ownerId;
    const draft = { ...unmaskDraft(sent, null, access), ownerId: scopedOwner(chosen, access) };
    checkOwner(db, draft.ownerId, null);
    checkLunarBirthday(draft.birthday, draft.birthdayCalendar, null);
    const code = nextCustomerCode(db);
    const { lastInsertRowid: id } = run(
      db,
      qb.insertInto('customers').values({ ...customerColumns(draft, now), code, created_by: access.userId, created_at: now }),
    );
    saveContacts(db, id, draft.contacts, now);
    saveTags(db, id, draft.tags);
    run(db, qb.insertInto('grade_history').values({ customer_id: id, grade: draft.grade, changed_at: now, changed_by: access.userId }));
    const customer = getCustomer(db, id);
    reindex(db, customer);
    audit(db, access, now, 'customer.create', customer);
    return customerFor(customer, access);
  });
}

export function updateCustomer(db: Db, id: number, version: number, sent: Draft, access: Access, now: number): Customer {
  return transaction(db, () => {
    const before = getCustomer(db, id);
    if (!inScope(before.ownerId, access)) throw notFound(id);
    if (before.version !== version) throw conflict(id);
    const draft = { ...unmaskDraft(sent, before, access), ownerId: scopedOwner(sent.ownerId === undefined ? before.ownerId : sent.ownerId, access) };
    checkOwner(db, draft.ownerId, before.ownerId);
    checkLunarBirthday(draft.birthday, draft.birthdayCalendar, { birthday: before.birthday, calendar: before.birthdayCalendar });
    run(db, qb.updateTable('customers').set({ ...customerColumns(draft, now), version: version + 1 }).where('id', '=', id).where('version', '=', version));
    saveContacts(db, id, draft.contacts, now);
    saveTags(db, id, draft.tags);
    if (before.grade !== draft.grade) {
      run(db, qb.insertInto('grade_history').values({ customer_id: id, grade: draft.grade, changed_at: now, changed_by: access.userId }));
    }
    const customer = getCustomer(db, id);
    reindex(db, customer);
    audit(db, access, now, 'customer.update', customer, changedFields(auditView(before), auditView(customer), AUDITED_FIELDS));
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
function deletable(db: Db, id: number, access: Access, action: 'delete' | 'purge') {
  const row = first(db, qb.selectFrom('customers').select(['id', 'name', 'version', 'owner_id', 'created_by', 'deleted_at']).where('id', '=', id));
  if (!row || !inScope(row.owner_id, access)) throw new AppFailure('NOT_FOUND', `customer ${id} does not exist`);
  if (!customerActions(access, { createdBy: row.created_by })[action]) {
    throw new AppFailure('FORBIDDEN', `customers.${action}: your role may ${action === 'delete' ? 'delete and restore' : 'purge'} only the customers you created`);
  }
  return row;
}

export function deleteCustomer(db: Db, id: number, version: number, access: Access, now: number): { id: number } {
  return transaction(db, () => {
    const row = deletable(db, id, access, 'delete');
    if (row.deleted_at !== null) throw notFound(id);
    if (row.version !== version) throw conflict(id);
    run(db, qb.updateTable('customers').set({ deleted_at: now, updated_at: now, version: version + 1 }).where('id', '=', id));
    removeDocument(db, searchRowId(SEARCH_KIND.customer, id));
    audit(db, access, now, 'customer.delete', row);
    return { id };
  });
}

export function restoreCustomer(db: Db, id: number, access: Access, now: number): Customer {
  return transaction(db, () => {
    const row = deletable(db, id, access, 'delete');
    if (row.deleted_at === null) throw new AppFailure('CONFLICT', `customer ${id} is not in the recycle bin`);
    run(db, qb.updateTable('customers').set((eb) => ({ deleted_at: null, updated_at: now, version: eb('version', '+', 1) })).where('id', '=', id));
    const customer = getCustomer(db, id);
    reindex(db, customer);
    audit(db, access, now, 'customer.restore', customer);
    return customerFor(customer, access);
  });
}

/** Permanently removes a customer from the recycle bin, with its contacts, tags and grade history. */
export function purgeCustomer(db: Db, id: number, access: Access, now: number): { id: number } {
  return transaction(db, () => {
    const row = deletable(db, id, access, 'purge');
    if (row.deleted_at === null) throw new AppFailure('CONFLICT', `customer ${id} is not in the recycle bin; delete it first`);
    run(db, qb.deleteFrom('customers').where('id', '=', id));
    removeDocument(db, searchRowId(SEARCH_KIND.customer, id));
    audit(db, access, now, 'customer.purge', row);
    return { id };
  });
}

/** Live customers whose creator is an active user who can own customers. */
function creatorCanOwn(eb: ExpressionBuilder<DB, 'customers'>) {
  return eb('created_by', 'in', eb.selectFrom('users').select('id').where('active', '=', 1).where('role', 'in', CUSTOMER_OWNER_ROLES));
}

function unassigned() {
  return qb.updateTable('customers').where('deleted_at', 'is', null).where('owner_id', 'is', null);
}

function countUnassigned(db: Db, onlyWithCreator: boolean): number {
  let q = qb.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('count')).where('deleted_at', 'is', null).where('owner_id', 'is', null);
  if (onlyWithCreator) q = q.where(creatorCanOwn);
  return first(db, q)?.count ?? 0;
}

/** Customers nobody is responsible for: staff limited to their own customers would not see them. */
export function unassignedCustomers(db: Db): { count: number; withCreator: number } {
  return { count: countUnassigned(db, false), withCreator: countUnassigned(db, true) };
}

/**
 * Each unassigned live customer goes to whoever created it, where that person is an active user
 * who can own customers; the rest to `othersTo` (or stay unassigned when null). Versions move on,
 * so a form opened before this cannot silently put the old (empty) value back.
 */
export function assignUnassignedCustomers(db: Db, othersTo: number | null, access: Access, now: number): { toCreator: number; toOthers: number; remaining: number } {
  return transaction(db, () => {
    checkOwner(db, othersTo, null, ['othersTo']);
    const toCreator = Number(
      run(db, unassigned().where(creatorCanOwn).set((eb) => ({ owner_id: eb.ref('created_by'), version: eb('version', '+', 1), updated_at: now }))).changes,
    );
    const toOthers =
      othersTo === null ? 0 : Number(run(db, unassigned().set((eb) => ({ owner_id: othersTo, version: eb('version', '+', 1), updated_at: now }))).changes);
    const remaining = countUnassigned(db, false);
    const label = othersTo === null ? '' : (first(db, qb.selectFrom('users').select(['display_name', 'username']).where('id', '=', othersTo)) ?? null);
    appendAudit(db, {
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
