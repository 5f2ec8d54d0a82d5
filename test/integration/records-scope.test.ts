// Who sees and changes which records: every records method × role (owner, manager, staff, viewer)
// with "staff see only their own customers" on and off. Under the scope a staff member sees,
// lists, finds and changes only the records of the customers they are responsible for (NOT_FOUND
// for the others', VALIDATION 'customer' to make one for them); staff delete and restore only the
// records they created; purging is the owner's. Viewers read. Permission table: permissions.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordDetail, RecordDraftInput } from '../../shared/api/records.ts';
import { fieldIssuesOf } from '../../shared/error-details.ts';
import { ROLES } from '../../shared/roles.ts';
import { makeHarness, shopWithRoles, userNamed, type Harness } from './harness.ts';

let h: Harness;
let mineCustomer: number;
let othersCustomer: number;
let staffId: number;

const talk = (customerId: number, content: string, over: Partial<RecordDraftInput> = {}): RecordDraftInput => ({
  customerId,
  kind: 'communication',
  at: new Date(2026, 10, 30, 10).getTime(),
  content,
  channel: 'meeting',
  followUpOn: '2026-12-02',
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
  describe(`records with the staff scope ${staffScope ? 'on' : 'off'}`, () => {
    let mine: RecordDetail;
    let others: RecordDetail;
    let othersBinned: RecordDetail;
    const tag = staffScope ? '范围内' : '范围外';

    beforeAll(async () => {
      await h.call('owner', 'settings.update', { staffScope });
      mine = await h.call('owner', 'records.create', talk(mineCustomer, `员工客户的沟通${tag}`));
      others = await h.call('owner', 'records.create', talk(othersCustomer, `经理客户的沟通${tag}`));
      othersBinned = await h.call('owner', 'records.create', talk(othersCustomer, `回收站的沟通${tag}`));
      await h.call('owner', 'records.delete', { id: othersBinned.id, version: 1 });
    });

    const ids = (rows: readonly { id: number }[]) => rows.map((row) => row.id).filter((id) => [mine.id, others.id, othersBinned.id].includes(id));

    it('lists, finds and reads what the role sees', async () => {
      for (const role of ROLES) {
        const scoped = staffScope && role === 'staff';
        const expected = scoped ? [mine.id] : [others.id, mine.id];
        expect(ids((await h.call(role, 'records.list', { limit: 100 })).rows).sort(), role).toEqual([...expected].sort());
        expect(ids((await h.call(role, 'records.followUps', { limit: 100 })).rows).sort(), role).toEqual([...expected].sort());
        const hits = (await h.call(role, 'search.query', { q: `的沟通${tag}` })).hits.filter((hit) => hit.kind === 'record');
        expect(ids(hits).sort(), role).toEqual([...expected].sort());
        // Asking for the other customer by filter finds nothing, rather than leaking it.
        if (scoped) expect((await h.call(role, 'records.list', { customerId: othersCustomer, limit: 100 })).rows).toEqual([]);
        expect((await h.call(role, 'records.get', { id: mine.id })).id).toBe(mine.id);
        if (scoped) await h.failure(role, 'records.get', { id: others.id }, 'NOT_FOUND');
        else expect((await h.call(role, 'records.get', { id: others.id })).customerName).toBe('经理的客户');
      }
      // The recycle bin: whoever may delete sees what their scope holds.
      for (const role of ['owner', 'manager', 'staff'] as const) {
        const binned = ids((await h.call(role, 'records.listDeleted', { limit: 100 })).rows);
        expect(binned, role).toEqual(staffScope && role === 'staff' ? [] : [othersBinned.id]);
      }
      await h.failure('viewer', 'records.listDeleted', { limit: 100 }, 'FORBIDDEN');
    });

    it('answers NOT_FOUND for every change aimed at a record the staff member does not see', async () => {
      if (!staffScope) return;
      const { customerId: _c, ...fields } = talk(othersCustomer, '改');
      await h.failure('staff', 'records.update', { ...fields, id: others.id, version: others.version }, 'NOT_FOUND');
      await h.failure('staff', 'records.followUpDone', { id: others.id, version: others.version }, 'NOT_FOUND');
      await h.failure('staff', 'records.delete', { id: others.id, version: others.version }, 'NOT_FOUND');
      await h.failure('staff', 'records.restore', { id: othersBinned.id }, 'NOT_FOUND');
      const refused = await h.failure('staff', 'records.create', talk(othersCustomer, '不该有的'), 'VALIDATION');
      expect(fieldIssuesOf(refused)).toMatchObject([{ path: ['customerId'], message: 'customer' }]);
      expect((await h.call('owner', 'records.get', { id: others.id })).version).toBe(others.version);
    });

    it('lets each role write, delete, restore and purge as the permissions and the own-records rule say', async () => {
      const customerId = mineCustomer;
      // Viewers read only.
      await h.failure('viewer', 'records.create', talk(customerId, '观察者'), 'FORBIDDEN');
      await h.failure('viewer', 'records.followUpDone', { id: mine.id, version: mine.version }, 'FORBIDDEN');
      await h.failure('viewer', 'records.delete', { id: mine.id, version: mine.version }, 'FORBIDDEN');
      expect((await h.call('viewer', 'records.get', { id: mine.id })).actions).toEqual({ edit: false, delete: false, restore: false, purge: false, followUpDone: false });
      // Staff write; they delete and restore only what they created.
      const staffs = await h.call('staff', 'records.create', talk(customerId, '员工自己记的'));
      expect(staffs.actions).toEqual({ edit: true, delete: true, restore: false, purge: false, followUpDone: true });
      const owners = await h.call('staff', 'records.get', { id: mine.id });
      expect(owners.actions).toEqual({ edit: true, delete: false, restore: false, purge: false, followUpDone: true });
      await h.failure('staff', 'records.delete', { id: mine.id, version: mine.version }, 'FORBIDDEN');
      const { customerId: _c, ...fields } = talk(customerId, '员工改了老板的记录');
      const edited = await h.call('staff', 'records.update', { ...fields, id: mine.id, version: mine.version });
      const done = await h.call('staff', 'records.followUpDone', { id: mine.id, version: edited.version });
      mine = done;
      await h.call('staff', 'records.delete', { id: staffs.id, version: staffs.version });
      await h.failure('staff', 'records.purge', { id: staffs.id }, 'FORBIDDEN');
      await h.call('staff', 'records.restore', { id: staffs.id });
      // Managers delete anyone's; only the owner purges.
      const again = await h.call('manager', 'records.get', { id: staffs.id });
      await h.call('manager', 'records.delete', { id: staffs.id, version: again.version });
      await h.failure('manager', 'records.purge', { id: staffs.id }, 'FORBIDDEN');
      const ownerView = await h.call('owner', 'records.get', { id: staffs.id });
      expect(ownerView.actions).toEqual({ edit: false, delete: false, restore: true, purge: true, followUpDone: false });
      await h.call('owner', 'records.purge', { id: staffs.id });
      await h.failure('owner', 'records.get', { id: staffs.id }, 'NOT_FOUND');
    });
  });
}
