// Success stories and holiday care through the core: a story's validation, its files (the
// customer's own only), scope (staff under the staff-scope setting see their customers' stories
// only), delete/restore by role, the case sheet without the name when consent is not 'yes' (and its
// audit entry), merge moving stories; holiday settings (settings.manage), Today's festivals at a
// fixed clock with counts by grade, the festival's customers (scoped, searched), greetings as
// care notes (once per customer), and a festival leaving Today when everyone was greeted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, shopWithRoles, userNamed, type Harness } from './harness.ts';

let h: Harness;
let staffId: number;

/** Local noon of a day (the shop's local date, whatever the machine's zone). */
function at(day: string, hour = 12): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, hour, 0, 0).getTime();
}

beforeAll(async () => {
  h = makeHarness();
  await shopWithRoles(h);
  await h.call('owner', 'settings.update', { idleLockMinutes: 0 });
  staffId = (await userNamed(h, 'staff')).id;
}, 60_000);
afterAll(() => h.cleanup());

describe('success stories', () => {
  let mine: number;
  let theirs: number;

  beforeAll(async () => {
    mine = (await h.call('owner', 'customers.create', { name: '茶香贸易', grade: 'vip', industry: '茶叶', region: '杭州', ownerId: staffId })).id;
    theirs = (await h.call('owner', 'customers.create', { name: '远方商行', grade: 'key' })).id;
  });

  it('writes, lists, edits and prints a story; without consent the sheet names industry and region only', async () => {
    h.clock.now = at('2026-12-02');
    const story = await h.call('staff', 'stories.create', {
      customerId: mine,
      title: '门店数字化改造',
      background: '三家门店，手工记账',
      whatWeDid: '上线客户管家',
      results: '回访及时',
      resultFigures: [{ label: '回访率', value: '95%' }],
      namedConsent: 'ask',
      storyOn: '2026-11-30',
    });
    expect(story).toMatchObject({ customerId: mine, title: '门店数字化改造', resultFigures: [{ label: '回访率', value: '95%' }], namedConsent: 'ask', version: 1 });
    expect(story.actions).toEqual({ edit: true, delete: true, restore: false, print: true });
    const viewer = await h.call('viewer', 'stories.get', { id: story.id });
    expect(viewer.actions).toEqual({ edit: false, delete: false, restore: false, print: false });

    const sheet = await h.call('owner', 'stories.caseSheet', { id: story.id });
    expect(sheet.customerLabel).toEqual({ named: false, name: '', industry: '茶叶', region: '杭州' });
    expect(JSON.stringify(sheet)).not.toContain('茶香贸易');
    const updated = await h.call('staff', 'stories.update', { id: story.id, version: 1, title: '门店数字化改造', storyOn: '2026-11-30', namedConsent: 'yes', resultFigures: [{ label: '回访率', value: '95%' }] });
    expect(updated.version).toBe(2);
    expect((await h.call('owner', 'stories.caseSheet', { id: story.id })).customerLabel).toMatchObject({ named: true, name: '茶香贸易' });
    await h.failure('staff', 'stories.update', { id: story.id, version: 1, title: 'x', storyOn: '2026-11-30' }, 'CONFLICT');

    const audit = await h.call('owner', 'audit.list', { entity: 'story' });
    expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['story.create', 'story.update', 'story.print']));

    const list = await h.call('owner', 'stories.list', { q: '数字化' });
    expect(list.rows.map((r) => r.id)).toEqual([story.id]);
    expect(list.rows[0]).toMatchObject({ customerName: '茶香贸易', industry: '茶叶', region: '杭州', grade: 'vip' });
  });

  it('refuses bad input with reasons, and files not kept with the customer', async () => {
    const empty = await h.failure('owner', 'stories.create', { customerId: mine, title: '  ', storyOn: '2026-12-02' }, 'VALIDATION');
    expect(JSON.stringify(empty.details)).toContain('title');
    const tooMany = await h.failure('owner', 'stories.create', { customerId: mine, title: 'x', storyOn: '2026-12-02', resultFigures: Array.from({ length: 11 }, () => ({ label: 'a', value: 'b' })) }, 'VALIDATION');
    expect(JSON.stringify(tooMany.details)).toContain('resultFigures');
    const file = await h.failure('owner', 'stories.create', { customerId: mine, title: 'x', storyOn: '2026-12-02', attachmentIds: [424242] }, 'VALIDATION');
    expect(JSON.stringify(file.details)).toContain('attachment');
  });

  it('keeps staff to their own customers under the staff scope, and to their own stories for delete', async () => {
    const other = await h.call('owner', 'stories.create', { customerId: theirs, title: '远方案例', storyOn: '2026-12-01' });
    await h.call('owner', 'settings.update', { staffScope: true });
    try {
      expect((await h.call('staff', 'stories.list', {})).rows.every((r) => r.customerId === mine)).toBe(true);
      await h.failure('staff', 'stories.get', { id: other.id }, 'NOT_FOUND');
      const refused = await h.failure('staff', 'stories.create', { customerId: theirs, title: 'x', storyOn: '2026-12-02' }, 'VALIDATION');
      expect(JSON.stringify(refused.details)).toContain('customer');
    } finally {
      await h.call('owner', 'settings.update', { staffScope: false });
    }
    // Staff delete only what they wrote; the owner deletes and restores anything.
    await h.failure('staff', 'stories.delete', { id: other.id, version: 1 }, 'FORBIDDEN');
    await h.call('owner', 'stories.delete', { id: other.id, version: 1 });
    expect((await h.call('owner', 'stories.list', { deleted: true })).rows.map((r) => r.id)).toEqual([other.id]);
    await h.failure('owner', 'stories.caseSheet', { id: other.id }, 'NOT_FOUND');
    expect((await h.call('owner', 'stories.restore', { id: other.id })).deletedAt).toBeNull();
  });

  it('moves stories to the kept customer in a merge and back on undo', async () => {
    const dup = (await h.call('owner', 'customers.create', { name: '远方商行分店', grade: 'normal' })).id;
    const story = await h.call('owner', 'stories.create', { customerId: dup, title: '分店案例', storyOn: '2026-12-01' });
    const kept = await h.call('owner', 'customers.get', { id: theirs });
    const merged = await h.call('owner', 'customers.get', { id: dup });
    const merge = await h.call('owner', 'duplicates.merge', { keep: theirs, merge: dup, version: { keep: kept.version, merge: merged.version } });
    expect(merge.moved.stories).toBe(1);
    expect((await h.call('owner', 'stories.get', { id: story.id })).customerId).toBe(theirs);
    await h.call('owner', 'duplicates.undoMerge', { merge: merge.merge });
    expect((await h.call('owner', 'stories.get', { id: story.id })).customerId).toBe(dup);
  });
});

describe('holiday care', () => {
  let vips: number[];
  let key: number;

  beforeAll(async () => {
    h.clock.now = at('2026-12-02');
    vips = [];
    for (const name of ['春风茶庄', '秋月酒家']) vips.push((await h.call('owner', 'customers.create', { name, grade: 'vip', ownerId: staffId })).id);
    key = (await h.call('owner', 'customers.create', { name: '冬雪商贸', grade: 'key' })).id;
    await h.call('owner', 'customers.create', { name: '普通小店', grade: 'normal' });
  });

  it('settings: defaults, saved by settings.manage only, own festivals given keys', async () => {
    expect(await h.call('staff', 'holidays.settings', {})).toMatchObject({ daysAhead: 14, grades: ['vip', 'key'], own: [] });
    await h.failure('manager', 'holidays.saveSettings', { daysAhead: 30, grades: ['vip'], builtins: [], own: [] }, 'FORBIDDEN');
    await h.failure('owner', 'holidays.saveSettings', { daysAhead: 0, grades: ['vip'], builtins: [], own: [] }, 'VALIDATION');
    const saved = await h.call('owner', 'holidays.saveSettings', {
      daysAhead: 31,
      grades: ['key', 'vip'],
      builtins: ['spring-festival', 'new-year', 'mid-autumn'],
      own: [{ name: '店庆', calendar: 'solar', month: 12, day: 18 }],
    });
    expect(saved.grades).toEqual(['vip', 'key']);
    expect(saved.own).toEqual([{ key: 'own-1', name: '店庆', calendar: 'solar', month: 12, day: 18 }]);
    expect((await h.call('owner', 'holidays.calendar', { year: 2027 })).map((f) => [f.key, f.day])).toEqual([
      ['new-year', '2027-01-01'],
      ['spring-festival', '2027-02-06'],
      ['mid-autumn', '2027-09-15'],
      ['own-1', '2027-12-18'],
    ]);
  });

  it("Today at a fixed clock: the festivals within the days ahead with the customers to greet by grade; greeted ones counted; all greeted leaves Today", async () => {
    h.clock.now = at('2026-12-02');
    const base = await h.call('owner', 'today.get', { scope: 'everyone' });
    const festivals = base.holidays.map((f) => [f.key, f.year, f.day, f.inDays]);
    expect(festivals).toEqual([
      ['own-1', 2026, '2026-12-18', 16],
      ['new-year', 2027, '2027-01-01', 30],
    ]);
    const all = await h.call('owner', 'holidays.upcoming', {});
    const vipCount = all[0]!.byGrade.find((g) => g.grade === 'vip')!;
    const liveVips = (await h.call('owner', 'customers.count', { grade: 'vip' })).count;
    const liveKeys = (await h.call('owner', 'customers.count', { grade: 'key' })).count;
    expect(vipCount).toEqual({ grade: 'vip', toGreet: liveVips, greeted: 0 });
    expect(all[0]!.toGreet).toBe(liveVips + liveKeys);

    // Staff's Today ("mine"): only the customers they are responsible for.
    const staffToday = await h.call('staff', 'today.get', {});
    const staffOwn = (await h.call('owner', 'customers.count', { ownerId: staffId, grade: 'vip' })).count + (await h.call('owner', 'customers.count', { ownerId: staffId, grade: 'key' })).count;
    expect(staffToday.holidays[0]!.toGreet).toBe(staffOwn);

    // The festival's page: searched, greeted ones marked; greeting twice is one note.
    const page = await h.call('staff', 'holidays.customers', { key: 'own-1', year: 2026, q: '春风' });
    expect(page.rows.map((r) => r.customerId)).toEqual([vips[0]]);
    expect(page.rows[0]!.actions.greet).toBe(true);
    const first = await h.call('staff', 'holidays.greet', { key: 'own-1', year: 2026, customerId: vips[0]!, note: '店庆问候' });
    expect(first.created).toBe(true);
    expect(await h.call('staff', 'holidays.greet', { key: 'own-1', year: 2026, customerId: vips[0]! })).toEqual({ ...first, created: false });
    const note = await h.call('owner', 'care.getNote', { id: first.noteId });
    expect(note).toMatchObject({ occasion: 'holiday', onDay: '2026-12-18', note: '店庆问候' });
    const after = await h.call('staff', 'holidays.customers', { key: 'own-1', year: 2026, greeted: true });
    expect(after.rows.map((r) => r.customerId)).toEqual([vips[0]]);
    expect(after.rows[0]!.greeting).not.toBeNull();
    await h.failure('viewer', 'holidays.greet', { key: 'own-1', year: 2026, customerId: vips[1]! }, 'FORBIDDEN');
    await h.failure('owner', 'holidays.greet', { key: 'lantern', year: 2026, customerId: vips[1]! }, 'NOT_FOUND');

    // Greet everyone left: the festival leaves Today, the next one stays.
    for (;;) {
      const open = await h.call('owner', 'holidays.customers', { key: 'own-1', year: 2026, greeted: false, limit: 100 });
      for (const row of open.rows) await h.call('owner', 'holidays.greet', { key: 'own-1', year: 2026, customerId: row.customerId });
      if (open.next === null) break;
    }
    expect((await h.call('owner', 'today.get', { scope: 'everyone' })).holidays.map((f) => f.key)).toEqual(['new-year']);
    expect(key).toBeGreaterThan(0);

    // Another day asked for shows no festivals (they count from today only).
    expect((await h.call('owner', 'today.get', { scope: 'everyone', day: '2026-12-03' })).holidays).toEqual([]);
  });

  it('staff under the staff scope greet and list only their own customers', async () => {
    await h.call('owner', 'settings.update', { staffScope: true });
    try {
      const page = await h.call('staff', 'holidays.customers', { key: 'new-year', year: 2027, limit: 100 });
      expect(page.rows.length).toBeGreaterThan(0);
      expect(page.rows.every((r) => r.ownerName !== null)).toBe(true);
      expect(page.rows.map((r) => r.customerId)).not.toContain(key);
      const refused = await h.failure('staff', 'holidays.greet', { key: 'new-year', year: 2027, customerId: key }, 'VALIDATION');
      expect(JSON.stringify(refused.details)).toContain('customer');
    } finally {
      await h.call('owner', 'settings.update', { staffScope: false });
    }
  });
});
