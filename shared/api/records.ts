// Service records (服务记录) and communication records (沟通记录) of customers: what we did with a
// customer, when, by whom, what was said. One table for both kinds (the columns only one kind has
// are null on the other); a communication may name a follow-up day, listed by "Follow-ups due"
// until it is marked done. A caller sees the records of the customers they may see (the
// staff-scope setting); permissions are the customers' own (read, write, delete, purge), and
// staff delete and restore only what they created. Every row carries `actions`, what the core would
// allow this caller, so the UI offers only those.
import { z } from 'zod';
import { defineArea } from './area.ts';
import { CalendarDate, Id, isGregorianDate } from './customers.ts';
import { method } from './method.ts';
import { customerActions, type Role } from '../roles.ts';
import { localDay } from '../contract-status.ts';

export const RECORD_KINDS = ['service', 'communication'] as const;
export const RECORD_PHASES = ['presale', 'insale', 'aftersale'] as const;
export const SERVICE_KINDS = ['installation', 'repair', 'maintenance', 'consultation', 'training', 'other'] as const;
export const RECORD_STATUSES = ['open', 'done'] as const;
export const RECORD_CHANNELS = ['phone', 'email', 'meeting', 'visit', 'wechat', 'other'] as const;
export const RECORD_SOURCES = ['app', 'visit', 'import'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
export type RecordPhase = (typeof RECORD_PHASES)[number];
export type ServiceKind = (typeof SERVICE_KINDS)[number];
export type RecordStatus = (typeof RECORD_STATUSES)[number];
export type RecordChannel = (typeof RECORD_CHANNELS)[number];
export type RecordSource = (typeof RECORD_SOURCES)[number];

export const RECORD_CONTENT_MAX = 20_000;
export const RECORD_PARTICIPANTS_MAX = 50;
export const PARTICIPANT_NAME_MAX = 100;
/** How long a service may take, in minutes (31 days). */
export const RECORD_DURATION_MAX = 31 * 24 * 60;
/** How many characters of a record's texts the search box indexes (DESIGN.md: cap long free text). */
export const RECORD_SEARCH_CHARS = 200;
/** How many characters of the content a list row carries. */
export const RECORD_EXCERPT_CHARS = 200;
/** "Follow-ups due" looks this many days ahead of today unless told otherwise. */
export const FOLLOW_UP_HORIZON_DAYS = 7;

/** The first and last instants (and days) a record may have: 1970-01-01 to 2100-12-31, UTC. */
export const EARLIEST_AT = 0;
export const LATEST_AT = Date.UTC(2101, 0, 1) - 1;
export const EARLIEST_DAY = '1970-01-01';
export const LATEST_DAY = '2100-12-31';

/** An instant (ms since 1970) between 1970 and 2100; outside that a typo, refused with reason 'dateRange'. */
export const InstantInRange = z.number().int().refine((ms) => ms >= EARLIEST_AT && ms <= LATEST_AT, { message: 'dateRange' });
/** A calendar day (YYYY-MM-DD) between 1970-01-01 and 2100-12-31 (reason 'dateRange' outside). */
export const DayInRange = CalendarDate.refine((day) => day >= EARLIEST_DAY && day <= LATEST_DAY, { message: 'dateRange' });

const noControl = (s: string) => !/[\p{Cc}\u2028\u2029]/u.test(s.replace(/[\n\r\t]/g, ''));
const LongText = z.string().trim().max(RECORD_CONTENT_MAX).refine(noControl, { message: 'controlCharacter' });

/**
 * Who took part in a communication: one of the customer's contacts, one of our users, or a name
 * alone (someone not on file, or a contact removed since: the name as it was).
 */
export const ParticipantDraft = z.union([
  z.object({ contactId: Id }),
  z.object({ userId: Id }),
  z.object({ name: z.string().trim().min(1).max(PARTICIPANT_NAME_MAX).refine(noControl, { message: 'controlCharacter' }) }),
]);
export type ParticipantDraft = z.infer<typeof ParticipantDraft>;

/** A record's fields, without the checks across them (RecordDraft); visits.complete picks from these. */
export const RecordFields = z.object({
  customerId: Id,
  kind: z.enum(RECORD_KINDS),
  /** When it happened, ms since 1970. */
  at: InstantInRange,
  /** Our staff member who did it (service) or led it (communication): an active user, or nobody. */
  staffId: Id.nullable().default(null),
  content: LongText.pipe(z.string().min(1)),
  // Service records only (null on a communication).
  phase: z.enum(RECORD_PHASES).nullable().default(null),
  serviceKind: z.enum(SERVICE_KINDS).nullable().default(null),
  status: z.enum(RECORD_STATUSES).nullable().default(null),
  /** One of this customer's contracts. */
  contractId: Id.nullable().default(null),
  durationMinutes: z.number().int().min(0).max(RECORD_DURATION_MAX).nullable().default(null),
  result: LongText.default(''),
  feedback: LongText.default(''),
  // Communication records only (null on a service record).
  channel: z.enum(RECORD_CHANNELS).nullable().default(null),
  followUpOn: DayInRange.nullable().default(null),
  participants: z.array(ParticipantDraft).max(RECORD_PARTICIPANTS_MAX).default([]),
  agreements: LongText.default(''),
});
export type RecordFieldValues = z.output<typeof RecordFields>;

const SERVICE_ONLY = ['phase', 'serviceKind', 'status', 'contractId'] as const;
const COMMUNICATION_ONLY = ['channel', 'followUpOn'] as const;

/**
 * The checks across fields (the table's CHECKs, said as reasons): a service record needs phase,
 * kind of service and status and has no channel or follow-up; a communication needs a channel and
 * has none of the service fields. A follow-up is not before the day it happened (when `at` is known).
 */
export function checkRecordFields(
  draft: Pick<RecordFieldValues, 'kind' | (typeof SERVICE_ONLY)[number] | (typeof COMMUNICATION_ONLY)[number]> & { at?: number },
  ctx: z.RefinementCtx,
): void {
  const [needed, forbidden] = draft.kind === 'service' ? [['phase', 'serviceKind', 'status'] as const, COMMUNICATION_ONLY] : [['channel'] as const, SERVICE_ONLY];
  for (const field of needed) if (draft[field] === null) ctx.addIssue({ code: 'custom', path: [field], message: 'required' });
  for (const field of forbidden) if (draft[field] !== null) ctx.addIssue({ code: 'custom', path: [field], message: 'recordKind' });
  // Only between dates that are valid themselves (a date refused for its own sake says so once).
  const { followUpOn: day, at } = draft;
  if (day === null || at === undefined || !isGregorianDate(day) || day < EARLIEST_DAY || day > LATEST_DAY || at < EARLIEST_AT || at > LATEST_AT) return;
  if (day < localDay(at)) {
    ctx.addIssue({ code: 'custom', path: ['followUpOn'], message: 'followUpOrder' });
  }
}

export const RecordDraft = RecordFields.superRefine(checkRecordFields);
export type RecordDraftInput = z.input<typeof RecordDraft>;
export type RecordDraftValue = z.output<typeof RecordDraft>;

export const RecordUpdate = RecordFields.omit({ customerId: true })
  .extend({ id: Id, version: z.number().int().min(1) })
  .superRefine(checkRecordFields);
export type RecordUpdateInput = z.input<typeof RecordUpdate>;

/** What the caller may do with this record (the core refuses exactly what this says no to). */
export const RecordActions = z.object({
  edit: z.boolean(),
  delete: z.boolean(),
  restore: z.boolean(),
  purge: z.boolean(),
  /** Mark its follow-up done: it has an open follow-up and the caller may edit it. */
  followUpDone: z.boolean(),
});
export type RecordActions = z.infer<typeof RecordActions>;

export const Participant = z.object({ contactId: Id.nullable(), userId: Id.nullable(), name: z.string() });
export type Participant = z.infer<typeof Participant>;

export const RecordDetail = z.object({
  id: Id,
  customerId: Id,
  customerName: z.string(),
  customerCode: z.string(),
  kind: z.enum(RECORD_KINDS),
  at: z.number(),
  staffId: Id.nullable(),
  staffName: z.string().nullable(),
  content: z.string(),
  phase: z.enum(RECORD_PHASES).nullable(),
  serviceKind: z.enum(SERVICE_KINDS).nullable(),
  status: z.enum(RECORD_STATUSES).nullable(),
  contractId: Id.nullable(),
  contractNumber: z.string().nullable(),
  contractTitle: z.string().nullable(),
  durationMinutes: z.number().int().nullable(),
  result: z.string(),
  feedback: z.string(),
  channel: z.enum(RECORD_CHANNELS).nullable(),
  followUpOn: z.string().nullable(),
  followUpDoneAt: z.number().nullable(),
  participants: z.array(Participant),
  agreements: z.string(),
  /** The visit this record completed, and where it came from. */
  visitId: Id.nullable(),
  source: z.enum(RECORD_SOURCES),
  createdBy: Id.nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  deletedAt: z.number().nullable(),
  version: z.number().int(),
  actions: RecordActions,
});
export type RecordDetail = z.infer<typeof RecordDetail>;
/** The same, by the name the agreement gave it (it hides TypeScript's Record<K, V> where imported). */
export type Record = RecordDetail;

export const RecordRow = RecordDetail.pick({
  id: true,
  customerId: true,
  customerName: true,
  customerCode: true,
  kind: true,
  at: true,
  staffId: true,
  staffName: true,
  phase: true,
  serviceKind: true,
  status: true,
  channel: true,
  followUpOn: true,
  followUpDoneAt: true,
  visitId: true,
  source: true,
  deletedAt: true,
  version: true,
  actions: true,
}).extend({
  /** The first RECORD_EXCERPT_CHARS characters of the content. */
  excerpt: z.string(),
});
export type RecordRow = z.infer<typeof RecordRow>;

export const FollowUpRow = RecordRow.extend({
  /** The follow-up day is before today. */
  overdue: z.boolean(),
});
export type FollowUpRow = z.infer<typeof FollowUpRow>;

const Cursor = z.string().max(2000).nullable().default(null);
const Limit = z.number().int().min(1).max(100).default(50);

export const RecordQuery = z.object({
  kind: z.enum(RECORD_KINDS).optional(),
  staffId: Id.optional(),
  customerId: Id.optional(),
  /** The shop's local days it happened on, both included. */
  from: DayInRange.optional(),
  to: DayInRange.optional(),
  after: Cursor,
  limit: Limit,
});
export type RecordQueryInput = z.input<typeof RecordQuery>;

export const RecordPage = z.object({ rows: z.array(RecordRow), next: z.string().nullable() });
export type RecordPage = z.infer<typeof RecordPage>;

export const FollowUpQuery = z.object({
  /** Follow-ups on or before this day (default: today + FOLLOW_UP_HORIZON_DAYS); overdue ones always included. */
  until: DayInRange.optional(),
  staffId: Id.optional(),
  customerId: Id.optional(),
  after: Cursor,
  limit: Limit,
});
export type FollowUpQueryInput = z.input<typeof FollowUpQuery>;

export const FollowUpPage = z.object({ rows: z.array(FollowUpRow), next: z.string().nullable() });
export type FollowUpPage = z.infer<typeof FollowUpPage>;

const IdInput = z.object({ id: Id });
const IdVersion = z.object({ id: Id, version: z.number().int().min(1) });

export const records = {
  /** Newest first (at, then id); the Service records page. */
  'records.list': method({ input: RecordQuery, output: RecordPage, permission: 'customers.read' }),
  /** Open follow-ups due by `until`, oldest first (day, then id), each marked overdue or not. */
  'records.followUps': method({ input: FollowUpQuery, output: FollowUpPage, permission: 'customers.read' }),
  /** One record, also in the recycle bin (deletedAt set). */
  'records.get': method({ input: IdInput, output: RecordDetail, permission: 'customers.read' }),
  /**
   * A contact, contract or staff member that is not this customer's (or not active) is refused:
   * VALIDATION with reason 'contact', 'contract' or 'staff'.
   */
  'records.create': method({ input: RecordDraft, output: RecordDetail, permission: 'customers.write' }),
  /** A stale version is a CONFLICT (reason 'version'); a record in the recycle bin is not edited (NOT_FOUND). */
  'records.update': method({ input: RecordUpdate, output: RecordDetail, permission: 'customers.write' }),
  'records.followUpDone': method({ input: IdVersion, output: RecordDetail, permission: 'customers.write' }),
  'records.delete': method({ input: IdVersion, output: z.object({ id: Id }), permission: 'customers.delete' }),
  'records.restore': method({ input: IdInput, output: RecordDetail, permission: 'customers.delete' }),
  /** Only a record in the recycle bin; its attachments go with it. */
  'records.purge': method({ input: IdInput, output: z.object({ id: Id }), permission: 'customers.purge' }),
  /** The recycle bin's records (deleted on their own), most recently deleted first. */
  'records.listDeleted': method({ input: z.object({ after: Cursor, limit: Limit }), output: RecordPage, permission: 'customers.delete' }),
};

export const recordsArea = defineArea({
  methods: records,
  auditEntities: ['record'],
  auditActions: ['record.create', 'record.update', 'record.delete', 'record.restore', 'record.purge', 'record.followUpDone'],
});

/**
 * What a caller may do with one record they can see: the customers' row-level rule (staff delete
 * and restore only what they created), editing for whoever writes customers while it is live,
 * purging only from the recycle bin.
 */
export function recordActions(
  caller: { userId: number; role: Role },
  record: { createdBy: number | null; deletedAt: number | null; followUpOn: string | null; followUpDoneAt: number | null },
): RecordActions {
  const rule = customerActions(caller, { createdBy: record.createdBy });
  const live = record.deletedAt === null;
  return {
    edit: rule.edit && live,
    delete: rule.delete && live,
    restore: rule.delete && !live,
    purge: rule.purge && !live,
    followUpDone: rule.edit && live && record.followUpOn !== null && record.followUpDoneAt === null,
  };
}
