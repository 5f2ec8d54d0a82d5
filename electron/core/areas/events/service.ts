// Customer events: the register (list, read, create, edit, cancel, delete, restore), invitations
// (by the customers list's filter in one INSERT … SELECT, or by hand), replies, attendance, the
// sign-in sheet's data and the after-event effect. An event is shop-wide (everyone who reads
// customers sees it); its invitations are per-customer data, seen and marked inside the caller's
// customer scope (the staff-scope setting), and a customer in the recycle bin hides its
// invitations. Every change writes its audit entry in its own transaction.
import { sql, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { z } from 'zod';
import {
  EFFECT_WINDOW_DAYS,
  SIGN_IN_SHEET_MAX_ROWS,
  type EffectGroup,
  type Event,
  type EventActions,
  type EventCounts,
  type EventDraft,
  type EventEffect,
  type EventPage,
  type EventQuery,
  type EventReply,
  type EventStatus,
  type Invitation,
  type InvitationPage,
  type CustomerInvitationPage,
  type CustomerInvitationQuery,
  type InvitationQuery,
  type InviteInput,
  type InviteListInput,
  type InviteListResult,
  type InvitePreview,
  type InviteResult,
  type SignInSheet,
} from '../../../../shared/api/events.ts';
import type { CustomerFilters } from '../../../../shared/api/customers.ts';
import { totalsByCurrency } from '../../../../shared/api/sales.ts';
import { addDays, localDay } from '../../../../shared/contract-status.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import { maskPhone } from '../../../../shared/masking.ts';
import { customerActions, roleHas } from '../../../../shared/roles.ts';
import { transaction, type Db } from '../../db/database.ts';
import { keysetPage, type SortColumn } from '../../db/keyset.ts';
import { appendAudit, changedFields, type FieldChange } from '../audit/service.ts';
import { filteredCustomers } from '../customers/service.ts';
import { printHeader } from '../print/service.ts';
import { dayStart } from '../records/service.ts';
import type { Access } from '../users/access.ts';

export type Actor = Access & { now: number };

type Draft = z.output<typeof EventDraft>;
type Query = z.output<typeof EventQuery>;
type InvQuery = z.output<typeof InvitationQuery>;
type Invite = z.output<typeof InviteInput>;
type InviteList = z.output<typeof InviteListInput>;
type CustomerInvQuery = z.output<typeof CustomerInvitationQuery>;

// ---------------------------------------------------------------------------------------------
// Events

const EVENT_COLUMNS = [
  'e.id',
  'e.title',
  'e.kind',
  'e.on_day as onDay',
  'e.start_minute as startMinute',
  'e.duration_minutes as durationMinutes',
  'e.place',
  'e.capacity',
  'e.budget_minor as budgetMinor',
  'e.currency',
  'e.notes',
  'e.cancelled_at as cancelledAt',
  'e.created_by as createdBy',
  'e.created_at as createdAt',
  'e.updated_at as updatedAt',
  'e.deleted_at as deletedAt',
  'e.version',
] as const;

function eventListing(db: Db) {
  return db.selectFrom('events as e').select(EVENT_COLUMNS);
}
type StoredEvent = Awaited<ReturnType<ReturnType<typeof eventListing>['executeTakeFirstOrThrow']>>;

/** Cancelled once cancelled; else held from its day on (the shop's local day); else planned. */
export function eventStatus(event: { cancelledAt: number | null; onDay: string }, now: number): EventStatus {
  if (event.cancelledAt !== null) return 'cancelled';
  return event.onDay <= localDay(now) ? 'held' : 'planned';
}

function eventActions(actor: Actor, event: StoredEvent): EventActions {
  const manage = roleHas(actor.role, 'events.manage');
  const live = event.deletedAt === null;
  const open = live && event.cancelledAt === null;
  return {
    edit: manage && open,
    cancel: manage && open,
    invite: manage && open,
    delete: manage && live,
    restore: manage && !live,
    print: roleHas(actor.role, 'print') && live,
    effect: roleHas(actor.role, 'reports.read') && live,
  };
}

const NO_COUNTS: EventCounts = { invited: 0, yes: 0, no: 0, maybe: 0, pending: 0, attended: 0 };

/** Invitations of live customers the caller may see, joined to their customer. */
function visibleInvitations(db: Db, access: Access) {
  let q = db.selectFrom('event_invitations as i').innerJoin('customers as c', 'c.id', 'i.customer_id').where('c.deleted_at', 'is', null);
  if (access.scopeOwnerId !== null) q = q.where('c.owner_id', '=', access.scopeOwnerId);
  return q;
}

async function countsOf(db: Db, eventIds: readonly number[], access: Access): Promise<Map<number, EventCounts>> {
  if (eventIds.length === 0) return new Map();
  const rows = await visibleInvitations(db, access)
    .where('i.event_id', 'in', eventIds)
    .select([
      'i.event_id as eventId',
      (eb) => eb.fn.countAll<number>().as('invited'),
      sql<number>`total(i.reply = 'yes')`.as('yes'),
      sql<number>`total(i.reply = 'no')`.as('no'),
      sql<number>`total(i.reply = 'maybe')`.as('maybe'),
      sql<number>`total(i.reply = 'pending')`.as('pending'),
      sql<number>`total(i.attended = 1)`.as('attended'),
    ])
    .groupBy('i.event_id')
    .execute();
  return new Map(rows.map(({ eventId, ...counts }) => [eventId, counts]));
}

function eventFor(row: StoredEvent, counts: EventCounts, actor: Actor): Event {
  const { cancelledAt: _cancelled, ...rest } = row;
  return { ...rest, status: eventStatus(row, actor.now), counts, actions: eventActions(actor, row) };
}

type EventSort = readonly SortColumn<'e.on_day' | 'e.id' | 'e.deleted_at'>[];
const SOONEST: EventSort = [
  { column: 'e.on_day', direction: 'asc' },
  { column: 'e.id', direction: 'asc' },
];
const LATEST: EventSort = [
  { column: 'e.on_day', direction: 'desc' },
  { column: 'e.id', direction: 'desc' },
];
const BIN: EventSort = [
  { column: 'e.deleted_at', direction: 'desc' },
  { column: 'e.id', direction: 'desc' },
];

/** A LIKE pattern matching `text` anywhere, its wildcards taken literally. */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listEvents(db: Db, query: Query, actor: Actor): Promise<EventPage> {
  if (query.deleted && !roleHas(actor.role, 'events.manage')) throw new AppFailure('FORBIDDEN', 'events.list: the recycle bin of events needs events.manage');
  let q = eventListing(db);
  let sort: EventSort;
  if (query.deleted) {
    q = q.where('e.deleted_at', 'is not', null);
    sort = BIN;
  } else {
    q = q.where('e.deleted_at', 'is', null);
    const today = localDay(actor.now);
    if (query.when === 'upcoming') q = q.where('e.on_day', '>=', today);
    if (query.when === 'past') q = q.where('e.on_day', '<', today);
    sort = query.when === 'upcoming' ? SOONEST : LATEST;
  }
  if (query.q !== undefined && query.q.trim() !== '') {
    const pattern = containing(query.q.trim());
    q = q.where(sql<SqlBool>`(e.title LIKE ${pattern} ESCAPE '\\' OR e.place LIKE ${pattern} ESCAPE '\\')`);
  }
  const page = await keysetPage(q, sort, query.cursor, query.limit);
  const counts = await countsOf(db, page.rows.map((row) => row.id), actor);
  return { rows: page.rows.map((row) => eventFor(row, counts.get(row.id) ?? NO_COUNTS, actor)), nextCursor: page.nextCursor };
}

function eventNotFound(id: number): AppFailure {
  return new AppFailure('NOT_FOUND', `event ${id} does not exist or is in the recycle bin`);
}

async function storedEvent(db: Db, id: number, options: { includeDeleted?: boolean } = {}): Promise<StoredEvent> {
  let q = eventListing(db).where('e.id', '=', id);
  if (!options.includeDeleted) q = q.where('e.deleted_at', 'is', null);
  const row = await q.executeTakeFirst();
  if (!row) throw eventNotFound(id);
  return row;
}

async function eventOut(db: Db, row: StoredEvent, actor: Actor): Promise<Event> {
  const counts = await countsOf(db, [row.id], actor);
  return eventFor(row, counts.get(row.id) ?? NO_COUNTS, actor);
}

/** One event; one in the recycle bin only for those who manage events. */
export async function readEvent(db: Db, id: number, actor: Actor): Promise<Event> {
  const row = await storedEvent(db, id, { includeDeleted: roleHas(actor.role, 'events.manage') });
  return eventOut(db, row, actor);
}

function draftColumns(draft: Draft) {
  return {
    title: draft.title,
    kind: draft.kind,
    on_day: draft.onDay,
    start_minute: draft.startMinute,
    duration_minutes: draft.durationMinutes,
    place: draft.place,
    capacity: draft.capacity,
    budget_minor: draft.budgetMinor,
    currency: draft.currency,
    notes: draft.notes,
  };
}

const AUDITED = ['title', 'kind', 'onDay', 'startMinute', 'durationMinutes', 'place', 'capacity', 'budgetMinor', 'currency', 'notes'] as const;
type AuditedEvent = Pick<StoredEvent, (typeof AUDITED)[number]>;
function audited(event: AuditedEvent): AuditedEvent {
  return Object.fromEntries(AUDITED.map((field) => [field, event[field]])) as AuditedEvent; // exactly the AUDITED fields
}

type EventAction = 'event.create' | 'event.update' | 'event.cancel' | 'event.delete' | 'event.restore' | 'event.invite';
function auditEvent(tx: Db, actor: Actor, action: EventAction, event: { id: number; title: string }, changes: FieldChange[]) {
  return appendAudit(tx, { at: actor.now, userId: actor.userId, username: actor.username, action, entity: 'event', entityId: event.id, label: event.title, changes });
}

export async function createEvent(db: Db, draft: Draft, actor: Actor): Promise<Event> {
  return transaction(db, async (tx) => {
    const { id } = await tx
      .insertInto('events')
      .values({ ...draftColumns(draft), created_by: actor.userId, created_at: actor.now, updated_at: actor.now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const row = await storedEvent(tx, id);
    await auditEvent(tx, actor, 'event.create', row, AUDITED.map((field) => ({ field, before: null, after: row[field] })));
    return eventOut(tx, row, actor);
  });
}

function staleEvent(operation: string, id: number): AppFailure {
  return new AppFailure('CONFLICT', `${operation}: event ${id} was changed by someone else; reload it`);
}

function cancelledEvent(operation: string, id: number): AppFailure {
  return new AppFailure('CONFLICT', `${operation}: event ${id} is cancelled`, { reason: 'cancelled' });
}

export async function updateEvent(db: Db, id: number, version: number, draft: Draft, actor: Actor): Promise<Event> {
  return transaction(db, async (tx) => {
    const before = await storedEvent(tx, id);
    if (before.version !== version) throw staleEvent('events.update', id);
    if (before.cancelledAt !== null) throw cancelledEvent('events.update', id);
    await tx
      .updateTable('events')
      .set({ ...draftColumns(draft), updated_at: actor.now, version: before.version + 1 })
      .where('id', '=', id)
      .execute();
    const after = await storedEvent(tx, id);
    await auditEvent(tx, actor, 'event.update', after, changedFields(audited(before), audited(after), AUDITED));
    return eventOut(tx, after, actor);
  });
}

export async function cancelEvent(db: Db, id: number, version: number, actor: Actor): Promise<Event> {
  return transaction(db, async (tx) => {
    const before = await storedEvent(tx, id);
    if (before.version !== version) throw staleEvent('events.cancel', id);
    if (before.cancelledAt !== null) throw cancelledEvent('events.cancel', id);
    await tx.updateTable('events').set({ cancelled_at: actor.now, updated_at: actor.now, version: before.version + 1 }).where('id', '=', id).execute();
    const after = await storedEvent(tx, id);
    await auditEvent(tx, actor, 'event.cancel', after, [{ field: 'status', before: eventStatus(before, actor.now), after: 'cancelled' }]);
    return eventOut(tx, after, actor);
  });
}

export async function deleteEvent(db: Db, id: number, actor: Actor): Promise<{ id: number }> {
  return transaction(db, async (tx) => {
    const row = await storedEvent(tx, id);
    await tx.updateTable('events').set({ deleted_at: actor.now, deleted_by: actor.userId, updated_at: actor.now, version: row.version + 1 }).where('id', '=', id).execute();
    await auditEvent(tx, actor, 'event.delete', row, []);
    return { id };
  });
}

export async function restoreEvent(db: Db, id: number, actor: Actor): Promise<Event> {
  return transaction(db, async (tx) => {
    const row = await storedEvent(tx, id, { includeDeleted: true });
    if (row.deletedAt === null) throw new AppFailure('CONFLICT', `event ${id} is not in the recycle bin`);
    await tx.updateTable('events').set({ deleted_at: null, deleted_by: null, updated_at: actor.now, version: row.version + 1 }).where('id', '=', id).execute();
    const after = await storedEvent(tx, id);
    await auditEvent(tx, actor, 'event.restore', after, []);
    return eventOut(tx, after, actor);
  });
}

/** A live, not cancelled event, for the writes to its invitations. */
async function openEvent(db: Db, id: number): Promise<StoredEvent> {
  const event = await storedEvent(db, id);
  if (event.cancelledAt !== null) throw cancelledEvent('events.invite', id);
  return event;
}

// ---------------------------------------------------------------------------------------------
// Invitations

const INVITATION_COLUMNS = [
  'i.id',
  'i.event_id as eventId',
  'i.customer_id as customerId',
  'c.name as customerName',
  'c.code as customerCode',
  'c.grade',
  'i.contact_id as contactId',
  'k.name as contactName',
  'i.reply',
  'i.replied_at as repliedAt',
  'i.attended',
  'i.invited_at as invitedAt',
  'c.created_by as createdBy',
] as const;

function invitationListing(db: Db, access: Access) {
  return visibleInvitations(db, access).leftJoin('contacts as k', 'k.id', 'i.contact_id').select(INVITATION_COLUMNS);
}
type StoredInvitation = Awaited<ReturnType<ReturnType<typeof invitationListing>['executeTakeFirstOrThrow']>>;

function invitationFor(row: StoredInvitation, event: { cancelledAt: number | null }, actor: Actor): Invitation {
  const { createdBy, attended, ...rest } = row;
  const open = event.cancelledAt === null;
  const write = roleHas(actor.role, 'customers.write') && customerActions(actor, { createdBy }).edit;
  return {
    ...rest,
    attended: attended === null ? null : attended === 1,
    actions: { reply: write && open, attend: write && open, uninvite: roleHas(actor.role, 'events.manage') && open },
  };
}

type InvitationSort = readonly SortColumn<'c.name_sort' | 'i.id'>[];
const BY_NAME: InvitationSort = [
  { column: 'c.name_sort', direction: 'asc' },
  { column: 'i.id', direction: 'asc' },
];

export async function listInvitations(db: Db, query: InvQuery, actor: Actor): Promise<InvitationPage> {
  const event = await storedEvent(db, query.eventId);
  let q = invitationListing(db, actor).where('i.event_id', '=', query.eventId);
  if (query.reply) q = q.where('i.reply', '=', query.reply);
  if (query.attended === true) q = q.where('i.attended', '=', 1);
  if (query.attended === false) q = q.where(sql<SqlBool>`coalesce(i.attended, 0) = 0`);
  if (query.q !== undefined && query.q.trim() !== '') {
    const pattern = containing(query.q.trim());
    q = q.where(sql<SqlBool>`(c.name LIKE ${pattern} ESCAPE '\\' OR c.code LIKE ${pattern} ESCAPE '\\' OR k.name LIKE ${pattern} ESCAPE '\\')`);
  }
  const page = await keysetPage(q, BY_NAME, query.cursor, query.limit);
  return { rows: page.rows.map((row) => invitationFor(row, event, actor)), nextCursor: page.nextCursor };
}

async function countOf(q: SelectQueryBuilder<any, any, any>): Promise<number> { // eslint-disable-line @typescript-eslint/no-explicit-any -- any filtered customers query
  const row = (await q.select(sql<number>`count(*)`.as('n')).executeTakeFirst()) as { n: number } | undefined; // the one column selected just above
  return row?.n ?? 0;
}

function invitedTo(eventId: number) {
  return sql<SqlBool>`c.id IN (SELECT customer_id FROM event_invitations WHERE event_id = ${eventId})`;
}

export async function invitePreview(db: Db, eventId: number, filter: CustomerFilters, actor: Actor): Promise<InvitePreview> {
  await storedEvent(db, eventId);
  const count = await countOf(await filteredCustomers(db, filter, actor));
  const alreadyInvited = await countOf((await filteredCustomers(db, filter, actor)).where(invitedTo(eventId)));
  return { count, alreadyInvited };
}

async function invitationCount(db: Db, eventId: number): Promise<number> {
  const row = await db
    .selectFrom('event_invitations as i')
    .innerJoin('customers as c', 'c.id', 'i.customer_id')
    .where('i.event_id', '=', eventId)
    .where('c.deleted_at', 'is', null)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

/**
 * Invites, in one transaction: the customers a filter gives (one INSERT … SELECT over the
 * customers list's own filter, so 5,000 of 100,000 take one statement), customers named by hand,
 * and contacts named by hand (their customer, with that contact when the invitation names none
 * yet). Every customer or contact named must be one the caller sees, else nothing is invited.
 */
export async function invite(db: Db, input: Invite, actor: Actor): Promise<InviteResult> {
  return transaction(db, async (tx) => {
    const event = await openEvent(tx, input.eventId);
    const handIds = [...new Set(input.customerIds ?? [])];
    const visible = async (ids: readonly number[]) => {
      if (ids.length === 0) return new Set<number>();
      let q = tx.selectFrom('customers as c').select('c.id').where('c.id', 'in', ids).where('c.deleted_at', 'is', null);
      if (actor.scopeOwnerId !== null) q = q.where('c.owner_id', '=', actor.scopeOwnerId);
      return new Set((await q.execute()).map((row) => row.id));
    };
    const seen = await visible(handIds);
    const missing = (input.customerIds ?? []).flatMap((id, index) => (seen.has(id) ? [] : [{ path: ['customerIds', index], message: 'customer' as const }]));
    if (missing.length > 0) throw new AppFailure('VALIDATION', `events.invite: customers the caller does not see`, missing);

    const contactIds = [...new Set(input.contactIds ?? [])];
    const contacts = contactIds.length === 0 ? [] : await tx.selectFrom('contacts').select(['id', 'customer_id as customerId']).where('id', 'in', contactIds).execute();
    const contactCustomers = await visible(contacts.map((row) => row.customerId));
    const contactOf = new Map(contacts.filter((row) => contactCustomers.has(row.customerId)).map((row) => [row.id, row.customerId]));
    const badContacts = (input.contactIds ?? []).flatMap((id, index) => (contactOf.has(id) ? [] : [{ path: ['contactIds', index], message: 'contact' as const }]));
    if (badContacts.length > 0) throw new AppFailure('VALIDATION', `events.invite: contacts the caller does not see`, badContacts);

    const before = await invitationCount(tx, event.id);
    // Everyone named, counted once: the filter's customers, plus those named by hand or through a contact the filter did not give.
    const named = new Set([...handIds, ...contactOf.values()]);
    let targeted = named.size;
    if (input.filter) {
      const filtered = await filteredCustomers(tx, input.filter, actor);
      const filterCount = await countOf(filtered);
      const overlap = named.size === 0 ? 0 : await countOf((await filteredCustomers(tx, input.filter, actor)).where('c.id', 'in', [...named]));
      targeted += filterCount - overlap;
      await tx
        .insertInto('event_invitations')
        .columns(['event_id', 'customer_id', 'invited_at', 'invited_by'])
        .expression(filtered.select([sql<number>`${event.id}`.as('event_id'), 'c.id', sql<number>`${actor.now}`.as('invited_at'), sql<number>`${actor.userId}`.as('invited_by')]))
        .onConflict((oc) => oc.columns(['event_id', 'customer_id']).doNothing())
        .execute();
    }
    // Contacts first, so a customer named both ways is invited with the contact.
    for (const [contactId, customerId] of contactOf) {
      await tx
        .insertInto('event_invitations')
        .values({ event_id: event.id, customer_id: customerId, contact_id: contactId, invited_at: actor.now, invited_by: actor.userId })
        .onConflict((oc) => oc.columns(['event_id', 'customer_id']).doUpdateSet({ contact_id: contactId }).where('event_invitations.contact_id', 'is', null))
        .execute();
    }
    for (const ids of chunks(handIds, 200)) {
      await tx
        .insertInto('event_invitations')
        .values(ids.map((customerId) => ({ event_id: event.id, customer_id: customerId, invited_at: actor.now, invited_by: actor.userId })))
        .onConflict((oc) => oc.columns(['event_id', 'customer_id']).doNothing())
        .execute();
    }
    const after = await invitationCount(tx, event.id);
    const invited = after - before;
    const result = { invited, alreadyInvited: Math.max(0, targeted - invited), overCapacity: event.capacity !== null && after > event.capacity };
    await auditEvent(tx, actor, 'event.invite', event, [
      { field: 'invited', before: before, after: after },
      ...(input.filter ? [{ field: 'filter', before: null, after: input.filter }] : []),
      ...(handIds.length > 0 ? [{ field: 'customerIds', before: null, after: handIds }] : []),
      ...(contactIds.length > 0 ? [{ field: 'contactIds', before: null, after: contactIds }] : []),
    ]);
    return result;
  });
}

/**
 * Invite from a list (codes or names, one per line). Matching happens in the caller's scope over
 * live customers: a line equal to a customer's code (case-free) names that customer; else a line
 * equal to exactly one customer's name does; two or more customers with that name make the line
 * ambiguous (no one is guessed). The matched customers are then invited through `invite`, in the
 * same transaction, so the rules (cancelled event, capacity warning, audit) are the same.
 */
export async function inviteList(db: Db, input: InviteList, actor: Actor): Promise<InviteListResult> {
  const lines: string[] = [];
  const seenLines = new Set<string>();
  let repeated = 0;
  for (const raw of input.lines) {
    const line = raw.trim();
    if (line === '') continue;
    const key = line.toUpperCase();
    if (seenLines.has(key)) repeated += 1;
    else {
      seenLines.add(key);
      lines.push(line);
    }
  }
  if (lines.length === 0) throw new AppFailure('VALIDATION', 'events.inviteList: the list names no customer', [{ path: ['lines'], message: 'required' }]);
  const work = async (tx: Db): Promise<InviteListResult> => {
    const event = await openEvent(tx, input.eventId);
    const scoped = () => {
      let q = tx.selectFrom('customers as c').select(['c.id', 'c.code', 'c.name']).where('c.deleted_at', 'is', null);
      if (actor.scopeOwnerId !== null) q = q.where('c.owner_id', '=', actor.scopeOwnerId);
      return q;
    };
    const byCode = new Map<string, number>();
    for (const part of chunks(lines, 300)) {
      // The code column's index answers IN; the variants cover codes typed in another case.
      const variants = [...new Set(part.flatMap((line) => [line, line.toUpperCase(), line.toLowerCase()]))];
      for (const row of await scoped().where('c.code', 'in', variants).execute()) byCode.set(row.code.toUpperCase(), row.id);
    }
    const rest = lines.filter((line) => !byCode.has(line.toUpperCase()));
    const byName = new Map<string, number[]>();
    for (const part of chunks(rest, 500)) {
      for (const row of await scoped().where('c.name', 'in', part).execute()) byName.set(row.name, [...(byName.get(row.name) ?? []), row.id]);
    }
    const ids = new Set<number>();
    const unmatched: string[] = [];
    const ambiguous: string[] = [];
    for (const line of lines) {
      const coded = byCode.get(line.toUpperCase());
      const named = byName.get(line) ?? [];
      const id = coded ?? (named.length === 1 ? named[0] : undefined);
      if (id !== undefined) {
        if (ids.has(id)) repeated += 1; // the same customer by code and by name
        ids.add(id);
      } else if (named.length > 1) ambiguous.push(line);
      else unmatched.push(line);
    }
    const matched = [...ids];
    let already = 0;
    for (const part of chunks(matched, 500)) {
      const row = await tx
        .selectFrom('event_invitations')
        .where('event_id', '=', event.id)
        .where('customer_id', 'in', part)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      already += row.n;
    }
    const fresh = matched.length - already;
    const base = { matched: matched.length, repeated, unmatched, ambiguous };
    if (input.dryRun || fresh === 0) {
      const total = await invitationCount(tx, event.id);
      return { ...base, invited: fresh, alreadyInvited: already, overCapacity: event.capacity !== null && total + (input.dryRun ? fresh : 0) > event.capacity };
    }
    const result = await invite(tx, { eventId: event.id, customerIds: matched }, actor);
    return { ...base, invited: result.invited, alreadyInvited: result.alreadyInvited, overCapacity: result.overCapacity };
  };
  return input.dryRun ? work(db) : transaction(db, work);
}

type CustomerInvitationSort = readonly SortColumn<'e.on_day' | 'i.id'>[];
const LATEST_EVENT: CustomerInvitationSort = [
  { column: 'e.on_day', direction: 'desc' },
  { column: 'i.id', direction: 'desc' },
];

/** One customer's invitations with their events, latest first; a customer the caller does not see is NOT_FOUND. */
export async function listCustomerInvitations(db: Db, query: CustomerInvQuery, actor: Actor): Promise<CustomerInvitationPage> {
  let customer = db.selectFrom('customers as c').select('c.id').where('c.id', '=', query.customerId).where('c.deleted_at', 'is', null);
  if (actor.scopeOwnerId !== null) customer = customer.where('c.owner_id', '=', actor.scopeOwnerId);
  if (!(await customer.executeTakeFirst())) throw new AppFailure('NOT_FOUND', `events.customerInvitations: customer ${query.customerId} does not exist, is in the recycle bin, or is not one you see`);
  const q = invitationListing(db, actor)
    .innerJoin('events as e', 'e.id', 'i.event_id')
    .where('e.deleted_at', 'is', null)
    .where('i.customer_id', '=', query.customerId)
    .select(['e.title as eventTitle', 'e.on_day as eventDay', 'e.cancelled_at as eventCancelledAt']);
  const page = await keysetPage(q, LATEST_EVENT, query.cursor, query.limit);
  return {
    rows: page.rows.map(({ eventTitle, eventDay, eventCancelledAt, ...row }) => ({
      ...invitationFor(row, { cancelledAt: eventCancelledAt }, actor),
      eventTitle,
      eventDay,
      eventStatus: eventStatus({ cancelledAt: eventCancelledAt, onDay: eventDay }, actor.now),
    })),
    nextCursor: page.nextCursor,
  };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function invitationNotFound(id: number): AppFailure {
  return new AppFailure('NOT_FOUND', `invitation ${id} does not exist, or its customer or event is not one the caller sees`);
}

/** An invitation the caller may see, of a live event, with its event. */
async function visibleInvitation(db: Db, id: number, actor: Actor): Promise<{ row: StoredInvitation; event: StoredEvent }> {
  const row = await invitationListing(db, actor).where('i.id', '=', id).executeTakeFirst();
  if (!row) throw invitationNotFound(id);
  const event = await eventListing(db).where('e.id', '=', row.eventId).where('e.deleted_at', 'is', null).executeTakeFirst();
  if (!event) throw invitationNotFound(id);
  return { row, event };
}

function auditInvitation(tx: Db, actor: Actor, action: 'eventInvitation.uninvite' | 'eventInvitation.reply' | 'eventInvitation.attend', id: number | null, label: string, changes: FieldChange[]) {
  return appendAudit(tx, { at: actor.now, userId: actor.userId, username: actor.username, action, entity: 'eventInvitation', entityId: id, label, changes });
}

export async function uninvite(db: Db, invitationId: number, actor: Actor): Promise<{ id: number }> {
  return transaction(db, async (tx) => {
    const { row, event } = await visibleInvitation(tx, invitationId, actor);
    if (event.cancelledAt !== null) throw cancelledEvent('events.uninvite', event.id);
    await tx.deleteFrom('event_invitations').where('id', '=', invitationId).execute();
    await auditInvitation(tx, actor, 'eventInvitation.uninvite', invitationId, row.customerName, [
      { field: 'eventId', before: event.id, after: null },
      { field: 'customerId', before: { id: row.customerId, name: row.customerName, code: row.customerCode }, after: null },
    ]);
    return { id: invitationId };
  });
}

/** A write to an invitation needs the customer's write rule too (viewers never reach here: customers.write). */
function checkWrite(row: StoredInvitation, actor: Actor): void {
  if (!customerActions(actor, { createdBy: row.createdBy }).edit) throw new AppFailure('FORBIDDEN', `invitation ${row.id}: the caller may not change this customer's data`);
}

export async function reply(db: Db, invitationId: number, answer: EventReply, actor: Actor): Promise<Invitation> {
  return transaction(db, async (tx) => {
    const { row, event } = await visibleInvitation(tx, invitationId, actor);
    checkWrite(row, actor);
    if (event.cancelledAt !== null) throw cancelledEvent('events.reply', event.id);
    if (answer === 'yes' && row.reply !== 'yes' && event.capacity !== null) {
      // The capacity is the whole event's: every live customer's yes counts, whoever may see it.
      const yes = await tx
        .selectFrom('event_invitations as i')
        .innerJoin('customers as c', 'c.id', 'i.customer_id')
        .where('i.event_id', '=', event.id)
        .where('i.reply', '=', 'yes')
        .where('c.deleted_at', 'is', null)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      if (yes.n >= event.capacity) throw new AppFailure('CONFLICT', `events.reply: event ${event.id} is full (${event.capacity} yes replies)`, { reason: 'capacity' });
    }
    if (answer !== row.reply) {
      await tx
        .updateTable('event_invitations')
        .set({ reply: answer, replied_at: answer === 'pending' ? null : actor.now, replied_by: answer === 'pending' ? null : actor.userId })
        .where('id', '=', invitationId)
        .execute();
      await auditInvitation(tx, actor, 'eventInvitation.reply', invitationId, row.customerName, [
        { field: 'eventId', before: event.id, after: event.id },
        { field: 'reply', before: row.reply, after: answer },
      ]);
    }
    const { row: after } = await visibleInvitation(tx, invitationId, actor);
    return invitationFor(after, event, actor);
  });
}

/** Marks attendance, all or nothing: every invitation must be one the caller may mark, of a live event that is not cancelled. */
export async function attend(db: Db, invitationIds: readonly number[], attended: boolean, actor: Actor): Promise<{ updated: number }> {
  return transaction(db, async (tx) => {
    const ids = [...new Set(invitationIds)];
    const rows = await invitationListing(tx, actor).where('i.id', 'in', ids).execute();
    const found = new Set(rows.map((row) => row.id));
    const missing = ids.find((id) => !found.has(id));
    if (missing !== undefined) throw invitationNotFound(missing);
    const eventIds = [...new Set(rows.map((row) => row.eventId))];
    const events = await eventListing(tx).where('e.id', 'in', eventIds).where('e.deleted_at', 'is', null).execute();
    const eventOf = new Map(events.map((event) => [event.id, event]));
    for (const row of rows) {
      const event = eventOf.get(row.eventId);
      if (!event) throw invitationNotFound(row.id);
      if (event.cancelledAt !== null) throw cancelledEvent('events.attend', event.id);
      checkWrite(row, actor);
    }
    const value = attended ? 1 : 0;
    const changing = rows.filter((row) => row.attended !== value);
    for (const part of chunks(changing.map((row) => row.id), 500)) {
      await tx.updateTable('event_invitations').set({ attended: value, attended_at: actor.now, attended_by: actor.userId }).where('id', 'in', part).execute();
    }
    for (const row of changing) {
      await auditInvitation(tx, actor, 'eventInvitation.attend', row.id, row.customerName, [
        { field: 'eventId', before: row.eventId, after: row.eventId },
        { field: 'attended', before: row.attended === null ? null : row.attended === 1, after: attended },
      ]);
    }
    return { updated: changing.length };
  });
}

// ---------------------------------------------------------------------------------------------
// The sign-in sheet and the after-event effect

export async function signInSheet(db: Db, eventId: number, actor: Actor): Promise<SignInSheet> {
  const event = await storedEvent(db, eventId);
  const rows = await visibleInvitations(db, actor)
    .leftJoin('contacts as k', 'k.id', 'i.contact_id')
    .where('i.event_id', '=', eventId)
    .where('i.reply', '!=', 'no')
    .select(['c.name as customerName', 'c.code as customerCode', 'k.name as contactName', 'k.mobile', 'k.phone as contactPhone', 'c.phone as customerPhone', 'i.reply'])
    .orderBy('c.name_sort')
    .orderBy('c.code')
    .limit(SIGN_IN_SHEET_MAX_ROWS + 1)
    .execute();
  const sheet: SignInSheet = {
    header: await printHeader(db, actor),
    event: await eventOut(db, event, actor),
    rows: rows.slice(0, SIGN_IN_SHEET_MAX_ROWS).map((row) => {
      const phone = row.mobile || row.contactPhone || row.customerPhone;
      return { customerName: row.customerName, customerCode: row.customerCode, contactName: row.contactName ?? '', phone: actor.mask ? maskPhone(phone) : phone, reply: row.reply };
    }),
    more: rows.length > SIGN_IN_SHEET_MAX_ROWS,
  };
  await transaction(db, (tx) =>
    appendAudit(tx, {
      at: actor.now,
      userId: actor.userId,
      username: actor.username,
      action: 'print.eventSignIn',
      entity: 'print',
      entityId: event.id,
      label: event.title,
      // The event as it was when printed (still readable after a rename or purge), in plain fields.
      changes: [
        { field: 'title', before: null, after: event.title },
        { field: 'onDay', before: null, after: event.onDay },
      ],
    }),
  );
  return sheet;
}

/** NPS as the dashboard computes it: % promoters − % detractors, one decimal. */
function npsOf(promoters: number, detractors: number, answers: number): number | null {
  if (answers === 0) return null;
  return Math.round(((promoters - detractors) * 1000) / answers) / 10;
}

async function effectGroup(db: Db, eventId: number, attended: boolean, from: string, to: string, access: Access): Promise<EffectGroup> {
  const group = (q: ReturnType<typeof visibleInvitations>) =>
    attended ? q.where('i.event_id', '=', eventId).where('i.attended', '=', 1) : q.where('i.event_id', '=', eventId).where(sql<SqlBool>`coalesce(i.attended, 0) = 0`);
  const customers = await group(visibleInvitations(db, access)).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const startAt = dayStart(from);
  const endAt = dayStart(addDays(to, 1));
  const surveys = await group(visibleInvitations(db, access))
    .innerJoin('surveys as s', 's.customer_id', 'i.customer_id')
    .where('s.deleted_at', 'is', null)
    .where('s.at', '>=', startAt)
    .where('s.at', '<', endAt)
    .select([
      (eb) => eb.fn.countAll<number>().as('n'),
      sql<number>`total(s.nps >= 9)`.as('promoters'),
      sql<number>`total(s.nps <= 6)`.as('detractors'),
      sql<number>`count(s.nps)`.as('npsAnswers'),
      sql<number>`total((SELECT total(score) FROM survey_scores WHERE survey_id = s.id))`.as('scoreSum'),
      sql<number>`total((SELECT count(*) FROM survey_scores WHERE survey_id = s.id))`.as('scoreCount'),
    ])
    .executeTakeFirstOrThrow();
  const sales = await group(visibleInvitations(db, access))
    .innerJoin('sales as v', 'v.customer_id', 'i.customer_id')
    .where('v.deleted_at', 'is', null)
    .where('v.sold_on', '>=', from)
    .where('v.sold_on', '<=', to)
    .select(['v.currency', (eb) => eb.fn.countAll<number>().as('n'), sql<number>`sum(v.total_minor)`.as('totalMinor')])
    .groupBy('v.currency')
    .execute();
  return {
    customers: customers.n,
    surveys: surveys.n,
    csatAvgX100: surveys.scoreCount === 0 ? null : Math.round((surveys.scoreSum * 100) / surveys.scoreCount),
    npsScore: npsOf(surveys.promoters, surveys.detractors, surveys.npsAnswers),
    sales: sales.reduce((sum, row) => sum + row.n, 0),
    revenue: totalsByCurrency(sales.map((row) => ({ currency: row.currency, totalMinor: row.totalMinor }))),
  };
}

/** Attendance rate, and attendees against the others invited, over the 30 local days after the event's day. */
export async function eventEffect(db: Db, eventId: number, actor: Actor): Promise<EventEffect> {
  const event = await storedEvent(db, eventId);
  const from = addDays(event.onDay, 1);
  const to = addDays(event.onDay, EFFECT_WINDOW_DAYS);
  const attendees = await effectGroup(db, eventId, true, from, to, actor);
  const others = await effectGroup(db, eventId, false, from, to, actor);
  const invited = attendees.customers + others.customers;
  return {
    invited,
    attended: attendees.customers,
    attendanceRatePermille: invited === 0 ? 0 : Math.round((attendees.customers * 1000) / invited),
    windowDays: EFFECT_WINDOW_DAYS,
    from,
    to,
    attendees,
    others,
  };
}

// ---------------------------------------------------------------------------------------------
// Other areas' hooks

/** A purged customer's invitations go with it (customers/service.ts purgeCustomer). */
export async function purgeInvitationsOf(tx: Db, customerId: number): Promise<number> {
  const result = await tx.deleteFrom('event_invitations').where('customer_id', '=', customerId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

