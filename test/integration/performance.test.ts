// Staff performance for a shop made on the harness clock (today 2026-12-01), checked against a
// table worked out by hand from the rows below (each number's reason is in the comment beside it);
// every role (staff answered for themselves whatever they ask, viewers refused), the staff-scope
// setting on and off, and the drill-down promise: every figure's link run through its list's count
// (or every page of the list) gives the figure. The CLI answers the same as the method.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../shared/api/contract.ts';
import type { Link } from '../../shared/api/dashboard.ts';
import { fieldIssuesOf } from '../../shared/error-details.ts';
import type { Performance, StaffPerformance } from '../../shared/api/performance.ts';
import { BIN } from './fixtures/processes.ts';
import { childEnv, makeHarness, shopWithRoles, userNamed, USER_PASSWORD, type Harness } from './harness.ts';

let h: Harness;
let staffId: number;
let managerId: number;
let ownerId: number;
const customers: Record<string, number> = {};

/** The local instant of a day and hour (the machine's time zone is the shop's). */
const at = (y: number, m: number, d: number, hour = 12, minute = 0) => new Date(y, m - 1, d, hour, minute).getTime();
const NOW = at(2026, 12, 1, 12);
/** The period of most checks: January to November 2026 (return visits counted as of 2026-11-30). */
const PERIOD = { from: '2026-01-01', to: '2026-11-30' };

async function customerAt(name: string, when: number, fields: Omit<MethodInput<'customers.create'>, 'name'>): Promise<number> {
  h.clock.now = when;
  const id = (await h.call('owner', 'customers.create', { name, ...fields })).id;
  customers[name] = id;
  return id;
}

async function sale(customer: string, soldOn: string, priceMinor: number, currency = 'CNY'): Promise<number> {
  return (await h.call('owner', 'sales.create', { customerId: customers[customer]!, soldOn, currency, lines: [{ name: '龙井', quantityMilli: 1000, unitPriceMinor: priceMinor }] })).id;
}

/** A visit assigned to `staff` on that day at 10:00; then done or cancelled, or left planned. */
async function visit(customer: string, staff: number, onDay: string, then: 'done' | 'cancelled' | 'planned') {
  const made = (await h.call('owner', 'visits.create', { customerId: customers[customer]!, staffId: staff, onDay, startMinute: 600, purpose: '回访' })).visit;
  if (then === 'done') await h.call('owner', 'visits.complete', { id: made.id, version: made.version, outcome: '见面了', record: { kind: 'communication', channel: 'visit' } });
  if (then === 'cancelled') await h.call('owner', 'visits.setStatus', { id: made.id, version: made.version, status: 'cancelled' });
}

/** A complaint opened and due on those instants; closed (resolved, then closed) at `closedAt` if given. */
async function complaint(customer: string, openedAt: number, dueAt: number, closedAt?: number) {
  h.clock.now = openedAt;
  let made = await h.call('owner', 'complaints.create', { customerId: customers[customer]!, category: 'service', severity: 'low', description: '等太久', source: 'phone', openedAt, dueAt });
  if (closedAt !== undefined) {
    h.clock.now = closedAt;
    made = await h.call('owner', 'complaints.setStatus', { id: made.id, version: made.version, status: 'resolved', resolution: '已处理' });
    await h.call('owner', 'complaints.setStatus', { id: made.id, version: made.version, status: 'closed' });
  }
  h.clock.now = NOW;
}

async function survey(customer: string, when: number, scores: number[], nps: number | null) {
  await h.call('owner', 'surveys.create', { customerId: customers[customer]!, at: when, scores: scores.map((score, i) => ({ dimensionId: i + 1, score })), nps });
}

beforeAll(async () => {
  h = makeHarness();
  h.clock.now = NOW;
  await shopWithRoles(h);
  await h.call('owner', 'settings.update', { idleLockMinutes: 0 });
  staffId = (await userNamed(h, 'staff')).id;
  managerId = (await userNamed(h, 'manager')).id;
  ownerId = (await userNamed(h, 'boss')).id;
  // The staff member's customers (a customer's creation is its first contact; cadences vip 30, key 60, normal/potential 90 days).
  await customerAt('甲VIP', at(2025, 10, 5), { grade: 'vip', ownerId: staffId }); // last contact: the visit done 2026-02-03 → due 03-05: overdue
  await customerAt('乙潜力', at(2026, 11, 20), { grade: 'potential', ownerId: staffId }); // new in the period; due 2027-02-18
  await customerAt('丙重点', at(2026, 3, 1), { grade: 'key', ownerId: staffId }); // new in the period; due 04-30: overdue
  const binned = await customerAt('丁回收', at(2026, 5, 1), { grade: 'vip', ownerId: staffId }); // in the recycle bin: counted nowhere
  // The manager's.
  await customerAt('经理重点', at(2026, 6, 15), { grade: 'key', ownerId: managerId }); // new; last contact the staff member's visit 11-30: not due
  await customerAt('经理普通', at(2026, 12, 1, 9), { grade: 'normal', ownerId: managerId }); // created in December: not new in the period
  await customerAt('经理老客', at(2026, 1, 10), { grade: 'normal', ownerId: managerId }); // new; due 04-10: overdue
  await customerAt('无人', at(2026, 3, 1), { grade: 'normal', ownerId: null });
  h.clock.now = NOW;
  // Sales (by the customer's responsible staff member and soldOn).
  await sale('甲VIP', '2026-01-10', 100_00);
  await sale('甲VIP', '2026-11-30', 250_00);
  await sale('甲VIP', '2026-11-30', 30_00, 'USD');
  await sale('乙潜力', '2026-11-20', 50_00);
  await h.call('owner', 'sales.delete', { id: await sale('丙重点', '2026-06-01', 1_000_00) }); // deleted: not counted
  await sale('丙重点', '2025-12-31', 7_00); // before the period
  await sale('经理重点', '2026-06-01', 1_000_00);
  await sale('丁回收', '2026-06-02', 5_000_00); // its customer goes to the bin
  // Visits (by whom they are assigned to).
  await visit('甲VIP', staffId, '2026-02-03', 'done');
  await visit('经理重点', staffId, '2026-11-30', 'done'); // the manager's customer, the staff member went
  await visit('甲VIP', staffId, '2026-05-10', 'planned');
  await visit('甲VIP', staffId, '2026-06-10', 'cancelled');
  await visit('甲VIP', staffId, '2025-12-31', 'done'); // before the period
  await visit('乙潜力', staffId, '2026-12-05', 'planned'); // after it
  await visit('经理重点', managerId, '2026-11-10', 'done');
  await visit('经理普通', managerId, '2026-12-20', 'planned');
  // Complaints (of whose customer; closed when).
  await complaint('甲VIP', at(2026, 11, 20), at(2026, 11, 25), at(2026, 11, 23)); // closed on time
  await complaint('丙重点', at(2026, 6, 1), at(2026, 6, 5), at(2026, 6, 10)); // closed late
  await complaint('甲VIP', at(2026, 11, 28), at(2026, 12, 5)); // open
  await complaint('丙重点', at(2025, 12, 1), at(2025, 12, 5), at(2025, 12, 20)); // closed before the period
  await complaint('经理重点', at(2026, 7, 1), at(2026, 7, 5), at(2026, 7, 3)); // closed on time
  // Surveys (of whose customer, answered when).
  await survey('甲VIP', at(2026, 11, 3), [5, 4], 9);
  await survey('丙重点', at(2026, 5, 5), [3], 5);
  await survey('甲VIP', at(2025, 12, 10), [1], 0); // before the period
  await survey('经理重点', at(2026, 11, 20), [4, 4, 5], 7);
  await h.call('owner', 'customers.delete', { id: binned, version: 1 });
}, 120_000);
afterAll(() => h.cleanup());

/** The hand-checked figures of one row (everything but the links; churn is checked against the churn list). */
type Expected = {
  grades: Record<string, number>;
  planned: number;
  done: number;
  overdue: number;
  closed: number;
  onTime: number;
  responses: number;
  csat: number | null;
  nps: number | null;
  revenue: [string, number, number][];
  newCustomers: number;
};

function actual(row: StaffPerformance): Expected {
  return {
    grades: Object.fromEntries(row.customersByGrade.map((g) => [g.grade, g.count])),
    planned: row.visits.planned.count,
    done: row.visits.done.count,
    overdue: row.returnVisitsOverdue.count,
    closed: row.complaints.closed.count,
    onTime: row.complaints.onTime.count,
    responses: row.satisfaction.responses.count,
    csat: row.satisfaction.csatAvgX100,
    nps: row.satisfaction.nps,
    revenue: row.revenue.map((r) => [r.currency, r.totalMinor, r.saleCount]),
    newCustomers: row.newCustomers.count,
  };
}

/** The table for January–November 2026, worked out from the rows above. */
const TABLE: Record<'staff' | 'manager' | 'owner', Expected> = {
  staff: {
    grades: { vip: 1, key: 1, normal: 0, potential: 1 }, // 甲VIP, 丙重点, 乙潜力 (丁回收 is in the bin)
    planned: 3, // 02-03 done, 11-30 done, 05-10 planned (06-10 cancelled; 2025-12-31 and 12-05 outside)
    done: 2,
    overdue: 2, // 甲VIP (due 03-05), 丙重点 (due 04-30)
    closed: 2, // 甲VIP's (11-23) and 丙重点's (06-10); the 2025 one is outside, the open one not closed
    onTime: 1, // 甲VIP's: closed 11-23, due 11-25
    responses: 2, // 甲VIP 11-03, 丙重点 05-05
    csat: 400, // (5 + 4 + 3) / 3
    nps: 0, // one promoter (9), one detractor (5) of two
    revenue: [
      ['CNY', 400_00, 3], // 100 + 250 + 50
      ['USD', 30_00, 1],
    ],
    newCustomers: 2, // 乙潜力, 丙重点
  },
  manager: {
    grades: { vip: 0, key: 1, normal: 2, potential: 0 },
    planned: 1, // 11-10 done (12-20 outside)
    done: 1,
    overdue: 1, // 经理老客 (due 04-10)
    closed: 1,
    onTime: 1,
    responses: 1,
    csat: 433, // (4 + 4 + 5) / 3 = 4.33
    nps: 0, // one passive
    revenue: [['CNY', 1_000_00, 1]],
    newCustomers: 2, // 经理重点, 经理老客
  },
  owner: { grades: { vip: 0, key: 0, normal: 0, potential: 0 }, planned: 0, done: 0, overdue: 0, closed: 0, onTime: 0, responses: 0, csat: null, nps: null, revenue: [], newCustomers: 0 },
};

/** How many rows the list behind a link holds for this caller: its own count method, or all its pages. */
async function listCount(session: string, link: Link): Promise<number> {
  const f = link.filters as Record<string, never>;
  switch (link.area) {
    case 'customers':
      return (await h.call(session, 'customers.count', f)).count;
    case 'sales':
      return (await h.call(session, 'sales.count', f)).count;
    case 'visits':
      return (await h.call(session, 'visits.count', f)).count;
    case 'churn':
      return (await h.call(session, 'churn.list', { ...f, limit: 1 })).total;
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
    case 'contracts':
      return (await h.call(session, 'contracts.summary', f)).count;
  }
}

/** Every figure of a row with its number and link. */
function figures(row: StaffPerformance): { name: string; count: number; link: Link }[] {
  return [
    ...row.customersByGrade.map((g) => ({ name: `grade ${g.grade}`, ...g })),
    { name: 'visits planned', ...row.visits.planned },
    { name: 'visits done', ...row.visits.done },
    { name: 'return visits overdue', ...row.returnVisitsOverdue },
    { name: 'complaints closed', ...row.complaints.closed },
    { name: 'complaints on time', ...row.complaints.onTime },
    { name: 'surveys', ...row.satisfaction.responses },
    ...row.revenue.map((r) => ({ name: `revenue ${r.currency}`, count: r.saleCount, link: r.link })),
    { name: 'new customers', ...row.newCustomers },
    { name: 'churn risks', ...row.churnRisks },
  ];
}

async function expectDrillDowns(session: string, answer: Performance): Promise<void> {
  for (const row of answer.rows) {
    for (const figure of figures(row)) expect(await listCount(session, figure.link), `${session} → ${row.staffName}: ${figure.name}`).toBe(figure.count);
    // Money too: the sales list's totals for the link are the figure's.
    for (const r of row.revenue) expect((await h.call(session, 'sales.count', r.link.filters as never)).totals).toEqual([{ currency: r.currency, totalMinor: r.totalMinor }]);
    expect(row.churnRisks.count).toBe((await h.call(session, 'churn.list', { ownerId: row.staffId, limit: 1 })).total);
  }
}

describe('the hand-checked table (January–November 2026)', () => {
  it('owner and manager: everyone, one row per staff member, by name', async () => {
    await h.call('owner', 'settings.update', { staffScope: false });
    for (const role of ['owner', 'manager']) {
      const answer = await h.call(role, 'performance.get', { staffId: 'all', ...PERIOD });
      expect(answer).toMatchObject({ from: '2026-01-01', to: '2026-11-30', today: '2026-12-01', asOf: '2026-11-30' });
      // Active users who can be responsible for customers, by display name ('manager' < 'staff' < '老板').
      expect(answer.staff.map((s) => s.id)).toEqual([managerId, staffId, ownerId]);
      expect(answer.rows.map((r) => r.staffId)).toEqual([managerId, staffId, ownerId]);
      expect(actual(answer.rows[0]!), role).toEqual(TABLE.manager);
      expect(actual(answer.rows[1]!), role).toEqual(TABLE.staff);
      expect(actual(answer.rows[2]!), role).toEqual(TABLE.owner);
      // One person alone: the same row.
      const one = await h.call(role, 'performance.get', { staffId, ...PERIOD });
      expect(one.rows.map(actual)).toEqual([TABLE.staff]);
    }
  });

  it("every figure's link opens a list whose count is the figure", async () => {
    await h.call('owner', 'settings.update', { staffScope: false });
    await expectDrillDowns('owner', await h.call('owner', 'performance.get', { staffId: 'all', ...PERIOD }));
    await expectDrillDowns('staff', await h.call('staff', 'performance.get', { staffId, ...PERIOD }));
  });

  it('money over part months: the days before and after the whole months come from the sales themselves', async () => {
    const late = (await h.call('owner', 'performance.get', { staffId, from: '2026-11-15', to: '2026-12-01' })).rows[0]!;
    expect(late.revenue.map((r) => [r.currency, r.totalMinor, r.saleCount])).toEqual([
      ['CNY', 300_00, 2], // 250 (11-30) + 50 (11-20)
      ['USD', 30_00, 1],
    ]);
    const middle = (await h.call('owner', 'performance.get', { staffId, from: '2026-01-10', to: '2026-11-20' })).rows[0]!;
    expect(middle.revenue.map((r) => [r.currency, r.totalMinor, r.saleCount])).toEqual([['CNY', 150_00, 2]]); // 100 (01-10) + 50 (11-20)
    for (const row of [late, middle]) for (const r of row.revenue) expect((await h.call('owner', 'sales.count', r.link.filters as never)).totals).toEqual([{ currency: r.currency, totalMinor: r.totalMinor }]);
  });

  it('return visits are counted as of the last day, or today when the period ends later', async () => {
    const ahead = await h.call('owner', 'performance.get', { staffId: managerId, from: '2026-11-01', to: '2026-12-31' });
    expect(ahead.asOf).toBe('2026-12-01');
    expect(ahead.rows[0]!.returnVisitsOverdue).toMatchObject({ count: 1, link: { area: 'customers', filters: { ownerId: managerId, returnDueBy: '2026-12-01' } } });
    // As of 2026-04-09 经理老客 (due 04-10) was not yet due.
    const early = await h.call('owner', 'performance.get', { staffId: managerId, from: '2026-01-01', to: '2026-04-09' });
    expect(early.rows[0]!.returnVisitsOverdue.count).toBe(0);
    expect((await h.call('owner', 'customers.count', { ownerId: managerId, returnDueBy: '2026-04-10' })).count).toBe(1);
  });
});

describe('who sees what', () => {
  it('staff get their own row whatever they ask for', async () => {
    await h.call('owner', 'settings.update', { staffScope: false });
    for (const asked of ['all', managerId, staffId] as const) {
      const answer = await h.call('staff', 'performance.get', { staffId: asked, ...PERIOD });
      expect(answer.staff.map((s) => s.id)).toEqual([staffId]);
      expect(answer.rows.map(actual)).toEqual([TABLE.staff]);
    }
  });

  it('with "staff see only their own customers" on, a staff member\'s figures are those their lists show', async () => {
    await h.call('owner', 'settings.update', { staffScope: true });
    const answer = await h.call('staff', 'performance.get', { staffId: 'all', ...PERIOD });
    // The visit to the manager's customer (11-30) is out of their sight: the visits list does not show it.
    expect(actual(answer.rows[0]!)).toEqual({ ...TABLE.staff, planned: 2, done: 1 });
    await expectDrillDowns('staff', answer);
    // The owner still sees the full table.
    expect(actual((await h.call('owner', 'performance.get', { staffId, ...PERIOD })).rows[0]!)).toEqual(TABLE.staff);
    await h.call('owner', 'settings.update', { staffScope: false });
  });

  it('viewers are refused; an unknown staff member is NOT_FOUND', async () => {
    await h.failure('viewer', 'performance.get', { staffId: 'all', ...PERIOD }, 'FORBIDDEN');
    await h.failure('owner', 'performance.get', { staffId: 999_999, ...PERIOD }, 'NOT_FOUND');
  });

  it('refuses a period ending before it starts, or longer than three years', async () => {
    expect(fieldIssuesOf(await h.failure('owner', 'performance.get', { staffId: 'all', from: '2026-05-01', to: '2026-04-30' }, 'VALIDATION'))).toMatchObject([{ path: ['to'], message: 'dateOrder' }]);
    expect(fieldIssuesOf(await h.failure('owner', 'performance.get', { staffId: 'all', from: '2023-01-01', to: '2026-01-03' }, 'VALIDATION'))).toMatchObject([{ path: ['to'], message: 'spanTooLong' }]);
    expect((await h.call('owner', 'performance.get', { staffId, from: '2023-01-01', to: '2026-01-02' })).rows).toHaveLength(1);
    expect(fieldIssuesOf(await h.failure('owner', 'performance.get', { staffId: 'all', from: '2026-02-30', to: '2026-04-30' }, 'VALIDATION'))).toMatchObject([{ path: ['from'], message: 'date' }]);
  });
});

describe('clientele performance', () => {
  function clientele(user: string, password: string, args: string[]) {
    const run = spawnSync(process.execPath, [BIN, 'performance', ...args, '--json', '--data-dir', h.dataDir, '--user', user], {
      encoding: 'utf8',
      env: childEnv(h.clock, { CLIENTELE_PASSWORD: password }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
  }

  it('answers the same figures as the app, and staff only their own', async () => {
    const run = clientele('staff', USER_PASSWORD, ['--staff', 'manager', '--from', PERIOD.from, '--to', PERIOD.to]);
    expect(run.code, run.stderr).toBe(0);
    const answer = JSON.parse(run.stdout) as Performance;
    expect(answer.rows.map((r) => r.staffId)).toEqual([staffId]);
    expect(actual(answer.rows[0]!)).toEqual(TABLE.staff);
    const bad = clientele('staff', USER_PASSWORD, ['--from', '2026-11-30']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--to YYYY-MM-DD');
  }, 60_000);
});
