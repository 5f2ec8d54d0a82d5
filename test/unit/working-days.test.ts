// Working-hour deadlines (areas/standards/working-days.ts): counted in the shop's local calendar,
// weekends and China's statutory holidays off, make-up working days (调休) on, the owner's
// corrections over both. The table runs in Asia/Shanghai (the machine's time zone is the shop's);
// the daylight-saving rows in America/New_York, where a working day can have 23 or 25 hours.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingHours, builtinCalendar, knownYears, workingCalendarOf, type WorkingCalendar } from '../../electron/core/areas/standards/working-days.ts';

const originalTz = process.env.TZ;
function useTimeZone(tz: string | undefined): void {
  if (tz === undefined) delete process.env.TZ;
  else process.env.TZ = tz; // Node re-reads the zone when TZ is assigned
}
beforeAll(() => useTimeZone('Asia/Shanghai'));
afterAll(() => useTimeZone(originalTz));

/** 'YYYY-MM-DD HH:mm' in the machine's (the shop's) local time → ms. */
function local(text: string): number {
  const [, y, mo, d, h, mi] = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(text)!.map(Number) as number[];
  return new Date(y!, mo! - 1, d!, h!, mi!).getTime();
}

/** ms → 'YYYY-MM-DD HH:mm' in local time. */
function shown(ms: number): string {
  const at = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())} ${p(at.getHours())}:${p(at.getMinutes())}`;
}

const builtinOnly = workingCalendarOf(new Map());
/** 2027 is not in the library yet (the official list comes each December): the owner adds National Day and New Year. */
const corrected = workingCalendarOf(
  new Map<string, 'holiday' | 'workday'>([
    ['2027-01-01', 'holiday'],
    ...['2027-10-01', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'].map((day) => [day, 'holiday'] as [string, 'holiday']),
    ['2027-10-09', 'workday'],
    // A correction of a day the library knows: the shop works on the last day of the 2026 Spring Festival break.
    ['2026-02-23', 'workday'],
  ]),
);

type Row = { name: string; calendar: WorkingCalendar; from: string; hours: number; due: string };

const TABLE: Row[] = [
  // Ordinary weeks
  { name: 'a weekday morning, 24 h: the next day', calendar: builtinOnly, from: '2026-11-10 09:00', hours: 24, due: '2026-11-11 09:00' },
  { name: 'a Friday evening, 24 h: over the weekend to Monday evening', calendar: builtinOnly, from: '2026-11-13 18:00', hours: 24, due: '2026-11-16 18:00' },
  { name: 'opened on a Saturday: counting starts Monday 00:00', calendar: builtinOnly, from: '2026-11-14 10:00', hours: 8, due: '2026-11-16 08:00' },
  { name: 'ends exactly at the end of a working day: stays at its midnight', calendar: builtinOnly, from: '2026-11-13 00:00', hours: 24, due: '2026-11-14 00:00' },
  // Spring Festival 2026: Sat 14 Feb make-up working day, 15–23 Feb off, Sat 28 Feb make-up working day
  { name: 'Friday evening before Spring Festival, 24 h: the make-up Saturday', calendar: builtinOnly, from: '2026-02-13 18:00', hours: 24, due: '2026-02-14 18:00' },
  { name: 'Friday evening before Spring Festival, 48 h: past the make-up Saturday and the nine days off', calendar: builtinOnly, from: '2026-02-13 18:00', hours: 48, due: '2026-02-24 18:00' },
  { name: 'opened during Spring Festival: counting starts on the make-up day after it', calendar: builtinOnly, from: '2026-02-17 11:00', hours: 72, due: '2026-02-27 00:00' },
  { name: 'the Friday before the make-up Saturday 28 Feb', calendar: builtinOnly, from: '2026-02-27 18:00', hours: 24, due: '2026-02-28 18:00' },
  { name: "the owner's correction: 23 Feb worked after all", calendar: corrected, from: '2026-02-14 18:00', hours: 24, due: '2026-02-23 18:00' },
  // National Day 2026: Sun 20 Sep make-up, Fri 25 Sep Mid-Autumn off (with the weekend), 1–7 Oct off, Sat 10 Oct make-up
  { name: 'the evening before National Day, 24 h: 18:00 on the first working day after it', calendar: builtinOnly, from: '2026-09-30 18:00', hours: 24, due: '2026-10-08 18:00' },
  { name: 'Thursday evening before Mid-Autumn (Fri 25 Sep off), 24 h: Monday evening', calendar: builtinOnly, from: '2026-09-24 18:00', hours: 24, due: '2026-09-28 18:00' },
  { name: 'Friday evening before the make-up Saturday 10 Oct', calendar: builtinOnly, from: '2026-10-09 18:00', hours: 24, due: '2026-10-10 18:00' },
  { name: 'a make-up Sunday (20 Sep) counts', calendar: builtinOnly, from: '2026-09-18 18:00', hours: 24, due: '2026-09-20 18:00' },
  { name: 'opened on 3 Oct: counting starts 8 Oct 00:00', calendar: builtinOnly, from: '2026-10-03 10:00', hours: 8, due: '2026-10-08 08:00' },
  // National Day 2025 (Sun 28 Sep make-up, 1–8 Oct off, Sat 11 Oct make-up): a Friday evening before it
  { name: 'Friday evening before National Day 2025, 24 h: the make-up Sunday', calendar: builtinOnly, from: '2025-09-26 18:00', hours: 24, due: '2025-09-28 18:00' },
  { name: 'Friday evening before National Day 2025, 96 h: the make-up Sunday, Monday, Tuesday, then 18:00 on 9 Oct', calendar: builtinOnly, from: '2025-09-26 18:00', hours: 96, due: '2025-10-09 18:00' },
  // Year ends
  { name: 'New Year 2026 (1–3 Jan off, Sun 4 Jan make-up)', calendar: builtinOnly, from: '2025-12-31 18:00', hours: 24, due: '2026-01-04 18:00' },
  { name: 'New Year 2027 before the owner adds it: weekends only', calendar: builtinOnly, from: '2026-12-31 18:00', hours: 24, due: '2027-01-01 18:00' },
  { name: 'New Year 2027 after the owner adds 1 Jan', calendar: corrected, from: '2026-12-31 18:00', hours: 24, due: '2027-01-04 18:00' },
  { name: 'a deadline a week long across the year end', calendar: builtinOnly, from: '2025-12-29 09:00', hours: 120, due: '2026-01-06 09:00' },
  // The owner's National Day 2027 (Fri 1 Oct – Thu 7 Oct off, Sat 9 Oct worked)
  { name: 'owner-added National Day 2027, 24 h from the evening before', calendar: corrected, from: '2027-09-30 18:00', hours: 24, due: '2027-10-08 18:00' },
  { name: 'owner-added make-up Saturday 9 Oct 2027', calendar: corrected, from: '2027-10-08 18:00', hours: 24, due: '2027-10-09 18:00' },
  { name: 'without the owner, 2027 National Day is a working Friday', calendar: builtinOnly, from: '2027-09-30 18:00', hours: 24, due: '2027-10-01 18:00' },
  // Long deadlines and none at all
  { name: '72 h from a Monday morning: Thursday morning', calendar: builtinOnly, from: '2026-11-09 09:00', hours: 72, due: '2026-11-12 09:00' },
  { name: '0 h on a working day: the moment itself', calendar: builtinOnly, from: '2026-11-10 09:30', hours: 0, due: '2026-11-10 09:30' },
];

describe('addWorkingHours (Asia/Shanghai)', () => {
  for (const row of TABLE) {
    it(`${row.name}: ${row.from} + ${row.hours} h → ${row.due}`, () => {
      expect(shown(addWorkingHours(row.calendar, local(row.from), row.hours))).toBe(row.due);
    });
  }

  it('counts in the shop time zone, not UTC: Friday 18:00 in Shanghai is 10:00 UTC', () => {
    const due = addWorkingHours(builtinOnly, Date.UTC(2026, 10, 13, 10), 24);
    expect(due).toBe(Date.UTC(2026, 10, 16, 10));
  });

  it('refuses to run for ever on a calendar with no working day', () => {
    expect(() => addWorkingHours({ isWorkingDay: () => false }, local('2026-11-10 09:00'), 1)).toThrow(/no working day/);
  });
});

describe('the built-in calendar (tyme4ts LegalHoliday)', () => {
  it('knows 2026 (and earlier) and not 2027', () => {
    expect(knownYears()).toContain(2026);
    expect(knownYears()).toContain(2024);
    expect(knownYears()).not.toContain(2027);
  });

  it('has the holidays and make-up days with their Chinese names', () => {
    const days = builtinCalendar();
    expect(days.get('2026-02-14')).toEqual({ day: '2026-02-14', kind: 'workday', name: '春节' });
    expect(days.get('2026-02-17')).toEqual({ day: '2026-02-17', kind: 'holiday', name: '春节' });
    expect(days.get('2026-10-01')).toEqual({ day: '2026-10-01', kind: 'holiday', name: '国庆节' });
    expect(days.get('2026-10-10')?.kind).toBe('workday');
    expect(days.get('2026-10-08')).toBeUndefined();
  });

  it('corrections win; weekends are off and weekdays working otherwise', () => {
    expect(builtinOnly.isWorkingDay('2026-02-23')).toBe(false);
    expect(corrected.isWorkingDay('2026-02-23')).toBe(true);
    expect(builtinOnly.isWorkingDay('2026-10-17')).toBe(false); // an ordinary Saturday
    expect(builtinOnly.isWorkingDay('2026-10-10')).toBe(true); // a make-up Saturday
    expect(builtinOnly.isWorkingDay('2027-10-01')).toBe(true);
    expect(corrected.isWorkingDay('2027-10-01')).toBe(false);
  });
});

describe('addWorkingHours across daylight-saving changes (America/New_York)', () => {
  beforeAll(() => useTimeZone('America/New_York'));
  afterAll(() => useTimeZone('Asia/Shanghai'));

  it('spring forward: Friday 18:00 EST + 24 h is Monday 18:00 EDT (wall clock kept over the weekend)', () => {
    const from = local('2026-03-06 18:00');
    expect(from).toBe(Date.UTC(2026, 2, 6, 23));
    const due = addWorkingHours(builtinOnly, from, 24);
    expect(shown(due)).toBe('2026-03-09 18:00');
    expect(due).toBe(Date.UTC(2026, 2, 9, 22));
  });

  it('fall back: Friday 18:00 EDT + 24 h is Monday 18:00 EST', () => {
    const due = addWorkingHours(builtinOnly, local('2026-10-30 18:00'), 24);
    expect(shown(due)).toBe('2026-11-02 18:00');
    expect(due).toBe(Date.UTC(2026, 10, 2, 23));
  });

  it('a working day of 23 hours counts 23 (the owner made the changeover Sunday a working day)', () => {
    const calendar = workingCalendarOf(new Map([['2026-03-08', 'workday']]));
    expect(shown(addWorkingHours(calendar, local('2026-03-07 20:00'), 24))).toBe('2026-03-09 01:00');
  });

  it('a working day of 25 hours counts 25', () => {
    const calendar = workingCalendarOf(new Map([['2026-11-01', 'workday']]));
    expect(shown(addWorkingHours(calendar, local('2026-10-31 20:00'), 24))).toBe('2026-11-01 23:00');
  });
});
