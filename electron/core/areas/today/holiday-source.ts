// Today's holiday care (kind 'holiday'), read from areas/holidays: the festivals from the shop's
// today through its daysAhead, with the customers still to greet by grade. A festival with nobody
// left to greet (all greeted, or none of the greeted grades in sight) is not listed. Another day
// asked for than today shows nothing: festivals are "coming up", counted from today only.
import type { FestivalDue } from '../../../../shared/api/holidays.ts';
import type { Db } from '../../db/database.ts';
import { upcomingHolidays } from '../holidays/service.ts';
import type { Access } from '../users/access.ts';

export async function holidaySection(db: Db, ask: { access: Access; now: number; day: string; today: string; mine: number | null }): Promise<FestivalDue[]> {
  if (ask.day !== ask.today) return [];
  const festivals = await upcomingHolidays(db, ask.access, ask.now, ask.mine);
  return festivals.filter((festival) => festival.greeted < festival.toGreet);
}
