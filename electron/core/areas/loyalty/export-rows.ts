// The points ledger as an export (entity 'pointsLedger', areas/exports): one row per entry of the
// members the caller sees (the staff scope; one customer when the filter names one), by customer
// then entry, keyset paged on (customer id, entry id) so a ledger of millions streams in pages.
import { sql, type SqlBool } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Access } from '../users/access.ts';

export type LedgerExportRow = {
  customerId: number;
  customerCode: string;
  customerName: string;
  id: number;
  onDay: string;
  kind: string;
  points: number;
  expiresOn: string | null;
  reason: string;
  createdByName: string | null;
};

/** Pages of PAGE entries, in (customer, id) order. */
export async function* ledgerExportPages(db: Db, filter: { customerId?: number | undefined }, access: Access, page = 1000): AsyncGenerator<LedgerExportRow[]> {
  let after: [number, number] | null = null;
  for (;;) {
    let q = db
      .selectFrom('points_ledger as l')
      .innerJoin('customers as c', 'c.id', 'l.customer_id')
      .leftJoin('users as u', 'u.id', 'l.created_by')
      .select(['l.customer_id', 'c.code', 'c.name', 'l.id', 'l.on_day', 'l.kind', 'l.points', 'l.expires_on', 'l.reason', 'u.display_name as created_by_name'])
      .where('c.deleted_at', 'is', null);
    if (access.scopeOwnerId !== null) q = q.where('c.owner_id', '=', access.scopeOwnerId);
    if (filter.customerId !== undefined) q = q.where('l.customer_id', '=', filter.customerId);
    if (after) q = q.where(sql<SqlBool>`(l.customer_id, l.id) > (${after[0]}, ${after[1]})`);
    const rows = await q.orderBy('l.customer_id').orderBy('l.id').limit(page).execute();
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      customerId: r.customer_id,
      customerCode: r.code,
      customerName: r.name,
      id: r.id,
      onDay: r.on_day,
      kind: r.kind,
      points: r.points,
      expiresOn: r.expires_on,
      reason: r.reason,
      createdByName: r.created_by_name,
    }));
    const last = rows.at(-1)!; // rows is not empty
    after = [last.customer_id, last.id];
    if (rows.length < page) return;
  }
}
