// Today (今日): the first screen after sign-in, "who needs us today?". Six sections, each read from
// its own area's data for one day: visits of the day, follow-ups due (records), return visits due
// (care: last contact + the grade's cadence), complaints past or near their deadline, contracts in
// their notice period, birthdays and anniversaries from the day to a week after it (care). "Mine"
// is what the caller answers for (the visit's or record's staff member, the customer's, complaint's
// or contract's responsible person); "everyone" is the whole shop, for the owner, managers and
// viewers (staff asking for it are refused). An item is (kind, refId) at one occurrence (its day):
// snoozing or marking it done hides that occurrence only (inbox_marks), so the next birthday or the
// next return visit shows again. Follow-ups are done on the record itself (records.followUpDone).
// A seventh section, churn warnings (areas/churn), lists the top warnings by value at risk; they
// are dismissed with a reason where they live (churn.dismiss), not snoozed or marked done here.
import { z } from 'zod';
import { defineArea } from './area.ts';
import { ChurnReason } from './churn.ts';
import { FestivalDue } from './holidays.ts';
import { CalendarDate, Id } from './customers.ts';
import { method } from './method.ts';
import type { Role } from '../roles.ts';

export const TODAY_SCOPES = ['mine', 'everyone'] as const;
export type TodayScope = (typeof TODAY_SCOPES)[number];

export const TODAY_SECTIONS = ['visits', 'followUps', 'returnVisits', 'complaints', 'contracts', 'occasions', 'churn'] as const;
export type TodaySection = (typeof TODAY_SECTIONS)[number];

/** The occasions (care) an item of the occasions section may be: its kind is the occasion's. */
export const OCCASION_KINDS = ['birthday', 'founding', 'contactBirthday', 'contractAnniversary'] as const;
export type OccasionKind = (typeof OCCASION_KINDS)[number];

/**
 * What an item is, and so what its refId names: a visit, a record (its follow-up), a customer
 * (return visit, birthday, founding anniversary), a complaint, a contract (expiring, signing
 * anniversary), a contact (contact's birthday), a customer at risk (churn warning).
 */
export const TODAY_KINDS = ['visit', 'followUp', 'returnVisit', 'complaint', 'contract', ...OCCASION_KINDS, 'churn', 'pointsExpiring'] as const;
export type TodayKind = (typeof TODAY_KINDS)[number];

/** Where "open" leads: the page of this thing. */
export const OPEN_KINDS = ['visit', 'record', 'customer', 'complaint', 'contract'] as const;
export type OpenKind = (typeof OPEN_KINDS)[number];

/** Each section shows at most this many items (its total says how many there are). */
export const TODAY_SECTION_LIMIT = 50;
/** Occasions from the day through this many days after it. */
export const OCCASION_DAYS_AHEAD = 7;
/** A complaint shows once its deadline is this close (or past). */
export const COMPLAINT_NEAR_HOURS = 24;

export const TodayActions = z.object({
  open: z.object({ kind: z.enum(OPEN_KINDS), id: Id }),
  /**
   * Complete it where it lives: a visit (visits.complete, with its record) or a follow-up
   * (records.followUpDone). Absent for kinds with nothing to complete.
   */
  complete: z.boolean().optional(),
  /** today.mark with snoozeUntil. */
  snooze: z.boolean(),
  /** today.mark with done (for a follow-up: its record's follow-up done). */
  done: z.boolean(),
});
export type TodayActions = z.infer<typeof TodayActions>;

export const TodayItem = z.object({
  kind: z.enum(TODAY_KINDS),
  refId: Id,
  /** The day this occurrence belongs to (due day, visit day, deadline's day, occasion day): what marks name. */
  occurrence: CalendarDate,
  /**
   * What it is, as stored: the visit's purpose, the follow-up's record excerpt, the complaint's
   * description, "number title" of a contract, the contact's name of a contact's birthday, the
   * customer's name otherwise. The UI names the kind itself in its language.
   */
  title: z.string(),
  /** Who answers for it (staff member, responsible person, assignee), '' when nobody. */
  subtitle: z.string(),
  customerId: Id,
  customerName: z.string(),
  customerCode: z.string(),
  /** The calendar day it is due (every kind but complaints). */
  dueOn: CalendarDate.nullable(),
  /** The instant it is due: a complaint's deadline, a visit's start. */
  dueAt: z.number().nullable(),
  /** Past due: due before the day (a complaint: its deadline is before now, or before the day asked about when that is not today). */
  overdue: z.boolean(),
  /** How many days past due (0 when not overdue). */
  overdueDays: z.number().int(),
  /** Snoozed before to this day (shown again): the day it was snoozed to; null when never snoozed. */
  snoozedUntil: CalendarDate.nullable().optional(),
  /** The row's version, for completing it where it lives (visits.complete, records.followUpDone). */
  version: z.number().int().nullable(),
  /** Kind-specific facts the list shows (null when not this kind). */
  details: z.object({
    /** Visit: its status (a visit completed or postponed today stays listed, marked so), start minute of the day and duration. */
    visitStatus: z.enum(['planned', 'done', 'postponed', 'cancelled']).nullable(),
    startMinute: z.number().int().nullable(),
    durationMinutes: z.number().int().nullable(),
    /** Customer's grade (return visits), complaint's severity, contract's number. */
    grade: z.string().nullable(),
    severity: z.string().nullable(),
    contractNumber: z.string().nullable(),
    /** Occasions: the stored birthday/date text, its calendar, the years it marks, a care note exists. */
    calendar: z.enum(['gregorian', 'lunar']).nullable(),
    original: z.string().nullable(),
    years: z.number().int().nullable(),
    noted: z.boolean().nullable(),
    contactId: Id.nullable(),
    contractId: Id.nullable(),
    /** Churn warning: its value at risk (grading currency, minor units) and its reasons (churn.list's). */
    churn: z.object({ valueMinor: z.number().int(), currency: z.string(), reasons: z.array(ChurnReason) }).nullable(),
    /** Points expiring (loyalty): what is left of the member's lots that expire next month. */
    points: z.number().int().nullable().optional(),
  }),
  actions: TodayActions,
});
export type TodayItem = z.infer<typeof TodayItem>;

export const TodaySectionPage = z.object({ items: z.array(TodayItem), total: z.number().int() });
export type TodaySectionPage = z.infer<typeof TodaySectionPage>;

export const TodayQuery = z.object({
  /** Default: 'mine' for staff, 'everyone' for the others. */
  scope: z.enum(TODAY_SCOPES).optional(),
  /** Default: today (the shop's local day). */
  day: CalendarDate.optional(),
});
export type TodayQueryInput = z.input<typeof TodayQuery>;

export const Today = z.object({
  day: CalendarDate,
  scope: z.enum(TODAY_SCOPES),
  /** The scope's choices this caller has (staff: only 'mine'). */
  scopes: z.array(z.enum(TODAY_SCOPES)),
  sections: z.object({
    visits: TodaySectionPage,
    followUps: TodaySectionPage,
    returnVisits: TodaySectionPage,
    complaints: TodaySectionPage,
    contracts: TodaySectionPage,
    occasions: TodaySectionPage,
    /** The top CHURN_TODAY_LIMIT churn warnings by value at risk (open → customer); total: all of them. */
    churn: TodaySectionPage,
  }),
  /**
   * Holiday care (kind 'holiday', areas/holidays): the festivals from the day through the shop's
   * daysAhead with customers of the greeted grades still to greet ("mine": the caller's customers);
   * one whose customers were all greeted is left out. Open → #/holidays/:key/:year.
   */
  holidays: z.array(FestivalDue),
  /**
   * Loyalty (kind 'pointsExpiring', areas/loyalty): members whose points expire in the calendar
   * month after the day, most points first (details.points; occurrence and dueOn: that month's
   * first day); open → customer; no snooze or done.
   */
  pointsExpiring: TodaySectionPage,
});
export type Today = z.infer<typeof Today>;

const ItemRef = z.object({ kind: z.enum(TODAY_KINDS), refId: Id, occurrence: CalendarDate });
export type ItemRef = z.infer<typeof ItemRef>;

/** Snooze to a later day than today (reason 'snoozeDay' otherwise), or mark done. */
export const TodayMark = z.union([ItemRef.extend({ snoozeUntil: CalendarDate }).strict(), ItemRef.extend({ done: z.literal(true) }).strict()]);
export type TodayMarkInput = z.input<typeof TodayMark>;

export const TodayMarkResult = z.object({
  kind: z.enum(TODAY_KINDS),
  refId: Id,
  occurrence: CalendarDate,
  snoozedUntil: CalendarDate.nullable(),
  done: z.boolean(),
});
export type TodayMarkResult = z.infer<typeof TodayMarkResult>;

export const TodayCounts = z.object({
  /** Items due today or overdue in the caller's default scope (staff: mine; others: everyone). */
  today: z.number().int(),
  /** Open complaints and those past their deadline, in the caller's sight (the complaints nav badge). */
  complaintsOpen: z.number().int(),
  complaintsOverdue: z.number().int(),
  /** Follow-ups due today or overdue, in the caller's default scope. */
  followUps: z.number().int(),
});
export type TodayCounts = z.infer<typeof TodayCounts>;

export const today = {
  'today.get': method({ input: TodayQuery, output: Today, permission: 'customers.read' }),
  /** Hides one occurrence: snoozed until a day (it shows again that day) or done. */
  'today.mark': method({ input: TodayMark, output: TodayMarkResult, permission: 'customers.write' }),
  /** Shows it again (the mark removed). */
  'today.unmark': method({ input: ItemRef, output: TodayMarkResult, permission: 'customers.write' }),
  'today.counts': method({ input: z.object({}).default({}), output: TodayCounts, permission: 'customers.read' }),
};

export const todayArea = defineArea({
  methods: today,
  auditEntities: ['inbox'],
  auditActions: ['today.snooze', 'today.done', 'today.unmark'],
});

/** The scopes a role may ask for: staff only their own, the others both. */
export function todayScopes(role: Role): TodayScope[] {
  return role === 'staff' ? ['mine'] : ['mine', 'everyone'];
}

/** The scope a caller gets when not asking: staff their own, the others the whole shop. */
export function defaultTodayScope(role: Role): TodayScope {
  return role === 'staff' ? 'mine' : 'everyone';
}
