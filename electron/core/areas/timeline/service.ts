// A customer's timeline: every source (records, visits, contracts, grade changes, files) answers
// its next entries after the cursor through its own index, all in one statement (UNION ALL), and
// the page is the newest of them all. Each source reads at most a page + 1 after the cursor, so a page costs the same on the
// first page and the hundredth, however long the customer's history.
import { z } from 'zod';
import { TIMELINE_KINDS, type TimelinePage, type TimelineQuery } from '../../../../shared/api/timeline.ts';
import { localDay } from '../../../../shared/contract-status.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import type { Db } from '../../db/database.ts';
import type { Access } from '../users/access.ts';
import { contractEventsSource } from './sources/contract-events.ts';
import { contractExpiredSource } from './sources/contract-expired.ts';
import { contractSignedSource } from './sources/contract-signed.ts';
import { filesSource } from './sources/files.ts';
import { gradeSource } from './sources/grade.ts';
import { recordsSource } from './sources/records.ts';
import { compareEntries, isAfter, SOURCE_COLUMNS, type SourceInput, type TimelineKey, type TimelineSource } from './sources/source.ts';
import { visitsSource } from './sources/visits.ts';

type Query = z.output<typeof TimelineQuery>;

/** Every source, one line each: a new kind of entry (surveys, complaints, sales) adds its source here. */
export const TIMELINE_SOURCES: readonly TimelineSource[] = [recordsSource, visitsSource, contractSignedSource, contractEventsSource, contractExpiredSource, gradeSource, filesSource];

/** The customer, if this caller sees it (live, and in their scope); NOT_FOUND otherwise. */
async function checkCustomer(db: Db, customerId: number, access: Access): Promise<void> {
  const customer = await db.selectFrom('customers').select(['owner_id', 'deleted_at']).where('id', '=', customerId).executeTakeFirst();
  if (!customer || customer.deleted_at !== null || (access.scopeOwnerId !== null && customer.owner_id !== access.scopeOwnerId)) {
    throw new AppFailure('NOT_FOUND', `customer ${customerId} does not exist, is in the recycle bin, or is not yours to see`);
  }
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

/**
 * Every statement of the asked sources as one UNION ALL (each part keeps its own seek, order and
 * limit): one round trip to the database, not one per source.
 */
export function timelineStatement(db: Db, input: SourceInput, sources: readonly TimelineSource[]) {
  const parts = sources.flatMap((source) => source.queries(db, input)).map((query, i) => db.selectFrom(query.as(`s${i}`)).select(SOURCE_COLUMNS));
  const [first, ...rest] = parts;
  if (!first) throw new Error('timeline: no source asked'); // TIMELINE_KINDS is never empty, and every kind has its source
  return rest.reduce((union, part) => union.unionAll(part), first);
}

export async function listTimeline(db: Db, query: Query, access: Access, now: number): Promise<TimelinePage> {
  const input = sourceInput(query, access, now);
  await checkCustomer(db, query.customerId, access);
  const asked = TIMELINE_SOURCES.filter((source) => source.kinds.some((kind) => input.kinds.has(kind)));
  const byKind = new Map(asked.flatMap((source) => source.kinds.map((kind) => [kind as string, source] as const)));
  const rows = await timelineStatement(db, input, asked).execute();
  const merged = rows
    .map((row) => byKind.get(row.kind)!.entry(row, input)) // each row's kind is one of its source's
    .filter((entry) => isAfter(entry, input.after) && input.kinds.has(entry.kind))
    .sort(compareEntries);
  const entries = merged.slice(0, query.limit);
  const last = entries.at(-1);
  return { entries, next: merged.length > query.limit && last ? encodeTimelineCursor(last) : null };
}
