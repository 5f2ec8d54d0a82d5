// What the service standards mean for the other areas: a complaint's response deadline, the
// return-visit cadence per grade, and when a survey's score is low enough to open a complaint.
// Read on every call (another process may have changed them); each is one or two small reads.
import type { Grade } from '../../../../shared/api/customers.ts';
import type { Db } from '../../db/database.ts';
import { readSetting } from '../settings/service.ts';
import { addWorkingHours, loadWorkingCalendar } from './working-days.ts';

/** Settings keys of the standards page (the grades live in `service_standards`). */
export const STANDARDS_KEYS = {
  workingDays: 'standards.workingDays',
  lowDimensionAtMost: 'surveys.lowDimensionAtMost',
  lowNpsAtMost: 'surveys.lowNpsAtMost',
} as const;

export const LOW_SCORE_DEFAULTS = { dimensionAtMost: 2, npsAtMost: 6 } as const;

const HOUR_MS = 3_600_000;

/** Whether deadlines count only working hours (setting `standards.workingDays`, default off). */
export async function countsWorkingDays(db: Db): Promise<boolean> {
  return (await readSetting(db, STANDARDS_KEYS.workingDays)) === '1';
}

/**
 * When a complaint opened at `openedAt` for a customer of `grade` must be answered: the grade's
 * response hours after the opening, every hour or only working ones per the owner's setting.
 */
export async function responseDeadline(db: Db, grade: Grade, openedAt: number): Promise<number> {
  const row = await db.selectFrom('service_standards').select('response_hours').where('grade', '=', grade).executeTakeFirstOrThrow();
  if (!(await countsWorkingDays(db))) return openedAt + row.response_hours * HOUR_MS;
  return addWorkingHours(await loadWorkingCalendar(db), openedAt, row.response_hours);
}

/** Return-visit cadence in days per grade. */
export async function returnCadences(db: Db): Promise<Record<Grade, number>> {
  const rows = await db.selectFrom('service_standards').select(['grade', 'return_days']).execute();
  const cadences = { vip: 30, key: 60, normal: 90, potential: 90 } satisfies Record<Grade, number>; // the migration's rows; all four are always there
  for (const row of rows) cadences[row.grade] = row.return_days;
  return cadences;
}

function settingNumber(value: string | undefined, fallback: number): number {
  const parsed = value === undefined ? NaN : Number(value);
  return Number.isInteger(parsed) ? parsed : fallback;
}

/** A survey is low when any dimension's score ≤ dimensionAtMost or the NPS ≤ npsAtMost. */
export async function lowScoreRule(db: Db): Promise<{ dimensionAtMost: number; npsAtMost: number }> {
  return {
    dimensionAtMost: settingNumber(await readSetting(db, STANDARDS_KEYS.lowDimensionAtMost), LOW_SCORE_DEFAULTS.dimensionAtMost),
    npsAtMost: settingNumber(await readSetting(db, STANDARDS_KEYS.lowNpsAtMost), LOW_SCORE_DEFAULTS.npsAtMost),
  };
}
