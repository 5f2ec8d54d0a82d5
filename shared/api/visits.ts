// Visit plans (拜访计划): a visit to a customer on a calendar day of the shop at a minute of that
// day, by one staff member, with a purpose, an agenda and an address. Completing it writes its
// outcome and creates one service or communication record. The agendas (a day or a week, one
// staff member's or the whole shop's) ask by calendar day. A caller sees the visits of the
// customers they may see (the staff-scope setting); permissions are the customers' own.
import { z } from 'zod';
import { defineArea } from './area.ts';
import { CalendarDate, Id } from './customers.ts';
import { method } from './method.ts';
import { checkRecordFields, RecordFields } from './records.ts';
import { customerActions, type Role } from '../roles.ts';

export const VISIT_STATUSES = ['planned', 'done', 'postponed', 'cancelled'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];
/** The statuses a caller sets by hand; 'done' comes only from visits.complete. */
export const SETTABLE_VISIT_STATUSES = ['planned', 'postponed', 'cancelled'] as const;

export const VISIT_PURPOSE_MAX = 500;
export const VISIT_AGENDA_MAX = 5000;
export const VISIT_ADDRESS_MAX = 500;
export const VISIT_OUTCOME_MAX = 20_000;
export const DEFAULT_VISIT_MINUTES = 60;
/** The longest agenda one call answers (six weeks: a month view). */
export const AGENDA_MAX_DAYS = 42;
/** Visits are planned from 1970 through 2100 (the shop's days; beyond that is a typing slip). */
export const VISIT_FIRST_DAY = '1970-01-01';
export const VISIT_LAST_DAY = '2100-12-31';

const noControl = (s: string) => !/[\p{Cc}\u2028\u2029]/u.test(s);
/** Line breaks are fine in longer texts; other control characters are not. */
const noControlButLines = (s: string) => !/[\p{Cc}\u2028\u2029]/u.test(s.replace(/\r?\n|\t/g, ''));

/** A day a visit may be on: a real YYYY-MM-DD between VISIT_FIRST_DAY and VISIT_LAST_DAY. */
export const VisitDay = CalendarDate.refine((day) => day >= VISIT_FIRST_DAY && day <= VISIT_LAST_DAY, { message: 'dateRange' });

export const StartMinute = z.number().int().min(0).max(1439);
export const DurationMinutes = z.number().int().min(1).max(1440);

const VisitFields = z.object({
  customerId: Id,
  /** One of the customer's contacts, or none. */
  contactId: Id.nullable().default(null),
  /** Our staff member who goes (an active user who can own customers). */
  staffId: Id,
  onDay: VisitDay,
  /** Minutes after the day's midnight (9:30 → 570). */
  startMinute: StartMinute,
  durationMinutes: DurationMinutes.default(DEFAULT_VISIT_MINUTES),
  purpose: z.string().trim().min(1).max(VISIT_PURPOSE_MAX).refine(noControl, { message: 'controlCharacter' }),
  agenda: z.string().trim().max(VISIT_AGENDA_MAX).refine(noControlButLines, { message: 'controlCharacter' }).default(''),
  /** Where; '' → the core fills in the customer's address. */
  address: z.string().trim().max(VISIT_ADDRESS_MAX).refine(noControlButLines, { message: 'controlCharacter' }).default(''),
});

export const VisitDraft = VisitFields;
export type VisitDraftInput = z.input<typeof VisitDraft>;
export type VisitDraftValue = z.output<typeof VisitDraft>;

/** What the caller may do with this visit (the core refuses exactly what this says no to). */
export const VisitActions = z.object({
  edit: z.boolean(),
  delete: z.boolean(),
  restore: z.boolean(),
  complete: z.boolean(),
  reschedule: z.boolean(),
});
export type VisitActions = z.infer<typeof VisitActions>;

export const VisitStatusSchema = z.enum(VISIT_STATUSES);

/** One line of an agenda (and of an overlap warning). */
export const VisitRow = z.object({
  id: Id,
  customerId: Id,
  customerName: z.string(),
  customerCode: z.string(),
  contactId: Id.nullable(),
  contactName: z.string(),
  /** The contact's mobile, else their phone ('' without one); masked per the caller's role. */
  contactPhone: z.string(),
  staffId: Id,
  staffName: z.string(),
  onDay: z.string(),
  startMinute: z.number().int(),
  durationMinutes: z.number().int(),
  /** The same moment as an instant (ms, the shop's local time). */
  startsAt: z.number(),
  purpose: z.string(),
  address: z.string(),
  status: VisitStatusSchema,
  recordId: Id.nullable(),
  deletedAt: z.number().nullable(),
  version: z.number().int(),
  /** Another live, not cancelled visit of the same staff member that day intersects this one in time. */
  overlaps: z.boolean(),
  actions: VisitActions,
});
export type VisitRow = z.infer<typeof VisitRow>;

export const Visit = VisitRow.omit({ overlaps: true }).extend({
  agenda: z.string(),
  outcome: z.string(),
  /** The contact's phone and mobile as stored (masked per the caller's role). */
  contactPhones: z.object({ phone: z.string(), mobile: z.string() }),
  /** What came of this customer's previous done visit (the latest before this one), if any. */
  lastVisitNote: z.object({ visitId: Id, onDay: z.string(), outcome: z.string() }).nullable(),
  createdBy: Id.nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Visit = z.infer<typeof Visit>;

/** A change's answer: the visit, and the same staff member's visits it overlaps (a warning, never a refusal). */
export const VisitChange = z.object({ visit: Visit, overlaps: z.array(VisitRow) });
export type VisitChange = z.infer<typeof VisitChange>;

/**
 * The record a completed visit creates: a service or a communication record's own fields
 * (shared/api/records.ts, with its checks by kind); its customer, time (the visit's start) and
 * staff member come from the visit. Content left out: the visit's outcome.
 */
export const VisitRecord = RecordFields.omit({ customerId: true, at: true, staffId: true })
  .extend({ content: RecordFields.shape.content.optional() })
  .superRefine(checkRecordFields);
export type VisitRecordInput = z.input<typeof VisitRecord>;
export type VisitRecordValue = z.output<typeof VisitRecord>;

const Version = z.number().int().min(1);
const IdInput = z.object({ id: Id });

export const AgendaQuery = z
  .object({
    from: VisitDay,
    to: VisitDay,
    /** One staff member's agenda, or null: the whole shop's. */
    staffId: Id.nullable().default(null),
    includeCancelled: z.boolean().default(false),
  })
  .superRefine((q, ctx) => {
    if (q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'dateOrder' });
    else if (Date.parse(`${q.to}T00:00:00Z`) - Date.parse(`${q.from}T00:00:00Z`) >= AGENDA_MAX_DAYS * 86_400_000) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'spanTooLong' });
    }
  });
export type AgendaQueryInput = z.input<typeof AgendaQuery>;

export const Agenda = z.object({
  /** By day, start minute and id. */
  visits: z.array(VisitRow),
  /** The staff members the agenda is about: the one asked for, or every active one who can own customers. */
  staff: z.array(z.object({ id: Id, name: z.string() })),
});
export type Agenda = z.infer<typeof Agenda>;

/** The visits list's filters (the dashboard's visits per staff member open it): each optional. */
export const VisitFilters = z.object({
  /** Who went (or goes). */
  staffId: Id.optional(),
  customerId: Id.optional(),
  status: VisitStatusSchema.optional(),
  /** Only visits not cancelled (staff performance's visits planned). */
  notCancelled: z.literal(true).optional(),
  /** The visits' days, both included. */
  from: VisitDay.optional(),
  to: VisitDay.optional(),
});
export type VisitFiltersInput = z.input<typeof VisitFilters>;

export const VisitQuery = VisitFilters.extend({
  /** The `next` of the previous page: opaque. */
  after: z.string().max(2000).nullable().default(null),
  limit: z.number().int().min(1).max(100).default(50),
});
export type VisitQueryInput = z.input<typeof VisitQuery>;

export const VisitPage = z.object({ rows: z.array(VisitRow), next: z.string().nullable() });
export type VisitPage = z.infer<typeof VisitPage>;

export const visits = {
  /** Visits of the customers the caller sees, newest first (day, minute, id), keyset paged. */
  'visits.list': method({ input: VisitQuery, output: VisitPage, permission: 'customers.read' }),
  /** How many visits the list holds for the same filters. */
  'visits.count': method({ input: VisitFilters, output: z.object({ count: z.number().int() }), permission: 'customers.read' }),
  'visits.get': method({ input: IdInput, output: Visit, permission: 'customers.read' }),
  'visits.agenda': method({ input: AgendaQuery, output: Agenda, permission: 'customers.read' }),
  'visits.create': method({ input: VisitDraft, output: VisitChange, permission: 'customers.write' }),
  'visits.update': method({ input: VisitFields.extend({ id: Id, version: Version }), output: VisitChange, permission: 'customers.write' }),
  /** Another day and start (drag and drop in the week view); the duration stays. */
  'visits.reschedule': method({ input: z.object({ id: Id, version: Version, onDay: VisitDay, startMinute: StartMinute }), output: VisitChange, permission: 'customers.write' }),
  'visits.setStatus': method({ input: z.object({ id: Id, version: Version, status: z.enum(SETTABLE_VISIT_STATUSES) }), output: Visit, permission: 'customers.write' }),
  /**
   * Done, with its outcome, and one new record (customer, time and staff member the visit's), in
   * one transaction. A visit completed already is a CONFLICT with reason 'completed'.
   */
  'visits.complete': method({
    input: z.object({ id: Id, version: Version, outcome: z.string().trim().min(1).max(VISIT_OUTCOME_MAX), record: VisitRecord }),
    output: z.object({ visit: Visit, recordId: Id }),
    permission: 'customers.write',
  }),
  'visits.delete': method({ input: z.object({ id: Id, version: Version }), output: z.object({ id: Id }), permission: 'customers.delete' }),
  'visits.restore': method({ input: IdInput, output: Visit, permission: 'customers.delete' }),
};

export const visitsArea = defineArea({
  methods: visits,
  auditEntities: ['visit'],
  auditActions: ['visit.create', 'visit.update', 'visit.delete', 'visit.restore', 'visit.complete', 'visit.status'],
});

/**
 * What a caller may do with one visit they can see: the customers' row-level rule (staff delete
 * and restore only what they created); editing, rescheduling and completing for whoever writes
 * customers, on a live visit not yet done (a cancelled one is completed only once planned again).
 */
export function visitActions(caller: { userId: number; role: Role }, visit: { createdBy: number | null; deletedAt: number | null; status: VisitStatus }): VisitActions {
  const rule = customerActions(caller, { createdBy: visit.createdBy });
  const live = visit.deletedAt === null;
  const open = live && visit.status !== 'done';
  return {
    edit: rule.edit && open,
    delete: rule.delete && live,
    restore: rule.delete && !live,
    complete: rule.edit && open && visit.status !== 'cancelled',
    reschedule: rule.edit && open,
  };
}

/** 570 → '09:30'. */
export function formatMinute(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}
