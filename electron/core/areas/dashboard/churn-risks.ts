// The dashboard's churn risks: how many customers the churn list warns about and their value at
// risk (the grading currency's 12-month revenue), read through the churn area's own list with a
// page of one row, so the figure is that list's total for the same caller.
//
// Churn warnings are computed on demand from every live customer in sight (areas/churn), which
// costs more than the rest of the dashboard together at 100,000 customers. The answer is kept per
// database, caller scope and day, and reused while nothing has been written since: SQLite's
// total_changes() (every row this connection inserted, updated or deleted, triggers included) and
// data_version (a write by another connection: the CLI, another app on the shared folder) both
// unchanged. A minute at most, because a complaint passing its deadline changes facts without a write.
import { sql } from 'kysely';
import { localDay } from '../../../../shared/contract-status.ts';
import type { Db } from '../../db/database.ts';
import type { Access } from '../users/access.ts';
import { listChurn } from '../churn/service.ts';

export type ChurnRisks = { count: number; value: { currency: string; valueMinor: number }[] };

/** How long a kept answer may be reused when nothing was written. */
export const CHURN_KEPT_MS = 60_000;

type Kept = { key: string; at: number; risks: ChurnRisks };
const kept = new WeakMap<Db, Map<number | null, Kept>>();

async function writeMark(db: Db): Promise<string> {
  const changes = await sql<{ n: number }>`SELECT total_changes() AS n`.execute(db);
  const version = await sql<{ data_version: number }>`PRAGMA data_version`.execute(db);
  return `${changes.rows[0]?.n}:${version.rows[0]?.data_version}`;
}

export async function churnRisks(db: Db, access: Access, now: number): Promise<ChurnRisks> {
  const key = `${await writeMark(db)}:${localDay(now)}`;
  const mine = kept.get(db) ?? new Map<number | null, Kept>();
  kept.set(db, mine);
  const last = mine.get(access.scopeOwnerId);
  if (last && last.key === key && now >= last.at && now - last.at < CHURN_KEPT_MS) return last.risks;
  const page = await listChurn(db, { ...access, now }, { cursor: null, limit: 1 });
  const risks = { count: page.total, value: [{ currency: page.currency, valueMinor: page.totalValueMinor }] };
  mine.set(access.scopeOwnerId, { key, at: now, risks });
  return risks;
}
