// The lunar calendar's facts, from tyme4ts (LIBRARIES.md): which lunar years have which leap month,
// and which months have a 30th day. The text form of a lunar date is shared/lunar-date.ts; this
// checks that a date in that form exists.
import { LunarMonth, LunarYear } from 'tyme4ts';
import { AppFailure } from '../../../../shared/errors.ts';
import { parseLunarDate, type LunarDate } from '../../../../shared/lunar-date.ts';

/** tyme4ts names a leap month by its negative number (-4 is 闰四月). */
function monthNumber(date: Pick<LunarDate, 'month' | 'leap'>): number {
  return date.leap ? -date.month : date.month;
}

/**
 * Why a lunar date cannot be: its year has no such leap month, or its month has 29 days. Without a
 * year every leap month and every 30th day exists in some year, so the date is kept as given.
 */
export function lunarDateProblem(date: LunarDate): 'lunarLeapMonth' | 'lunarDay30' | null {
  if (date.year === null) return null;
  if (date.leap && LunarYear.fromYear(date.year).getLeapMonth() !== date.month) return 'lunarLeapMonth';
  if (date.day > LunarMonth.fromYm(date.year, monthNumber(date)).getDayCount()) return 'lunarDay30';
  return null;
}

/**
 * A customer's lunar birthday (or founding date) must exist in its year. One kept unchanged is not
 * checked again: dates saved before leap months were told apart may name a day a year lacks, and
 * editing anything else must not be refused for it.
 */
export function checkLunarBirthday(
  birthday: string,
  calendar: 'gregorian' | 'lunar',
  stored: { birthday: string; calendar: string } | null,
  path: string[] = ['birthday'],
): void {
  if (calendar !== 'lunar' || birthday === '') return;
  if (stored && stored.calendar === 'lunar' && stored.birthday === birthday) return;
  const date = parseLunarDate(birthday);
  if (!date) throw new AppFailure('VALIDATION', `birthday: ${birthday} is not a lunar date`, [{ path, message: 'lunarDate' }]);
  const problem = lunarDateProblem(date);
  if (problem === 'lunarLeapMonth') {
    throw new AppFailure('VALIDATION', `birthday: lunar year ${date.year} has no leap month ${date.month}`, [{ path, message: 'lunarLeapMonth' }]);
  }
  if (problem === 'lunarDay30') {
    throw new AppFailure('VALIDATION', `birthday: lunar month ${date.leap ? 'leap ' : ''}${date.month} of ${date.year} has 29 days`, [
      { path, message: 'lunarDay30' },
    ]);
  }
}
