// Contacts' lunar birthdays are checked in the customer form as the customer's is (issue 11): a
// leap month the year lacks, a day 30 in a 29-day month, each on its contact's own field; a date
// kept as stored is not checked again, and Gregorian contacts are left to the schema.
import { describe, expect, it } from 'vitest';
import { lunarBirthdayErrors } from '../../renderer/src/features/customers/customer-form-checks.ts';
import { emptyContact, emptyCustomer, type CustomerValues } from '../../renderer/src/features/customers/draft.ts';

const withContacts = (...birthdays: [string, 'gregorian' | 'lunar'][]): CustomerValues => ({
  ...emptyCustomer(),
  name: '上海长江贸易有限公司',
  contacts: birthdays.map(([birthday, birthdayCalendar], i) => ({ ...emptyContact(), name: `联系人${i}`, birthday, birthdayCalendar })),
});

describe("contacts' lunar birthdays in the customer form", () => {
  it('names the problem on each contact that has one', () => {
    // 2025 has a leap 6th month, not a leap 4th; lunar 2025-02 has 29 days.
    const values = withContacts(['2025-04L-03', 'lunar'], ['1986-10-27', 'lunar'], ['2025-02-30', 'lunar'], ['1990-10-27', 'gregorian']);
    expect(Object.keys(lunarBirthdayErrors(null, values)).sort()).toEqual(['contacts.0.birthday', 'contacts.2.birthday']);
  });

  it('leaves a contact alone whose lunar birthday is kept as stored', () => {
    const values = withContacts(['2025-04L-03', 'lunar']);
    const stored = { ...values.contacts[0]!, id: 7 };
    values.contacts[0] = stored;
    const original = { contacts: [{ id: 7, birthday: '2025-04L-03', birthdayCalendar: 'lunar' }] } as unknown as Parameters<typeof lunarBirthdayErrors>[0]; // only the contacts are read
    expect(lunarBirthdayErrors(original, values)).toEqual({});
  });
});
