// The churn warnings kept while nothing is written: one computation shared by churn.list (every
// page, every rule and owner filter), Today's churn section and the dashboard's churn risks.
//
// Computing the warnings reads every live customer in sight (service.ts), the costliest read of
// the app at 100,000 customers; Today and the dashboard ask for it on every load. The answer is
// kept per database connection and caller scope (null: everyone) and reused while it is still
// exactly the answer:
// - nothing was written since: SQLite's total_changes() (every row this connection inserted,
//   updated or deleted, triggers included: a sale, a dismissal, a survey, a setting) and
//   data_version (a commit by another connection: the CLI, another app on the shared folder) are
//   both unchanged;
// - the same local day (days since, the cadence and contract windows, "ended" move with the day);
// - the clock has not gone back, nor past the earliest deadline of an open complaint that was not
//   yet overdue (the one fact that changes with the time of day without a write).
// Inside a transaction nothing is kept or reused: what it read may still be rolled back.
import { sql } from 'kysely';
import type { ChurnReason } from '../../../../shared/api/churn.ts';
import type { Grade } from '../../../../shared/api/customers.ts';
import { localDay } from '../../../../shared/contract-status.ts';
import type { Db } from '../../db/database.ts';

/** One customer's warning: what the list sorts, filters and pages by, and its shown reasons. */
export type Warning = { id: number; grade: Grade; ownerId: number | null; nameSort: string; value: number; reasons: ChurnReason[] };

/** Every warning in sight, sorted by the list's one order, and until when it holds within the day. */
export type Warnings = {
  list: Warning[];
  currency: string;
  today: string;
  /** The last instant the list is exact at (an open complaint's deadline still ahead), Infinity when none. */
  until: number;
};

/** A kept list with the sub-lists already asked for (an owner's, a rule's) and their value. */
export type View = { list: Warning[]; totalValue: number };
type Entry = { mark: string; at: number; warnings: Warnings; views: Map<string, View> };

const kept = new WeakMap<Db, Map<number | null, Entry>>();

async function writeMark(db: Db): Promise<string> {
  const row = await sql<{ n: number; v: number }>`SELECT total_changes() AS n, (SELECT data_version FROM pragma_data_version) AS v`.execute(db);
  return `${row.rows[0]?.n}:${row.rows[0]?.v}`;
}

function holds(entry: Entry | undefined, mark: string, now: number): entry is Entry {
  return entry !== undefined && entry.mark === mark && now >= entry.at && now <= entry.warnings.until && entry.warnings.today === localDay(now);
}

function entryOf(mark: string, now: number, warnings: Warnings): Entry {
  return { mark, at: now, warnings, views: new Map() };
}

/**
 * The warnings of the customers `scopeOwnerId` sees (null: all), computed by `compute` only when
 * the kept ones no longer hold. A staff member's list is the everyone list's customers of theirs
 * when that one holds (same facts, same order).
 */
export async function keptWarnings(db: Db, scopeOwnerId: number | null, now: number, compute: () => Promise<Warnings>): Promise<Entry> {
  if (db.isTransaction) return entryOf('', now, await compute());
  const mark = await writeMark(db);
  const mine = kept.get(db) ?? new Map<number | null, Entry>();
  kept.set(db, mine);
  const last = mine.get(scopeOwnerId);
  if (holds(last, mark, now)) return last;
  const everyone = mine.get(null);
  const entry =
    scopeOwnerId !== null && holds(everyone, mark, now)
      ? entryOf(mark, everyone.at, { ...everyone.warnings, list: everyone.warnings.list.filter((w) => w.ownerId === scopeOwnerId) })
      : entryOf(mark, now, await compute());
  mine.set(scopeOwnerId, entry);
  return entry;
}

/** The kept list narrowed to one responsible staff member and/or one rule (kept with the entry). */
export function viewOf(entry: Entry, filter: { ownerId?: number; rule?: ChurnReason['rule'] }): View {
  const key = `${filter.ownerId ?? ''}:${filter.rule ?? ''}`;
  const known = entry.views.get(key);
  if (known) return known;
  let list = entry.warnings.list;
  if (filter.ownerId !== undefined) list = list.filter((w) => w.ownerId === filter.ownerId);
  if (filter.rule !== undefined) list = list.filter((w) => w.reasons.some((reason) => reason.rule === filter.rule));
  let totalValue = 0;
  for (const w of list) totalValue += w.value;
  const view = { list, totalValue };
  entry.views.set(key, view);
  return view;
}
