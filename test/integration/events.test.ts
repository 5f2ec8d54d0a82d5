// Customer events: the register (create, edit, cancel, delete, restore, the list's time filter),
// invitations by the customers list's filter and by hand (duplicates counted, not doubled; a
// customer or contact the caller does not see refused), the capacity rule on 'yes' replies,
// attendance, the sign-in sheet (masking per caller, audited as a print), every method × role ×
// scope (staff see and mark only their customers' invitations under the scope), the after-event
// effect against a hand-built case, and a purged customer's invitations going with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Event } from '../../shared/api/events.ts';
import { reasonOf } from '../../shared/error-details.ts';
import { ROLES } from '../../shared/roles.ts';
import { parse } from 'csv-parse/sync';
import { downloaded } from './attachments-kit.ts';
import { makeHarness, shopWithRoles, userNamed, type Harness } from './harness.ts';

let h: Harness;
let staffId: number;
let managerId: number;
/** Customers: two VIPs in 杭州 (one the staff member's), a key customer of the staff member, a normal one. */
let vipStaff: number;
let vipManager: number;
let keyStaff: number;
let normal: number;
let contactOfKey: number;

const at = (y: number, m: number, d: number, hour = 12) => new Date(y, m - 1, d, hour).getTime();

beforeAll(async () => {
  h = makeHarness();
  h.clock.now = at(2026, 12, 1);
  await shopWithRoles(h);
  await h.call('owner', 'settings.update', { idleLockMinutes: 0 });
  staffId = (await userNamed(h, 'staff')).id;
  managerId = (await userNamed(h, 'manager')).id;
  vipStaff = (await h.call('owner', 'customers.create', { name: '阿里茶行', grade: 'vip', region: '杭州', ownerId: staffId, phone: '13800001111' })).id;
  vipManager = (await h.call('owner', 'customers.create', { name: '北山茶庄', grade: 'vip', region: '杭州', ownerId: managerId, phone: '13800002222' })).id;
  const key = await h.call('owner', 'customers.create', {
    name: '采芝斋',
    grade: 'key',
    region: '苏州',
    ownerId: staffId,
    contacts: [{ name: '王经理', mobile: '13912345678' }],
  });
  keyStaff = key.id;
  contactOfKey = key.contacts[0]!.id;
  normal = (await h.call('owner', 'customers.create', { name: '张记', grade: 'normal', region: '苏州', ownerId: managerId })).id;
}, 60_000);
afterAll(() => h.cleanup());

const draft = (title: string, onDay: string, over: Record<string, unknown> = {}) => ({ title, kind: 'dinner' as const, onDay, place: '西湖国宾馆', ...over });

describe('the register', () => {
  it('creates, edits, cancels, deletes and restores, with its status from the local day', async () => {
    const created = await h.call('manager', 'events.create', draft('新品发布会', '2026-12-10', { startMinute: 600, durationMinutes: 120, capacity: 50, budgetMinor: 500_000 }));
    expect(created).toMatchObject({ title: '新品发布会', status: 'planned', capacity: 50, currency: 'CNY', version: 1, counts: { invited: 0 } });
    expect(created.actions).toEqual({ edit: true, cancel: true, invite: true, delete: true, restore: false, print: true, effect: true });
    const staffView = await h.call('staff', 'events.get', { id: created.id });
    expect(staffView.actions).toMatchObject({ edit: false, cancel: false, invite: false, delete: false, print: true, effect: true });
    expect((await h.call('viewer', 'events.get', { id: created.id })).actions).toMatchObject({ print: false, effect: false });
    await h.failure('staff', 'events.create', draft('x', '2026-12-10'), 'FORBIDDEN');
    await h.failure('owner', 'events.create', draft('', '2026-12-10'), 'VALIDATION');
    await h.failure('owner', 'events.create', draft('x', '2026-02-30'), 'VALIDATION');

    const edited = await h.call('owner', 'events.update', { id: created.id, version: 1, ...draft('新品发布会（改）', '2026-12-11') });
    expect(edited).toMatchObject({ title: '新品发布会（改）', onDay: '2026-12-11', capacity: null, version: 2 });
    await h.failure('owner', 'events.update', { id: created.id, version: 1, ...draft('stale', '2026-12-11') }, 'CONFLICT');

    // Held from its day on.
    const past = await h.call('owner', 'events.create', draft('答谢晚宴', '2026-11-28'));
    const today = await h.call('owner', 'events.create', draft('技术交流', '2026-12-01'));
    expect([past.status, today.status]).toEqual(['held', 'held']);
    const upcoming = (await h.call('staff', 'events.list', { when: 'upcoming' })).rows.map((row) => row.id);
    expect(upcoming).toEqual(expect.arrayContaining([created.id, today.id]));
    expect(upcoming).not.toContain(past.id);
    expect(upcoming.indexOf(today.id)).toBeLessThan(upcoming.indexOf(created.id));
    expect((await h.call('viewer', 'events.list', { when: 'past' })).rows.map((row) => row.id)).toContain(past.id);
    expect((await h.call('viewer', 'events.list', { q: '晚宴' })).rows.map((row) => row.id)).toEqual([past.id]);

    const cancelled = await h.call('owner', 'events.cancel', { id: past.id, version: 1 });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.actions).toMatchObject({ edit: false, invite: false, cancel: false, delete: true });
    const refused = await h.failure('owner', 'events.invite', { eventId: past.id, customerIds: [normal] }, 'CONFLICT');
    expect(reasonOf(refused, 'CONFLICT')).toBe('cancelled');

    await h.failure('staff', 'events.delete', { id: today.id }, 'FORBIDDEN');
    await h.call('manager', 'events.delete', { id: today.id });
    await h.failure('staff', 'events.get', { id: today.id }, 'NOT_FOUND');
    expect((await h.call('owner', 'events.list', { deleted: true })).rows.map((row) => row.id)).toEqual([today.id]);
    await h.failure('staff', 'events.list', { deleted: true }, 'FORBIDDEN');
    expect((await h.call('owner', 'events.restore', { id: today.id })).deletedAt).toBeNull();

    const audit = await h.call('owner', 'audit.list', { limit: 20 });
    expect(audit.rows.map((row) => row.action)).toEqual(expect.arrayContaining(['event.create', 'event.update', 'event.cancel', 'event.delete', 'event.restore']));
  });
});

describe('invitations', () => {
  let event: Event;
  beforeAll(async () => {
    event = await h.call('owner', 'events.create', draft('秋茶品鉴会', '2026-12-05', { capacity: 2 }));
  });

  it('invites by the customers list filter in one go, counts the already invited and does not double them', async () => {
    expect(await h.call('manager', 'events.invitePreview', { eventId: event.id, filter: { grade: 'vip' } })).toEqual({ count: 2, alreadyInvited: 0 });
    expect(await h.call('manager', 'events.invite', { eventId: event.id, filter: { grade: 'vip' } })).toEqual({ invited: 2, alreadyInvited: 0, overCapacity: false });
    expect(await h.call('manager', 'events.invitePreview', { eventId: event.id, filter: { region: '杭州' } })).toEqual({ count: 2, alreadyInvited: 2 });
    // Again, and with the key customer by hand through its contact: one new, two already there, now over the capacity.
    expect(await h.call('manager', 'events.invite', { eventId: event.id, filter: { grade: 'vip' }, contactIds: [contactOfKey] })).toEqual({ invited: 1, alreadyInvited: 2, overCapacity: true });
    expect(await h.call('owner', 'events.invite', { eventId: event.id, customerIds: [keyStaff, vipStaff] })).toEqual({ invited: 0, alreadyInvited: 2, overCapacity: true });
    const rows = (await h.call('owner', 'events.invitations', { eventId: event.id })).rows;
    expect(rows.map((row) => row.customerName).sort()).toEqual(['北山茶庄', '采芝斋', '阿里茶行'].sort());
    expect(rows.find((row) => row.customerId === keyStaff)).toMatchObject({ contactId: contactOfKey, contactName: '王经理', reply: 'pending', attended: null, grade: 'key' });
    expect((await h.call('owner', 'events.get', { id: event.id })).counts).toEqual({ invited: 3, yes: 0, no: 0, maybe: 0, pending: 3, attended: 0 });
    // A filter that gives nobody, and hand-picked ids of nobody the caller sees.
    expect(await h.call('owner', 'events.invite', { eventId: event.id, filter: { region: '北京' } })).toMatchObject({ invited: 0, alreadyInvited: 0 });
    const bad = await h.failure('owner', 'events.invite', { eventId: event.id, customerIds: [normal, 999_999] }, 'VALIDATION');
    expect(bad.details).toEqual([{ path: ['customerIds', 1], message: 'customer' }]);
    await h.failure('owner', 'events.invite', { eventId: event.id }, 'VALIDATION');
    await h.failure('staff', 'events.invite', { eventId: event.id, customerIds: [normal] }, 'FORBIDDEN');
    expect((await h.call('owner', 'events.get', { id: event.id })).counts.invited).toBe(3);
  });

  it('takes replies up to the capacity and marks attendance', async () => {
    const rows = (await h.call('owner', 'events.invitations', { eventId: event.id })).rows;
    const of = (customerId: number) => rows.find((row) => row.customerId === customerId)!;
    expect((await h.call('owner', 'events.reply', { invitationId: of(vipStaff).id, reply: 'yes' })).reply).toBe('yes');
    const second = await h.call('owner', 'events.reply', { invitationId: of(vipManager).id, reply: 'yes' });
    expect(second).toMatchObject({ reply: 'yes', repliedAt: h.clock.now });
    const full = await h.failure('owner', 'events.reply', { invitationId: of(keyStaff).id, reply: 'yes' }, 'CONFLICT');
    expect(reasonOf(full, 'CONFLICT')).toBe('capacity');
    // Saying yes again is no new seat; a maybe is always fine.
    await h.call('owner', 'events.reply', { invitationId: of(vipStaff).id, reply: 'yes' });
    await h.call('staff', 'events.reply', { invitationId: of(keyStaff).id, reply: 'maybe' });
    expect(await h.call('staff', 'events.attend', { invitationIds: [of(vipStaff).id, of(keyStaff).id], attended: true })).toEqual({ updated: 2 });
    expect(await h.call('staff', 'events.attend', { invitationIds: [of(vipStaff).id], attended: true })).toEqual({ updated: 0 });
    expect((await h.call('owner', 'events.get', { id: event.id })).counts).toEqual({ invited: 3, yes: 2, no: 0, maybe: 1, pending: 0, attended: 2 });
    expect((await h.call('owner', 'events.invitations', { eventId: event.id, attended: true })).rows.map((row) => row.customerId).sort()).toEqual([vipStaff, keyStaff].sort());
    expect((await h.call('owner', 'events.invitations', { eventId: event.id, attended: false })).rows.map((row) => row.customerId)).toEqual([vipManager]);
    expect((await h.call('owner', 'events.invitations', { eventId: event.id, reply: 'maybe' })).rows.map((row) => row.customerId)).toEqual([keyStaff]);
    expect((await h.call('owner', 'events.invitations', { eventId: event.id, q: '王经理' })).rows.map((row) => row.customerId)).toEqual([keyStaff]);

    // The attendance is on the customer's timeline and opens the event.
    const timeline = await h.call('owner', 'timeline.list', { customerId: vipStaff, kinds: ['event'] });
    expect(timeline.entries).toEqual([expect.objectContaining({ kind: 'event', title: '秋茶品鉴会', text: '西湖国宾馆', staffId, open: { kind: 'event', id: event.id } })]);
    expect((await h.call('owner', 'timeline.list', { customerId: vipManager, kinds: ['event'] })).entries).toEqual([]);

    const audit = (await h.call('owner', 'audit.list', { limit: 20 })).rows.map((row) => row.action);
    expect(audit).toEqual(expect.arrayContaining(['event.invite', 'eventInvitation.reply', 'eventInvitation.attend']));
  });

  it('withdraws an invitation (events.manage)', async () => {
    const extra = await h.call('owner', 'events.invite', { eventId: event.id, customerIds: [normal] });
    expect(extra.invited).toBe(1);
    const row = (await h.call('owner', 'events.invitations', { eventId: event.id, q: '张记' })).rows[0]!;
    await h.failure('staff', 'events.uninvite', { invitationId: row.id }, 'FORBIDDEN');
    await h.call('manager', 'events.uninvite', { invitationId: row.id });
    expect((await h.call('owner', 'events.get', { id: event.id })).counts.invited).toBe(3);
  });

  for (const staffScope of [true, false]) {
    it(`shows and lets mark only what the role may, with the staff scope ${staffScope ? 'on' : 'off'}`, async () => {
      await h.call('owner', 'settings.update', { staffScope, maskContacts: true });
      const everyone = (await h.call('owner', 'events.invitations', { eventId: event.id })).rows;
      const others = everyone.find((row) => row.customerId === vipManager)!;
      for (const role of ROLES) {
        const scoped = staffScope && role === 'staff';
        const seen = (await h.call(role, 'events.invitations', { eventId: event.id })).rows.map((row) => row.customerId).sort();
        expect(seen, role).toEqual((scoped ? [vipStaff, keyStaff] : [vipStaff, vipManager, keyStaff]).sort());
        const counts = (await h.call(role, 'events.get', { id: event.id })).counts;
        expect(counts.invited, role).toBe(scoped ? 2 : 3);
        const rows = (await h.call(role, 'events.invitations', { eventId: event.id })).rows;
        for (const row of rows) expect(row.actions, `${role} ${row.customerName}`).toEqual({ reply: role !== 'viewer', attend: role !== 'viewer', uninvite: role === 'owner' || role === 'manager' });
        // Replies and attendance: customers.write, inside the scope.
        if (role === 'viewer') await h.failure(role, 'events.reply', { invitationId: others.id, reply: 'yes' }, 'FORBIDDEN');
        else if (scoped) {
          await h.failure(role, 'events.reply', { invitationId: others.id, reply: 'no' }, 'NOT_FOUND');
          await h.failure(role, 'events.attend', { invitationIds: [rows[0]!.id, others.id], attended: false }, 'NOT_FOUND');
        } else await h.call(role, 'events.attend', { invitationIds: [others.id], attended: false });
        // The sign-in sheet: print permission, the role's rows, phones masked for staff and viewers.
        if (role === 'viewer') await h.failure(role, 'events.signInSheet', { eventId: event.id }, 'FORBIDDEN');
        else {
          const sheet = await h.call(role, 'events.signInSheet', { eventId: event.id });
          expect(sheet.rows.map((row) => row.customerName).sort(), role).toEqual((scoped ? ['阿里茶行', '采芝斋'] : ['阿里茶行', '北山茶庄', '采芝斋']).sort());
          const key = sheet.rows.find((row) => row.customerCode && row.customerName === '采芝斋')!;
          expect(key.contactName).toBe('王经理');
          expect(key.phone, role).toBe(role === 'staff' ? '139****5678' : '13912345678');
          expect(sheet.header.printedBy).toBe(role === 'owner' ? '老板' : role);
        }
        if (role === 'viewer') await h.failure(role, 'events.effect', { eventId: event.id }, 'FORBIDDEN');
        else expect((await h.call(role, 'events.effect', { eventId: event.id })).invited, role).toBe(scoped ? 2 : 3);
      }
      const prints = (await h.call('owner', 'audit.list', { limit: 50 })).rows.filter((row) => row.action === 'print.eventSignIn');
      expect(prints.length).toBeGreaterThanOrEqual(3);
      await h.call('owner', 'settings.update', { staffScope: false, maskContacts: false });
    });
  }

  it('exports the attendee list: one row per invitation the caller sees, phones masked as they see them', async () => {
    await h.call('owner', 'settings.update', { maskContacts: true });
    try {
      const csv = async (session: string, language: 'zh-CN' | 'en-US') => {
        const out = await h.call(session, 'exports.run', { entity: 'eventAttendees', filter: { eventId: event.id }, format: 'csv', language });
        const rows = parse((await downloaded(h.core, session, out.download)).toString('utf8').replace(/^\uFEFF/, '')) as string[][];
        expect(rows.length - 1).toBe(out.rows);
        return rows;
      };
      const owner = await csv('owner', 'zh-CN');
      expect(owner[0]).toEqual(['客户编号', '客户名称', '客户等级', '联系人', '联系电话', '回复', '回复时间', '出席']);
      const key = owner.find((row) => row[1] === '采芝斋')!;
      expect([key[2], key[3], key[4], key[5], key[7]]).toEqual(['重点客户', '王经理', '13912345678', '待定', '是']);
      expect(owner.slice(1).map((row) => row[1]).sort()).toEqual(['北山茶庄', '采芝斋', '阿里茶行'].sort());
      const manager = await csv('manager', 'en-US');
      expect(manager[0]).toEqual(['Customer code', 'Customer', 'Grade', 'Contact', 'Phone', 'Reply', 'Replied at', 'Attended']);
      expect(manager.length).toBe(4);
      await h.failure('staff', 'exports.run', { entity: 'eventAttendees', filter: { eventId: event.id }, format: 'csv' }, 'FORBIDDEN');
      await h.failure('owner', 'exports.run', { entity: 'eventAttendees', filter: {}, format: 'csv' }, 'VALIDATION');
    } finally {
      await h.call('owner', 'settings.update', { maskContacts: false });
    }
  });

  it('leaves those who said no off the sign-in sheet, sorted by name', async () => {
    const rows = (await h.call('owner', 'events.invitations', { eventId: event.id })).rows;
    await h.call('owner', 'events.reply', { invitationId: rows.find((row) => row.customerId === vipManager)!.id, reply: 'no' });
    const sheet = await h.call('owner', 'events.signInSheet', { eventId: event.id });
    expect(sheet.rows.map((row) => row.customerName)).toEqual(['阿里茶行', '采芝斋']);
    expect(sheet.more).toBe(false);
    expect(sheet.event.id).toBe(event.id);
  });
});

describe('the after-event effect', () => {
  it('compares attendees with the others invited over the 30 local days after the day', async () => {
    const a = (await h.call('owner', 'customers.create', { name: '效果甲', grade: 'normal', region: '效果' })).id;
    const b = (await h.call('owner', 'customers.create', { name: '效果乙', grade: 'normal', region: '效果' })).id;
    const c = (await h.call('owner', 'customers.create', { name: '效果丙', grade: 'normal', region: '效果' })).id;
    const d = (await h.call('owner', 'customers.create', { name: '效果丁', grade: 'normal', region: '效果' })).id;
    const event = await h.call('owner', 'events.create', draft('效果测算会', '2026-10-10'));
    expect((await h.call('owner', 'events.invite', { eventId: event.id, filter: { region: '效果' } })).invited).toBe(4);
    const rows = (await h.call('owner', 'events.invitations', { eventId: event.id })).rows;
    const id = (customer: number) => rows.find((row) => row.customerId === customer)!.id;
    await h.call('owner', 'events.attend', { invitationIds: [id(a), id(b)], attended: true });
    await h.call('owner', 'events.attend', { invitationIds: [id(c)], attended: false }); // d never marked: also "others"

    const sale = (customerId: number, soldOn: string, unitPriceMinor: number, currency = 'CNY') =>
      h.call('owner', 'sales.create', { customerId, soldOn, currency, lines: [{ name: '龙井', quantityMilli: 1000, unitPriceMinor }] });
    // In the window (10-11 … 11-09): a 1,000.00 + 500.00 CNY and 20.00 USD for attendees, 300.00 CNY for the others.
    await sale(a, '2026-10-11', 100_000);
    await sale(b, '2026-11-09', 50_000);
    await sale(b, '2026-10-20', 2_000, 'USD');
    await sale(c, '2026-10-15', 30_000);
    // Outside it: the event's own day and the 31st day after; and a deleted sale inside.
    await sale(a, '2026-10-10', 999_900);
    await sale(d, '2026-11-10', 999_900);
    const deleted = await sale(d, '2026-10-12', 777_700);
    await h.call('owner', 'sales.delete', { id: deleted.id });

    const dims = await h.call('owner', 'surveys.dimensions', {});
    const [d1, d2] = [dims[0]!.id, dims[1]!.id];
    // Attendees: scores 5,4 and 3 → CSAT 400; NPS 10 and 6 → (1 − 1) / 2 = 0.0. Others: one survey, score 2, NPS 9 → 200 and 100.0.
    await h.call('owner', 'surveys.create', { customerId: a, at: at(2026, 10, 12), scores: [{ dimensionId: d1, score: 5 }, { dimensionId: d2, score: 4 }], nps: 10 });
    await h.call('owner', 'surveys.create', { customerId: b, at: at(2026, 11, 9, 23), scores: [{ dimensionId: d1, score: 3 }], nps: 6 });
    await h.call('owner', 'surveys.create', { customerId: d, at: at(2026, 10, 30), scores: [{ dimensionId: d1, score: 2 }], nps: 9 });
    await h.call('owner', 'surveys.create', { customerId: a, at: at(2026, 10, 10, 20), nps: 0 }); // the event's day: outside
    await h.call('owner', 'surveys.create', { customerId: c, at: at(2026, 11, 10, 0), nps: 0 }); // the 31st day: outside

    const effect = await h.call('owner', 'events.effect', { eventId: event.id });
    expect(effect).toEqual({
      invited: 4,
      attended: 2,
      attendanceRatePermille: 500,
      windowDays: 30,
      from: '2026-10-11',
      to: '2026-11-09',
      attendees: { customers: 2, surveys: 2, csatAvgX100: 400, npsScore: 0, sales: 3, revenue: [{ currency: 'CNY', totalMinor: 150_000 }, { currency: 'USD', totalMinor: 2_000 }] },
      others: { customers: 2, surveys: 1, csatAvgX100: 200, npsScore: 100, sales: 1, revenue: [{ currency: 'CNY', totalMinor: 30_000 }] },
    });
  });
});

describe('a purged customer', () => {
  it('takes its invitations with it', async () => {
    const gone = await h.call('owner', 'customers.create', { name: '将被清除', contacts: [{ name: '某人', mobile: '13700000000' }] });
    const event = await h.call('owner', 'events.create', draft('清除测试', '2026-12-20'));
    await h.call('owner', 'events.invite', { eventId: event.id, contactIds: [gone.contacts[0]!.id] });
    expect((await h.call('owner', 'events.get', { id: event.id })).counts.invited).toBe(1);
    await h.call('owner', 'customers.delete', { id: gone.id, version: gone.version });
    expect((await h.call('owner', 'events.get', { id: event.id })).counts.invited).toBe(0);
    await h.call('owner', 'customers.purge', { id: gone.id });
    expect((await h.call('owner', 'events.invitations', { eventId: event.id })).rows).toEqual([]);
  });
});

describe('the seed', () => {
  it('adds events with invitations, replies and attendance once', async () => {
    const seeded = makeHarness();
    try {
      seeded.clock.now = at(2026, 12, 1);
      await shopWithRoles(seeded);
      await seeded.call('owner', 'system.seed', { customers: 80, seed: 5 });
      const events = (await seeded.call('owner', 'events.list', { when: 'all' })).rows;
      expect(events.map((event) => event.status).sort()).toEqual(['held', 'held', 'planned', 'planned']);
      const held = events.filter((event) => event.status === 'held');
      for (const event of held) {
        expect(event.counts.invited).toBeGreaterThan(0);
        expect(event.counts.attended).toBeGreaterThan(0);
        expect(event.counts.yes).toBeLessThanOrEqual(event.capacity ?? Infinity);
      }
      const customer = (await seeded.call('owner', 'events.invitations', { eventId: held[0]!.id, attended: true })).rows[0]!;
      expect((await seeded.call('owner', 'timeline.list', { customerId: customer.customerId, kinds: ['event'] })).entries.length).toBeGreaterThan(0);
      // Once: a second seed adds no events.
      await seeded.call('owner', 'system.seed', { customers: 1, seed: 6 });
      expect((await seeded.call('owner', 'events.list', { when: 'all' })).rows.length).toBe(4);
    } finally {
      seeded.cleanup();
    }
  }, 120_000);
});

describe('a merge of duplicates', () => {
  it('moves invitations, keeps one per event (attended wins, then the later reply) and undo puts everything back', async () => {
    const keep = await h.call('owner', 'customers.create', { name: '合并保留', contacts: [{ name: '甲' }] });
    const gone = await h.call('owner', 'customers.create', { name: '合并并入', contacts: [{ name: '乙' }] });
    const mk = (title: string) => h.call('owner', 'events.create', draft(title, '2026-11-25'));
    const [onlyTheirs, bothTheyCame, bothWeCame, bothTheyLater] = [await mk('只邀请了并入方'), await mk('并入方出席'), await mk('保留方出席'), await mk('并入方后回复')];
    const inviteBoth = async (eventId: number) => h.call('owner', 'events.invite', { eventId, contactIds: [keep.contacts[0]!.id, gone.contacts[0]!.id] });
    await h.call('owner', 'events.invite', { eventId: onlyTheirs.id, customerIds: [gone.id] });
    for (const event of [bothTheyCame, bothWeCame, bothTheyLater]) await inviteBoth(event.id);
    const invitationOf = async (eventId: number, customerId: number) => (await h.call('owner', 'events.invitations', { eventId })).rows.find((row) => row.customerId === customerId)!;
    await h.call('owner', 'events.attend', { invitationIds: [(await invitationOf(bothTheyCame.id, gone.id)).id], attended: true });
    await h.call('owner', 'events.reply', { invitationId: (await invitationOf(bothTheyCame.id, keep.id)).id, reply: 'no' });
    await h.call('owner', 'events.attend', { invitationIds: [(await invitationOf(bothWeCame.id, keep.id)).id], attended: true });
    await h.call('owner', 'events.reply', { invitationId: (await invitationOf(bothWeCame.id, gone.id)).id, reply: 'yes' });
    await h.call('owner', 'events.reply', { invitationId: (await invitationOf(bothTheyLater.id, keep.id)).id, reply: 'maybe' });
    h.clock.now += 60_000;
    await h.call('owner', 'events.reply', { invitationId: (await invitationOf(bothTheyLater.id, gone.id)).id, reply: 'yes' });

    const dump = async () => {
      const out: unknown[] = [];
      for (const event of [onlyTheirs, bothTheyCame, bothWeCame, bothTheyLater]) out.push((await h.call('owner', 'events.invitations', { eventId: event.id })).rows);
      return out;
    };
    const before = await dump();
    const keptNow = await h.call('owner', 'customers.get', { id: keep.id });
    const goneNow = await h.call('owner', 'customers.get', { id: gone.id });
    const merged = await h.call('owner', 'duplicates.merge', { keep: keep.id, merge: gone.id, version: { keep: keptNow.version, merge: goneNow.version } });
    // One moved (only theirs), two taken over (they came; they replied later), one left behind (we came).
    expect(merged.moved.eventInvitations).toBe(3);
    const one = async (eventId: number) => {
      const rows = (await h.call('owner', 'events.invitations', { eventId })).rows;
      expect(rows.map((row) => row.customerId)).toEqual([keep.id]);
      return rows[0]!;
    };
    expect(await one(onlyTheirs.id)).toMatchObject({ reply: 'pending', attended: null });
    expect(await one(bothTheyCame.id)).toMatchObject({ reply: 'pending', attended: true, contactName: '乙' });
    expect(await one(bothWeCame.id)).toMatchObject({ attended: true, contactName: '甲' });
    expect(await one(bothTheyLater.id)).toMatchObject({ reply: 'yes', contactName: '乙' });
    expect((await h.call('owner', 'timeline.list', { customerId: keep.id, kinds: ['event'] })).entries.map((entry) => entry.open.id).sort()).toEqual([bothTheyCame.id, bothWeCame.id].sort());

    await h.call('owner', 'duplicates.undoMerge', { merge: merged.merge });
    expect(await dump()).toEqual(before);
  });
});
