import { z } from 'zod';
import { defineArea } from './area.ts';
import { method } from './method.ts';
import { isMasked } from '../masking.ts';
import { LUNAR_DATE_MAX_LENGTH, parseLunarDate } from '../lunar-date.ts';
import { SearchText } from '../search-query.ts';

export const CUSTOMER_KINDS = ['company', 'person'] as const;
export const STAGES = ['lead', 'new', 'active', 'dormant', 'lost'] as const;
/** Listed from most to least important: the order of "sort by grade". */
export const GRADES = ['vip', 'key', 'normal', 'potential'] as const;
export const SIZES = ['micro', 'small', 'medium', 'large'] as const;
export const CALENDARS = ['gregorian', 'lunar'] as const;
export const SORTS = ['name', 'updated', 'grade', 'code', 'region', 'stage'] as const;
/** Where a grade history row came from: by hand, a grading proposal (by its rule's kind: areas/grading), an import, a merge. */
export const GRADE_SOURCES = ['manual', 'abc', 'rfm', 'import', 'merge'] as const;
export type GradeSource = (typeof GRADE_SOURCES)[number];

export type Stage = (typeof STAGES)[number];
export type Grade = (typeof GRADES)[number];

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).default('');
const DATE_FORM = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real Gregorian day as YYYY-MM-DD. */
export function isGregorianDate(text: string): boolean {
  return DATE_FORM.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
}

/** A lunar date in its text form (shared/lunar-date.ts): leap months marked, the year optional. */
export function isLunarDate(text: string): boolean {
  return parseLunarDate(text) !== null;
}

/** YYYY-MM-DD, a real Gregorian day. */
export const CalendarDate = z.string().refine(isGregorianDate, { message: 'date' });
/** Phone numbers as people type them: digits with spaces, dashes, brackets, a leading +, an extension. */
export const Phone = z
  .string()
  .trim()
  .max(40)
  // A masked number (138****1234) is accepted only so a role that sees it masked can send it back
  // unchanged; the core keeps the stored number then and refuses any other masked text.
  .refine((s) => s === '' || isMasked(s) || (/^[+]?[\d\s\-().]+(\s*(ext|x|转)\s*\d+)?$/i.test(s) && (s.match(/\d/g)?.length ?? 0) >= 3), {
    message: 'phone',
  });
export const Email = z.union([z.literal(''), z.email({ message: 'email' }).max(200), z.string().regex(/^.\*\*\*@[^@\s]+$/, { message: 'email' })]);
const Website = z
  .string()
  .trim()
  .max(300)
  .refine((s) => s === '' || /^(https?:\/\/)?[\w-]+(\.[\w-]+)+(\S*)$/i.test(s), { message: 'website' });
export const Id = z.number().int().positive();
const Tag = z.string().trim().min(1).max(40);

export const ContactDraft = z.object({
  id: Id.optional(),
  name: z.string().trim().min(1).max(100),
  title: optionalText(100),
  phone: Phone.default(''),
  mobile: Phone.default(''),
  email: Email.default(''),
  wechat: optionalText(100),
  decisionMaker: z.boolean().default(false),
  /** Gregorian YYYY-MM-DD or a lunar date (shared/lunar-date.ts), per `birthdayCalendar`; checked with the customer's draft. */
  birthday: z.string().trim().max(LUNAR_DATE_MAX_LENGTH).default(''),
  birthdayCalendar: z.enum(CALENDARS).default('gregorian'),
});
export type ContactDraft = z.input<typeof ContactDraft>;

/**
 * A customer's own fields: what its row in the database keeps, each in the column of the same name
 * in snake_case (electron/core/areas/customers/fields.ts). The draft adds its tags and contacts.
 */
export const CustomerFields = z.object({
  kind: z.enum(CUSTOMER_KINDS).default('company'),
  name: z.string().trim().min(1).max(200),
  industry: optionalText(100),
  region: optionalText(100),
  address: optionalText(500),
  phone: Phone.default(''),
  email: Email.default(''),
  website: Website.default(''),
  source: optionalText(100),
  size: z.enum(SIZES).nullable().default(null),
  stage: z.enum(STAGES).default('lead'),
  grade: z.enum(GRADES).default('normal'),
  /**
   * The responsible staff member. Left out: on create, the creator when their role can own
   * customers (else none); on update, unchanged. null: nobody.
   */
  ownerId: Id.nullable().optional(),
  birthday: z.string().trim().max(LUNAR_DATE_MAX_LENGTH).default(''),
  birthdayCalendar: z.enum(CALENDARS).default('gregorian'),
  notes: optionalText(20_000),
});

export const CustomerDraft = CustomerFields.extend({
  tags: z.array(Tag).max(50).default([]),
  contacts: z.array(ContactDraft).max(200).default([]),
}).superRefine((draft, ctx) => {
  // The birthday (or founding date) is checked against its own calendar: lunar 2-30 exists. Whether
  // that year has that leap month, or that month a 30th day, the core asks the calendar library.
  // Contacts' birthdays likewise.
  checkBirthday(draft.birthday, draft.birthdayCalendar, ['birthday'], ctx);
  draft.contacts.forEach((contact, index) => checkBirthday(contact.birthday, contact.birthdayCalendar, ['contacts', index, 'birthday'], ctx));
});

function checkBirthday(birthday: string, calendar: (typeof CALENDARS)[number], path: (string | number)[], ctx: z.RefinementCtx): void {
  if (birthday === '') return;
  if (calendar === 'lunar') {
    if (!isLunarDate(birthday)) ctx.addIssue({ code: 'custom', path, message: 'lunarDate' });
  } else if (!isGregorianDate(birthday)) ctx.addIssue({ code: 'custom', path, message: 'date' });
}
export type CustomerDraftInput = z.input<typeof CustomerDraft>;
export type CustomerDraftValue = z.output<typeof CustomerDraft>;

/** A contact as stored and given back: the draft's fields (the input rules held when it was saved), with its id. */
export const Contact = ContactDraft.extend({ id: Id });
export type Contact = z.infer<typeof Contact>;

/** What the caller may do with this customer (shared/roles.ts customerActions; the core enforces the same rule). */
export const CustomerActions = z.object({ edit: z.boolean(), delete: z.boolean(), purge: z.boolean() });

/** A customer as given back: its own fields as the draft has them, and what the core keeps about it. */
export const Customer = z.object({
  id: Id,
  code: z.string(),
  ...CustomerFields.shape,
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  tags: z.array(z.string()),
  contacts: z.array(Contact),
  /** Newest first. `source` abc/rfm with `proposalId`: "suggested by ABC, accepted by byName". */
  gradeHistory: z.array(z.object({ grade: z.enum(GRADES), at: z.number(), byName: z.string().nullable(), source: z.enum(GRADE_SOURCES), proposalId: Id.nullable() })),
  createdAt: z.number(),
  updatedAt: z.number(),
  deletedAt: z.number().nullable(),
  version: z.number().int(),
  actions: CustomerActions,
});
export type Customer = z.infer<typeof Customer>;

/** A customer in a list: the columns the list shows. */
export const CustomerRow = Customer.pick({
  id: true,
  code: true,
  kind: true,
  name: true,
  industry: true,
  region: true,
  phone: true,
  stage: true,
  grade: true,
  ownerName: true,
  updatedAt: true,
  deletedAt: true,
  actions: true,
});
export type CustomerRow = z.infer<typeof CustomerRow>;

export const CustomerFilters = z.object({
  grade: z.enum(GRADES).optional(),
  industry: text(100).optional(),
  region: text(100).optional(),
  stage: z.enum(STAGES).optional(),
  ownerId: Id.optional(),
  /** Only customers with no responsible staff member. */
  noOwner: z.literal(true).optional(),
  tag: text(40).optional(),
  /** What was typed into search: every customer search.query counts ("see all results"). */
  q: SearchText.optional(),
  /** Created on or after this local day (the dashboard's new customers). */
  createdFrom: CalendarDate.optional(),
  /** Created on or before this local day. */
  createdTo: CalendarDate.optional(),
  /** Due a return visit on or before this local day: last contact's day + the grade's cadence (Today's return visits; staff performance). */
  returnDueBy: CalendarDate.optional(),
});
export type CustomerFilters = z.infer<typeof CustomerFilters>;

export const CustomerQuery = CustomerFilters.extend({
  sort: z.enum(SORTS).default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  /** Opaque keyset cursor from the previous page's `nextCursor`. */
  cursor: z.string().max(2000).nullable().default(null),
  limit: z.number().int().min(1).max(100).default(50),
});
export type CustomerQueryInput = z.input<typeof CustomerQuery>;

export const CustomerPage = z.object({ rows: z.array(CustomerRow), nextCursor: z.string().nullable() });
export type CustomerPage = z.infer<typeof CustomerPage>;

export const DeletedQuery = z.object({
  cursor: z.string().max(2000).nullable().default(null),
  limit: z.number().int().min(1).max(100).default(50),
});

const IdInput = z.object({ id: Id });

export const customers = {
  'customers.list': method({ input: CustomerQuery, output: CustomerPage, permission: 'customers.read' }),
  'customers.count': method({ input: CustomerFilters, output: z.object({ count: z.number().int() }), permission: 'customers.read' }),
  'customers.facets': method({
    input: z.object({}),
    output: z.object({ industries: z.array(z.string()), regions: z.array(z.string()), tags: z.array(z.string()) }),
    permission: 'customers.read',
  }),
  'customers.get': method({ input: IdInput, output: Customer, permission: 'customers.read' }),
  'customers.create': method({ input: CustomerDraft, output: Customer, permission: 'customers.write' }),
  'customers.update': method({
    input: CustomerDraft.extend({ id: Id, version: z.number().int().min(1) }),
    output: Customer,
    permission: 'customers.write',
  }),
  'customers.delete': method({
    input: z.object({ id: Id, version: z.number().int().min(1) }),
    output: z.object({ id: Id }),
    permission: 'customers.delete',
  }),
  'customers.restore': method({ input: IdInput, output: Customer, permission: 'customers.delete' }),
  'customers.listDeleted': method({ input: DeletedQuery, output: CustomerPage, permission: 'customers.delete' }),
  /**
   * Live customers with no responsible staff member (staff scoped to their own customers would not
   * see them), and how many of those were created by someone who can own customers.
   */
  'customers.unassigned': method({
    input: z.object({}),
    output: z.object({ count: z.number().int(), withCreator: z.number().int() }),
    permission: 'settings.manage',
  }),
  /**
   * Gives every live customer without a responsible staff member one: its creator where the
   * creator is an active user who can own customers, the rest `othersTo` (null: left unassigned).
   */
  'customers.assignUnassigned': method({
    input: z.object({ othersTo: Id.nullable() }),
    output: z.object({ toCreator: z.number().int(), toOthers: z.number().int(), remaining: z.number().int() }),
    permission: 'settings.manage',
  }),
  /** Permanently removes a customer that is in the recycle bin, with its contacts and tags. */
  'customers.purge': method({ input: IdInput, output: z.object({ id: Id }), permission: 'customers.purge' }),
};

export const customersArea = defineArea({ methods: customers, auditEntities: ['customer'], auditActions: ['customer.create', 'customer.update', 'customer.delete', 'customer.restore', 'customer.purge', 'customer.assignOwners'] });
