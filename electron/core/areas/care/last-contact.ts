// customers.last_contact_at (migration 0016): the newest of the customer's creation and its live
// records' `at`. Return visits are due from it (service.ts returnVisitsDue), over the
// customers_return_due indexes, so it is stored and kept on every write that can move it: a
// customer's creation sets it to created_at (areas/customers), and every record create, update,
// delete, restore or purge recomputes it (areas/records), in the writer's transaction.
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** What last_contact_at is, for the customer row being updated (one seek of records_timeline from its newest end). */
const NEWEST = sql<number>`max(customers.created_at, coalesce((SELECT max(r.at) FROM records AS r WHERE r.customer_id = customers.id AND r.deleted_at IS NULL), 0))`;

/** Recomputes one customer's last contact (after a change to its records). */
export async function refreshLastContact(tx: Db, customerId: number): Promise<void> {
  await tx.updateTable('customers').set({ last_contact_at: NEWEST }).where('id', '=', customerId).execute();
}

/** Rows per statement: well under SQLite's bound values. */
const CHUNK = 500;

/** Recomputes the last contact of many customers at once (after a bulk insert of records: seed, import). */
export async function refreshLastContactOf(tx: Db, customerIds: Iterable<number>): Promise<void> {
  const ids = [...new Set(customerIds)];
  for (let start = 0; start < ids.length; start += CHUNK) {
    await tx
      .updateTable('customers')
      .set({ last_contact_at: NEWEST })
      .where('id', 'in', ids.slice(start, start + CHUNK))
      .execute();
  }
}
