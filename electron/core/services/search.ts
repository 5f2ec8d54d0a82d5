// One search box over customers: name, code, phone fragments, email, contact names, pinyin and
// initials; 1-2 character Chinese queries use the short index (see search-text.ts).
import type { SearchHit } from '../../../shared/api/search.ts';
import { all, qb, type Db } from '../db/sql.ts';
import { matchingCustomerIds } from '../db/sqlite-search.ts';
import { maskRow, type Access } from './access.ts';
import { digitsOf, planQuery } from './search-text.ts';

/** How many index matches are ranked in memory before the best `limit` are returned. */
const CANDIDATES = 200;

export function searchCustomers(db: Db, q: string, limit: number, access: Access): SearchHit[] {
  const plan = planQuery(q);
  if (!plan) return [];
  const ids = matchingCustomerIds(db, plan, CANDIDATES, access.scopeOwnerId);
  if (ids.length === 0) return [];
  const rows = all(
    db,
    qb.selectFrom('customers').select(['id', 'code', 'name', 'phone', 'grade']).where('id', 'in', ids),
  );
  const needle = q.trim().toLowerCase();
  const score = (row: { name: string; code: string }) => {
    const name = row.name.toLowerCase();
    if (name === needle || row.code.toLowerCase() === needle) return 0;
    if (name.startsWith(needle)) return 1;
    if (name.includes(needle)) return 2;
    return 3;
  };
  const recency = new Map(ids.map((id, index) => [id, index]));
  const best = rows
    .map((row) => ({ row, score: score(row) }))
    .sort((a, b) => a.score - b.score || recency.get(a.row.id)! - recency.get(b.row.id)!) // every row came from ids
    .slice(0, limit);
  const viaContact = best.filter((hit) => hit.score === 3).map((hit) => hit.row.id);
  const contactNames = matchedContacts(db, viaContact, needle);
  return best.map(({ row }) =>
    maskRow({ id: row.id, code: row.code, name: row.name, phone: row.phone, grade: row.grade, contactName: contactNames.get(row.id) ?? null }, access),
  );
}

/** For hits that did not match on the customer's own name: the contact that did, if any. */
function matchedContacts(db: Db, customerIds: number[], needle: string): Map<number, string> {
  const found = new Map<number, string>();
  if (customerIds.length === 0) return found;
  const contacts = all(db, qb.selectFrom('contacts').select(['customer_id', 'name', 'phone', 'mobile', 'email']).where('customer_id', 'in', customerIds));
  const digits = digitsOf(needle);
  for (const contact of contacts) {
    if (found.has(contact.customer_id)) continue;
    const phoneMatch = digits.length >= 3 && (digitsOf(contact.phone).includes(digits) || digitsOf(contact.mobile).includes(digits));
    if (contact.name.toLowerCase().includes(needle) || contact.email.toLowerCase().includes(needle) || phoneMatch) {
      found.set(contact.customer_id, contact.name);
    }
  }
  return found;
}
