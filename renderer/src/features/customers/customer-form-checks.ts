import type { Customer } from '../../../../shared/api/customers.ts';
import { parseLunarDate } from '../../../../shared/lunar-date.ts';
import { isMasked } from '../../../../shared/masking.ts';
import type { FieldErrors } from '../../app/validation.ts';
import type { CustomerValues } from './draft.ts';
import { lunarDateProblem } from './lunar.ts';

// The customer form's checks beyond the contract's schema, as you type.

/**
 * Masked values as they came from the core and are still unchanged: shown read-only (there is
 * nothing to edit) and not checked here, since `138****1234` is no phone number; the core keeps the
 * stored value when it gets the masked text back.
 */
export function maskedPaths(original: Customer | null, values: CustomerValues): ReadonlySet<string> {
  const paths = new Set<string>();
  if (!original) return paths;
  for (const key of ['phone', 'email'] as const) {
    if (isMasked(original[key]) && values[key] === original[key]) paths.add(key);
  }
  values.contacts.forEach((contact, index) => {
    const stored = original.contacts.find((c) => c.id === contact.id);
    if (!stored) return;
    // WeChat IDs are masked like phone numbers.
    for (const key of ['phone', 'mobile', 'email', 'wechat'] as const) {
      if (isMasked(stored[key]) && contact[key] === stored[key]) paths.add(`contacts.${index}.${key}`);
    }
  });
  return paths;
}

/**
 * The core's calendar check of a lunar birthday (the customer's and each contact's), as you type. A
 * date kept as stored is not checked (the core does not either: dates saved before leap months were
 * told apart may lack a day).
 */
export function lunarBirthdayErrors(original: Customer | null, values: CustomerValues): FieldErrors {
  const errors: FieldErrors = {};
  const check = (path: string, birthday: string, stored: { birthday: string; birthdayCalendar: string } | undefined) => {
    if (stored && stored.birthdayCalendar === 'lunar' && stored.birthday === birthday) return;
    const date = parseLunarDate(birthday);
    const problem = date ? lunarDateProblem(date) : null;
    if (problem) errors[path] = { message: problem };
  };
  if (values.birthdayCalendar === 'lunar') check('birthday', values.birthday, original ?? undefined);
  values.contacts.forEach((contact, index) => {
    if (contact.birthdayCalendar !== 'lunar') return;
    check(`contacts.${index}.birthday`, contact.birthday, original?.contacts.find((c) => c.id === contact.id));
  });
  return errors;
}
