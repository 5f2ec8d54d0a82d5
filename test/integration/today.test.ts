// Today on a small shop at a fixed date (Wednesday 2026-12-02, 09:30 in the shop's time zone),
// compared with lists checked by hand: for a staff member (mine) and for the owner (everyone),
// every role × scope, the staff-scope setting on and off, marks (snooze hides until the day, done
// hides that occurrence only and the next one shows, unmark), a follow-up's done on its record,
// the counts of the nav, and "today" right after local midnight.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Today, TodayItem } from '../../shared/api/today.ts';
import { fieldIssuesOf } from '../../shared/error-details.ts';
import { ROLES } from '../../shared/roles.ts';
import { databaseKeyOf, makeHarness, OWNER_PASSWORD, openWithKey, shopWithRoles, userNamed, type Harness } from './harness.ts';

let h: Harness;
const NOW = new Date(2026, 11, 2, 9, 30).getTime();
const NAMES = [
  ...['staffUser', 'managerUser', 'A', 'B', 'C', 'E', 'G', 'H', 'contactG'],
  ...['vStaffA', 'vStaffB', 'vManagerB', 'vTomorrow', 'vCancelled', 'vBinnedCustomer'],
  ...['rStaffA', 'rManagerB', 'rLater', 'rDone', 'rBinnedCustomer', 'kStaff', 'kManager', 'kLater'],
  ...['qStaffOverdue', 'qManagerNear', 'qStaffLater', 'qResolved', 'qBinnedCustomer'],
] as const;
/** The fixture's rows by name (set in beforeAll). */
const ids = Object.fromEntries(NAMES.map((name) => [name, 0])) as Record<(typeof NAMES)[number], number>;

/** What a section shows, as `kind:refId` labels named after the fixture's rows. */
function shown(today: Today, section: keyof Today['sections']): string[] {
  // Each section's rows are named by their letter (v visits, r records, q complaints, k contracts),
  // customers by one capital, contacts as contact + their customer's.
  const named = (name: string) => (item: TodayItem) =>
    item.kind === 'contactBirthday' ? name.startsWith('contact') : ['returnVisit', 'birthday', 'founding'].includes(item.kind) ? /^[A-Z]$/.test(name) : name.startsWith({ visits: 'v', followUps: 'r', complaints: 'q', contracts: 'k' }[section as string] ?? '#') && /^[a-z][A-Z]/.test(name);
  return today.sections[section].items.map((item) => Object.entries(ids).find(([name, id]) => id === item.refId && named(name)(item))?.[0] ?? `${item.kind}:${item.refId}`);
}

function item(today: Today, section: keyof Today['sections'], name: (typeof NAMES)[number]): TodayItem {
  const found = today.sections[section].items.find((i) => i.refId === ids[name]);
  if (!found) throw new Error(`${name} not in ${section}`);
  return found;
}

const at = (day: number, hour: number, minute = 0) => new Date(2026, 11, day, hour, minute).getTime();

beforeAll(async () => {
  h = makeHarness();
  h.clock.now = new Date(2026, 10, 1, 10).getTime();
  await shopWithRoles(h);
  await h.call('owner', 'settings.update', { idleLockMinutes: 0 });
  const staff = (await userNamed(h, 'staff')).id;
  const manager = (await userNamed(h, 'manager')).id;
  ids.staffUser = staff;
  ids.managerUser = manager;
  // A VIP customer last heard from on Nov 1: its 30-day return visit is due Dec 1.
  ids.E = (await h.call('owner', 'customers.create', { name: 'VIP客户戊', grade: 'vip', ownerId: staff })).id;
  h.clock.now = new Date(2026, 10, 20, 10).getTime();
  const customer = async (name: string, ownerId: number) => (await h.call('owner', 'customers.create', { name, ownerId })).id;
  // Birthdays: a Gregorian one on Dec 5 and its contact's on Dec 2 (the manager's customer), a
  // lunar 10-26 (celebrated on 2026-12-04) of the staff member's customer.
  const withBirthday = await h.call('owner', 'customers.create', { name: '生日客户己', kind: 'person', birthday: '1990-12-05', ownerId: manager, contacts: [{ name: '联系人辛', birthday: '1980-12-02' }] });
  ids.G = withBirthday.id;
  ids.contactG = withBirthday.contacts[0]!.id;
  ids.H = (await h.call('owner', 'customers.create', { name: '农历客户庚', kind: 'person', birthday: '1985-10-26', birthdayCalendar: 'lunar', ownerId: staff })).id;
  ids.A = await customer('员工的客户甲', staff);
  ids.B = await customer('经理的客户乙', manager);
  ids.C = await customer('回收站的客户丙', staff);

  const visit = async (customerId: number, staffId: number, day: number, minute: number, purpose: string) =>
    (await h.call('owner', 'visits.create', { customerId, staffId, onDay: `2026-12-${String(day).padStart(2, '0')}`, startMinute: minute, purpose })).visit.id;
  ids.vStaffA = await visit(ids.A, staff, 2, 600, '甲 上门安装');
  ids.vStaffB = await visit(ids.B, staff, 2, 540, '乙 陪同拜访');
  ids.vManagerB = await visit(ids.B, manager, 2, 840, '乙 回访');
  ids.vTomorrow = await visit(ids.A, staff, 3, 600, '甲 明天');
  ids.vCancelled = await visit(ids.A, staff, 2, 700, '甲 取消的');
  await h.call('owner', 'visits.setStatus', { id: ids.vCancelled, version: 1, status: 'cancelled' });
  ids.vBinnedCustomer = await visit(ids.C, staff, 2, 660, '丙 拜访');

  const talk = async (customerId: number, staffId: number, followUpOn: string, content: string) =>
    (await h.call('owner', 'records.create', { customerId, kind: 'communication', at: at(1, 9) - 10 * 86_400_000, staffId, content, channel: 'phone', followUpOn })).id;
  ids.rStaffA = await talk(ids.A, staff, '2026-11-30', '甲 报价跟进');
  ids.rManagerB = await talk(ids.B, manager, '2026-12-02', '乙 合同跟进');
  ids.rLater = await talk(ids.A, staff, '2026-12-05', '甲 以后');
  ids.rDone = await talk(ids.A, staff, '2026-11-28', '甲 已跟进');
  await h.call('owner', 'records.followUpDone', { id: ids.rDone, version: 1 });
  ids.rBinnedCustomer = await talk(ids.C, staff, '2026-12-01', '丙 跟进');

  const contract = async (number: string, customerId: number, ownerId: number, endOn: string) =>
    (await h.call('owner', 'contracts.create', { number, title: `合同${number}`, customerId, ownerId, signedOn: '2026-01-01', startOn: '2026-01-01', endOn, noticeDays: 30 })).id;
  ids.kStaff = await contract('HT-1', ids.A, staff, '2026-12-20');
  ids.kManager = await contract('HT-2', ids.B, manager, '2026-12-15');
  ids.kLater = await contract('HT-3', ids.A, staff, '2027-06-30');

  // Complaints straight into their table (the rows areas/complaints writes): the complaints
  // section reads the data model, whoever opened them.
  const raw = openWithKey(h.dataDir, await databaseKeyOf(h.dataDir, 'boss', OWNER_PASSWORD));
  const complaint = (customerId: number, assignee: number, dueAt: number, status = 'new') =>
    Number(
      raw
        .prepare(
          `INSERT INTO complaints (customer_id, category, severity, description, source, assignee_id, opened_at, due_at, status, created_at, updated_at)
           VALUES (?, 'service', 'high', ?, 'phone', ?, ?, ?, ?, ?, ?)`,
        )
        .run(customerId, `投诉${customerId}-${dueAt}`, assignee, at(1, 8), dueAt, status, at(1, 8), at(1, 8)).lastInsertRowid,
    );
  ids.qStaffOverdue = complaint(ids.A, staff, at(1, 18));
  ids.qManagerNear = complaint(ids.B, manager, at(3, 8));
  ids.qStaffLater = complaint(ids.A, staff, at(10, 8));
  ids.qResolved = complaint(ids.A, staff, at(1, 12), 'resolved');
  ids.qBinnedCustomer = complaint(ids.C, staff, at(1, 12));
  raw.close();

  await h.call('owner', 'customers.delete', { id: ids.C, version: 1 });
  h.clock.now = NOW;
}, 60_000);
afterAll(() => h.cleanup());

describe('Today on the seeded shop, 2026-12-02 09:30', () => {
  it("shows a staff member their own, as checked by hand", async () => {
    const today = await h.call('staff', 'today.get', {});
    expect(today.day).toBe('2026-12-02');
    expect(today.scope).toBe('mine');
    expect(today.scopes).toEqual(['mine']);
    expect(shown(today, 'visits')).toEqual(['vStaffB', 'vStaffA']);
    expect(shown(today, 'followUps')).toEqual(['rStaffA']);
    expect(shown(today, 'complaints')).toEqual(['qStaffOverdue']);
    expect(shown(today, 'contracts')).toEqual(['kStaff']);
    expect(shown(today, 'returnVisits')).toEqual(['E']);
    expect(shown(today, 'occasions')).toEqual(['H']);
    expect(today.sections.visits.total).toBe(2);
    expect(today.sections.followUps.total).toBe(1);

    const followUp = item(today, 'followUps', 'rStaffA');
    expect(followUp).toMatchObject({ occurrence: '2026-11-30', dueOn: '2026-11-30', overdue: true, overdueDays: 2, title: '甲 报价跟进', customerName: '员工的客户甲', subtitle: 'staff' });
    expect(followUp.actions).toEqual({ open: { kind: 'record', id: ids.rStaffA }, complete: true, snooze: true, done: true });
    const firstVisit = item(today, 'visits', 'vStaffB');
    expect(firstVisit).toMatchObject({ occurrence: '2026-12-02', title: '乙 陪同拜访', customerName: '经理的客户乙', overdue: false, details: { startMinute: 540, visitStatus: 'planned' } });
    expect(firstVisit.actions).toMatchObject({ open: { kind: 'visit', id: ids.vStaffB }, complete: true });
    expect(item(today, 'complaints', 'qStaffOverdue')).toMatchObject({ occurrence: '2026-12-01', dueAt: at(1, 18), overdue: true, overdueDays: 1 });
    expect(item(today, 'contracts', 'kStaff')).toMatchObject({ occurrence: '2026-12-20', dueOn: '2026-12-20', title: 'HT-1 合同HT-1', actions: { open: { kind: 'contract', id: ids.kStaff } } });
    expect(item(today, 'returnVisits', 'E')).toMatchObject({ kind: 'returnVisit', occurrence: '2026-12-01', overdue: true, overdueDays: 1, details: { grade: 'vip' }, actions: { open: { kind: 'customer', id: ids.E } } });
    expect(item(today, 'occasions', 'H')).toMatchObject({ kind: 'birthday', occurrence: '2026-12-04', title: '农历客户庚', details: { calendar: 'lunar', original: '1985-10-26', noted: false } });
  });

  it('shows the owner everyone, as checked by hand', async () => {
    const today = await h.call('owner', 'today.get', {});
    expect(today.scope).toBe('everyone');
    expect(shown(today, 'visits')).toEqual(['vStaffB', 'vStaffA', 'vManagerB']);
    expect(shown(today, 'followUps')).toEqual(['rStaffA', 'rManagerB']);
    expect(shown(today, 'complaints')).toEqual(['qStaffOverdue', 'qManagerNear']);
    expect(shown(today, 'contracts')).toEqual(['kManager', 'kStaff']);
    expect(shown(today, 'returnVisits')).toEqual(['E']);
    expect(shown(today, 'occasions')).toEqual(['contactG', 'H', 'G']);
    expect(today.sections.occasions.items.map((o) => [o.kind, o.occurrence])).toEqual([
      ['contactBirthday', '2026-12-02'],
      ['birthday', '2026-12-04'],
      ['birthday', '2026-12-05'],
    ]);
    expect(item(today, 'complaints', 'qManagerNear')).toMatchObject({ overdue: false, overdueDays: 0 });
    expect(item(today, 'followUps', 'rManagerB')).toMatchObject({ overdue: false, overdueDays: 0 });
    // The owner's own: nothing is theirs in this shop.
    const mine = await h.call('owner', 'today.get', { scope: 'mine' });
    for (const section of Object.values(mine.sections)) expect(section).toEqual({ items: [], total: 0 });
  });

  it('answers every role × scope, with the staff scope off and on', async () => {
    for (const staffScope of [false, true]) {
      await h.call('owner', 'settings.update', { staffScope });
      for (const role of ROLES) {
        for (const scope of ['mine', 'everyone'] as const) {
          if (role === 'staff' && scope === 'everyone') {
            await h.failure(role, 'today.get', { scope }, 'FORBIDDEN');
            continue;
          }
          const today = await h.call(role, 'today.get', { scope });
          const expected: Record<string, string[]> =
            scope === 'everyone'
              ? { visits: ['vStaffB', 'vStaffA', 'vManagerB'], followUps: ['rStaffA', 'rManagerB'], complaints: ['qStaffOverdue', 'qManagerNear'], contracts: ['kManager', 'kStaff'], returnVisits: ['E'], occasions: ['contactG', 'H', 'G'] }
              : role === 'staff'
                ? // Under the scope, a colleague's customer's visit is out of sight even when the staff member goes.
                  { visits: staffScope ? ['vStaffA'] : ['vStaffB', 'vStaffA'], followUps: ['rStaffA'], complaints: ['qStaffOverdue'], contracts: ['kStaff'], returnVisits: ['E'], occasions: ['H'] }
                : role === 'manager'
                  ? { visits: ['vManagerB'], followUps: ['rManagerB'], complaints: ['qManagerNear'], contracts: ['kManager'], returnVisits: [], occasions: ['contactG', 'G'] }
                  : { visits: [], followUps: [], complaints: [], contracts: [], returnVisits: [], occasions: [] };
          for (const [section, list] of Object.entries(expected)) expect(shown(today, section as keyof Today['sections']), `${role} ${scope} ${section} scope ${staffScope}`).toEqual(list);
          const write = role !== 'viewer';
          for (const section of Object.values(today.sections)) {
            // A churn warning is dismissed with a reason where it is listed (churn.dismiss), never snoozed or done here.
            for (const one of section.items) expect([one.actions.snooze, one.actions.done], `${role} ${one.kind}`).toEqual(one.kind === 'churn' ? [false, false] : [write, write]);
          }
        }
      }
      expect((await h.call('staff', 'today.get', {})).scope).toBe('mine');
      expect((await h.call('viewer', 'today.get', {})).scope).toBe('everyone');
      expect((await h.call('manager', 'today.get', {})).scope).toBe('everyone');
    }
    await h.call('owner', 'settings.update', { staffScope: false });
  });

  it('counts for the nav: due today or overdue, and the open complaints', async () => {
    // Owner: 3 visits + 2 follow-ups + the overdue complaint (the other is due tomorrow) + the
    // return visit + the contact's birthday today (the other birthdays are later this week).
    expect(await h.call('owner', 'today.counts', {})).toEqual({ today: 8, complaintsOpen: 3, complaintsOverdue: 1, followUps: 2 });
    expect(await h.call('staff', 'today.counts', {})).toEqual({ today: 5, complaintsOpen: 3, complaintsOverdue: 1, followUps: 1 });
    await h.call('owner', 'settings.update', { staffScope: true });
    expect(await h.call('staff', 'today.counts', {})).toEqual({ today: 4, complaintsOpen: 2, complaintsOverdue: 1, followUps: 1 });
    await h.call('owner', 'settings.update', { staffScope: false });
  });
});

describe('marks', () => {
  it('snooze hides until the day and refuses a day not after today', async () => {
    const ref = { kind: 'followUp' as const, refId: ids.rStaffA, occurrence: '2026-11-30' };
    const refused = await h.failure('staff', 'today.mark', { ...ref, snoozeUntil: '2026-12-02' }, 'VALIDATION');
    expect(fieldIssuesOf(refused)).toEqual([expect.objectContaining({ path: ['snoozeUntil'], message: 'snoozeDay' })]);
    await h.failure('viewer', 'today.mark', { ...ref, snoozeUntil: '2026-12-04' }, 'FORBIDDEN');

    expect(await h.call('staff', 'today.mark', { ...ref, snoozeUntil: '2026-12-04' })).toEqual({ ...ref, snoozedUntil: '2026-12-04', done: false });
    expect(shown(await h.call('staff', 'today.get', {}), 'followUps')).toEqual([]);
    expect(shown(await h.call('owner', 'today.get', { day: '2026-12-03' }), 'followUps')).toEqual(['rManagerB']);
    const onTheDay = await h.call('owner', 'today.get', { day: '2026-12-04' });
    expect(shown(onTheDay, 'followUps')).toEqual(['rStaffA', 'rManagerB']);
    expect(item(onTheDay, 'followUps', 'rStaffA')).toMatchObject({ snoozedUntil: '2026-12-04', overdueDays: 4 });
    expect((await h.call('staff', 'today.counts', {})).followUps).toBe(0);

    await h.call('staff', 'today.unmark', ref);
    expect(shown(await h.call('staff', 'today.get', {}), 'followUps')).toEqual(['rStaffA']);
    const audit = (await h.call('owner', 'audit.list', { entity: 'inbox' })).rows;
    expect(audit.map((entry) => entry.action)).toEqual(['today.unmark', 'today.snooze']);
    expect(audit[1]).toMatchObject({ username: 'staff', entityId: ids.rStaffA, label: '员工的客户甲 (' + audit[1]!.label.split('(')[1] });
  });

  it('done hides that occurrence only: the next one shows', async () => {
    const ref = { kind: 'contract' as const, refId: ids.kStaff, occurrence: '2026-12-20' };
    await h.call('staff', 'today.mark', { ...ref, done: true });
    expect(shown(await h.call('owner', 'today.get', {}), 'contracts')).toEqual(['kManager']);
    expect(shown(await h.call('owner', 'today.get', { day: '2026-12-10' }), 'contracts')).toEqual(['kManager']);
    // The contract's end moves: a new occurrence, shown again.
    const contract = await h.call('owner', 'contracts.get', { id: ids.kStaff });
    await h.call('owner', 'contracts.update', {
      id: ids.kStaff,
      version: contract.version,
      number: contract.number,
      title: contract.title,
      customerId: ids.A,
      ownerId: ids.staffUser,
      signedOn: contract.signedOn,
      startOn: contract.startOn,
      endOn: '2026-12-28',
      noticeDays: 30,
    });
    const after = await h.call('owner', 'today.get', {});
    expect(shown(after, 'contracts')).toEqual(['kManager', 'kStaff']);
    expect(item(after, 'contracts', 'kStaff').occurrence).toBe('2026-12-28');

    // A visit marked done is gone from its day; unmarked, back.
    const visit = { kind: 'visit' as const, refId: ids.vManagerB, occurrence: '2026-12-02' };
    await h.call('manager', 'today.mark', { ...visit, done: true });
    expect(shown(await h.call('owner', 'today.get', {}), 'visits')).toEqual(['vStaffB', 'vStaffA']);
    expect((await h.call('owner', 'today.counts', {})).today).toBe(7);
    await h.call('manager', 'today.unmark', visit);
    expect(shown(await h.call('owner', 'today.get', {}), 'visits')).toEqual(['vStaffB', 'vStaffA', 'vManagerB']);

    // A complaint done for its deadline's day; a new deadline shows it again.
    const complaint = { kind: 'complaint' as const, refId: ids.qManagerNear, occurrence: '2026-12-03' };
    await h.call('manager', 'today.mark', { ...complaint, done: true });
    expect(shown(await h.call('owner', 'today.get', {}), 'complaints')).toEqual(['qStaffOverdue']);
    await h.call('manager', 'today.unmark', complaint);
    expect(shown(await h.call('owner', 'today.get', {}), 'complaints')).toEqual(['qStaffOverdue', 'qManagerNear']);
  });

  it("a follow-up's done is its record's, and a mark on what the caller does not see is NOT_FOUND", async () => {
    const ref = { kind: 'followUp' as const, refId: ids.rManagerB, occurrence: '2026-12-02' };
    await h.call('owner', 'settings.update', { staffScope: true });
    await h.failure('staff', 'today.mark', { ...ref, done: true }, 'NOT_FOUND');
    await h.failure('staff', 'today.mark', { kind: 'visit', refId: ids.vManagerB, occurrence: '2026-12-02', snoozeUntil: '2026-12-05' }, 'NOT_FOUND');
    await h.failure('owner', 'today.mark', { kind: 'visit', refId: ids.vBinnedCustomer, occurrence: '2026-12-02', done: true }, 'NOT_FOUND');
    await h.call('owner', 'settings.update', { staffScope: false });
    await h.failure('manager', 'today.mark', { ...ref, occurrence: '2026-12-01', done: true }, 'CONFLICT');
    expect(await h.call('manager', 'today.mark', { ...ref, done: true })).toEqual({ ...ref, snoozedUntil: null, done: true });
    expect((await h.call('manager', 'records.get', { id: ids.rManagerB })).followUpDoneAt).toBe(NOW);
    expect(shown(await h.call('owner', 'today.get', {}), 'followUps')).toEqual(['rStaffA']);
  });
});

describe('marks on care items', () => {
  it('a birthday done hides this year only; a return visit done shows again when its due day moves', async () => {
    const birthday = { kind: 'birthday' as const, refId: ids.H, occurrence: '2026-12-04' };
    await h.call('staff', 'today.mark', { ...birthday, done: true });
    expect(shown(await h.call('staff', 'today.get', {}), 'occasions')).toEqual([]);
    // Next year's lunar 10-26 is another occurrence (2027-11-23).
    expect(shown(await h.call('staff', 'today.get', { day: '2027-11-20' }), 'occasions')).toEqual(['H']);
    await h.call('staff', 'today.unmark', birthday);

    const contact = { kind: 'contactBirthday' as const, refId: ids.contactG, occurrence: '2026-12-02' };
    await h.call('manager', 'today.mark', { ...contact, snoozeUntil: '2026-12-03' });
    expect(shown(await h.call('owner', 'today.get', {}), 'occasions')).toEqual(['H', 'G']);
    await h.call('manager', 'today.unmark', contact);

    const returnVisit = { kind: 'returnVisit' as const, refId: ids.E, occurrence: '2026-12-01' };
    await h.call('staff', 'today.mark', { ...returnVisit, done: true });
    const after = await h.call('staff', 'today.get', {});
    expect([shown(after, 'returnVisits'), after.sections.returnVisits.total]).toEqual([[], 0]);
    // A contact on Nov 5: due Dec 5 now, a new occurrence the mark does not hide.
    await h.call('staff', 'records.create', { customerId: ids.E, kind: 'communication', at: new Date(2026, 10, 5, 15).getTime(), content: '电话问候', channel: 'phone' });
    expect(shown(await h.call('staff', 'today.get', {}), 'returnVisits')).toEqual([]);
    const onTheDay = await h.call('staff', 'today.get', { day: '2026-12-05' });
    expect(item(onTheDay, 'returnVisits', 'E')).toMatchObject({ occurrence: '2026-12-05', overdue: false });
  });
});

describe('the day', () => {
  it('is the shop\'s local day: right after midnight it is the new day', async () => {
    h.clock.now = new Date(2026, 11, 2, 23, 59, 59).getTime();
    expect((await h.call('staff', 'today.get', {})).day).toBe('2026-12-02');
    h.clock.now = new Date(2026, 11, 3, 0, 0, 1).getTime();
    const today = await h.call('staff', 'today.get', {});
    expect(today.day).toBe('2026-12-03');
    expect(shown(today, 'visits')).toEqual(['vTomorrow']);
    expect(item(today, 'followUps', 'rStaffA')).toMatchObject({ overdue: true, overdueDays: 3 });
    // A snooze to the day just begun is refused as not after today; the next day is fine.
    await h.failure('staff', 'today.mark', { kind: 'followUp', refId: ids.rStaffA, occurrence: '2026-11-30', snoozeUntil: '2026-12-03' }, 'VALIDATION');
    h.clock.now = NOW;
  });
});

describe('a customer purged', () => {
  it("takes its Today marks with it, and only its own", async () => {
    const customer = (await h.call('owner', 'customers.create', { name: '要清除的客户丁', ownerId: ids.staffUser })).id;
    const visit = (await h.call('owner', 'visits.create', { customerId: customer, staffId: ids.staffUser, onDay: '2026-12-02', startMinute: 480, purpose: '丁 拜访' })).visit.id;
    await h.call('owner', 'today.mark', { kind: 'visit', refId: visit, occurrence: '2026-12-02', done: true });
    await h.call('owner', 'today.mark', { kind: 'birthday', refId: customer, occurrence: '2026-12-05', done: true });
    await h.call('owner', 'today.mark', { kind: 'returnVisit', refId: ids.A, occurrence: '2026-12-01', snoozeUntil: '2026-12-09' });
    const raw = openWithKey(h.dataDir, await databaseKeyOf(h.dataDir, 'boss', OWNER_PASSWORD));
    const marks = () => raw.prepare('SELECT kind, ref_id AS refId FROM inbox_marks ORDER BY kind, ref_id').all() as { kind: string; refId: number }[];
    expect(marks()).toEqual(expect.arrayContaining([{ kind: 'visit', refId: visit }, { kind: 'birthday', refId: customer }]));
    const before = marks().length;
    await h.call('owner', 'customers.delete', { id: customer, version: 1 });
    await h.call('owner', 'customers.purge', { id: customer });
    expect(marks()).not.toEqual(expect.arrayContaining([{ kind: 'visit', refId: visit }]));
    expect(marks().length).toBe(before - 2);
    expect(marks()).toEqual(expect.arrayContaining([{ kind: 'returnVisit', refId: ids.A }]));
    raw.close();
  });
});
