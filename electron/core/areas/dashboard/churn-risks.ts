// The dashboard's churn risks: how many customers the churn list warns about and their value at
// risk (the grading currency's 12-month revenue), read through the churn area's own list with a
// page of one row, so the figure is that list's total for the same caller.
//
// The warnings are computed on demand from every live customer in sight, which costs more than
// the rest of the dashboard together at 100,000 customers; the churn area keeps them while
// nothing is written (areas/churn/kept.ts), one computation shared with churn.list and Today, so
// a write (a dismissal, a sale, a survey) shows here at once.
import type { Db } from '../../db/database.ts';
import type { Access } from '../users/access.ts';
import { listChurn } from '../churn/service.ts';

export type ChurnRisks = { count: number; value: { currency: string; valueMinor: number }[] };

export async function churnRisks(db: Db, access: Access, now: number): Promise<ChurnRisks> {
  const page = await listChurn(db, { ...access, now }, { cursor: null, limit: 1 });
  return { count: page.total, value: [{ currency: page.currency, valueMinor: page.totalValueMinor }] };
}
