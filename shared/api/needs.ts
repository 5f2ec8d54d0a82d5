// Needs analysis (客户需求分析): what a customer needs, noted item by item on the customer's page —
// pain points, the products or services they need (a catalogue item, by when), their expectations
// of service (response time, on-site visits, training), a budget range, and the decision process
// with its decision makers (the customer's own contacts). Each item has a status (open / met /
// dropped) and says who noted it when. The needs list runs across customers and filters by
// catalogue item, kind, status, the needed-by period ("who needs a maintenance contract this
// quarter?") and the customers' responsible staff; `needs.count` takes the same filters (the
// drill-down check). A caller sees the needs of the customers they may see (the staff-scope
// setting); permissions are the customers' own (read, write, delete), staff delete and restore
// only what they noted, and every row carries `actions`.
//
// Expectations are kept as fields of their own (responseHours, onSite, training) so the list can
// show them; they are kept only on a need of kind 'expectation' (cleared on the other kinds), as
// the budget is kept only on 'budget' and the decision makers only on 'decision'.
import { z } from 'zod';
import { defineArea } from './area.ts';
import { AMOUNT_MAX, Currency } from './contracts.ts';
import { GRADES, Id } from './customers.ts';
import { method } from './method.ts';
import { DayInRange } from './records.ts';
import { customerActions, type Role } from '../roles.ts';

export const NEED_KINDS = ['pain', 'product', 'service', 'expectation', 'budget', 'decision'] as const;
export type NeedKind = (typeof NEED_KINDS)[number];
export const NEED_STATUSES = ['open', 'met', 'dropped'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

export const NEED_TITLE_MAX = 200;
export const NEED_DETAIL_MAX = 2000;
/** Decision makers per need. */
export const NEED_CONTACTS_MAX = 20;
/** The longest response time an expectation names: a year. */
export const RESPONSE_HOURS_MAX = 8760;

const noControl = (s: string) => !/[\p{Cc}\u2028\u2029]/u.test(s.replace(/[\n\r\t]/g, ''));
const Title = z
  .string()
  .transform((s) => s.normalize('NFC').trim())
  .pipe(z.string().min(1).max(NEED_TITLE_MAX).refine((s) => !/[\p{Cc}\u2028\u2029]/u.test(s), { message: 'controlCharacter' }));
const Detail = z.string().trim().max(NEED_DETAIL_MAX).refine(noControl, { message: 'controlCharacter' });
const Budget = z.number().int().min(0).max(AMOUNT_MAX);
const Version = z.number().int().min(1);

/** A budget whose lower end is above its upper end: reason 'budgetOrder'. */
function checkBudget(draft: { budgetMinMinor?: number | null | undefined; budgetMaxMinor?: number | null | undefined }, ctx: z.RefinementCtx): void {
  const { budgetMinMinor: min, budgetMaxMinor: max } = draft;
  if (min != null && max != null && min > max) ctx.addIssue({ code: 'custom', path: ['budgetMaxMinor'], message: 'budgetOrder' });
}

export const NeedFields = z.object({
  kind: z.enum(NEED_KINDS),
  title: Title,
  detail: Detail.default(''),
  /** The catalogue item needed (any kind of need may name one), or none. */
  itemId: Id.nullable().default(null),
  /** By when the customer needs it (the shop's calendar day), or not known. */
  neededBy: DayInRange.nullable().default(null),
  /** kind 'expectation': the response time expected, in hours. */
  responseHours: z.number().int().min(1).max(RESPONSE_HOURS_MAX).nullable().default(null),
  /** kind 'expectation': on-site visits expected. */
  onSite: z.boolean().default(false),
  /** kind 'expectation': training expected. */
  training: z.boolean().default(false),
  /** kind 'budget': the range in minor units of `currency` (either end may be open). */
  budgetMinMinor: Budget.nullable().default(null),
  budgetMaxMinor: Budget.nullable().default(null),
  currency: Currency.default('CNY'),
  /** kind 'decision': the decision makers, contacts of this customer (reason 'contact' otherwise). */
  contactIds: z.array(Id).max(NEED_CONTACTS_MAX).default([]),
});

export const NeedDraft = NeedFields.extend({ customerId: Id }).superRefine(checkBudget);
export type NeedDraftInput = z.input<typeof NeedDraft>;
export type NeedDraftValue = z.output<typeof NeedDraft>;

/** An edit replaces the need's fields (its customer stays); the status changes through needs.setStatus. */
export const NeedUpdate = NeedFields.extend({ id: Id, version: Version }).superRefine(checkBudget);
export type NeedUpdateInput = z.input<typeof NeedUpdate>;
export type NeedUpdateValue = z.output<typeof NeedUpdate>;

export const NeedActions = z.object({ edit: z.boolean(), setStatus: z.boolean(), delete: z.boolean(), restore: z.boolean() });
export type NeedActions = z.infer<typeof NeedActions>;

export const Need = z.object({
  id: Id,
  customerId: Id,
  customerName: z.string(),
  customerCode: z.string(),
  customerGrade: z.enum(GRADES),
  /** The customer's responsible staff member. */
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  kind: z.enum(NEED_KINDS),
  title: z.string(),
  detail: z.string(),
  itemId: Id.nullable(),
  /** The catalogue item's name as it is now. */
  itemName: z.string().nullable(),
  neededBy: z.string().nullable(),
  responseHours: z.number().int().nullable(),
  onSite: z.boolean(),
  training: z.boolean(),
  budgetMinMinor: z.number().int().nullable(),
  budgetMaxMinor: z.number().int().nullable(),
  currency: z.string(),
  /** The decision makers, in the order given. */
  contacts: z.array(z.object({ id: Id, name: z.string(), title: z.string() })),
  status: z.enum(NEED_STATUSES),
  /** When the status last changed (the noting for an open need never changed). */
  statusAt: z.number(),
  notedBy: Id.nullable(),
  notedByName: z.string().nullable(),
  notedAt: z.number(),
  updatedAt: z.number(),
  deletedAt: z.number().nullable(),
  version: z.number().int(),
  actions: NeedActions,
});
export type Need = z.infer<typeof Need>;

/** The filters the list, the count and drill-down links share. */
const NeedFilterFields = z.object({
    customerId: Id.optional(),
    /** Needs naming this catalogue item. */
    itemId: Id.optional(),
    kind: z.enum(NEED_KINDS).optional(),
    status: z.enum(NEED_STATUSES).optional(),
    /** Needed on or after this day (a need with no needed-by day is left out when either end is given). */
    neededFrom: DayInRange.optional(),
    neededTo: DayInRange.optional(),
    /** The customer's responsible staff member. */
    ownerId: Id.optional(),
    /** Part of the title, the detail or the catalogue item's name (letter case ignored). */
    q: z.string().trim().max(200).optional(),
    /** The recycle bin's needs instead of the live ones (customers.delete). */
    deleted: z.boolean().default(false),
});

/** A period that ends before it starts: reason 'dateOrder'. */
function checkPeriod(f: { neededFrom?: string | undefined; neededTo?: string | undefined }, ctx: z.RefinementCtx): void {
  if (f.neededFrom !== undefined && f.neededTo !== undefined && f.neededFrom > f.neededTo) ctx.addIssue({ code: 'custom', path: ['neededTo'], message: 'dateOrder' });
}

export const NeedFilters = NeedFilterFields.superRefine(checkPeriod);
export type NeedFiltersInput = z.input<typeof NeedFilters>;

export const NeedQuery = NeedFilterFields.extend({
  /** The `next` of the previous page: opaque. */
  cursor: z.string().max(2000).nullable().default(null),
  limit: z.number().int().min(1).max(100).default(50),
}).superRefine(checkPeriod);
export type NeedQueryInput = z.input<typeof NeedQuery>;

export const NeedPage = z.object({ rows: z.array(Need), next: z.string().nullable() });
export type NeedPage = z.infer<typeof NeedPage>;

const IdInput = z.object({ id: Id });
const IdVersion = z.object({ id: Id, version: Version });

export const needs = {
  /** Newest noted first (notedAt, then id), keyset paged. */
  'needs.list': method({ input: NeedQuery, output: NeedPage, permission: 'customers.read' }),
  /** How many needs the filters hold (what a drill-down link's list shows). */
  'needs.count': method({ input: NeedFilters.default({ deleted: false }), output: z.object({ count: z.number().int() }), permission: 'customers.read' }),
  /** One need, also one in the recycle bin (deletedAt set). */
  'needs.get': method({ input: IdInput, output: Need, permission: 'customers.read' }),
  /**
   * A customer the caller does not see → VALIDATION 'customer'; a catalogue item that does not
   * exist → 'item'; a decision maker not the customer's contact → 'contact'; a budget's lower end
   * above its upper end → 'budgetOrder'.
   */
  'needs.create': method({ input: NeedDraft, output: Need, permission: 'customers.write' }),
  /** As create; a stale version is a CONFLICT. */
  'needs.update': method({ input: NeedUpdate, output: Need, permission: 'customers.write' }),
  /** open ↔ met ↔ dropped, any way (a need met can be found unmet again). */
  'needs.setStatus': method({ input: z.object({ id: Id, version: Version, status: z.enum(NEED_STATUSES) }), output: Need, permission: 'customers.write' }),
  'needs.delete': method({ input: IdVersion, output: z.object({ id: Id }), permission: 'customers.delete' }),
  'needs.restore': method({ input: IdInput, output: Need, permission: 'customers.delete' }),
};

export const needsArea = defineArea({
  methods: needs,
  auditEntities: ['need'],
  auditActions: ['need.create', 'need.update', 'need.status', 'need.delete', 'need.restore'],
});

/** What a caller may do with one need they can see: the customers' row-level rule (staff delete and restore only what they noted). */
export function needActions(caller: { userId: number; role: Role }, need: { notedBy: number | null; deletedAt: number | null }): NeedActions {
  const rule = customerActions(caller, { createdBy: need.notedBy });
  const live = need.deletedAt === null;
  return { edit: rule.edit && live, setStatus: rule.edit && live, delete: rule.delete && live, restore: rule.delete && !live };
}
