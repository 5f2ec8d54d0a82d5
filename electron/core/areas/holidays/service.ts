// Holiday care: the festival settings (kept as one JSON value in `settings`, key 'holidays': the
// area needs no table of its own), the festivals due from today through daysAhead days with the
// customers to greet by grade, one festival's customers (paged, searched), and greetings, which
// are care notes (occasion 'holiday', on the festival's day) written through areas/care. A
// customer counts as greeted for a festival when a live holiday care note names its day.
import { sql, type SqlBool } from 'kysely';
import { GRADES, type Grade } from '../../../../shared/api/customers.ts';
import {
  HOLIDAY_DEFAULTS,
  HolidaySettings,
  type FestivalDue,
  type HolidayCustomer,
  type HolidayCustomersPage,
  type HolidaySettings as Settings,
} from '../../../../shared/api/holidays.ts';
import { addMonths, localDay } from '../../../../shared/contract-status.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import { roleHas } from '../../../../shared/roles.ts';
import { transaction, type Db } from '../../db/database.ts';
import { keysetPage } from '../../db/keyset.ts';
import { appendAudit } from '../audit/service.ts';
import { addNote } from '../care/service.ts';
import { readSetting, writeSetting } from '../settings/service.ts';
import type { Access } from '../users/access.ts';
import { daysBetween, festivalDay, festivalsOf, upcomingFestivals, type FestivalDef } from './festivals.ts';

export type Actor = Access & { now: number };

const SETTINGS_KEY = 'holidays';

export async function readHolidaySettings(db: Db): Promise<Settings> {
  const text = await readSetting(db, SETTINGS_KEY);
  if (text === undefined) return HOLIDAY_DEFAULTS;
  const parsed = HolidaySettings.safeParse(JSON.parse(text));
  // Written only by saveHolidaySettings from a checked value; a damaged value reads as the defaults.
  return parsed.success ? parsed.data : HOLIDAY_DEFAULTS;
}

/** Saves the settings; own festivals without a key get the next free 'own-N' (a kept key keeps its greetings' page address). */
export async function saveHolidaySettings(db: Db, input: Settings, actor: Actor): Promise<Settings> {
  return transaction(db, async (tx) => {
    const before = await readHolidaySettings(tx);
    let next = Math.max(0, ...[...before.own, ...input.own].map((f) => (f.key ? Number(f.key.slice(4)) : 0))) + 1;
    const seen = new Set<string>();
    const own = input.own.map((f) => {
      let key = f.key;
      if (!key || seen.has(key)) key = `own-${next++}`;
      seen.add(key);
      return { ...f, key };
    });
    const after: Settings = { daysAhead: input.daysAhead, grades: GRADES.filter((g) => input.grades.includes(g)), builtins: input.builtins, own };
    await writeSetting(tx, SETTINGS_KEY, JSON.stringify(after));
    await appendAudit(tx, {
      at: actor.now,
      userId: actor.userId,
      username: actor.username,
      action: 'holidays.settings',
      entity: 'holidays',
      entityId: null,
      label: '',
      // Own festivals as their names with their month-day (the log shows words, not objects).
      changes: (['daysAhead', 'grades', 'builtins', 'own'] as const)
        .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
        .map((field) => (field === 'own' ? { field, before: before.own.map(ownLabel), after: after.own.map(ownLabel) } : { field, before: before[field], after: after[field] })),
    });
    return after;
  });
}

/** An own festival in the audit log: its name and month-day (lunar ones marked L, as stored birthdays are). */
function ownLabel(f: Settings['own'][number]): string {
  return `${f.name} ${f.calendar === 'lunar' ? 'L' : ''}${String(f.month).padStart(2, '0')}-${String(f.day).padStart(2, '0')}`;
}

/** One festival of the settings by key (NOT_FOUND when it is not, or no longer, among them). */
function festivalNamed(settings: Settings, key: string, operation: string): FestivalDef {
  const festival = festivalsOf(settings).find((f) => f.key === key);
  if (!festival) throw new AppFailure('NOT_FOUND', `${operation}: festival ${key} is not in the shop's list (switched off or removed)`);
  return festival;
}

/** The customers the caller sees (live, in scope), of the greeted grades, optionally one staff member's. */
function greetable(db: Db, access: Access, grades: readonly Grade[], ownerId: number | null) {
  let q = db.selectFrom('customers as c').where('c.deleted_at', 'is', null).where('c.grade', 'in', [...grades]);
  if (access.scopeOwnerId !== null) q = q.where('c.owner_id', '=', access.scopeOwnerId);
  if (ownerId !== null) q = q.where('c.owner_id', '=', ownerId);
  return q;
}

/** The live holiday care note of this customer on this day (the newest), as SQL. */
function greetingOf(day: string) {
  return sql<number | null>`(SELECT max(n.id) FROM care_notes AS n WHERE n.customer_id = c.id AND n.occasion = 'holiday' AND n.on_day = ${day} AND n.deleted_at IS NULL)`;
}

async function countsFor(db: Db, access: Access, settings: Settings, day: string, ownerId: number | null): Promise<Pick<FestivalDue, 'byGrade' | 'toGreet' | 'greeted'>> {
  const rows = await greetable(db, access, settings.grades, ownerId)
    .select(['c.grade', (eb) => eb.fn.countAll<number>().as('n')])
    .select(sql<number>`sum(EXISTS (SELECT 1 FROM care_notes AS n WHERE n.customer_id = c.id AND n.occasion = 'holiday' AND n.on_day = ${day} AND n.deleted_at IS NULL))`.as('greeted'))
    .groupBy('c.grade')
    .execute();
  const byGrade = settings.grades.map((grade) => {
    const row = rows.find((r) => r.grade === grade);
    return { grade, toGreet: Number(row?.n ?? 0), greeted: Number(row?.greeted ?? 0) };
  });
  return { byGrade, toGreet: byGrade.reduce((s, g) => s + g.toGreet, 0), greeted: byGrade.reduce((s, g) => s + g.greeted, 0) };
}

/**
 * The festivals from today through daysAhead days, with their customers to greet by grade
 * (`ownerId`: one staff member's customers). Today shows those with someone still to greet.
 */
export async function upcomingHolidays(db: Db, access: Access, now: number, ownerId: number | null, span: 'daysAhead' | 'year' = 'daysAhead'): Promise<FestivalDue[]> {
  const settings = await readHolidaySettings(db);
  const today = localDay(now);
  // 'year': the next 12 months, through the day before the same date next year.
  const days = span === 'year' ? daysBetween(today, addMonths(today, 12)) - 1 : settings.daysAhead;
  const out: FestivalDue[] = [];
  for (const { festival, year, day, inDays } of upcomingFestivals(festivalsOf(settings), today, days)) {
    out.push({
      key: festival.key,
      builtin: festival.builtin,
      name: festival.name,
      calendar: festival.calendar,
      year,
      day,
      inDays,
      ...(await countsFor(db, access, settings, day, ownerId)),
    });
  }
  return out;
}

/** The festivals of a year with their days (the settings tab's preview). */
export async function festivalCalendar(db: Db, year: number): Promise<Pick<FestivalDue, 'key' | 'builtin' | 'name' | 'calendar' | 'year' | 'day'>[]> {
  const settings = await readHolidaySettings(db);
  return festivalsOf(settings)
    .map((f) => ({ key: f.key, builtin: f.builtin, name: f.name, calendar: f.calendar, year, day: festivalDay(f.calendar, year, f.month, f.day) }))
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

function likeWords(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function holidayCustomers(
  db: Db,
  query: { key: string; year: number; q?: string | undefined; greeted?: boolean | undefined; after: string | null; limit: number },
  actor: Actor,
): Promise<HolidayCustomersPage> {
  const settings = await readHolidaySettings(db);
  const festival = festivalNamed(settings, query.key, 'holidays.customers');
  const day = festivalDay(festival.calendar, query.year, festival.month, festival.day);
  let q = greetable(db, actor, settings.grades, null)
    .leftJoin('users as u', 'u.id', 'c.owner_id')
    .select(['c.id as customerId', 'c.name', 'c.code', 'c.grade', 'u.display_name as ownerName'])
    .select(greetingOf(day).as('noteId'));
  if (query.q) {
    const words = likeWords(query.q);
    q = q.where(sql<SqlBool>`(c.name LIKE ${words} ESCAPE '\\' OR c.code LIKE ${words} ESCAPE '\\')`);
  }
  if (query.greeted !== undefined) q = q.where(sql<SqlBool>`${greetingOf(day)} IS ${sql.raw(query.greeted ? 'NOT NULL' : 'NULL')}`);
  const page = await keysetPage(q, [{ column: 'c.name_sort', direction: 'asc' }, { column: 'c.id', direction: 'asc' }], query.after, query.limit);
  const noteIds = page.rows.map((r) => r.noteId).filter((id): id is number => id !== null);
  const notes =
    noteIds.length === 0
      ? []
      : await db.selectFrom('care_notes as n').leftJoin('users as u', 'u.id', 'n.staff_id').select(['n.id', 'n.at', 'u.display_name as staffName']).where('n.id', 'in', noteIds).execute();
  const byId = new Map(notes.map((n) => [n.id, n]));
  const write = roleHas(actor.role, 'customers.write');
  const rows = page.rows.map((row): HolidayCustomer => {
    const note = row.noteId === null ? undefined : byId.get(row.noteId);
    return {
      customerId: row.customerId,
      name: row.name,
      code: row.code,
      grade: row.grade,
      ownerName: row.ownerName,
      greeting: note ? { noteId: note.id, at: note.at, staffName: note.staffName } : null,
      actions: { greet: write && !note },
    };
  });
  const today = localDay(actor.now);
  const due: FestivalDue = {
    key: festival.key,
    builtin: festival.builtin,
    name: festival.name,
    calendar: festival.calendar,
    year: query.year,
    day,
    inDays: daysBetween(today, day),
    ...(await countsFor(db, actor, settings, day, null)),
  };
  return { festival: due, rows, next: page.nextCursor };
}

/** A greeting: a care note of occasion 'holiday' on the festival's day. A customer already greeted for it keeps the one note (created false). */
export async function greet(db: Db, input: { key: string; year: number; customerId: number; note?: string | undefined }, actor: Actor): Promise<{ customerId: number; noteId: number; created: boolean }> {
  const settings = await readHolidaySettings(db);
  const festival = festivalNamed(settings, input.key, 'holidays.greet');
  const day = festivalDay(festival.calendar, input.year, festival.month, festival.day);
  const existing = await db
    .selectFrom('care_notes as n')
    .innerJoin('customers as c', 'c.id', 'n.customer_id')
    .select('n.id')
    .where('n.customer_id', '=', input.customerId)
    .where('n.occasion', '=', 'holiday')
    .where('n.on_day', '=', day)
    .where('n.deleted_at', 'is', null)
    .where('c.deleted_at', 'is', null)
    .$if(actor.scopeOwnerId !== null, (q) => q.where('c.owner_id', '=', actor.scopeOwnerId))
    .executeTakeFirst();
  if (existing) return { customerId: input.customerId, noteId: existing.id, created: false };
  // care.addNote checks the customer (live, in scope: VALIDATION 'customer') and writes the audit entry.
  const note = await addNote(db, { customerId: input.customerId, contactId: null, contractId: null, occasion: 'holiday', onDay: day, note: input.note || `${festival.name}问候` }, actor);
  return { customerId: input.customerId, noteId: note.id, created: true };
}
