// One row of the file → what it says about a customer (only the cells it has: an empty cell says
// nothing, so an update never blanks a field), checked by the very schema the customer form is
// checked by (CustomerDraft): an import can never store what the form would refuse.
import type { z } from 'zod';
import { CustomerDraft, type ContactDraft } from '../../../../shared/api/customers.ts';
import { IMPORT_MAX_CELL, IMPORT_ROW_CODES, type ImportRowCode, type ImportRowError, type Mapping } from '../../../../shared/api/imports.ts';
import { birthdayCell, cellText, emailCell, gradeCell, kindCell, phoneCell, sizeCell, stageCell, tagsCell, websiteCell, type Birthday, type Cell, type RawCell } from './cells.ts';

type Draft = z.output<typeof CustomerDraft>;
type ContactValues = z.output<typeof ContactDraft>;

/** A customer field an import row may set (the draft's own fields that IMPORT_FIELDS names). */
export const ROW_CUSTOMER_FIELDS = ['name', 'kind', 'industry', 'region', 'address', 'phone', 'email', 'website', 'grade', 'stage', 'size', 'source', 'notes', 'birthday', 'birthdayCalendar'] as const;
export type RowCustomerField = (typeof ROW_CUSTOMER_FIELDS)[number];
const CONTACT_OF = { contactName: 'name', contactTitle: 'title', contactMobile: 'mobile', contactPhone: 'phone', contactEmail: 'email', contactWechat: 'wechat', contactBirthday: 'birthday' } as const;
type RowContactField = keyof typeof CONTACT_OF;

/** What one row says: the fields it gives (checked), its tags, its contact, its responsible staff member's user name. */
export type RowValues = {
  /** The whole checked draft (defaults filled in): what a create stores. */
  draft: Draft;
  fields: Partial<Pick<Draft, RowCustomerField>>;
  tags: string[];
  contact: Omit<ContactValues, 'id'> | null;
  ownerUsername: string;
};

export type Checked = { ok: true; values: RowValues } | { ok: false; errors: ImportRowError[] };

export type SourceRow = { row: number; cells: string[]; raw?: readonly RawCell[] };

function cellOf(row: SourceRow, mapping: Mapping, field: string): { text: string; raw: RawCell | undefined } {
  const column = mapping.columns[field];
  if (column === null || column === undefined) return { text: '', raw: undefined };
  // The export's formula mark comes off first: `'+86 138…` is the phone +86 138….
  return { text: cellText((row.cells[column] ?? '').trim()), raw: row.raw?.[column] };
}

const PARSERS: Partial<Record<string, (text: string, raw?: RawCell) => Cell<unknown>>> = {
  kind: kindCell,
  grade: gradeCell,
  stage: stageCell,
  size: sizeCell,
  phone: phoneCell,
  email: emailCell,
  website: websiteCell,
  birthday: birthdayCell,
  contactMobile: phoneCell,
  contactPhone: phoneCell,
  contactEmail: emailCell,
  contactBirthday: birthdayCell,
};

function codeOfIssue(issue: z.core.$ZodIssue): ImportRowCode {
  if ((IMPORT_ROW_CODES as readonly string[]).includes(issue.message)) return issue.message as ImportRowCode; // one of ours, checked just above
  if (issue.code === 'too_big') return 'tooLong';
  if (issue.code === 'too_small') return 'required';
  return 'invalid';
}

function fieldOfPath(path: readonly PropertyKey[]): string {
  const [head, , sub] = path;
  if (head === 'contacts') return Object.entries(CONTACT_OF).find(([, name]) => name === sub)?.[0] ?? 'contactName';
  return String(head ?? '');
}

/** The row's cells for `mapping`, parsed and checked; every problem of the row, each on its field. */
export function checkRow(row: SourceRow, mapping: Mapping): Checked {
  const errors: ImportRowError[] = [];
  const given: Record<string, unknown> = {};
  const texts: Record<string, string> = {};
  for (const field of [...ROW_CUSTOMER_FIELDS, ...(Object.keys(CONTACT_OF) as RowContactField[]), 'tags', 'ownerUsername']) {
    const { text, raw } = cellOf(row, mapping, field);
    texts[field] = text;
    if (text.length > IMPORT_MAX_CELL) {
      errors.push({ row: row.row, field, code: 'tooLong', value: text.slice(0, 200) });
      continue;
    }
    const parser = PARSERS[field];
    const parsed = parser ? parser(text, raw) : { ok: true as const, value: text };
    if (!parsed.ok) errors.push({ row: row.row, field, code: parsed.code, value: text.slice(0, 200) });
    else if (parsed.value !== '' && parsed.value !== null) given[field] = parsed.value;
  }
  // A birthday cell names its calendar (`农历 2020-04L-03`): the date and the calendar go together.
  const birthday = given.birthday as Birthday | undefined;
  if (birthday) Object.assign(given, { birthday: birthday.date, birthdayCalendar: birthday.calendar });
  const contactBirthday = given.contactBirthday as Birthday | undefined;
  if (contactBirthday) given.contactBirthday = contactBirthday.date;
  const tags = tagsCell(texts.tags ?? '');
  const tagList = tags.ok ? tags.value : [];
  const fields = Object.fromEntries(ROW_CUSTOMER_FIELDS.filter((field) => field in given).map((field) => [field, given[field]]));
  const contactGiven = Object.keys(CONTACT_OF).some((field) => field in given);
  // A contact with a phone but no name takes the customer's name (a person's own mobile, typically).
  const contact = contactGiven
    ? {
        ...Object.fromEntries(Object.entries(CONTACT_OF).map(([field, name]) => [name, given[field] ?? (field === 'contactName' ? (given.name ?? '') : '')])),
        ...(contactBirthday ? { birthdayCalendar: contactBirthday.calendar } : {}),
      }
    : null;
  if (!('name' in given) && !errors.some((e) => e.field === 'name')) errors.push({ row: row.row, field: 'name', code: 'required', value: '' });
  const parsed = CustomerDraft.safeParse({ ...fields, name: given.name ?? '-', tags: tagList, contacts: contact ? [contact] : [] });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfPath(issue.path);
      if (field === 'name' && !('name' in given)) continue; // said above
      if (!errors.some((e) => e.field === field)) errors.push({ row: row.row, field, code: codeOfIssue(issue), value: (texts[field] ?? '').slice(0, 200) });
    }
  }
  if (errors.length > 0 || !parsed.success) return { ok: false, errors };
  const draft = parsed.data;
  const checkedFields = Object.fromEntries(Object.keys(fields).map((field) => [field, draft[field as RowCustomerField]])) as RowValues['fields'];
  const { id: _id, ...checkedContact } = draft.contacts[0] ?? { id: undefined };
  return {
    ok: true,
    values: { draft, fields: checkedFields, tags: draft.tags, contact: contact ? (checkedContact as RowValues['contact']) : null, ownerUsername: texts.ownerUsername ?? '' },
  };
}
