// Competitor analysis (竞争对手分析): the shop's register of competitors (name, products, price
// level, strengths, weaknesses, notes; added, edited and retired with `competitors.manage`, read by
// anyone who reads customers) and, per customer, which competitors are present there: for which
// products, with what share of the customer's spend, until when their contract runs, and our
// position against them. Presence is customer data: read with customers.read, written with
// customers.write, removed with customers.delete, always inside the caller's customer scope (the
// staff-scope setting), every row with its `actions`. Two lists: the customers where a competitor
// is present, and the competitors ordered by how many live VIP and key customers they touch.
import { z } from 'zod';
import { defineArea } from './area.ts';
import { CalendarDate, GRADES, Id } from './customers.ts';
import { method } from './method.ts';
import { customerActions, roleHas, type Role } from '../roles.ts';

export const PRICE_LEVELS = ['low', 'similar', 'high'] as const;
export type PriceLevel = (typeof PRICE_LEVELS)[number];
/** Our position against a competitor at one customer. */
export const POSITIONS = ['ahead', 'even', 'behind', 'unknown'] as const;
export type Position = (typeof POSITIONS)[number];
/** The grades the reach list counts ("our VIP and key customers"). */
export const REACH_GRADES = ['vip', 'key'] as const;

export const COMPETITOR_NAME_MAX = 200;
export const COMPETITOR_TEXT_MAX = 2000;
export const PRESENCE_PRODUCTS_MAX = 500;
/** A shop keeps at most this many competitors (retired ones included): the register is read whole. */
export const COMPETITORS_MAX = 1000;

const noControl = (s: string) => !/[\p{Cc}\u2028\u2029]/u.test(s.replace(/[\n\r\t]/g, ''));
const Text = (max: number) => z.string().trim().max(max).refine(noControl, { message: 'controlCharacter' });
const Name = z
  .string()
  .transform((s) => s.normalize('NFC').trim())
  .pipe(z.string().min(1).max(COMPETITOR_NAME_MAX).refine((s) => !/[\p{Cc}\u2028\u2029]/u.test(s), { message: 'controlCharacter' }));
const Version = z.number().int().min(1);
const Cursor = z.string().max(2000).nullable().default(null);
const Limit = z.number().int().min(1).max(100).default(50);

// ---------------------------------------------------------------------------------------------
// The register

export const CompetitorActions = z.object({ edit: z.boolean(), retire: z.boolean(), reactivate: z.boolean() });
export type CompetitorActions = z.infer<typeof CompetitorActions>;

export const Competitor = z.object({
  id: Id,
  name: z.string(),
  products: z.string(),
  priceLevel: z.enum(PRICE_LEVELS).nullable(),
  strengths: z.string(),
  weaknesses: z.string(),
  notes: z.string(),
  /** Retired competitors are kept (their presence rows with them) but no longer offered. */
  active: z.boolean(),
  /** How many live customers in the caller's scope it is present at. */
  customerCount: z.number().int(),
  version: z.number().int(),
  actions: CompetitorActions,
});
export type Competitor = z.infer<typeof Competitor>;

/** A name the same as an active competitor's (letter case ignored) → CONFLICT reason 'taken'. */
export const CompetitorDraft = z.object({
  name: Name,
  products: Text(COMPETITOR_TEXT_MAX).default(''),
  priceLevel: z.enum(PRICE_LEVELS).nullable().default(null),
  strengths: Text(COMPETITOR_TEXT_MAX).default(''),
  weaknesses: Text(COMPETITOR_TEXT_MAX).default(''),
  notes: Text(COMPETITOR_TEXT_MAX).default(''),
});
export type CompetitorDraftInput = z.input<typeof CompetitorDraft>;

/** Each field optional: what is left out stays (no defaults here, unlike the draft). */
export const CompetitorUpdate = z.object({
  id: Id,
  version: Version,
  name: Name.optional(),
  products: Text(COMPETITOR_TEXT_MAX).optional(),
  priceLevel: z.enum(PRICE_LEVELS).nullable().optional(),
  strengths: Text(COMPETITOR_TEXT_MAX).optional(),
  weaknesses: Text(COMPETITOR_TEXT_MAX).optional(),
  notes: Text(COMPETITOR_TEXT_MAX).optional(),
});
export type CompetitorUpdateInput = z.input<typeof CompetitorUpdate>;

export const CompetitorQuery = z
  .object({
    /** Part of the name (letter case ignored). */
    q: z.string().trim().max(200).optional(),
    includeRetired: z.boolean().default(false),
  })
  .default({ includeRetired: false });

// ---------------------------------------------------------------------------------------------
// Presence at a customer

export const PresenceActions = z.object({ edit: z.boolean(), remove: z.boolean() });
export type PresenceActions = z.infer<typeof PresenceActions>;

export const Presence = z.object({
  id: Id,
  customerId: Id,
  customerName: z.string(),
  customerCode: z.string(),
  customerGrade: z.enum(GRADES),
  competitorId: Id,
  competitorName: z.string(),
  competitorActive: z.boolean(),
  /** Which of the customer's products or services the competitor supplies (free text). */
  products: z.string(),
  /** The competitor's share of the customer's spend on those, in whole percent. */
  sharePercent: z.number().int().nullable(),
  /** When the customer's contract with the competitor ends (our chance), if known. */
  contractEndOn: z.string().nullable(),
  position: z.enum(POSITIONS),
  notes: z.string(),
  updatedAt: z.number(),
  version: z.number().int(),
  actions: PresenceActions,
});
export type Presence = z.infer<typeof Presence>;

const Share = z.number().int().min(0).max(100);

/**
 * A competitor not in the register or retired → VALIDATION 'competitor'; a customer the caller
 * does not see → 'customer'; the competitor already recorded at this customer → CONFLICT 'taken'.
 */
export const PresenceDraft = z.object({
  customerId: Id,
  competitorId: Id,
  products: Text(PRESENCE_PRODUCTS_MAX).default(''),
  sharePercent: Share.nullable().default(null),
  contractEndOn: CalendarDate.nullable().default(null),
  position: z.enum(POSITIONS).default('unknown'),
  notes: Text(COMPETITOR_TEXT_MAX).default(''),
});
export type PresenceDraftInput = z.input<typeof PresenceDraft>;

/** The competitor and customer stay; the rest may change (each optional: what is left out stays). */
export const PresenceUpdate = z.object({
  id: Id,
  version: Version,
  products: Text(PRESENCE_PRODUCTS_MAX).optional(),
  sharePercent: Share.nullable().optional(),
  contractEndOn: CalendarDate.nullable().optional(),
  position: z.enum(POSITIONS).optional(),
  notes: Text(COMPETITOR_TEXT_MAX).optional(),
});
export type PresenceUpdateInput = z.input<typeof PresenceUpdate>;

export const PresencePage = z.object({ rows: z.array(Presence), next: z.string().nullable() });
export type PresencePage = z.infer<typeof PresencePage>;

export const CompetitorCustomersQuery = z.object({
  competitorId: Id,
  /** Only customers of this grade (the reach list's drill-down). */
  grade: z.enum(GRADES).optional(),
  cursor: Cursor,
  limit: Limit,
});
export type CompetitorCustomersQueryInput = z.input<typeof CompetitorCustomersQuery>;

export const ReachRow = z.object({
  competitorId: Id,
  name: z.string(),
  active: z.boolean(),
  /** Live customers of each reach grade (in the caller's scope) where it is present. */
  byGrade: z.object({ vip: z.number().int(), key: z.number().int() }),
  /** vip + key: the order of the list. */
  total: z.number().int(),
});
export type ReachRow = z.infer<typeof ReachRow>;

const IdInput = z.object({ id: Id });

export const competitors = {
  /** The register by name, active first (also the retired ones when asked), with what the caller may do. */
  'competitors.list': method({ input: CompetitorQuery, output: z.object({ rows: z.array(Competitor) }), permission: 'customers.read' }),
  'competitors.get': method({ input: IdInput, output: Competitor, permission: 'customers.read' }),
  /** A shop keeps at most COMPETITORS_MAX (TOO_LARGE). */
  'competitors.create': method({ input: CompetitorDraft, output: Competitor, permission: 'competitors.manage' }),
  /** A stale version is a CONFLICT. */
  'competitors.update': method({ input: CompetitorUpdate, output: Competitor, permission: 'competitors.manage' }),
  /** Retire (active false) or bring back; a retired competitor keeps its presence rows. */
  'competitors.setActive': method({ input: z.object({ id: Id, version: Version, active: z.boolean() }), output: Competitor, permission: 'competitors.manage' }),
  /** The customers where a competitor is present (live, in the caller's scope), by customer name. */
  'competitors.customers': method({ input: CompetitorCustomersQuery, output: PresencePage, permission: 'customers.read' }),
  /** Competitors by how many live VIP + key customers (in the caller's scope) they touch, most first; those touching none are left out. */
  'competitors.reach': method({ input: z.object({}).default({}), output: z.object({ rows: z.array(ReachRow) }), permission: 'customers.read' }),
  /** One customer's competitors, by competitor name. */
  'competitors.presence': method({ input: z.object({ customerId: Id }), output: z.object({ rows: z.array(Presence) }), permission: 'customers.read' }),
  'competitors.addPresence': method({ input: PresenceDraft, output: Presence, permission: 'customers.write' }),
  'competitors.updatePresence': method({ input: PresenceUpdate, output: Presence, permission: 'customers.write' }),
  /** Removes the row (the audit log keeps what it said). */
  'competitors.removePresence': method({ input: z.object({ id: Id, version: Version }), output: z.object({ id: Id }), permission: 'customers.delete' }),
};

export const competitorsArea = defineArea({
  methods: competitors,
  auditEntities: ['competitor', 'competitorPresence'],
  auditActions: ['competitor.create', 'competitor.update', 'competitor.setActive', 'competitorPresence.add', 'competitorPresence.update', 'competitorPresence.remove'],
});

/** What a caller may do with one competitor of the register. */
export function competitorActions(role: Role, competitor: { active: boolean }): CompetitorActions {
  const manage = roleHas(role, 'competitors.manage');
  return { edit: manage, retire: manage && competitor.active, reactivate: manage && !competitor.active };
}

/** What a caller may do with one presence row they can see: the customers' rule (staff remove only what they recorded). */
export function presenceActions(caller: { userId: number; role: Role }, presence: { createdBy: number | null }): PresenceActions {
  const rule = customerActions(caller, presence);
  return { edit: rule.edit, remove: rule.delete };
}
