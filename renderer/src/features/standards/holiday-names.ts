import type { TFunction } from 'i18next';

/**
 * The built-in calendar names its days in Chinese (tyme4ts LegalHoliday.NAMES); each has a text in
 * every language. A name the owner typed is shown as typed.
 */
const BUILTIN_NAMES: Record<string, string> = {
  元旦: 'newYear',
  春节: 'springFestival',
  清明节: 'qingming',
  劳动节: 'labourDay',
  端午节: 'dragonBoat',
  中秋节: 'midAutumn',
  国庆节: 'nationalDay',
  国庆中秋: 'nationalDayMidAutumn',
  抗战胜利日: 'victoryDay',
};

export function holidayName(t: TFunction, name: string): string {
  const key = BUILTIN_NAMES[name];
  return key ? t(`standards.calendar.holidays.${key}`) : name;
}
