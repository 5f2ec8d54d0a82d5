// The dashboard (报表): every figure of the shop in one answer for a period of months, each carrying
// the list behind it (`link`: the area and the filters that list accepts), so a click on a bar, a
// slice or a number opens exactly the rows counted (the list's count equals the figure). Staff see
// their own customers' figures when the staff-scope setting is on, as every list. Money is per
// currency in integer minor units, never added across currencies. Months are the shop's local
// calendar months (a sale's soldOn; surveys and visits by their local day).
import { z } from 'zod';
import { defineArea } from './area.ts';
import { GRADES, Id, STAGES } from './customers.ts';
import { method } from './method.ts';
import type { Permission } from '../roles.ts';
import { Month, monthsBetween } from './surveys.ts';

/** The longest period one dashboard covers. */
export const DASHBOARD_MONTHS_MAX = 36;
/** The default period: this many months ending with the current local month. */
export const DASHBOARD_DEFAULT_MONTHS = 12;
/** Contracts expiring within this many days (from today) count as expiring. */
export const EXPIRING_DAYS = 30;

export const LINK_AREAS = ['customers', 'sales', 'surveys', 'complaints', 'visits', 'contracts', 'churn'] as const;
export type LinkArea = (typeof LINK_AREAS)[number];

/**
 * The list behind a figure: its area and the filters (names as the target list's query takes them,
 * see README "Dashboard"): customers { grade | stage | createdFrom, createdTo (local days) },
 * sales { from, to (days), currency, grade? }, surveys { from, to (days) }, complaints { status },
 * visits { staffId, from, to (days), status: 'done' }, contracts { expiringWithinDays }, churn {}.
 */
export const Link = z.object({
  area: z.enum(LINK_AREAS),
  filters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});
export type Link = z.infer<typeof Link>;

const Count = z.number().int();
const Minor = z.number().int();

export const CountFigure = z.object({ count: Count, link: Link });
export type CountFigure = z.infer<typeof CountFigure>;

/** A period ending before it starts is refused ('dateOrder'), one longer than DASHBOARD_MONTHS_MAX months too ('monthSpan'). */
function checkPeriod(q: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx): void {
  if (q.from === undefined || q.to === undefined) return;
  if (!Month.safeParse(q.from).success || !Month.safeParse(q.to).success) return;
  if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'dateOrder' });
  else if (monthsBetween(q.from, q.to) > DASHBOARD_MONTHS_MAX) ctx.addIssue({ code: 'custom', path: ['to'], message: 'monthSpan' });
}

export const DashboardQuery = z
  .object({
    /** First month, YYYY-MM; left out: DASHBOARD_DEFAULT_MONTHS − 1 months before `to`. */
    from: Month.optional(),
    /** Last month, YYYY-MM; left out: the current local month. */
    to: Month.optional(),
  })
  .default({})
  .superRefine(checkPeriod);
export type DashboardQueryInput = z.input<typeof DashboardQuery>;

/** One currency's revenue over some sales: total in minor units and the number of sales. */
const Revenue = z.object({ totalMinor: Minor, saleCount: Count, link: Link });

export const Dashboard = z.object({
  /** The period answered (defaults filled in) and every month of it, oldest first. */
  period: z.object({ from: z.string(), to: z.string(), months: z.array(z.string()) }),
  /** The local day the figures were computed on (contracts expiring, overdue complaints, "this month"). */
  today: z.string(),
  /** True when the figures are of the caller's own customers only (staff, scope setting on). */
  scoped: z.boolean(),
  /** Live customers by their current grade, every grade listed (count may be 0). */
  customersByGrade: z.array(z.object({ grade: z.enum(GRADES), count: Count, link: Link })),
  /** Live customers by their current stage, every stage listed. */
  customersByStage: z.array(z.object({ stage: z.enum(STAGES), count: Count, link: Link })),
  /** Live customers created in the period, and in the current local month. */
  newCustomers: z.object({ period: CountFigure, thisMonth: CountFigure }),
  /** Per currency (never added across), every month of the period (0 where none). */
  revenueByMonth: z.array(z.object({ currency: z.string(), total: Revenue, months: z.array(Revenue.extend({ month: z.string() })) })),
  /** Per currency, the period's revenue by the customer's current grade (every grade listed). */
  revenueByGrade: z.array(z.object({ currency: z.string(), grades: z.array(Revenue.extend({ grade: z.enum(GRADES) })) })),
  /**
   * Every month of the period: surveys answered (`responses`), CSAT = the average of every score
   * answered that month × 100 as an integer (null: none), NPS = % promoters − % detractors with one
   * decimal (null: no NPS answer).
   */
  satisfactionByMonth: z.array(
    z.object({
      month: z.string(),
      responses: Count,
      csat: z.number().int().nullable(),
      csatAnswers: Count,
      nps: z.number().nullable(),
      npsAnswers: Count,
      link: Link,
    }),
  ),
  /** Open complaints, and of those the ones past their deadline. */
  complaints: z.object({ open: CountFigure, overdue: CountFigure }),
  /** Visits done in the period, per staff member who went (most first). */
  visitsByStaff: z.array(z.object({ staffId: Id, staffName: z.string(), count: Count, link: Link })),
  /** Contracts ending within EXPIRING_DAYS days from today, not terminated. */
  contractsExpiring: CountFigure,
  /** Customers with a churn warning, and their 12-month revenue at risk per currency. */
  churnRisks: z.object({ count: Count, value: z.array(z.object({ currency: z.string(), valueMinor: Minor })), link: Link }),
});
export type Dashboard = z.infer<typeof Dashboard>;

/** The dashboard's exports: its tables as a workbook, or the printed document (saved as PDF). */
export const DASHBOARD_EXPORT_FORMATS = ['xlsx', 'pdf'] as const;
export type DashboardExportFormat = (typeof DASHBOARD_EXPORT_FORMATS)[number];
/** Each export is a right of its own (PRODUCT.md, Access control): the core checks it on every call, the UI offers only these. */
export const DASHBOARD_EXPORT_RIGHTS: Record<DashboardExportFormat, Permission> = { xlsx: 'data.export', pdf: 'print' };

export const DashboardExportQuery = z
  .object({ from: Month.optional(), to: Month.optional(), format: z.enum(DASHBOARD_EXPORT_FORMATS) })
  .superRefine(checkPeriod);
export type DashboardExportQueryInput = z.input<typeof DashboardExportQuery>;

/**
 * The number of table rows an export of these figures holds: the tables the page shows beside its
 * charts, the PDF prints and the workbook holds (renderer features/reports/tables.ts builds them;
 * a test keeps the two equal). The audit log records it, as every export's row count.
 */
export function dashboardTableRows(d: Dashboard): number {
  const fixed = 2 /* new customers */ + 2 /* complaints */ + 1 /* contracts expiring */ + 1; /* churn warnings */
  return fixed + d.customersByGrade.length * 2 /* by grade, revenue by grade */ + d.customersByStage.length + d.period.months.length + d.satisfactionByMonth.length + d.visitsByStaff.length;
}

export const dashboard = {
  /**
   * Every figure for the period (default: the last 12 local months), from indexes and summary
   * tables. A period ending before it starts is refused (VALIDATION 'dateOrder'), one longer than
   * DASHBOARD_MONTHS_MAX months too ('monthSpan').
   */
  'dashboard.get': method({ input: DashboardQuery, output: Dashboard, permission: 'reports.read' }),
  /**
   * The same figures as `dashboard.get` for that period and scope, for an export: `xlsx` needs
   * `data.export`, `pdf` (the printed dashboard) needs `print` (FORBIDDEN otherwise), and each call
   * appends an audit entry `dashboard.export` (format, period, number of table rows) before answering.
   */
  'dashboard.export': method({ input: DashboardExportQuery, output: Dashboard, permission: 'reports.read' }),
};

export const dashboardArea = defineArea({ methods: dashboard, auditEntities: ['dashboard'], auditActions: ['dashboard.export'] });
