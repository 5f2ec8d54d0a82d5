// Who sees which visits: with "staff see only their own customers" on, a staff member sees, changes
// and restores only the visits of the customers they are responsible for, through every visits
// method, and asks only for their own agenda; the owner, managers and viewers see all. Off, staff
// see all too. Contact phones on visits are masked for the roles masking covers.
// Permissions per role: permissions.test.ts; every answer searched for phones: masking.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Visit } from '../../shared/api/visits.ts';
import { fieldIssuesOf } from '../../shared/error-details.ts';
import { makeHarness, shopWithRoles, userNamed, type Harness } from './harness.ts';

let h: Harness;
let staffId: number;
let managerId: number;
let mineCustomer: number;
let othersCustomer: number;
/** Staff's visit to their own customer. */
let mine: Visit;
/** The manager's visit to the manager's customer. */
let others: Visit;
/** Staff's visit to the manager's customer (staff go, but the customer is not theirs). */
let staffToOthers: Visit;
/** The manager's visit to staff's customer. */
let managerToMine: Visit;
let othersBinned: Visit;

const WEEK = { from: '2026-12-07', to: '2026-12-13' };
const ids = (visits: readonly { id: number }[]) => visits.map((v) => v.id).sort((a, b) => a - b);

beforeAll(async () => {
  h = makeHarness();
  h.clock.now = new Date(2026, 11, 1, 9).getTime();
  await shopWithRoles(h);
  staffId = (await userNamed(h, 'staff')).id;
  managerId = (await userNamed(h, 'manager')).id;
  const m = await h.call('owner', 'customers.create', { name: '员工的客户', ownerId: staffId, contacts: [{ name: '钱总', mobile: '13800138000' }] });
  mineCustomer = m.id;
  othersCustomer = (await h.call('owner', 'customers.create', { name: '经理的客户', ownerId: managerId })).id;
  const make = async (customerId: number, staff: number, onDay: string, contactId: number | null = null) =>
    (await h.call('owner', 'visits.create', { customerId, contactId, staffId: staff, onDay, startMinute: 600, purpose: '拜访' })).visit;
  mine = await make(mineCustomer, staffId, '2026-12-08', m.contacts[0]!.id!);
  others = await make(othersCustomer, managerId, '2026-12-08');
  staffToOthers = await make(othersCustomer, staffId, '2026-12-09');
  managerToMine = await make(mineCustomer, managerId, '2026-12-09');
  othersBinned = await make(othersCustomer, managerId, '2026-12-10');
  await h.call('owner', 'visits.delete', { id: othersBinned.id, version: 1 });
  await h.call('owner', 'settings.update', { staffScope: true });
}, 60_000);
afterAll(() => h.cleanup());

describe('visits under the staff scope', () => {
  it('gives staff only their own agenda, with only their customers’ visits; the others any agenda', async () => {
    await h.failure('staff', 'visits.agenda', { ...WEEK, staffId: null }, 'FORBIDDEN');
    await h.failure('staff', 'visits.agenda', { ...WEEK, staffId: managerId }, 'FORBIDDEN');
    const own = await h.call('staff', 'visits.agenda', { ...WEEK, staffId });
    expect(ids(own.visits)).toEqual([mine.id]);
    expect(own.staff).toEqual([{ id: staffId, name: 'staff' }]);
    for (const session of ['owner', 'manager', 'viewer']) {
      expect(ids((await h.call(session, 'visits.agenda', { ...WEEK, staffId: null })).visits), session).toEqual(ids([mine, others, staffToOthers, managerToMine]));
      expect(ids((await h.call(session, 'visits.agenda', { ...WEEK, staffId })).visits), session).toEqual(ids([mine, staffToOthers]));
    }
  });

  it('answers NOT_FOUND for every method aimed at a visit of another’s customer', async () => {
    for (const visit of [others, staffToOthers]) {
      await h.failure('staff', 'visits.get', { id: visit.id }, 'NOT_FOUND');
      await h.failure('staff', 'visits.update', { id: visit.id, version: 1, customerId: mineCustomer, staffId, onDay: '2026-12-08', startMinute: 600, purpose: 'x' }, 'NOT_FOUND');
      await h.failure('staff', 'visits.reschedule', { id: visit.id, version: 1, onDay: '2026-12-11', startMinute: 600 }, 'NOT_FOUND');
      await h.failure('staff', 'visits.setStatus', { id: visit.id, version: 1, status: 'cancelled' }, 'NOT_FOUND');
      await h.failure('staff', 'visits.complete', { id: visit.id, version: 1, outcome: 'x', record: { kind: 'communication', channel: 'visit' } }, 'NOT_FOUND');
      await h.failure('staff', 'visits.delete', { id: visit.id, version: 1 }, 'NOT_FOUND');
    }
    await h.failure('staff', 'visits.restore', { id: othersBinned.id }, 'NOT_FOUND');
    expect((await h.call('owner', 'visits.get', { id: others.id })).version).toBe(1);
    // The visit a manager plans to staff's own customer is staff's to see and change.
    expect((await h.call('staff', 'visits.get', { id: managerToMine.id })).actions).toMatchObject({ edit: true, complete: true, delete: false });
  });

  it('refuses to plan a visit to, or move one to, a customer the staff member does not see', async () => {
    const refused = await h.failure('staff', 'visits.create', { customerId: othersCustomer, staffId, onDay: '2026-12-11', startMinute: 600, purpose: 'x' }, 'VALIDATION');
    expect(fieldIssuesOf(refused)).toMatchObject([{ path: ['customerId'], message: 'customer' }]);
    const moved = await h.failure('staff', 'visits.update', { id: mine.id, version: 1, customerId: othersCustomer, staffId, onDay: '2026-12-08', startMinute: 600, purpose: 'x' }, 'VALIDATION');
    expect(fieldIssuesOf(moved)).toMatchObject([{ path: ['customerId'], message: 'customer' }]);
    const made = await h.call('staff', 'visits.create', { customerId: mineCustomer, staffId, onDay: '2026-12-11', startMinute: 600, purpose: '自己的' });
    expect(made.visit.actions).toEqual({ edit: true, delete: true, restore: false, complete: true, reschedule: true });
    await h.call('staff', 'visits.delete', { id: made.visit.id, version: 1 });
  });

  it('warns staff only of overlapping visits they may see', async () => {
    // staffToOthers is at 10:00 on 12-09: staff are busy then, but that customer is not theirs to see.
    const made = await h.call('staff', 'visits.create', { customerId: mineCustomer, staffId, onDay: '2026-12-09', startMinute: 630, purpose: '重叠' });
    expect(made.overlaps).toEqual([]);
    expect((await h.call('owner', 'visits.get', { id: made.visit.id })).id).toBe(made.visit.id);
    const seenByOwner = await h.call('owner', 'visits.agenda', { from: '2026-12-09', to: '2026-12-09', staffId });
    expect(seenByOwner.visits.map((v) => v.overlaps)).toEqual([true, true]);
    // The flag still says staff are busy: that is about their own time, not the other customer.
    expect((await h.call('staff', 'visits.agenda', { from: '2026-12-09', to: '2026-12-09', staffId })).visits.map((v) => [v.id, v.overlaps])).toEqual([[made.visit.id, true]]);
    await h.call('staff', 'visits.delete', { id: made.visit.id, version: 1 });
  });

  it('lets staff see every agenda once the setting is off', async () => {
    await h.call('owner', 'settings.update', { staffScope: false });
    try {
      expect(ids((await h.call('staff', 'visits.agenda', { ...WEEK, staffId: null })).visits)).toEqual(ids([mine, others, staffToOthers, managerToMine]));
      expect((await h.call('staff', 'visits.get', { id: others.id })).id).toBe(others.id);
    } finally {
      await h.call('owner', 'settings.update', { staffScope: true });
    }
  });
});

describe('visits with contact masking', () => {
  it('masks the contact’s phones for staff and viewers, in a visit and on the agenda', async () => {
    await h.call('owner', 'settings.update', { maskContacts: true, staffScope: false });
    try {
      expect(await h.call('owner', 'visits.get', { id: mine.id })).toMatchObject({ contactPhone: '13800138000', contactPhones: { mobile: '13800138000' } });
      for (const session of ['staff', 'viewer']) {
        expect(await h.call(session, 'visits.get', { id: mine.id }), session).toMatchObject({ contactName: '钱总', contactPhone: '138****8000', contactPhones: { mobile: '138****8000', phone: '' } });
        const row = (await h.call(session, 'visits.agenda', { ...WEEK, staffId })).visits.find((v) => v.id === mine.id);
        expect(row?.contactPhone, session).toBe('138****8000');
      }
      expect((await h.call('manager', 'visits.get', { id: mine.id })).contactPhone).toBe('13800138000');
    } finally {
      await h.call('owner', 'settings.update', { maskContacts: false, staffScope: true });
    }
  });
});
