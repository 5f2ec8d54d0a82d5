// Staff performance: per staff member and period of local days, the figures of the customers they
// are responsible for (and the visits assigned to them). Where a list's own count is cheap enough,
// the figure IS that count for the link's filters (complaints' two parts, Today's return visits, the
// churn list); the rest read the same rows the list counts by one walk of an index each (customers by
// owner, visits by staff and day, surveys by day) and the sales summary table (sales_monthly, kept by
// triggers in the same transaction as every sale). The integration test runs every link through its
// list's count to keep the two equal.
// Counts are taken with the caller's access, as the lists are: a scoped staff member's figures are
// those their own lists show. Staff are answered for themselves whatever they asked for.
import { sql } from 'kysely';
import type { z } from 'zod';
import { GRADES, type Grade } from '../../../../shared/api/customers.ts';
import type { Link } from '../../../../shared/api/dashboard.ts';
import { PERFORMANCE_EVERYONE_ROLES, type Performance, type PerformanceQuery, type StaffPerformance } from '../../../../shared/api/performance.ts';
import { addDays, daysInMonth, localDay } from '../../../../shared/contract-status.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import { npsScore } from '../../../../shared/low-score.ts';
import { canOwnCustomers } from '../../../../shared/roles.ts';
import type { Db } from '../../db/database.ts';
import { returnVisitsDue } from '../care/service.ts';
import { listChurn } from '../churn/service.ts';
import { partQuery } from '../complaints/service.ts';
import { dayStart } from '../records/service.ts';
import type { Access } from '../users/access.ts';

type Query = z.output<typeof PerformanceQuery>;
type Period = { from: string; to: string };

const link = (area: Link['area'], filters: Link['filters']): Link => ({ area, filters });

/** Whether this caller may see anyone's figures (owner, managers) or only their own. */
export function seesEveryone(access: Access): boolean {
  return PERFORMANCE_EVERYONE_ROLES.includes(access.role);
}

/** Whom the caller may pick: every active user who can be responsible for customers (by name), or themselves. */
async function pickable(db: Db, access: Access): Promise<Performance['staff']> {
  let q = db.selectFrom('users').select(['id', 'display_name as name', 'role']).where('active', '=', 1);
  if (!seesEveryone(access)) q = q.where('id', '=', access.userId);
  const rows = await q.orderBy('display_name').orderBy('id').execute();
  return rows.filter((row) => canOwnCustomers(row.role)).map(({ id, name }) => ({ id, name }));
}

/**
 * Live customers they are responsible for, by grade (now), and of those the ones created in the
 * period (local days): one walk of their rows (customers_by_owner_name), what the customers list
 * counts for { ownerId, grade } and { ownerId, createdFrom, createdTo }.
 */
async function customerCounts(db: Db, staffId: number, period: Period, access: Access): Promise<Pick<StaffPerformance, 'customersByGrade' | 'newCustomers'>> {
  const counts = new Map<Grade, number>();
  let created = 0;
  if (access.scopeOwnerId === null || access.scopeOwnerId === staffId) {
    const { rows } = await sql<{ grade: Grade; n: number; created: number }>`SELECT grade, count(*) AS n,
        coalesce(sum(created_at >= ${dayStart(period.from)} AND created_at < ${dayStart(addDays(period.to, 1))}), 0) AS created
      FROM customers INDEXED BY customers_by_owner_name WHERE deleted_at IS NULL AND owner_id = ${staffId} GROUP BY grade`.execute(db);
    for (const row of rows) {
      counts.set(row.grade, Number(row.n));
      created += Number(row.created);
    }
  }
  return {
    customersByGrade: GRADES.map((grade) => ({ grade, count: counts.get(grade) ?? 0, link: link('customers', { ownerId: staffId, grade }) })),
    newCustomers: { count: created, link: link('customers', { ownerId: staffId, createdFrom: period.from, createdTo: period.to }) },
  };
}

/**
 * Visits assigned to them in the period, both figures in one range of visits_agenda_staff (staff,
 * day): the rows the visits list counts for { staffId, from, to, notCancelled } and { ..., status:
 * 'done' } (live visits of live customers in the caller's sight).
 */
async function visits(db: Db, staffId: number, period: Period, access: Access): Promise<StaffPerformance['visits']> {
  const scope = access.scopeOwnerId === null ? sql`` : sql` AND c.owner_id = ${access.scopeOwnerId}`;
  const { rows } = await sql<{ planned: number; done: number }>`SELECT coalesce(sum(v.status <> 'cancelled'), 0) AS planned, coalesce(sum(v.status = 'done'), 0) AS done
    FROM visits AS v INDEXED BY visits_agenda_staff JOIN customers AS c ON c.id = v.customer_id
    WHERE v.deleted_at IS NULL AND v.staff_id = ${staffId} AND v.on_day BETWEEN ${period.from} AND ${period.to} AND c.deleted_at IS NULL${scope}`.execute(db);
  const range = { staffId, from: period.from, to: period.to };
  return {
    planned: { count: Number(rows[0]?.planned ?? 0), link: link('visits', { ...range, notCancelled: true }) },
    done: { count: Number(rows[0]?.done ?? 0), link: link('visits', { ...range, status: 'done' }) },
  };
}

/** Complaints of their customers closed in the period (and by the deadline): the complaints list's two parts counted. */
async function complaintsClosed(db: Db, staffId: number, period: Period, access: Access, now: number): Promise<StaffPerformance['complaints']> {
  const count = async (onTime: boolean) => {
    const filters = { status: 'all' as const, ownerId: staffId, closedFrom: period.from, closedTo: period.to, ...(onTime ? { onTime: true as const } : {}), after: null, limit: 1 };
    let total = 0;
    for (const part of ['open', 'rest'] as const) {
      const row = await partQuery(db, part, filters, access, now)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      total += Number(row?.n ?? 0);
    }
    return { count: total, link: link('complaints', { ownerId: staffId, closedFrom: period.from, closedTo: period.to, ...(onTime ? { onTime: true } : {}) }) };
  };
  return { closed: await count(false), onTime: await count(true) };
}

/**
 * Surveys of their customers answered in the period (the surveys list's rows for ownerId, from,
 * to), with CSAT (every score's average × 100, half up) and NPS over the same surveys.
 */
async function satisfaction(db: Db, staffId: number, period: Period, access: Access): Promise<StaffPerformance['satisfaction']> {
  const filters = { ownerId: staffId, from: period.from, to: period.to };
  const responses = { count: 0, link: link('surveys', filters) };
  if (access.scopeOwnerId !== null && access.scopeOwnerId !== staffId) return { responses, csatAvgX100: null, nps: null };
  const start = dayStart(period.from);
  const end = dayStart(addDays(period.to, 1));
  // The period's surveys (a range of surveys_list), each one's customer by its key: as many steps as
  // surveys in the period, not as many as the staff member has customers.
  const { rows } = await sql<{ n: number; answers: number; promoters: number; detractors: number }>`SELECT count(*) AS n,
      coalesce(sum(s.nps IS NOT NULL), 0) AS answers, coalesce(sum(s.nps >= 9), 0) AS promoters, coalesce(sum(s.nps <= 6), 0) AS detractors
    FROM surveys AS s INDEXED BY surveys_list JOIN customers AS c ON c.id = +s.customer_id
    WHERE s.deleted_at IS NULL AND s.at >= ${start} AND s.at < ${end} AND c.deleted_at IS NULL AND +c.owner_id = ${staffId}`.execute(db);
  const { rows: scores } = await sql<{ answers: number; total: number }>`SELECT count(*) AS answers, coalesce(sum(ss.score), 0) AS total
    FROM surveys AS s INDEXED BY surveys_list JOIN customers AS c ON c.id = +s.customer_id JOIN survey_scores AS ss ON ss.survey_id = s.id
    WHERE s.deleted_at IS NULL AND s.at >= ${start} AND s.at < ${end} AND c.deleted_at IS NULL AND +c.owner_id = ${staffId}`.execute(db);
  const head = rows[0]!; // an aggregate answers one row
  const score = scores[0]!;
  const csatAnswers = Number(score.answers);
  return {
    responses: { ...responses, count: Number(head.n) },
    // Integer arithmetic: the average × 100, rounded half up (as the dashboard).
    csatAvgX100: csatAnswers === 0 ? null : Math.floor((Number(score.total) * 200 + csatAnswers) / (2 * csatAnswers)),
    nps: npsScore(Number(head.answers), Number(head.promoters), Number(head.detractors)),
  };
}

const lastDayOf = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number]; // a YYYY-MM
  return `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
};

/**
 * The period's whole months (read from sales_monthly's owner index) and the days before and after
 * them (read from the sales of their customers): a year is twelve index rows per customer-month
 * instead of every sale.
 */
function splitByMonths(period: Period): { months: { from: string; to: string } | null; days: Period[] } {
  const firstWhole = period.from.endsWith('-01') ? period.from : addDays(lastDayOf(period.from.slice(0, 7)), 1);
  const lastWhole = period.to === lastDayOf(period.to.slice(0, 7)) ? period.to : addDays(`${period.to.slice(0, 7)}-01`, -1);
  if (firstWhole > lastWhole) return { months: null, days: [period] };
  const days: Period[] = [];
  if (period.from < firstWhole) days.push({ from: period.from, to: addDays(firstWhole, -1) });
  if (lastWhole < period.to) days.push({ from: addDays(lastWhole, 1), to: period.to });
  return { months: { from: firstWhole.slice(0, 7), to: lastWhole.slice(0, 7) }, days };
}

/** Sales of their customers sold in the period, per currency: what the sales list counts for { ownerId, from, to, currency }. */
async function revenue(db: Db, staffId: number, period: Period, access: Access): Promise<StaffPerformance['revenue']> {
  if (access.scopeOwnerId !== null && access.scopeOwnerId !== staffId) return [];
  const totals = new Map<string, { totalMinor: number; saleCount: number }>();
  const add = (currency: string, total: number, count: number) => {
    const now = totals.get(currency) ?? { totalMinor: 0, saleCount: 0 };
    totals.set(currency, { totalMinor: now.totalMinor + Number(total), saleCount: now.saleCount + Number(count) });
  };
  const split = splitByMonths(period);
  if (split.months) {
    const { rows } = await sql<{ currency: string; total: number; n: number }>`SELECT currency, sum(revenue_minor) AS total, sum(sale_count) AS n
      FROM sales_monthly INDEXED BY sales_monthly_by_owner
      WHERE owner_id = ${staffId} AND month BETWEEN ${split.months.from} AND ${split.months.to} AND live = 1 GROUP BY currency`.execute(db);
    for (const row of rows) add(row.currency, row.total, row.n);
  }
  for (const days of split.days) {
    const { rows } = await sql<{ currency: string; total: number; n: number }>`SELECT s.currency AS currency, sum(s.total_minor) AS total, count(*) AS n
      FROM customers AS c INDEXED BY customers_live_filters JOIN sales AS s INDEXED BY sales_by_customer ON s.customer_id = c.id
      WHERE c.deleted_at IS NULL AND c.owner_id = ${staffId} AND s.sold_on BETWEEN ${days.from} AND ${days.to} AND s.deleted_at IS NULL
      GROUP BY s.currency`.execute(db);
    for (const row of rows) add(row.currency, row.total, row.n);
  }
  return [...totals]
    .filter(([, sum]) => sum.saleCount > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, sum]) => ({ currency, ...sum, link: link('sales', { ownerId: staffId, from: period.from, to: period.to, currency }) }));
}

/** Every figure of one staff member. */
async function figuresOf(db: Db, staff: { id: number; name: string }, period: Period, asOf: string, access: Access, now: number): Promise<StaffPerformance> {
  const staffId = staff.id;
  const due = await returnVisitsDue(db, access, { today: asOf, staffId, limit: 1 });
  const churn = await listChurn(db, { ...access, now }, { cursor: null, limit: 1, ownerId: staffId });
  return {
    staffId,
    staffName: staff.name,
    ...(await customerCounts(db, staffId, period, access)),
    visits: await visits(db, staffId, period, access),
    returnVisitsOverdue: { count: due.total, link: link('customers', { ownerId: staffId, returnDueBy: asOf }) },
    complaints: await complaintsClosed(db, staffId, period, access, now),
    satisfaction: await satisfaction(db, staffId, period, access),
    revenue: await revenue(db, staffId, period, access),
    churnRisks: { count: churn.total, link: link('churn', { ownerId: staffId }) },
  };
}

/** The figures asked for: one staff member's (staff: always their own) or everyone's the caller may pick. */
export async function readPerformance(db: Db, query: Query, access: Access, now: number): Promise<Performance> {
  const today = localDay(now);
  const period = { from: query.from, to: query.to };
  const asOf = query.to < today ? query.to : today;
  const staff = await pickable(db, access);
  let chosen: { id: number; name: string }[];
  if (!seesEveryone(access)) {
    // Staff: their own figures, whatever was asked (the core decides, not the form).
    chosen = [{ id: access.userId, name: staff[0]?.name ?? (await nameOf(db, access.userId)) }];
  } else if (query.staffId === 'all') {
    chosen = staff;
  } else {
    const known = staff.find((s) => s.id === query.staffId);
    // Anyone who ever had customers may be looked at (a former staff member too), but the id must be a user.
    chosen = [known ?? { id: query.staffId, name: await nameOf(db, query.staffId) }];
  }
  const rows: StaffPerformance[] = [];
  for (const person of chosen) rows.push(await figuresOf(db, person, period, asOf, access, now));
  return { from: period.from, to: period.to, today, asOf, staff, rows };
}

async function nameOf(db: Db, userId: number): Promise<string> {
  const row = await db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst();
  if (!row) throw new AppFailure('NOT_FOUND', `performance.get: user ${userId} does not exist`);
  return row.display_name;
}
