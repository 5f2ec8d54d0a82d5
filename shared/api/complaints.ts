// Complaints (投诉处理): opened by hand or by a low survey score, each with a deadline from the
// customer's grade's response standard (areas/standards), an assignee, and a workflow
// new → inProgress → resolved → closed (also new → resolved; resolved/closed → inProgress reopens),
// every change kept in the complaint's history (who, when, from, to, a note). A caller sees the
// complaints of the customers they may see (the staff-scope setting); permissions are the
// customers' own (read, write, delete, purge), and staff delete and restore only what they created.
// Every row carries `actions`, what the core would allow this caller, so the UI offers only those.
import { z } from 'zod';
import { defineArea } from './area.ts';
import { CalendarDate, GRADES, Id } from './customers.ts';
import { method } from './method.ts';
import { InstantInRange } from './records.ts';
import { customerActions, type Role } from '../roles.ts';

export const COMPLAINT_CATEGORIES = ['product', 'service', 'delivery', 'billing', 'staff', 'other'] as const;
export const COMPLAINT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const COMPLAINT_SOURCES = ['survey', 'phone', 'visit', 'wechat', 'email', 'walkIn', 'other'] as const;
export const COMPLAINT_STATUSES = ['new', 'inProgress', 'resolved', 'closed'] as const;
/** The statuses in which a complaint is open (and can be overdue). */
export const OPEN_STATUSES = ['new', 'inProgress'] as const;
export const COMPLAINT_EVENT_KINDS = ['opened', 'status', 'assigned', 'deadline', 'edited', 'deleted', 'restored'] as const;
/** The list's status filter: one status, the open ones, the open ones past their deadline, or all. */
export const COMPLAINT_STATUS_FILTERS = ['all', 'open', 'overdue', ...COMPLAINT_STATUSES] as const;

export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];
export type ComplaintSeverity = (typeof COMPLAINT_SEVERITIES)[number];
export type ComplaintSource = (typeof COMPLAINT_SOURCES)[number];
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export type ComplaintEventKind = (typeof COMPLAINT_EVENT_KINDS)[number];
export type ComplaintStatusFilter = (typeof COMPLAINT_STATUS_FILTERS)[number];

export const COMPLAINT_DESCRIPTION_MAX = 5000;
export const COMPLAINT_RESOLUTION_MAX = 5000;
export const COMPLAINT_NOTE_MAX = 2000;
/** How many characters of the description a list row carries. */
export const COMPLAINT_EXCERPT_CHARS = 200;

const noControl = (s: string) => !/[\p{Cc}\u2028\u2029]/u.test(s.replace(/[\n\r\t]/g, ''));
const Text = (max: number) => z.string().trim().max(max).refine(noControl, { message: 'controlCharacter' });
const Description = Text(COMPLAINT_DESCRIPTION_MAX).pipe(z.string().min(1));
const Score = z.number().int().min(1).max(5);

/** A deadline not before the opening (reason 'deadline'), when both are known. */
function checkDeadline(draft: { dueAt?: number | undefined; openedAt?: number | undefined }, ctx: z.RefinementCtx): void {
  if (draft.dueAt !== undefined && draft.openedAt !== undefined && draft.dueAt < draft.openedAt) {
    ctx.addIssue({ code: 'custom', path: ['dueAt'], message: 'deadline' });
  }
}

export const ComplaintFields = z.object({
  customerId: Id,
  category: z.enum(COMPLAINT_CATEGORIES),
  severity: z.enum(COMPLAINT_SEVERITIES),
  description: Description,
  source: z.enum(COMPLAINT_SOURCES),
  /** Who handles it: an active user who can be responsible for customers, or nobody yet. */
  assigneeId: Id.nullable().default(null),
  /** The deadline; by default the customer's grade's response standard counted from the opening. */
  dueAt: InstantInRange.optional(),
  /** When the customer complained; by default now. */
  openedAt: InstantInRange.optional(),
});

export const ComplaintDraft = ComplaintFields.superRefine(checkDeadline);
export type ComplaintDraftInput = z.input<typeof ComplaintDraft>;
export type ComplaintDraftValue = z.output<typeof ComplaintDraft>;

/** The fields an edit may change (each optional: what is left out stays). The opening stays as it was. */
export const ComplaintUpdate = z.object({
  id: Id,
  version: z.number().int().min(1),
  category: z.enum(COMPLAINT_CATEGORIES).optional(),
  severity: z.enum(COMPLAINT_SEVERITIES).optional(),
  description: Description.optional(),
  source: z.enum(COMPLAINT_SOURCES).optional(),
  assigneeId: Id.nullable().optional(),
  dueAt: InstantInRange.optional(),
  /** Why (kept in the history with a deadline or assignee change). */
  note: Text(COMPLAINT_NOTE_MAX).optional(),
});
export type ComplaintUpdateInput = z.input<typeof ComplaintUpdate>;

/**
 * A step of the workflow. Resolving needs a resolution (reason 'required' when empty);
 * `afterScore` (the customer's satisfaction after resolution) only on resolve or close.
 */
export const ComplaintStatusChange = z
  .object({
    id: Id,
    version: z.number().int().min(1),
    status: z.enum(COMPLAINT_STATUSES),
    note: Text(COMPLAINT_NOTE_MAX).default(''),
    resolution: Text(COMPLAINT_RESOLUTION_MAX).optional(),
    afterScore: Score.optional(),
  })
  .superRefine((change, ctx) => {
    if (change.status === 'resolved' && !change.resolution) ctx.addIssue({ code: 'custom', path: ['resolution'], message: 'required' });
    if (change.afterScore !== undefined && change.status !== 'resolved' && change.status !== 'closed') {
      ctx.addIssue({ code: 'custom', path: ['afterScore'], message: 'afterScore' });
    }
  });
export type ComplaintStatusChangeInput = z.input<typeof ComplaintStatusChange>;

/** The workflow's steps: from → the statuses it may go to. */
export const COMPLAINT_TRANSITIONS: Readonly<Record<ComplaintStatus, readonly ComplaintStatus[]>> = {
  new: ['inProgress', 'resolved'],
  inProgress: ['resolved'],
  resolved: ['closed', 'inProgress'],
  closed: ['inProgress'],
};

export function canMove(from: ComplaintStatus, to: ComplaintStatus): boolean {
  return COMPLAINT_TRANSITIONS[from].includes(to);
}

/** What the caller may do with this complaint (the core refuses exactly what this says no to). */
export const ComplaintActions = z.object({
  edit: z.boolean(),
  /** new → inProgress. */
  start: z.boolean(),
  /** new/inProgress → resolved. */
  resolve: z.boolean(),
  /** resolved → closed. */
  close: z.boolean(),
  /** resolved/closed → inProgress. */
  reopen: z.boolean(),
  delete: z.boolean(),
  restore: z.boolean(),
  purge: z.boolean(),
});
export type ComplaintActions = z.infer<typeof ComplaintActions>;

export const ComplaintEvent = z.object({
  id: Id,
  at: z.number(),
  userId: Id.nullable(),
  userName: z.string().nullable(),
  kind: z.enum(COMPLAINT_EVENT_KINDS),
  /**
   * A status change's statuses; an assignment's assignee names (null: nobody); a deadline change's
   * instants (ms since 1970 as decimal text); an edit's changed fields in `to` (codes joined by ',':
   * category, severity, description, source).
   */
  from: z.string().nullable(),
  to: z.string().nullable(),
  note: z.string(),
});
export type ComplaintEvent = z.infer<typeof ComplaintEvent>;

export const Complaint = z.object({
  id: Id,
  customerId: Id,
  customerName: z.string(),
  customerCode: z.string(),
  customerGrade: z.enum(GRADES),
  surveyId: Id.nullable(),
  category: z.enum(COMPLAINT_CATEGORIES),
  severity: z.enum(COMPLAINT_SEVERITIES),
  description: z.string(),
  source: z.enum(COMPLAINT_SOURCES),
  assigneeId: Id.nullable(),
  assigneeName: z.string().nullable(),
  openedAt: z.number(),
  dueAt: z.number(),
  status: z.enum(COMPLAINT_STATUSES),
  /** Open (new or in progress) and past its deadline. */
  overdue: z.boolean(),
  resolution: z.string(),
  afterScore: Score.nullable(),
  resolvedAt: z.number().nullable(),
  closedAt: z.number().nullable(),
  createdBy: Id.nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  deletedAt: z.number().nullable(),
  version: z.number().int(),
  /** The history, oldest first. */
  events: z.array(ComplaintEvent),
  actions: ComplaintActions,
});
export type Complaint = z.infer<typeof Complaint>;

export const ComplaintRow = Complaint.pick({
  id: true,
  customerId: true,
  customerName: true,
  customerCode: true,
  customerGrade: true,
  surveyId: true,
  category: true,
  severity: true,
  source: true,
  assigneeId: true,
  assigneeName: true,
  openedAt: true,
  dueAt: true,
  status: true,
  overdue: true,
  afterScore: true,
  deletedAt: true,
  version: true,
  actions: true,
}).extend({
  /** The first COMPLAINT_EXCERPT_CHARS characters of the description. */
  excerpt: z.string(),
});
export type ComplaintRow = z.infer<typeof ComplaintRow>;

const Cursor = z.string().max(2000).nullable().default(null);
const Limit = z.number().int().min(1).max(100).default(50);

export const ComplaintQuery = z.object({
  status: z.enum(COMPLAINT_STATUS_FILTERS).default('all'),
  /** One assignee's complaints; null: those assigned to nobody. */
  assigneeId: Id.nullable().optional(),
  customerId: Id.optional(),
  severity: z.enum(COMPLAINT_SEVERITIES).optional(),
  category: z.enum(COMPLAINT_CATEGORIES).optional(),
  /** Complaints of the customers this staff member is responsible for (staff performance). */
  ownerId: Id.optional(),
  /** Closed on or after / on or before these local days (staff performance's complaints closed). */
  closedFrom: CalendarDate.optional(),
  closedTo: CalendarDate.optional(),
  /** Only those closed by their deadline. */
  onTime: z.literal(true).optional(),
  after: Cursor,
  limit: Limit,
});
export type ComplaintQueryInput = z.input<typeof ComplaintQuery>;

export const ComplaintPage = z.object({ rows: z.array(ComplaintRow), next: z.string().nullable() });
export type ComplaintPage = z.infer<typeof ComplaintPage>;

export const ComplaintCounts = z.object({
  /** New or in progress, in the caller's scope. */
  open: z.number().int(),
  /** Of those, past their deadline. */
  overdue: z.number().int(),
});
export type ComplaintCounts = z.infer<typeof ComplaintCounts>;

const IdInput = z.object({ id: Id });
const IdVersion = z.object({ id: Id, version: z.number().int().min(1) });

export const complaints = {
  /**
   * Open complaints first, by deadline (so the overdue ones lead), then the rest newest first;
   * one cursor runs across both parts.
   */
  'complaints.list': method({ input: ComplaintQuery, output: ComplaintPage, permission: 'customers.read' }),
  /** Open and overdue complaints in the caller's scope (the nav's badge). */
  'complaints.counts': method({ input: z.object({}).default({}), output: ComplaintCounts, permission: 'customers.read' }),
  /** One complaint with its history, also one in the recycle bin (deletedAt set). */
  'complaints.get': method({ input: IdInput, output: Complaint, permission: 'customers.read' }),
  /**
   * A customer the caller does not see → VALIDATION 'customer'; an assignee who is not an active
   * user able to own customers → 'staff'; a deadline before the opening → 'deadline'.
   */
  'complaints.create': method({ input: ComplaintDraft, output: Complaint, permission: 'customers.write' }),
  /** A stale version is a CONFLICT; a deadline or assignee change is kept in the history. */
  'complaints.update': method({ input: ComplaintUpdate, output: Complaint, permission: 'customers.write' }),
  /** A step the workflow does not have (closing a new complaint, ...) is a CONFLICT with reason 'status'. */
  'complaints.setStatus': method({ input: ComplaintStatusChange, output: Complaint, permission: 'customers.write' }),
  'complaints.delete': method({ input: IdVersion, output: z.object({ id: Id }), permission: 'customers.delete' }),
  'complaints.restore': method({ input: IdInput, output: Complaint, permission: 'customers.delete' }),
  /** Only a complaint in the recycle bin; its history goes with it. */
  'complaints.purge': method({ input: IdInput, output: z.object({ id: Id }), permission: 'customers.purge' }),
  /** The recycle bin's complaints, most recently deleted first. */
  'complaints.listDeleted': method({ input: z.object({ after: Cursor, limit: Limit }), output: ComplaintPage, permission: 'customers.delete' }),
};

export const complaintsArea = defineArea({
  methods: complaints,
  auditEntities: ['complaint'],
  auditActions: ['complaint.create', 'complaint.update', 'complaint.status', 'complaint.delete', 'complaint.restore', 'complaint.purge'],
});

/**
 * What a caller may do with one complaint they can see: the customers' row-level rule (staff
 * delete and restore only what they created), editing and the workflow's steps for whoever writes
 * customers while it is live, purging only from the recycle bin.
 */
export function complaintActions(caller: { userId: number; role: Role }, complaint: { createdBy: number | null; deletedAt: number | null; status: ComplaintStatus }): ComplaintActions {
  const rule = customerActions(caller, { createdBy: complaint.createdBy });
  const live = complaint.deletedAt === null;
  const step = (to: ComplaintStatus) => rule.edit && live && canMove(complaint.status, to);
  return {
    edit: rule.edit && live,
    start: complaint.status === 'new' && step('inProgress'),
    resolve: step('resolved'),
    close: step('closed'),
    reopen: complaint.status !== 'new' && step('inProgress'),
    delete: rule.delete && live,
    restore: rule.delete && !live,
    purge: rule.purge && !live,
  };
}
