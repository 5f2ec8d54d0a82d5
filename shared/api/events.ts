// Customer events (客户营销活动): product launches, appreciation dinners, training days, technical
// exchanges. An event is a shop-wide register entry (create, edit, cancel, invite, delete:
// `events.manage`; everyone who reads customers sees events). Its invitations are per-customer data:
// a caller sees the invitations of the customers they may see (the staff-scope setting), and marks
// replies and attendance with `customers.write` for those customers. Every row carries `actions`,
// what the core would allow this caller, so the UI offers only those.
//
// Rules the core keeps:
// - One invitation per customer and event (inviting again counts as `alreadyInvited`); a contact
//   invited names the person who comes for that customer.
// - Invitations may exceed the capacity (not everyone comes: `overCapacity` warns); a 'yes' reply
//   that would make more yes replies than the capacity is a CONFLICT with reason 'capacity'.
// - A cancelled event takes no invitations, replies or attendance (CONFLICT reason 'cancelled');
//   an event in the recycle bin is NOT_FOUND for them.
// - status: 'cancelled' once cancelled; else 'held' from its day on (the shop's local day), else
//   'planned'. Attendance can be marked on any non-cancelled event (a sheet is often typed in after).
// - The after-event effect compares attendees with those invited who did not attend, over the 30
//   local days after the event's day (onDay + 1 … onDay + 30).
import { z } from 'zod';
import { defineArea } from './area.ts';
import { Currency } from './contracts.ts';
import { CalendarDate, CustomerFilters, GRADES, Id } from './customers.ts';
import { method } from './method.ts';
import { PrintHeader } from './print.ts';
import { SearchText } from '../search-query.ts';

export const EVENT_KINDS = ['launch', 'dinner', 'training', 'exchange', 'other'] as const;
export const EVENT_STATUSES = ['planned', 'held', 'cancelled'] as const;
export const EVENT_REPLIES = ['pending', 'yes', 'no', 'maybe'] as const;
/** The events list's time filter: from today on, before today, or every one. */
export const EVENT_WHEN = ['upcoming', 'past', 'all'] as const;

export type EventKind = (typeof EVENT_KINDS)[number];
export type EventStatus = (typeof EVENT_STATUSES)[number];
export type EventReply = (typeof EVENT_REPLIES)[number];
export type EventWhen = (typeof EVENT_WHEN)[number];

export const EVENT_TITLE_MAX = 200;
export const EVENT_PLACE_MAX = 200;
export const EVENT_NOTES_MAX = 2000;
export const EVENT_CAPACITY_MAX = 100_000;
/** The most customers (or contacts, or invitations) one hand-picked call names. */
export const EVENT_BATCH_MAX = 500;
/** The after-event window: the local days after the event's day that count. */
export const EFFECT_WINDOW_DAYS = 30;
/** The most rows one sign-in sheet holds; beyond it the sheet says that more were left off. */
export const SIGN_IN_SHEET_MAX_ROWS = 5000;

const noControl = (s: string) => !/[\p{Cc}\u2028\u2029]/u.test(s.replace(/[\n\r\t]/g, ''));
const Text = (max: number) => z.string().trim().max(max).refine(noControl, { message: 'controlCharacter' });
const EventDay = CalendarDate.refine((day) => day >= '1970-01-01' && day <= '2100-12-31', { message: 'dateRange' });

/** An event's own fields, as created; an update sends them all again with id and version. */
export const EventDraft = z.object({
  title: Text(EVENT_TITLE_MAX).pipe(z.string().min(1)),
  kind: z.enum(EVENT_KINDS).default('other'),
  onDay: EventDay,
  /** Minutes after the day's midnight; null: no set time. */
  startMinute: z.number().int().min(0).max(1439).nullable().default(null),
  durationMinutes: z.number().int().min(1).max(14 * 1440).nullable().default(null),
  place: Text(EVENT_PLACE_MAX).default(''),
  /** How many people can come; null: no limit. */
  capacity: z.number().int().min(1).max(EVENT_CAPACITY_MAX).nullable().default(null),
  /** In minor units of `currency`; null: no budget set. */
  budgetMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().default(null),
  currency: Currency.default('CNY'),
  notes: Text(EVENT_NOTES_MAX).default(''),
});
export type EventDraftInput = z.input<typeof EventDraft>;
export type EventDraftValue = z.output<typeof EventDraft>;

export const EventUpdate = EventDraft.extend({ id: Id, version: z.number().int().min(1) });
export type EventUpdateInput = z.input<typeof EventUpdate>;

/** What the caller may do with this event. */
export const EventActions = z.object({
  /** Edit its fields (events.manage, live, not cancelled). */
  edit: z.boolean(),
  cancel: z.boolean(),
  /** Invite customers and contacts, and withdraw invitations (events.manage, live, not cancelled). */
  invite: z.boolean(),
  delete: z.boolean(),
  restore: z.boolean(),
  /** Print the sign-in sheet (`print`). */
  print: z.boolean(),
  /** See the after-event effect (`reports.read`). */
  effect: z.boolean(),
});
export type EventActions = z.infer<typeof EventActions>;

/** Invitations by reply and attendance, counted over the invitations the caller may see. */
export const EventCounts = z.object({
  invited: z.number().int(),
  yes: z.number().int(),
  no: z.number().int(),
  maybe: z.number().int(),
  pending: z.number().int(),
  attended: z.number().int(),
});
export type EventCounts = z.infer<typeof EventCounts>;

export const Event = z.object({
  id: Id,
  title: z.string(),
  kind: z.enum(EVENT_KINDS),
  onDay: z.string(),
  startMinute: z.number().int().nullable(),
  durationMinutes: z.number().int().nullable(),
  place: z.string(),
  capacity: z.number().int().nullable(),
  budgetMinor: z.number().int().nullable(),
  currency: z.string(),
  notes: z.string(),
  status: z.enum(EVENT_STATUSES),
  counts: EventCounts,
  createdBy: Id.nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** Set while the event is in the recycle bin. */
  deletedAt: z.number().nullable(),
  version: z.number().int(),
  actions: EventActions,
});
export type Event = z.infer<typeof Event>;

const Cursor = z.string().max(2000).nullable().default(null);
const Limit = z.number().int().min(1).max(100).default(50);

export const EventQuery = z.object({
  when: z.enum(EVENT_WHEN).default('all'),
  /** Words of the title or the place. */
  q: SearchText.optional(),
  /** The recycle bin's events instead (events.manage). */
  deleted: z.boolean().default(false),
  cursor: Cursor,
  limit: Limit,
});
export type EventQueryInput = z.input<typeof EventQuery>;

/** Upcoming: soonest first; past and all: latest first (by day, start minute, id). */
export const EventPage = z.object({ rows: z.array(Event), nextCursor: z.string().nullable() });
export type EventPage = z.infer<typeof EventPage>;

export const InvitationActions = z.object({
  /** Set the reply (customers.write on the customer, event not cancelled). */
  reply: z.boolean(),
  /** Mark attended or not (customers.write on the customer, event not cancelled). */
  attend: z.boolean(),
  /** Withdraw the invitation (events.manage, event not cancelled). */
  uninvite: z.boolean(),
});
export type InvitationActions = z.infer<typeof InvitationActions>;

export const Invitation = z.object({
  id: Id,
  eventId: Id,
  customerId: Id,
  customerName: z.string(),
  customerCode: z.string(),
  grade: z.enum(GRADES),
  contactId: Id.nullable(),
  contactName: z.string().nullable(),
  reply: z.enum(EVENT_REPLIES),
  repliedAt: z.number().nullable(),
  /** null: not marked yet; true: came; false: marked as not come. */
  attended: z.boolean().nullable(),
  invitedAt: z.number(),
  actions: InvitationActions,
});
export type Invitation = z.infer<typeof Invitation>;

export const InvitationQuery = z.object({
  eventId: Id,
  reply: z.enum(EVENT_REPLIES).optional(),
  /** true: came; false: did not come (marked false or not marked). */
  attended: z.boolean().optional(),
  /** The customer's name or code, or the contact's name. */
  q: SearchText.optional(),
  cursor: Cursor,
  limit: Limit,
});
export type InvitationQueryInput = z.input<typeof InvitationQuery>;

/** By customer name (the customers list's name order), then id. */
export const InvitationPage = z.object({ rows: z.array(Invitation), nextCursor: z.string().nullable() });
export type InvitationPage = z.infer<typeof InvitationPage>;

export const InvitePreviewInput = z.object({ eventId: Id, filter: CustomerFilters });
/** `count`: live customers the filter gives in the caller's scope; `alreadyInvited`: of those, invited already. */
export const InvitePreview = z.object({ count: z.number().int(), alreadyInvited: z.number().int() });
export type InvitePreview = z.infer<typeof InvitePreview>;

/**
 * Whom to invite: the customers a filter gives (the customers list's filters), customers named
 * by hand, contacts named by hand (their customer is invited with that contact), or several at once.
 */
export const InviteInput = z
  .object({
    eventId: Id,
    filter: CustomerFilters.optional(),
    customerIds: z.array(Id).max(EVENT_BATCH_MAX).optional(),
    contactIds: z.array(Id).max(EVENT_BATCH_MAX).optional(),
  })
  .superRefine((input, ctx) => {
    if (!input.filter && !input.customerIds?.length && !input.contactIds?.length) ctx.addIssue({ code: 'custom', path: ['customerIds'], message: 'required' });
  });
export type InviteInput = z.input<typeof InviteInput>;

/**
 * `invited`: new invitations; `alreadyInvited`: customers named who were invited before;
 * `overCapacity`: the event now has more invitations than its capacity.
 */
export const InviteResult = z.object({ invited: z.number().int(), alreadyInvited: z.number().int(), overCapacity: z.boolean() });
export type InviteResult = z.infer<typeof InviteResult>;

/** The most lines one "invite from a list" call takes. */
export const INVITE_LIST_MAX_LINES = 5000;
/** The longest line (a customer's code or name) it takes. */
export const INVITE_LIST_LINE_MAX = 200;

/**
 * Invite from a list: one customer's code or name per line. Each distinct non-empty line (trimmed)
 * is matched among the live customers the caller sees: by code (case-free) first, else by the exact
 * name; a name two or more customers share is ambiguous and invites no one. `dryRun` answers the
 * same without writing (the preview). Empty lines are skipped; a line given twice counts once.
 */
export const InviteListInput = z.object({
  eventId: Id,
  lines: z.array(z.string().max(INVITE_LIST_LINE_MAX)).max(INVITE_LIST_MAX_LINES),
  dryRun: z.boolean().default(false),
});
export type InviteListInput = z.input<typeof InviteListInput>;

/**
 * `matched`: distinct customers the lines name; `invited`: of those, newly invited (or that would
 * be, on a dry run); `alreadyInvited`: of those, invited before; `repeated`: lines that repeat an
 * earlier line (or name a customer already matched); `unmatched` / `ambiguous`: the lines as given.
 */
export const InviteListResult = z.object({
  matched: z.number().int(),
  invited: z.number().int(),
  alreadyInvited: z.number().int(),
  repeated: z.number().int(),
  unmatched: z.array(z.string()),
  ambiguous: z.array(z.string()),
  overCapacity: z.boolean(),
});
export type InviteListResult = z.infer<typeof InviteListResult>;

/** One of a customer's invitations, with its event (the customer page's events section). */
export const CustomerInvitation = Invitation.extend({
  eventTitle: z.string(),
  eventDay: z.string(),
  eventStatus: z.enum(EVENT_STATUSES),
});
export type CustomerInvitation = z.infer<typeof CustomerInvitation>;

export const CustomerInvitationQuery = z.object({ customerId: Id, cursor: Cursor, limit: Limit });
export type CustomerInvitationQueryInput = z.input<typeof CustomerInvitationQuery>;

/** Latest event first (by day, then invitation id); events in the recycle bin are left out. */
export const CustomerInvitationPage = z.object({ rows: z.array(CustomerInvitation), nextCursor: z.string().nullable() });
export type CustomerInvitationPage = z.infer<typeof CustomerInvitationPage>;

export const SignInSheetRow = z.object({
  customerName: z.string(),
  customerCode: z.string(),
  /** The invited contact's name; '' when the customer was invited without one. */
  contactName: z.string(),
  /** The contact's mobile, else their phone, else the customer's phone; masked per the caller's role. */
  phone: z.string(),
  reply: z.enum(EVENT_REPLIES),
});
export type SignInSheetRow = z.infer<typeof SignInSheetRow>;

/**
 * The sign-in sheet: every invitation the caller may see except those who replied 'no', by
 * customer name (the customers list's name order), then code.
 */
export const SignInSheet = z.object({
  header: PrintHeader,
  event: Event,
  rows: z.array(SignInSheetRow),
  /** More than SIGN_IN_SHEET_MAX_ROWS rows: the rest were left off. */
  more: z.boolean(),
});
export type SignInSheet = z.infer<typeof SignInSheet>;

/** One side of the after-event comparison. */
export const EffectGroup = z.object({
  customers: z.number().int(),
  /** Live surveys of these customers answered in the window. */
  surveys: z.number().int(),
  /** The average of every score of those surveys × 100, rounded; null: none. */
  csatAvgX100: z.number().int().nullable(),
  /** % promoters − % detractors of those surveys' NPS answers, one decimal; null: none. */
  npsScore: z.number().nullable(),
  /** Live sales of these customers sold in the window. */
  sales: z.number().int(),
  /** Their totals per currency, sorted by currency (never summed across currencies). */
  revenue: z.array(z.object({ currency: z.string(), totalMinor: z.number().int() })),
});
export type EffectGroup = z.infer<typeof EffectGroup>;

export const EventEffect = z.object({
  /** Invitations the caller may see. */
  invited: z.number().int(),
  attended: z.number().int(),
  /** attended × 1000 / invited, rounded; 0 when nobody was invited. */
  attendanceRatePermille: z.number().int(),
  windowDays: z.literal(EFFECT_WINDOW_DAYS),
  /** The window's first and last local day (onDay + 1, onDay + 30). */
  from: z.string(),
  to: z.string(),
  attendees: EffectGroup,
  /** Invited but did not attend (marked false or never marked). */
  others: EffectGroup,
});
export type EventEffect = z.infer<typeof EventEffect>;

const IdInput = z.object({ id: Id });
const IdVersion = z.object({ id: Id, version: z.number().int().min(1) });

export const events = {
  /** Events everyone who reads customers sees (`deleted: true` needs events.manage). */
  'events.list': method({ input: EventQuery, output: EventPage, permission: 'customers.read' }),
  /** One event, also one in the recycle bin for events.manage (else NOT_FOUND). */
  'events.get': method({ input: IdInput, output: Event, permission: 'customers.read' }),
  'events.create': method({ input: EventDraft, output: Event, permission: 'events.manage' }),
  /** A stale version is a CONFLICT; a cancelled event is CONFLICT 'cancelled'. */
  'events.update': method({ input: EventUpdate, output: Event, permission: 'events.manage' }),
  /** Cancelling keeps the invitations (they show what was planned). */
  'events.cancel': method({ input: IdVersion, output: Event, permission: 'events.manage' }),
  'events.delete': method({ input: IdInput, output: z.object({ id: Id }), permission: 'events.manage' }),
  'events.restore': method({ input: IdInput, output: Event, permission: 'events.manage' }),
  /** The event's invitations of customers the caller may see. */
  'events.invitations': method({ input: InvitationQuery, output: InvitationPage, permission: 'customers.read' }),
  /** How many customers a filter would invite (the live count before inviting). */
  'events.invitePreview': method({ input: InvitePreviewInput, output: InvitePreview, permission: 'events.manage' }),
  /**
   * One transaction. A customer or contact named that the caller does not see is VALIDATION
   * 'customer' / 'contact' (nothing invited).
   */
  'events.invite': method({ input: InviteInput, output: InviteResult, permission: 'events.manage' }),
  /** Invite the customers a pasted list names (see InviteListInput); one transaction, audited as an invite. */
  'events.inviteList': method({ input: InviteListInput, output: InviteListResult, permission: 'events.manage' }),
  /** Every invitation of one customer the caller sees (else NOT_FOUND), with its event. */
  'events.customerInvitations': method({ input: CustomerInvitationQuery, output: CustomerInvitationPage, permission: 'customers.read' }),
  'events.uninvite': method({ input: z.object({ invitationId: Id }), output: z.object({ id: Id }), permission: 'events.manage' }),
  /** A 'yes' beyond the capacity is CONFLICT 'capacity'. */
  'events.reply': method({ input: z.object({ invitationId: Id, reply: z.enum(EVENT_REPLIES) }), output: Invitation, permission: 'customers.write' }),
  /** All or nothing: an invitation the caller may not mark (not found, out of scope) fails the call. */
  'events.attend': method({
    input: z.object({ invitationIds: z.array(Id).min(1).max(EVENT_BATCH_MAX), attended: z.boolean() }),
    output: z.object({ updated: z.number().int() }),
    permission: 'customers.write',
  }),
  /** The sign-in sheet's data (audited as a print: `print.eventSignIn`). */
  'events.signInSheet': method({ input: z.object({ eventId: Id }), output: SignInSheet, permission: 'print' }),
  /** Attendance rate, and the surveys and sales of attendees vs the others in the 30 days after. */
  'events.effect': method({ input: z.object({ eventId: Id }), output: EventEffect, permission: 'reports.read' }),
};

export const eventsArea = defineArea({
  methods: events,
  auditEntities: ['event', 'eventInvitation'],
  auditActions: [
    'event.create',
    'event.update',
    'event.cancel',
    'event.delete',
    'event.restore',
    'event.invite',
    'eventInvitation.uninvite',
    'eventInvitation.reply',
    'eventInvitation.attend',
    'print.eventSignIn',
  ],
});
