// The loyalty programme (客户忠诚度计划) for shops without a till: member tiers, points earned from
// sales and referrals, an append-only points ledger (积分明细) per member, rewards redeemed for
// coupons (优惠券), and tier changes with their reason. Points are integers. The ledger is the truth:
// a member's balance is kept beside it in the same transaction (never negative, never edited by
// hand) and `loyalty.check` / `clientele points check` prove balance = ledger sum for every member.
// Per-customer data follows the customers' rights and scope (read / write); the programme's set-up
// and rewards are `loyalty.manage`; corrections by hand are `points.adjust`.
import { z } from 'zod';
import { defineArea } from './area.ts';
import { Currency } from './contracts.ts';
import { CalendarDate, Id } from './customers.ts';
import { method } from './method.ts';

export const LEDGER_KINDS = ['earn', 'referral', 'redeem', 'expire', 'correction', 'reversal'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

// 'join': the first row, written on joining (from null to the first tier).
export const TIER_CAUSES = ['earn', 'expiry', 'reversal', 'correction', 'settings', 'merge', 'daily', 'join'] as const;
export type TierCause = (typeof TIER_CAUSES)[number];

export const COUPON_STATUSES = ['open', 'used', 'void'] as const;
export type CouponStatus = (typeof COUPON_STATUSES)[number];

export const TIERS_MAX = 10;
export const PER_ITEM_MAX = 200;
export const POINTS_MAX = 1_000_000_000;
export const REASON_MAX = 500;
export const TIER_NAME_MAX = 40;
export const BENEFITS_MAX = 1000;
export const REWARD_NAME_MAX = 100;
/** How many months a lot lives at most (0 = never expires). */
export const EXPIRY_MONTHS_MAX = 120;

const noControl = (s: string) => !/[\p{Cc}\u2028\u2029]/u.test(s.replace(/[\n\r\t]/g, ''));
const Text = (max: number) => z.string().trim().max(max).refine(noControl, { message: 'controlCharacter' });
const Name = (max: number) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().min(1).max(max).refine((s) => !/[\p{Cc}\u2028\u2029]/u.test(s), { message: 'controlCharacter' }));
const Cursor = z.string().max(2000).nullable().default(null);
const Limit = z.number().int().min(1).max(100).default(50);
const Points = z.number().int().min(0).max(POINTS_MAX);

// ---------------------------------------------------------------------------------------------
// Programme settings

export const Tier = z.object({
  /** Stable key (a-z, 0-9, '-', '_'): tier history and filters name it; the name may change. */
  key: z.string().regex(/^[a-z0-9_-]{1,40}$/, { message: 'tierKey' }),
  name: Name(TIER_NAME_MAX),
  /** Qualifying points (earned in the 12 months ending today) from which a member is in this tier. */
  threshold: Points,
  /** 1000 = ×1; earned points are multiplied by it (floor). */
  multiplierPermille: z.number().int().min(0).max(100_000).default(1000),
  benefits: Text(BENEFITS_MAX).default(''),
});
export type Tier = z.infer<typeof Tier>;

export const EarnRules = z.object({
  /** Per this many minor units of a sale's total (100 = per ¥1) ... */
  perAmountMinor: z.number().int().min(1).max(10 ** 12).default(100),
  /** ... this many points (0: amounts earn nothing). */
  points: Points.default(1),
  /** Points per unit (whole units of quantity) of a catalogue item, in addition. */
  perItem: z.array(z.object({ itemId: Id, points: z.number().int().min(1).max(POINTS_MAX) })).max(PER_ITEM_MAX).default([]),
});
export type EarnRules = z.infer<typeof EarnRules>;

/**
 * The programme. Tiers: 1..TIERS_MAX, unique keys, the first has threshold 0 and thresholds rise
 * strictly (VALIDATION reason 'tiers'); per-item rules name each item once ('item' for an unknown one).
 */
export const LoyaltySettingsDraft = z
  .object({
    enabled: z.boolean().default(false),
    /** The programme's currency: sales in other currencies earn nothing. */
    currency: Currency.default('CNY'),
    earn: EarnRules.default({ perAmountMinor: 100, points: 1, perItem: [] }),
    /** 0 = points never expire; else each lot expires this many months after its day. */
    expiryMonths: z.number().int().min(0).max(EXPIRY_MONTHS_MAX).default(0),
    /** Points the referrer earns for each customer they brought. */
    referralPoints: Points.default(0),
    tiers: z.array(Tier).min(1).max(TIERS_MAX),
  })
  .superRefine((s, ctx) => {
    const keys = new Set(s.tiers.map((t) => t.key));
    const rising = s.tiers.every((t, i) => (i === 0 ? t.threshold === 0 : t.threshold > s.tiers[i - 1]!.threshold));
    if (keys.size !== s.tiers.length || !rising) ctx.addIssue({ code: 'custom', path: ['tiers'], message: 'tiers' });
    const items = new Set(s.earn.perItem.map((p) => p.itemId));
    if (items.size !== s.earn.perItem.length) ctx.addIssue({ code: 'custom', path: ['earn', 'perItem'], message: 'item' });
  });
export type LoyaltySettingsDraftInput = z.input<typeof LoyaltySettingsDraft>;

export const LoyaltySettings = z.object({
  enabled: z.boolean(),
  currency: z.string(),
  earn: EarnRules,
  expiryMonths: z.number().int(),
  referralPoints: z.number().int(),
  tiers: z.array(Tier),
  /** 0 before the first save; a stale version is a CONFLICT. */
  version: z.number().int(),
});
export type LoyaltySettings = z.infer<typeof LoyaltySettings>;

export const LoyaltySettingsSave = z.object({ settings: LoyaltySettingsDraft, version: z.number().int().min(0) });
export type LoyaltySettingsSaveInput = z.input<typeof LoyaltySettingsSave>;

// ---------------------------------------------------------------------------------------------
// Rewards and coupons

export const Reward = z.object({
  id: Id,
  name: z.string(),
  /** What it costs in points. */
  points: z.number().int(),
  active: z.boolean(),
  /** How many are left; null = unlimited. Redeeming takes one (VALIDATION reason 'reward' at 0). */
  stock: z.number().int().nullable(),
  version: z.number().int(),
});
export type Reward = z.infer<typeof Reward>;

/** A new reward (no id) or an edit of one (id + version; a stale version is a CONFLICT). */
export const RewardSave = z.object({
  id: Id.optional(),
  version: z.number().int().min(1).optional(),
  name: Name(REWARD_NAME_MAX),
  points: z.number().int().min(1).max(POINTS_MAX),
  active: z.boolean().default(true),
  stock: z.number().int().min(0).max(POINTS_MAX).nullable().default(null),
});
export type RewardSaveInput = z.input<typeof RewardSave>;

export const CouponActions = z.object({ use: z.boolean(), void: z.boolean() });
export type CouponActions = z.infer<typeof CouponActions>;

export const Coupon = z.object({
  id: Id,
  /** Unique and readable (e.g. 'QK7M-3XPA'): no 0/O, 1/I look-alikes. */
  code: z.string(),
  customerId: Id,
  rewardId: Id,
  rewardName: z.string(),
  /** The points it cost. */
  points: z.number().int(),
  issuedOn: CalendarDate,
  usedOn: CalendarDate.nullable(),
  status: z.enum(COUPON_STATUSES),
  actions: CouponActions,
});
export type Coupon = z.infer<typeof Coupon>;

// ---------------------------------------------------------------------------------------------
// Members and the ledger

export const LedgerEntry = z.object({
  id: Id,
  customerId: Id,
  kind: z.enum(LEDGER_KINDS),
  /** Signed: earn/referral > 0, redeem/expire < 0, correction ≠ 0, reversal ≤ 0 (0 only when a sale's points were all spent: its reason says the shortfall). */
  points: z.number().int(),
  onDay: CalendarDate,
  at: z.number(),
  saleId: Id.nullable(),
  rewardId: Id.nullable(),
  couponId: Id.nullable(),
  /** An earn or referral lot's first day no longer valid (its expiry entry is written on it); null = never. */
  expiresOn: CalendarDate.nullable(),
  reason: z.string(),
  createdBy: Id.nullable(),
  createdByName: z.string().nullable(),
});
export type LedgerEntry = z.infer<typeof LedgerEntry>;

export const MemberActions = z.object({
  /** Join the programme (customers.write, programme enabled, not yet a member). */
  join: z.boolean(),
  /** A correction by hand (points.adjust). */
  adjust: z.boolean(),
  redeem: z.boolean(),
  referral: z.boolean(),
});
export type MemberActions = z.infer<typeof MemberActions>;

export const Member = z.object({
  joinedOn: CalendarDate,
  tierKey: z.string(),
  tierName: z.string(),
  balance: z.number().int(),
  /** Points earned (earn + referral, minus their reversals) in the 12 months ending today. */
  qualifying: z.number().int(),
  /** What will expire in the next calendar month. */
  expiringNextMonth: z.number().int(),
  /** The next tier up and the qualifying points still needed; null at the top. */
  nextTier: z.object({ name: z.string(), needed: z.number().int() }).nullable(),
});
export type Member = z.infer<typeof Member>;

export const MemberView = z.object({
  member: Member.nullable(),
  actions: MemberActions,
  /** The programme as a member's page needs it. */
  programme: z.object({ enabled: z.boolean(), currency: z.string(), referralPoints: z.number().int() }),
  /** Active rewards with stock left, cheapest first (what may be redeemed). */
  rewards: z.array(Reward),
});
export type MemberView = z.infer<typeof MemberView>;

export const MemberRow = z.object({
  customerId: Id,
  customerName: z.string(),
  customerCode: z.string(),
  grade: z.string(),
  joinedOn: CalendarDate,
  tierKey: z.string(),
  tierName: z.string(),
  balance: z.number().int(),
  qualifying: z.number().int(),
  expiringNextMonth: z.number().int(),
});
export type MemberRow = z.infer<typeof MemberRow>;

export const MembersQuery = z.object({
  tier: z.string().max(40).optional(),
  /** Only members with points expiring in the next calendar month. */
  expiringNextMonth: z.boolean().optional(),
  /** Part of the customer's name or code. */
  q: z.string().trim().max(200).optional(),
  cursor: Cursor,
  limit: Limit,
});
export type MembersQueryInput = z.input<typeof MembersQuery>;

export const MembersPage = z.object({
  rows: z.array(MemberRow),
  next: z.string().nullable(),
  /** The programme's tiers (key, name), lowest first: the tier filter's choices. */
  tiers: z.array(z.object({ key: z.string(), name: z.string() })),
});
export type MembersPage = z.infer<typeof MembersPage>;

export const LedgerQuery = z.object({ customerId: Id, cursor: Cursor, limit: Limit });
export type LedgerQueryInput = z.input<typeof LedgerQuery>;

export const LedgerPage = z.object({
  /** Newest first. */
  rows: z.array(LedgerEntry),
  next: z.string().nullable(),
  balance: z.number().int(),
});
export type LedgerPage = z.infer<typeof LedgerPage>;

export const TierChange = z.object({
  id: Id,
  at: z.number(),
  onDay: CalendarDate,
  /** null: the first tier on joining. */
  from: z.string().nullable(),
  fromName: z.string().nullable(),
  to: z.string(),
  toName: z.string(),
  qualifying: z.number().int(),
  /** The threshold crossed (the new tier's going up, the old one's going down). */
  threshold: z.number().int(),
  cause: z.enum(TIER_CAUSES),
});
export type TierChange = z.infer<typeof TierChange>;

/** Where a balance differs from its ledger sum (or a lot's remainder is off): customer and both values. */
export const LedgerDifference = z.object({
  customerId: Id,
  balance: z.number().int().nullable(),
  ledgerSum: z.number().int(),
});
export type LedgerDifference = z.infer<typeof LedgerDifference>;

const CustomerInput = z.object({ customerId: Id });
const BalanceResult = z.object({ entry: LedgerEntry, balance: z.number().int() });

export const loyalty = {
  'loyalty.settings': method({ input: z.object({}).default({}), output: LoyaltySettings, permission: 'loyalty.manage' }),
  /** Tier changes recompute every member's tier (cause 'settings'). */
  'loyalty.saveSettings': method({ input: LoyaltySettingsSave, output: LoyaltySettings, permission: 'loyalty.manage' }),
  /** Every reward, active first, then by name. */
  'loyalty.rewards': method({ input: z.object({}).default({}), output: z.object({ rows: z.array(Reward) }), permission: 'loyalty.manage' }),
  'loyalty.saveReward': method({ input: RewardSave, output: Reward, permission: 'loyalty.manage' }),
  /** Members in the caller's scope, highest balance first, keyset paged. */
  'loyalty.members': method({ input: MembersQuery, output: MembersPage, permission: 'customers.read' }),
  /** One customer's standing (member null when not a member). A customer not in scope → NOT_FOUND. */
  'loyalty.member': method({ input: CustomerInput, output: MemberView, permission: 'customers.read' }),
  'loyalty.ledger': method({ input: LedgerQuery, output: LedgerPage, permission: 'customers.read' }),
  /** Newest first. */
  'loyalty.tierHistory': method({ input: CustomerInput, output: z.object({ rows: z.array(TierChange) }), permission: 'customers.read' }),
  /** Newest first. */
  'loyalty.coupons': method({ input: CustomerInput, output: z.object({ rows: z.array(Coupon) }), permission: 'customers.read' }),
  /** Programme not enabled → VALIDATION reason 'loyaltyOff'; already a member → the member as they are. */
  'loyalty.join': method({ input: CustomerInput, output: MemberView, permission: 'customers.write' }),
  /** A correction by hand (points ≠ 0, reason required); a balance that would go negative → VALIDATION reason 'points'; not a member → 'member'. */
  'loyalty.adjust': method({
    input: z.object({ customerId: Id, points: z.number().int().min(-POINTS_MAX).max(POINTS_MAX).refine((n) => n !== 0, { message: 'points' }), reason: Name(REASON_MAX) }),
    output: BalanceResult,
    permission: 'points.adjust',
  }),
  /** Too few points → VALIDATION reason 'points'; an inactive reward or none left → 'reward' (an unknown one: NOT_FOUND); not a member → 'member'. */
  'loyalty.redeem': method({ input: z.object({ customerId: Id, rewardId: Id }), output: z.object({ coupon: Coupon, balance: z.number().int() }), permission: 'customers.write' }),
  /** An open coupon only (else CONFLICT reason 'status'). */
  'loyalty.useCoupon': method({ input: z.object({ couponId: Id }), output: Coupon, permission: 'customers.write' }),
  /** An open coupon only (else CONFLICT reason 'status'); its points come back as a correction. */
  'loyalty.voidCoupon': method({ input: z.object({ couponId: Id, reason: Name(REASON_MAX) }), output: Coupon, permission: 'customers.write' }),
  /** Each referred customer counts once, and nobody refers themselves (VALIDATION reason 'referred'); the referrer must be a member ('member'); an unknown referred customer is NOT_FOUND. */
  'loyalty.referral': method({ input: z.object({ customerId: Id, referredId: Id, reason: Text(REASON_MAX).default('') }), output: BalanceResult, permission: 'customers.write' }),
  /** Every member's balance against their ledger sum; `ok` when all equal. */
  'loyalty.check': method({ input: z.object({}).default({}), output: z.object({ ok: z.boolean(), members: z.number().int(), entries: z.number().int(), differences: z.array(LedgerDifference) }), permission: 'system.check' }),
};

export const loyaltyArea = defineArea({
  methods: loyalty,
  auditEntities: ['loyaltyProgramme', 'loyaltyReward', 'loyaltyMember', 'points', 'coupon'],
  auditActions: [
    'loyaltyProgramme.update',
    'loyaltyReward.create',
    'loyaltyReward.update',
    'loyaltyMember.join',
    'points.adjust',
    'points.redeem',
    'points.referral',
    'coupon.use',
    'coupon.void',
  ],
});

/** A customer's member actions, from the caller's rights (the core decides; the UI shows what it says). */
export function memberActions(rights: { write: boolean; adjust: boolean }, state: { enabled: boolean; member: boolean }): MemberActions {
  return {
    join: rights.write && state.enabled && !state.member,
    adjust: rights.adjust && state.member,
    redeem: rights.write && state.member,
    referral: rights.write && state.member && state.enabled,
  };
}
