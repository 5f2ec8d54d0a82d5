// Today (今日): each section read from its own area's rows for one day, in the caller's sight (the
// customer live and, under the staff-scope setting, theirs) and scope ("mine": what the caller
// answers for), less what the shop snoozed past the day or marked done (inbox_marks, one
// occurrence each). Sections are bounded pages (TODAY_SECTION_LIMIT) with their totals, each one
// range of its area's own index: visits_agenda(_staff), records_follow_ups, complaints_open,
// contracts_notice, and care's own indexes for return visits and occasions.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import {
  COMPLAINT_NEAR_HOURS,
  OCCASION_DAYS_AHEAD,
  TODAY_SECTION_LIMIT,
  defaultTodayScope,
  todayScopes,
  type ItemRef,
  type Today,
  type TodayCounts,
  type TodayItem,
  type TodayKind,
  type TodayMarkResult,
  type TodayScope,
  type TodaySectionPage,
} from '../../../../shared/api/today.ts';
import { recordActions } from '../../../../shared/api/records.ts';
import { visitActions } from '../../../../shared/api/visits.ts';
import { addDays, localDay } from '../../../../shared/contract-status.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import { roleHas } from '../../../../shared/roles.ts';
import { transaction, type Db } from '../../db/database.ts';
import { appendAudit, type FieldChange } from '../audit/service.ts';
import { renewBeforeReading } from '../contracts/service.ts';
import { statusIs } from '../contracts/status-sql.ts';
import { dayStart, markFollowUpDone } from '../records/service.ts';
import type { Access } from '../users/access.ts';
import { returnCadences } from '../standards/deadline.ts';
import { careSources, type Occasion, type ReturnVisitDue } from './care-sources.ts';
import { churnSection } from './churn-source.ts';
import { holidaySection } from './holiday-source.ts';
import { pointsExpiringSection } from './points-source.ts';

/** A caller at an instant (the clock of the context). */
export type Actor = Access & { now: number };

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** How many characters of a record's content or a complaint's description an item carries. */
const TITLE_CHARS = 120;

/** What every section is read for. */
type Ask = {
  access: Access;
  /** The day shown, and the shop's today (they differ when another day is asked for). */
  day: string;
  today: string;
  now: number;
  /** The caller's user id for "mine", null for everyone. */
  mine: number | null;
  limit: number;
};

const EMPTY_DETAILS: TodayItem['details'] = {
  visitStatus: null,
  startMinute: null,
  durationMinutes: null,
  grade: null,
  severity: null,
  contractNumber: null,
  calendar: null,
  original: null,
  years: null,
  noted: null,
  contactId: null,
  contractId: null,
  churn: null,
};

/** Whole days from `from` to `to` (both YYYY-MM-DD), through UTC midnights where every day has 24 hours. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The caller sees this customer: live and, under the staff scope, theirs (`c` is customers). */
function seen(access: Access): RawBuilder<SqlBool> {
  // Unary plus: the section's own index leads; each row's customer is checked, not walked.
  return access.scopeOwnerId === null ? sql<SqlBool>`c.deleted_at IS NULL` : sql<SqlBool>`(c.deleted_at IS NULL AND +c.owner_id = ${access.scopeOwnerId})`;
}

/** This occurrence is not hidden on `day`: neither done nor snoozed past it. One seek of the marks' key. */
function unmarked(kind: TodayKind, refId: RawBuilder<unknown>, occurrence: RawBuilder<unknown>, day: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`NOT EXISTS (SELECT 1 FROM inbox_marks AS m WHERE m.kind = ${kind} AND m.ref_id = ${refId} AND m.occurrence = ${occurrence}
    AND (m.done_at IS NOT NULL OR m.snoozed_until > ${day}))`;
}

type Hidden = { refId: number; occurrence: string };

/** The marks of a kind that hide their occurrence on `day` (done, or snoozed past it). */
async function hiddenMarks(db: Db, kind: TodayKind | readonly TodayKind[], day: string): Promise<(Hidden & { kind: string })[]> {
  const kinds = typeof kind === 'string' ? [kind] : [...kind];
  const rows = await db
    .selectFrom('inbox_marks')
    .select(['kind', 'ref_id', 'occurrence'])
    .where('kind', 'in', kinds)
    .where((eb) => eb.or([eb('done_at', 'is not', null), eb('snoozed_until', '>', day)]))
    .execute();
  return rows.map((row) => ({ kind: row.kind, refId: row.ref_id, occurrence: row.occurrence }));
}

/** Snoozed-before days of the items shown (snoozed to the day or earlier, so shown again). */
async function attachSnoozes(db: Db, items: TodayItem[]): Promise<void> {
  if (items.length === 0) return;
  const kinds = [...new Set(items.map((item) => item.kind))];
  const refs = [...new Set(items.map((item) => item.refId))];
  const rows = await db
    .selectFrom('inbox_marks')
    .select(['kind', 'ref_id', 'occurrence', 'snoozed_until'])
    .where('kind', 'in', kinds)
    .where('ref_id', 'in', refs)
    .where('snoozed_until', 'is not', null)
    .where('done_at', 'is', null)
    .execute();
  const byKey = new Map(rows.map((row) => [`${row.kind}:${row.ref_id}:${row.occurrence}`, row.snoozed_until]));
  for (const item of items) item.snoozedUntil = byKey.get(`${item.kind}:${item.refId}:${item.occurrence}`) ?? null;
}

function canWrite(access: Access): boolean {
  return roleHas(access.role, 'customers.write');
}

// ---------------------------------------------------------------------------------------------
// The sections

/** The day's visits, not cancelled, by start. */
async function visitsSection(db: Db, ask: Ask): Promise<TodaySectionPage> {
  const where = sql<SqlBool>`v.on_day = ${ask.day} AND v.deleted_at IS NULL AND v.status <> 'cancelled' AND ${seen(ask.access)}
    ${ask.mine === null ? sql`` : sql`AND v.staff_id = ${ask.mine}`}
    AND ${unmarked('visit', sql.ref('v.id'), sql.ref('v.on_day'), ask.day)}`;
  const base = db.selectFrom('visits as v').innerJoin('customers as c', 'c.id', 'v.customer_id').where(where);
  const [rows, count] = await Promise.all([
    ask.limit === 0
      ? []
      : base
          .innerJoin('users as u', 'u.id', 'v.staff_id')
          .select([
            'v.id',
            'v.on_day as onDay',
            'v.start_minute as startMinute',
            'v.duration_minutes as durationMinutes',
            'v.starts_at as startsAt',
            'v.purpose',
            'v.status',
            'v.version',
            'v.created_by as createdBy',
            'v.deleted_at as deletedAt',
            'v.customer_id as customerId',
            'c.name as customerName',
            'c.code as customerCode',
            'u.display_name as staffName',
          ])
          .orderBy('v.start_minute')
          .orderBy('v.id')
          .limit(ask.limit)
          .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const write = canWrite(ask.access);
  const items = rows.map(
    (row): TodayItem => ({
      kind: 'visit',
      refId: row.id,
      occurrence: row.onDay,
      title: row.purpose,
      subtitle: row.staffName,
      customerId: row.customerId,
      customerName: row.customerName,
      customerCode: row.customerCode,
      dueOn: row.onDay,
      dueAt: row.startsAt,
      overdue: false,
      overdueDays: 0,
      version: row.version,
      details: { ...EMPTY_DETAILS, visitStatus: row.status, startMinute: row.startMinute, durationMinutes: row.durationMinutes },
      actions: { open: { kind: 'visit', id: row.id }, complete: visitActions(ask.access, row).complete, snooze: write, done: write },
    }),
  );
  return { items, total: Number(count.n) };
}

/**
 * A count of what `from` and `where` pick, less the rows of customers in the recycle bin and those a
 * mark hides. Without a scope every live customer is seen, so the count is a range of the
 * section's covering index alone (no customer or mark looked up for each of tens of thousands of
 * rows); the two corrections start from the few customers in the bin and the few hiding marks, over
 * `table` (the same rows without the forced index: a binned customer's rows by its own index).
 */
async function countLess(db: Db, parts: { from: RawBuilder<unknown>; table: RawBuilder<unknown>; where: RawBuilder<SqlBool>; alias: string; kind: TodayKind; occurrence: RawBuilder<unknown>; day: string }): Promise<number> {
  const ref = sql.ref(`${parts.alias}.customer_id`);
  const id = sql.ref(`${parts.alias}.id`);
  const [all, binned, hidden] = await Promise.all([
    sql<{ n: number }>`SELECT count(*) AS n FROM ${parts.from} WHERE ${parts.where}`.execute(db),
    sql<{ n: number }>`SELECT count(*) AS n FROM customers AS c CROSS JOIN ${parts.table} WHERE c.deleted_at IS NOT NULL AND ${ref} = c.id AND ${parts.where}`.execute(db),
    sql<{ n: number }>`SELECT count(*) AS n FROM inbox_marks AS m CROSS JOIN ${parts.table} INNER JOIN customers AS c ON c.id = ${ref}
      WHERE m.kind = ${parts.kind} AND (m.done_at IS NOT NULL OR m.snoozed_until > ${parts.day}) AND ${id} = m.ref_id AND m.occurrence = ${parts.occurrence}
      AND c.deleted_at IS NULL AND ${parts.where}`.execute(db),
  ]);
  return Number(all.rows[0]!.n) - Number(binned.rows[0]!.n) - Number(hidden.rows[0]!.n); // count(*) answers one row
}

type FollowUpRow = { id: number; followUpOn: string; version: number; createdBy: number | null; customerId: number; customerName: string; customerCode: string; staffName: string | null; excerpt: string };

/**
 * Open follow-ups due on or before the day, oldest first, walked in the order of Today's own
 * covering index (migration 0018): the shop's by day, or the staff member's.
 */
async function followUpsSection(db: Db, ask: Ask): Promise<TodaySectionPage> {
  const from = ask.mine === null ? sql`records AS r INDEXED BY today_follow_ups` : sql`records AS r INDEXED BY today_follow_ups_staff`;
  const open = sql<SqlBool>`r.follow_up_on IS NOT NULL AND r.follow_up_done_at IS NULL AND r.deleted_at IS NULL AND r.follow_up_on <= ${ask.day}
    ${ask.mine === null ? sql`` : sql`AND r.staff_id = ${ask.mine}`}`;
  const unhidden = unmarked('followUp', sql.ref('r.id'), sql.ref('r.follow_up_on'), ask.day);
  const page =
    ask.limit === 0
      ? []
      : (
          await sql<FollowUpRow>`SELECT r.id, r.follow_up_on AS followUpOn, r.version, r.created_by AS createdBy, r.customer_id AS customerId,
              c.name AS customerName, c.code AS customerCode, u.display_name AS staffName, substr(r.content, 1, ${TITLE_CHARS}) AS excerpt
            FROM ${from} INNER JOIN customers AS c ON c.id = r.customer_id LEFT JOIN users AS u ON u.id = r.staff_id
            WHERE ${open} AND ${seen(ask.access)} AND ${unhidden}
            ORDER BY r.follow_up_on, r.id LIMIT ${ask.limit}`.execute(db)
        ).rows;
  const total =
    ask.access.scopeOwnerId === null
      ? await countLess(db, { from, table: sql`records AS r`, where: open, alias: 'r', kind: 'followUp', occurrence: sql.ref('r.follow_up_on'), day: ask.day })
      : Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${from} INNER JOIN customers AS c ON c.id = r.customer_id WHERE ${open} AND ${seen(ask.access)} AND ${unhidden}`.execute(db)).rows[0]!.n); // one row
  const rows = page;
  const count = { n: total };
  const items = rows.map((row): TodayItem => {
    const day = row.followUpOn!; // follow_up_on IS NOT NULL above
    const doneable = recordActions(ask.access, { createdBy: row.createdBy, deletedAt: null, followUpOn: day, followUpDoneAt: null }).followUpDone;
    return {
      kind: 'followUp',
      refId: row.id,
      occurrence: day,
      title: row.excerpt,
      subtitle: row.staffName ?? '',
      customerId: row.customerId,
      customerName: row.customerName,
      customerCode: row.customerCode,
      dueOn: day,
      dueAt: null,
      overdue: day < ask.day,
      overdueDays: Math.max(0, daysBetween(day, ask.day)),
      version: row.version,
      details: EMPTY_DETAILS,
      actions: { open: { kind: 'record', id: row.id }, complete: doneable, snooze: canWrite(ask.access), done: doneable },
    };
  });
  return { items, total: Number(count.n) };
}

/**
 * The instant complaints are judged at: now on today; the start of another day asked about (what
 * was due by then, and within a day of it).
 */
function complaintsAt(ask: Ask): number {
  return ask.day === ask.today ? ask.now : dayStart(ask.day);
}

/** Open complaints overdue or due within COMPLAINT_NEAR_HOURS, by deadline. */
async function complaintsSection(db: Db, ask: Ask, nearHours = COMPLAINT_NEAR_HOURS): Promise<TodaySectionPage> {
  const at = complaintsAt(ask);
  // A mark names the deadline's day, which SQL cannot tell in the shop's time zone: the open
  // complaints with a hiding mark are few, their days compared here and left out by id.
  const marks = await hiddenMarks(db, 'complaint', ask.day);
  const hidden: number[] = [];
  if (marks.length > 0) {
    const dues = await db
      .selectFrom('complaints')
      .select(['id', 'due_at'])
      .where(
        'id',
        'in',
        marks.map((m) => m.refId),
      )
      .execute();
    const dueDay = new Map(dues.map((row) => [row.id, localDay(row.due_at)]));
    for (const mark of marks) if (dueDay.get(mark.refId) === mark.occurrence) hidden.push(mark.refId);
  }
  const where = sql<SqlBool>`k.deleted_at IS NULL AND k.status IN ('new', 'inProgress') AND k.due_at <= ${at + nearHours * HOUR_MS}
    AND ${seen(ask.access)} ${ask.mine === null ? sql`` : sql`AND k.assignee_id = ${ask.mine}`}
    ${hidden.length === 0 ? sql`` : sql`AND k.id NOT IN (${sql.join(hidden)})`}`;
  const base = db.selectFrom('complaints as k').innerJoin('customers as c', 'c.id', 'k.customer_id').where(where);
  const [rows, count] = await Promise.all([
    ask.limit === 0
      ? []
      : base
          .leftJoin('users as u', 'u.id', 'k.assignee_id')
          .select(['k.id', 'k.due_at as dueAt', 'k.severity', 'k.customer_id as customerId', 'c.name as customerName', 'c.code as customerCode', 'u.display_name as assigneeName'])
          .select(sql<string>`substr(k.description, 1, ${TITLE_CHARS})`.as('excerpt'))
          .orderBy('k.due_at')
          .orderBy('k.id')
          .limit(ask.limit)
          .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const write = canWrite(ask.access);
  const items = rows.map((row): TodayItem => {
    const dueDay = localDay(row.dueAt);
    return {
      kind: 'complaint',
      refId: row.id,
      occurrence: dueDay,
      title: row.excerpt,
      subtitle: row.assigneeName ?? '',
      customerId: row.customerId,
      customerName: row.customerName,
      customerCode: row.customerCode,
      dueOn: null,
      dueAt: row.dueAt,
      overdue: row.dueAt < at,
      overdueDays: row.dueAt < at ? Math.max(0, daysBetween(dueDay, ask.day)) : 0,
      version: null,
      details: { ...EMPTY_DETAILS, severity: row.severity },
      actions: { open: { kind: 'complaint', id: row.id }, snooze: write, done: write },
    };
  });
  return { items, total: Number(count.n) };
}

type ContractRow = { id: number; number: string; title: string; endOn: string | null; version: number; customerId: number; customerName: string; customerCode: string; ownerName: string | null };

/**
 * Contracts in their notice period on the day (expiring, not past their end), soonest end first.
 * The page's contracts are picked from an index holding every column the rule reads (the shop's:
 * contracts_totals in end-date order, so the walk stops at the page's end; the responsible
 * person's: today_contracts_owner), and only those are read whole.
 */
async function contractsSection(db: Db, ask: Ask, endingOnly = false): Promise<TodaySectionPage> {
  const where = sql<SqlBool>`k.deleted_at IS NULL AND ${statusIs('expiring', ask.day, 'columns')}
    ${endingOnly ? sql`AND k.end_on = ${ask.day}` : sql``}
    ${ask.mine === null ? sql`` : sql`AND k.owner_id = ${ask.mine}`}`;
  const unhidden = unmarked('contract', sql.ref('k.id'), sql.ref('k.end_on'), ask.day);
  const walk = ask.mine === null ? sql`contracts AS k INDEXED BY contracts_totals` : sql`contracts AS k INDEXED BY today_contracts_owner`;
  const rows =
    ask.limit === 0
      ? []
      : (
          await sql<ContractRow>`SELECT k.id, k.number, k.title, k.end_on AS endOn, k.version, k.customer_id AS customerId, c.name AS customerName, c.code AS customerCode, u.display_name AS ownerName
            FROM (SELECT k.id AS id, k.end_on AS endOn FROM ${walk} INNER JOIN customers AS c ON c.id = k.customer_id
                  WHERE ${where} AND ${seen(ask.access)} AND ${unhidden} ORDER BY k.end_on, k.id LIMIT ${ask.limit}) AS p
            INNER JOIN contracts AS k ON k.id = p.id INNER JOIN customers AS c ON c.id = k.customer_id LEFT JOIN users AS u ON u.id = k.owner_id
            ORDER BY p.endOn, p.id`.execute(db)
        ).rows;
  const total =
    ask.access.scopeOwnerId === null && ask.mine === null
      ? await countLess(db, { from: sql`contracts AS k INDEXED BY contracts_notice`, table: sql`contracts AS k`, where, alias: 'k', kind: 'contract', occurrence: sql.ref('k.end_on'), day: ask.day })
      : Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${walk} INNER JOIN customers AS c ON c.id = k.customer_id WHERE ${where} AND ${seen(ask.access)} AND ${unhidden}`.execute(db)).rows[0]!.n); // one row
  const count = { n: total };
  const write = canWrite(ask.access);
  const items = rows.map((row): TodayItem => {
    const endOn = row.endOn!; // expiring contracts have an end date
    return {
      kind: 'contract',
      refId: row.id,
      occurrence: endOn,
      title: row.title === '' ? row.number : `${row.number} ${row.title}`,
      subtitle: row.ownerName ?? '',
      customerId: row.customerId,
      customerName: row.customerName,
      customerCode: row.customerCode,
      dueOn: endOn,
      dueAt: null,
      overdue: false,
      overdueDays: 0,
      version: row.version,
      details: { ...EMPTY_DETAILS, contractNumber: row.number, contractId: row.id },
      actions: { open: { kind: 'contract', id: row.id }, snooze: write, done: write },
    };
  });
  return { items, total: Number(count.n) };
}

/** When a return visit of a customer last heard from at `lastContactAt` falls due, by its grade's cadence. */
function returnDueOn(lastContactAt: number, cadenceDays: number): string {
  return addDays(localDay(lastContactAt), cadenceDays);
}

/** Return visits due on or before the day (care's returnVisitsDue), less the hidden ones. */
async function returnVisitsSection(db: Db, ask: Ask): Promise<TodaySectionPage> {
  const marks = await hiddenMarks(db, 'returnVisit', ask.day);
  const answer = await careSources.returnVisitsDue(db, ask.access, { today: ask.day, staffId: ask.mine, limit: ask.limit + marks.length || 1 });
  const hiddenKeys = new Set(marks.map((m) => `${m.refId}:${m.occurrence}`));
  const shown = answer.rows.filter((row) => !hiddenKeys.has(`${row.customerId}:${row.dueOn}`));
  // How many of the due set the marks hide: those among the rows read, and those beyond them
  // whose current due day (last contact + cadence) is the mark's and not after the day.
  let hiddenCount = answer.rows.length - shown.length;
  const readIds = new Set(answer.rows.map((row) => row.customerId));
  const beyond = marks.filter((m) => !readIds.has(m.refId));
  if (beyond.length > 0 && answer.rows.length < answer.total) {
    const cadences = await returnCadences(db);
    let q = db
      .selectFrom('customers as c')
      .select(['c.id', 'c.grade', 'c.last_contact_at'])
      .where(
        'c.id',
        'in',
        beyond.map((m) => m.refId),
      )
      .where(seen(ask.access));
    if (ask.mine !== null) q = q.where('c.owner_id', '=', ask.mine);
    const customers = new Map((await q.execute()).map((row) => [row.id, row]));
    for (const mark of beyond) {
      const customer = customers.get(mark.refId);
      if (!customer) continue;
      const dueOn = returnDueOn(customer.last_contact_at, cadences[customer.grade]);
      if (dueOn === mark.occurrence && dueOn <= ask.day) hiddenCount++;
    }
  }
  const write = canWrite(ask.access);
  const items = shown.slice(0, ask.limit).map((row: ReturnVisitDue): TodayItem => ({
    kind: 'returnVisit',
    refId: row.customerId,
    occurrence: row.dueOn,
    title: row.name,
    subtitle: row.ownerName ?? '',
    customerId: row.customerId,
    customerName: row.name,
    customerCode: row.code,
    dueOn: row.dueOn,
    dueAt: null,
    overdue: row.dueOn < ask.day,
    overdueDays: Math.max(0, daysBetween(row.dueOn, ask.day)),
    version: null,
    details: { ...EMPTY_DETAILS, grade: row.grade },
    actions: { open: { kind: 'customer', id: row.customerId }, snooze: write, done: write },
  }));
  return { items, total: Math.max(0, answer.total - hiddenCount) };
}

/** What an occasion's mark names: the customer, the contact or the contract. */
function occasionRef(occasion: Occasion): number {
  if (occasion.kind === 'contactBirthday') return occasion.contactId!; // a contact's birthday names its contact
  if (occasion.kind === 'contractAnniversary') return occasion.contractId!; // an anniversary names its contract
  return occasion.customerId;
}

/** Birthdays and anniversaries from the day through OCCASION_DAYS_AHEAD days after it (care), less the hidden ones. */
async function occasionsSection(db: Db, ask: Ask, days = OCCASION_DAYS_AHEAD + 1): Promise<TodaySectionPage> {
  const [occasions, marks] = await Promise.all([
    careSources.upcomingOccasions(db, ask.access, ask.day, days, ask.mine),
    hiddenMarks(db, ['birthday', 'founding', 'contactBirthday', 'contractAnniversary'], ask.day),
  ]);
  const hiddenKeys = new Set(marks.map((m) => `${m.kind}:${m.refId}:${m.occurrence}`));
  const shown = occasions.filter((occasion) => !hiddenKeys.has(`${occasion.kind}:${occasionRef(occasion)}:${occasion.day}`));
  const write = canWrite(ask.access);
  const items = shown.slice(0, ask.limit).map((occasion): TodayItem => {
    const refId = occasionRef(occasion);
    return {
      kind: occasion.kind,
      refId,
      occurrence: occasion.day,
      title: occasion.kind === 'contactBirthday' ? (occasion.contactName ?? '') : occasion.kind === 'contractAnniversary' ? (occasion.contractNumber ?? '') : occasion.customerName,
      subtitle: occasion.ownerName ?? '',
      customerId: occasion.customerId,
      customerName: occasion.customerName,
      customerCode: occasion.customerCode,
      dueOn: occasion.day,
      dueAt: null,
      overdue: false,
      overdueDays: 0,
      version: null,
      details: {
        ...EMPTY_DETAILS,
        calendar: occasion.calendar,
        original: occasion.original,
        years: occasion.years,
        noted: occasion.noted,
        contactId: occasion.contactId ?? null,
        contractId: occasion.contractId ?? null,
        contractNumber: occasion.contractNumber ?? null,
      },
      actions: {
        open: occasion.kind === 'contractAnniversary' ? { kind: 'contract', id: refId } : { kind: 'customer', id: occasion.customerId },
        snooze: write,
        done: write,
      },
    };
  });
  return { items, total: shown.length };
}

// ---------------------------------------------------------------------------------------------
// The methods

/** The scope asked for, if this caller may have it: staff only their own (FORBIDDEN otherwise). */
function scopeFor(access: Access, asked: TodayScope | undefined): TodayScope {
  const scope = asked ?? defaultTodayScope(access.role);
  if (!todayScopes(access.role).includes(scope)) {
    throw new AppFailure('FORBIDDEN', `today.get: your role sees only its own items ("mine"), not everyone's`);
  }
  return scope;
}

export async function readToday(db: Db, query: { scope?: TodayScope | undefined; day?: string | undefined }, actor: Actor): Promise<Today> {
  const scope = scopeFor(actor, query.scope);
  const today = localDay(actor.now);
  const day = query.day ?? today;
  // Contracts due an automatic renewal roll forward first, as before any read of contracts.
  await renewBeforeReading(db, actor.now);
  const ask: Ask = { access: actor, day, today, now: actor.now, mine: scope === 'mine' ? actor.userId : null, limit: TODAY_SECTION_LIMIT };
  // One after the other: one connection, and each is a short range of its own index.
  const visits = await visitsSection(db, ask);
  const followUps = await followUpsSection(db, ask);
  const returnVisits = await returnVisitsSection(db, ask);
  const complaints = await complaintsSection(db, ask);
  const contracts = await contractsSection(db, ask);
  const occasions = await occasionsSection(db, ask);
  const churn = await churnSection(db, ask, EMPTY_DETAILS);
  const sections = { visits, followUps, returnVisits, complaints, contracts, occasions, churn };
  await attachSnoozes(
    db,
    Object.values(sections).flatMap((section) => section.items),
  );
  const holidays = await holidaySection(db, ask);
  const pointsExpiring = await pointsExpiringSection(db, ask, EMPTY_DETAILS);
  return { day, scope, scopes: todayScopes(actor.role), sections, holidays, pointsExpiring };
}

/**
 * The nav's badges. `today`: what is due today or overdue in the caller's default scope — the
 * day's visits still to make, follow-ups and return visits due, complaints past or at their
 * deadline by the end of today, contracts ending today, birthdays and anniversaries today.
 */
export async function countToday(db: Db, actor: Actor): Promise<TodayCounts> {
  const today = localDay(actor.now);
  const scope = defaultTodayScope(actor.role);
  const ask: Ask = { access: actor, day: today, today, now: actor.now, mine: scope === 'mine' ? actor.userId : null, limit: 0 };
  const visitsToMake = await db
    .selectFrom('visits as v')
    .innerJoin('customers as c', 'c.id', 'v.customer_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(
      sql<SqlBool>`v.on_day = ${today} AND v.deleted_at IS NULL AND v.status IN ('planned', 'postponed') AND ${seen(actor)}
      ${ask.mine === null ? sql`` : sql`AND v.staff_id = ${ask.mine}`} AND ${unmarked('visit', sql.ref('v.id'), sql.ref('v.on_day'), today)}`,
    )
    .executeTakeFirstOrThrow();
  const followUps = await followUpsSection(db, ask);
  const returnVisits = await returnVisitsSection(db, ask);
  const endOfToday = dayStart(addDays(today, 1));
  const complaintsDue = await complaintsSection(db, ask, (endOfToday - actor.now) / HOUR_MS);
  const contractsEnding = await contractsSection(db, ask, true);
  const occasionsToday = await occasionsSection(db, ask, 1);
  // The complaints badge: every open complaint the caller sees, whoever answers for it. Unscoped,
  // a count of the open complaints' own index (deadline only) less those of customers in the bin.
  const openCount = (from: RawBuilder<unknown>, where: RawBuilder<SqlBool>) =>
    sql<{ open: number; overdue: number }>`SELECT count(*) AS open, coalesce(sum(k.due_at < ${actor.now}), 0) AS overdue FROM ${from} WHERE ${where}`.execute(db);
  const isOpen = sql<SqlBool>`k.deleted_at IS NULL AND k.status IN ('new', 'inProgress')`;
  let open: { open: number; overdue: number };
  if (actor.scopeOwnerId === null) {
    const [all, binned] = await Promise.all([
      openCount(sql`complaints AS k INDEXED BY complaints_open`, isOpen),
      openCount(sql`customers AS c CROSS JOIN complaints AS k`, sql<SqlBool>`c.deleted_at IS NOT NULL AND k.customer_id = c.id AND ${isOpen}`),
    ]);
    open = { open: Number(all.rows[0]!.open) - Number(binned.rows[0]!.open), overdue: Number(all.rows[0]!.overdue) - Number(binned.rows[0]!.overdue) }; // count(*) answers one row
  } else {
    const seenOpen = await openCount(sql`complaints AS k INNER JOIN customers AS c ON c.id = k.customer_id`, sql<SqlBool>`${isOpen} AND ${seen(actor)}`);
    open = { open: Number(seenOpen.rows[0]!.open), overdue: Number(seenOpen.rows[0]!.overdue) }; // one row
  }
  return {
    today:
      Number(visitsToMake.n) + followUps.total + returnVisits.total + complaintsDue.total + contractsEnding.total + occasionsToday.total,
    complaintsOpen: Number(open.open),
    complaintsOverdue: Number(open.overdue),
    followUps: followUps.total,
  };
}

// ---------------------------------------------------------------------------------------------
// Marks

/** The customer an item belongs to, if this caller sees it (NOT_FOUND otherwise). */
async function itemCustomer(db: Db, ref: ItemRef, access: Access, operation: string): Promise<{ id: number; name: string; code: string }> {
  const customerId = sql.ref('c.id');
  const owner: Record<TodayKind, RawBuilder<unknown>> = {
    visit: sql`(SELECT customer_id FROM visits WHERE id = ${ref.refId} AND deleted_at IS NULL)`,
    followUp: sql`(SELECT customer_id FROM records WHERE id = ${ref.refId} AND deleted_at IS NULL)`,
    returnVisit: sql`${ref.refId}`,
    birthday: sql`${ref.refId}`,
    founding: sql`${ref.refId}`,
    complaint: sql`(SELECT customer_id FROM complaints WHERE id = ${ref.refId} AND deleted_at IS NULL)`,
    contract: sql`(SELECT customer_id FROM contracts WHERE id = ${ref.refId} AND deleted_at IS NULL)`,
    contractAnniversary: sql`(SELECT customer_id FROM contracts WHERE id = ${ref.refId} AND deleted_at IS NULL)`,
    contactBirthday: sql`(SELECT customer_id FROM contacts WHERE id = ${ref.refId})`,
    churn: sql`${ref.refId}`,
    pointsExpiring: sql`${ref.refId}`,
  };
  const row = await db
    .selectFrom('customers as c')
    .select(['c.id', 'c.name', 'c.code'])
    .where(sql<SqlBool>`${customerId} = ${owner[ref.kind]} AND ${seen(access)}`)
    .executeTakeFirst();
  if (!row) throw new AppFailure('NOT_FOUND', `${operation}: ${ref.kind} ${ref.refId} does not exist, is in the recycle bin, or is not one you see`);
  return row;
}

async function auditMark(tx: Db, actor: Actor, action: 'today.snooze' | 'today.done' | 'today.unmark', ref: ItemRef, customer: { name: string; code: string }, changes: FieldChange[]): Promise<void> {
  await appendAudit(tx, {
    at: actor.now,
    userId: actor.userId,
    username: actor.username,
    action,
    entity: 'inbox',
    entityId: ref.refId,
    label: `${customer.name} (${customer.code})`,
    changes: [{ field: 'itemKind', before: null, after: ref.kind }, { field: 'occurrence', before: null, after: ref.occurrence }, ...changes],
  });
}

type MarkInput = ItemRef & ({ snoozeUntil: string } | { done: true });

/**
 * Snoozes one occurrence to a later day or marks it done (the shop's mark, whoever set it). A
 * follow-up's "done" is its record's (records.followUpDone), not a mark.
 */
export async function markItem(db: Db, input: MarkInput, actor: Actor): Promise<TodayMarkResult> {
  const ref: ItemRef = { kind: input.kind, refId: input.refId, occurrence: input.occurrence };
  if (ref.kind === 'churn') throw new AppFailure('VALIDATION', 'today.mark: a churn warning is dismissed with a reason where it is listed (churn.dismiss), not snoozed or marked done');
  if (ref.kind === 'pointsExpiring') throw new AppFailure('VALIDATION', 'today.mark: points expiring next month expire whatever Today says; they are neither snoozed nor marked done');
  if ('snoozeUntil' in input && input.snoozeUntil <= localDay(actor.now)) {
    throw new AppFailure('VALIDATION', 'today.mark: snooze it to a day after today', [{ path: ['snoozeUntil'], message: 'snoozeDay' }]);
  }
  if ('done' in input && ref.kind === 'followUp') {
    const record = await db.selectFrom('records').select(['version', 'follow_up_on']).where('id', '=', ref.refId).executeTakeFirst();
    await itemCustomer(db, ref, actor, 'today.mark');
    if (record?.follow_up_on !== ref.occurrence) {
      throw new AppFailure('CONFLICT', `today.mark: record ${ref.refId}'s follow-up is no longer on ${ref.occurrence}; reload Today`);
    }
    await markFollowUpDone(db, ref.refId, record.version, actor);
    return { ...ref, snoozedUntil: null, done: true };
  }
  return transaction(db, async (tx) => {
    const customer = await itemCustomer(tx, ref, actor, 'today.mark');
    const before = await tx.selectFrom('inbox_marks').select(['snoozed_until', 'done_at']).where('kind', '=', ref.kind).where('ref_id', '=', ref.refId).where('occurrence', '=', ref.occurrence).executeTakeFirst();
    const snoozedUntil = 'snoozeUntil' in input ? input.snoozeUntil : null;
    const doneAt = 'done' in input ? actor.now : null;
    await tx
      .insertInto('inbox_marks')
      .values({ kind: ref.kind, ref_id: ref.refId, occurrence: ref.occurrence, snoozed_until: snoozedUntil, done_at: doneAt, by_user: actor.userId, at: actor.now })
      .onConflict((oc) => oc.columns(['kind', 'ref_id', 'occurrence']).doUpdateSet({ snoozed_until: snoozedUntil, done_at: doneAt, by_user: actor.userId, at: actor.now }))
      .execute();
    const changes: FieldChange[] =
      doneAt === null ? [{ field: 'snoozedUntil', before: before?.snoozed_until ?? null, after: snoozedUntil }] : [{ field: 'done', before: before?.done_at != null, after: true }];
    await auditMark(tx, actor, doneAt === null ? 'today.snooze' : 'today.done', ref, customer, changes);
    return { ...ref, snoozedUntil, done: doneAt !== null };
  });
}

/** Shows an occurrence again: its mark removed (nothing to remove is no change, and no audit entry). */
export async function unmarkItem(db: Db, ref: ItemRef, actor: Actor): Promise<TodayMarkResult> {
  return transaction(db, async (tx) => {
    const customer = await itemCustomer(tx, ref, actor, 'today.unmark');
    const where = tx.deleteFrom('inbox_marks').where('kind', '=', ref.kind).where('ref_id', '=', ref.refId).where('occurrence', '=', ref.occurrence);
    const removed = await where.returning(['snoozed_until', 'done_at']).executeTakeFirst();
    if (removed) {
      await auditMark(tx, actor, 'today.unmark', ref, customer, [
        removed.done_at !== null ? { field: 'done', before: true, after: false } : { field: 'snoozedUntil', before: removed.snoozed_until, after: null },
      ]);
    }
    return { ...ref, snoozedUntil: null, done: false };
  });
}

/** A customer purged: its inbox marks go with it (the customer's own, its visits', records', complaints', contracts', contacts'). */
export async function purgeInboxMarksOf(tx: Db, customerId: number): Promise<void> {
  await tx
    .deleteFrom('inbox_marks')
    .where((eb) =>
      eb.or([
        eb.and([eb('kind', 'in', ['returnVisit', 'birthday', 'founding']), eb('ref_id', '=', customerId)]),
        eb.and([eb('kind', '=', 'visit'), eb('ref_id', 'in', eb.selectFrom('visits').select('id').where('customer_id', '=', customerId))]),
        eb.and([eb('kind', '=', 'followUp'), eb('ref_id', 'in', eb.selectFrom('records').select('id').where('customer_id', '=', customerId))]),
        eb.and([eb('kind', '=', 'complaint'), eb('ref_id', 'in', eb.selectFrom('complaints').select('id').where('customer_id', '=', customerId))]),
        eb.and([eb('kind', 'in', ['contract', 'contractAnniversary']), eb('ref_id', 'in', eb.selectFrom('contracts').select('id').where('customer_id', '=', customerId))]),
        eb.and([eb('kind', '=', 'contactBirthday'), eb('ref_id', 'in', eb.selectFrom('contacts').select('id').where('customer_id', '=', customerId))]),
      ]),
    )
    .execute();
}
