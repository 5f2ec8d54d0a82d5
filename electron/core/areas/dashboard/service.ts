// The dashboard: every figure for a period of local months, each read from an index or a summary
// table (never a walk of the sales or the records per call), each with the list behind it (`link`)
// whose count equals the figure: the filters are those the target lists take, and where a list's
// own count exists the figure is that very count (complaints, contracts, new customers, visits).
// A scoped caller (staff, the scope setting on) gets their own customers' figures, as in every list.
// Money is summed per currency, never across.
import { sql } from 'kysely';
import type { z } from 'zod';
import { DASHBOARD_DEFAULT_MONTHS, DASHBOARD_MONTHS_MAX, EXPIRING_DAYS, type Dashboard, type DashboardQuery, type Link } from '../../../../shared/api/dashboard.ts';
import { GRADES, STAGES, type Grade, type Stage } from '../../../../shared/api/customers.ts';
import { monthRange, monthsBetween } from '../../../../shared/api/surveys.ts';
import { addDays, addMonths, daysInMonth, localDay } from '../../../../shared/contract-status.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import { npsScore } from '../../../../shared/low-score.ts';
import type { Db } from '../../db/database.ts';
import { countComplaints } from '../complaints/service.ts';
import { renewBeforeReading, summarizeContracts } from '../contracts/service.ts';
import { countCustomers } from '../customers/service.ts';
import { dayStart } from '../records/service.ts';
import { trendNpsStatement, trendScoresStatement } from '../surveys/service.ts';
import type { Access } from '../users/access.ts';
import { countVisitsByStaff } from '../visits/service.ts';
import { churnRisks } from './churn-risks.ts';

type Query = z.output<typeof DashboardQuery>;

export type Period = { from: string; to: string; months: string[]; firstDay: string; lastDay: string };

/** The last day of a month 'YYYY-MM' as YYYY-MM-DD. */
function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
}

/**
 * The period asked for, with the defaults: `to` the current local month, `from` the 12 months
 * ending with `to`. Checked again here because a default may be what makes it wrong (a `from` after
 * the current month).
 */
export function periodOf(query: Query, today: string, operation = 'dashboard.get'): Period {
  const to = query.to ?? today.slice(0, 7);
  const from = query.from ?? addMonths(`${to}-01`, -(DASHBOARD_DEFAULT_MONTHS - 1)).slice(0, 7);
  if (from > to) throw new AppFailure('VALIDATION', `${operation}: the period starts (${from}) after it ends (${to})`, [{ path: ['to'], message: 'dateOrder' }]);
  if (monthsBetween(from, to) > DASHBOARD_MONTHS_MAX) {
    throw new AppFailure('VALIDATION', `${operation}: the period ${from}..${to} is longer than ${DASHBOARD_MONTHS_MAX} months`, [{ path: ['to'], message: 'monthSpan' }]);
  }
  return { from, to, months: monthRange(from, to), firstDay: `${from}-01`, lastDay: lastDayOf(to) };
}

const link = (area: Link['area'], filters: Link['filters'] = {}): Link => ({ area, filters });

/** Live customers in scope by stage and grade: one walk of customers_live_filters (owner, stage, grade). */
async function customerCounts(db: Db, access: Access): Promise<Pick<Dashboard, 'customersByGrade' | 'customersByStage'>> {
  const scope = access.scopeOwnerId === null ? sql`` : sql` AND owner_id = ${access.scopeOwnerId}`;
  const { rows } = await sql<{ stage: Stage; grade: Grade; n: number }>`SELECT stage, grade, count(*) AS n
    FROM customers INDEXED BY customers_live_filters WHERE deleted_at IS NULL${scope} GROUP BY stage, grade`.execute(db);
  const byGrade = new Map<Grade, number>();
  const byStage = new Map<Stage, number>();
  for (const row of rows) {
    byGrade.set(row.grade, (byGrade.get(row.grade) ?? 0) + Number(row.n));
    byStage.set(row.stage, (byStage.get(row.stage) ?? 0) + Number(row.n));
  }
  return {
    customersByGrade: GRADES.map((grade) => ({ grade, count: byGrade.get(grade) ?? 0, link: link('customers', { grade }) })),
    customersByStage: STAGES.map((stage) => ({ stage, count: byStage.get(stage) ?? 0, link: link('customers', { stage }) })),
  };
}

/** Customers created in the period and in the current month: the customers list's own count for the same filters. */
async function newCustomers(db: Db, period: Period, today: string, access: Access): Promise<Dashboard['newCustomers']> {
  const figure = async (createdFrom: string, createdTo: string) => ({
    count: await countCustomers(db, { createdFrom, createdTo }, access),
    link: link('customers', { createdFrom, createdTo }),
  });
  const thisMonth = today.slice(0, 7);
  return { period: await figure(period.firstDay, period.lastDay), thisMonth: await figure(`${thisMonth}-01`, lastDayOf(thisMonth)) };
}

type RevenueCell = { month: string; currency: string; grade: Grade; revenue: number; sales: number };

/**
 * Revenue per month, currency and (current) grade from sales_monthly, kept by triggers in the same
 * transaction as every write of sales and customers (areas/sales): a range of its
 * (month, live, grade, currency) index, or of (owner_id, month, ...) for a scoped caller. Sums are
 * integers in SQLite (64-bit) and stay exact in JavaScript below 2^53 minor units.
 */
async function revenueCells(db: Db, period: Period, access: Access): Promise<RevenueCell[]> {
  const scope = access.scopeOwnerId === null ? sql`` : sql` AND owner_id = ${access.scopeOwnerId}`;
  const { rows } = await sql<RevenueCell>`SELECT month, currency, grade, sum(revenue_minor) AS revenue, sum(sale_count) AS sales
    FROM sales_monthly WHERE month BETWEEN ${period.from} AND ${period.to} AND live = 1${scope}
    GROUP BY month, currency, grade`.execute(db);
  return rows.map((row) => ({ ...row, revenue: Number(row.revenue), sales: Number(row.sales) }));
}

function revenue(cells: readonly RevenueCell[], period: Period): Pick<Dashboard, 'revenueByMonth' | 'revenueByGrade'> {
  const currencies = [...new Set(cells.map((cell) => cell.currency))].sort();
  const sum = (of: readonly RevenueCell[]) => ({ totalMinor: of.reduce((t, c) => t + c.revenue, 0), saleCount: of.reduce((t, c) => t + c.sales, 0) });
  const range = { from: period.firstDay, to: period.lastDay };
  return {
    revenueByMonth: currencies.map((currency) => {
      const mine = cells.filter((cell) => cell.currency === currency);
      return {
        currency,
        total: { ...sum(mine), link: link('sales', { ...range, currency }) },
        months: period.months.map((month) => ({ month, ...sum(mine.filter((cell) => cell.month === month)), link: link('sales', { month, currency }) })),
      };
    }),
    revenueByGrade: currencies.map((currency) => ({
      currency,
      grades: GRADES.map((grade) => ({ grade, ...sum(cells.filter((cell) => cell.currency === currency && cell.grade === grade)), link: link('sales', { ...range, grade, currency }) })),
    })),
  };
}

type SurveyCell = { month: string; dimension_id: number; answers: number; total: number; promoters: number; passives: number; detractors: number };

/**
 * CSAT and NPS by month: the shop's from survey_month_totals (months × staff × dimensions rows),
 * a scoped caller's summed from their customers' surveys (the surveys area's own statements); the
 * responses per month counted from surveys_list (the local days of the period), each survey's
 * customer checked as the surveys list does.
 */
async function satisfaction(db: Db, period: Period, access: Access): Promise<Dashboard['satisfactionByMonth']> {
  let cells: SurveyCell[];
  const range = { from: period.from, to: period.to };
  if (access.scopeOwnerId === null) {
    const { rows } = await sql<SurveyCell>`SELECT month, dimension_id, sum(answers) AS answers, sum(total) AS total,
      sum(promoters) AS promoters, sum(passives) AS passives, sum(detractors) AS detractors
      FROM survey_month_totals WHERE month BETWEEN ${period.from} AND ${period.to} GROUP BY month, dimension_id`.execute(db);
    cells = rows;
  } else {
    cells = [...(await trendScoresStatement(db, range, undefined, access.scopeOwnerId).execute()), ...(await trendNpsStatement(db, range, undefined, access.scopeOwnerId).execute())];
  }
  const scope = access.scopeOwnerId === null ? sql`` : sql` AND +c.owner_id = ${access.scopeOwnerId}`;
  const { rows: responses } = await sql<{ month: string; n: number }>`SELECT s.month AS month, count(*) AS n
    FROM surveys AS s INDEXED BY surveys_list JOIN customers AS c ON c.id = +s.customer_id
    WHERE s.deleted_at IS NULL AND s.at >= ${dayStart(period.firstDay)} AND s.at < ${dayStart(addDays(period.lastDay, 1))}
      AND c.deleted_at IS NULL${scope}
    GROUP BY s.month`.execute(db);
  return period.months.map((month) => {
    const mine = cells.filter((cell) => cell.month === month);
    const scores = mine.filter((cell) => cell.dimension_id !== 0);
    const csatAnswers = scores.reduce((t, c) => t + Number(c.answers), 0);
    const csatTotal = scores.reduce((t, c) => t + Number(c.total), 0);
    const nps = mine.find((cell) => cell.dimension_id === 0);
    const npsAnswers = Number(nps?.answers ?? 0);
    return {
      month,
      responses: Number(responses.find((row) => row.month === month)?.n ?? 0),
      // Integer arithmetic: the average × 100, rounded half up.
      csat: csatAnswers === 0 ? null : Math.floor((csatTotal * 200 + csatAnswers) / (2 * csatAnswers)),
      csatAnswers,
      nps: npsScore(npsAnswers, Number(nps?.promoters ?? 0), Number(nps?.detractors ?? 0)),
      npsAnswers,
      link: link('surveys', { from: `${month}-01`, to: lastDayOf(month) }),
    };
  });
}

/** Every figure of the dashboard for this caller at `now`. */
export async function readDashboard(db: Db, query: Query, access: Access, now: number, operation = 'dashboard.get'): Promise<Dashboard> {
  const today = localDay(now);
  const period = periodOf(query, today, operation);
  // Contracts due to renew today are renewed first, as every contracts read does, so the count equals the list's.
  await renewBeforeReading(db, now);
  const complaints = await countComplaints(db, access, now);
  const expiring = await summarizeContracts(db, { expiringWithinDays: EXPIRING_DAYS }, access, now);
  const visitRange = { from: period.firstDay, to: period.lastDay, status: 'done' as const };
  const visits = await countVisitsByStaff(db, visitRange, access);
  return {
    period: { from: period.from, to: period.to, months: period.months },
    today,
    scoped: access.scopeOwnerId !== null,
    ...(await customerCounts(db, access)),
    newCustomers: await newCustomers(db, period, today, access),
    ...revenue(await revenueCells(db, period, access), period),
    satisfactionByMonth: await satisfaction(db, period, access),
    complaints: {
      open: { count: complaints.open, link: link('complaints', { status: 'open' }) },
      overdue: { count: complaints.overdue, link: link('complaints', { status: 'overdue' }) },
    },
    visitsByStaff: visits.map((row) => ({ ...row, link: link('visits', { ...visitRange, staffId: row.staffId }) })),
    contractsExpiring: { count: expiring.count, link: link('contracts', { expiringWithinDays: EXPIRING_DAYS }) },
    churnRisks: { ...(await churnRisks(db, access, now)), link: link('churn') },
  };
}
