// Staff performance (绩效评估): per staff member and period of local days, how they look after the
// customers they are responsible for. Every figure carries the list behind it (`link`, the
// dashboard's type: the area and the filters that list accepts), and that list's count for the
// link equals the figure. Staff see their own figures only (the core answers them for themselves,
// whatever was asked); owner and managers anyone's, or everyone's (one row per staff member).
// Money is per currency in integer minor units, never added across currencies.
import { z } from 'zod';
import { defineArea } from './area.ts';
import { CalendarDate, GRADES, Id } from './customers.ts';
import { CountFigure, Link } from './dashboard.ts';
import { method } from './method.ts';
import type { Role } from '../roles.ts';

/** Roles that may look at anyone's figures and at everyone's; the others (staff) see only their own. */
export const PERFORMANCE_EVERYONE_ROLES: readonly Role[] = ['owner', 'manager'];

/** The longest period one answer covers, in days (three years, leap days included). */
export const PERFORMANCE_DAYS_MAX = 1098;

/** Whole days from `from` to `to` (calendar days), both included. */
export function daysInPeriod(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

export const PerformanceQuery = z
  .object({
    /** One staff member, or 'all' (owner and managers only: one row per staff member). */
    staffId: z.union([Id, z.literal('all')]),
    /** First and last local day of the period, both included. */
    from: CalendarDate,
    to: CalendarDate,
  })
  .superRefine((q, ctx) => {
    if (!CalendarDate.safeParse(q.from).success || !CalendarDate.safeParse(q.to).success) return;
    if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'dateOrder' });
    else if (daysInPeriod(q.from, q.to) > PERFORMANCE_DAYS_MAX) ctx.addIssue({ code: 'custom', path: ['to'], message: 'spanTooLong' });
  });
export type PerformanceQueryInput = z.input<typeof PerformanceQuery>;

export const StaffPerformance = z.object({
  staffId: Id,
  staffName: z.string(),
  /** Live customers they are responsible for now, by grade (every grade listed, count may be 0). */
  customersByGrade: z.array(z.object({ grade: z.enum(GRADES), count: z.number().int(), link: Link })),
  /** Visits assigned to them with their day in the period: planned = all but the cancelled ones, done = done. */
  visits: z.object({ planned: CountFigure, done: CountFigure }),
  /** Their customers due a return visit on or before `asOf` (as Today computes it). */
  returnVisitsOverdue: CountFigure,
  /** Complaints of their customers closed in the period, and of those the ones closed by their deadline. */
  complaints: z.object({ closed: CountFigure, onTime: CountFigure }),
  /**
   * Surveys of their customers answered in the period; CSAT = the average of every score × 100
   * (rounded half up; null: no score), NPS = % promoters − % detractors, one decimal (null: no NPS answer).
   */
  satisfaction: z.object({ responses: CountFigure, csatAvgX100: z.number().int().nullable(), nps: z.number().nullable() }),
  /** Sales of their customers sold in the period, per currency (never added across). */
  revenue: z.array(z.object({ currency: z.string(), totalMinor: z.number().int(), saleCount: z.number().int(), link: Link })),
  /** Live customers created in the period whose responsible staff member is them. */
  newCustomers: CountFigure,
  /** Their customers in the churn list now. */
  churnRisks: CountFigure,
});
export type StaffPerformance = z.infer<typeof StaffPerformance>;

export const Performance = z.object({
  from: z.string(),
  to: z.string(),
  /** The shop's local day the figures were computed on. */
  today: z.string(),
  /** The day return visits are counted overdue on: `to`, or today when `to` is later. */
  asOf: z.string(),
  /** Whom this caller may pick (staff: only themselves), by name. */
  staff: z.array(z.object({ id: Id, name: z.string() })),
  /** One row per staff member answered (one, or everyone the caller may pick). */
  rows: z.array(StaffPerformance),
});
export type Performance = z.infer<typeof Performance>;

export const performance = {
  /**
   * The figures for one staff member or 'all' over the period. Staff get their own row whatever
   * `staffId` says; an unknown staff member is NOT_FOUND. A period ending before it starts is
   * refused (VALIDATION 'dateOrder'), one longer than PERFORMANCE_DAYS_MAX days too ('spanTooLong').
   */
  'performance.get': method({ input: PerformanceQuery, output: Performance, permission: 'reports.read' }),
};

export const performanceArea = defineArea({ methods: performance, auditEntities: [], auditActions: [] });
