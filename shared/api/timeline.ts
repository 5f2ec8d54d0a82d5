// One timeline per customer (客户时间线): what happened with this customer, newest first, from every
// area that keeps something about them: service and communication records, visits, contracts
// (signed, renewed, terminated, expired), grade changes and files. Read-only: each entry opens the
// thing it is about. A caller sees the timeline of a customer they may see (live, and in their
// scope when the staff-scope setting is on), else NOT_FOUND.
import { z } from 'zod';
import { defineArea } from './area.ts';
import { Id } from './customers.ts';
import { method } from './method.ts';

/** Later issues add survey, complaint and sale. */
export const TIMELINE_KINDS = ['service', 'communication', 'visit', 'contractSigned', 'contractRenewed', 'contractTerminated', 'contractExpired', 'grade', 'file', 'survey', 'complaint', 'care', 'merge', 'sale', 'event', 'need'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** What an entry opens: the record, visit, contract or file it is about; a grade change opens the customer. */
export const TIMELINE_OPEN_KINDS = ['record', 'visit', 'contract', 'attachment', 'customer', 'survey', 'complaint', 'sale', 'event'] as const;

/** A service record's status or a visit's; null for the other kinds. */
export const TIMELINE_STATUSES = ['open', 'done', 'planned', 'postponed', 'cancelled', 'new', 'inProgress', 'resolved', 'closed'] as const;

export const TIMELINE_TEXT_CHARS = 200;

/**
 * One thing that happened. By kind (`title` is a code the renderer translates where it says so):
 * - service: at = records.at; title = the service kind code (installation, repair, ...); text = content;
 *   status = open | done; staff = the record's staff member.
 * - communication: at = records.at; title = the channel code (phone, email, ...); text = content;
 *   staff = the record's staff member.
 * - visit: at = visits.starts_at; title = the purpose; text = the outcome (done) else the agenda;
 *   status = planned | done | postponed | cancelled; staff = the visiting staff member.
 * - contractSigned: at = local midnight of the signed day; title = contract number; text = its title;
 *   staff = the contract's responsible staff member (owner).
 * - contractRenewed / contractTerminated: at = local midnight of the day it took effect (a renewal's
 *   first new day, the termination date); title = contract number; text = its title; staff = who
 *   did it (none for auto-renew). refId = the contract event's id; `open` is the contract.
 * - contractExpired: at = local midnight of the day after the end day, shown only once that day
 *   has come, for contracts that neither renew by themselves nor were terminated; title = number;
 *   text = its title; staff = the contract's owner.
 * - grade: at = when the grade was set; title = the grade (A, B, ...); text = ''; staff = who set it;
 *   opens the customer.
 * - file: at = when it was attached; title = the file name; text = its description; staff = who
 *   attached it. Files of the customer and of its contracts; files in a recycle bin are not shown.
 * - survey: at = when it was answered; title = the channel code (phone, visit, wechat, paper); text =
 *   the comment; staff = the staff member it measures; opens the survey. Surveys in the recycle bin
 *   are shown (`deleted`, restorable by surveys.restore).
 * - complaint: at = when it was opened; title = the category code (product, service, ...); text = the
 *   description; status = new | inProgress | resolved | closed; staff = the assignee; opens the complaint.
 * - care: at = when the care was given; title = the occasion code (birthday, founding,
 *   contractAnniversary, holiday, other); text = the note; staff = who gave it; opens the customer.
 *   Care notes in the recycle bin are shown (`deleted`, restorable by care.restoreNote).
 * - merge: at = when another customer was merged into this one; title = that customer's name and
 *   code (`张三 (C000123)`); text = ''; staff = who merged; opens the customer. Gone once undone.
 * - sale: at = local midnight of the day sold (soldOn); title = the lines' names (the list's summary);
 *   text = the total as '1234.50 CNY', then the notes; staff = who sold; opens the sale. Sales in the
 *   recycle bin are shown (`deleted`, restorable by sales.restore).
 * - event: a customer's attendance at a customer event (attended = true): at = local midnight of
 *   the event's day; title = the event's title; text = its place;
 *   staff = who marked the attendance; refId = the invitation's id; opens the event. Events in the
 *   recycle bin are not shown.
 * - need: a need noted (areas/needs): at = when it was noted; title = the need's kind code (pain,
 *   product, service, expectation, budget, decision); text = its title; staff = who noted it; opens
 *   the customer (a need has no page of its own). Needs in the recycle bin are not shown.
 * Deleted contracts are not shown; records and visits in the recycle bin are (`deleted`), and
 * `actions.restore` says whether this caller may restore them (records.restore / visits.restore).
 */
export const TimelineEntry = z.object({
  kind: z.enum(TIMELINE_KINDS),
  /** The id of the record, visit, contract, contract event, grade change or attachment. */
  refId: Id,
  /** Milliseconds since 1970. */
  at: z.number(),
  title: z.string(),
  /** At most TIMELINE_TEXT_CHARS characters of the text. */
  text: z.string(),
  status: z.enum(TIMELINE_STATUSES).nullable(),
  staffId: Id.nullable(),
  staffName: z.string().nullable(),
  deleted: z.boolean(),
  /** Where a record came from (a completed visit, an import); 'app' for everything else. */
  source: z.enum(['app', 'visit', 'import']),
  customerId: Id,
  open: z.object({ kind: z.enum(TIMELINE_OPEN_KINDS), id: Id }),
  actions: z.object({ restore: z.boolean() }),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const TimelineQuery = z.object({
  customerId: Id,
  /** Only these kinds (absent or empty: all). */
  kinds: z.array(z.enum(TIMELINE_KINDS)).max(TIMELINE_KINDS.length).optional(),
  /** Only the entries of this staff member (per kind as TimelineEntry says); null or absent: everyone's. */
  staffId: Id.nullable().optional(),
  /** The `next` of the previous page: opaque. A cursor that is not one is VALIDATION. */
  after: z.string().min(1).max(500).nullable().optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type TimelineQueryInput = z.input<typeof TimelineQuery>;

export const TimelinePage = z.object({ entries: z.array(TimelineEntry), next: z.string().nullable() });
export type TimelinePage = z.infer<typeof TimelinePage>;

export const timeline = {
  /**
   * A page of the customer's timeline, newest first, ordered by (at, kind, refId) all descending,
   * so entries at the same instant page exactly; `next` is null on the last page.
   */
  'timeline.list': method({ input: TimelineQuery, output: TimelinePage, permission: 'customers.read' }),
};

export const timelineArea = defineArea({ methods: timeline, auditEntities: [], auditActions: [] });
