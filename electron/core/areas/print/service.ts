// Printed documents: each answers its data as the caller may see it (the customers' scope, masked
// contacts) and appends its audit entry, so every print of a document is in the log. The tables of
// visits and records are read directly: a document is a read-only join, with its own columns and
// its own limits (no paging; the renderer lays the whole document out at once).
import { sql } from 'kysely';
import type { z } from 'zod';
import {
  LAST_NOTE_CHARS,
  PROFILE_TIMELINE_ENTRIES,
  VISIT_SHEET_MAX_VISITS,
  type CustomerProfile,
  type PrintHeader,
  type ServiceReport,
  type VisitSheet,
  type VisitSheetLine,
  type VisitSheetQuery,
} from '../../../../shared/api/print.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import { maskPhone } from '../../../../shared/masking.ts';
import { transaction, type Db } from '../../db/database.ts';
import { shopName } from '../../api/handler-kit.ts';
import { readBlob } from '../../files/blob-store.ts';
import { appendAudit, type FieldChange } from '../audit/service.ts';
import { readCustomer } from '../customers/service.ts';
import { readLogo } from '../logo/service.ts';
import { listTimeline } from '../timeline/service.ts';
import type { Access } from '../users/access.ts';

export type Actor = Access & { now: number };

/** A user's name as documents print it: the display name, else the user name. */
function nameOf(user: { display_name: string | null; username: string | null } | undefined): string {
  return user?.display_name || user?.username || '';
}

/** The shop's logo as a data: URL (at most 2 MiB: the logo's own limit), or null. */
async function logoDataUrl(db: Db): Promise<string | null> {
  const logo = await readLogo(db);
  if (!logo) return null;
  const parts: Uint8Array[] = [];
  for await (const chunk of readBlob(db, logo.blob)) parts.push(chunk);
  return `data:${logo.blob.type};base64,${Buffer.concat(parts).toString('base64')}`;
}

/** Also the heading of other areas' documents (a story's case sheet). */
export async function printHeader(db: Db, actor: Actor): Promise<PrintHeader> {
  return header(db, actor);
}

async function header(db: Db, actor: Actor): Promise<PrintHeader> {
  const user = await db.selectFrom('users').select(['display_name', 'username']).where('id', '=', actor.userId).executeTakeFirst();
  return { shopName: await shopName(db), logo: await logoDataUrl(db), printedBy: nameOf(user) || actor.username, printedAt: actor.now };
}

function audit(db: Db, actor: Actor, action: 'print.visitSheet' | 'print.customerProfile' | 'print.serviceReport', entityId: number | null, label: string, changes: FieldChange[]) {
  return transaction(db, (tx) => appendAudit(tx, { at: actor.now, userId: actor.userId, username: actor.username, action, entity: 'print', entityId, label, changes }));
}

/** A customer as the audit log keeps it: as it was when printed (still readable after a rename or purge). */
const customerRef = (customer: { id: number; name: string; code: string }) => ({ id: customer.id, name: customer.name, code: customer.code });

/**
 * The visits of the days from..to of one staff member (or of the whole shop), live and not
 * cancelled, of customers the caller may see. With the staff-scope setting on, a scoped staff
 * member prints only their own sheet.
 */
export async function visitSheet(db: Db, query: z.output<typeof VisitSheetQuery>, actor: Actor): Promise<VisitSheet> {
  if (actor.scopeOwnerId !== null && query.staffId !== actor.scopeOwnerId) {
    throw new AppFailure('FORBIDDEN', 'print.visitSheet: you may print only your own visit sheet', [{ path: ['staffId'], message: 'scope' }]);
  }
  let staff: { id: number; name: string } | null = null;
  if (query.staffId !== null) {
    const user = await db.selectFrom('users').select(['id', 'display_name', 'username']).where('id', '=', query.staffId).executeTakeFirst();
    if (!user) throw new AppFailure('VALIDATION', `print.visitSheet: there is no user ${query.staffId}`, [{ path: ['staffId'], message: 'staff' }]);
    staff = { id: user.id, name: nameOf(user) };
  }

  let rows = db
    .selectFrom('visits as v')
    .innerJoin('customers as c', 'c.id', 'v.customer_id')
    .leftJoin('users as u', 'u.id', 'v.staff_id')
    .leftJoin('contacts as k', 'k.id', 'v.contact_id')
    .select([
      'v.id',
      'v.on_day',
      'v.start_minute',
      'v.duration_minutes',
      'v.starts_at',
      'v.status',
      'v.customer_id',
      'c.name as customer_name',
      'c.code as customer_code',
      'v.address',
      'v.contact_name',
      'k.mobile as contact_mobile',
      'k.phone as contact_phone',
      'v.staff_id',
      'u.display_name',
      'u.username',
      'v.purpose',
      'v.agenda',
    ])
    .where('v.deleted_at', 'is', null)
    .where('v.on_day', '>=', query.from)
    .where('v.on_day', '<=', query.to)
    .where('v.status', '!=', 'cancelled')
    .where('c.deleted_at', 'is', null);
  if (query.staffId !== null) rows = rows.where('v.staff_id', '=', query.staffId);
  if (actor.scopeOwnerId !== null) rows = rows.where('c.owner_id', '=', actor.scopeOwnerId);
  const found = await rows
    .orderBy('v.on_day')
    .orderBy('v.start_minute')
    .orderBy('v.id')
    .limit(VISIT_SHEET_MAX_VISITS + 1)
    .execute();
  const more = found.length > VISIT_SHEET_MAX_VISITS;

  const visits: VisitSheetLine[] = [];
  for (const row of found.slice(0, VISIT_SHEET_MAX_VISITS)) {
    // One seek of visits_timeline (customer_id, starts_at, id) per line: the customer's latest done visit before this one.
    const last = await db
      .selectFrom('visits')
      .select(['on_day', sql<string>`substr(outcome, 1, ${LAST_NOTE_CHARS})`.as('outcome')])
      .where('customer_id', '=', row.customer_id)
      // A row value, so SQLite seeks straight to this visit in the index and walks back from there.
      .where(sql<boolean>`(starts_at, id) < (${row.starts_at}, ${row.id})`)
      .where('status', '=', 'done')
      .where('deleted_at', 'is', null)
      .orderBy('starts_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const phone = row.contact_mobile || row.contact_phone || '';
    visits.push({
      id: row.id,
      onDay: row.on_day,
      startMinute: row.start_minute,
      durationMinutes: row.duration_minutes,
      status: row.status as VisitSheetLine['status'], // cancelled ones are left out by the query
      customerId: row.customer_id,
      customerName: row.customer_name,
      customerCode: row.customer_code,
      address: row.address,
      contactName: row.contact_name,
      contactPhone: actor.mask ? maskPhone(phone) : phone,
      staffId: row.staff_id,
      staffName: nameOf({ display_name: row.display_name, username: row.username }),
      purpose: row.purpose,
      agenda: row.agenda,
      lastVisitNote: last ? { onDay: last.on_day, outcome: last.outcome } : null,
    });
  }

  const sheet: VisitSheet = { ...(await header(db, actor)), from: query.from, to: query.to, staff, visits, more };
  await audit(db, actor, 'print.visitSheet', staff?.id ?? null, staff?.name ?? '', [
    { field: 'sheetStaff', before: null, after: staff ? staff.name : 'wholeShop' },
    { field: 'sheetFrom', before: null, after: query.from },
    { field: 'sheetTo', before: null, after: query.to },
    { field: 'sheetVisits', before: null, after: visits.length },
  ]);
  return sheet;
}

/** A customer the caller may see: its archive fields and contacts (masked for their role), grade, and latest timeline. */
export async function customerProfile(db: Db, customerId: number, actor: Actor): Promise<CustomerProfile> {
  let customer: CustomerProfile['customer'];
  try {
    customer = await readCustomer(db, customerId, actor);
  } catch (error) {
    if (error instanceof AppFailure && error.code === 'NOT_FOUND') {
      throw new AppFailure('NOT_FOUND', `print.customerProfile: customer ${customerId} does not exist, is in the recycle bin, or is not yours to see`);
    }
    throw error;
  }
  const page = await listTimeline(db, { customerId, limit: PROFILE_TIMELINE_ENTRIES }, actor, actor.now);
  // Paper shows what stands: entries in the recycle bin are left off.
  const timeline = page.entries.filter((entry) => !entry.deleted);
  const profile: CustomerProfile = { ...(await header(db, actor)), customer, timeline };
  await audit(db, actor, 'print.customerProfile', customer.id, customer.name, [{ field: 'customerId', before: null, after: customerRef(customer) }]);
  return profile;
}

/** A live record of a customer the caller may see, with what the customer signs for. */
export async function serviceReport(db: Db, recordId: number, actor: Actor): Promise<ServiceReport> {
  const row = await db
    .selectFrom('records as r')
    .innerJoin('customers as c', 'c.id', 'r.customer_id')
    .leftJoin('users as u', 'u.id', 'r.staff_id')
    .leftJoin('contracts as k', 'k.id', 'r.contract_id')
    .select([
      'r.id',
      'r.kind',
      'r.at',
      'r.content',
      'r.phase',
      'r.service_kind',
      'r.duration_minutes',
      'r.result',
      'r.status',
      'r.feedback',
      'r.channel',
      'r.agreements',
      'r.follow_up_on',
      'r.deleted_at',
      'u.display_name',
      'u.username',
      'k.number as contract_number',
      'k.title as contract_title',
      'c.id as customer_id',
      'c.code as customer_code',
      'c.name as customer_name',
      'c.address as customer_address',
      'c.phone as customer_phone',
      'c.owner_id',
      'c.deleted_at as customer_deleted_at',
    ])
    .where('r.id', '=', recordId)
    .executeTakeFirst();
  if (!row || row.deleted_at !== null || row.customer_deleted_at !== null || (actor.scopeOwnerId !== null && row.owner_id !== actor.scopeOwnerId)) {
    throw new AppFailure('NOT_FOUND', `print.serviceReport: record ${recordId} does not exist, is in the recycle bin, or is not yours to see`);
  }
  const participants = await db.selectFrom('record_participants').select('name').where('record_id', '=', recordId).orderBy('position').execute();
  const customer = { id: row.customer_id, code: row.customer_code, name: row.customer_name, address: row.customer_address, phone: actor.mask ? maskPhone(row.customer_phone) : row.customer_phone };
  const report: ServiceReport = {
    ...(await header(db, actor)),
    record: {
      id: row.id,
      kind: row.kind,
      at: row.at,
      staffName: row.display_name === null && row.username === null ? null : nameOf(row),
      content: row.content,
      phase: row.phase,
      serviceKind: row.service_kind,
      durationMinutes: row.duration_minutes,
      result: row.result,
      status: row.status,
      feedback: row.feedback,
      channel: row.channel,
      participants: participants.map((p) => p.name),
      agreements: row.agreements,
      followUpOn: row.follow_up_on,
      contractNumber: row.contract_number,
      contractTitle: row.contract_title,
    },
    customer,
  };
  await audit(db, actor, 'print.serviceReport', row.id, customer.name, [
    { field: 'printedRecord', before: null, after: row.id },
    { field: 'customerId', before: null, after: customerRef(customer) },
  ]);
  return report;
}
