// Churn warnings (流失预警): computed on demand, never stored, for the live customers the caller
// sees (the staff-scope setting). Each warning is a customer with one or more reasons; each reason
// names its rule and carries the plain facts the renderer turns into a sentence in the screen's
// language (features/churn). Five rules:
// - interval: at least two live sales; the usual interval is (last sale − first sale) / (sales − 1)
//   days; the last activity (the later of the last sale and the last contact) is more than k × that
//   many days ago (k: churn.settings, default 2). Exactly k × the interval is not yet a warning.
// - cadence: not contacted for longer than the grade's return-visit cadence (service standards).
// - satisfaction: of the customer's last two surveys, the latest scored lower than the one before:
//   the average CSAT when both have CSAT scores, otherwise the NPS when both have one.
// - complaints: open complaints (new or in progress), how many of them past their deadline.
// - contract: a contract ending within 30 days, or ended in the last 30, without auto-renew and
//   without a later contract of the same customer.
// The list is sorted by value at risk: the last 12 months' revenue in the grading currency
// (customers without sales have value 0 and come after, by name). A warning dismissed with a
// reason stays hidden until its facts change (the core keeps a fingerprint of them).
import { z } from 'zod';
import { defineArea } from './area.ts';
import { CalendarDate, GRADES, Id } from './customers.ts';
import { method } from './method.ts';

/** The rules, in the order a customer's reasons are listed. The renderer has a sentence for each, in both languages. */
export const CHURN_RULES = ['interval', 'cadence', 'satisfaction', 'complaints', 'contract'] as const;
export type ChurnRule = (typeof CHURN_RULES)[number];

/** The satisfaction rule compares average CSAT (1–5) or, when not both surveys have CSAT scores, NPS (0–10). */
export const CHURN_SCALES = ['csat', 'nps'] as const;
export type ChurnScale = (typeof CHURN_SCALES)[number];

/** k, the multiple of the customer's usual interval: its bounds and default. */
export const CHURN_K_MIN = 1;
export const CHURN_K_MAX = 10;
export const CHURN_K_DEFAULT = 2;
/** The contract rule looks this many days before and after today. */
export const CHURN_CONTRACT_DAYS = 30;
/** A dismissal's reason: 1..500 characters. */
export const CHURN_DISMISS_REASON_MAX = 500;
/** Today's churn section: at most this many warnings, value first. */
export const CHURN_TODAY_LIMIT = 10;

const Days = z.number().int().min(0);

export const IntervalReason = z.object({
  rule: z.literal('interval'),
  /** Whole days from the last activity to today. */
  daysSince: Days,
  /** The customer's usual interval between sales, whole days (rounded; the rule compares exactly). */
  usualDays: Days,
  k: z.number().int(),
  /** The day of the last activity: the later of the last sale and the last contact. */
  lastOn: CalendarDate,
});

export const CadenceReason = z.object({
  rule: z.literal('cadence'),
  /** Whole days since the last contact (since the customer was added when never contacted). */
  daysSince: Days,
  /** The grade's return-visit cadence, days. */
  cadenceDays: z.number().int().min(1),
  grade: z.enum(GRADES),
  /** The day of the last contact (or of the customer's creation). */
  lastOn: CalendarDate,
  /** True when the customer was never contacted since it was added (lastOn is the day it was added). */
  neverContacted: z.boolean(),
});

export const SatisfactionReason = z.object({
  rule: z.literal('satisfaction'),
  /**
   * The earlier and the latest survey's score: CSAT as the average of its dimension scores (1–5,
   * rounded to 2 decimals), NPS as the 0–10 answer.
   */
  before: z.number(),
  after: z.number(),
  scale: z.enum(CHURN_SCALES),
  /** The latest survey (the one that scored lower). */
  surveyId: Id,
  /** The day (shop's local) of the latest survey. */
  surveyOn: CalendarDate,
});

export const ComplaintsReason = z.object({
  rule: z.literal('complaints'),
  /** Open complaints (new or in progress), at least 1. */
  open: z.number().int().min(1),
  /** Of those, past their deadline. */
  overdue: z.number().int().min(0),
  /** The open complaints, oldest deadline first. */
  complaintIds: z.array(Id),
});

export const ContractReason = z.object({
  rule: z.literal('contract'),
  contractId: Id,
  number: z.string(),
  /** The end day: within CHURN_CONTRACT_DAYS after today, or before it (ended) within as many days. */
  endOn: CalendarDate,
  /** True when it has already ended (endOn before today). */
  ended: z.boolean(),
});

/** Why a customer is at risk: one rule with its facts. */
export const ChurnReason = z.discriminatedUnion('rule', [IntervalReason, CadenceReason, SatisfactionReason, ComplaintsReason, ContractReason]);
export type ChurnReason = z.infer<typeof ChurnReason>;
export type ChurnReasonOf<R extends ChurnRule> = Extract<ChurnReason, { rule: R }>;

/** What the caller may do with a warning (the core refuses exactly what this says no to). */
export const ChurnActions = z.object({
  /** churn.dismiss (customers.write, in scope). */
  dismiss: z.boolean(),
  /** Plan a visit to the customer (visits.create). */
  planVisit: z.boolean(),
});
export type ChurnActions = z.infer<typeof ChurnActions>;

export const ChurnRow = z.object({
  customerId: Id,
  customerName: z.string(),
  customerCode: z.string(),
  grade: z.enum(GRADES),
  /** The responsible staff member, null when nobody. */
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  /** Value at risk: the last 12 months' revenue in `currency`, minor units (0: no sales). */
  valueMinor: z.number().int(),
  /** The grading currency (grading settings; default CNY). */
  currency: z.string(),
  /** Its reasons not dismissed, in CHURN_RULES order (at least one). */
  reasons: z.array(ChurnReason).min(1),
  actions: ChurnActions,
});
export type ChurnRow = z.infer<typeof ChurnRow>;

export const ChurnQuery = z.object({
  /** From the previous page's `next` (it carries the last row's name sort key: room for long names). */
  cursor: z.string().max(4000).nullable().default(null),
  limit: z.number().int().min(1).max(100).default(50),
  /** Only customers with a reason of this rule (their other reasons are still listed). */
  rule: z.enum(CHURN_RULES).optional(),
  /** Only the customers this staff member is responsible for (Today's "mine"). */
  ownerId: Id.optional(),
});
export type ChurnQueryInput = z.input<typeof ChurnQuery>;
export type ChurnQueryValue = z.output<typeof ChurnQuery>;

export const ChurnPage = z.object({
  rows: z.array(ChurnRow),
  next: z.string().nullable(),
  /** Every warning the query finds (not only this page). */
  total: z.number().int(),
  /** Their value at risk together, in the grading currency (minor units). */
  totalValueMinor: z.number().int(),
  currency: z.string(),
  /** The day the warnings were judged on (the shop's today). */
  day: CalendarDate,
});
export type ChurnPage = z.infer<typeof ChurnPage>;

const noControl = (s: string) => !/[\p{Cc}\u2028\u2029]/u.test(s.replace(/[\n\r\t]/g, ''));

export const ChurnDismiss = z.object({
  customerId: Id,
  rule: z.enum(CHURN_RULES),
  /** Why it is dismissed (kept and shown in the audit log). */
  reason: z.string().trim().min(1).max(CHURN_DISMISS_REASON_MAX).refine(noControl, { message: 'controlCharacter' }),
});
export type ChurnDismissInput = z.input<typeof ChurnDismiss>;

export const ChurnDismissResult = z.object({ customerId: Id, rule: z.enum(CHURN_RULES), dismissedAt: z.number() });
export type ChurnDismissResult = z.infer<typeof ChurnDismissResult>;

export const ChurnSettings = z.object({
  k: z.number().int().min(CHURN_K_MIN).max(CHURN_K_MAX),
  /** What the core would allow this caller (grading.manage). */
  actions: z.object({ edit: z.boolean() }),
});
export type ChurnSettings = z.infer<typeof ChurnSettings>;

export const ChurnSettingsUpdate = z.object({ k: z.number().int().min(CHURN_K_MIN).max(CHURN_K_MAX) });
export type ChurnSettingsUpdateInput = z.input<typeof ChurnSettingsUpdate>;

export const churn = {
  /** Warnings by value at risk (highest first), then by name; keyset paged. */
  'churn.list': method({ input: ChurnQuery, output: ChurnPage, permission: 'customers.read' }),
  /**
   * Hides one rule's warning of a customer until its facts change. A customer the caller does not
   * see → NOT_FOUND; a rule that does not warn about this customer now (or is already dismissed) →
   * CONFLICT (the list was read before the facts changed: reload).
   */
  'churn.dismiss': method({ input: ChurnDismiss, output: ChurnDismissResult, permission: 'customers.write' }),
  'churn.settings': method({ input: z.object({}).default({}), output: ChurnSettings, permission: 'customers.read' }),
  'churn.setSettings': method({ input: ChurnSettingsUpdate, output: ChurnSettings, permission: 'grading.manage' }),
};

export const churnArea = defineArea({
  methods: churn,
  auditEntities: ['churn'],
  auditActions: ['churn.dismiss', 'churn.settings'],
});
