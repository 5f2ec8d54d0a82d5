// Fills the search indexes from the customers and contacts tables, all at once: after the
// indexes change shape (a migration) or for a repair. Single edits keep them current themselves.
import { prepared, wrapDb } from '../../db/sql.ts';
import { insertDocument, SEARCH_KIND, searchRowId } from '../../db/sqlite/search-index.ts';
import type { SqliteDatabase } from '../../db/sqlite/open.ts';
import { searchDocument, type SearchableContact } from './search-text.ts';

const BATCH = 2_000;

/** Empties both indexes and indexes every live customer again; call inside a transaction. Returns how many. */
export function rebuildSearchIndex(sqlite: SqliteDatabase): number {
  const db = wrapDb(sqlite);
  sqlite.exec("DELETE FROM search_trigram; DELETE FROM search_short;");
  const customers = prepared(db, 'SELECT id, kind, name, code, phone, email FROM customers WHERE deleted_at IS NULL AND id > ? ORDER BY id LIMIT ?');
  const contacts = prepared(db, 'SELECT customer_id, name, phone, mobile, email, wechat FROM contacts WHERE customer_id BETWEEN ? AND ? ORDER BY customer_id, position');
  let after = 0;
  let indexed = 0;
  for (;;) {
    const batch = customers.all(after, BATCH) as { id: number; kind: string; name: string; code: string; phone: string; email: string }[];
    const last = batch.at(-1);
    if (!last) return indexed;
    const byCustomer = new Map<number, SearchableContact[]>();
    for (const row of contacts.all(batch[0]!.id, last.id) as (SearchableContact & { customer_id: number })[]) {
      const list = byCustomer.get(row.customer_id) ?? [];
      list.push(row);
      byCustomer.set(row.customer_id, list);
    }
    for (const customer of batch) {
      insertDocument(db, searchRowId(SEARCH_KIND.customer, customer.id), searchDocument({ ...customer, contacts: byCustomer.get(customer.id) ?? [] }, customer.kind === 'person'));
    }
    indexed += batch.length;
    after = last.id;
  }
}
