// Customer care (客户关怀): the birthdays of customers (a company's founding day) and of their
// contacts, Gregorian or lunar, and contracts' signing anniversaries, day by day over a window
// (lunar ones on this year's Gregorian day: areas/care/occasions.ts); and care notes ("sent a
// gift", "called"), which the customer's timeline shows (kind 'care'). A caller sees the occasions
// and notes of the customers they may see (live, in their scope when the staff-scope setting is on).
// Permissions are the customers' own: read to list, write to note, delete to delete and restore a
// note (staff only the notes they created). Every note carries `actions`.
import { z } from 'zod';
import { defineArea } from './area.ts';
import { CALENDARS, Id } from './customers.ts';
import { method } from './method.ts';
import { DayInRange, InstantInRange } from './records.ts';
import { customerActions, type Role } from '../roles.ts';

/** What an upcoming occasion is: a person's birthday, a company's founding day, a contact's birthday, a contract's signing day. */
export const OCCASION_KINDS = ['birthday', 'founding', 'contactBirthday', 'contractAnniversary'] as const;
export type OccasionKind = (typeof OCCASION_KINDS)[number];

/** What a care note answers (a contact's birthday is 'birthday' with the contact). */
export const CARE_NOTE_OCCASIONS = ['birthday', 'founding', 'contractAnniversary', 'holiday', 'other'] as const;
export type CareNoteOccasion = (typeof CARE_NOTE_OCCASIONS)[number];

/** The care note's occasion for an upcoming occasion's kind. */
export const NOTE_OCCASION_OF: Record<OccasionKind, CareNoteOccasion> = {
  birthday: 'birthday',
  founding: 'founding',
  contactBirthday: 'birthday',
  contractAnniversary: 'contractAnniversary',
};

/** The longest window care.upcoming looks at, in days. */
export const UPCOMING_DAYS_MAX = 31;
export const CARE_NOTE_MAX = 2000;

export const Occasion = z.object({
  kind: z.enum(OCCASION_KINDS),
  /** The Gregorian day (YYYY-MM-DD) it is celebrated on this time (a lunar date converted). */
  day: z.string(),
  customerId: Id,
  customerName: z.string(),
  customerCode: z.string(),
  /** Who is responsible for the customer (customers.owner_id), and their name. */
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  /** contactBirthday only (null otherwise). */
  contactId: Id.nullable(),
  contactName: z.string().nullable(),
  /** contractAnniversary only (null otherwise). */
  contractId: Id.nullable(),
  contractNumber: z.string().nullable(),
  /** The stored date's calendar (a contract's signing day is Gregorian). */
  calendar: z.enum(CALENDARS),
  /** The stored text: a birthday as stored (shared/lunar-date.ts for lunar ones), a signing day. */
  original: z.string(),
  /** The age or the years since founding or signing (lunar years for lunar dates); null when the year is not known. */
  years: z.number().int().nullable(),
  /** A live care note answers this occasion on this day. */
  noted: z.boolean(),
});
export type Occasion = z.infer<typeof Occasion>;

export const UpcomingQuery = z.object({
  /** The first day (the shop's local day). */
  from: DayInRange,
  /** How many days from `from` (included). */
  days: z.number().int().min(1).max(UPCOMING_DAYS_MAX),
  /** Only the customers this staff member is responsible for; null: everyone the caller sees. */
  staffId: Id.nullable().default(null),
});
export type UpcomingQueryInput = z.input<typeof UpcomingQuery>;

const noControl = (s: string) => !/[\p{Cc}\u2028\u2029]/u.test(s.replace(/[\n\r\t]/g, ''));

function checkNoteFields(draft: { occasion: CareNoteOccasion; contactId?: number | null; contractId?: number | null }, ctx: z.RefinementCtx): void {
  if (draft.occasion === 'contractAnniversary' && (draft.contractId ?? null) === null) ctx.addIssue({ code: 'custom', path: ['contractId'], message: 'required' });
}

export const CareNoteDraft = z
  .object({
    customerId: Id,
    /** One of the customer's contacts (a contact's birthday), else null. */
    contactId: Id.nullable().default(null),
    /** One of the customer's contracts (required for a contract anniversary), else null. */
    contractId: Id.nullable().default(null),
    occasion: z.enum(CARE_NOTE_OCCASIONS),
    /** The occasion's day this note answers (what makes an occasion `noted`). */
    onDay: DayInRange,
    note: z.string().trim().min(1).max(CARE_NOTE_MAX).refine(noControl, { message: 'controlCharacter' }),
    /** When the care was given (default: now). */
    at: InstantInRange.optional(),
    /** Who gave it: an active user (default: the caller). */
    staffId: Id.nullable().optional(),
  })
  .superRefine(checkNoteFields);
export type CareNoteDraftInput = z.input<typeof CareNoteDraft>;
export type CareNoteDraftValue = z.output<typeof CareNoteDraft>;

export const CareNoteActions = z.object({ delete: z.boolean(), restore: z.boolean() });
export type CareNoteActions = z.infer<typeof CareNoteActions>;

export const CareNote = z.object({
  id: Id,
  customerId: Id,
  customerName: z.string(),
  customerCode: z.string(),
  contactId: Id.nullable(),
  contactName: z.string().nullable(),
  contractId: Id.nullable(),
  contractNumber: z.string().nullable(),
  occasion: z.enum(CARE_NOTE_OCCASIONS),
  onDay: z.string(),
  at: z.number(),
  staffId: Id.nullable(),
  staffName: z.string().nullable(),
  note: z.string(),
  createdBy: Id.nullable(),
  createdAt: z.number(),
  deletedAt: z.number().nullable(),
  version: z.number().int(),
  actions: CareNoteActions,
});
export type CareNote = z.infer<typeof CareNote>;

const IdInput = z.object({ id: Id });
const IdVersion = z.object({ id: Id, version: z.number().int().min(1) });

export const care = {
  /** The occasions of `days` days from `from`, by day (then customer), each once per day it falls on. */
  'care.upcoming': method({ input: UpcomingQuery, output: z.array(Occasion), permission: 'customers.read' }),
  /** One note, also one in the recycle bin (deletedAt set). */
  'care.getNote': method({ input: IdInput, output: CareNote, permission: 'customers.read' }),
  /**
   * A customer the caller does not see, a contact or contract not the customer's, an inactive staff
   * member: VALIDATION with reason 'customer', 'contact', 'contract' or 'staff'.
   */
  'care.addNote': method({ input: CareNoteDraft, output: CareNote, permission: 'customers.write' }),
  'care.deleteNote': method({ input: IdVersion, output: z.object({ id: Id }), permission: 'customers.delete' }),
  'care.restoreNote': method({ input: IdInput, output: CareNote, permission: 'customers.delete' }),
};

export const careArea = defineArea({
  methods: care,
  auditEntities: ['careNote'],
  auditActions: ['care.note', 'care.delete', 'care.restore'],
});

/** What the caller may do with a note they see: the customers' rule (staff delete and restore only what they created). */
export function careNoteActions(caller: { userId: number; role: Role }, note: { createdBy: number | null; deletedAt: number | null }): CareNoteActions {
  const rule = customerActions(caller, { createdBy: note.createdBy });
  return { delete: rule.delete && note.deletedAt === null, restore: rule.delete && note.deletedAt !== null };
}
