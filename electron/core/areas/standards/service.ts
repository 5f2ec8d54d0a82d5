// Service standards and the working calendar: read by everyone who reads customers, changed by the
// owner (the dispatcher checks `settings.manage` from the contract before these run). Each change
// is one transaction with its audit entry.
import type { z } from 'zod';
import { GRADES, type Grade } from '../../../../shared/api/customers.ts';
import type { CalendarDay, CalendarYear, GradeStandard, SetCalendarDay, Standards, StandardsUpdate } from '../../../../shared/api/standards.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import { roleHas, type Role } from '../../../../shared/roles.ts';
import { transaction, type Db } from '../../db/database.ts';
import { appendAudit, type FieldChange } from '../audit/service.ts';
import { writeSetting } from '../settings/service.ts';
import { countsWorkingDays, lowScoreRule, STANDARDS_KEYS } from './deadline.ts';
import { builtinCalendar, isWeekend, knownYears } from './working-days.ts';

export type Actor = { userId: number; username: string; role: Role; at: number };

function canEdit(role: Role): boolean {
  return roleHas(role, 'settings.manage');
}

async function readGrades(db: Db): Promise<{ grades: GradeStandard[]; version: number }> {
  const rows = await db.selectFrom('service_standards').select(['grade', 'return_days', 'response_hours', 'version']).execute();
  const byGrade = new Map(rows.map((row) => [row.grade, row]));
  const grades = GRADES.map((grade) => {
    const row = byGrade.get(grade);
    if (!row) throw new Error(`service_standards has no row for ${grade}`); // the migration inserts all four; nothing deletes them
    return { grade, returnDays: row.return_days, responseHours: row.response_hours };
  });
  // Every change to the page bumps every row's version (see updateStandards), so the largest is the page's.
  return { grades, version: Math.max(...rows.map((row) => row.version)) };
}

export async function readStandards(db: Db, role: Role): Promise<Standards> {
  const { grades, version } = await readGrades(db);
  return { grades, workingDays: await countsWorkingDays(db), lowScore: await lowScoreRule(db), version, actions: { edit: canEdit(role) } };
}

/**
 * Changes what is given (grades by grade, the working-days switch, the thresholds). One version
 * for the page: a stale one is a CONFLICT and nothing changes. The audit entry lists each field
 * that changed ("responseHours.vip: 24 → 12", "workingDays", "lowScore.npsAtMost").
 */
export async function updateStandards(db: Db, input: z.output<typeof StandardsUpdate>, actor: Actor): Promise<Standards> {
  return transaction(db, async (tx) => {
    const before = await readStandards(tx, actor.role);
    if (before.version !== input.version) {
      throw new AppFailure('CONFLICT', 'standards.update: the service standards were changed by someone else since they were loaded; reload them and try again');
    }
    const changes: FieldChange[] = [];
    for (const next of input.grades ?? []) {
      const old = before.grades.find((g) => g.grade === next.grade)!; // all four are always there
      if (old.returnDays !== next.returnDays) changes.push({ field: `returnDays.${next.grade}`, before: old.returnDays, after: next.returnDays });
      if (old.responseHours !== next.responseHours) changes.push({ field: `responseHours.${next.grade}`, before: old.responseHours, after: next.responseHours });
      await tx
        .updateTable('service_standards')
        .set({ return_days: next.returnDays, response_hours: next.responseHours, updated_at: actor.at, updated_by: actor.userId })
        .where('grade', '=', next.grade as Grade)
        .execute();
    }
    if (input.workingDays !== undefined && input.workingDays !== before.workingDays) {
      changes.push({ field: 'workingDays', before: before.workingDays, after: input.workingDays });
      await writeSetting(tx, STANDARDS_KEYS.workingDays, input.workingDays ? '1' : '0');
    }
    const { dimensionAtMost, npsAtMost } = input.lowScore ?? {};
    if (dimensionAtMost !== undefined && dimensionAtMost !== before.lowScore.dimensionAtMost) {
      changes.push({ field: 'lowScore.dimensionAtMost', before: before.lowScore.dimensionAtMost, after: dimensionAtMost });
      await writeSetting(tx, STANDARDS_KEYS.lowDimensionAtMost, String(dimensionAtMost));
    }
    if (npsAtMost !== undefined && npsAtMost !== before.lowScore.npsAtMost) {
      changes.push({ field: 'lowScore.npsAtMost', before: before.lowScore.npsAtMost, after: npsAtMost });
      await writeSetting(tx, STANDARDS_KEYS.lowNpsAtMost, String(npsAtMost));
    }
    if (changes.length === 0) return before;
    // The page's version moves on with any change, settings included (they have no version of their own).
    await tx.updateTable('service_standards').set((eb) => ({ version: eb('version', '+', 1) })).execute();
    await appendAudit(tx, { at: actor.at, userId: actor.userId, username: actor.username, action: 'standards.update', entity: 'standards', changes });
    return readStandards(tx, actor.role);
  });
}

function yearBounds(year: number): [string, string] {
  const y = String(year).padStart(4, '0');
  return [`${y}-01-01`, `${y}-12-31`];
}

/**
 * The year's days that are not ordinary: statutory holidays on weekdays, make-up working days on
 * weekends (the built-in calendar's days that do not change anything, a holiday falling on a
 * Sunday, are listed too: people look for "国庆节" on each of its days), and every owner correction.
 */
export async function readCalendar(db: Db, year: number, role: Role): Promise<CalendarYear> {
  const [first, last] = yearBounds(year);
  const days = new Map<string, CalendarDay>();
  for (const builtin of builtinCalendar().values()) {
    if (builtin.day < first || builtin.day > last) continue;
    days.set(builtin.day, { day: builtin.day, kind: builtin.kind, name: builtin.name, source: 'builtin', builtin: builtin.kind });
  }
  const rows = await db.selectFrom('calendar_days').select(['day', 'kind', 'name']).where('day', '>=', first).where('day', '<=', last).execute();
  for (const row of rows) {
    const builtin = builtinCalendar().get(row.day) ?? null;
    days.set(row.day, { day: row.day, kind: row.kind, name: row.name !== '' ? row.name : (builtin?.name ?? ''), source: 'owner', builtin: builtin?.kind ?? null });
  }
  return {
    year,
    days: [...days.values()].sort((a, b) => (a.day < b.day ? -1 : 1)),
    knownYears: knownYears(),
    actions: { edit: canEdit(role) },
  };
}

/** What a day is without any correction, for the audit entry. */
function plainKind(day: string): 'holiday' | 'workday' {
  return builtinCalendar().get(day)?.kind ?? (isWeekend(day) ? 'holiday' : 'workday');
}

/** Marks a day off or working (with a name), or (kind null) drops the owner's correction. */
export async function setCalendarDay(db: Db, input: z.output<typeof SetCalendarDay>, actor: Actor): Promise<CalendarYear> {
  return transaction(db, async (tx) => {
    const existing = await tx.selectFrom('calendar_days').select(['kind', 'name']).where('day', '=', input.day).executeTakeFirst();
    const beforeKind = existing?.kind ?? plainKind(input.day);
    const afterKind = input.kind ?? plainKind(input.day);
    const name = input.kind === null ? '' : input.name;
    if (input.kind === null) {
      if (existing) await tx.deleteFrom('calendar_days').where('day', '=', input.day).execute();
    } else {
      await tx
        .insertInto('calendar_days')
        .values({ day: input.day, kind: input.kind, name, updated_at: actor.at, updated_by: actor.userId })
        .onConflict((oc) => oc.column('day').doUpdateSet({ kind: input.kind!, name, updated_at: actor.at, updated_by: actor.userId })) // kind is not null in this branch
        .execute();
    }
    const unchanged = input.kind === null ? existing === undefined : existing?.kind === input.kind && existing.name === name;
    if (!unchanged) {
      const changes: FieldChange[] = [];
      if (beforeKind !== afterKind) changes.push({ field: 'dayKind', before: beforeKind, after: afterKind });
      changes.push({ field: 'daySource', before: existing ? 'owner' : 'builtin', after: input.kind === null ? 'builtin' : 'owner' });
      if ((existing?.name ?? '') !== name) changes.push({ field: 'dayName', before: existing?.name ?? '', after: name });
      await appendAudit(tx, { at: actor.at, userId: actor.userId, username: actor.username, action: 'standards.day', entity: 'calendarDay', label: input.day, changes });
    }
    return readCalendar(tx, Number(input.day.slice(0, 4)), actor.role);
  });
}
