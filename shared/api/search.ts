import { z } from 'zod';
import { defineArea } from './area.ts';
import { method } from './method.ts';
import { GRADES, Id } from './customers.ts';
import { CONTRACT_STATUSES } from './contracts.ts';
import { RECORD_KINDS } from './records.ts';
import { NEED_STATUSES } from './needs.ts';
import { SearchText } from '../search-query.ts';

/** The field of a customer a search matched: the result list shows name, code and phone anyway. */
export const MATCH_FIELDS = ['name', 'code', 'phone', 'email', 'contactName', 'contactPhone', 'contactEmail', 'wechat'] as const;
export type MatchField = (typeof MATCH_FIELDS)[number];

/** A customer found: `kind` says what each hit of the one search box is. */
export const SearchHit = z.object({
  kind: z.literal('customer'),
  id: Id,
  code: z.string(),
  name: z.string(),
  phone: z.string(),
  grade: z.enum(GRADES),
  /** Where the query matched, and that value as the caller may see it (masked for masked roles). */
  matchedIn: z.enum(MATCH_FIELDS),
  matchedText: z.string(),
  /** The contact whose name, phone, e-mail or WeChat ID matched, when the match was on a contact. */
  contactName: z.string().nullable(),
});
export type SearchHit = z.infer<typeof SearchHit>;

/** The field of a contract a search matched. */
export const CONTRACT_MATCH_FIELDS = ['number', 'title'] as const;
export type ContractMatchField = (typeof CONTRACT_MATCH_FIELDS)[number];

/** A contract found by its number or title: what the results show of it and open it by. */
export const ContractSearchHit = z.object({
  kind: z.literal('contract'),
  id: Id,
  number: z.string(),
  title: z.string(),
  customerId: Id,
  customerName: z.string(),
  status: z.enum(CONTRACT_STATUSES),
  matchedIn: z.enum(CONTRACT_MATCH_FIELDS),
});
export type ContractSearchHit = z.infer<typeof ContractSearchHit>;

/** A service or communication record whose texts hold the query (3 or more characters; the first 200 characters of its texts are searched). */
export const RecordSearchHit = z.object({
  kind: z.literal('record'),
  id: Id,
  recordKind: z.enum(RECORD_KINDS),
  /** When it happened (ms). */
  at: z.number(),
  customerId: Id,
  customerName: z.string(),
  /** A line of its text around the match. */
  snippet: z.string(),
});
export type RecordSearchHit = z.infer<typeof RecordSearchHit>;

/**
 * A sale one of whose line names (the product or service) holds the query (2 or more characters):
 * the one search box finds the customer by what they bought. Opens the sale (or its customer).
 */
export const SaleSearchHit = z.object({
  kind: z.literal('sale'),
  /** The sale's id (as saleId: every hit has an `id`). */
  id: Id,
  saleId: Id,
  customerId: Id,
  customerName: z.string(),
  /** The day sold, 'YYYY-MM-DD'. */
  soldOn: z.string(),
  /** The line names around the match. */
  snippet: z.string(),
});
export type SaleSearchHit = z.infer<typeof SaleSearchHit>;

/** A competitor of the register whose name holds the query (letter case ignored): opens the competitor's page. */
export const CompetitorSearchHit = z.object({
  kind: z.literal('competitor'),
  id: Id,
  name: z.string(),
  products: z.string(),
  active: z.boolean(),
});
export type CompetitorSearchHit = z.infer<typeof CompetitorSearchHit>;

/**
 * A need (needs analysis) whose title or detail holds the query (2 or more characters, letter case
 * ignored), of a customer the caller may see: opens the needs list filtered to its customer and title.
 */
export const NeedSearchHit = z.object({
  kind: z.literal('need'),
  id: Id,
  title: z.string(),
  customerId: Id,
  customerName: z.string(),
  status: z.enum(NEED_STATUSES),
  matchedIn: z.enum(['title', 'detail']),
  /** A line of the detail around the match when it matched there, else ''. */
  snippet: z.string(),
});
export type NeedSearchHit = z.infer<typeof NeedSearchHit>;

/** A customer event whose title or place holds the query (2 or more characters): opens the event's page. Events are shop-wide: anyone who reads customers finds them. */
export const EventSearchHit = z.object({
  kind: z.literal('event'),
  id: Id,
  title: z.string(),
  /** The event's day, 'YYYY-MM-DD'. */
  onDay: z.string(),
  place: z.string(),
  cancelled: z.boolean(),
});
export type EventSearchHit = z.infer<typeof EventSearchHit>;

/** A success story whose title or background holds the query (2 or more characters), of a customer the caller may see: opens the customer's page (its stories section). */
export const StorySearchHit = z.object({
  kind: z.literal('story'),
  id: Id,
  title: z.string(),
  customerId: Id,
  customerName: z.string(),
  /** The story's day, 'YYYY-MM-DD'. */
  storyOn: z.string(),
});
export type StorySearchHit = z.infer<typeof StorySearchHit>;

/** Any hit of the one search box. */
export const AnySearchHit = z.discriminatedUnion('kind', [SearchHit, ContractSearchHit, RecordSearchHit, SaleSearchHit, CompetitorSearchHit, NeedSearchHit, EventSearchHit, StorySearchHit]);
export type AnySearchHit = z.infer<typeof AnySearchHit>;

export const search = {
  /**
   * The best `limit` matches of customers (exact name or code, then phone numbers ending with the
   * digits, then names beginning with the query, then the newest) and of contracts (number or
   * title: exact, then beginning with the query, then the newest), in one ranked list: exact
   * customers, then contracts by exact number or title or beginning with the query, then the other
   * customers, then the other contracts; each kind keeps a quarter of the page when both have more.
   * `total` is how many customers match in all (the customer list with `q` shows every one of
   * them), `contractTotal` how many contracts, counted up to 1,000 (`contractTotalCapped`: more
   * match; the contract list with `q` counts and shows them all). Records whose texts hold the
   * query (3 or more characters) come last, newest first, keeping a quarter of the page when the
   * others fill it. Sales whose line names hold the query follow the records (newest first, a
   * quarter of the page likewise), then competitors whose name holds it (active first, by name),
   * then needs (title or detail), events (title or place) and success stories (title or
   * background), newest first, each keeping a tenth of the page when the others fill it.
   */
  'search.query': method({
    input: z.object({ q: SearchText, limit: z.number().int().min(1).max(50).default(20) }),
    output: z.object({ hits: z.array(AnySearchHit), total: z.number().int().min(0), contractTotal: z.number().int().min(0), contractTotalCapped: z.boolean() }),
    permission: 'customers.read',
  }),
};

export const searchArea = defineArea({ methods: search, auditEntities: [], auditActions: [] });
