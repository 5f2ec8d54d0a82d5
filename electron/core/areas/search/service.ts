// One search box over customers: name, code, phone fragments, e-mail, WeChat, contact names,
// pinyin and initials; 1-2 character queries use the short index (see search-text.ts).
//
// Every customer matching is counted, and the page is ranked without a candidate cap: each tier
// (exact name or code, phone ending with the digits, name beginning with the query) is its own
// indexed query, newest first, then the remaining matches newest first. A role that sees contact
// details masked matches only on their visible runs, in the count as well as in the page.
import type { SearchHit } from '../../../../shared/api/search.ts';
import { all, qb, type Db } from '../../db/sql.ts';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { countMatchingCustomers, customerMatches, matchingCustomerIds, type Match } from '../../db/sqlite/search-index.ts';
import { maskRow, type Access } from '../users/access.ts';
import { matchedField, matchExpression, needsPinyin, planQuery, searchFields, spell, spellingsOf, tierExpressions, type SearchPlan, type SearchableContact } from './search-text.ts';

export type SearchResult = { hits: SearchHit[]; total: number };

/** The match for every customer the caller finds with this plan (the customer list's `q` too). */
export function mainMatch(plan: SearchPlan, access: Access): Match {
  return { table: plan.index === 'trigram' ? 'search_trigram' : 'search_short', expr: matchExpression(plan, access.mask) };
}

/**
 * The customer list's `q` filter: exactly the customers search.query counts for this caller (the
 * list applies the scope itself). Text that makes no query (only punctuation) matches nothing, as
 * in search.query.
 */
export function searchFilter(text: string, access: Access): RawBuilder<SqlBool> {
  const plan = planQuery(text);
  return plan ? customerMatches(mainMatch(plan, access)) : sql<SqlBool>`0`;
}

export function searchCustomers(db: Db, q: string, limit: number, access: Access): SearchResult {
  const plan = planQuery(q);
  if (!plan) return { hits: [], total: 0 };
  const main = mainMatch(plan, access);
  // The newest matches first: fewer than a page of them are all of them, and need no count
  // (counting evaluates the whole match again).
  const newest = matchingCustomerIds(db, [main], limit, access.scopeOwnerId);
  const total = newest.length < limit ? newest.length : countMatchingCustomers(db, [main], access.scopeOwnerId);
  if (total === 0) return { hits: [], total };
  const ids: number[] = [];
  const seen = new Set<number>();
  const take = (found: number[]) => {
    for (const id of found) {
      if (ids.length >= limit) return;
      if (!seen.has(id)) {
        seen.add(id);
        ids.push(id);
      }
    }
  };
  for (const tier of tierExpressions(plan, access.mask)) {
    if (ids.length >= limit) break;
    const byTier: Match = { table: 'search_trigram', expr: tier };
    // Same index: one MATCH. Short-index queries: the tier drives (it is the rarer), checked against the query.
    take(main.table === 'search_trigram' ? matchingCustomerIds(db, [main, byTier], limit, access.scopeOwnerId) : matchingCustomerIds(db, [byTier], limit, access.scopeOwnerId, main));
  }
  // The rest, newest first: `limit` of them fill the page even if every tier hit comes round again.
  take(newest);
  return { hits: describeHits(db, plan, ids, access), total };
}

/** The page's customers in rank order, masked for the caller, each saying where it matched. */
function describeHits(db: Db, plan: SearchPlan, ids: number[], access: Access): SearchHit[] {
  if (ids.length === 0) return [];
  const rows = new Map(
    all(db, qb.selectFrom('customers').select(['id', 'kind', 'code', 'name', 'phone', 'email', 'grade']).where('id', 'in', ids)).map((row) => [row.id, row]),
  );
  const contacts = new Map<number, SearchableContact[]>();
  const contactRows = all(
    db,
    qb.selectFrom('contacts').select(['customer_id', 'name', 'phone', 'mobile', 'email', 'wechat']).where('customer_id', 'in', ids).orderBy('customer_id').orderBy('position'),
  );
  for (const contact of contactRows) contacts.set(contact.customer_id, [...(contacts.get(contact.customer_id) ?? []), contact]);
  return ids.flatMap((id) => {
    const row = rows.get(id);
    if (!row) return [];
    const customer = { ...row, contacts: contacts.get(id) ?? [] };
    // Pinyin only when no other field holds the query and it could (it is the costly part).
    const plain = searchFields(customer, access.mask, null);
    const spelled = (contacts: boolean) => {
      const own = spell(row.name, row.kind === 'person');
      const spellings = contacts ? spellingsOf(customer, row.kind === 'person', own) : { own, contacts: [] };
      return matchedField(plan, searchFields(customer, access.mask, spellings), access.mask);
    };
    const matched =
      matchedField(plan, plain, access.mask) ??
      // The customer's own name first: one reading instead of one per contact.
      (needsPinyin(plan) ? (spelled(false) ?? spelled(true)) : null) ??
      // The index found it, so some field holds the query; the name stands in should they ever disagree.
      plain[0]!;
    return [
      maskRow(
        { id, code: row.code, name: row.name, phone: row.phone, grade: row.grade, matchedIn: matched.field, matchedText: matched.text, contactName: matched.contactName },
        access,
      ),
    ];
  });
}
