// Complaints (shared/api/complaints.ts, electron/core/areas/complaints): the deadline from the
// customer's grade's response standard in hours and in working days (the owner's calendar
// corrections included), the workflow with its history (who, when, from, to, note), edits with
// their history, bad input refused with its reason and nothing changed, the list's order (open ones
// by deadline, overdue first, then the rest newest first) and its cursor across both parts, the
// filters and counts, delete/restore/purge, the audit entries, the timeline and the customer's
// purge. Roles and the staff scope: complaints-scope.test.ts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Complaint, ComplaintDraftInput, ComplaintPage, ComplaintQueryInput, ComplaintRow } from '../../shared/api/complaints.ts';
import { fieldIssuesOf, reasonOf } from '../../shared/error-details.ts';
import { rawDb } from './attachments-kit.ts';
import { addUser, makeHarness, shopWithRoles, userNamed, type Harness } from './harness.ts';

const HOUR = 3_600_000;

let h: Harness;
let vip: number;
let key: number;
let normal: number;
let potential: number;
let staffId: number;
let managerId: number;
let viewerId: number;
let serial = 0;

/** Local `hour` of `day` (the shop's local date, whatever the machine's zone). */
function at(day: string, hour = 12, minute = 0): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, hour, minute, 0).getTime();
}

beforeAll(async () => {
  h = makeHarness();
  h.clock.now = at('2026-11-20');
  await shopWithRoles(h);
  await h.call('owner', 'settings.update', { idleLockMinutes: 0 });
  staffId = (await userNamed(h, 'staff')).id;
  managerId = (await userNamed(h, 'manager')).id;
  viewerId = (await userNamed(h, 'viewer')).id;
  vip = (await h.call('owner', 'customers.create', { name: '贵宾客户', grade: 'vip', ownerId: staffId })).id;
  key = (await h.call('owner', 'customers.create', { name: '重点客户', grade: 'key' })).id;
  normal = (await h.call('owner', 'customers.create', { name: '普通客户', grade: 'normal' })).id;
  potential = (await h.call('owner', 'customers.create', { name: '潜在客户', grade: 'potential' })).id;
}, 60_000);
afterAll(() => h.cleanup());
beforeEach(() => {
  h.clock.now = at('2026-12-01') + ++serial;
});

const draft = (over: Partial<ComplaintDraftInput> = {}): ComplaintDraftInput => ({
  customerId: vip,
  category: 'service',
  severity: 'medium',
  description: '上门服务迟到两小时',
  source: 'phone',
  assigneeId: staffId,
  ...over,
});

async function workingDays(on: boolean): Promise<void> {
  const { version } = await h.call('owner', 'standards.get', {});
  await h.call('owner', 'standards.update', { version, workingDays: on });
}

describe('the deadline', () => {
  it('is the grade response standard after the opening, counted in every hour by default', async () => {
    const openedAt = at('2026-11-27', 18); // a Friday evening
    const expected = { [vip]: 24, [key]: 48, [normal]: 72, [potential]: 72 };
    for (const [customerId, hours] of Object.entries(expected)) {
      const made = await h.call('owner', 'complaints.create', draft({ customerId: Number(customerId), openedAt }));
      expect(made.dueAt - made.openedAt, `customer ${customerId}`).toBe(hours * HOUR);
      expect(made.openedAt).toBe(openedAt);
    }
    // Opened now when no opening is given.
    const now = await h.call('owner', 'complaints.create', draft());
    expect(now.openedAt).toBe(h.clock.now);
    expect(now.dueAt).toBe(h.clock.now + 24 * HOUR);
  });

  it("follows the owner's change of a grade's response hours", async () => {
    const { version } = await h.call('owner', 'standards.get', {});
    await h.call('owner', 'standards.update', { version, grades: [{ grade: 'normal', returnDays: 90, responseHours: 8 }] });
    try {
      const made = await h.call('owner', 'complaints.create', draft({ customerId: normal, openedAt: at('2026-12-01', 9) }));
      expect(made.dueAt).toBe(at('2026-12-01', 17));
    } finally {
      const again = await h.call('owner', 'standards.get', {});
      await h.call('owner', 'standards.update', { version: again.version, grades: [{ grade: 'normal', returnDays: 90, responseHours: 72 }] });
    }
  });

  it('counts only working hours when the owner says so: weekends skipped, a weekend opening starts on Monday', async () => {
    await workingDays(true);
    try {
      // VIP 24 h from Friday 18:00: 6 h on Friday, 18 on Monday.
      expect((await h.call('owner', 'complaints.create', draft({ customerId: vip, openedAt: at('2026-11-27', 18) }))).dueAt).toBe(at('2026-11-30', 18));
      // Key 48 h from Friday 18:00: 6 + 24 (Monday) + 18 (Tuesday).
      expect((await h.call('owner', 'complaints.create', draft({ customerId: key, openedAt: at('2026-11-27', 18) }))).dueAt).toBe(at('2026-12-01', 18));
      // Opened on a Saturday: counting starts Monday 00:00.
      expect((await h.call('owner', 'complaints.create', draft({ customerId: vip, openedAt: at('2026-11-28', 10) }))).dueAt).toBe(at('2026-12-01', 0));
      // Normal 72 h from Wednesday 09:00: Wed 15 + Thu 24 + Fri 24 + Mon 9.
      expect((await h.call('owner', 'complaints.create', draft({ customerId: normal, openedAt: at('2026-11-25', 9) }))).dueAt).toBe(at('2026-11-30', 9));
    } finally {
      await workingDays(false);
    }
  });

  it("takes the owner's calendar corrections: a Monday off pushes the deadline to Tuesday", async () => {
    await workingDays(true);
    await h.call('owner', 'standards.setDay', { day: '2026-11-30', kind: 'holiday', name: '店庆' });
    try {
      expect((await h.call('owner', 'complaints.create', draft({ customerId: vip, openedAt: at('2026-11-27', 18) }))).dueAt).toBe(at('2026-12-01', 18));
      // A Saturday made a working day counts.
      await h.call('owner', 'standards.setDay', { day: '2026-11-28', kind: 'workday', name: '调休' });
      expect((await h.call('owner', 'complaints.create', draft({ customerId: vip, openedAt: at('2026-11-27', 18) }))).dueAt).toBe(at('2026-11-28', 18));
    } finally {
      await h.call('owner', 'standards.setDay', { day: '2026-11-30', kind: null });
      await h.call('owner', 'standards.setDay', { day: '2026-11-28', kind: null });
      await workingDays(false);
    }
  });

  it("counts the statutory holidays: a Friday evening before National Day's week lands after it", async () => {
    await workingDays(true);
    try {
      const calendar = await h.call('owner', 'standards.calendar', { year: 2026 });
      // Only meaningful for a year whose statutory days the app knows.
      expect(calendar.knownYears).toContain(2026);
      const made = await h.call('owner', 'complaints.create', draft({ customerId: vip, openedAt: at('2026-09-30', 18) }));
      // Not within the holiday: its deadline is on a working day after 1 October.
      expect(made.dueAt).toBeGreaterThan(at('2026-10-07', 0));
    } finally {
      await workingDays(false);
    }
  });

  it('may be given, but not before the opening (reason deadline), also when the opening is now', async () => {
    const given = await h.call('owner', 'complaints.create', draft({ openedAt: at('2026-11-30', 9), dueAt: at('2026-12-05', 18) }));
    expect(given.dueAt).toBe(at('2026-12-05', 18));
    const before = await h.call('owner', 'complaints.list', { limit: 100 });
    const both = await h.failure('owner', 'complaints.create', draft({ openedAt: at('2026-11-30', 9), dueAt: at('2026-11-30', 8) }), 'VALIDATION');
    expect(fieldIssuesOf(both)).toEqual([expect.objectContaining({ path: ['dueAt'], message: 'deadline' })]);
    const againstNow = await h.failure('owner', 'complaints.create', draft({ dueAt: h.clock.now - HOUR }), 'VALIDATION');
    expect(fieldIssuesOf(againstNow)).toEqual([expect.objectContaining({ path: ['dueAt'], message: 'deadline' })]);
    expect(againstNow.message).toMatch(/^complaints\.create: /);
    expect((await h.call('owner', 'complaints.list', { limit: 100 })).rows.length).toBe(before.rows.length);
  });
});

describe('the workflow', () => {
  it('goes new → inProgress → resolved → closed → reopened → resolved, each step in the history with who, when, from, to and note', async () => {
    const made = await h.call('staff', 'complaints.create', draft({ severity: 'high' }));
    expect(made).toMatchObject({ status: 'new', customerName: '贵宾客户', customerGrade: 'vip', assigneeName: 'staff', createdByName: 'staff', surveyId: null, resolution: '', afterScore: null, overdue: false, version: 1 });
    expect(made.actions).toEqual({ edit: true, start: true, resolve: true, close: false, reopen: false, delete: true, restore: false, purge: false });
    expect(made.events).toEqual([expect.objectContaining({ kind: 'opened', userName: 'staff', from: null, to: 'new', at: h.clock.now })]);

    h.clock.now += HOUR;
    const started = await h.call('manager', 'complaints.setStatus', { id: made.id, version: 1, status: 'inProgress', note: '已联系客户' });
    expect(started.status).toBe('inProgress');
    expect(started.actions).toMatchObject({ start: false, resolve: true, close: false, reopen: false });

    h.clock.now += HOUR;
    const resolvedAt = h.clock.now;
    const resolved = await h.call('staff', 'complaints.setStatus', { id: made.id, version: 2, status: 'resolved', resolution: '补派技师，减免上门费', afterScore: 4 });
    expect(resolved).toMatchObject({ status: 'resolved', resolution: '补派技师，减免上门费', afterScore: 4, resolvedAt, closedAt: null });
    expect(resolved.actions).toMatchObject({ start: false, resolve: false, close: true, reopen: true });

    h.clock.now += HOUR;
    const closed = await h.call('owner', 'complaints.setStatus', { id: made.id, version: 3, status: 'closed', afterScore: 5 });
    expect(closed).toMatchObject({ status: 'closed', afterScore: 5, closedAt: h.clock.now, resolvedAt });
    expect(closed.actions).toMatchObject({ close: false, resolve: false, reopen: true });

    h.clock.now += HOUR;
    const reopened = await h.call('manager', 'complaints.setStatus', { id: made.id, version: 4, status: 'inProgress', note: '客户再次来电' });
    expect(reopened).toMatchObject({ status: 'inProgress', resolvedAt: null, closedAt: null, resolution: '补派技师，减免上门费' });

    h.clock.now += HOUR;
    const again = await h.call('staff', 'complaints.setStatus', { id: made.id, version: 5, status: 'resolved', resolution: '更换设备' });
    expect(again.resolution).toBe('更换设备');
    expect(again.events.map((e) => [e.kind, e.from, e.to, e.userName, e.note])).toEqual([
      ['opened', null, 'new', 'staff', ''],
      ['status', 'new', 'inProgress', 'manager', '已联系客户'],
      ['status', 'inProgress', 'resolved', 'staff', ''],
      ['status', 'resolved', 'closed', '老板', ''],
      ['status', 'closed', 'inProgress', 'manager', '客户再次来电'],
      ['status', 'inProgress', 'resolved', 'staff', ''],
    ]);
    // Oldest first, each at the clock of its step.
    const times = again.events.map((e) => e.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(6);
    expect(again.version).toBe(6);
  });

  it('resolves straight from new', async () => {
    const made = await h.call('owner', 'complaints.create', draft());
    const resolved = await h.call('owner', 'complaints.setStatus', { id: made.id, version: 1, status: 'resolved', resolution: '当场解释清楚' });
    expect(resolved.status).toBe('resolved');
  });

  it('refuses the steps the workflow does not have (CONFLICT reason status), changing nothing', async () => {
    const made = await h.call('owner', 'complaints.create', draft());
    const cases: { from: Complaint['status']; to: Complaint['status'] }[] = [
      { from: 'new', to: 'closed' },
      { from: 'new', to: 'new' },
    ];
    for (const { to } of cases) {
      const error = await h.failure('owner', 'complaints.setStatus', { id: made.id, version: 1, status: to, resolution: 'x' }, 'CONFLICT');
      expect(reasonOf(error, 'CONFLICT')).toBe('status');
      expect(error.message).toMatch(/^complaints\.setStatus: /);
    }
    const started = await h.call('owner', 'complaints.setStatus', { id: made.id, version: 1, status: 'inProgress' });
    for (const to of ['new', 'inProgress', 'closed'] as const) {
      expect(reasonOf(await h.failure('owner', 'complaints.setStatus', { id: made.id, version: started.version, status: to }, 'CONFLICT'), 'CONFLICT')).toBe('status');
    }
    const resolved = await h.call('owner', 'complaints.setStatus', { id: made.id, version: started.version, status: 'resolved', resolution: '已处理' });
    for (const to of ['new', 'resolved'] as const) {
      expect(reasonOf(await h.failure('owner', 'complaints.setStatus', { id: made.id, version: resolved.version, status: to, resolution: 'x' }, 'CONFLICT'), 'CONFLICT')).toBe('status');
    }
    const closed = await h.call('owner', 'complaints.setStatus', { id: made.id, version: resolved.version, status: 'closed' });
    for (const to of ['new', 'resolved', 'closed'] as const) {
      expect(reasonOf(await h.failure('owner', 'complaints.setStatus', { id: made.id, version: closed.version, status: to, resolution: 'x' }, 'CONFLICT'), 'CONFLICT')).toBe('status');
    }
    const after = await h.call('owner', 'complaints.get', { id: made.id });
    expect(after.version).toBe(closed.version);
    expect(after.events).toHaveLength(4);
  });

  it('needs a resolution to resolve, and takes the satisfaction after only on resolve or close (1–5)', async () => {
    const made = await h.call('owner', 'complaints.create', draft());
    const none = await h.failure('owner', 'complaints.setStatus', { id: made.id, version: 1, status: 'resolved' }, 'VALIDATION');
    expect(fieldIssuesOf(none)).toEqual([expect.objectContaining({ path: ['resolution'], message: 'required' })]);
    const blank = await h.failure('owner', 'complaints.setStatus', { id: made.id, version: 1, status: 'resolved', resolution: '   ' }, 'VALIDATION');
    expect(fieldIssuesOf(blank)).toEqual([expect.objectContaining({ path: ['resolution'], message: 'required' })]);
    const six = await h.failure('owner', 'complaints.setStatus', { id: made.id, version: 1, status: 'resolved', resolution: 'x', afterScore: 6 }, 'VALIDATION');
    expect(fieldIssuesOf(six)).toEqual([expect.objectContaining({ path: ['afterScore'], code: 'too_big' })]);
    const early = await h.failure('owner', 'complaints.setStatus', { id: made.id, version: 1, status: 'inProgress', afterScore: 3 }, 'VALIDATION');
    expect(fieldIssuesOf(early)).toEqual([expect.objectContaining({ path: ['afterScore'], message: 'afterScore' })]);
    const stale = await h.failure('owner', 'complaints.setStatus', { id: made.id, version: 7, status: 'inProgress' }, 'CONFLICT');
    expect(reasonOf(stale, 'CONFLICT')).toBeNull();
    const after = await h.call('owner', 'complaints.get', { id: made.id });
    expect(after).toMatchObject({ status: 'new', version: 1, afterScore: null });
    expect(after.events).toHaveLength(1);
  });
});

describe('edits', () => {
  it('keeps a new assignee and a new deadline in the history, and other fields as one edited event', async () => {
    const made = await h.call('owner', 'complaints.create', draft({ openedAt: at('2026-11-30', 9) }));
    h.clock.now += HOUR;
    const moved = await h.call('manager', 'complaints.update', { id: made.id, version: 1, assigneeId: managerId, dueAt: at('2026-12-03', 18), note: '客户同意延期' });
    expect(moved).toMatchObject({ assigneeId: managerId, assigneeName: 'manager', dueAt: at('2026-12-03', 18), version: 2 });
    expect(moved.events.slice(1).map((e) => [e.kind, e.from, e.to, e.note])).toEqual([
      ['assigned', 'staff', 'manager', '客户同意延期'],
      ['deadline', String(made.dueAt), String(at('2026-12-03', 18)), '客户同意延期'],
    ]);
    const edited = await h.call('owner', 'complaints.update', { id: made.id, version: 2, severity: 'critical', description: '多次迟到', assigneeId: null });
    expect(edited).toMatchObject({ severity: 'critical', description: '多次迟到', assigneeId: null, assigneeName: null, category: 'service', version: 3 });
    expect(edited.events.slice(3).map((e) => [e.kind, e.from, e.to, e.note])).toEqual([
      ['assigned', 'manager', null, ''],
      ['edited', null, 'severity,description', ''],
    ]);
    // Nothing changed: no event, no new version.
    const same = await h.call('owner', 'complaints.update', { id: made.id, version: 3, severity: 'critical' });
    expect(same.version).toBe(3);
    expect(same.events).toHaveLength(5);
  });

  it('refuses an unknown, inactive or viewer assignee (staff), a deadline before the opening (deadline), a stale version; nothing changes', async () => {
    const made = await h.call('owner', 'complaints.create', draft({ openedAt: at('2026-11-30', 9) }));
    const leaver = await addUser(h, { username: `leaver${serial}`, role: 'staff' });
    await h.call('owner', 'users.deactivate', { id: leaver.id, version: leaver.version });
    for (const assigneeId of [9999, leaver.id, viewerId]) {
      const error = await h.failure('owner', 'complaints.update', { id: made.id, version: 1, assigneeId }, 'VALIDATION');
      expect(fieldIssuesOf(error)).toEqual([expect.objectContaining({ path: ['assigneeId'], message: 'staff' })]);
      const created = await h.failure('owner', 'complaints.create', draft({ assigneeId }), 'VALIDATION');
      expect(fieldIssuesOf(created)).toEqual([expect.objectContaining({ path: ['assigneeId'], message: 'staff' })]);
    }
    const early = await h.failure('owner', 'complaints.update', { id: made.id, version: 1, dueAt: at('2026-11-30', 8) }, 'VALIDATION');
    expect(fieldIssuesOf(early)).toEqual([expect.objectContaining({ path: ['dueAt'], message: 'deadline' })]);
    expect(early.message).toMatch(/^complaints\.update: /);
    await h.failure('owner', 'complaints.update', { id: made.id, version: 2, severity: 'low' }, 'CONFLICT');
    const after = await h.call('owner', 'complaints.get', { id: made.id });
    expect(after).toMatchObject({ version: 1, assigneeId: staffId, dueAt: made.dueAt, severity: 'medium' });
    expect(after.events).toHaveLength(1);
  });

  it('refuses bad drafts with their reasons', async () => {
    const cases: [Partial<ComplaintDraftInput>, string[], string][] = [
      [{ description: '' }, ['description'], 'too_small'],
      [{ description: 'x'.repeat(5001) }, ['description'], 'too_big'],
      [{ customerId: 9999 }, ['customerId'], 'customer'],
      [{ openedAt: -5 }, ['openedAt'], 'dateRange'],
    ];
    for (const [over, path, reason] of cases) {
      const error = await h.failure('owner', 'complaints.create', draft(over), 'VALIDATION');
      const issue = fieldIssuesOf(error)[0]!;
      expect(issue.path, JSON.stringify(over).slice(0, 50)).toEqual(path);
      expect([issue.message, 'code' in issue ? issue.code : undefined]).toContain(reason);
    }
    await h.failure('owner', 'complaints.create', { ...draft(), category: 'weather' }, 'VALIDATION');
    await h.failure('owner', 'complaints.create', { ...draft(), severity: 'urgent' }, 'VALIDATION');
  });
});

describe('the list and counts', () => {
  let lh: Harness;
  let customer: number;
  let other: number;
  const ids: Record<string, number> = {};
  const NOW = at('2026-12-10', 12);

  beforeAll(async () => {
    lh = makeHarness();
    lh.clock.now = at('2026-12-01');
    await shopWithRoles(lh);
    await lh.call('owner', 'settings.update', { idleLockMinutes: 0 });
    const staff = (await userNamed(lh, 'staff')).id;
    customer = (await lh.call('owner', 'customers.create', { name: '列表客户', grade: 'vip' })).id;
    other = (await lh.call('owner', 'customers.create', { name: '另一客户', grade: 'normal' })).id;
    const make = async (name: string, over: Partial<ComplaintDraftInput>, status?: 'inProgress' | 'resolved' | 'closed') => {
      const made = await lh.call('owner', 'complaints.create', { ...draft({ customerId: customer, assigneeId: null }), description: name, ...over });
      ids[name] = made.id;
      let version = made.version;
      if (status === 'inProgress' || status === 'closed' || status === 'resolved') {
        if (status === 'inProgress') version = (await lh.call('owner', 'complaints.setStatus', { id: made.id, version, status: 'inProgress' })).version;
        else version = (await lh.call('owner', 'complaints.setStatus', { id: made.id, version, status: 'resolved', resolution: '好了' })).version;
        if (status === 'closed') await lh.call('owner', 'complaints.setStatus', { id: made.id, version, status: 'closed' });
      }
    };
    // Open, two past NOW's deadline and two not yet; resolved and closed ones opened at different times.
    await make('overdue-late', { openedAt: at('2026-12-05', 9), dueAt: at('2026-12-09', 9), severity: 'high', assigneeId: staff }, 'inProgress');
    await make('overdue-early', { openedAt: at('2026-12-02', 9), dueAt: at('2026-12-03', 9), category: 'billing' });
    await make('due-soon', { openedAt: at('2026-12-09', 9), dueAt: at('2026-12-11', 9), assigneeId: staff });
    await make('due-later', { openedAt: at('2026-12-08', 9), dueAt: at('2026-12-20', 9), customerId: other, severity: 'high' });
    await make('resolved-new', { openedAt: at('2026-12-07', 9), dueAt: at('2026-12-08', 9) }, 'resolved');
    await make('closed-old', { openedAt: at('2026-12-01', 9), dueAt: at('2026-12-02', 9), severity: 'high' }, 'closed');
    await make('resolved-mid', { openedAt: at('2026-12-04', 9), dueAt: at('2026-12-05', 9), customerId: other }, 'resolved');
    // Deleted ones are not listed.
    await make('binned', { openedAt: at('2026-12-03', 9), dueAt: at('2026-12-04', 9) });
    await lh.call('owner', 'complaints.delete', { id: ids['binned']!, version: 1 });
    lh.clock.now = NOW;
  }, 60_000);
  afterAll(() => lh.cleanup());

  const names = (rows: readonly ComplaintRow[]) => rows.map((row) => Object.keys(ids).find((name) => ids[name] === row.id));

  async function all(query: ComplaintQueryInput, limit: number): Promise<ComplaintRow[]> {
    const rows: ComplaintRow[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 20; pages++) {
      const page: ComplaintPage = await lh.call('owner', 'complaints.list', { ...query, after, limit });
      rows.push(...page.rows);
      after = page.next;
      if (after === null) return rows;
    }
    throw new Error('the cursor did not end');
  }

  it('lists open complaints by deadline (overdue first), then the rest newest first, the same in pages of any size', async () => {
    const expected = ['overdue-early', 'overdue-late', 'due-soon', 'due-later', 'resolved-new', 'resolved-mid', 'closed-old'];
    for (const limit of [100, 1, 2, 3, 4, 7]) expect(names(await all({}, limit)), `limit ${limit}`).toEqual(expected);
    const page = await lh.call('owner', 'complaints.list', { limit: 100 });
    expect(page.rows.map((row) => row.overdue)).toEqual([true, true, false, false, false, false, false]);
    expect(page.rows[0]).toMatchObject({ customerName: '列表客户', customerGrade: 'vip', excerpt: 'overdue-early', category: 'billing', status: 'new' });
    // A page that ends exactly with the open ones points at the rest; one that ends everything does not.
    const four = await lh.call('owner', 'complaints.list', { limit: 4 });
    expect(four.next).not.toBeNull();
    expect((await lh.call('owner', 'complaints.list', { limit: 7 })).next).toBeNull();
    expect((await lh.call('owner', 'complaints.list', { status: 'open', limit: 4 })).next).toBeNull();
  });

  it('filters by status, assignee, customer, severity and category', async () => {
    const cases: [ComplaintQueryInput, string[]][] = [
      [{ status: 'open' }, ['overdue-early', 'overdue-late', 'due-soon', 'due-later']],
      [{ status: 'overdue' }, ['overdue-early', 'overdue-late']],
      [{ status: 'new' }, ['overdue-early', 'due-soon', 'due-later']],
      [{ status: 'inProgress' }, ['overdue-late']],
      [{ status: 'resolved' }, ['resolved-new', 'resolved-mid']],
      [{ status: 'closed' }, ['closed-old']],
      [{ assigneeId: (await userNamed(lh, 'staff')).id }, ['overdue-late', 'due-soon']],
      [{ assigneeId: null, status: 'open' }, ['overdue-early', 'due-later']],
      [{ customerId: other }, ['due-later', 'resolved-mid']],
      [{ severity: 'high' }, ['overdue-late', 'due-later', 'closed-old']],
      [{ category: 'billing' }, ['overdue-early']],
      [{ status: 'overdue', severity: 'high' }, ['overdue-late']],
    ];
    for (const [query, expected] of cases) {
      for (const limit of [100, 1]) expect(names(await all(query, limit)), `${JSON.stringify(query)} limit ${limit}`).toEqual(expected);
    }
  });

  it('refuses a cursor it did not make', async () => {
    const error = await lh.failure('owner', 'complaints.list', { after: 'not-a-cursor', limit: 10 }, 'VALIDATION');
    expect(fieldIssuesOf(error)).toEqual([expect.objectContaining({ message: 'cursor' })]);
  });

  it('counts the open and the overdue, as the clock moves', async () => {
    expect(await lh.call('owner', 'complaints.counts', {})).toEqual({ open: 4, overdue: 2 });
    lh.clock.now = at('2026-12-11', 10);
    expect(await lh.call('viewer', 'complaints.counts', {})).toEqual({ open: 4, overdue: 3 });
    lh.clock.now = NOW;
  });
});

describe('the recycle bin, audit, timeline and the customer purge', () => {
  it('deletes, restores and purges, each in the history and the audit log', async () => {
    const made = await h.call('staff', 'complaints.create', draft());
    await h.call('staff', 'complaints.delete', { id: made.id, version: 1 });
    const binned = await h.call('owner', 'complaints.get', { id: made.id });
    expect(binned.deletedAt).toBe(h.clock.now);
    expect(binned.actions).toMatchObject({ edit: false, start: false, resolve: false, delete: false, restore: true, purge: true });
    expect((await h.call('owner', 'complaints.listDeleted', { limit: 100 })).rows.map((r) => r.id)).toContain(made.id);
    expect((await h.call('owner', 'complaints.list', { limit: 100 })).rows.map((r) => r.id)).not.toContain(made.id);
    // Not edited or moved while in the bin.
    await h.failure('owner', 'complaints.update', { id: made.id, version: 2, severity: 'low' }, 'NOT_FOUND');
    await h.failure('owner', 'complaints.setStatus', { id: made.id, version: 2, status: 'inProgress' }, 'NOT_FOUND');
    // Purging only from the bin.
    const live = await h.call('owner', 'complaints.create', draft());
    await h.failure('owner', 'complaints.purge', { id: live.id }, 'NOT_FOUND');

    const restored = await h.call('staff', 'complaints.restore', { id: made.id });
    expect(restored.deletedAt).toBeNull();
    expect(restored.events.map((e) => e.kind)).toEqual(['opened', 'deleted', 'restored']);
    await h.call('owner', 'complaints.delete', { id: made.id, version: restored.version });
    await h.call('owner', 'complaints.purge', { id: made.id });
    await h.failure('owner', 'complaints.get', { id: made.id }, 'NOT_FOUND');

    const audit = await h.call('owner', 'audit.list', { entity: 'complaint', limit: 200 });
    const mine = audit.rows.filter((row) => row.entityId === made.id).map((row) => row.action);
    expect(mine.sort()).toEqual(['complaint.create', 'complaint.delete', 'complaint.delete', 'complaint.purge', 'complaint.restore'].sort());
    const actions = new Set(audit.rows.map((row) => row.action));
    for (const action of ['complaint.update', 'complaint.status']) expect(actions).toContain(action);
  });

  it('shows on the customer timeline, and goes with its customer when the customer is purged', async () => {
    const c = await h.call('owner', 'customers.create', { name: '将被清除的客户', grade: 'key' });
    const made = await h.call('owner', 'complaints.create', draft({ customerId: c.id, category: 'product', description: '产品有划痕' }));
    await h.call('owner', 'complaints.setStatus', { id: made.id, version: 1, status: 'inProgress' });
    const timeline = await h.call('owner', 'timeline.list', { customerId: c.id, kinds: ['complaint'] });
    expect(timeline.entries).toEqual([
      expect.objectContaining({ kind: 'complaint', refId: made.id, at: made.openedAt, title: 'product', text: '产品有划痕', status: 'inProgress', staffName: 'staff', deleted: false, open: { kind: 'complaint', id: made.id } }),
    ]);
    const everything = await h.call('owner', 'timeline.list', { customerId: c.id });
    expect(everything.entries.map((e) => e.kind)).toContain('complaint');

    const customer = await h.call('owner', 'customers.get', { id: c.id });
    const counted = await h.call('owner', 'complaints.counts', {});
    await h.call('owner', 'customers.delete', { id: c.id, version: customer.version });
    // Not counted while its customer is in the recycle bin.
    expect(await h.call('owner', 'complaints.counts', {})).toEqual({ open: counted.open - 1, overdue: counted.overdue });
    // Hidden while its customer is in the recycle bin.
    await h.failure('owner', 'complaints.get', { id: made.id }, 'NOT_FOUND');
    expect((await h.call('owner', 'complaints.list', { customerId: c.id, limit: 10 })).rows).toEqual([]);
    await h.call('owner', 'customers.purge', { id: c.id });
    const db = await rawDb(h);
    try {
      const count = (sql: string) => (db.prepare(sql).get(made.id) as { n: number }).n;
      expect(count('SELECT count(*) AS n FROM complaints WHERE id = ?')).toBe(0);
      expect(count('SELECT count(*) AS n FROM complaint_events WHERE complaint_id = ?')).toBe(0);
    } finally {
      db.close();
    }
  });
});
