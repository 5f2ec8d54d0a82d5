// One search box over customers: name, code, phone fragments, e-mail, WeChat, contact names,
// pinyin and initials; 1-2 character queries use the short index (see search-text.ts).
//
// Every customer matching is counted, and the page is ranked without a candidate cap: each tier
// (exact name or code, phone ending with the digits, name beginning with the query) is its own
// indexed query, newest first, then the remaining matches newest first. A role that sees contact
// details masked matches only on their visible runs, in the count as well as in the page.
import type { AnySearchHit, ContractSearchHit, SearchHit } from '../../../../shared/api/search.ts';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../db/database.ts';
import { engine } from '../../db/engine.ts';
import { maskRow, type Access } from '../users/access.ts';
import { SEARCH_TIERS, type SearchMatch } from './search-engine.ts';
import { matchedField, needsPinyin, planQuery, searchFields, spell, spellingsOf, type SearchPlan, type SearchableContact } from './search-text.ts';
import { searchContracts } from './contracts.ts';
import { searchRecords } from './records.ts';
import { searchSales } from '../sales/search.ts';
import { searchCompetitors } from '../competitors/search.ts';
import { searchNeeds } from './needs.ts';
import { searchEvents } from './events.ts';
import { searchStories } from './stories.ts';

/** The page of customers, best first; `strong` of them lead it as exact names or codes. */
export type SearchResult = { hits: SearchHit[]; total: number; strong: number };

/**
 * The customer list's `q` filter: exactly the customers search.query counts for this caller (the
 * list applies the scope itself). Text that makes no query (only punctuation) matches nothing, as
 * in search.query.
 */
export function searchFilter(text: string, access: Access): Expression<SqlBool> {
  const plan = planQuery(text);
  return plan ? engine.search.customerMatches({ plan, masked: access.mask }) : sql<SqlBool>`1 = 0`;
}

export async function searchCustomers(db: Db, q: string, limit: number, access: Access): Promise<SearchResult> {
  const plan = planQuery(q);
  if (!plan) return { hits: [], total: 0, strong: 0 };
  const match: SearchMatch = { plan, masked: access.mask };
  const ownerId = access.scopeOwnerId;
  // The newest matches first: fewer than a page of them are all of them, and need no count
  // (counting evaluates the whole match again).
  const newest = await engine.search.newest(db, match, { limit, ownerId });
  const total = newest.length < limit ? newest.length : await engine.search.count(db, match, ownerId);
  if (total === 0) return { hits: [], total, strong: 0 };
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
  let strong = 0;
  for (const tier of SEARCH_TIERS) {
    if (ids.length >= limit) break;
    take(await engine.search.newest(db, match, { limit, ownerId, tier }));
    if (tier === 'exact') strong = ids.length;
  }
  // The rest, newest first: `limit` of them fill the page even if every tier hit comes round again.
  take(newest);
  return { hits: await describeHits(db, plan, ids, access), total, strong };
}

/** What search.query answers: customers, contracts and the other kinds in one ranked page. */
export type SearchAnswer = { hits: AnySearchHit[]; total: number; contractTotal: number; contractTotalCapped: boolean };

/** `today` is the shop's calendar day (contract statuses follow from it). */
export async function searchEverything(db: Db, q: string, limit: number, access: Access, today: string): Promise<SearchAnswer> {
  const customers = await searchCustomers(db, q, limit, access);
  const contracts = await searchContracts(db, q, limit, access, today);
  const records = await searchRecords(db, q, limit, access);
  const sales = await searchSales(db, q, limit, access);
  const competitors = await searchCompetitors(db, q, limit);
  const needs = await searchNeeds(db, q, limit, access);
  const events = await searchEvents(db, q, limit);
  const stories = await searchStories(db, q, limit, access);
  const page = withRecords(withRecords(withRecords(mergeHits(customers, contracts, limit), records, limit), sales, limit), competitors, limit);
  return { hits: withShares(page, [needs, events, stories], limit), total: customers.total, contractTotal: contracts.total, contractTotalCapped: contracts.capped };
}

/**
 * Records after customers and contracts (a name or number typed is meant first): they fill what
 * the page has left, and keep a quarter of it when the others would fill it all. Sales (by their
 * line names) come after the records the same way.
 */
export function withRecords(page: AnySearchHit[], records: readonly AnySearchHit[], limit: number): AnySearchHit[] {
  const take = Math.min(records.length, Math.max(limit - page.length, Math.ceil(limit / 4)));
  return [...page.slice(0, limit - take), ...records.slice(0, take)];
}

/**
 * Needs, events and stories after everything else, in that order: they fill what the page has
 * left, and each keeps a tenth of it when the others would fill it all (not a quarter each, or
 * three more kinds would push the customers out of a full page). Shares are set aside together so
 * a later kind never takes an earlier one's place.
 */
export function withShares(page: AnySearchHit[], groups: readonly (readonly AnySearchHit[])[], limit: number): AnySearchHit[] {
  const share = Math.ceil(limit / 10);
  const takes = groups.map((group) => Math.min(group.length, share));
  let room = limit - page.length - takes.reduce((a, b) => a + b, 0);
  for (const [i, group] of groups.entries()) {
    const extra = Math.max(0, Math.min(group.length - takes[i]!, room)); // takes has one entry per group
    takes[i]! += extra;
    room -= extra;
  }
  const kept = page.slice(0, Math.max(0, limit - takes.reduce((a, b) => a + b, 0)));
  return [...kept, ...groups.flatMap((group, i) => group.slice(0, takes[i]))];
}

type Ranked<T> = { hits: T[]; strong: number };

/**
 * One page of both kinds: exact customer names and codes first (what someone typing a name
 * wants), then contracts whose number or title is or begins with the query (a number typed is
 * meant), then the other customers, then the other contracts. When both kinds have more than the
 * page holds, each keeps at least a quarter of it, so a query matching many customers' phone
 * numbers still shows the contract whose number holds it.
 */
export function mergeHits(customers: Ranked<SearchHit>, contracts: Ranked<ContractSearchHit>, limit: number): AnySearchHit[] {
  const ordered: AnySearchHit[] = [
    ...customers.hits.slice(0, customers.strong),
    ...contracts.hits.slice(0, contracts.strong),
    ...customers.hits.slice(customers.strong),
    ...contracts.hits.slice(contracts.strong),
  ];
  if (ordered.length <= limit) return ordered;
  const share = Math.ceil(limit / 4);
  const page = ordered.slice(0, limit);
  for (const kind of ['customer', 'contract'] as const) {
    const available = kind === 'customer' ? customers.hits.length : contracts.hits.length;
    const want = Math.min(available, share);
    const have = page.filter((hit) => hit.kind === kind).length;
    if (have >= want) continue;
    // The other kind's last entries make room for this kind's next ones, rank order kept.
    const extra = ordered.slice(limit).filter((hit) => hit.kind === kind).slice(0, want - have);
    let drop = extra.length;
    for (let i = page.length - 1; i >= 0 && drop > 0; i--) {
      if (page[i]!.kind !== kind) {
        page.splice(i, 1);
        drop--;
      }
    }
    const rank = new Map(ordered.map((hit, i) => [hit, i]));
    return [...page, ...extra].sort((a, b) => rank.get(a)! - rank.get(b)!); // every hit is in ordered
  }
  return page;
}

/** The page's customers in rank order, masked for the caller, each saying where it matched. */
async function describeHits(db: Db, plan: SearchPlan, ids: number[], access: Access): Promise<SearchHit[]> {
  if (ids.length === 0) return [];
  const customerRows = await db.selectFrom('customers').select(['id', 'kind', 'code', 'name', 'phone', 'email', 'grade']).where('id', 'in', ids).execute();
  const rows = new Map(customerRows.map((row) => [row.id, row]));
  const contacts = new Map<number, SearchableContact[]>();
  const contactRows = await db
    .selectFrom('contacts')
    .select(['customer_id', 'name', 'phone', 'mobile', 'email', 'wechat'])
    .where('customer_id', 'in', ids)
    .orderBy('customer_id')
    .orderBy('position')
    .execute();
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
        { kind: 'customer' as const, id, code: row.code, name: row.name, phone: row.phone, grade: row.grade, matchedIn: matched.field, matchedText: matched.text, contactName: matched.contactName },
        access,
      ),
    ];
  });
}
