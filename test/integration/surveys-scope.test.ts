// Who sees and changes which surveys: every surveys method × role (owner, manager, staff, viewer)
// with "staff see only their own customers" on and off. Under the scope a staff member sees, lists,
// trends and changes only the surveys of the customers they are responsible for (NOT_FOUND for the
// others', VALIDATION 'customer' to make one for them); staff delete and restore only the surveys
// they created; purging is the owner's; dimensions are the owner's. Every row's `actions` say
// exactly what the core then allows. Also: a seeded shop's totals equal the recomputation, and the
// customer timeline shows surveys. Permission table: permissions.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Survey, SurveyDraftInput } from '../../shared/api/surveys.ts';
import { monthRange } from '../../shared/api/surveys.ts';
import { fieldIssuesOf } from '../../shared/error-details.ts';
import { ROLES } from '../../shared/roles.ts';
import { makeHarness, shopWithRoles, userNamed, type Harness } from './harness.ts';
import { allSurveys, recomputeTrends } from './surveys-kit.ts';

let h: Harness;
let mineCustomer: number;
let othersCustomer: number;
let staffId: number;

const answer = (customerId: number, comment: string, over: Partial<SurveyDraftInput> = {}): SurveyDraftInput => ({
  customerId,
  at: new Date(2026, 10, 30, 10).getTime(),
  scores: [{ dimensionId: 1, score: 5 }],
  nps: 9,
  comment,
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
  describe(`surveys with the staff scope ${staffScope ? 'on' : 'off'}`, () => {
    let mine: Survey;
    let others: Survey;
    let othersBinned: Survey;
    let staffOwn: Survey;
    const tag = staffScope ? '范围内' : '范围外';

    beforeAll(async () => {
      await h.call('owner', 'settings.update', { staffScope });
      mine = (await h.call('owner', 'surveys.create', answer(mineCustomer, `员工客户${tag}`))).survey;
      others = (await h.call('owner', 'surveys.create', answer(othersCustomer, `经理客户${tag}`, { staffId: null }))).survey;
      othersBinned = (await h.call('owner', 'surveys.create', answer(othersCustomer, `回收站${tag}`))).survey;
      await h.call('owner', 'surveys.delete', { id: othersBinned.id, version: 1 });
      staffOwn = (await h.call('staff', 'surveys.create', answer(mineCustomer, `员工自己录的${tag}`))).survey;
    });

    const ours = (rows: readonly { id: number }[]) => rows.map((row) => row.id).filter((id) => [mine.id, others.id, othersBinned.id, staffOwn.id].includes(id));

    it('lists, reads and trends what the role sees', async () => {
      for (const role of ROLES) {
        const scoped = staffScope && role === 'staff';
        const expected = scoped ? [staffOwn.id, mine.id] : [staffOwn.id, mine.id, others.id];
        expect(ours((await h.call(role, 'surveys.list', { limit: 100 })).rows).sort(), role).toEqual([...expected].sort());
        if (scoped) expect((await h.call(role, 'surveys.list', { customerId: othersCustomer, limit: 100 })).rows).toEqual([]);
        expect((await h.call(role, 'surveys.get', { id: mine.id })).id).toBe(mine.id);
        if (scoped) await h.failure(role, 'surveys.get', { id: others.id }, 'NOT_FOUND');
        else expect((await h.call(role, 'surveys.get', { id: others.id })).customerName).toBe('经理的客户');
        // Trends count what the role sees: a scoped staff member's are summed from their customers' surveys.
        const rows = await allSurveys(h, role);
        for (const staff of [undefined, staffId, null]) {
          const trends = await h.call(role, 'surveys.trends', { from: '2026-10', to: '2026-12', ...(staff === undefined ? {} : { staffId: staff }) });
          expect(trends.months, `${role} staff ${staff}`).toEqual(recomputeTrends(rows, monthRange('2026-10', '2026-12'), trends.dimensions.map((d) => d.id), staff));
        }
        if (scoped) await h.failure(role, 'surveys.trends', { customerId: othersCustomer, from: '2026-10', to: '2026-12' }, 'NOT_FOUND');
        // The customer's timeline shows its surveys.
        const timeline = await h.call(role, 'timeline.list', { customerId: mineCustomer, kinds: ['survey'], limit: 50 });
        expect(timeline.entries.map((e) => e.refId).filter((id) => id === mine.id || id === staffOwn.id).sort(), role).toEqual([mine.id, staffOwn.id].sort());
        expect(timeline.entries.find((e) => e.refId === mine.id)).toMatchObject({ kind: 'survey', title: 'phone', text: `员工客户${tag}`, open: { kind: 'survey', id: mine.id } });
      }
      for (const role of ['owner', 'manager', 'staff'] as const) {
        const binned = ours((await h.call(role, 'surveys.listDeleted', { limit: 100 })).rows);
        expect(binned, role).toEqual(staffScope && role === 'staff' ? [] : [othersBinned.id]);
      }
      await h.failure('viewer', 'surveys.listDeleted', { limit: 100 }, 'FORBIDDEN');
    });

    it("offers in each row's actions exactly what the core allows", async () => {
      const expected = {
        owner: { edit: true, delete: true, restore: false, purge: false },
        manager: { edit: true, delete: true, restore: false, purge: false },
        staff: { edit: true, delete: false, restore: false, purge: false },
        viewer: { edit: false, delete: false, restore: false, purge: false },
      };
      for (const role of ROLES) {
        expect((await h.call(role, 'surveys.get', { id: mine.id })).actions, role).toEqual(expected[role]);
        expect((await h.call(role, 'surveys.list', { customerId: mineCustomer, limit: 100 })).rows.find((r) => r.id === mine.id)!.actions, role).toEqual(expected[role]);
      }
      // Staff delete and restore what they created.
      expect((await h.call('staff', 'surveys.get', { id: staffOwn.id })).actions).toEqual({ edit: true, delete: true, restore: false, purge: false });
      if (!staffScope) {
        expect((await h.call('owner', 'surveys.get', { id: othersBinned.id })).actions).toEqual({ edit: false, delete: false, restore: true, purge: true });
        expect((await h.call('manager', 'surveys.get', { id: othersBinned.id })).actions).toEqual({ edit: false, delete: false, restore: true, purge: false });
      }
    });

    it('refuses the changes each role may not make, and changes nothing', async () => {
      const { customerId: _c, ...fields } = answer(mineCustomer, '改');
      await h.failure('viewer', 'surveys.create', answer(mineCustomer, 'x'), 'FORBIDDEN');
      await h.failure('viewer', 'surveys.update', { id: mine.id, version: mine.version, ...fields }, 'FORBIDDEN');
      await h.failure('viewer', 'surveys.delete', { id: mine.id, version: mine.version }, 'FORBIDDEN');
      await h.failure('staff', 'surveys.delete', { id: mine.id, version: mine.version }, 'FORBIDDEN');
      await h.failure('manager', 'surveys.purge', { id: othersBinned.id }, 'FORBIDDEN');
      await h.failure('staff', 'surveys.purge', { id: othersBinned.id }, 'FORBIDDEN');
      for (const role of ['manager', 'staff', 'viewer']) {
        await h.failure(role, 'surveys.saveDimension', { name: 'x' }, 'FORBIDDEN');
        await h.failure(role, 'surveys.retireDimension', { id: 1, retired: true }, 'FORBIDDEN');
      }
      if (staffScope) {
        // Out of sight is not found, whatever the change; making one for that customer is refused.
        await h.failure('staff', 'surveys.update', { id: others.id, version: others.version, ...fields }, 'NOT_FOUND');
        await h.failure('staff', 'surveys.delete', { id: others.id, version: others.version }, 'NOT_FOUND');
        await h.failure('staff', 'surveys.restore', { id: othersBinned.id }, 'NOT_FOUND');
        const refused = await h.failure('staff', 'surveys.create', answer(othersCustomer, 'x'), 'VALIDATION');
        expect(fieldIssuesOf(refused).map((i) => i.message)).toEqual(['customer']);
      }
      expect((await h.call('owner', 'surveys.get', { id: mine.id })).version).toBe(mine.version);
      expect((await h.call('owner', 'surveys.get', { id: others.id })).deletedAt).toBeNull();
    });

    it('lets each role make the changes it may', async () => {
      const { customerId: _c, ...fields } = answer(mineCustomer, '员工改过');
      const edited = await h.call('staff', 'surveys.update', { id: mine.id, version: mine.version, ...fields });
      expect(edited.comment).toBe('员工改过');
      await h.call('staff', 'surveys.delete', { id: staffOwn.id, version: staffOwn.version });
      expect((await h.call('staff', 'surveys.restore', { id: staffOwn.id })).deletedAt).toBeNull();
      const managers = (await h.call('manager', 'surveys.create', answer(mineCustomer, '经理录的'))).survey;
      await h.call('manager', 'surveys.delete', { id: managers.id, version: managers.version });
      await h.call('owner', 'surveys.purge', { id: managers.id });
      await h.failure('owner', 'surveys.get', { id: managers.id }, 'NOT_FOUND');
      mine = edited;
    });
  });
}

describe('a seeded shop', () => {
  it('has survey_month_totals equal to the sums of its surveys, per staff member too', async () => {
    await h.call('owner', 'settings.update', { staffScope: false });
    const done = await h.call('owner', 'system.seed', { customers: 20, surveys: 1_200, seed: 7 });
    expect(done.surveys).toBe(1_200);
    const rows = await allSurveys(h);
    const months = monthRange('2024-11', '2026-12');
    for (const staff of [undefined, staffId, null]) {
      const trends = await h.call('owner', 'surveys.trends', { from: '2024-11', to: '2026-12', ...(staff === undefined ? {} : { staffId: staff }) });
      expect(trends.months, `staff ${staff}`).toEqual(recomputeTrends(rows, months, trends.dimensions.map((d) => d.id), staff));
    }
    // Deterministic for a seed: the same answers again in a second shop would match; here, the spread looks like a shop.
    const answered = rows.filter((r) => r.nps !== null).length;
    expect(answered).toBeGreaterThan(700);
    expect(rows.every((r) => r.scores.length > 0 || r.nps !== null)).toBe(true);
  }, 120_000);
});
