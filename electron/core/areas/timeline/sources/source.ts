// What every source of the timeline shares: the sort key, what a source is asked, and the seek
// after a cursor. A source reads its own table through an index that starts with customer_id and
// answers at most `take` entries after the cursor, in timeline order; the service merges them.
//
// The statement is built and compiled once per shape (which kinds, whether one staff member's,
// the caller's scope, the cursor's kind): a source's SQL depends on nothing else (`shapeKey`), and
// every value of the call is a placeholder (`P`), bound at each call. Building and compiling the
// whole UNION ALL with Kysely cost more than running it (1.3 ms of a 2.9 ms page, measured).
import { sql, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { TimelineEntry, TimelineKind } from '../../../../../shared/api/timeline.ts';
import { addDays, localDay } from '../../../../../shared/contract-status.ts';
import { customerActions } from '../../../../../shared/roles.ts';
import type { Db } from '../../../db/database.ts';
import type { DB } from '../../../db/schema.ts';
import type { Access } from '../../users/access.ts';

/** A value of the call in a statement built once per shape; `bindTimeline` puts the call's value in its place. */
export class Slot {
  constructor(readonly name: keyof SlotValues) {}
}

/** The values of one call, by placeholder. */
export type SlotValues = {
  customerId: number;
  staffId: number | null;
  scopeOwnerId: number | null;
  /** The cursor's instant, kind and id (a cursor after everything when there is none). */
  afterAt: number;
  afterKind: string;
  afterId: number;
  /** The cursor's local day, and the day before it (a date-only column shifted by one day). */
  afterDay: string;
  afterDayBefore: string;
  take: number;
  today: string;
};

/**
 * The placeholders, each as `+?`: the unary plus keeps SQLite's planner from looking at the bound
 * value (with STAT4 it would, and then re-prepare the statement at every call because a value it
 * looked at was bound again: measured 0.95 ms a page instead of 0.35 ms). The plans stay the ones
 * the plan tests check; a value never decides them.
 */
function slot<K extends keyof SlotValues>(name: K): RawBuilder<SlotValues[K]> {
  return sql<SlotValues[K]>`+${new Slot(name)}`;
}

export const P = {
  customerId: slot('customerId'),
  staffId: slot('staffId'),
  scopeOwnerId: slot('scopeOwnerId'),
  afterAt: slot('afterAt'),
  afterKind: slot('afterKind'),
  afterId: slot('afterId'),
  afterDay: slot('afterDay'),
  afterDayBefore: slot('afterDayBefore'),
  take: slot('take'),
  today: slot('today'),
} as const;

/** The timeline's order: at, then kind, then refId, all descending. */
export type TimelineKey = { at: number; kind: TimelineKind; refId: number };

/**
 * What a source is asked. Its SQL may branch only on what `shapeKey` covers (kinds, staffId or
 * none, the cursor's kind and whether the cursor is at a local midnight, the caller's scope) and
 * must put every value in through `P`; `entry` may use all of it.
 */
export type SourceInput = {
  customerId: number;
  /** Only this staff member's entries (each source says which column that is). */
  staffId: number | null;
  /** Entries strictly after this key in timeline order; null: from the newest. */
  after: TimelineKey | null;
  /** How many entries at most (the page size + 1, so the service knows whether more follow). */
  take: number;
  /** The kinds asked for (every kind when the caller gave none). */
  kinds: ReadonlySet<TimelineKind>;
  /** The shop's local day, for what depends on it (a contract expired before today). */
  today: string;
  access: Access;
};

/**
 * What every source selects, in this order: the columns of one entry before it is an entry. A
 * date-only event gives its calendar `day` (the local midnight is worked out here, not in SQL);
 * `open_id` is what the entry opens.
 */
export const SOURCE_COLUMNS = ['kind', 'ref_id', 'at', 'day', 'title', 'text', 'status', 'staff_id', 'staff_name', 'deleted_at', 'created_by', 'source', 'open_id'] as const;

export type SourceRow = {
  kind: string;
  ref_id: number;
  at: number | null;
  day: string | null;
  title: string;
  text: string;
  status: string | null;
  staff_id: number | null;
  staff_name: string | null;
  deleted_at: number | null;
  created_by: number | null;
  source: string;
  open_id: number;
};

/** A source's statement: SOURCE_COLUMNS, at most `take` rows after the cursor in timeline order (or, where it says so, every row of the customer's few). */
export type SourceQuery = SelectQueryBuilder<DB, any, SourceRow>; // eslint-disable-line @typescript-eslint/no-explicit-any -- each source selects from its own tables

export type TimelineSource = {
  name: string;
  kinds: readonly TimelineKind[];
  /** Its statements; the service runs every source's as one UNION ALL. */
  queries(db: Db, input: SourceInput): SourceQuery[];
  /** The entry of one of its rows. */
  entry(row: SourceRow, input: SourceInput): TimelineEntry;
};

/** What every entry of a kind that is neither a record nor a visit says the same way. */
export function plainEntry(row: SourceRow, input: SourceInput, at: number, open: TimelineEntry['open']['kind']): TimelineEntry {
  return {
    kind: row.kind as TimelineKind, // the source selected one of its kinds
    refId: row.ref_id,
    at,
    title: row.title,
    text: row.text,
    status: null,
    staffId: row.staff_id,
    staffName: row.staff_name,
    deleted: false,
    source: 'app',
    customerId: input.customerId,
    open: { kind: open, id: row.open_id },
    actions: { restore: false },
  };
}

/** Negative when `a` comes first in the timeline (newer, or later kind, or larger id at the same instant). */
export function compareEntries(a: TimelineKey, b: TimelineKey): number {
  if (a.at !== b.at) return b.at - a.at;
  if (a.kind !== b.kind) return a.kind < b.kind ? 1 : -1;
  return b.refId - a.refId;
}

/** True when `entry` comes strictly after `key` in the timeline. */
export function isAfter(entry: TimelineKey, key: TimelineKey | null): boolean {
  return key === null || compareEntries(entry, key) > 0;
}

/**
 * The seek after `key` for a source of one kind whose order is (`at` desc, `id` desc): the kind is
 * a constant there, so the cursor's kind only decides whether the cursor's own instant is still to
 * come. Written as a range on `at` (the index's column after customer_id) and a tie-break on the id.
 */
export function seekOneKind(kind: TimelineKind, at: string, id: string, key: TimelineKey | null): RawBuilder<SqlBool> {
  if (key === null) return sql<SqlBool>`1`;
  const atRef = sql.ref(at);
  if (kind < key.kind) return sql<SqlBool>`${atRef} <= ${P.afterAt}`;
  if (kind > key.kind) return sql<SqlBool>`${atRef} < ${P.afterAt}`;
  return sql<SqlBool>`${atRef} <= ${P.afterAt} AND (${atRef} < ${P.afterAt} OR ${sql.ref(id)} < ${P.afterId})`;
}

/** Restorable from the timeline: in the recycle bin, and the caller may restore it (staff: what they created). */
export function restorable(access: Access, row: { deleted_at: number | null; created_by: number | null }): boolean {
  return row.deleted_at !== null && customerActions(access, { createdBy: row.created_by }).delete;
}

/** The local midnight (the shop's time zone) of a calendar day, YYYY-MM-DD. */
export function localMidnight(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]; // a stored YYYY-MM-DD
  return new Date(y, m - 1, d).getTime();
}

/**
 * The seek after `key` for a source of one kind dated by a calendar-day column: the entry's instant
 * is the local midnight of (`day` + `shift` days), and its order within the kind (`day` desc, `id`
 * desc) is the timeline's. The cursor's instant becomes a day: entries of an earlier day come
 * after it; entries of its day only when the cursor is past that midnight, or at it and after it
 * by kind and id.
 */
export function seekByDay(kind: TimelineKind, day: string, id: string, key: TimelineKey | null, shift: 0 | 1 = 0): RawBuilder<SqlBool> {
  if (key === null) return sql<SqlBool>`1`;
  const dayRef = sql.ref(day);
  const columnDay = shift === 0 ? P.afterDay : P.afterDayBefore; // the cursor's day less `shift` days
  if (pastMidnight(key) || kind < key.kind) return sql<SqlBool>`${dayRef} <= ${columnDay}`;
  if (kind > key.kind) return sql<SqlBool>`${dayRef} < ${columnDay}`;
  return sql<SqlBool>`${dayRef} <= ${columnDay} AND (${dayRef} < ${columnDay} OR ${sql.ref(id)} < ${P.afterId})`;
}

/** True when the cursor's instant is after the local midnight of its day (part of the shape). */
export function pastMidnight(key: TimelineKey): boolean {
  return localMidnight(localDay(key.at)) < key.at;
}

/** A statement's parameters with the call's values in place of the placeholders. */
export function bindSlots(parameters: readonly unknown[], values: SlotValues): unknown[] {
  return parameters.map((parameter) => (parameter instanceof Slot ? values[parameter.name] : parameter));
}

/** The values `P` stands for in one call. */
export function slotValues(input: SourceInput): SlotValues {
  const key = input.after;
  const afterDay = key === null ? '' : localDay(key.at);
  return {
    customerId: input.customerId,
    staffId: input.staffId,
    scopeOwnerId: input.access.scopeOwnerId,
    afterAt: key?.at ?? Number.MAX_SAFE_INTEGER,
    afterKind: key?.kind ?? '',
    afterId: key?.refId ?? 0,
    afterDay,
    afterDayBefore: key === null ? '' : addDays(afterDay, -1),
    take: input.take,
    today: input.today,
  };
}

/** What decides a statement's SQL: two inputs of one shape share it (see SourceInput). */
export function shapeKey(input: SourceInput): string {
  const key = input.after;
  const after = key === null ? '-' : `${key.kind}${pastMidnight(key) ? '+' : '='}`;
  return `${[...input.kinds].sort().join(',')}|${input.staffId === null ? '' : 'staff'}|${input.access.scopeOwnerId === null ? '' : 'scope'}|${after}`;
}
