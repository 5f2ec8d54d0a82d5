// What the search area asks of the database engine (db/engine.ts `search`). The SQLite engine
// keeps two FTS5 indexes of the documents search-text.ts builds (db/sqlite/search-index.ts); a
// PostgreSQL twin answers the same calls with its own indexes.
import type { Expression, SqlBool } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { SearchDocument, SearchPlan } from './search-text.ts';

/**
 * The matches ranked first, best first: the name or code is the query; a phone number ends with
 * the query's digits; the name begins with the query.
 */
export const SEARCH_TIERS = ['exact', 'phoneTail', 'prefix'] as const;
export type SearchTier = (typeof SEARCH_TIERS)[number];

/** What to match, for whom: a role that sees contact details masked matches only their visible runs. */
export type SearchMatch = { plan: SearchPlan; masked: boolean };

/**
 * The index holds live customers only: a deleted customer's document is removed in the same
 * transaction, a restored one's put back. Every call runs on the `db` it is given, so inside the
 * caller's transaction when it has one.
 */
export type SearchIndex = {
  /** Puts a customer's document in, replacing the one it had. */
  put(db: Db, customerId: number, doc: SearchDocument): Promise<void>;
  /** Adds the documents of customers that have none (bulk paths: a few statements per batch). */
  putMany(db: Db, docs: readonly (readonly [customerId: number, doc: SearchDocument])[]): Promise<void>;
  remove(db: Db, customerId: number): Promise<void>;
  /**
   * Ids of live customers matching, newest first, at most `limit`; `ownerId` limits to that staff
   * member's customers. With `tier`, only those in that tier too (none when the tier cannot apply
   * to the plan: no digits to end a phone number with, a query too short for "begins with").
   */
  newest(db: Db, match: SearchMatch, options: { limit: number; ownerId: number | null; tier?: SearchTier }): Promise<number[]>;
  /** How many live customers match: all of them, however many. */
  count(db: Db, match: SearchMatch, ownerId: number | null): Promise<number>;
  /** "The customer aliased `c` matches", for the customer list's filter: any sort order, any page. */
  customerMatches(match: SearchMatch): Expression<SqlBool>;
};
