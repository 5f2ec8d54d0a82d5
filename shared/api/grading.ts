// Value grading (价值分级): ABC on the last 12 months' revenue in the shop's grading currency and RFM
// scores, mapped to the four grades by rules the owner reads and edits. A proposal (分级建议) lists
// every customer whose suggested grade differs from the current one, with its reason; the owner
// accepts or rejects each or all, then applies: only `grading.apply` ever changes a grade, writing
// grade history "suggested by ABC, accepted by …". Everything here is the owner's (`grading.manage`).
import { z } from 'zod';
import { defineArea } from './area.ts';
import { Currency } from './contracts.ts';
import { GRADES, Id } from './customers.ts';
import { method } from './method.ts';

export const ABC_CLASSES = ['A', 'B', 'C'] as const;
export type AbcClass = (typeof ABC_CLASSES)[number];

// Where a grade history row came from (defined beside the customer's grade history, which carries it).
export { GRADE_SOURCES, type GradeSource } from './customers.ts';

export const PROPOSAL_STATUSES = ['open', 'applied', 'discarded'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const DECISIONS = ['pending', 'accepted', 'rejected'] as const;
export type Decision = (typeof DECISIONS)[number];

/** At most this many rules (a shop's list is short; the UI renders each as a sentence). */
export const GRADING_RULES_MAX = 20;

const Score = z.number().int().min(1).max(5).nullable();

/**
 * One rule: every condition that is not null must hold (ABC class equal; each RFM score at least
 * the minimum). Rules are evaluated top to bottom, the first that matches gives the grade.
 */
export const GradingRule = z.object({
  abc: z.enum(ABC_CLASSES).nullable(),
  minR: Score,
  minF: Score,
  minM: Score,
  grade: z.enum(GRADES),
});
export type GradingRule = z.infer<typeof GradingRule>;

/** Percentages of revenue, integers: A while the share before a customer is < a, B while < a + b, else C. */
export const Cutoffs = z
  .object({ a: z.number().int().min(1).max(99), b: z.number().int().min(0).max(99) })
  .refine((c) => c.a + c.b <= 100, { path: ['b'], message: 'cutoffs' });
export type Cutoffs = z.infer<typeof Cutoffs>;

export const GradingSettings = z.object({
  /** Revenue in this currency only; sales in other currencies are listed apart, never converted. */
  currency: Currency,
  cutoffs: Cutoffs,
  /** Create this month's proposal when the owner opens grading and there is none yet. */
  monthly: z.boolean(),
  rules: z.array(GradingRule).min(1).max(GRADING_RULES_MAX),
});
export type GradingSettings = z.infer<typeof GradingSettings>;

export const DEFAULT_GRADING_RULES: readonly GradingRule[] = [
  { abc: 'A', minR: null, minF: null, minM: null, grade: 'vip' },
  { abc: 'B', minR: null, minF: null, minM: null, grade: 'key' },
  { abc: 'C', minR: 3, minF: null, minM: null, grade: 'normal' },
  { abc: 'C', minR: null, minF: null, minM: null, grade: 'potential' },
];

export const DEFAULT_GRADING_SETTINGS: GradingSettings = { currency: 'CNY', cutoffs: { a: 70, b: 20 }, monthly: true, rules: [...DEFAULT_GRADING_RULES] };

/** A month as 'YYYY-MM'. */
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month' });

const Person = z.object({ id: Id, name: z.string() }).nullable();

export const ProposalCounts = z.object({
  /** Customers with sales in the grading currency in the window (the ones graded). */
  graded: z.number().int(),
  /** Customers whose suggested grade differs: the items. */
  items: z.number().int(),
  pending: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  /** After apply: grades changed, and accepted items skipped because the customer was edited since. */
  applied: z.number().int(),
  skipped: z.number().int(),
});
export type ProposalCounts = z.infer<typeof ProposalCounts>;

export const GradingProposal = z.object({
  id: Id,
  createdAt: z.number(),
  createdBy: Person,
  /** The 12 calendar months graded, 'YYYY-MM' to 'YYYY-MM' (the last is the month it was made in). */
  period: z.object({ from: Month, to: Month }),
  /** True when `grading.current` made it as the month's proposal. */
  monthly: z.boolean(),
  status: z.enum(PROPOSAL_STATUSES),
  currency: z.string(),
  cutoffs: z.object({ a: z.number().int(), b: z.number().int() }),
  rules: z.array(GradingRule),
  appliedAt: z.number().nullable(),
  appliedBy: Person,
  counts: ProposalCounts,
  /** Revenue in the window in other currencies: not graded, listed apart. */
  otherCurrencies: z.array(z.object({ currency: z.string(), customers: z.number().int(), totalMinor: z.number().int() })),
});
export type GradingProposal = z.infer<typeof GradingProposal>;

export const ItemReason = z.object({
  /** Index (from 0) of the rule that matched, in `proposal.rules`. */
  rule: z.number().int(),
  abc: z.enum(ABC_CLASSES),
  /** Share of the window's revenue ranked before this customer, in basis points (0..10000). */
  share: z.number().int(),
  /** 1-based rank by revenue (ties share the first rank), of `of` graded customers. */
  rank: z.number().int(),
  of: z.number().int(),
});
export type ItemReason = z.infer<typeof ItemReason>;

export const GradingItem = z.object({
  customerId: Id,
  customerName: z.string(),
  customerCode: z.string(),
  fromGrade: z.enum(GRADES),
  toGrade: z.enum(GRADES),
  abc: z.enum(ABC_CLASSES),
  /** RFM scores 1..5 (5 best). */
  r: z.number().int(),
  f: z.number().int(),
  m: z.number().int(),
  /** The facts behind them: days since the last sale (at the proposal's day), sales in the window. */
  daysSince: z.number().int(),
  saleCount: z.number().int(),
  revenueMinor: z.number().int(),
  currency: z.string(),
  reason: ItemReason,
  decision: z.enum(DECISIONS),
  /** After apply: 'applied', or 'skipped' (edited since the proposal); null before. */
  outcome: z.enum(['applied', 'skipped']).nullable(),
});
export type GradingItem = z.infer<typeof GradingItem>;

export const ItemQuery = z.object({
  proposalId: Id,
  decision: z.enum(DECISIONS).optional(),
  cursor: z.string().max(2000).nullable().default(null),
  limit: z.number().int().min(1).max(100).default(50),
});

export const ApplyResult = z.object({
  proposal: GradingProposal,
  /** Accepted items left alone: the customer was edited since the proposal (or is gone). */
  skipped: z.array(z.object({ customerId: Id, customerName: z.string(), customerCode: z.string() })),
});
export type ApplyResult = z.infer<typeof ApplyResult>;

export const grading = {
  'grading.settings': method({ input: z.object({}).default({}), output: GradingSettings, permission: 'grading.manage' }),
  'grading.updateSettings': method({ input: GradingSettings, output: GradingSettings, permission: 'grading.manage' }),
  /**
   * A new proposal from the last 12 months (ending with the current local month). Runs as job
   * 'grading' (progress in customers, cancellable with jobs.cancel: nothing is stored then).
   */
  'grading.propose': method({ input: z.object({}).default({}), output: GradingProposal, permission: 'grading.manage' }),
  /**
   * The newest open proposal, or null. When monthly proposals are on and none was made this month,
   * makes this month's first (once per month).
   */
  'grading.current': method({ input: z.object({}).default({}), output: z.object({ proposal: GradingProposal.nullable() }), permission: 'grading.manage' }),
  'grading.get': method({ input: z.object({ id: Id }), output: GradingProposal, permission: 'grading.manage' }),
  /** Proposals, newest first. */
  'grading.proposals': method({
    input: z.object({ cursor: z.string().max(2000).nullable().default(null), limit: z.number().int().min(1).max(100).default(20) }).default({ cursor: null, limit: 20 }),
    output: z.object({ rows: z.array(GradingProposal), nextCursor: z.string().nullable() }),
    permission: 'grading.manage',
  }),
  /** A proposal's items (customers whose suggested grade differs), by customer name. */
  'grading.items': method({ input: ItemQuery, output: z.object({ rows: z.array(GradingItem), nextCursor: z.string().nullable() }), permission: 'grading.manage' }),
  /** Accept, reject or reset items of an open proposal: some customers, or 'all' of them. CONFLICT reason 'status' when not open. */
  'grading.decide': method({
    input: z.object({ proposalId: Id, customerIds: z.union([z.array(Id).min(1).max(1000), z.literal('all')]), decision: z.enum(DECISIONS) }),
    output: GradingProposal,
    permission: 'grading.manage',
  }),
  /**
   * Changes every accepted item's grade in one transaction, each with a grade history row (source
   * abc or rfm, the proposal, the owner who applied). Customers edited since are skipped and listed.
   * CONFLICT reason 'status' when the proposal is not open.
   */
  'grading.apply': method({ input: z.object({ proposalId: Id }), output: ApplyResult, permission: 'grading.manage' }),
  /** Closes an open proposal without changing anything. */
  'grading.discard': method({ input: z.object({ proposalId: Id }), output: GradingProposal, permission: 'grading.manage' }),
};

export const gradingArea = defineArea({
  methods: grading,
  auditEntities: ['gradingProposal'],
  auditActions: ['grading.settings', 'grading.propose', 'grading.decide', 'grading.apply', 'grading.discard'],
});
