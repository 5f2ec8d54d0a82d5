// Invite from a list (events.inviteList) and a customer's invitations (events.customerInvitations):
// matching by code (case-free) then exact name inside the caller's scope, ambiguous and unknown
// lines reported and never guessed, repeats counted once, the dry run writing nothing, rights.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, shopWithRoles, userNamed, type Harness } from './harness.ts';

let h: Harness;
let staffId: number;
const ids: Record<string, { id: number; code: string }> = {};

beforeAll(async () => {
  h = makeHarness();
  h.clock.now = new Date(2026, 11, 1, 12).getTime();
  await shopWithRoles(h);
  await h.call('owner', 'settings.update', { idleLockMinutes: 0 });
  staffId = (await userNamed(h, 'staff')).id;
  const make = async (key: string, name: string, ownerId?: number) => {
    const c = await h.call('owner', 'customers.create', { name, grade: 'normal', ...(ownerId ? { ownerId } : {}) });
    ids[key] = { id: c.id, code: c.code };
  };
  await make('mine', '阿里茶行', staffId);
  await make('other', '北山茶庄');
  await make('twinA', '张记');
  await make('twinB', '张记');
}, 60_000);
afterAll(() => h.cleanup());

describe('events.inviteList', () => {
  it('matches codes (any case) then exact names; reports ambiguous, unknown and repeated lines; the dry run writes nothing', async () => {
    const event = await h.call('manager', 'events.create', { title: '答谢宴', onDay: '2026-12-20', capacity: 1 });
    const lines = [ids.mine!.code.toLowerCase(), ' 北山茶庄 ', '北山茶庄', '张记', '无此客户', '', ids.other!.code];
    const dry = await h.call('manager', 'events.inviteList', { eventId: event.id, lines, dryRun: true });
    expect(dry).toEqual({ matched: 2, invited: 2, alreadyInvited: 0, repeated: 2, unmatched: ['无此客户'], ambiguous: ['张记'], overCapacity: true });
    expect((await h.call('manager', 'events.get', { id: event.id })).counts.invited).toBe(0);

    const done = await h.call('manager', 'events.inviteList', { eventId: event.id, lines });
    expect(done).toMatchObject({ matched: 2, invited: 2, alreadyInvited: 0 });
    const again = await h.call('owner', 'events.inviteList', { eventId: event.id, lines: [ids.twinA!.code, '北山茶庄'] });
    expect(again).toMatchObject({ matched: 2, invited: 1, alreadyInvited: 1, unmatched: [], ambiguous: [] });
    expect((await h.call('owner', 'events.get', { id: event.id })).counts.invited).toBe(3);
  });

  it('refuses an empty list, an over-long list, callers without events.manage, and a cancelled event', async () => {
    const event = await h.call('owner', 'events.create', { title: '培训日', onDay: '2026-12-21' });
    await h.failure('owner', 'events.inviteList', { eventId: event.id, lines: ['', '  '] }, 'VALIDATION');
    await h.failure('owner', 'events.inviteList', { eventId: event.id, lines: Array.from({ length: 5001 }, (_, i) => `C${i}`) }, 'VALIDATION');
    for (const role of ['staff', 'viewer'] as const) await h.failure(role, 'events.inviteList', { eventId: event.id, lines: ['阿里茶行'] }, 'FORBIDDEN');
    const cancelled = await h.call('owner', 'events.cancel', { id: event.id, version: event.version });
    await h.failure('owner', 'events.inviteList', { eventId: cancelled.id, lines: ['阿里茶行'] }, 'CONFLICT');
  });
});

describe('events.customerInvitations', () => {
  it("lists a customer's invitations with their events, latest first, scoped as invitations are", async () => {
    const early = await h.call('owner', 'events.create', { title: '早场', onDay: '2026-11-02' });
    const late = await h.call('owner', 'events.create', { title: '晚场', onDay: '2027-01-05' });
    for (const e of [early, late]) await h.call('owner', 'events.invite', { eventId: e.id, customerIds: [ids.mine!.id, ids.other!.id] });
    const page = await h.call('staff', 'events.customerInvitations', { customerId: ids.mine!.id });
    const titles = page.rows.map((row) => row.eventTitle);
    expect(titles.indexOf('晚场')).toBeLessThan(titles.indexOf('早场'));
    expect(page.rows.find((row) => row.eventTitle === '早场')).toMatchObject({ eventDay: '2026-11-02', eventStatus: 'held', reply: 'pending', attended: null });
    expect(page.rows[0]!.actions.reply).toBe(true);
    expect((await h.call('viewer', 'events.customerInvitations', { customerId: ids.mine!.id })).rows[0]!.actions.reply).toBe(false);

    await h.call('owner', 'settings.update', { staffScope: true });
    await h.failure('staff', 'events.customerInvitations', { customerId: ids.other!.id }, 'NOT_FOUND');
    expect((await h.call('staff', 'events.customerInvitations', { customerId: ids.mine!.id })).rows.length).toBe(page.rows.length);
    // In scope, the staff member's list matches by name only among their own customers.
    const scoped = await h.call('manager', 'events.create', { title: '交流会', onDay: '2026-12-22' });
    expect(await h.call('owner', 'events.inviteList', { eventId: scoped.id, lines: ['北山茶庄'], dryRun: true })).toMatchObject({ matched: 1 });
    await h.call('owner', 'settings.update', { staffScope: false });
  });
});
