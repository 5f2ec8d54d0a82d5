// Competitor analysis: the register (list, one, create, edit, retire/bring back) and the presence
// of competitors at customers (a customer's rows, add, edit, remove), and the two lists: the
// customers where a competitor is present (keyset by customer name) and the reach list (competitors
// by how many live VIP and key customers they touch). Presence follows the customers' rules: only
// live customers in the caller's scope are seen or written, staff remove only what they recorded.
// Every change is one transaction with its audit entry.
import { sql, type SqlBool } from 'kysely';
import type { z } from 'zod';
import {
  competitorActions,
  COMPETITORS_MAX,
  presenceActions,
  type Competitor,
  type CompetitorCustomersQuery,
  type CompetitorDraft,
  type CompetitorQuery,
  type CompetitorUpdate,
  type Presence,
  type PresenceDraft,
  type PresencePage,
  type PresenceUpdate,
  type ReachRow,
} from '../../../../shared/api/competitors.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import type { ValidationMessage } from '../../../../shared/validation.ts';
import { transaction, type Db } from '../../db/database.ts';
import { keysetPage, type SortColumn } from '../../db/keyset.ts';
import { appendAudit, type FieldChange } from '../audit/service.ts';
import type { Actor } from '../records/service.ts';
import type { Access } from '../users/access.ts';

export type { Actor } from '../records/service.ts';

function invalid(operation: string, message: string, path: string[], reason: ValidationMessage): AppFailure {
  return new AppFailure('VALIDATION', `${operation}: ${message}`, [{ path, message: reason }]);
}

/** Live customers in the caller's scope, as a condition on the alias `c`. */
function seen(access: Access) {
  return access.scopeOwnerId === null ? sql<SqlBool>`c.deleted_at IS NULL` : sql<SqlBool>`c.deleted_at IS NULL AND c.owner_id = ${access.scopeOwnerId}`;
}

// ---------------------------------------------------------------------------------------------
// The register

const COLUMNS = ['id', 'name', 'products', 'price_level', 'strengths', 'weaknesses', 'notes', 'active', 'version'] as const;

type StoredCompetitor = { id: number; name: string; products: string; price_level: 'low' | 'similar' | 'high' | null; strengths: string; weaknesses: string; notes: string; active: number; version: number };

function competitorFor(row: StoredCompetitor, customerCount: number, access: Access): Competitor {
  const active = row.active === 1;
  return {
    id: row.id,
    name: row.name,
    products: row.products,
    priceLevel: row.price_level,
    strengths: row.strengths,
    weaknesses: row.weaknesses,
    notes: row.notes,
    active,
    customerCount,
    version: row.version,
    actions: competitorActions(access.role, { active }),
  };
}

/** How many live customers in the caller's scope each competitor is present at. */
async function customerCounts(db: Db, ids: readonly number[], access: Access): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('competitor_presence as p')
    .innerJoin('customers as c', 'c.id', 'p.customer_id')
    .select(['p.competitor_id as id', sql<number>`count(*)`.as('n')])
    .where('p.competitor_id', 'in', ids)
    .where(seen(access))
    .groupBy('p.competitor_id')
    .execute();
  return new Map(rows.map((r) => [r.id, r.n]));
}

/** Active competitors by name (and the retired ones after them when asked); `q` matches part of the name. */
export async function listCompetitors(db: Db, query: z.output<typeof CompetitorQuery>, access: Access): Promise<{ rows: Competitor[] }> {
  let q = db.selectFrom('competitors').select(COLUMNS);
  if (!query.includeRetired) q = q.where('active', '=', 1);
  if (query.q) q = q.where(sql<SqlBool>`instr(lower(name), lower(${query.q})) > 0`);
  const rows = await q.orderBy('active', 'desc').orderBy(sql`name COLLATE NOCASE`).orderBy('id').limit(COMPETITORS_MAX).execute();
  const counts = await customerCounts(
    db,
    rows.map((r) => r.id),
    access,
  );
  return { rows: rows.map((r) => competitorFor(r, counts.get(r.id) ?? 0, access)) };
}

async function readStoredCompetitor(db: Db, id: number, operation: string): Promise<StoredCompetitor> {
  const row = await db.selectFrom('competitors').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppFailure('NOT_FOUND', `${operation}: competitor ${id} does not exist`);
  return row;
}

export async function readCompetitor(db: Db, id: number, access: Access, operation = 'competitors.get'): Promise<Competitor> {
  const row = await readStoredCompetitor(db, id, operation);
  return competitorFor(row, (await customerCounts(db, [id], access)).get(id) ?? 0, access);
}

/** An active competitor of another id has this name (letter case ignored) → CONFLICT, the name 'taken'. */
async function checkNameFree(db: Db, name: string, exceptId: number | null, operation: string): Promise<void> {
  let q = db.selectFrom('competitors').select('id').where('active', '=', 1).where(sql<SqlBool>`name = ${name} COLLATE NOCASE`);
  if (exceptId !== null) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) {
    throw new AppFailure('CONFLICT', `${operation}: the register already has an active competitor named "${name}"`, [{ path: ['name'], message: 'taken' }]);
  }
}

type CompetitorAction = 'competitor.create' | 'competitor.update' | 'competitor.setActive';

async function auditCompetitor(tx: Db, actor: Actor, action: CompetitorAction, competitor: { id: number; name: string }, changes: FieldChange[]): Promise<void> {
  await appendAudit(tx, { at: actor.now, userId: actor.userId, username: actor.username, action, entity: 'competitor', entityId: competitor.id, label: competitor.name, changes });
}

const TEXT_FIELDS = [
  ['products', 'products'],
  ['strengths', 'strengths'],
  ['weaknesses', 'weaknesses'],
  ['notes', 'notes'],
] as const;

export async function createCompetitor(db: Db, draft: z.output<typeof CompetitorDraft>, actor: Actor): Promise<Competitor> {
  const operation = 'competitors.create';
  return transaction(db, async (tx) => {
    const count = (await tx.selectFrom('competitors').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    if (count >= COMPETITORS_MAX) throw new AppFailure('TOO_LARGE', `${operation}: the register holds at most ${COMPETITORS_MAX} competitors`, { limit: COMPETITORS_MAX });
    await checkNameFree(tx, draft.name, null, operation);
    const { id } = await tx
      .insertInto('competitors')
      .values({
        name: draft.name,
        products: draft.products,
        price_level: draft.priceLevel,
        strengths: draft.strengths,
        weaknesses: draft.weaknesses,
        notes: draft.notes,
        created_at: actor.now,
        updated_at: actor.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const changes: FieldChange[] = [{ field: 'name', before: null, after: draft.name }];
    if (draft.priceLevel !== null) changes.push({ field: 'priceLevel', before: null, after: draft.priceLevel });
    for (const [field, key] of TEXT_FIELDS) if (draft[key] !== '') changes.push({ field, before: null, after: draft[key] });
    await auditCompetitor(tx, actor, 'competitor.create', { id, name: draft.name }, changes);
    return readCompetitor(tx, id, actor, operation);
  });
}

export async function updateCompetitor(db: Db, input: z.output<typeof CompetitorUpdate>, actor: Actor): Promise<Competitor> {
  const operation = 'competitors.update';
  return transaction(db, async (tx) => {
    const row = await readStoredCompetitor(tx, input.id, operation);
    if (row.version !== input.version) throw new AppFailure('CONFLICT', `${operation}: competitor ${input.id} was changed by someone else; reload it and apply your changes again`);
    const next = {
      name: input.name ?? row.name,
      products: input.products ?? row.products,
      price_level: input.priceLevel === undefined ? row.price_level : input.priceLevel,
      strengths: input.strengths ?? row.strengths,
      weaknesses: input.weaknesses ?? row.weaknesses,
      notes: input.notes ?? row.notes,
    };
    if (row.active === 1) await checkNameFree(tx, next.name, row.id, operation);
    await tx
      .updateTable('competitors')
      .set({ ...next, updated_at: actor.now, version: row.version + 1 })
      .where('id', '=', row.id)
      .execute();
    const changes: FieldChange[] = [];
    if (next.name !== row.name) changes.push({ field: 'name', before: row.name, after: next.name });
    if (next.price_level !== row.price_level) changes.push({ field: 'priceLevel', before: row.price_level, after: next.price_level });
    for (const [field, key] of TEXT_FIELDS) if (next[key] !== row[key]) changes.push({ field, before: row[key], after: next[key] });
    await auditCompetitor(tx, actor, 'competitor.update', { id: row.id, name: next.name }, changes);
    return readCompetitor(tx, row.id, actor, operation);
  });
}

export async function setCompetitorActive(db: Db, id: number, version: number, active: boolean, actor: Actor): Promise<Competitor> {
  const operation = 'competitors.setActive';
  return transaction(db, async (tx) => {
    const row = await readStoredCompetitor(tx, id, operation);
    if (row.version !== version) throw new AppFailure('CONFLICT', `${operation}: competitor ${id} was changed by someone else; reload it and try again`);
    if (active && row.active === 0) await checkNameFree(tx, row.name, id, operation);
    await tx
      .updateTable('competitors')
      .set({ active: active ? 1 : 0, updated_at: actor.now, version: version + 1 })
      .where('id', '=', id)
      .execute();
    await auditCompetitor(tx, actor, 'competitor.setActive', row, [{ field: 'active', before: row.active === 1, after: active }]);
    return readCompetitor(tx, id, actor, operation);
  });
}

// ---------------------------------------------------------------------------------------------
// Presence

function presenceQuery(db: Db) {
  return db
    .selectFrom('competitor_presence as p')
    .innerJoin('customers as c', 'c.id', 'p.customer_id')
    .innerJoin('competitors as k', 'k.id', 'p.competitor_id')
    .select([
      'p.id',
      'p.customer_id as customerId',
      'c.name as customerName',
      'c.code as customerCode',
      'c.grade as customerGrade',
      'p.competitor_id as competitorId',
      'k.name as competitorName',
      'k.active as competitorActive',
      'p.products',
      'p.share_percent as sharePercent',
      'p.contract_end_on as contractEndOn',
      'p.position',
      'p.notes',
      'p.updated_at as updatedAt',
      'p.version',
      'p.created_by as createdBy',
    ]);
}

type StoredPresence = Awaited<ReturnType<ReturnType<typeof presenceQuery>['executeTakeFirstOrThrow']>>;

function presenceFor(row: StoredPresence, access: Access): Presence {
  const { createdBy, competitorActive, ...rest } = row;
  return { ...rest, competitorActive: competitorActive === 1, actions: presenceActions(access, { createdBy }) };
}

/** The row if this caller sees its customer (live, in scope); NOT_FOUND otherwise. */
async function presenceSeen(db: Db, id: number, access: Access, operation: string): Promise<StoredPresence> {
  const row = await presenceQuery(db).where('p.id', '=', id).where(seen(access)).executeTakeFirst();
  if (!row) throw new AppFailure('NOT_FOUND', `${operation}: competitor presence ${id} does not exist, or its customer is in the recycle bin or not one you see`);
  return row;
}

/** One customer's competitors by name; a customer the caller does not see → NOT_FOUND. */
export async function customerPresence(db: Db, customerId: number, access: Access): Promise<{ rows: Presence[] }> {
  await checkCustomer(db, customerId, access, 'competitors.presence', 'notFound');
  const rows = await presenceQuery(db).where('p.customer_id', '=', customerId).orderBy(sql`k.name COLLATE NOCASE`).orderBy('p.id').execute();
  return { rows: rows.map((r) => presenceFor(r, access)) };
}

const BY_CUSTOMER_NAME: readonly SortColumn<'c.name_sort' | 'p.id'>[] = [
  { column: 'c.name_sort', direction: 'asc' },
  { column: 'p.id', direction: 'asc' },
];

/** The customers where a competitor is present (live, in scope), by customer name, keyset paged. */
export async function competitorCustomers(db: Db, query: z.output<typeof CompetitorCustomersQuery>, access: Access): Promise<PresencePage> {
  await readStoredCompetitor(db, query.competitorId, 'competitors.customers');
  let q = presenceQuery(db).where('p.competitor_id', '=', query.competitorId).where(seen(access));
  if (query.grade !== undefined) q = q.where('c.grade', '=', query.grade);
  const page = await keysetPage(q, BY_CUSTOMER_NAME, query.cursor, query.limit);
  return { rows: page.rows.map((r) => presenceFor(r, access)), next: page.nextCursor };
}

/** Competitors by how many live VIP + key customers (in scope) they touch, most first, then by name. */
export async function competitorReach(db: Db, access: Access): Promise<{ rows: ReachRow[] }> {
  const rows = await db
    .selectFrom('competitor_presence as p')
    .innerJoin('customers as c', 'c.id', 'p.customer_id')
    .innerJoin('competitors as k', 'k.id', 'p.competitor_id')
    .select([
      'k.id as competitorId',
      'k.name',
      'k.active',
      sql<number>`sum(c.grade = 'vip')`.as('vip'),
      sql<number>`sum(c.grade = 'key')`.as('key'),
      sql<number>`count(*)`.as('total'),
    ])
    .where('c.grade', 'in', ['vip', 'key'])
    .where(seen(access))
    .groupBy('k.id')
    .orderBy('total', 'desc')
    .orderBy(sql`k.name COLLATE NOCASE`)
    .orderBy('k.id')
    .execute();
  return { rows: rows.map((r) => ({ competitorId: r.competitorId, name: r.name, active: r.active === 1, byGrade: { vip: r.vip, key: r.key }, total: r.total })) };
}

async function checkCustomer(db: Db, customerId: number, access: Access, operation: string, as: 'invalid' | 'notFound' = 'invalid') {
  const customer = await db.selectFrom('customers').select(['name', 'code', 'owner_id', 'deleted_at']).where('id', '=', customerId).executeTakeFirst();
  if (!customer || customer.deleted_at !== null || (access.scopeOwnerId !== null && customer.owner_id !== access.scopeOwnerId)) {
    const message = `customer ${customerId} does not exist, is in the recycle bin, or is not one you see`;
    throw as === 'invalid' ? invalid(operation, message, ['customerId'], 'customer') : new AppFailure('NOT_FOUND', `${operation}: ${message}`);
  }
  return customer;
}

type PresenceAction = 'competitorPresence.add' | 'competitorPresence.update' | 'competitorPresence.remove';

async function auditPresence(tx: Db, actor: Actor, action: PresenceAction, row: { id: number; competitorName: string; customerName: string; customerCode: string }, changes: FieldChange[]): Promise<void> {
  await appendAudit(tx, {
    at: actor.now,
    userId: actor.userId,
    username: actor.username,
    action,
    entity: 'competitorPresence',
    entityId: row.id,
    label: `${row.competitorName} @ ${row.customerName} (${row.customerCode})`,
    changes,
  });
}

type PresenceValues = { products: string; sharePercent: number | null; contractEndOn: string | null; position: string; notes: string };

/** The fields that differ, as the audit log shows them (the enum's code in `competitorPosition`). */
function presenceChanges(before: PresenceValues | null, after: PresenceValues): FieldChange[] {
  const changes: FieldChange[] = [];
  const fields = [
    ['products', 'products'],
    ['sharePercent', 'sharePercent'],
    ['contractEndOn', 'contractEndOn'],
    ['competitorPosition', 'position'],
    ['notes', 'notes'],
  ] as const;
  for (const [field, key] of fields) {
    const was = before === null ? null : before[key];
    const is = after[key];
    if (before === null ? is !== null && is !== '' : was !== is) changes.push({ field, before: was, after: is });
  }
  return changes;
}

export async function addPresence(db: Db, draft: z.output<typeof PresenceDraft>, actor: Actor): Promise<Presence> {
  const operation = 'competitors.addPresence';
  return transaction(db, async (tx) => {
    const customer = await checkCustomer(tx, draft.customerId, actor, operation);
    const competitor = await tx.selectFrom('competitors').select(['name', 'active']).where('id', '=', draft.competitorId).executeTakeFirst();
    if (!competitor || competitor.active !== 1) throw invalid(operation, `competitor ${draft.competitorId} is not in the register or is retired`, ['competitorId'], 'competitor');
    const already = await tx.selectFrom('competitor_presence').select('id').where('customer_id', '=', draft.customerId).where('competitor_id', '=', draft.competitorId).executeTakeFirst();
    if (already) throw new AppFailure('CONFLICT', `${operation}: ${competitor.name} is already recorded at ${customer.name}; edit that row instead`, [{ path: ['competitorId'], message: 'taken' }]);
    const { id } = await tx
      .insertInto('competitor_presence')
      .values({
        customer_id: draft.customerId,
        competitor_id: draft.competitorId,
        products: draft.products,
        share_percent: draft.sharePercent,
        contract_end_on: draft.contractEndOn,
        position: draft.position,
        notes: draft.notes,
        created_by: actor.userId,
        created_at: actor.now,
        updated_at: actor.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await auditPresence(tx, actor, 'competitorPresence.add', { id, competitorName: competitor.name, customerName: customer.name, customerCode: customer.code }, [
      { field: 'customerId', before: null, after: { id: draft.customerId, name: customer.name, code: customer.code } },
      ...presenceChanges(null, draft),
    ]);
    return presenceFor(await presenceSeen(tx, id, actor, operation), actor);
  });
}

export async function updatePresence(db: Db, input: z.output<typeof PresenceUpdate>, actor: Actor): Promise<Presence> {
  const operation = 'competitors.updatePresence';
  return transaction(db, async (tx) => {
    const row = await presenceSeen(tx, input.id, actor, operation);
    if (!presenceActions(actor, row).edit) throw new AppFailure('FORBIDDEN', `${operation}: your role may not change customers' competitors`);
    if (row.version !== input.version) throw new AppFailure('CONFLICT', `${operation}: competitor presence ${input.id} was changed by someone else; reload it and apply your changes again`);
    const next: PresenceValues = {
      products: input.products ?? row.products,
      sharePercent: input.sharePercent === undefined ? row.sharePercent : input.sharePercent,
      contractEndOn: input.contractEndOn === undefined ? row.contractEndOn : input.contractEndOn,
      position: input.position ?? row.position,
      notes: input.notes ?? row.notes,
    };
    await tx
      .updateTable('competitor_presence')
      .set({
        products: next.products,
        share_percent: next.sharePercent,
        contract_end_on: next.contractEndOn,
        position: input.position ?? row.position,
        notes: next.notes,
        updated_at: actor.now,
        version: row.version + 1,
      })
      .where('id', '=', row.id)
      .execute();
    await auditPresence(tx, actor, 'competitorPresence.update', row, presenceChanges(row, next));
    return presenceFor(await presenceSeen(tx, row.id, actor, operation), actor);
  });
}

export async function removePresence(db: Db, id: number, version: number, actor: Actor): Promise<{ id: number }> {
  const operation = 'competitors.removePresence';
  return transaction(db, async (tx) => {
    const row = await presenceSeen(tx, id, actor, operation);
    if (!presenceActions(actor, row).remove) throw new AppFailure('FORBIDDEN', `${operation}: your role may remove only the competitors you recorded`);
    if (row.version !== version) throw new AppFailure('CONFLICT', `${operation}: competitor presence ${id} was changed by someone else; reload it and try again`);
    await tx.deleteFrom('competitor_presence').where('id', '=', id).execute();
    await auditPresence(tx, actor, 'competitorPresence.remove', row, presenceChanges(row, { products: '', sharePercent: null, contractEndOn: null, position: 'unknown', notes: '' }).map((c) => ({ ...c, after: null })));
    return { id };
  });
}
