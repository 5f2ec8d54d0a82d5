// The dashboard: every figure built from rows made on the harness clock, checked against the
// numbers the rows imply, for the owner and for a staff member with "staff see only their own
// customers" on and off; and every figure's link opens a list whose count is the figure (the
// drill-down promise), through the target list's own count method (or its pages' length). Months
// are the shop's local ones: a customer made at 23:30 on the last day of November is November's in
// every time zone (run also under TZ=Pacific/Kiritimati, as test:unit:future does).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard, Link } from '../../shared/api/dashboard.ts';
import { fieldIssuesOf } from '../../shared/error-details.ts';
import type { MethodInput } from '../../shared/api/contract.ts';
import { makeHarness, shopWithRoles, userNamed, type Harness } from './harness.ts';

let h: Harness;
let staffId: number;
let managerId: number;
/** Customers by name. */
const customers: Record<string, number> = {};

/** The local instant of a day and hour (the machine's time zone is the shop's). */
const at = (y: number, m: number, d: number, hour = 12, minute = 0) => new Date(y, m - 1, d, hour, minute).getTime();
const NOW = at(2026, 12, 1, 12);

async function customerAt(name: string, when: number, fields: Omit<MethodInput<'customers.create'>, 'name'>): Promise<number> {
  h.clock.now = when;
  const id = (await h.call('owner', 'customers.create', { name, ...fields })).id;
  customers[name] = id;
  return id;
}

async function sale(customer: string, soldOn: string, priceMinor: number, currency = 'CNY'): Promise<number> {
  const made = await h.call('owner', 'sales.create', { customerId: customers[customer]!, soldOn, currency, lines: [{ name: '龙井', quantityMilli: 1000, unitPriceMinor: priceMinor }] });
  return made.id;
}

beforeAll(async () => {
  h = makeHarness();
  h.clock.now = NOW;
  await shopWithRoles(h);
  await h.call('owner', 'settings.update', { idleLockMinutes: 0 });
  staffId = (await userNamed(h, 'staff')).id;
  managerId = (await userNamed(h, 'manager')).id;
  // Customers: two of the staff member's, two of the manager's, one without anybody, one in the bin.
  await customerAt('员工VIP', at(2025, 10, 5), { grade: 'vip', stage: 'active', ownerId: staffId });
  // 23:30 on the last day of November: a November customer in every time zone the test runs in.
  await customerAt('员工潜力', at(2026, 11, 30, 23, 30), { grade: 'potential', stage: 'lead', ownerId: staffId });
  await customerAt('经理重点', at(2026, 6, 15), { grade: 'key', stage: 'active', ownerId: managerId });
  await customerAt('经理普通', at(2026, 12, 1, 9), { grade: 'normal', stage: 'new', ownerId: managerId });
  await customerAt('无人', at(2026, 3, 1), { grade: 'normal', stage: 'dormant', ownerId: null });
  const binned = await customerAt('回收站', at(2026, 5, 1), { grade: 'vip', stage: 'active', ownerId: staffId });
  h.clock.now = NOW;
  // Sales: CNY and USD apart; one on the last day of a month late at night (its soldOn counts); one deleted; one of the binned customer.
  await sale('员工VIP', '2026-01-10', 100_00);
  await sale('员工VIP', '2026-11-30', 250_00);
  await sale('员工VIP', '2026-11-30', 30_00, 'USD');
  await sale('经理重点', '2026-06-01', 1_000_00);
  await sale('经理重点', '2025-11-30', 7_00); // before the default period (2026-01..2026-12)
  const gone = await sale('经理普通', '2026-12-01', 999_00);
  await h.call('owner', 'sales.delete', { id: gone });
  await sale('回收站', '2026-06-02', 5_000_00);
  await h.call('owner', 'customers.delete', { id: binned, version: 1 });
  // Surveys: two in November (one of the staff member's customer, one of the manager's), one in October.
  const survey = (customer: string, when: number, scores: number[], nps: number | null) =>
    h.call('owner', 'surveys.create', { customerId: customers[customer]!, at: when, scores: scores.map((score, i) => ({ dimensionId: i + 1, score })), nps });
  await survey('员工VIP', at(2026, 11, 3), [5, 4], 9);
  await survey('经理重点', at(2026, 11, 20), [4, 4, 5], 7);
  await survey('经理重点', at(2026, 10, 1), [5], null);
  // Complaints: one overdue (staff's customer), one open on time (manager's), one resolved.
  const complaint = (customer: string, openedAt: number, dueAt: number) =>
    h.call('owner', 'complaints.create', { customerId: customers[customer]!, category: 'service', severity: 'low', description: '等太久', source: 'phone', openedAt, dueAt });
  await complaint('员工VIP', at(2026, 11, 20), at(2026, 11, 25));
  await complaint('经理重点', at(2026, 11, 30), at(2026, 12, 5));
  const closed = await complaint('经理普通', at(2026, 11, 30), at(2026, 12, 5));
  await h.call('owner', 'complaints.setStatus', { id: closed.id, version: closed.version, status: 'resolved', resolution: '已处理' });
  // Visits: done ones count (staff 2, manager 1); planned and cancelled ones do not.
  const visit = async (customer: string, staff: number, onDay: string, done: boolean) => {
    const made = (await h.call('owner', 'visits.create', { customerId: customers[customer]!, staffId: staff, onDay, startMinute: 600, purpose: '回访' })).visit;
    if (done) await h.call('owner', 'visits.complete', { id: made.id, version: made.version, outcome: '见面了', record: { kind: 'communication', channel: 'visit' } });
  };
  await visit('员工VIP', staffId, '2026-02-03', true);
  await visit('经理重点', staffId, '2026-11-30', true);
  await visit('经理重点', managerId, '2026-11-10', true);
  await visit('经理普通', managerId, '2026-12-20', false);
  await visit('员工VIP', staffId, '2025-12-31', true); // before the period
  // Contracts: one ends within 30 days (staff's customer), one later (manager's).
  await h.call('owner', 'contracts.create', { number: 'HT-1', title: '年度服务', customerId: customers['员工VIP']!, signedOn: '2026-01-01', endOn: '2026-12-20' });
  await h.call('owner', 'contracts.create', { number: 'HT-2', title: '年度服务', customerId: customers['经理重点']!, signedOn: '2026-01-01', endOn: '2027-06-30' });
}, 120_000);
afterAll(() => h.cleanup());

/** How many rows the list behind a link holds for this caller: its own count method, or its pages. */
async function listCount(session: string, link: Link): Promise<number> {
  const f = link.filters as Record<string, never>;
  switch (link.area) {
    case 'customers':
      return (await h.call(session, 'customers.count', f)).count;
    case 'sales':
      return (await h.call(session, 'sales.count', f)).count;
    case 'visits': {
      // The new list and its count agree: every page of visits.list (newest first) together.
      const counted = (await h.call(session, 'visits.count', f)).count;
      let listed = 0;
      let after: string | null = null;
      do {
        const page: { rows: { onDay: string; status: string }[]; next: string | null } = await h.call(session, 'visits.list', { ...f, after, limit: 1 });
        listed += page.rows.length;
        for (const row of page.rows) expect(row.onDay >= String(link.filters.from) && row.onDay <= String(link.filters.to) && row.status === 'done').toBe(true);
        after = page.next;
      } while (after !== null);
      expect(listed).toBe(counted);
      return counted;
    }
    case 'contracts':
      return (await h.call(session, 'contracts.summary', f)).count;
    case 'complaints':
    case 'surveys': {
      let n = 0;
      let after: string | null = null;
      do {
        const page: { rows: unknown[]; next: string | null } = await h.call(session, `${link.area}.list`, { ...f, after, limit: 100 });
        n += page.rows.length;
        after = page.next;
      } while (after !== null);
      return n;
    }
    case 'churn':
      return (await h.call(session, 'churn.list', { ...f, limit: 1 })).total;
  }
}

/** Every figure of a dashboard with its number and link. */
function figures(d: Dashboard): { name: string; count: number; link: Link }[] {
  return [
    ...d.customersByGrade.map((f) => ({ name: `grade ${f.grade}`, ...f })),
    ...d.customersByStage.map((f) => ({ name: `stage ${f.stage}`, ...f })),
    { name: 'new in period', ...d.newCustomers.period },
    { name: 'new this month', ...d.newCustomers.thisMonth },
    ...d.revenueByMonth.flatMap((c) => [{ name: `revenue ${c.currency}`, count: c.total.saleCount, link: c.total.link }, ...c.months.map((m) => ({ name: `revenue ${c.currency} ${m.month}`, count: m.saleCount, link: m.link }))]),
    ...d.revenueByGrade.flatMap((c) => c.grades.map((g) => ({ name: `revenue ${c.currency} ${g.grade}`, count: g.saleCount, link: g.link }))),
    ...d.satisfactionByMonth.map((m) => ({ name: `surveys ${m.month}`, count: m.responses, link: m.link })),
    { name: 'complaints open', ...d.complaints.open },
    { name: 'complaints overdue', ...d.complaints.overdue },
    ...d.visitsByStaff.map((v) => ({ name: `visits ${v.staffName}`, ...v })),
    { name: 'contracts expiring', ...d.contractsExpiring },
    { name: 'churn', ...d.churnRisks },
  ];
}

const grades = (d: Dashboard) => Object.fromEntries(d.customersByGrade.map((f) => [f.grade, f.count]));
const stages = (d: Dashboard) => Object.fromEntries(d.customersByStage.map((f) => [f.stage, f.count]));
const revenueOf = (d: Dashboard, currency: string) => d.revenueByMonth.find((c) => c.currency === currency);
const monthOf = (d: Dashboard, currency: string, month: string) => revenueOf(d, currency)?.months.find((m) => m.month === month);
const gradeRevenue = (d: Dashboard, currency: string) => Object.fromEntries(d.revenueByGrade.find((c) => c.currency === currency)?.grades.map((g) => [g.grade, g.totalMinor]) ?? []);

describe('the whole shop (owner; staff with the scope off)', () => {
  it('has every figure the rows imply', async () => {
    await h.call('owner', 'settings.update', { staffScope: false });
    for (const role of ['owner', 'manager', 'staff']) {
      const d = await h.call(role, 'dashboard.get', {});
      expect(d.period).toMatchObject({ from: '2026-01', to: '2026-12' });
      expect(d.period.months).toHaveLength(12);
      expect(d.today).toBe('2026-12-01');
      expect(d.scoped).toBe(false);
      expect(grades(d), role).toEqual({ vip: 1, key: 1, normal: 2, potential: 1 });
      expect(stages(d)).toEqual({ lead: 1, new: 1, active: 2, dormant: 1, lost: 0 });
      expect(d.newCustomers.period.count).toBe(4); // 员工潜力, 经理重点, 经理普通, 无人 (员工VIP is 2025's; the binned one is not counted)
      expect(d.newCustomers.thisMonth.count).toBe(1);
      expect(d.revenueByMonth.map((c) => c.currency)).toEqual(['CNY', 'USD']);
      expect(revenueOf(d, 'CNY')!.total).toMatchObject({ totalMinor: 1_350_00, saleCount: 3 });
      expect(revenueOf(d, 'USD')!.total).toMatchObject({ totalMinor: 30_00, saleCount: 1 });
      expect(monthOf(d, 'CNY', '2026-11')).toMatchObject({ totalMinor: 250_00, saleCount: 1 });
      expect(monthOf(d, 'CNY', '2026-12')).toMatchObject({ totalMinor: 0, saleCount: 0 });
      expect(gradeRevenue(d, 'CNY')).toEqual({ vip: 350_00, key: 1_000_00, normal: 0, potential: 0 });
      const november = d.satisfactionByMonth.find((m) => m.month === '2026-11')!;
      // (5 + 4 + 4 + 4 + 5) / 5 = 4.4; NPS: one promoter, one passive of two → 50.
      expect(november).toMatchObject({ responses: 2, csat: 440, csatAnswers: 5, nps: 50, npsAnswers: 2 });
      expect(d.satisfactionByMonth.find((m) => m.month === '2026-10')).toMatchObject({ responses: 1, csat: 500, nps: null, npsAnswers: 0 });
      expect(d.complaints.open.count).toBe(2);
      expect(d.complaints.overdue.count).toBe(1);
      expect(d.visitsByStaff.map((v) => [v.staffId, v.count])).toEqual([
        [staffId, 2],
        [managerId, 1],
      ]);
      expect(d.contractsExpiring.count).toBe(1);
    }
  });

  it("each figure's link opens a list with the same count", async () => {
    await h.call('owner', 'settings.update', { staffScope: false });
    for (const role of ['owner', 'staff']) {
      const d = await h.call(role, 'dashboard.get', {});
      for (const figure of figures(d)) expect(await listCount(role, figure.link), `${role}: ${figure.name}`).toBe(figure.count);
      // Money too: the sales list's totals are the dashboard's.
      for (const c of d.revenueByMonth) {
        for (const m of [c.total, ...c.months]) expect((await h.call(role, 'sales.count', m.link.filters as never)).totals).toEqual(m.totalMinor === 0 ? [] : [{ currency: c.currency, totalMinor: m.totalMinor }]);
      }
    }
  });
});

describe('a staff member with "staff see only their own customers" on', () => {
  it("sees only their own customers' figures, and each link's list agrees", async () => {
    await h.call('owner', 'settings.update', { staffScope: true });
    const d = await h.call('staff', 'dashboard.get', {});
    expect(d.scoped).toBe(true);
    expect(grades(d)).toEqual({ vip: 1, key: 0, normal: 0, potential: 1 });
    expect(stages(d)).toEqual({ lead: 1, new: 0, active: 1, dormant: 0, lost: 0 });
    expect(d.newCustomers.period.count).toBe(1);
    expect(d.newCustomers.thisMonth.count).toBe(0);
    expect(revenueOf(d, 'CNY')!.total).toMatchObject({ totalMinor: 350_00, saleCount: 2 });
    expect(gradeRevenue(d, 'CNY')).toEqual({ vip: 350_00, key: 0, normal: 0, potential: 0 });
    expect(d.satisfactionByMonth.find((m) => m.month === '2026-11')).toMatchObject({ responses: 1, csat: 450, nps: 100 });
    expect(d.satisfactionByMonth.find((m) => m.month === '2026-10')).toMatchObject({ responses: 0, csat: null });
    expect(d.complaints.open.count).toBe(1);
    expect(d.complaints.overdue.count).toBe(1);
    // Visits to the staff member's customers, whoever went: one (the other was to the manager's customer).
    expect(d.visitsByStaff.map((v) => [v.staffId, v.count])).toEqual([[staffId, 1]]);
    expect(d.contractsExpiring.count).toBe(1);
    for (const figure of figures(d)) expect(await listCount('staff', figure.link), figure.name).toBe(figure.count);
    // The owner still sees the whole shop.
    const owner = await h.call('owner', 'dashboard.get', {});
    expect(owner.scoped).toBe(false);
    expect(grades(owner)).toEqual({ vip: 1, key: 1, normal: 2, potential: 1 });
    await h.call('owner', 'settings.update', { staffScope: false });
  });
});

describe('churn risks', () => {
  it('follow the churn list at once after a write (a dismissal), though the answer is kept between calls', async () => {
    const before = await h.call('owner', 'dashboard.get', {});
    const list = await h.call('owner', 'churn.list', { limit: 100 });
    expect(before.churnRisks.count).toBe(list.total);
    expect(before.churnRisks.value).toEqual([{ currency: list.currency, valueMinor: list.totalValueMinor }]);
    const single = list.rows.find((row) => row.reasons.length === 1)!;
    expect(single, 'a customer warned for one reason').toBeDefined();
    await h.call('owner', 'churn.dismiss', { customerId: single.customerId, rule: single.reasons[0]!.rule, reason: '已电话沟通' });
    const after = await h.call('owner', 'dashboard.get', {});
    expect(after.churnRisks.count).toBe(before.churnRisks.count - 1);
    expect(after.churnRisks.count).toBe((await h.call('owner', 'churn.list', { limit: 1 })).total);
  });
});

describe('the period', () => {
  it('takes the months asked for, and refuses one ending before it starts or longer than 36 months', async () => {
    const d = await h.call('owner', 'dashboard.get', { from: '2025-11', to: '2025-12' });
    expect(d.period.months).toEqual(['2025-11', '2025-12']);
    expect(revenueOf(d, 'CNY')!.total).toMatchObject({ totalMinor: 7_00, saleCount: 1 });
    expect(d.visitsByStaff.map((v) => [v.staffId, v.count])).toEqual([[staffId, 1]]);
    expect(d.newCustomers.period.count).toBe(0); // 员工VIP came in October 2025
    expect(fieldIssuesOf(await h.failure('owner', 'dashboard.get', { from: '2026-05', to: '2026-04' }, 'VALIDATION'))).toMatchObject([{ path: ['to'], message: 'dateOrder' }]);
    expect(fieldIssuesOf(await h.failure('owner', 'dashboard.get', { from: '2023-01', to: '2026-01' }, 'VALIDATION'))).toMatchObject([{ path: ['to'], message: 'monthSpan' }]);
    expect((await h.call('owner', 'dashboard.get', { from: '2023-02', to: '2026-01' })).period.months).toHaveLength(36);
    // A `from` after the current month with the default `to` is the same mistake.
    expect(fieldIssuesOf(await h.failure('owner', 'dashboard.get', { from: '2027-01' }, 'VALIDATION'))).toMatchObject([{ path: ['to'], message: 'dateOrder' }]);
  });

  it('is for reports.read: viewers get no dashboard', async () => {
    await h.failure('viewer', 'dashboard.get', {}, 'FORBIDDEN');
  });
});
