// A customer's timeline: every source (records, visits, contracts, grade changes, files) answers
// its next entries after the cursor through its own index, all in one statement (UNION ALL), and
// the page is the newest of them all. Each source reads at most a page + 1 after the cursor, so a page costs the same on the
// first page and the hundredth, however long the customer's history.
//
// The same statement says whether the caller sees the customer and whether one of its contracts
// is due an automatic renewal (then the renewals run, as before any read of contracts, and the
// statement again), so a page is one statement in the usual case. It is built and compiled once
// per shape (sources/source.ts) and prepared once (the db layer caches statements by their text).
import { sql, type CompiledQuery } from 'kysely';
import { z } from 'zod';
import { TIMELINE_KINDS, type TimelineEntry, type TimelinePage, type TimelineQuery } from '../../../../shared/api/timeline.ts';
import { localDay } from '../../../../shared/contract-status.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import type { Db } from '../../db/database.ts';
import type { Access } from '../users/access.ts';
import { renewBeforeReading } from '../contracts/service.ts';
import { careSource } from './sources/care.ts';
import { needsSource } from './sources/needs.ts';
import { complaintsSource } from './sources/complaints.ts';
import { salesSource } from './sources/sales.ts';
import { eventsSource } from './sources/events.ts';
import { contractEventsSource } from './sources/contract-events.ts';
import { contractExpiredSource } from './sources/contract-expired.ts';
import { contractSignedSource } from './sources/contract-signed.ts';
import { filesSource } from './sources/files.ts';
import { gradeSource } from './sources/grade.ts';
import { mergesSource } from './sources/merges.ts';
import { recordsSource } from './sources/records.ts';
import { surveysSource } from './sources/surveys.ts';
import { bindSlots, compareEntries, isAfter, P, shapeKey, slotValues, SOURCE_COLUMNS, type SourceInput, type SourceQuery, type SourceRow, type TimelineKey, type TimelineSource } from './sources/source.ts';
import { visitsSource } from './sources/visits.ts';

type Query = z.output<typeof TimelineQuery>;

/** Every source, one line each: a new kind of entry (surveys, complaints, sales) adds its source here. */
export const TIMELINE_SOURCES: readonly TimelineSource[] = [recordsSource, visitsSource, contractSignedSource, contractEventsSource, contractExpiredSource, gradeSource, filesSource, surveysSource, complaintsSource, careSource, mergesSource, salesSource, needsSource, eventsSource];

/** Rows of the statement that are no entries: the customer when this caller sees it, a contract of it due a renewal. */
const CUSTOMER_ROW = 'customer';
const RENEW_DUE_ROW = 'renewDue';

/** Columns of a row that is no entry: its kind and id, nothing else. */
function markerColumns(kind: string, id: 'c.id' | 'k.id') {
  const none = sql<null>`NULL`;
  return [
    sql<string>`${sql.lit(kind)}`.as('kind'),
    sql.ref<number>(id).as('ref_id'),
    none.as('at'),
    none.as('day'),
    sql<string>`''`.as('title'),
    sql<string>`''`.as('text'),
    none.as('status'),
    none.as('staff_id'),
    none.as('staff_name'),
    none.as('deleted_at'),
    none.as('created_by'),
    sql<string>`''`.as('source'),
    sql.ref<number>(id).as('open_id'),
  ] as const;
}

/** The customer, if this caller sees it (live, and in their scope): no row means NOT_FOUND. */
function visibleCustomer(db: Db, input: SourceInput): SourceQuery {
  let q = db.selectFrom('customers as c').select(markerColumns(CUSTOMER_ROW, 'c.id')).where('c.id', '=', P.customerId).where('c.deleted_at', 'is', null);
  if (input.access.scopeOwnerId !== null) q = q.where('c.owner_id', '=', P.scopeOwnerId);
  return q;
}

/** One contract of the customer due an automatic renewal (the conditions of contracts/renew.ts), if any. */
function renewalDue(db: Db): SourceQuery {
  return db
    .selectFrom('contracts as k')
    .select(markerColumns(RENEW_DUE_ROW, 'k.id'))
    .where('k.customer_id', '=', P.customerId)
    .where('k.auto_renew', '=', sql.lit(1))
    .where('k.terminated_on', 'is', null)
    .where('k.signed_on', 'is not', null)
    .where('k.deleted_at', 'is', null)
    .where('k.end_on', '<', P.today)
    .limit(sql.lit(1)); // a literal: a bound LIMIT too would have SQLite prepare the statement again at every call
}

// The cursor: the last entry's key, [at, kind, refId] as base64url JSON. Opaque to the client.
const CursorKey = z.tuple([z.number().int().safe(), z.enum(TIMELINE_KINDS), z.number().int().positive().safe()]);

export function encodeTimelineCursor(key: TimelineKey): string {
  return Buffer.from(JSON.stringify([key.at, key.kind, key.refId]), 'utf8').toString('base64url');
}

export function decodeTimelineCursor(cursor: string): TimelineKey {
  let decoded: unknown = null;
  try {
    if (/^[A-Za-z0-9_-]+$/.test(cursor)) decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = null; // not JSON: refused below like any other malformed cursor
  }
  const parsed = CursorKey.safeParse(decoded);
  if (!parsed.success) throw new AppFailure('VALIDATION', 'the page cursor is malformed; start again from the first page', [{ path: ['after'], message: 'cursor' }]);
  const [at, kind, refId] = parsed.data;
  return { at, kind, refId };
}

/** What each source is asked for one page (the plan tests build the same). */
export function sourceInput(query: Query, access: Access, now: number): SourceInput {
  return {
    customerId: query.customerId,
    staffId: query.staffId ?? null,
    after: query.after ? decodeTimelineCursor(query.after) : null,
    take: query.limit + 1,
    kinds: new Set(query.kinds && query.kinds.length > 0 ? query.kinds : TIMELINE_KINDS),
    today: localDay(now),
    access,
  };
}

/** The sources of the kinds asked for: the others are not read at all. */
function askedSources(input: SourceInput): TimelineSource[] {
  return TIMELINE_SOURCES.filter((source) => source.kinds.some((kind) => input.kinds.has(kind)));
}

/**
 * The statement of this input's shape, its values as placeholders: the customer check, the
 * renewal check (when renewals are asked for) and every asked source's statements as one UNION
 * ALL (each part keeps its own seek, order and limit): one round trip to the database.
 */
export function buildTimelineStatement(db: Db, input: SourceInput): CompiledQuery<SourceRow> {
  const queries = [visibleCustomer(db, input), ...(input.kinds.has('contractRenewed') ? [renewalDue(db)] : []), ...askedSources(input).flatMap((source) => source.queries(db, input))];
  const [first, ...rest] = queries.map((query, i) => db.selectFrom(query.as(`s${i}`)).select(SOURCE_COLUMNS));
  return rest.reduce((union, part) => union.unionAll(part), first!).compile(); // the customer check is always there
}

/** Statements by shape; a handful in practice (the kinds filter and the cursor's kind make them). */
const statements = new Map<string, CompiledQuery<SourceRow>>();
const MAX_STATEMENTS = 500;

/** The statement of this input, compiled once per shape, with this input's values bound. */
export function timelineStatement(db: Db, input: SourceInput): CompiledQuery<SourceRow> {
  const shape = shapeKey(input);
  let compiled = statements.get(shape);
  if (!compiled) {
    if (statements.size >= MAX_STATEMENTS) statements.clear(); // never reached by a person clicking; bounds a caller trying every combination
    compiled = buildTimelineStatement(db, input);
    statements.set(shape, compiled);
  }
  return { ...compiled, parameters: bindSlots(compiled.parameters, slotValues(input)) };
}

export async function listTimeline(db: Db, query: Query, access: Access, now: number): Promise<TimelinePage> {
  const input = sourceInput(query, access, now);
  let { rows } = await db.executeQuery(timelineStatement(db, input));
  if (rows.some((row) => row.kind === RENEW_DUE_ROW)) {
    // Renewals as of today before they are shown (the whole shop's, as any read of contracts does).
    await renewBeforeReading(db, now);
    ({ rows } = await db.executeQuery(timelineStatement(db, input)));
  }
  if (!rows.some((row) => row.kind === CUSTOMER_ROW)) throw new AppFailure('NOT_FOUND', `customer ${query.customerId} does not exist, is in the recycle bin, or is not yours to see`);
  const byKind = new Map(askedSources(input).flatMap((source) => source.kinds.map((kind) => [kind as string, source] as const)));
  const merged: TimelineEntry[] = [];
  for (const row of rows) {
    const source = byKind.get(row.kind);
    if (source === undefined) continue; // the customer and renewal checks
    const entry = source.entry(row, input);
    if (isAfter(entry, input.after) && input.kinds.has(entry.kind)) merged.push(entry);
  }
  merged.sort(compareEntries);
  const entries = merged.slice(0, query.limit);
  const last = entries.at(-1);
  return { entries, next: merged.length > query.limit && last ? encodeTimelineCursor(last) : null };
}
