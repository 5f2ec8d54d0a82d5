// The dashboard's churn risks: how many customers the churn list warns about and their value at
// risk, read through the churn area's own list (so the figure is that list's total).
import type { Db } from '../../db/database.ts';
import type { Access } from '../users/access.ts';

export type ChurnRisks = { count: number; value: { currency: string; valueMinor: number }[] };

export async function churnRisks(_db: Db, _access: Access, _now: number): Promise<ChurnRisks> {
  // The churn area (areas/churn) lands in this issue; until its list exists there is nothing to count.
  return { count: 0, value: [] };
}
