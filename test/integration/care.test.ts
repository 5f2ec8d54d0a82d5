// Customer care (shared/api/care.ts, electron/core/areas/care): the occasions of a window (customers'
// and contacts' birthdays, Gregorian and lunar, founding days, contract anniversaries) with the
// caller's scope and a staff member's filter; care notes (validation, noted occasions, delete and
// restore by role, the timeline, the audit log, the customer's purge); contacts' lunar birthdays
// checked like the customer's; customers.last_contact_at kept through record create, update,
// delete, restore and purge; return visits due per grade. Dates come from the harness clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldIssuesOf } from '../../shared/error-details.ts';
import type { Occasion } from '../../shared/api/care.ts';
import { occurrenceOf } from '../../electron/core/areas/care/occasions.ts';
import { returnVisitsDue } from '../../electron/core/areas/care/service.ts';
import { engine } from '../../electron/core/db/engine.ts';
import { rawDb } from './attachments-kit.ts';
import { databaseKeyOf, makeHarness, OWNER_PASSWORD, openDbWithKey, shopWithRoles, userNamed, type Harness } from './harness.ts';

let h: Harness;
let staffId: number;
let managerId: number;

/** Local `hour` of a day (the shop's local date, whatever the machine's zone). */
function at(day: string, hour = 12): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, hour, 0, 0).getTime();
}

async function lastContactOf(id: number): Promise<number> {
  const db = await rawDb(h);
  try {
    return (db.prepare('SELECT last_contact_at FROM customers WHERE id = ?').get(id) as { last_contact_at: number }).last_contact_at;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  h = makeHarness();
  await shopWithRoles(h);
  await h.call('owner', 'settings.update', { idleLockMinutes: 0 });
  staffId = (await userNamed(h, 'staff')).id;
  managerId = (await userNamed(h, 'manager')).id;
}, 60_000);
afterAll(() => h.cleanup());

describe('occasions', () => {
  const FROM = '2026-11-20';
  let person: number;
  let company: number;
  let contactLeap: number;
  let contactDay30: number;
  let contract: number;
  let managers: number;

  beforeAll(async () => {
    h.clock.now = at('2026-11-01');
    person = (await h.call('owner', 'customers.create', { name: '张小明', kind: 'person', birthday: '1990-12-05', ownerId: staffId })).id;
    const c = await h.call('owner', 'customers.create', {
      name: '龙腾科技',
      kind: 'company',
      birthday: '2010-11-01',
      birthdayCalendar: 'lunar',
      ownerId: staffId,
      contacts: [
        // A leap 10th month birthday, kept in the ordinary 10th month in 2026 (no leap month that year).
        { name: '王闰月', birthday: '--10L-20', birthdayCalendar: 'lunar' },
        { name: '李三十', birthday: '1985-10-30', birthdayCalendar: 'lunar' },
        { name: '没生日' },
      ],
    });
    company = c.id;
    contactLeap = c.contacts[0]!.id!;
    contactDay30 = c.contacts[1]!.id!;
    contract = (await h.call('owner', 'contracts.create', { number: 'HT-CARE-1', title: '维保', customerId: company, signedOn: '2024-12-10' })).id;
    await h.call('owner', 'contracts.create', { number: 'HT-CARE-2', title: '今年签的', customerId: company, signedOn: '2026-11-25' });
    managers = (await h.call('owner', 'customers.create', { name: '经理的客户', kind: 'person', birthday: '1980-12-01', ownerId: managerId })).id;
    // Not in the window, or not live: never listed.
    await h.call('owner', 'customers.create', { name: '夏天生日', kind: 'person', birthday: '1990-07-01' });
    const binned = await h.call('owner', 'customers.create', { name: '回收站的', kind: 'person', birthday: '1990-12-06' });
    await h.call('owner', 'customers.delete', { id: binned.id, version: binned.version });
  });

  it('lists each occasion on the day it is celebrated, lunar ones converted, with its years', async () => {
    const occasions = await h.call('owner', 'care.upcoming', { from: FROM, days: 31 });
    const brief = occasions.map((o: Occasion) => [o.kind, o.day, o.customerName, o.contactName ?? o.contractNumber ?? '', o.years]);
    const leapDay = occurrenceOf('--10-20', 'lunar', FROM)!;
    const day30 = occurrenceOf('--10-30', 'lunar', FROM)!;
    const founding = occurrenceOf('--11-01', 'lunar', FROM)!;
    expect(day30 < founding).toBe(true);
    expect(brief).toEqual(
      expect.arrayContaining([
        ['birthday', '2026-12-05', '张小明', '', 36],
        ['founding', founding, '龙腾科技', '', 16],
        ['contactBirthday', leapDay, '龙腾科技', '王闰月', null],
        ['contactBirthday', day30, '龙腾科技', '李三十', 41],
        ['contractAnniversary', '2026-12-10', '龙腾科技', 'HT-CARE-1', 2],
        ['birthday', '2026-12-01', '经理的客户', '', 46],
      ]),
    );
    expect(brief).toHaveLength(6);
    // By day.
    expect(occasions.map((o) => o.day)).toEqual([...occasions.map((o) => o.day)].sort());
    const leap = occasions.find((o) => o.contactId === contactLeap)!;
    expect(leap).toMatchObject({ calendar: 'lunar', original: '--10L-20', customerId: company, noted: false });
    expect(occasions.find((o) => o.kind === 'contractAnniversary')).toMatchObject({ contractId: contract, original: '2024-12-10', calendar: 'gregorian' });
    expect(occasions.find((o) => o.contactId === contactDay30)!.original).toBe('1985-10-30');
  });

  it('a window of one day, and a staff member’s customers only', async () => {
    expect((await h.call('owner', 'care.upcoming', { from: '2026-12-05', days: 1 })).map((o) => o.customerId)).toEqual([person]);
    const staffs = await h.call('owner', 'care.upcoming', { from: FROM, days: 31, staffId });
    expect(new Set(staffs.map((o) => o.customerId))).toEqual(new Set([person, company]));
    expect(staffs.every((o) => o.ownerId === staffId && o.ownerName === 'staff')).toBe(true);
  });

  it('a staff member limited to their own customers sees only theirs, and nobody’s when asking for a colleague', async () => {
    await h.call('owner', 'settings.update', { staffScope: true });
    try {
      const mine = await h.call('staff', 'care.upcoming', { from: FROM, days: 31 });
      expect(mine.some((o) => o.customerId === managers)).toBe(false);
      expect(mine.length).toBe(5);
      expect(await h.call('staff', 'care.upcoming', { from: FROM, days: 31, staffId: managerId })).toEqual([]);
      expect((await h.call('manager', 'care.upcoming', { from: FROM, days: 31 })).length).toBe(6);
    } finally {
      await h.call('owner', 'settings.update', { staffScope: false });
    }
  });

  it('an occasion answered by a care note is noted; the note is in the timeline and the audit log', async () => {
    h.clock.now = at('2026-12-05', 9);
    const note = await h.call('staff', 'care.addNote', { customerId: person, occasion: 'birthday', onDay: '2026-12-05', note: '送了蛋糕' });
    expect(note).toMatchObject({ customerName: '张小明', staffId, staffName: 'staff', at: h.clock.now, actions: { delete: true, restore: false } });
    const occasions = await h.call('owner', 'care.upcoming', { from: '2026-12-05', days: 1 });
    expect(occasions.map((o) => o.noted)).toEqual([true]);
    const timeline = await h.call('owner', 'timeline.list', { customerId: person, kinds: ['care'] });
    expect(timeline.entries).toMatchObject([{ kind: 'care', refId: note.id, title: 'birthday', text: '送了蛋糕', staffName: 'staff', deleted: false, open: { kind: 'customer', id: person } }]);
    const audit = await h.call('owner', 'audit.list', { action: 'care.note' });
    expect(audit.rows[0]).toMatchObject({ entity: 'careNote', entityId: note.id, username: 'staff' });

    // A contact's birthday note notes the contact's occasion only.
    await h.call('owner', 'care.addNote', { customerId: company, contactId: contactLeap, occasion: 'birthday', onDay: occurrenceOf('--10-20', 'lunar', FROM)!, note: '打了电话' });
    const after = await h.call('owner', 'care.upcoming', { from: FROM, days: 31 });
    expect(after.filter((o) => o.noted).map((o) => o.contactId ?? o.kind)).toEqual(expect.arrayContaining([contactLeap, 'birthday']));
    expect(after.filter((o) => o.noted)).toHaveLength(2);
  });

  it('refuses a note naming another customer’s contact, a contract anniversary without a contract, an empty note', async () => {
    const other = await h.call('owner', 'customers.create', { name: '别家', contacts: [{ name: '外人' }] });
    const contact = await h.failure('owner', 'care.addNote', { customerId: company, contactId: other.contacts[0]!.id, occasion: 'birthday', onDay: '2026-12-01', note: 'x' }, 'VALIDATION');
    expect(fieldIssuesOf(contact).map((i) => i.message)).toEqual(['contact']);
    const required = await h.failure('owner', 'care.addNote', { customerId: company, occasion: 'contractAnniversary', onDay: '2026-12-10', note: 'x' }, 'VALIDATION');
    expect(fieldIssuesOf(required).map((i) => i.message)).toEqual(['required']);
    await h.failure('owner', 'care.addNote', { customerId: company, occasion: 'other', onDay: '2026-12-10', note: '   ' }, 'VALIDATION');
    await h.failure('viewer', 'care.addNote', { customerId: company, occasion: 'other', onDay: '2026-12-10', note: 'x' }, 'FORBIDDEN');
  });

  it('deletes and restores a note: a stale version is a conflict, staff only their own', async () => {
    const owners = await h.call('owner', 'care.addNote', { customerId: company, contractId: contract, occasion: 'contractAnniversary', onDay: '2026-12-10', note: '寄了贺卡' });
    expect(owners.contractNumber).toBe('HT-CARE-1');
    await h.failure('owner', 'care.deleteNote', { id: owners.id, version: owners.version + 1 }, 'CONFLICT');
    await h.failure('staff', 'care.deleteNote', { id: owners.id, version: owners.version }, 'FORBIDDEN');
    await h.call('owner', 'care.deleteNote', { id: owners.id, version: owners.version });
    expect((await h.call('owner', 'care.getNote', { id: owners.id })).actions).toEqual({ delete: false, restore: true });
    const timeline = await h.call('owner', 'timeline.list', { customerId: company, kinds: ['care'] });
    expect(timeline.entries.find((e) => e.refId === owners.id)).toMatchObject({ deleted: true, actions: { restore: true } });
    expect((await h.call('owner', 'care.upcoming', { from: '2026-12-10', days: 1 })).find((o) => o.contractId === contract)!.noted).toBe(false);
    const restored = await h.call('owner', 'care.restoreNote', { id: owners.id });
    expect(restored.deletedAt).toBeNull();
    expect((await h.call('owner', 'care.upcoming', { from: '2026-12-10', days: 1 })).find((o) => o.contractId === contract)!.noted).toBe(true);
  });
});

describe('contacts’ lunar birthdays', () => {
  it('are checked against their year like the customer’s, the reason on the contact’s field', async () => {
    // 2025 has a leap 6th month, not a 4th; its 12th month has 29 days.
    const leap = await h.failure('owner', 'customers.create', { name: '闰月检查', contacts: [{ name: '甲' }, { name: '乙', birthday: '2025-04L-03', birthdayCalendar: 'lunar' }] }, 'VALIDATION');
    expect(fieldIssuesOf(leap)).toEqual([{ path: ['contacts', '1', 'birthday'], message: 'lunarLeapMonth' }]);
    const day30 = await h.failure('owner', 'customers.create', { name: '三十检查', contacts: [{ name: '丙', birthday: '2025-12-30', birthdayCalendar: 'lunar' }] }, 'VALIDATION');
    expect(fieldIssuesOf(day30).map((i) => i.message)).toEqual(['lunarDay30']);
    const ok = await h.call('owner', 'customers.create', { name: '闰六月', contacts: [{ name: '丁', birthday: '2025-06L-03', birthdayCalendar: 'lunar' }] });
    expect(ok.contacts[0]).toMatchObject({ birthday: '2025-06L-03', birthdayCalendar: 'lunar' });
    const changed = await h.failure(
      'owner',
      'customers.update',
      { id: ok.id, version: ok.version, name: ok.name, contacts: [{ ...ok.contacts[0]!, birthday: '2025-05L-03' }] },
      'VALIDATION',
    );
    expect(fieldIssuesOf(changed).map((i) => i.message)).toEqual(['lunarLeapMonth']);
  });
});

describe('last contact', () => {
  it('is the creation, then the newest live record, through create, update, delete, restore and purge', async () => {
    h.clock.now = at('2026-06-01');
    const created = h.clock.now;
    const customer = (await h.call('owner', 'customers.create', { name: '联系追踪' })).id;
    expect(await lastContactOf(customer)).toBe(created);
    h.clock.now = at('2026-07-01');
    const record = (draft: { at: number }) => ({ customerId: customer, kind: 'communication' as const, content: '电话回访', channel: 'phone' as const, ...draft });
    const newer = await h.call('owner', 'records.create', record({ at: at('2026-06-20') }));
    expect(await lastContactOf(customer)).toBe(at('2026-06-20'));
    // An older record changes nothing.
    const older = await h.call('owner', 'records.create', record({ at: at('2026-05-01') }));
    expect(await lastContactOf(customer)).toBe(at('2026-06-20'));
    const moved = await h.call('owner', 'records.update', { id: newer.id, version: newer.version, kind: 'communication', content: '电话回访', channel: 'phone', at: at('2026-06-25') });
    expect(await lastContactOf(customer)).toBe(at('2026-06-25'));
    await h.call('owner', 'records.delete', { id: newer.id, version: moved.version });
    expect(await lastContactOf(customer)).toBe(created);
    await h.call('owner', 'records.restore', { id: newer.id });
    expect(await lastContactOf(customer)).toBe(at('2026-06-25'));
    const again = await h.call('owner', 'records.get', { id: newer.id });
    await h.call('owner', 'records.delete', { id: newer.id, version: again.version });
    await h.call('owner', 'records.purge', { id: newer.id });
    expect(await lastContactOf(customer)).toBe(created);
    await h.call('owner', 'records.delete', { id: older.id, version: older.version });
    expect(await lastContactOf(customer)).toBe(created);
  });

  it('a customer’s purge takes its care notes with it', async () => {
    const customer = await h.call('owner', 'customers.create', { name: '将被清除', kind: 'person', birthday: '1990-12-05' });
    const note = await h.call('owner', 'care.addNote', { customerId: customer.id, occasion: 'birthday', onDay: '2026-12-05', note: '送花' });
    await h.call('owner', 'customers.delete', { id: customer.id, version: customer.version });
    await h.failure('owner', 'care.getNote', { id: note.id }, 'NOT_FOUND');
    await h.call('owner', 'customers.purge', { id: customer.id });
    const db = await rawDb(h);
    try {
      expect(db.prepare('SELECT count(*) AS n FROM care_notes WHERE customer_id = ?').get(customer.id)).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});

describe('return visits due', () => {
  it('per grade from the last contact and the cadence, most overdue first, for one staff member', async () => {
    const user = await h.call('owner', 'users.create', { username: 'rv', displayName: '回访员', role: 'staff', password: 'temp-lantern-3907' });
    const make = async (name: string, grade: 'vip' | 'key' | 'normal', contact: string) => {
      h.clock.now = at('2026-01-01');
      const id = (await h.call('owner', 'customers.create', { name, grade, ownerId: user.id })).id;
      h.clock.now = at('2026-11-30');
      await h.call('owner', 'records.create', { customerId: id, kind: 'communication', content: '回访', channel: 'phone', at: at(contact, 18) });
      return id;
    };
    // Default cadences: VIP 30 days, key 60, normal 90.
    const vip = await make('VIP 逾期', 'vip', '2026-10-01'); // due 10-31: 31 days overdue on 12-01
    const key = await make('重点 今天', 'key', '2026-10-02'); // due 12-01: today
    const normal = await make('普通 今天', 'normal', '2026-09-02'); // due 12-01
    await make('普通 明天', 'normal', '2026-09-03'); // due 12-02: not yet
    const keyOk = await make('重点 近期联系', 'key', '2026-11-20');
    const db = openDbWithKey(h.dataDir, await databaseKeyOf(h.dataDir, 'boss', OWNER_PASSWORD));
    try {
      const owner = { userId: 1, username: 'boss', role: 'owner' as const, scopeOwnerId: null, mask: false };
      const due = await returnVisitsDue(db, owner, { today: '2026-12-01', staffId: user.id, limit: 10 });
      expect(due.rows.map((r) => [r.customerId, r.dueOn, r.overdueDays, r.ownerName])).toEqual([
        [vip, '2026-10-31', 31, '回访员'],
        [normal, '2026-12-01', 0, '回访员'],
        [key, '2026-12-01', 0, '回访员'],
      ]);
      expect(due.total).toBe(3);
      expect(due.rows.some((r) => r.customerId === keyOk)).toBe(false);
      expect((await returnVisitsDue(db, owner, { today: '2026-12-01', staffId: user.id, limit: 1 })).rows.map((r) => r.customerId)).toEqual([vip]);
      // A staff member limited to their own customers asking for a colleague's: nothing.
      const scoped = { userId: staffId, username: 'staff', role: 'staff' as const, scopeOwnerId: staffId, mask: true };
      expect(await returnVisitsDue(db, scoped, { today: '2026-12-01', staffId: user.id, limit: 10 })).toEqual({ rows: [], total: 0 });
    } finally {
      engine.close(db);
    }
  });
});
