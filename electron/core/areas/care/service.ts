// Customer care: the occasions of a window of days (birthdays, founding days, contacts' birthdays,
// contracts' signing anniversaries), the return visits due, and care notes. A caller sees what
// belongs to the customers they may see (live, in their scope); Today (areas/today) reads the
// first two through upcomingOccasions and returnVisitsDue.
//
// Occasions: the days' birthday keys (occasions.ts: the lunar month-days of each day, leap months
// and 30th days kept on the days the shop keeps them) are looked up in the birthday and
// anniversary indexes of migration 0016, so a window costs a few index ranges, never a pass over
// every customer. Return visits: one range of customers_return_due (grade, last_contact_at), or
// its owner twin, per grade, up to the day the grade's cadence makes them due.
import { sql, type SqlBool } from 'kysely';
import { NOTE_OCCASION_OF, careNoteActions, type CareNote, type CareNoteDraftValue, type Occasion, type OccasionKind } from '../../../../shared/api/care.ts';
import { GRADES, type Grade } from '../../../../shared/api/customers.ts';
import { addDays, localDay } from '../../../../shared/contract-status.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import type { ValidationMessage } from '../../../../shared/validation.ts';
import { transaction, type Db } from '../../db/database.ts';
import { appendAudit } from '../audit/service.ts';
import { returnCadences } from '../standards/deadline.ts';
import type { Access } from '../users/access.ts';
import { birthdayKeysOn, daysFrom, type BirthdayCalendar } from './occasions.ts';

/** A change as made by a caller at an instant. */
export type Actor = Access & { now: number };

// ---------------------------------------------------------------------------------------------
// Occasions

/**
 * Whose customers: the caller's scope and the staff member asked for. Both set and different:
 * nobody's (a staff member limited to their own customers asking for a colleague's).
 */
function ownerFilter(access: Access, staffId: number | null): number | null | 'none' {
  if (access.scopeOwnerId === null) return staffId;
  if (staffId === null || staffId === access.scopeOwnerId) return access.scopeOwnerId;
  return 'none';
}

/** For each key, the days of the window it is celebrated on (a key falls at most once in 31 days, but a list costs nothing). */
type KeyDays = Map<string, string[]>;

function keyDays(days: readonly string[]): { gregorian: KeyDays; lunar: KeyDays; lunarYear: Map<string, number> } {
  const gregorian: KeyDays = new Map();
  const lunar: KeyDays = new Map();
  const lunarYear = new Map<string, number>();
  const add = (map: KeyDays, key: string, day: string) => {
    const list = map.get(key);
    if (list) list.push(day);
    else map.set(key, [day]);
  };
  for (const day of days) {
    const keys = birthdayKeysOn(day);
    for (const key of keys.gregorian) add(gregorian, key, day);
    for (const key of keys.lunar) add(lunar, key, day);
    lunarYear.set(day, keys.lunarYear);
  }
  return { gregorian, lunar, lunarYear };
}

/** The year a stored date names ('1990-08-15', '2020-04L-03'), or null ('--08-15'). */
function storedYear(text: string): number | null {
  return text.startsWith('--') ? null : Number(text.slice(0, 4));
}

type BirthdayRow = {
  customerId: number;
  customerName: string;
  customerCode: string;
  nameSort: string;
  ownerId: number | null;
  ownerName: string | null;
  birthday: string;
  calendar: BirthdayCalendar;
  key: string | null;
  kind: 'person' | 'company';
  contactId: number | null;
  contactName: string | null;
};

type ContractRow = {
  customerId: number;
  customerName: string;
  customerCode: string;
  nameSort: string;
  ownerId: number | null;
  ownerName: string | null;
  contractId: number;
  contractNumber: string;
  signedOn: string | null;
  key: string | null;
  terminatedOn: string | null;
};

const KIND_ORDER: Record<OccasionKind, number> = { birthday: 0, founding: 1, contactBirthday: 2, contractAnniversary: 3 };

/**
 * The occasions of `days` days from `from`, by day, then customer (pinyin order), kind, contact
 * or contract. A birthday or founding day whose year is after the day is left out (not born
 * yet), as is a contract's signing day itself (an anniversary is a year or more) and one
 * terminated before the day.
 */
export async function upcomingOccasions(db: Db, access: Access, from: string, days: number, staffId: number | null): Promise<Occasion[]> {
  const owner = ownerFilter(access, staffId);
  if (owner === 'none') return [];
  const window = daysFrom(from, days);
  const keys = keyDays(window);
  const gregorianKeys = [...keys.gregorian.keys()];
  const lunarKeys = [...keys.lunar.keys()];

  const customerRows = async (calendar: BirthdayCalendar, wanted: string[]): Promise<BirthdayRow[]> => {
    let q = db
      .selectFrom('customers as c')
      .leftJoin('users as u', 'u.id', 'c.owner_id')
      .select([
        'c.id as customerId',
        'c.name as customerName',
        'c.code as customerCode',
        'c.name_sort as nameSort',
        'c.owner_id as ownerId',
        'u.display_name as ownerName',
        'c.birthday',
        'c.birthday_calendar as calendar',
        'c.birthday_key as key',
        'c.kind',
        sql<number | null>`NULL`.as('contactId'),
        sql<string | null>`NULL`.as('contactName'),
      ])
      // The terms of the customers_birthdays index (its WHERE too, so SQLite may use it).
      .where('c.birthday_calendar', '=', calendar)
      .where('c.birthday_key', 'in', wanted)
      .where('c.deleted_at', 'is', null)
      .where('c.birthday', '<>', '');
    // Unary plus: the customers_birthdays range leads (a few a day), never all the owner's customers walked.
    if (owner !== null) q = q.where(sql<SqlBool>`+c.owner_id = ${owner}`);
    return q.execute();
  };
  const contactRows = async (calendar: BirthdayCalendar, wanted: string[]): Promise<BirthdayRow[]> => {
    let q = db
      .selectFrom('contacts as p')
      .innerJoin('customers as c', 'c.id', 'p.customer_id')
      .leftJoin('users as u', 'u.id', 'c.owner_id')
      .select([
        'c.id as customerId',
        'c.name as customerName',
        'c.code as customerCode',
        'c.name_sort as nameSort',
        'c.owner_id as ownerId',
        'u.display_name as ownerName',
        'p.birthday',
        'p.birthday_calendar as calendar',
        'p.birthday_key as key',
        'c.kind',
        'p.id as contactId',
        'p.name as contactName',
      ])
      .where('p.birthday_calendar', '=', calendar)
      .where('p.birthday_key', 'in', wanted)
      .where('p.birthday', '<>', '')
      .where('c.deleted_at', 'is', null);
    // Unary plus: the contacts_birthdays range leads, each contact's customer checked, never the owner's customers walked.
    if (owner !== null) q = q.where(sql<SqlBool>`+c.owner_id = ${owner}`);
    return q.execute();
  };
  const contractRows = async (): Promise<ContractRow[]> => {
    let q = db
      .selectFrom('contracts as k')
      .innerJoin('customers as c', 'c.id', 'k.customer_id')
      .leftJoin('users as u', 'u.id', 'c.owner_id')
      .select([
        'c.id as customerId',
        'c.name as customerName',
        'c.code as customerCode',
        'c.name_sort as nameSort',
        'c.owner_id as ownerId',
        'u.display_name as ownerName',
        'k.id as contractId',
        'k.number as contractNumber',
        'k.signed_on as signedOn',
        'k.signed_md as key',
        'k.terminated_on as terminatedOn',
      ])
      // The terms of the contracts_anniversaries index.
      .where('k.signed_md', 'in', gregorianKeys)
      .where('k.deleted_at', 'is', null)
      .where('k.signed_on', 'is not', null)
      .where('c.deleted_at', 'is', null);
    if (owner !== null) q = q.where(sql<SqlBool>`+c.owner_id = ${owner}`);
    return q.execute();
  };

  // One after the other: the connection runs one statement at a time anyway.
  const birthdays = [
    ...(await customerRows('gregorian', gregorianKeys)),
    ...(await customerRows('lunar', lunarKeys)),
    ...(await contactRows('gregorian', gregorianKeys)),
    ...(await contactRows('lunar', lunarKeys)),
  ];
  const contracts = await contractRows();
  const notes = await db
    .selectFrom('care_notes')
    .select(['customer_id', 'occasion', 'on_day', 'contact_id', 'contract_id'])
    .where('on_day', 'in', window)
    .where('deleted_at', 'is', null)
    .execute();
  const noted = new Set(notes.map((n) => `${n.on_day}|${n.customer_id}|${n.occasion}|${n.contact_id ?? ''}|${n.contract_id ?? ''}`));

  // Each occasion is built once and sorted beside its customer's sort name: no copy of it per
  // occasion (a week's are some 2,000 in a shop of 100,000 customers, read on every Today).
  const out: { occasion: Occasion; nameSort: string }[] = [];
  const push = (occasion: Occasion, nameSort: string) => {
    occasion.noted = noted.has(`${occasion.day}|${occasion.customerId}|${NOTE_OCCASION_OF[occasion.kind]}|${occasion.contactId ?? ''}|${occasion.contractId ?? ''}`);
    out.push({ occasion, nameSort });
  };
  for (const row of birthdays) {
    const onDays = (row.calendar === 'lunar' ? keys.lunar : keys.gregorian).get(row.key ?? '') ?? [];
    const born = storedYear(row.birthday);
    for (const day of onDays) {
      const years = born === null ? null : (row.calendar === 'lunar' ? keys.lunarYear.get(day)! : Number(day.slice(0, 4))) - born; // every window day has its lunar year
      if (years !== null && years < 0) continue;
      const kind: OccasionKind = row.contactId !== null ? 'contactBirthday' : row.kind === 'company' ? 'founding' : 'birthday';
      push(
        {
          kind,
          day,
          customerId: row.customerId,
          customerName: row.customerName,
          customerCode: row.customerCode,
          ownerId: row.ownerId,
          ownerName: row.ownerName,
          contactId: row.contactId,
          contactName: row.contactName,
          contractId: null,
          contractNumber: null,
          calendar: row.calendar,
          original: row.birthday,
          years,
          noted: false,
        },
        row.nameSort,
      );
    }
  }
  for (const row of contracts) {
    const signedOn = row.signedOn!; // signed_on IS NOT NULL above
    for (const day of keys.gregorian.get(row.key ?? '') ?? []) {
      const years = Number(day.slice(0, 4)) - Number(signedOn.slice(0, 4));
      if (years < 1 || (row.terminatedOn !== null && row.terminatedOn <= day)) continue;
      push(
        {
          kind: 'contractAnniversary',
          day,
          customerId: row.customerId,
          customerName: row.customerName,
          customerCode: row.customerCode,
          ownerId: row.ownerId,
          ownerName: row.ownerName,
          contactId: null,
          contactName: null,
          contractId: row.contractId,
          contractNumber: row.contractNumber,
          calendar: 'gregorian',
          original: signedOn,
          years,
          noted: false,
        },
        row.nameSort,
      );
    }
  }
  out.sort(
    ({ occasion: a, nameSort: aName }, { occasion: b, nameSort: bName }) =>
      (a.day < b.day ? -1 : a.day > b.day ? 1 : 0) ||
      (aName < bName ? -1 : aName > bName ? 1 : 0) ||
      a.customerId - b.customerId ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      (a.contactId ?? 0) - (b.contactId ?? 0) ||
      (a.contractId ?? 0) - (b.contractId ?? 0),
  );
  return out.map((entry) => entry.occasion);
}

// ---------------------------------------------------------------------------------------------
// Return visits

export type ReturnVisitDue = {
  customerId: number;
  name: string;
  code: string;
  grade: Grade;
  ownerName: string | null;
  lastContactAt: number;
  /** The day the grade's cadence after the last contact's day reaches. */
  dueOn: string;
  /** Days from dueOn to today (0: due today). */
  overdueDays: number;
};

/** The local midnight starting `day`, as an instant. */
function dayStart(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]; // a YYYY-MM-DD
  return new Date(y, m - 1, d).getTime();
}

/** Whole days from `a` to `b` (calendar days, whatever the clock change between them). */
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * Customers due a return visit on or before `today`: their last contact's day plus the grade's
 * cadence (standards' returnCadences) is today or earlier. Most overdue first (then the older
 * last contact, then the customer id); `total` counts them all. For one staff member (`staffId`,
 * the customers they are responsible for) or everyone the caller sees.
 */
export async function returnVisitsDue(
  db: Db,
  access: Access,
  options: { today: string; staffId: number | null; limit: number },
): Promise<{ rows: ReturnVisitDue[]; total: number }> {
  const owner = ownerFilter(access, options.staffId);
  if (owner === 'none') return { rows: [], total: 0 };
  const cadences = await returnCadences(db);
  const perGrade: { rows: Omit<ReturnVisitDue, 'dueOn' | 'overdueDays'>[]; total: number }[] = [];
  for (const grade of GRADES) {
    // Due when localDay(last_contact_at) + cadence <= today, i.e. before the midnight starting today - cadence + 1.
    const before = dayStart(addDays(options.today, -cadences[grade] + 1));
    let q = db.selectFrom('customers as c').where('c.grade', '=', grade).where('c.last_contact_at', '<', before).where('c.deleted_at', 'is', null);
    if (owner !== null) q = q.where('c.owner_id', '=', owner);
    const rows = await q
      .leftJoin('users as u', 'u.id', 'c.owner_id')
      .select(['c.id as customerId', 'c.name', 'c.code', 'c.grade', 'u.display_name as ownerName', 'c.last_contact_at as lastContactAt'])
      .orderBy('c.last_contact_at')
      .orderBy('c.id')
      .limit(options.limit)
      .execute();
    const count = await q.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    perGrade.push({ rows, total: count.count });
  }
  const rows = perGrade
    .flatMap((part) => part.rows)
    .map((row) => {
      const dueOn = addDays(localDay(row.lastContactAt), cadences[row.grade]);
      return { ...row, dueOn, overdueDays: daysBetween(dueOn, options.today) };
    })
    .sort((a, b) => b.overdueDays - a.overdueDays || a.lastContactAt - b.lastContactAt || a.customerId - b.customerId)
    .slice(0, options.limit);
  return { rows, total: perGrade.reduce((sum, part) => sum + part.total, 0) };
}

// ---------------------------------------------------------------------------------------------
// Care notes

function invalid(operation: string, message: string, path: string, reason: ValidationMessage): AppFailure {
  return new AppFailure('VALIDATION', `${operation}: ${message}`, [{ path: [path], message: reason }]);
}

function readStored(db: Db, id: number) {
  return db
    .selectFrom('care_notes as n')
    .innerJoin('customers as c', 'c.id', 'n.customer_id')
    .leftJoin('contacts as p', 'p.id', 'n.contact_id')
    .leftJoin('contracts as k', 'k.id', 'n.contract_id')
    .leftJoin('users as u', 'u.id', 'n.staff_id')
    .selectAll('n')
    .select([
      'c.name as customer_name',
      'c.code as customer_code',
      'c.owner_id as customer_owner_id',
      'c.deleted_at as customer_deleted_at',
      'p.name as contact_name',
      'k.number as contract_number',
      'u.display_name as staff_name',
    ])
    .where('n.id', '=', id)
    .executeTakeFirst();
}

type Stored = NonNullable<Awaited<ReturnType<typeof readStored>>>;

/** The note if this caller sees its customer (live, in scope); `deleted` as in records. */
async function storedFor(db: Db, id: number, access: Access, deleted: boolean | 'any'): Promise<Stored> {
  const row = await readStored(db, id);
  if (!row || row.customer_deleted_at !== null || (access.scopeOwnerId !== null && row.customer_owner_id !== access.scopeOwnerId)) {
    throw new AppFailure('NOT_FOUND', `care note ${id} does not exist, or its customer is in the recycle bin or not one you see`);
  }
  if (deleted !== 'any' && (row.deleted_at !== null) !== deleted) {
    throw new AppFailure('NOT_FOUND', deleted ? `care note ${id} is not in the recycle bin` : `care note ${id} is in the recycle bin; restore it first`);
  }
  return row;
}

function noteFor(row: Stored, access: Access): CareNote {
  return {
    id: row.id,
    customerId: row.customer_id,
    customerName: row.customer_name,
    customerCode: row.customer_code,
    contactId: row.contact_id,
    contactName: row.contact_name,
    contractId: row.contract_id,
    contractNumber: row.contract_number,
    occasion: row.occasion,
    onDay: row.on_day,
    at: row.at,
    staffId: row.staff_id,
    staffName: row.staff_name,
    note: row.note,
    createdBy: row.created_by,
    createdAt: row.created_at,
    deletedAt: row.deleted_at,
    version: row.version,
    actions: careNoteActions(access, { createdBy: row.created_by, deletedAt: row.deleted_at }),
  };
}

export async function readNote(db: Db, id: number, access: Access): Promise<CareNote> {
  return noteFor(await storedFor(db, id, access, 'any'), access);
}

type AuditAction = 'care.note' | 'care.delete' | 'care.restore';

async function audit(tx: Db, actor: Actor, action: AuditAction, note: { id: number; customerName: string; customerCode: string }, changes: { field: string; before: unknown; after: unknown }[] = []) {
  await appendAudit(tx, {
    at: actor.now,
    userId: actor.userId,
    username: actor.username,
    action,
    entity: 'careNote',
    entityId: note.id,
    label: `${note.customerName} (${note.customerCode})`,
    changes,
  });
}

export async function addNote(db: Db, draft: CareNoteDraftValue, actor: Actor): Promise<CareNote> {
  const operation = 'care.addNote';
  return transaction(db, async (tx) => {
    const customer = await tx.selectFrom('customers').select(['name', 'code', 'owner_id', 'deleted_at']).where('id', '=', draft.customerId).executeTakeFirst();
    if (!customer || customer.deleted_at !== null || (actor.scopeOwnerId !== null && customer.owner_id !== actor.scopeOwnerId)) {
      throw invalid(operation, `customer ${draft.customerId} does not exist, is in the recycle bin, or is not one you see`, 'customerId', 'customer');
    }
    if (draft.contactId !== null) {
      const contact = await tx.selectFrom('contacts').select('customer_id').where('id', '=', draft.contactId).executeTakeFirst();
      if (!contact || contact.customer_id !== draft.customerId) throw invalid(operation, `contact ${draft.contactId} is not one of customer ${draft.customerId}'s contacts`, 'contactId', 'contact');
    }
    if (draft.contractId !== null) {
      const contract = await tx.selectFrom('contracts').select(['customer_id', 'deleted_at']).where('id', '=', draft.contractId).executeTakeFirst();
      if (!contract || contract.customer_id !== draft.customerId || contract.deleted_at !== null) {
        throw invalid(operation, `contract ${draft.contractId} is not one of customer ${draft.customerId}'s contracts`, 'contractId', 'contract');
      }
    }
    const staffId = draft.staffId === undefined ? actor.userId : draft.staffId;
    if (staffId !== null && draft.staffId !== undefined) {
      const user = await tx.selectFrom('users').select('active').where('id', '=', staffId).executeTakeFirst();
      if (!user || user.active !== 1) throw invalid(operation, `user ${staffId} is not an active staff member`, 'staffId', 'staff');
    }
    const { id } = await tx
      .insertInto('care_notes')
      .values({
        customer_id: draft.customerId,
        contact_id: draft.contactId,
        contract_id: draft.contractId,
        occasion: draft.occasion,
        on_day: draft.onDay,
        at: draft.at ?? actor.now,
        staff_id: staffId,
        note: draft.note,
        created_by: actor.userId,
        created_at: actor.now,
        updated_at: actor.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, actor, 'care.note', { id, customerName: customer.name, customerCode: customer.code }, [
      { field: 'customerId', before: null, after: { id: draft.customerId, name: customer.name, code: customer.code } },
      { field: 'occasion', before: null, after: draft.occasion },
      { field: 'onDay', before: null, after: draft.onDay },
      { field: 'note', before: null, after: draft.note },
    ]);
    return noteFor(await storedFor(tx, id, actor, false), actor);
  });
}

function mayChange(row: Stored, actor: Actor, action: 'delete' | 'restore'): void {
  if (!careNoteActions(actor, { createdBy: row.created_by, deletedAt: row.deleted_at })[action]) {
    throw new AppFailure('FORBIDDEN', `care.${action}Note: your role may delete and restore only the care notes you created`);
  }
}

export async function deleteNote(db: Db, id: number, version: number, actor: Actor): Promise<{ id: number }> {
  return transaction(db, async (tx) => {
    const row = await storedFor(tx, id, actor, false);
    mayChange(row, actor, 'delete');
    if (row.version !== version) throw new AppFailure('CONFLICT', `care.deleteNote: care note ${id} was changed by someone else since it was opened; reload it`);
    await tx
      .updateTable('care_notes')
      .set({ deleted_at: actor.now, deleted_by: actor.userId, updated_at: actor.now, version: version + 1 })
      .where('id', '=', id)
      .execute();
    await audit(tx, actor, 'care.delete', { id, customerName: row.customer_name, customerCode: row.customer_code });
    return { id };
  });
}

export async function restoreNote(db: Db, id: number, actor: Actor): Promise<CareNote> {
  return transaction(db, async (tx) => {
    const row = await storedFor(tx, id, actor, true);
    mayChange(row, actor, 'restore');
    await tx
      .updateTable('care_notes')
      .set({ deleted_at: null, deleted_by: null, updated_at: actor.now, version: row.version + 1 })
      .where('id', '=', id)
      .execute();
    await audit(tx, actor, 'care.restore', { id, customerName: row.customer_name, customerCode: row.customer_code });
    return noteFor(await storedFor(tx, id, actor, false), actor);
  });
}

/** A customer's care notes go when the customer is purged (customers' purge calls this in its transaction). Answers how many. */
export async function purgeCareOf(tx: Db, customerId: number): Promise<number> {
  const result = await tx.deleteFrom('care_notes').where('customer_id', '=', customerId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
