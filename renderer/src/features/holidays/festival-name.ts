import type { TFunction } from 'i18next';
import type { FestivalDue } from '../../../../shared/api/holidays.ts';

/** A built-in festival in the user's language; an own festival by the name the owner gave it. */
export function festivalName(t: TFunction, festival: Pick<FestivalDue, 'builtin' | 'name'>): string {
  return festival.builtin ? t(`holidays.festivals.${festival.builtin}`) : festival.name;
}
