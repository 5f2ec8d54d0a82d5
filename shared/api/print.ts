// Printed documents (打印): the visit sheet of a day or a week, the customer profile sheet and the
// service report. Each method answers the document's data as the caller may see it (scope,
// masking) and writes its audit entry: a print is logged when its document is produced for
// printing. The renderer lays the data out on A4 (features/print).
import { z } from 'zod';
import { defineArea } from './area.ts';
import { CalendarDate, Customer, Id } from './customers.ts';
import { method } from './method.ts';
import { TimelineEntry } from './timeline.ts';

/** The longest visit sheet one call answers (six weeks, as the agendas). */
export const VISIT_SHEET_MAX_DAYS = 42;
/** The most visits one sheet holds; beyond it the sheet says that more were left off. */
export const VISIT_SHEET_MAX_VISITS = 2000;
/** How many characters of the last visit's note a sheet carries (paper is not the place for all of it). */
export const LAST_NOTE_CHARS = 300;
/** How many of the customer's latest timeline entries the profile sheet shows. */
export const PROFILE_TIMELINE_ENTRIES = 20;
/** Visits are printed for days from 1970 through 2100, as they are planned. */
const FIRST_DAY = '1970-01-01';
const LAST_DAY = '2100-12-31';

const SheetDay = CalendarDate.refine((day) => day >= FIRST_DAY && day <= LAST_DAY, { message: 'dateRange' });

/** What heads every document: the shop, its logo, who printed it and when. */
export const PrintHeader = z.object({
  shopName: z.string(),
  /** The shop's logo as a `data:` URL (PNG or JPEG, at most 2 MiB), so the page needs no network; null: none. */
  logo: z.string().nullable(),
  printedBy: z.string(),
  /** Milliseconds since 1970. */
  printedAt: z.number(),
});
export type PrintHeader = z.infer<typeof PrintHeader>;

export const VisitSheetQuery = z
  .object({
    /** One staff member's sheet, or null: the whole shop's (not for staff limited to their own customers). */
    staffId: Id.nullable().default(null),
    from: SheetDay,
    to: SheetDay,
  })
  .superRefine((q, ctx) => {
    if (q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'dateOrder' });
    else if (Date.parse(`${q.to}T00:00:00Z`) - Date.parse(`${q.from}T00:00:00Z`) >= VISIT_SHEET_MAX_DAYS * 86_400_000) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'spanTooLong' });
    }
  });
export type VisitSheetQueryInput = z.input<typeof VisitSheetQuery>;

export const VisitSheetLine = z.object({
  id: Id,
  onDay: z.string(),
  /** Minutes after the day's midnight. */
  startMinute: z.number().int(),
  durationMinutes: z.number().int(),
  status: z.enum(['planned', 'done', 'postponed']),
  customerId: Id,
  customerName: z.string(),
  customerCode: z.string(),
  address: z.string(),
  contactName: z.string(),
  /** The contact's mobile, else their phone; masked per the caller's role. */
  contactPhone: z.string(),
  staffId: Id,
  staffName: z.string(),
  purpose: z.string(),
  agenda: z.string(),
  /** This customer's previous done visit before this one: its day and (the first LAST_NOTE_CHARS characters of) its outcome. */
  lastVisitNote: z.object({ onDay: z.string(), outcome: z.string() }).nullable(),
});
export type VisitSheetLine = z.infer<typeof VisitSheetLine>;

export const VisitSheet = PrintHeader.extend({
  from: z.string(),
  to: z.string(),
  /** The staff member whose sheet it is; null: the whole shop's. */
  staff: z.object({ id: Id, name: z.string() }).nullable(),
  /** Live visits that are not cancelled, by day, start minute and id. */
  visits: z.array(VisitSheetLine),
  /** More than VISIT_SHEET_MAX_VISITS visits: the rest were left off. */
  more: z.boolean(),
});
export type VisitSheet = z.infer<typeof VisitSheet>;

export const CustomerProfile = PrintHeader.extend({
  /** The customer as the caller may see it (contacts masked per their role). */
  customer: Customer,
  /** The latest PROFILE_TIMELINE_ENTRIES entries of the customer's timeline, newest first. */
  timeline: z.array(TimelineEntry),
});
export type CustomerProfile = z.infer<typeof CustomerProfile>;

export const ServiceReport = PrintHeader.extend({
  record: z.object({
    id: Id,
    kind: z.enum(['service', 'communication']),
    at: z.number(),
    staffName: z.string().nullable(),
    content: z.string(),
    phase: z.enum(['presale', 'insale', 'aftersale']).nullable(),
    serviceKind: z.enum(['installation', 'repair', 'maintenance', 'consultation', 'training', 'other']).nullable(),
    durationMinutes: z.number().int().nullable(),
    result: z.string(),
    status: z.enum(['open', 'done']).nullable(),
    feedback: z.string(),
    channel: z.enum(['phone', 'email', 'meeting', 'visit', 'wechat', 'other']).nullable(),
    participants: z.array(z.string()),
    agreements: z.string(),
    followUpOn: z.string().nullable(),
    contractNumber: z.string().nullable(),
    contractTitle: z.string().nullable(),
  }),
  customer: z.object({
    id: Id,
    code: z.string(),
    name: z.string(),
    address: z.string(),
    /** Masked per the caller's role. */
    phone: z.string(),
  }),
});
export type ServiceReport = z.infer<typeof ServiceReport>;

export const print = {
  /**
   * A staff member's (or the whole shop's) visits of the days from..to. With the staff-scope
   * setting on, a staff member prints only their own sheet (another's, or the shop's: FORBIDDEN).
   */
  'print.visitSheet': method({ input: VisitSheetQuery, output: VisitSheet, permission: 'print' }),
  /** A customer the caller may see (else NOT_FOUND): its archive fields, contacts, grade and latest timeline. */
  'print.customerProfile': method({ input: z.object({ customerId: Id }), output: CustomerProfile, permission: 'print' }),
  /** A live record of a customer the caller may see (else NOT_FOUND), for the customer's signature. */
  'print.serviceReport': method({ input: z.object({ recordId: Id }), output: ServiceReport, permission: 'print' }),
};

export const printArea = defineArea({
  methods: print,
  auditEntities: ['print'],
  auditActions: ['print.visitSheet', 'print.customerProfile', 'print.serviceReport'],
});
