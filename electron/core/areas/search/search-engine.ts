// What the search area asks of the database engine (db/engine.ts `search`). The SQLite engine
// keeps two FTS5 indexes of the documents search-text.ts builds (db/sqlite/search-index.ts); a
// PostgreSQL twin answers the same calls with its own indexes.
import type { Expression, SqlBool } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { SearchDocument, SearchPlan } from './search-text.ts';
import type { ContractDocument } from './contract-text.ts';

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
  /** The contracts' numbers and titles, in indexes of their own. */
  contracts: ContractSearchIndex;
  /** The service and communication records' texts (a capped prefix), trigrams only. */
  records: RecordSearchIndex;
};

/**
 * The contracts ranked first by their titles, after those whose number is or begins with the query
 * (areas/search/contracts.ts asks those of the contracts table): the title is the query; the title
 * begins with the query.
 */
export const CONTRACT_SEARCH_TIERS = ['exact', 'prefix'] as const;
export type ContractSearchTier = (typeof CONTRACT_SEARCH_TIERS)[number];

/**
 * The contract indexes hold every contract not deleted on its own (areas/search/contracts.ts
 * `indexContract` keeps them so); whether its customer is in the recycle bin, or the caller's to
 * see, is checked against the customers table at query time, so deleting a customer changes no
 * index. Every call runs on the `db` it is given.
 */
export type ContractSearchIndex = {
  /** Puts a contract's document in, replacing the one it had. */
  put(db: Db, contractId: number, doc: ContractDocument): Promise<void>;
  /** Adds the documents of contracts that have none (bulk paths: a few statements per batch). */
  putMany(db: Db, docs: readonly (readonly [contractId: number, doc: ContractDocument])[]): Promise<void>;
  remove(db: Db, contractId: number): Promise<void>;
  /**
   * Ids of matching contracts the caller may see (not deleted, their customer not deleted, and
   * with `ownerId` that staff member's customer's), newest first, at most `limit`; with `tier`,
   * only those in that tier too (none when the query is too short for it).
   */
  newest(db: Db, plan: SearchPlan, options: { limit: number; ownerId: number | null; tier?: ContractSearchTier }): Promise<number[]>;
  /** How many contracts the caller may see match, counting no further than `cap`. */
  count(db: Db, plan: SearchPlan, ownerId: number | null, cap: number): Promise<number>;
  /** "The contract whose id is `idColumn` matches", for the contract list's `q` filter. */
  contractMatches(plan: SearchPlan, idColumn: string): Expression<SqlBool>;
};

/**
 * The record index holds live records (areas/search/records.ts `indexRecord` keeps it so: a
 * deleted record leaves it, a restored one comes back); its customer's recycle bin and the
 * caller's scope are checked at query time. Trigrams only: a query needs a term of 3 or more
 * characters. Every call runs on the `db` it is given.
 */
export type RecordSearchIndex = {
  /** Puts a record's document in, replacing the one it had. */
  put(db: Db, recordId: number, text: string): Promise<void>;
  /** Adds the documents of records that have none (bulk paths: a few statements per batch). */
  putMany(db: Db, docs: readonly (readonly [recordId: number, text: string])[]): Promise<void>;
  remove(db: Db, recordId: number): Promise<void>;
  /** Ids of matching records the caller may see, newest first (by id), at most `limit`; none for a short plan. */
  newest(db: Db, plan: SearchPlan, options: { limit: number; ownerId: number | null }): Promise<number[]>;
};
