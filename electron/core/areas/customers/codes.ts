// Customer codes (C000001, ...): the shop's one sequence, kept in settings.
import type { Db } from '../../db/database.ts';

/** The next `count` codes, taken from the sequence; call inside the transaction that uses them. */
export async function reserveCustomerCodes(db: Db, count: number): Promise<string[]> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'customer_code_next').executeTakeFirst();
  const next = row ? Number(row.value) : 1;
  const after = String(next + count);
  await db
    .insertInto('settings')
    .values({ key: 'customer_code_next', value: after })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: after }))
    .execute();
  return Array.from({ length: count }, (_, i) => `C${String(next + i).padStart(6, '0')}`);
}
