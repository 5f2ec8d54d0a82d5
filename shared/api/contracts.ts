// The contract register: contracts of customers, with a status derived from their dates
// (shared/contract-status.ts), renewal by auto-renew, termination, and the recycle bin. A caller
// sees the contracts of the customers they may see (the staff-scope setting); permissions are the
// customers' own (read, write, delete, purge).
import { z } from 'zod';
import { defineArea } from './area.ts';
import { CalendarDate, Id } from './customers.ts';
import { method } from './method.ts';
import { customerActions, type Role } from '../roles.ts';

export const CONTRACT_TYPES = ['sales', 'service', 'framework', 'nda', 'other'] as const;
export const CONTRACT_STATUSES = ['draft', 'active', 'expiring', 'expired', 'terminated', 'renewed'] as const;
export const CONTRACT_SORTS = ['end', 'signed', 'amount', 'number'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];
export type ContractSort = (typeof CONTRACT_SORTS)[number];

export const CONTRACT_NUMBER_MAX = 40;
export const DEFAULT_NOTICE_DAYS = 30;
/** The largest amount in minor units: beyond it a number in JSON is no longer exact. */
export const AMOUNT_MAX = Number.MAX_SAFE_INTEGER;

/**
 * When two contract numbers are the same number: compatibility look-alikes folded (full-width
 * `ＨＴ－２０２６`) and letter case ignored, as tags and user names compare.
 */
export function contractNumberKey(number: string): string {
  return number.trim().normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC');
}

const noControl = (s: string) => !/[\p{Cc}\u2028\u2029]/u.test(s);

/** A contract number as typed: trimmed, in NFKC (full-width letters and digits become plain ones). */
export const ContractNumber = z
  .string()
  .transform((s) => s.normalize('NFKC').trim())
  .pipe(z.string().min(1).max(CONTRACT_NUMBER_MAX).refine(noControl, { message: 'controlCharacter' }));

/** An ISO 4217 code this runtime knows (its minor digits come from Intl.NumberFormat). */
export const Currency = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().refine((s) => /^[A-Z]{3}$/.test(s) && knownCurrency(s), { message: 'currency' }));

let currencies: Set<string> | null = null;
const CURRENCIES = () => (currencies ??= new Set(Intl.supportedValuesOf('currency')));

export function knownCurrency(code: string): boolean {
  return CURRENCIES().has(code);
}

/** Digits after the decimal point of a currency's minor unit (CNY 2, JPY 0), as Intl.NumberFormat has them. */
export function currencyDigits(code: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
}

const NullableDate = CalendarDate.nullable().default(null);

const ContractFields = z.object({
  number: ContractNumber,
  title: z.string().trim().min(1).max(200).refine(noControl, { message: 'controlCharacter' }),
  customerId: Id,
  type: z.enum(CONTRACT_TYPES).default('sales'),
  /** Integer minor units (fen for CNY); null: no amount given. */
  amount: z.number().int().min(0).max(AMOUNT_MAX).nullable().default(null),
  currency: Currency.default('CNY'),
  signedOn: NullableDate,
  startOn: NullableDate,
  endOn: NullableDate,
  autoRenew: z.boolean().default(false),
  /** How far one renewal rolls the end date; needed (with an end date) for auto-renew. */
  renewalMonths: z.number().int().min(1).max(120).nullable().default(null),
  /** The notice period: from the end date less this many days the contract is expiring. */
  noticeDays: z.number().int().min(0).max(365).default(DEFAULT_NOTICE_DAYS),
  /** The responsible staff member (an active user who can own customers), or nobody. */
  ownerId: Id.nullable().default(null),
  notes: z.string().trim().max(20_000).default(''),
});

type FieldValues = z.output<typeof ContractFields>;

/** The checks across fields, shared by the draft and the update. */
function checkDates(draft: FieldValues, ctx: z.RefinementCtx): void {
  if (draft.startOn !== null && draft.endOn !== null && draft.endOn < draft.startOn) {
    ctx.addIssue({ code: 'custom', path: ['endOn'], message: 'dateOrder' });
  }
  if (draft.autoRenew && draft.renewalMonths === null) ctx.addIssue({ code: 'custom', path: ['renewalMonths'], message: 'renewalTerm' });
  if (draft.autoRenew && draft.endOn === null) ctx.addIssue({ code: 'custom', path: ['endOn'], message: 'renewalTerm' });
}

export const ContractDraft = ContractFields.superRefine(checkDates);
export type ContractDraftInput = z.input<typeof ContractDraft>;
export type ContractDraftValue = z.output<typeof ContractDraft>;

/** What the caller may do with this contract (the core refuses exactly what this says no to). */
export const ContractActions = z.object({ edit: z.boolean(), delete: z.boolean(), terminate: z.boolean() });
export type ContractActions = z.infer<typeof ContractActions>;

export const ContractStatus = z.enum(CONTRACT_STATUSES);

export const ContractEvent = z.object({
  /** 'renewed' (fromEnd → toEnd), 'terminated'. */
  kind: z.string(),
  at: z.number(),
  /** The calendar day it took effect: a renewal's first new day, a termination's date. */
  onDay: z.string().nullable(),
  fromEnd: z.string().nullable(),
  toEnd: z.string().nullable(),
  note: z.string(),
  /** Who did it; null for what happened by itself (auto-renew). */
  byName: z.string().nullable(),
});
export type ContractEvent = z.infer<typeof ContractEvent>;

export const Contract = z.object({
  id: Id,
  ...ContractFields.shape,
  number: z.string(),
  title: z.string(),
  currency: z.string(),
  signedOn: z.string().nullable(),
  startOn: z.string().nullable(),
  endOn: z.string().nullable(),
  notes: z.string(),
  customerName: z.string(),
  customerCode: z.string(),
  ownerName: z.string().nullable(),
  status: ContractStatus,
  /** The first day of the notice period (end date less the notice days); null without an end date. */
  noticeOn: z.string().nullable(),
  renewals: z.number().int(),
  terminatedOn: z.string().nullable(),
  terminationReason: z.string(),
  /** Oldest first. */
  events: z.array(ContractEvent),
  createdAt: z.number(),
  updatedAt: z.number(),
  deletedAt: z.number().nullable(),
  version: z.number().int(),
  actions: ContractActions,
});
export type Contract = z.infer<typeof Contract>;

export const ContractRow = Contract.pick({
  id: true,
  number: true,
  title: true,
  customerId: true,
  customerName: true,
  type: true,
  amount: true,
  currency: true,
  signedOn: true,
  startOn: true,
  endOn: true,
  status: true,
  ownerName: true,
  deletedAt: true,
  actions: true,
});
export type ContractRow = z.infer<typeof ContractRow>;

export const ContractFilters = z.object({
  status: ContractStatus.optional(),
  type: z.enum(CONTRACT_TYPES).optional(),
  customerId: Id.optional(),
  ownerId: Id.optional(),
  /** End date between today and today + N days, not terminated. */
  expiringWithinDays: z.number().int().min(0).max(3650).optional(),
  signedFrom: CalendarDate.optional(),
  signedTo: CalendarDate.optional(),
  /** Minor units, inclusive. */
  amountMin: z.number().int().min(0).max(AMOUNT_MAX).optional(),
  amountMax: z.number().int().min(0).max(AMOUNT_MAX).optional(),
  currency: Currency.optional(),
  /** Part of the number or the title. */
  q: z.string().trim().max(200).optional(),
});
export type ContractFilters = z.infer<typeof ContractFilters>;
export type ContractFiltersInput = z.input<typeof ContractFilters>;

export const ContractQuery = ContractFilters.extend({
  /** end: end date (none last); signed: signed date (none last); amount (none last); number. */
  sort: z.enum(CONTRACT_SORTS).default('end'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  cursor: z.string().max(2000).nullable().default(null),
  limit: z.number().int().min(1).max(100).default(50),
});
export type ContractQueryInput = z.input<typeof ContractQuery>;

export const ContractPage = z.object({ rows: z.array(ContractRow), nextCursor: z.string().nullable() });
export type ContractPage = z.infer<typeof ContractPage>;

export const ContractSummary = z.object({
  count: z.number().int(),
  /** One entry per status and currency that has contracts; amount sums the contracts that have one. */
  totals: z.array(z.object({ status: ContractStatus, currency: z.string(), count: z.number().int(), amount: z.number() })),
});
export type ContractSummary = z.infer<typeof ContractSummary>;

const Version = z.number().int().min(1);
const IdInput = z.object({ id: Id });

export const contracts = {
  'contracts.list': method({ input: ContractQuery, output: ContractPage, permission: 'customers.read' }),
  'contracts.summary': method({ input: ContractFilters, output: ContractSummary, permission: 'customers.read' }),
  'contracts.get': method({ input: IdInput, output: Contract, permission: 'customers.read' }),
  /** A number another contract has (letter case and width ignored) is a CONFLICT with reason 'number'. */
  'contracts.create': method({ input: ContractDraft, output: Contract, permission: 'customers.write' }),
  'contracts.update': method({ input: ContractFields.extend({ id: Id, version: Version }).superRefine(checkDates), output: Contract, permission: 'customers.write' }),
  /** Ends the contract on `on` (today or another day); from that day its status is terminated and it no longer renews. */
  'contracts.terminate': method({
    input: z.object({ id: Id, version: Version, on: CalendarDate, reason: z.string().trim().max(2000).default('') }),
    output: Contract,
    permission: 'customers.write',
  }),
  'contracts.delete': method({ input: z.object({ id: Id, version: Version }), output: z.object({ id: Id }), permission: 'customers.delete' }),
  'contracts.restore': method({ input: IdInput, output: Contract, permission: 'customers.delete' }),
  /** The recycle bin's contracts (deleted on their own, or with their customer), most recently deleted first. */
  'contracts.listDeleted': method({
    input: z.object({ cursor: z.string().max(2000).nullable().default(null), limit: z.number().int().min(1).max(100).default(50) }),
    output: ContractPage,
    permission: 'customers.delete',
  }),
  /** The next free number of this year (the shop's local year): HT-2026-0001. */
  'contracts.suggestNumber': method({ input: z.object({}), output: z.object({ number: z.string() }), permission: 'customers.write' }),
  /** Contracts in their notice period that the caller sees (the nav badge). */
  'contracts.expiringCount': method({ input: z.object({}), output: z.object({ count: z.number().int() }), permission: 'customers.read' }),
};

export const contractsArea = defineArea({
  methods: contracts,
  auditEntities: ['contract'],
  auditActions: ['contract.create', 'contract.update', 'contract.terminate', 'contract.renew', 'contract.delete', 'contract.restore'],
});

/**
 * What a caller may do with one contract they can see: the customers' row-level rule (staff delete
 * and restore only what they created), editing and terminating for whoever writes customers, not
 * in the recycle bin, and terminating once.
 */
export function contractActions(
  caller: { userId: number; role: Role },
  contract: { createdBy: number | null; deletedAt: number | null; terminatedOn: string | null },
): ContractActions {
  const rule = customerActions(caller, { createdBy: contract.createdBy });
  const live = contract.deletedAt === null;
  return { edit: rule.edit && live, delete: rule.delete, terminate: rule.edit && live && contract.terminatedOn === null };
}

/**
 * An amount as people type it (`1234.50`, `1,234.5`, `１２３４`) → integer minor units of
 * `currency`, exactly: the digits are moved, never multiplied as a float. Null when it is not a
 * plain non-negative decimal, has more decimals than the currency has (a third for CNY, any for JPY), or
 * is too large to be exact.
 */
export function parseAmount(text: string, currency: string): number | null {
  let plain = text.normalize('NFKC').replace(/\s/g, '');
  // Commas only as thousands separators (1,234.50): "1,5" is not guessed at.
  if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(plain)) plain = plain.replace(/,/g, '');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(plain);
  if (!match) return null;
  const digits = currencyDigits(currency);
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  const minor = BigInt(match[1]! + fraction.padEnd(digits, '0')); // the whole part matched
  return minor <= BigInt(AMOUNT_MAX) ? Number(minor) : null;
}

/** Minor units back as decimal text (123450 CNY → '1234.50'), for a form field or a CSV. */
export function formatAmount(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  if (digits === 0) return String(minor);
  const text = String(minor).padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
