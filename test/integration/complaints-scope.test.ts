// Who sees and changes which complaints: every complaints method × role (owner, manager, staff,
// viewer) with "staff see only their own customers" on and off. Under the scope a staff member
// lists, counts, reads and changes only the complaints of the customers they are responsible for
// (NOT_FOUND for the others', VALIDATION 'customer' to open one for them, nothing of theirs in the
// counts or the timeline); staff delete and restore only the complaints they created; purging is
// the owner's; viewers read. Permission table: permissions.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Complaint, ComplaintActions, ComplaintDraftInput } from '../../shared/api/complaints.ts';
import { fieldIssuesOf } from '../../shared/error-details.ts';
import { ROLES } from '../../shared/roles.ts';
import { makeHarness, shopWithRoles, userNamed, type Harness } from './harness.ts';

let h: Harness;
let mineCustomer: number;
let othersCustomer: number;
let staffId: number;

const NOTHING: ComplaintActions = { edit: false, start: false, resolve: false, close: false, reopen: false, delete: false, restore: false, purge: false };

const complaint = (customerId: number, description: string, over: Partial<ComplaintDraftInput> = {}): ComplaintDraftInput => ({
  customerId,
  category: 'staff',
  severity: 'low',
  description,
  source: 'wechat',
  assigneeId: null,
  // Past its deadline: counted as overdue.
  openedAt: new Date(2026, 10, 28, 10).getTime(),
  dueAt: new Date(2026, 10, 29, 10).getTime(),
  ...over,
});

beforeAll(async () => {
  h = makeHarness();
  h.clock.now = new Date(2026, 11, 1, 12).getTime();
  await shopWithRoles(h);
  await h.call('owner', 'settings.update', { idleLockMinutes: 0 });
  staffId = (await userNamed(h, 'staff')).id;
  const manager = await userNamed(h, 'manager');
  mineCustomer = (await h.call('owner', 'customers.create', { name: '员工的客户', ownerId: staffId })).id;
  othersCustomer = (await h.call('owner', 'customers.create', { name: '经理的客户', ownerId: manager.id })).id;
}, 60_000);
afterAll(() => h.cleanup());

for (const staffScope of [true, false]) {
  describe(`complaints with the staff scope ${staffScope ? 'on' : 'off'}`, () => {
    let mine: Complaint;
    let others: Complaint;
    let othersBinned: Complaint;
    const tag = staffScope ? '范围内' : '范围外';

    beforeAll(async () => {
      await h.call('owner', 'settings.update', { staffScope });
      mine = await h.call('owner', 'complaints.create', complaint(mineCustomer, `员工客户的投诉${tag}`));
      others = await h.call('owner', 'complaints.create', complaint(othersCustomer, `经理客户的投诉${tag}`));
      othersBinned = await h.call('owner', 'complaints.create', complaint(othersCustomer, `回收站的投诉${tag}`));
      await h.call('owner', 'complaints.delete', { id: othersBinned.id, version: 1 });
    });

    const ids = (rows: readonly { id: number }[]) => rows.map((row) => row.id).filter((id) => [mine.id, others.id, othersBinned.id].includes(id));

    it('lists, counts, reads and shows on the timeline what the role sees', async () => {
      const everyone = await h.call('owner', 'complaints.counts', {});
      for (const role of ROLES) {
        const scoped = staffScope && role === 'staff';
        const expected = scoped ? [mine.id] : [mine.id, others.id];
        for (const status of ['all', 'open', 'overdue', 'new'] as const) {
          expect(ids((await h.call(role, 'complaints.list', { status, limit: 100 })).rows).sort(), `${role} ${status}`).toEqual([...expected].sort());
        }
        const counts = await h.call(role, 'complaints.counts', {});
        if (scoped) {
          const own = (await h.call(role, 'complaints.list', { status: 'open', limit: 100 })).rows;
          expect(counts).toEqual({ open: own.length, overdue: own.filter((row) => row.overdue).length });
          expect(counts.open).toBeLessThan(everyone.open);
        } else expect(counts, role).toEqual(everyone);
        // Asking for the other customer by filter finds nothing, rather than leaking it.
        if (scoped) expect((await h.call(role, 'complaints.list', { customerId: othersCustomer, limit: 100 })).rows).toEqual([]);
        expect((await h.call(role, 'complaints.get', { id: mine.id })).id).toBe(mine.id);
        if (scoped) {
          await h.failure(role, 'complaints.get', { id: others.id }, 'NOT_FOUND');
          await h.failure(role, 'timeline.list', { customerId: othersCustomer }, 'NOT_FOUND');
        } else {
          expect((await h.call(role, 'complaints.get', { id: others.id })).customerName).toBe('经理的客户');
          const entries = (await h.call(role, 'timeline.list', { customerId: othersCustomer, kinds: ['complaint'] })).entries;
          expect(entries.map((e) => e.refId).sort()).toEqual(expect.arrayContaining([others.id, othersBinned.id]));
        }
        expect((await h.call(role, 'timeline.list', { customerId: mineCustomer, kinds: ['complaint'] })).entries.map((e) => e.refId)).toContain(mine.id);
      }
      // The recycle bin: whoever may delete sees what their scope holds.
      for (const role of ['owner', 'manager', 'staff'] as const) {
        const binned = ids((await h.call(role, 'complaints.listDeleted', { limit: 100 })).rows);
        expect(binned, role).toEqual(staffScope && role === 'staff' ? [] : [othersBinned.id]);
      }
      await h.failure('viewer', 'complaints.listDeleted', { limit: 100 }, 'FORBIDDEN');
    });

    it('answers NOT_FOUND for every change aimed at a complaint the staff member does not see', async () => {
      if (!staffScope) return;
      await h.failure('staff', 'complaints.update', { id: others.id, version: others.version, severity: 'high' }, 'NOT_FOUND');
      await h.failure('staff', 'complaints.setStatus', { id: others.id, version: others.version, status: 'inProgress' }, 'NOT_FOUND');
      await h.failure('staff', 'complaints.delete', { id: others.id, version: others.version }, 'NOT_FOUND');
      await h.failure('staff', 'complaints.restore', { id: othersBinned.id }, 'NOT_FOUND');
      const refused = await h.failure('staff', 'complaints.create', complaint(othersCustomer, '不该有的'), 'VALIDATION');
      expect(fieldIssuesOf(refused)).toMatchObject([{ path: ['customerId'], message: 'customer' }]);
      expect((await h.call('owner', 'complaints.get', { id: others.id })).version).toBe(others.version);
    });

    it('lets each role write, move, delete, restore and purge as the permissions and the own-complaints rule say', async () => {
      const customerId = mineCustomer;
      // Viewers read only.
      await h.failure('viewer', 'complaints.create', complaint(customerId, '观察者'), 'FORBIDDEN');
      await h.failure('viewer', 'complaints.update', { id: mine.id, version: mine.version, severity: 'high' }, 'FORBIDDEN');
      await h.failure('viewer', 'complaints.setStatus', { id: mine.id, version: mine.version, status: 'inProgress' }, 'FORBIDDEN');
      await h.failure('viewer', 'complaints.delete', { id: mine.id, version: mine.version }, 'FORBIDDEN');
      await h.failure('viewer', 'complaints.restore', { id: othersBinned.id }, 'FORBIDDEN');
      await h.failure('viewer', 'complaints.purge', { id: othersBinned.id }, 'FORBIDDEN');
      expect((await h.call('viewer', 'complaints.get', { id: mine.id })).actions).toEqual(NOTHING);
      expect((await h.call('viewer', 'complaints.list', { limit: 100 })).rows.every((row) => JSON.stringify(row.actions) === JSON.stringify(NOTHING))).toBe(true);
      // Staff write and move anyone's; they delete and restore only what they created.
      const staffs = await h.call('staff', 'complaints.create', complaint(customerId, '员工自己登记的', { assigneeId: staffId }));
      expect(staffs.actions).toEqual({ edit: true, start: true, resolve: true, close: false, reopen: false, delete: true, restore: false, purge: false });
      const owners = await h.call('staff', 'complaints.get', { id: mine.id });
      expect(owners.actions).toEqual({ edit: true, start: true, resolve: true, close: false, reopen: false, delete: false, restore: false, purge: false });
      await h.failure('staff', 'complaints.delete', { id: mine.id, version: mine.version }, 'FORBIDDEN');
      const edited = await h.call('staff', 'complaints.update', { id: mine.id, version: mine.version, assigneeId: staffId });
      mine = await h.call('staff', 'complaints.setStatus', { id: mine.id, version: edited.version, status: 'inProgress' });
      await h.call('staff', 'complaints.delete', { id: staffs.id, version: staffs.version });
      await h.failure('staff', 'complaints.purge', { id: staffs.id }, 'FORBIDDEN');
      await h.call('staff', 'complaints.restore', { id: staffs.id });
      // Managers delete anyone's; only the owner purges.
      const again = await h.call('manager', 'complaints.get', { id: staffs.id });
      await h.call('manager', 'complaints.delete', { id: staffs.id, version: again.version });
      await h.failure('manager', 'complaints.purge', { id: staffs.id }, 'FORBIDDEN');
      const ownerView = await h.call('owner', 'complaints.get', { id: staffs.id });
      expect(ownerView.actions).toEqual({ ...NOTHING, restore: true, purge: true });
      await h.call('owner', 'complaints.purge', { id: staffs.id });
      await h.failure('owner', 'complaints.get', { id: staffs.id }, 'NOT_FOUND');
    });
  });
}
