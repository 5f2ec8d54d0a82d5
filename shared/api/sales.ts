// Sales records (销售记录) and the shop's product/service catalogue (产品/服务目录). A sale belongs to
// a customer, has a day (`soldOn`, the shop's local calendar day: a sale at 23:30 on the last day of
// a month is in that month in every time zone), one currency and 1–200 lines. Money is integer minor
// units end to end; quantities are integer thousandths (`quantityMilli`: 1.5 → 1500). A line's
// amount is round_half_up(quantityMilli × unitPriceMinor / 1000) − discountMinor, computed with
// BigInt (the product passes 2^53 long before the limits do) and never negative; a sale's total is
// the sum of its lines. Sums over several sales are per currency: two currencies are never added.
// A caller sees the sales of the customers they may see (the staff-scope setting); permissions are
// the customers' own (read, write, delete), staff delete and restore only what they created, and
// every row carries `actions`. The catalogue is edited with `catalogue.manage` and read by anyone
// who may write sales.
import { z } from 'zod';
import { defineArea } from './area.ts';
import { AMOUNT_MAX, Currency } from './contracts.ts';
import { CalendarDate, GRADES, Id } from './customers.ts';
import { method } from './method.ts';
import { customerActions, type Role } from '../roles.ts';

export const CATALOGUE_KINDS = ['product', 'service'] as const;
export type CatalogueKind = (typeof CATALOGUE_KINDS)[number];

export const CATALOGUE_MAX = 2000;
export const LINE_NAME_MAX = 200;
export const SALE_NOTES_MAX = 2000;
export const UNIT_MAX = 20;
export const SALE_LINES_MAX = 200;
export const UNIT_PRICE_MAX = 10 ** 13;
export const QUANTITY_MILLI_MAX = 10 ** 9;
/** How many characters of the first lines' names a list row's summary carries. */
export const SALE_SUMMARY_CHARS = 120;

const noControl = (s: string) => !/[\p{Cc}\u2028\u2029]/u.test(s.replace(/[\n\r\t]/g, ''));
const Text = (max: number) => z.string().trim().max(max).refine(noControl, { message: 'controlCharacter' });
const Name = z
  .string()
  .transform((s) => s.normalize('NFC').trim())
  .pipe(z.string().min(1).max(LINE_NAME_MAX).refine((s) => !/[\p{Cc}\u2028\u2029]/u.test(s), { message: 'controlCharacter' }));
const Version = z.number().int().min(1);
/** A calendar month, 'YYYY-MM'. */
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month' });

// ---------------------------------------------------------------------------------------------
// Money and quantities: pure, shared by the core (which judges), the CLI and the form (preview).

/**
 * A line's amount in minor units: round_half_up(quantityMilli × unitPriceMinor / 1000) −
 * discountMinor, with BigInt so no product is rounded by a float. Null when it would be negative
 * or pass AMOUNT_MAX (2^53 − 1: beyond it a number in JSON is no longer exact) — reason 'amount'.
 */
export function lineAmountMinor(quantityMilli: number, unitPriceMinor: number, discountMinor = 0): number | null {
  const gross = (BigInt(quantityMilli) * BigInt(unitPriceMinor) + 500n) / 1000n; // both ≥ 0: half up
  const net = gross - BigInt(discountMinor);
  if (net < 0n || net > BigInt(AMOUNT_MAX)) return null;
  return Number(net);
}

/** The sum of line amounts (null when one is invalid or the sum passes AMOUNT_MAX). */
export function saleTotalMinor(lines: readonly { quantityMilli: number; unitPriceMinor: number; discountMinor?: number | undefined }[]): number | null {
  let total = 0n;
  for (const line of lines) {
    const amount = lineAmountMinor(line.quantityMilli, line.unitPriceMinor, line.discountMinor ?? 0);
    if (amount === null) return null;
    total += BigInt(amount);
  }
  return total > BigInt(AMOUNT_MAX) ? null : Number(total);
}

/** Sums per currency, never across: [{ currency, totalMinor }] sorted by currency. */
export function totalsByCurrency(rows: readonly { currency: string; totalMinor: number }[]): { currency: string; totalMinor: number }[] {
  const sums = new Map<string, bigint>();
  for (const row of rows) sums.set(row.currency, (sums.get(row.currency) ?? 0n) + BigInt(row.totalMinor));
  return [...sums].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([currency, total]) => ({ currency, totalMinor: Number(total) }));
}

/**
 * A quantity as typed ('2', '1.5', '0.125', full-width digits too) → integer thousandths, without
 * a float; null when it is not a positive number with at most 3 decimals within the limit.
 */
export function parseQuantityMilli(text: string): number | null {
  const match = /^(\d+)(?:\.(\d{0,3}))?$/.exec(text.normalize('NFKC').replace(/\s/g, ''));
  if (!match) return null;
  const milli = BigInt(match[1]! + (match[2] ?? '').padEnd(3, '0')); // the whole part matched
  return milli >= 1n && milli <= BigInt(QUANTITY_MILLI_MAX) ? Number(milli) : null;
}

/** Thousandths back as text (1500 → '1.5', 2000 → '2'). */
export function formatQuantity(quantityMilli: number): string {
  const whole = Math.floor(quantityMilli / 1000);
  const fraction = String(quantityMilli % 1000).padStart(3, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/** The month ('YYYY-MM') a sale counts in: its calendar day's, whatever the time zone. */
export function monthOf(soldOn: string): string {
  return soldOn.slice(0, 7);
}

// ---------------------------------------------------------------------------------------------
// Catalogue

export const CatalogueItem = z.object({
  id: Id,
  name: z.string(),
  kind: z.enum(CATALOGUE_KINDS),
  /** 件, 次, 小时, kg …: free text. */
  unit: z.string(),
  priceMinor: z.number().int(),
  currency: z.string(),
  active: z.boolean(),
  version: z.number().int(),
});
export type CatalogueItem = z.infer<typeof CatalogueItem>;

/** A name the same as an active item's (letter case ignored) → CONFLICT reason 'duplicate'. */
export const CatalogueDraft = z.object({
  name: Name,
  kind: z.enum(CATALOGUE_KINDS).default('product'),
  unit: Text(UNIT_MAX).default(''),
  priceMinor: z.number().int().min(0).max(UNIT_PRICE_MAX),
  currency: Currency.default('CNY'),
});
export type CatalogueDraftInput = z.input<typeof CatalogueDraft>;

/** Only the fields given change: no defaults here (a partial of the draft would fill kind, unit and currency back in). */
export const CatalogueUpdate = z.object({
  id: Id,
  version: Version,
  name: Name.optional(),
  kind: z.enum(CATALOGUE_KINDS).optional(),
  unit: Text(UNIT_MAX).optional(),
  priceMinor: z.number().int().min(0).max(UNIT_PRICE_MAX).optional(),
  currency: Currency.optional(),
});
export type CatalogueUpdateInput = z.input<typeof CatalogueUpdate>;

export const CatalogueQuery = z
  .object({
    /** Part of the name (letter case ignored). */
    q: z.string().trim().max(200).optional(),
    includeInactive: z.boolean().default(false),
  })
  .default({ includeInactive: false });

// ---------------------------------------------------------------------------------------------
// Sales

export const SaleLineDraft = z
  .object({
    /** The catalogue item it was picked from (its name and price are copied, then editable). */
    itemId: Id.nullable().optional(),
    name: Name,
    quantityMilli: z.number().int().min(1).max(QUANTITY_MILLI_MAX),
    unitPriceMinor: z.number().int().min(0).max(UNIT_PRICE_MAX),
    discountMinor: z.number().int().min(0).max(AMOUNT_MAX).default(0),
  })
  .superRefine((line, ctx) => {
    if (lineAmountMinor(line.quantityMilli, line.unitPriceMinor, line.discountMinor) === null) {
      ctx.addIssue({ code: 'custom', path: ['discountMinor'], message: 'amount' });
    }
  });
export type SaleLineDraftInput = z.input<typeof SaleLineDraft>;

const SaleFields = z.object({
  customerId: Id,
  soldOn: CalendarDate,
  currency: Currency.default('CNY'),
  /** A contract of the same customer, or none. */
  contractId: Id.nullable().default(null),
  /** Who sold: an active user who can own customers, or nobody. */
  staffId: Id.nullable().default(null),
  notes: Text(SALE_NOTES_MAX).default(''),
  lines: z.array(SaleLineDraft).min(1).max(SALE_LINES_MAX),
});

function checkTotal(draft: { lines: { quantityMilli: number; unitPriceMinor: number; discountMinor: number }[] }, ctx: z.RefinementCtx): void {
  if (saleTotalMinor(draft.lines) === null) ctx.addIssue({ code: 'custom', path: ['lines'], message: 'amount' });
}

/**
 * A new sale. A customer the caller does not see → VALIDATION 'customer'; a contract not of that
 * customer → 'contract'; a staff member who is not an active user able to own customers → 'staff';
 * an unknown catalogue item → 'item'; a negative line or a total past AMOUNT_MAX → 'amount'.
 */
export const SaleDraft = SaleFields.superRefine(checkTotal);
export type SaleDraftInput = z.input<typeof SaleDraft>;
export type SaleDraftValue = z.output<typeof SaleDraft>;

/** An edit replaces the whole sale (its lines too); a stale version is a CONFLICT. */
export const SaleUpdate = SaleFields.extend({ id: Id, version: Version }).superRefine(checkTotal);
export type SaleUpdateInput = z.input<typeof SaleUpdate>;

export const SaleActions = z.object({ edit: z.boolean(), delete: z.boolean(), restore: z.boolean() });
export type SaleActions = z.infer<typeof SaleActions>;

export const SaleLine = z.object({
  id: Id,
  /** 0-based order within the sale. */
  position: z.number().int(),
  itemId: Id.nullable(),
  name: z.string(),
  quantityMilli: z.number().int(),
  unitPriceMinor: z.number().int(),
  discountMinor: z.number().int(),
  amountMinor: z.number().int(),
});
export type SaleLine = z.infer<typeof SaleLine>;

export const SaleRow = z.object({
  id: Id,
  customerId: Id,
  customerName: z.string(),
  customerCode: z.string(),
  soldOn: CalendarDate,
  currency: z.string(),
  totalMinor: z.number().int(),
  lineCount: z.number().int(),
  /** The first lines' names joined by '、', at most SALE_SUMMARY_CHARS characters. */
  summary: z.string(),
  staffId: Id.nullable(),
  staffName: z.string().nullable(),
  contractId: Id.nullable(),
  contractNumber: z.string().nullable(),
  deletedAt: z.number().nullable(),
  version: z.number().int(),
  actions: SaleActions,
});
export type SaleRow = z.infer<typeof SaleRow>;

export const Sale = SaleRow.extend({
  lines: z.array(SaleLine),
  notes: z.string(),
  createdAt: z.number(),
  createdBy: Id.nullable(),
  createdByName: z.string().nullable(),
  updatedAt: z.number(),
});
export type Sale = z.infer<typeof Sale>;

/** The filters the list, the count and the dashboard's drill-down links share. */
export const SaleFilters = z.object({
  customerId: Id.optional(),
  /** Sales whose soldOn is in this month ('YYYY-MM'). */
  month: Month.optional(),
  from: CalendarDate.optional(),
  to: CalendarDate.optional(),
  /** The customer's current grade. */
  grade: z.enum(GRADES).optional(),
  /** The customer's responsible staff member. */
  ownerId: Id.optional(),
  /** Who sold. */
  staffId: Id.optional(),
  currency: Currency.optional(),
  contractId: Id.optional(),
  /** Part of a line's name or of the notes (letter case ignored). */
  q: z.string().trim().max(200).optional(),
  /** The recycle bin's sales instead of the live ones (customers.delete). */
  deleted: z.boolean().default(false),
});
export type SaleFiltersInput = z.input<typeof SaleFilters>;

export const SaleQuery = SaleFilters.extend({
  /** The `next` of the previous page: opaque. */
  cursor: z.string().max(2000).nullable().default(null),
  limit: z.number().int().min(1).max(100).default(50),
});
export type SaleQueryInput = z.input<typeof SaleQuery>;

export const SalePage = z.object({ rows: z.array(SaleRow), next: z.string().nullable() });
export type SalePage = z.infer<typeof SalePage>;

export const CurrencyTotal = z.object({ currency: z.string(), totalMinor: z.number().int() });
export type CurrencyTotal = z.infer<typeof CurrencyTotal>;

export const SaleCount = z.object({ count: z.number().int(), totals: z.array(CurrencyTotal) });
export type SaleCount = z.infer<typeof SaleCount>;

const IdInput = z.object({ id: Id });

/** Where a summary table differs from a full recomputation: the table, the key and both values (null: no row). */
export const SummaryDifference = z.object({
  table: z.enum(['sales_monthly', 'customer_sales']),
  /** customer_id, and for sales_monthly the month and currency, separated by spaces. */
  key: z.string(),
  stored: z.string().nullable(),
  expected: z.string().nullable(),
});
export type SummaryDifference = z.infer<typeof SummaryDifference>;

export const sales = {
  /** The catalogue, active items by name (also the inactive ones when asked). */
  'catalogue.list': method({ input: CatalogueQuery, output: z.object({ rows: z.array(CatalogueItem) }), permission: 'customers.write' }),
  /** A shop keeps at most CATALOGUE_MAX items (CONFLICT reason 'limit'). */
  'catalogue.create': method({ input: CatalogueDraft, output: CatalogueItem, permission: 'catalogue.manage' }),
  'catalogue.update': method({ input: CatalogueUpdate, output: CatalogueItem, permission: 'catalogue.manage' }),
  /** An inactive item is no longer offered; sales that named it keep their copy of the name. */
  'catalogue.setActive': method({ input: z.object({ id: Id, version: Version, active: z.boolean() }), output: CatalogueItem, permission: 'catalogue.manage' }),
  /** Newest first (soldOn, then id), keyset paged. */
  'sales.list': method({ input: SaleQuery, output: SalePage, permission: 'customers.read' }),
  /** How many sales the filters hold, and their totals per currency (the dashboard's drill-down check). */
  'sales.count': method({ input: SaleFilters.default({ deleted: false }), output: SaleCount, permission: 'customers.read' }),
  /** One sale with its lines, also one in the recycle bin (deletedAt set). */
  'sales.get': method({ input: IdInput, output: Sale, permission: 'customers.read' }),
  'sales.create': method({ input: SaleDraft, output: Sale, permission: 'customers.write' }),
  'sales.update': method({ input: SaleUpdate, output: Sale, permission: 'customers.write' }),
  'sales.delete': method({ input: IdInput, output: z.object({ id: Id }), permission: 'customers.delete' }),
  'sales.restore': method({ input: IdInput, output: Sale, permission: 'customers.delete' }),
  /** The summary tables (revenue per customer and month, first/last sale) against a full recomputation from the sales; `ok` when equal. */
  'sales.check': method({ input: z.object({}).default({}), output: z.object({ ok: z.boolean(), differences: z.array(SummaryDifference) }), permission: 'system.check' }),
};

export const salesArea = defineArea({
  methods: sales,
  auditEntities: ['sale', 'catalogueItem'],
  auditActions: ['sale.create', 'sale.update', 'sale.delete', 'sale.restore', 'catalogue.create', 'catalogue.update', 'catalogue.setActive'],
});

/** What a caller may do with one sale they can see: the customers' row-level rule. */
export function saleActions(caller: { userId: number; role: Role }, sale: { createdBy: number | null; deletedAt: number | null }): SaleActions {
  const rule = customerActions(caller, { createdBy: sale.createdBy });
  const live = sale.deletedAt === null;
  return { edit: rule.edit && live, delete: rule.delete && live, restore: rule.delete && !live };
}
