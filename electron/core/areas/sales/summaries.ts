// The proof that the summary tables the triggers keep (migration 0022) equal a full recomputation
// from `sales` and `customers`: `clientele sales check` and the property tests call it. Each
// difference names the table, the key and both values; none means equal.
import { sql } from 'kysely';
import type { SummaryDifference } from '../../../../shared/api/sales.ts';
import type { Db } from '../../db/database.ts';

type Keyed = { key: string; value: string };

function compare(table: SummaryDifference['table'], stored: readonly Keyed[], expected: readonly Keyed[]): SummaryDifference[] {
  const has = new Map(stored.map((r) => [r.key, r.value]));
  const want = new Map(expected.map((r) => [r.key, r.value]));
  const differences: SummaryDifference[] = [];
  for (const key of new Set([...has.keys(), ...want.keys()])) {
    const [s, e] = [has.get(key) ?? null, want.get(key) ?? null];
    if (s !== e) differences.push({ table, key, stored: s, expected: e });
  }
  return differences.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Recomputes sales_monthly and customer_sales from the live sales and lists every difference (empty: equal). */
export async function checkSalesSummaries(db: Db): Promise<SummaryDifference[]> {
  const storedMonthly = await sql<Keyed>`SELECT customer_id || ' ' || month || ' ' || currency AS key,
      revenue_minor || ' ' || sale_count || ' ' || grade || ' ' || coalesce(owner_id, '-') || ' ' || live AS value FROM sales_monthly`.execute(db);
  const expectedMonthly = await sql<Keyed>`SELECT s.customer_id || ' ' || substr(s.sold_on, 1, 7) || ' ' || s.currency AS key,
      sum(s.total_minor) || ' ' || count(*) || ' ' || c.grade || ' ' || coalesce(c.owner_id, '-') || ' ' || (c.deleted_at IS NULL AND c.merged_into IS NULL) AS value
      FROM sales s JOIN customers c ON c.id = s.customer_id WHERE s.deleted_at IS NULL GROUP BY s.customer_id, substr(s.sold_on, 1, 7), s.currency`.execute(db);
  const storedCustomers = await sql<Keyed>`SELECT customer_id || '' AS key, first_on || ' ' || last_on || ' ' || sale_count AS value FROM customer_sales`.execute(db);
  const expectedCustomers = await sql<Keyed>`SELECT customer_id || '' AS key, min(sold_on) || ' ' || max(sold_on) || ' ' || count(*) AS value
      FROM sales WHERE deleted_at IS NULL GROUP BY customer_id`.execute(db);
  return [...compare('sales_monthly', storedMonthly.rows, expectedMonthly.rows), ...compare('customer_sales', storedCustomers.rows, expectedCustomers.rows)];
}
