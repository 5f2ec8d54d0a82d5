// The festivals page (#/holidays): holidays.upcoming with span 'year' lists every festival of the
// next 12 months (through the day before the same date next year) with its to-greet counts, while
// the default span stays the settings' days ahead (what Today lists).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, shopWithRoles, userNamed, type Harness } from './harness.ts';

let h: Harness;

/** Local noon of a day (the shop's local date, whatever the machine's zone). */
function at(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 12, 0, 0).getTime();
}

beforeAll(async () => {
  h = makeHarness();
  await shopWithRoles(h);
  await h.call('owner', 'settings.update', { idleLockMinutes: 0 });
  const staffId = (await userNamed(h, 'staff')).id;
  await h.call('owner', 'customers.create', { name: '茶香贸易', grade: 'vip', ownerId: staffId });
  await h.call('owner', 'customers.create', { name: '远方商行', grade: 'key' });
  await h.call('owner', 'customers.create', { name: '小本生意', grade: 'normal' });
}, 60_000);
afterAll(() => h.cleanup());

describe('the festivals of the next 12 months', () => {
  it('lists each festival once with its day and to-greet counts, through 2027-12-01 from 2026-12-02', async () => {
    h.clock.now = at('2026-12-02');
    await h.call('owner', 'holidays.saveSettings', { daysAhead: 14, grades: ['vip', 'key'], builtins: ['spring-festival', 'new-year', 'national-day', 'mid-autumn'], own: [{ name: '店庆', calendar: 'solar', month: 12, day: 1 }, { name: '周年', calendar: 'solar', month: 12, day: 2 }] });
    const year = await h.call('owner', 'holidays.upcoming', { span: 'year' });
    expect(year.map((f) => [f.key, f.day])).toEqual([
      ['own-2', '2026-12-02'],
      ['new-year', '2027-01-01'],
      ['spring-festival', '2027-02-06'],
      ['mid-autumn', '2027-09-15'],
      ['national-day', '2027-10-01'],
      ['own-1', '2027-12-01'],
    ]);
    expect(year.every((f) => f.toGreet === 2 && f.greeted === 0)).toBe(true);
    // Staff see their own customers' counts only when asking for "mine".
    expect((await h.call('staff', 'holidays.upcoming', { span: 'year', mine: true })).map((f) => f.toGreet)).toEqual([1, 1, 1, 1, 1, 1]);
    // The default is still the days ahead (Today's list).
    expect((await h.call('owner', 'holidays.upcoming', {})).map((f) => f.key)).toEqual(['own-2']);
    await h.failure('owner', 'holidays.upcoming', { span: 'decade' }, 'VALIDATION');
  });
});
