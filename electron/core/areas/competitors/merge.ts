// A duplicate merge's part for competitor presence (called by areas/duplicates/service.ts). The
// merged customer's rows move to the kept customer, except for a competitor the kept customer has
// already: then the KEPT customer's row is the one that remains (it belongs to the customer the
// user chose to keep, and may be newer news), and the merged customer's row stays with the merged
// customer, hidden with it in the recycle bin, and comes back with it when the merge is undone.
// Moving it too would break one row per customer and competitor; deleting it would make the undo
// lossy.
import { sql, type SqlBool } from 'kysely';
import type { Db } from '../../db/database.ts';

/** Moves the merged customer's presence rows whose competitor the kept customer lacks; answers their ids. */
export async function movePresence(tx: Db, keptId: number, mergedId: number): Promise<number[]> {
  const ids = (
    await tx
      .selectFrom('competitor_presence as p')
      .select('p.id')
      .where('p.customer_id', '=', mergedId)
      .where(sql<SqlBool>`NOT EXISTS (SELECT 1 FROM competitor_presence o WHERE o.customer_id = ${keptId} AND o.competitor_id = p.competitor_id)`)
      .orderBy('p.id')
      .execute()
  ).map((r) => r.id);
  for (let start = 0; start < ids.length; start += 500) {
    await tx
      .updateTable('competitor_presence')
      .set({ customer_id: keptId })
      .where('id', 'in', ids.slice(start, start + 500))
      .execute();
  }
  return ids;
}

/** The undo: the moved rows (still with the kept customer) go back to the merged customer. */
export async function returnPresence(tx: Db, keptId: number, mergedId: number, ids: readonly number[]): Promise<void> {
  for (let start = 0; start < ids.length; start += 500) {
    await tx
      .updateTable('competitor_presence')
      .set({ customer_id: mergedId })
      .where('id', 'in', ids.slice(start, start + 500))
      .where('customer_id', '=', keptId)
      .execute();
  }
}
