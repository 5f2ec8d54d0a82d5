// Sales and the catalogue: the list (newest first, keyset), the count with its totals per currency,
// a sale with its lines, create, edit (the whole sale, lines replaced), delete to and restore from
// the recycle bin, and a bulk insert for seeding and imports. A caller sees the sales of the
// customers they may see (the staff-scope setting); a customer in the recycle bin hides its sales,
// and its purge removes them (purgeSalesOf). Money is integer minor units computed with BigInt
// (shared/api/sales.ts lineAmountMinor). Every change writes its audit entry and keeps the search
// index in its own transaction; the summary tables are kept by triggers (migration 0022).
import { sql, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { z } from 'zod';
import { formatAmount } from '../../../../shared/api/contracts.ts';
import {
  CATALOGUE_MAX,
  lineAmountMinor,
  saleActions,
  totalsByCurrency,
  type CatalogueDraft,
  type CatalogueItem,
  type CatalogueQuery,
  type CatalogueUpdate,
  type Sale,
  type SaleCount,
  type SaleDraftValue,
  type SaleFilters,
  type SaleLine,
  type SalePage,
  type SaleQuery,
  type SaleRow,
} from '../../../../shared/api/sales.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import { canOwnCustomers } from '../../../../shared/roles.ts';
import type { ValidationMessage } from '../../../../shared/validation.ts';
import { transaction, type Db } from '../../db/database.ts';
import { keysetPage, type SortColumn } from '../../db/keyset.ts';
import type { DB } from '../../db/schema.ts';
import { appendAudit, type FieldChange } from '../audit/service.ts';
import type { Actor } from '../records/service.ts';
import type { Access } from '../users/access.ts';
import { indexNewSales, indexSale, unindexSalesOf } from './search.ts';
import { lineSummary, summaryOf } from './summary-text.ts';
import { onSaleChanged } from '../loyalty/sale-points.ts';

export type { Actor } from '../records/service.ts';

type Filters = z.output<typeof SaleFilters>;
type Query = z.output<typeof SaleQuery>;

function invalid(operation: string, message: string, path: (string | number)[], reason: ValidationMessage): AppFailure {
  return new AppFailure('VALIDATION', `${operation}: ${message}`, [{ path: path.map(String), message: reason }]);
}

// ---------------------------------------------------------------------------------------------
// Catalogue

function itemFor(row: { id: number; name: string; kind: 'product' | 'service'; unit: string; price_minor: number; currency: string; active: number; version: number }): CatalogueItem {
  return { id: row.id, name: row.name, kind: row.kind, unit: row.unit, priceMinor: row.price_minor, currency: row.currency, active: row.active === 1, version: row.version };
}

const ITEM_COLUMNS = ['id', 'name', 'kind', 'unit', 'price_minor', 'currency', 'active', 'version'] as const;

/** Active items by name (and the retired ones when asked); `q` matches part of the name, letter case ignored. */
export async function listCatalogue(db: Db, query: z.output<typeof CatalogueQuery>): Promise<{ rows: CatalogueItem[] }> {
  let q = db.selectFrom('catalogue_items').select(ITEM_COLUMNS);
  if (!query.includeInactive) q = q.where('active', '=', 1);
  if (query.q) q = q.where(sql<SqlBool>`instr(lower(name), lower(${query.q})) > 0`);
  const rows = await q.orderBy('active', 'desc').orderBy(sql`name COLLATE NOCASE`).orderBy('id').limit(CATALOGUE_MAX).execute();
  return { rows: rows.map(itemFor) };
}

async function readItem(db: Db, id: number, operation: string) {
  const row = await db.selectFrom('catalogue_items').select(ITEM_COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppFailure('NOT_FOUND', `${operation}: catalogue item ${id} does not exist`);
  return row;
}

/** An active item of another id has this name (letter case ignored) → CONFLICT, the name 'taken'. */
async function checkNameFree(db: Db, name: string, exceptId: number | null, operation: string): Promise<void> {
  let q = db.selectFrom('catalogue_items').select('id').where('active', '=', 1).where(sql<SqlBool>`name = ${name} COLLATE NOCASE`);
  if (exceptId !== null) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) {
    throw new AppFailure('CONFLICT', `${operation}: the catalogue already has an item named "${name}"`, [{ path: ['name'], message: 'taken' }]);
  }
}

async function auditItem(tx: Db, actor: Actor, action: 'catalogue.create' | 'catalogue.update' | 'catalogue.setActive', item: { id: number; name: string }, changes: FieldChange[]): Promise<void> {
  await appendAudit(tx, { at: actor.now, userId: actor.userId, username: actor.username, action, entity: 'catalogueItem', entityId: item.id, label: item.name, changes });
}

export async function createCatalogueItem(db: Db, draft: z.output<typeof CatalogueDraft>, actor: Actor): Promise<CatalogueItem> {
  return transaction(db, async (tx) => {
    const count = (await tx.selectFrom('catalogue_items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    if (count >= CATALOGUE_MAX) throw new AppFailure('TOO_LARGE', `catalogue.create: a catalogue holds at most ${CATALOGUE_MAX} items; retire or reuse one`, { limit: CATALOGUE_MAX });
    await checkNameFree(tx, draft.name, null, 'catalogue.create');
    const { id } = await tx
      .insertInto('catalogue_items')
      .values({ name: draft.name, kind: draft.kind, unit: draft.unit, price_minor: draft.priceMinor, currency: draft.currency, created_at: actor.now, updated_at: actor.now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await auditItem(tx, actor, 'catalogue.create', { id, name: draft.name }, [
      { field: 'name', before: null, after: draft.name },
      { field: 'price', before: null, after: `${formatAmount(draft.priceMinor, draft.currency)} ${draft.currency}` },
    ]);
    return itemFor(await readItem(tx, id, 'catalogue.create'));
  });
}

export async function updateCatalogueItem(db: Db, input: z.output<typeof CatalogueUpdate>, actor: Actor): Promise<CatalogueItem> {
  return transaction(db, async (tx) => {
    const row = await readItem(tx, input.id, 'catalogue.update');
    if (row.version !== input.version) throw new AppFailure('CONFLICT', `catalogue.update: item ${input.id} was changed by someone else; reload it and apply your changes again`);
    const next = { name: input.name ?? row.name, kind: input.kind ?? row.kind, unit: input.unit ?? row.unit, price_minor: input.priceMinor ?? row.price_minor, currency: input.currency ?? row.currency };
    if (row.active === 1) await checkNameFree(tx, next.name, row.id, 'catalogue.update');
    await tx
      .updateTable('catalogue_items')
      .set({ ...next, updated_at: actor.now, version: row.version + 1 })
      .where('id', '=', row.id)
      .execute();
    const changes: FieldChange[] = [];
    if (next.name !== row.name) changes.push({ field: 'name', before: row.name, after: next.name });
    if (next.price_minor !== row.price_minor || next.currency !== row.currency) {
      changes.push({ field: 'price', before: `${formatAmount(row.price_minor, row.currency)} ${row.currency}`, after: `${formatAmount(next.price_minor, next.currency)} ${next.currency}` });
    }
    if (next.kind !== row.kind) changes.push({ field: 'catalogueKind', before: row.kind, after: next.kind });
    if (next.unit !== row.unit) changes.push({ field: 'unit', before: row.unit, after: next.unit });
    await auditItem(tx, actor, 'catalogue.update', { id: row.id, name: next.name }, changes);
    return itemFor(await readItem(tx, row.id, 'catalogue.update'));
  });
}

export async function setCatalogueActive(db: Db, id: number, version: number, active: boolean, actor: Actor): Promise<CatalogueItem> {
  return transaction(db, async (tx) => {
    const row = await readItem(tx, id, 'catalogue.setActive');
    if (row.version !== version) throw new AppFailure('CONFLICT', `catalogue.setActive: item ${id} was changed by someone else; reload it and try again`);
    if (active && row.active === 0) await checkNameFree(tx, row.name, id, 'catalogue.setActive');
    await tx
      .updateTable('catalogue_items')
      .set({ active: active ? 1 : 0, updated_at: actor.now, version: version + 1 })
      .where('id', '=', id)
      .execute();
    await auditItem(tx, actor, 'catalogue.setActive', row, [{ field: 'active', before: row.active === 1, after: active }]);
    return itemFor(await readItem(tx, id, 'catalogue.setActive'));
  });
}

// ---------------------------------------------------------------------------------------------
// Reading sales

type Joined = DB & { s: DB['sales']; c: DB['customers']; u: DB['users']; k: DB['contracts'] };

/** The customer of a sale by its primary key for each sale the walk meets (unary plus: the sales' own index leads). */
const CUSTOMER_OF = sql<SqlBool>`c.id = +s.customer_id`;

function joined(db: Db) {
  return db
    .selectFrom('sales as s')
    .innerJoin('customers as c', (join) => join.on(CUSTOMER_OF))
    .leftJoin('users as u', 'u.id', 's.staff_id')
    .leftJoin('contracts as k', 'k.id', 's.contract_id');
}

/** Only sales of customers this caller sees: live customers, in their scope. */
function visible<Q extends SelectQueryBuilder<Joined, 's' | 'c' | 'u' | 'k', unknown>>(query: Q, access: Access): Q {
  let q = query.where('c.deleted_at', 'is', null);
  if (access.scopeOwnerId !== null) q = q.where(sql<SqlBool>`+c.owner_id = ${access.scopeOwnerId}`);
  return q as Q; // a where keeps the builder's type, which TypeScript cannot see through the generic Q
}

/** The last day of a 'YYYY-MM' month, as 'YYYY-MM-DD' (calendar arithmetic, no time zone). */
function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number]; // checked by Month
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(days).padStart(2, '0')}`;
}

/** The filters every reading of sales shares (the list, the count, the dashboard's drill-down). */
function filtered<O>(query: SelectQueryBuilder<Joined, 's' | 'c' | 'u' | 'k', O>, filters: Filters, access: Access): SelectQueryBuilder<Joined, 's' | 'c' | 'u' | 'k', O> {
  let q = visible(query, access);
  q = filters.deleted ? q.where('s.deleted_at', 'is not', null) : q.where('s.deleted_at', 'is', null);
  if (filters.customerId !== undefined) q = q.where('s.customer_id', '=', filters.customerId);
  if (filters.month !== undefined) q = q.where('s.sold_on', '>=', `${filters.month}-01`).where('s.sold_on', '<=', lastDayOf(filters.month));
  if (filters.from !== undefined) q = q.where('s.sold_on', '>=', filters.from);
  if (filters.to !== undefined) q = q.where('s.sold_on', '<=', filters.to);
  if (filters.grade !== undefined) q = q.where('c.grade', '=', filters.grade);
  if (filters.ownerId !== undefined) q = q.where('c.owner_id', '=', filters.ownerId);
  if (filters.staffId !== undefined) q = q.where('s.staff_id', '=', filters.staffId);
  if (filters.currency !== undefined) q = q.where('s.currency', '=', filters.currency);
  if (filters.contractId !== undefined) q = q.where('s.contract_id', '=', filters.contractId);
  if (filters.q) {
    const text = filters.q;
    q = q.where(
      sql<SqlBool>`(instr(lower(s.notes), lower(${text})) > 0 OR EXISTS (SELECT 1 FROM sale_lines l WHERE l.sale_id = s.id AND instr(lower(l.name), lower(${text})) > 0))`,
    );
  }
  return q;
}

function listing(db: Db) {
  return joined(db).select([
    's.id',
    's.customer_id as customerId',
    'c.name as customerName',
    'c.code as customerCode',
    's.sold_on as soldOn',
    's.currency',
    's.total_minor as totalMinor',
    sql<number>`(SELECT count(*) FROM sale_lines l WHERE l.sale_id = s.id)`.as('lineCount'),
    lineSummary(sql.ref('s.id')).as('summary'),
    's.staff_id as staffId',
    'u.display_name as staffName',
    's.contract_id as contractId',
    'k.number as contractNumber',
    's.deleted_at as deletedAt',
    's.version',
    's.created_by as createdBy',
  ]);
}

type StoredRow = Awaited<ReturnType<ReturnType<typeof listing>['executeTakeFirstOrThrow']>>;

function rowFor(row: StoredRow, access: Access): SaleRow {
  const { createdBy, ...rest } = row;
  return { ...rest, actions: saleActions(access, { createdBy, deletedAt: row.deletedAt }) };
}

const NEWEST: readonly SortColumn<'s.sold_on' | 's.id'>[] = [
  { column: 's.sold_on', direction: 'desc' },
  { column: 's.id', direction: 'desc' },
];

/** Newest first (day sold, then id), one page after the cursor. */
export async function listSales(db: Db, query: Query, access: Access): Promise<SalePage> {
  const page = await keysetPage(filtered(listing(db), query, access), NEWEST, query.cursor, query.limit);
  return { rows: page.rows.map((row) => rowFor(row, access)), next: page.nextCursor };
}

/** How many sales the filters hold, and their totals per currency (never added across currencies). */
export async function countSales(db: Db, filters: Filters, access: Access): Promise<SaleCount> {
  const rows = await filtered(joined(db), filters, access)
    .select(['s.currency', sql<number>`count(*)`.as('n'), sql<number>`sum(s.total_minor)`.as('total')])
    .groupBy('s.currency')
    .execute();
  return { count: rows.reduce((sum, r) => sum + r.n, 0), totals: totalsByCurrency(rows.map((r) => ({ currency: r.currency, totalMinor: r.total }))) };
}

async function readStored(db: Db, id: number) {
  return joined(db)
    .leftJoin('users as cu', 'cu.id', 's.created_by')
    .selectAll('s')
    .select(['c.name as customer_name', 'c.code as customer_code', 'c.owner_id as customer_owner_id', 'c.deleted_at as customer_deleted_at', 'u.display_name as staff_name', 'k.number as contract_number', 'cu.display_name as created_by_name'])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

type Stored = NonNullable<Awaited<ReturnType<typeof readStored>>>;

/**
 * The sale if this caller sees it (its customer live and in their scope); NOT_FOUND otherwise.
 * `deleted`: true only one in the recycle bin, false only a live one, 'any' either.
 */
async function storedFor(db: Db, id: number, access: Access, deleted: boolean | 'any', operation: string): Promise<Stored> {
  const row = await readStored(db, id);
  const seen = row && row.customer_deleted_at === null && (access.scopeOwnerId === null || row.customer_owner_id === access.scopeOwnerId);
  if (!seen) throw new AppFailure('NOT_FOUND', `${operation}: sale ${id} does not exist, or its customer is in the recycle bin or not one you see`);
  if (deleted !== 'any' && (row.deleted_at !== null) !== deleted) {
    throw new AppFailure('NOT_FOUND', `${operation}: ${deleted ? `sale ${id} is not in the recycle bin` : `sale ${id} is in the recycle bin; restore it first`}`);
  }
  return row;
}

async function linesOf(db: Db, saleId: number): Promise<SaleLine[]> {
  const rows = await db.selectFrom('sale_lines').selectAll().where('sale_id', '=', saleId).orderBy('position').execute();
  return rows.map((l) => ({
    id: l.id,
    position: l.position,
    itemId: l.item_id,
    name: l.name,
    quantityMilli: l.quantity_milli,
    unitPriceMinor: l.unit_price_minor,
    discountMinor: l.discount_minor,
    amountMinor: l.amount_minor,
  }));
}

async function saleFor(db: Db, row: Stored, access: Access): Promise<Sale> {
  const lines = await linesOf(db, row.id);
  return {
    id: row.id,
    customerId: row.customer_id,
    customerName: row.customer_name,
    customerCode: row.customer_code,
    soldOn: row.sold_on,
    currency: row.currency,
    totalMinor: row.total_minor,
    lineCount: lines.length,
    summary: summaryOf(lines.map((l) => l.name)),
    staffId: row.staff_id,
    staffName: row.staff_name,
    contractId: row.contract_id,
    contractNumber: row.contract_number,
    deletedAt: row.deleted_at,
    version: row.version,
    actions: saleActions(access, { createdBy: row.created_by, deletedAt: row.deleted_at }),
    lines,
    notes: row.notes,
    createdAt: row.created_at,
    createdBy: row.created_by,
    createdByName: row.created_by_name,
    updatedAt: row.updated_at,
  };
}

/** One sale with its lines, also one in the recycle bin. */
export async function readSale(db: Db, id: number, access: Access): Promise<Sale> {
  return saleFor(db, await storedFor(db, id, access, 'any', 'sales.get'), access);
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

async function checkContract(db: Db, contractId: number | null, customerId: number, operation: string): Promise<void> {
  if (contractId === null) return;
  const contract = await db.selectFrom('contracts').select(['customer_id', 'deleted_at']).where('id', '=', contractId).executeTakeFirst();
  if (!contract || contract.deleted_at !== null || contract.customer_id !== customerId) {
    throw invalid(operation, `contract ${contractId} is not one of this customer's contracts`, ['contractId'], 'contract');
  }
}

/** A newly chosen seller is an active user who can own customers; keeping the one a sale has is always allowed. */
async function checkStaff(db: Db, staffId: number | null, current: number | null, operation: string): Promise<void> {
  if (staffId === null || staffId === current) return;
  const user = await db.selectFrom('users').select(['active', 'role']).where('id', '=', staffId).executeTakeFirst();
  if (!user || user.active !== 1 || !canOwnCustomers(user.role)) {
    throw invalid(operation, `user ${staffId} is not an active staff member who can sell`, ['staffId'], 'staff');
  }
}

async function checkItems(db: Db, lines: SaleDraftValue['lines'], operation: string): Promise<void> {
  const ids = [...new Set(lines.flatMap((l) => (l.itemId == null ? [] : [l.itemId])))];
  if (ids.length === 0) return;
  const known = new Set((await db.selectFrom('catalogue_items').select('id').where('id', 'in', ids).execute()).map((r) => r.id));
  const bad = lines.findIndex((l) => l.itemId != null && !known.has(l.itemId));
  if (bad >= 0) throw invalid(operation, `catalogue item ${lines[bad]!.itemId} of line ${bad + 1} does not exist`, ['lines', bad, 'itemId'], 'item'); // bad is an index of lines
}

type PricedLine = { itemId: number | null; name: string; quantityMilli: number; unitPriceMinor: number; discountMinor: number; amountMinor: number };

/** Each line's amount and the total, exactly (BigInt); reason 'amount' when a line or the total cannot be. */
function priced(lines: SaleDraftValue['lines'], operation: string): { lines: PricedLine[]; total: number } {
  let total = 0n;
  const out = lines.map((line, i) => {
    const amount = lineAmountMinor(line.quantityMilli, line.unitPriceMinor, line.discountMinor);
    if (amount === null) throw invalid(operation, `line ${i + 1}: the discount is more than the line's amount, or the amount is too large`, ['lines', i, 'discountMinor'], 'amount');
    total += BigInt(amount);
    return { itemId: line.itemId ?? null, name: line.name, quantityMilli: line.quantityMilli, unitPriceMinor: line.unitPriceMinor, discountMinor: line.discountMinor, amountMinor: amount };
  });
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) throw invalid(operation, 'the total is beyond the largest exact amount', ['lines'], 'amount');
  return { lines: out, total: Number(total) };
}

// ---------------------------------------------------------------------------------------------
// Changes

type AuditAction = 'sale.create' | 'sale.update' | 'sale.delete' | 'sale.restore';

async function audit(tx: Db, actor: Actor, action: AuditAction, sale: { id: number; soldOn: string; customer: { name: string; code: string } }, changes: FieldChange[] = []): Promise<void> {
  await appendAudit(tx, {
    at: actor.now,
    userId: actor.userId,
    username: actor.username,
    action,
    entity: 'sale',
    entityId: sale.id,
    label: `#${sale.id} ${sale.soldOn} ${sale.customer.name} (${sale.customer.code})`,
    changes,
  });
}

const money = (minor: number, currency: string) => `${formatAmount(minor, currency)} ${currency}`;

async function insertLines(tx: Db, rows: readonly (PricedLine & { saleId: number; position: number })[]): Promise<void> {
  // 300 rows of 8 values: under SQLite's bound values per statement.
  for (let start = 0; start < rows.length; start += 300) {
    const chunk = rows.slice(start, start + 300);
    await tx
      .insertInto('sale_lines')
      .values(
        chunk.map((l) => ({
          sale_id: l.saleId,
          position: l.position,
          item_id: l.itemId,
          name: l.name,
          quantity_milli: l.quantityMilli,
          unit_price_minor: l.unitPriceMinor,
          discount_minor: l.discountMinor,
          amount_minor: l.amountMinor,
        })),
      )
      .execute();
  }
}

export async function createSale(db: Db, draft: SaleDraftValue, actor: Actor): Promise<Sale> {
  const operation = 'sales.create';
  return transaction(db, async (tx) => {
    const customer = await checkCustomer(tx, draft.customerId, actor, operation);
    await checkContract(tx, draft.contractId, draft.customerId, operation);
    await checkStaff(tx, draft.staffId, null, operation);
    await checkItems(tx, draft.lines, operation);
    const { lines, total } = priced(draft.lines, operation);
    const { id } = await tx
      .insertInto('sales')
      .values({
        customer_id: draft.customerId,
        sold_on: draft.soldOn,
        currency: draft.currency,
        total_minor: total,
        contract_id: draft.contractId,
        staff_id: draft.staffId,
        notes: draft.notes,
        created_by: actor.userId,
        created_at: actor.now,
        updated_at: actor.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertLines(
      tx,
      lines.map((l, position) => ({ ...l, saleId: id, position })),
    );
    await indexSale(tx, id);
    await onSaleChanged(tx, id, actor, actor.now); // the loyalty programme's points, same transaction
    await audit(tx, actor, 'sale.create', { id, soldOn: draft.soldOn, customer }, [
      { field: 'customerId', before: null, after: { id: draft.customerId, name: customer.name, code: customer.code } },
      { field: 'soldOn', before: null, after: draft.soldOn },
      { field: 'total', before: null, after: money(total, draft.currency) },
      { field: 'lines', before: null, after: summaryOf(lines.map((l) => l.name)) },
    ]);
    return saleFor(tx, await storedFor(tx, id, actor, false, operation), actor);
  });
}

function mayChange(row: Stored, actor: Actor, action: 'edit' | 'delete' | 'restore', operation: string): void {
  if (!saleActions(actor, { createdBy: row.created_by, deletedAt: row.deleted_at })[action]) {
    throw new AppFailure('FORBIDDEN', `${operation}: your role may delete and restore only the sales you created`);
  }
}

/** An edit replaces the sale's fields and lines; moving it to another customer checks that one is seen too. */
export async function updateSale(db: Db, id: number, version: number, draft: SaleDraftValue, actor: Actor): Promise<Sale> {
  const operation = 'sales.update';
  return transaction(db, async (tx) => {
    const row = await storedFor(tx, id, actor, false, operation);
    mayChange(row, actor, 'edit', operation);
    if (row.version !== version) throw new AppFailure('CONFLICT', `${operation}: sale ${id} was changed by someone else since it was opened; reload it and apply your changes again`);
    const customer = await checkCustomer(tx, draft.customerId, actor, operation);
    await checkContract(tx, draft.contractId, draft.customerId, operation);
    await checkStaff(tx, draft.staffId, row.staff_id, operation);
    await checkItems(tx, draft.lines, operation);
    const before = await linesOf(tx, id);
    const { lines, total } = priced(draft.lines, operation);
    await tx
      .updateTable('sales')
      .set({
        customer_id: draft.customerId,
        sold_on: draft.soldOn,
        currency: draft.currency,
        total_minor: total,
        contract_id: draft.contractId,
        staff_id: draft.staffId,
        notes: draft.notes,
        updated_at: actor.now,
        version: version + 1,
      })
      .where('id', '=', id)
      .execute();
    await tx.deleteFrom('sale_lines').where('sale_id', '=', id).execute();
    await insertLines(
      tx,
      lines.map((l, position) => ({ ...l, saleId: id, position })),
    );
    await indexSale(tx, id);
    await onSaleChanged(tx, id, actor, actor.now); // reverses the old earn, earns again
    const changes: FieldChange[] = [];
    if (draft.customerId !== row.customer_id) changes.push({ field: 'customerId', before: { id: row.customer_id, name: row.customer_name, code: row.customer_code }, after: { id: draft.customerId, name: customer.name, code: customer.code } });
    if (draft.soldOn !== row.sold_on) changes.push({ field: 'soldOn', before: row.sold_on, after: draft.soldOn });
    if (total !== row.total_minor || draft.currency !== row.currency) changes.push({ field: 'total', before: money(row.total_minor, row.currency), after: money(total, draft.currency) });
    const [was, is] = [summaryOf(before.map((l) => l.name)), summaryOf(lines.map((l) => l.name))];
    if (was !== is) changes.push({ field: 'lines', before: was, after: is });
    if (draft.notes !== row.notes) changes.push({ field: 'notes', before: row.notes, after: draft.notes });
    await audit(tx, actor, 'sale.update', { id, soldOn: draft.soldOn, customer }, changes);
    return saleFor(tx, await storedFor(tx, id, actor, false, operation), actor);
  });
}

export async function deleteSale(db: Db, id: number, actor: Actor): Promise<{ id: number }> {
  const operation = 'sales.delete';
  return transaction(db, async (tx) => {
    const row = await storedFor(tx, id, actor, false, operation);
    mayChange(row, actor, 'delete', operation);
    await tx
      .updateTable('sales')
      .set({ deleted_at: actor.now, deleted_by: actor.userId, updated_at: actor.now, version: row.version + 1 })
      .where('id', '=', id)
      .execute();
    await indexSale(tx, id);
    await onSaleChanged(tx, id, actor, actor.now); // its points reversed
    await audit(tx, actor, 'sale.delete', { id, soldOn: row.sold_on, customer: { name: row.customer_name, code: row.customer_code } });
    return { id };
  });
}

export async function restoreSale(db: Db, id: number, actor: Actor): Promise<Sale> {
  const operation = 'sales.restore';
  return transaction(db, async (tx) => {
    const row = await storedFor(tx, id, actor, true, operation);
    mayChange(row, actor, 'restore', operation);
    await tx
      .updateTable('sales')
      .set({ deleted_at: null, deleted_by: null, updated_at: actor.now, version: row.version + 1 })
      .where('id', '=', id)
      .execute();
    await indexSale(tx, id);
    await onSaleChanged(tx, id, actor, actor.now); // earns again
    await audit(tx, actor, 'sale.restore', { id, soldOn: row.sold_on, customer: { name: row.customer_name, code: row.customer_code } });
    return saleFor(tx, await storedFor(tx, id, actor, false, operation), actor);
  });
}

/** A customer's purge: its sales and their lines go (the triggers take its summaries with them). */
export async function purgeSalesOf(tx: Db, customerId: number): Promise<number> {
  await unindexSalesOf(tx, customerId);
  await tx
    .deleteFrom('sale_lines')
    .where('sale_id', 'in', (eb) => eb.selectFrom('sales').select('id').where('customer_id', '=', customerId))
    .execute();
  const gone = await tx.deleteFrom('sales').where('customer_id', '=', customerId).executeTakeFirst();
  return Number(gone.numDeletedRows);
}

// ---------------------------------------------------------------------------------------------
// Bulk

/** A sale for the bulk insert: checked already (its customer, contract, staff, items and shape) by the caller. */
export type SaleInsert = {
  customerId: number;
  soldOn: string;
  currency: string;
  contractId?: number | null;
  staffId?: number | null;
  notes?: string;
  createdBy: number | null;
  createdAt: number;
  lines: readonly { itemId?: number | null; name: string; quantityMilli: number; unitPriceMinor: number; discountMinor?: number }[];
};

/** Sales per statement in the bulk insert (12 values each: under SQLite's bound values). */
const BULK_SALES = 500;

/**
 * Inserts many sales with their lines and search documents inside the caller's transaction
 * (seeding, an import): multi-row inserts, no audit entry per sale (the caller writes its own),
 * the summary tables kept by the triggers as for any other write. Amounts are computed here
 * (BigInt, half up); a line that cannot be priced is a VALIDATION failure naming the draft's index.
 * Answers the new sales' ids in the drafts' order.
 */
export async function insertSales(tx: Db, drafts: readonly SaleInsert[]): Promise<number[]> {
  const ids: number[] = [];
  for (let start = 0; start < drafts.length; start += BULK_SALES) {
    const chunk = drafts.slice(start, start + BULK_SALES);
    const priceds = chunk.map((draft, i) => {
      const operation = `sales.insert[${start + i}]`;
      return priced(
        draft.lines.map((l) => ({ itemId: l.itemId ?? null, name: l.name, quantityMilli: l.quantityMilli, unitPriceMinor: l.unitPriceMinor, discountMinor: l.discountMinor ?? 0 })),
        operation,
      );
    });
    const inserted = await tx
      .insertInto('sales')
      .values(
        chunk.map((draft, i) => ({
          customer_id: draft.customerId,
          sold_on: draft.soldOn,
          currency: draft.currency,
          total_minor: priceds[i]!.total, // one priced per draft
          contract_id: draft.contractId ?? null,
          staff_id: draft.staffId ?? null,
          notes: draft.notes ?? '',
          created_by: draft.createdBy,
          created_at: draft.createdAt,
          updated_at: draft.createdAt,
        })),
      )
      .returning('id')
      .execute();
    const chunkIds = inserted.map((r) => r.id);
    await insertLines(
      tx,
      chunkIds.flatMap((saleId, i) => priceds[i]!.lines.map((l, position) => ({ ...l, saleId, position }))), // one priced per draft
    );
    await indexNewSales(
      tx,
      chunkIds.map((saleId, i) => [saleId, priceds[i]!.lines.map((l) => l.name)] as const), // one priced per draft
    );
    ids.push(...chunkIds);
  }
  return ids;
}
