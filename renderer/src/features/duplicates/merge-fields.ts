// The fields a merge chooses between, as the merge dialog shows them: each one's value in the
// user's words (a grade's name, a lunar birthday, the owner's name) and whether the two customers differ.
import type { TFunction } from 'i18next';
import type { Customer } from '../../../../shared/api/customers.ts';
import type { MergeField } from '../../../../shared/api/duplicates.ts';
import { parseLunarDate } from '../../../../shared/lunar-date.ts';
import { formatCalendarDate, formatLunarDate } from '../../i18n/format.ts';

/** The stored value a field compares by (a birthday with its calendar: the same day in two calendars differs). */
export function rawValue(customer: Customer, field: MergeField): string {
  if (field === 'birthday') return customer.birthday === '' ? '' : `${customer.birthdayCalendar}:${customer.birthday}`;
  const value = customer[field];
  return value === null || value === undefined ? '' : String(value);
}

/** The value as the user reads it ('' when empty). */
export function shownValue(t: TFunction, customer: Customer, field: MergeField): string {
  switch (field) {
    case 'kind':
      return t(`customer.kinds.${customer.kind}`);
    case 'size':
      return customer.size === null ? '' : t(`customer.sizes.${customer.size}`);
    case 'stage':
      return t(`customer.stages.${customer.stage}`);
    case 'grade':
      return t(`customer.grades.${customer.grade}`);
    case 'ownerId':
      return customer.ownerName ?? '';
    case 'birthday': {
      if (customer.birthday === '') return '';
      if (customer.birthdayCalendar === 'lunar') {
        const lunar = parseLunarDate(customer.birthday);
        return lunar ? formatLunarDate(lunar) : customer.birthday;
      }
      return formatCalendarDate(customer.birthday);
    }
    default:
      return customer[field];
  }
}

/**
 * The kept customer's value unless it has none and the merged one has one: a merge should not
 * lose a phone number only because the kept record left it blank. The user can change every row.
 */
export function defaultChoice(kept: Customer, merged: Customer, field: MergeField): 'keep' | 'merge' {
  return rawValue(kept, field) === '' && rawValue(merged, field) !== '' ? 'merge' : 'keep';
}
