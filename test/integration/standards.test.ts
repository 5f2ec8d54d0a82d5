// Service standards and the working calendar through the door, every method × every role: everyone
// who reads customers reads them, only the owner changes them (with one version for the page and an
// audit entry), bad input and stale versions change nothing; and what the other areas read from
// them (responseDeadline in hours and in working hours, returnCadences, lowScoreRule).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GradeStandard } from '../../shared/api/standards.ts';
import { ROLES } from '../../shared/roles.ts';
import { engine } from '../../electron/core/db/engine.ts';
import type { Db } from '../../electron/core/db/database.ts';
import { lowScoreRule, responseDeadline, returnCadences } from '../../electron/core/areas/standards/deadline.ts';
import { databaseKeyOf, makeHarness, openDbWithKey, OWNER_PASSWORD, shopWithRoles, type Harness } from './harness.ts';

const originalTz = process.env.TZ;
const HOUR = 3_600_000;

let h: Harness;
let db: Db;
beforeAll(async () => {
  process.env.TZ = 'Asia/Shanghai'; // the shop's time zone: working days are its local days
  h = makeHarness();
  await shopWithRoles(h);
  db = openDbWithKey(h.dataDir, await databaseKeyOf(h.dataDir, 'boss', OWNER_PASSWORD));
});
afterAll(() => {
  engine.close(db);
  h.cleanup();
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

const DEFAULT_GRADES: GradeStandard[] = [
  { grade: 'vip', returnDays: 30, responseHours: 24 },
  { grade: 'key', returnDays: 60, responseHours: 48 },
  { grade: 'normal', returnDays: 90, responseHours: 72 },
  { grade: 'potential', returnDays: 90, responseHours: 72 },
];

/** 'YYYY-MM-DD HH:mm' in Shanghai → ms. */
function local(text: string): number {
  const [, y, mo, d, hh, mi] = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(text)!.map(Number) as number[];
  return new Date(y!, mo! - 1, d!, hh!, mi!).getTime();
}

async function auditOf(action: string) {
  return (await h.call('owner', 'audit.list', { action })).rows;
}

describe('standards.get / standards.update', () => {
  it('every role reads the defaults; only the owner is offered editing', async () => {
    for (const role of ROLES) {
      const standards = await h.call(role, 'standards.get', {});
      expect(standards.grades).toEqual(DEFAULT_GRADES);
      expect(standards.workingDays).toBe(false);
      expect(standards.lowScore).toEqual({ dimensionAtMost: 2, npsAtMost: 6 });
      expect(standards.actions.edit).toBe(role === 'owner');
    }
  });

  it('refuses manager, staff and viewer (FORBIDDEN), changing nothing', async () => {
    const before = await h.call('owner', 'standards.get', {});
    for (const role of ['manager', 'staff', 'viewer'] as const) {
      await h.failure(role, 'standards.update', { version: before.version, workingDays: true }, 'FORBIDDEN');
    }
    expect(await h.call('owner', 'standards.get', {})).toEqual(before);
  });

  it('refuses bad input in words (VALIDATION), changing nothing', async () => {
    const before = await h.call('owner', 'standards.get', {});
    const bad = [
      { grades: [{ grade: 'vip', returnDays: 0, responseHours: 24 }] },
      { grades: [{ grade: 'vip', returnDays: 30, responseHours: 8761 }] },
      { grades: [{ grade: 'vip', returnDays: 30, responseHours: 1.5 }] },
      { grades: [{ grade: 'gold', returnDays: 30, responseHours: 24 }] },
      { grades: [DEFAULT_GRADES[0], { ...DEFAULT_GRADES[0], responseHours: 12 }] },
      { lowScore: { dimensionAtMost: 5 } },
      { lowScore: { dimensionAtMost: 0 } },
      { lowScore: { npsAtMost: 10 } },
      { lowScore: { npsAtMost: -1 } },
    ];
    for (const input of bad) await h.failure('owner', 'standards.update', { version: before.version, ...input }, 'VALIDATION');
    const duplicate = await h.failure('owner', 'standards.update', { version: before.version, grades: bad[4]!.grades }, 'VALIDATION');
    expect(JSON.stringify(duplicate.details)).toContain('taken');
    expect(await h.call('owner', 'standards.get', {})).toEqual(before);
  });

  it('the owner changes grades, the working-days switch and the thresholds; one audit entry lists what changed', async () => {
    const before = await h.call('owner', 'standards.get', {});
    h.clock.now += 1000;
    const after = await h.call('owner', 'standards.update', {
      version: before.version,
      grades: [{ grade: 'vip', returnDays: 14, responseHours: 12 }, { grade: 'potential', returnDays: 180, responseHours: 72 }],
      workingDays: true,
      lowScore: { npsAtMost: 5 },
    });
    expect(after.grades).toEqual([
      { grade: 'vip', returnDays: 14, responseHours: 12 },
      DEFAULT_GRADES[1],
      DEFAULT_GRADES[2],
      { grade: 'potential', returnDays: 180, responseHours: 72 },
    ]);
    expect(after.workingDays).toBe(true);
    expect(after.lowScore).toEqual({ dimensionAtMost: 2, npsAtMost: 5 });
    expect(after.version).toBeGreaterThan(before.version);
    // Everyone reads the new standards.
    expect(await h.call('staff', 'standards.get', {})).toEqual({ ...after, actions: { edit: false } });

    const [entry] = await auditOf('standards.update');
    expect(entry).toMatchObject({ username: 'boss', entity: 'standards', at: h.clock.now });
    expect(entry!.changes).toEqual([
      { field: 'returnDays.vip', before: 30, after: 14 },
      { field: 'responseHours.vip', before: 24, after: 12 },
      { field: 'returnDays.potential', before: 90, after: 180 },
      { field: 'workingDays', before: false, after: true },
      { field: 'lowScore.npsAtMost', before: 6, after: 5 },
    ]);
  });

  it('a stale version is a CONFLICT and changes nothing; an update that changes nothing keeps the version and writes no entry', async () => {
    const current = await h.call('owner', 'standards.get', {});
    await h.failure('owner', 'standards.update', { version: current.version - 1, workingDays: false }, 'CONFLICT');
    expect(await h.call('owner', 'standards.get', {})).toEqual(current);

    const entries = (await auditOf('standards.update')).length;
    const same = await h.call('owner', 'standards.update', { version: current.version, workingDays: true, lowScore: { dimensionAtMost: 2 }, grades: [current.grades[1]!] });
    expect(same).toEqual(current);
    expect(await auditOf('standards.update')).toHaveLength(entries);

    // A threshold alone (a setting, not a grade row) moves the page's version on too.
    const moved = await h.call('owner', 'standards.update', { version: current.version, lowScore: { dimensionAtMost: 3 } });
    expect(moved.version).toBeGreaterThan(current.version);
    await h.failure('owner', 'standards.update', { version: current.version, lowScore: { dimensionAtMost: 1 } }, 'CONFLICT');
  });
});

describe('standards.calendar / standards.setDay', () => {
  it("every role reads a year's statutory holidays and make-up days; the years the app knows", async () => {
    for (const role of ROLES) {
      const year = await h.call(role, 'standards.calendar', { year: 2026 });
      expect(year.actions.edit).toBe(role === 'owner');
      expect(year.knownYears).toContain(2026);
      expect(year.knownYears).not.toContain(2027);
      expect(year.days.find((d) => d.day === '2026-10-01')).toEqual({ day: '2026-10-01', kind: 'holiday', name: '国庆节', source: 'builtin', builtin: 'holiday' });
      expect(year.days.find((d) => d.day === '2026-02-14')).toEqual({ day: '2026-02-14', kind: 'workday', name: '春节', source: 'builtin', builtin: 'workday' });
      // Only the days that are not ordinary; in order.
      expect(year.days.find((d) => d.day === '2026-10-08')).toBeUndefined();
      expect(year.days.map((d) => d.day)).toEqual([...year.days.map((d) => d.day)].sort());
      expect(year.days.every((d) => d.day.startsWith('2026-'))).toBe(true);
    }
    expect((await h.call('owner', 'standards.calendar', { year: 2027 })).days).toEqual([]);
  });

  it('refuses manager, staff and viewer, and bad days or names, changing nothing', async () => {
    for (const role of ['manager', 'staff', 'viewer'] as const) {
      await h.failure(role, 'standards.setDay', { day: '2027-10-01', kind: 'holiday', name: '国庆节' }, 'FORBIDDEN');
    }
    for (const input of [
      { day: '2027-02-30', kind: 'holiday' },
      { day: '2027-10-1', kind: 'holiday' },
      { day: '1999-10-01', kind: 'holiday' },
      { day: '2027-10-01', kind: 'vacation' },
      { day: '2027-10-01', kind: 'holiday', name: 'a\nb' },
      { day: '2027-10-01', kind: 'holiday', name: 'x'.repeat(41) },
    ]) {
      await h.failure('owner', 'standards.setDay', input, 'VALIDATION');
    }
    await h.failure('owner', 'standards.calendar', { year: 1999 }, 'VALIDATION');
    expect((await h.call('owner', 'standards.calendar', { year: 2027 })).days).toEqual([]);
    expect(await auditOf('standards.day')).toEqual([]);
  });

  it('the owner adds a day the app does not know, corrects a built-in one and puts it back; each change audited', async () => {
    h.clock.now += 1000;
    const added = await h.call('owner', 'standards.setDay', { day: '2027-10-01', kind: 'holiday', name: ' 国庆节 ' });
    expect(added.year).toBe(2027);
    expect(added.days).toEqual([{ day: '2027-10-01', kind: 'holiday', name: '国庆节', source: 'owner', builtin: null }]);
    await h.call('owner', 'standards.setDay', { day: '2027-10-09', kind: 'workday', name: '国庆节调休' });

    // The make-up Saturday of 2026 becomes a day off; the built-in kind stays visible beside it.
    const corrected = await h.call('owner', 'standards.setDay', { day: '2026-10-10', kind: 'holiday', name: '' });
    expect(corrected.days.find((d) => d.day === '2026-10-10')).toEqual({ day: '2026-10-10', kind: 'holiday', name: '国庆节', source: 'owner', builtin: 'workday' });
    // Everyone sees the corrections.
    expect((await h.call('viewer', 'standards.calendar', { year: 2027 })).days.map((d) => [d.day, d.kind, d.source])).toEqual([
      ['2027-10-01', 'holiday', 'owner'],
      ['2027-10-09', 'workday', 'owner'],
    ]);

    const reverted = await h.call('owner', 'standards.setDay', { day: '2026-10-10', kind: null, name: '' });
    expect(reverted.days.find((d) => d.day === '2026-10-10')).toEqual({ day: '2026-10-10', kind: 'workday', name: '国庆节', source: 'builtin', builtin: 'workday' });

    const entries = await auditOf('standards.day');
    expect(entries.map((e) => [e.label, e.entity, e.changes])).toEqual([
      ['2026-10-10', 'calendarDay', [{ field: 'dayKind', before: 'holiday', after: 'workday' }, { field: 'daySource', before: 'owner', after: 'builtin' }]],
      ['2026-10-10', 'calendarDay', [{ field: 'dayKind', before: 'workday', after: 'holiday' }, { field: 'daySource', before: 'builtin', after: 'owner' }]],
      ['2027-10-09', 'calendarDay', [{ field: 'dayKind', before: 'holiday', after: 'workday' }, { field: 'daySource', before: 'builtin', after: 'owner' }, { field: 'dayName', before: '', after: '国庆节调休' }]],
      ['2027-10-01', 'calendarDay', [{ field: 'dayKind', before: 'workday', after: 'holiday' }, { field: 'daySource', before: 'builtin', after: 'owner' }, { field: 'dayName', before: '', after: '国庆节' }]],
    ]);
    // Putting back a day that was never corrected, or setting a day as it already is, writes nothing.
    await h.call('owner', 'standards.setDay', { day: '2026-10-10', kind: null, name: '' });
    await h.call('owner', 'standards.setDay', { day: '2027-10-01', kind: 'holiday', name: '国庆节' });
    expect(await auditOf('standards.day')).toHaveLength(4);
  });
});

describe('what the other areas read: responseDeadline, returnCadences, lowScoreRule', () => {
  async function setStandards(input: { workingDays?: boolean; grades?: GradeStandard[] }) {
    const { version } = await h.call('owner', 'standards.get', {});
    await h.call('owner', 'standards.update', { version, ...input });
  }

  it('counts every hour when working days are off', async () => {
    await setStandards({ workingDays: false, grades: DEFAULT_GRADES });
    // The evening before National Day: the holiday counts like any other day.
    const opened = local('2026-09-30 18:00');
    expect(await responseDeadline(db, 'vip', opened)).toBe(opened + 24 * HOUR);
    expect(await responseDeadline(db, 'key', opened)).toBe(opened + 48 * HOUR);
    expect(await responseDeadline(db, 'potential', opened)).toBe(opened + 72 * HOUR);
  });

  it("counts working hours when they are on: the built-in holidays and the owner's corrections", async () => {
    await setStandards({ workingDays: true });
    // The evening before National Day 2026: 6 h that day, 18 h on 8 Oct (1–7 Oct off).
    expect(await responseDeadline(db, 'vip', local('2026-09-30 18:00'))).toBe(local('2026-10-08 18:00'));
    // 48 h: 6 + 24 on 8 Oct + 18 on Fri 9 Oct.
    expect(await responseDeadline(db, 'key', local('2026-09-30 18:00'))).toBe(local('2026-10-09 18:00'));
    // 2027 is not built in: the owner's National Day (set above: 1 Oct off, Sat 9 Oct worked) counts.
    expect(await responseDeadline(db, 'vip', local('2027-09-30 18:00'))).toBe(local('2027-10-04 18:00'));
    await h.call('owner', 'standards.setDay', { day: '2027-10-04', kind: 'holiday', name: '国庆节' });
    expect(await responseDeadline(db, 'vip', local('2027-09-30 18:00'))).toBe(local('2027-10-05 18:00'));
    // A grade's new response hours apply at once.
    await setStandards({ grades: [{ grade: 'normal', returnDays: 90, responseHours: 8 }] });
    expect(await responseDeadline(db, 'normal', local('2026-10-03 10:00'))).toBe(local('2026-10-08 08:00'));
  });

  it('returnCadences and lowScoreRule follow the owner', async () => {
    await setStandards({ grades: [{ grade: 'key', returnDays: 45, responseHours: 48 }] });
    expect(await returnCadences(db)).toEqual({ vip: 30, key: 45, normal: 90, potential: 90 });
    const { version } = await h.call('owner', 'standards.get', {});
    await h.call('owner', 'standards.update', { version, lowScore: { dimensionAtMost: 1, npsAtMost: 4 } });
    expect(await lowScoreRule(db)).toEqual({ dimensionAtMost: 1, npsAtMost: 4 });
  });
});
