// Service standards (服务标准): per customer grade, how often the customer should hear from us
// (return-visit cadence, days) and how fast a complaint must be answered (response deadline,
// hours); whether deadlines count only working days; the low-score thresholds that open a
// complaint from a survey; and the working calendar (China's statutory holidays and make-up
// working days as the app knows them, plus the owner's corrections). Everyone who reads customers
// reads them; only the owner (`settings.manage`) changes them.
import { z } from 'zod';
import { defineArea } from './area.ts';
import { CalendarDate, GRADES } from './customers.ts';
import { method } from './method.ts';

export const RETURN_DAYS_MAX = 3650;
export const RESPONSE_HOURS_MAX = 8760;
export const CALENDAR_NAME_MAX = 40;
export const CALENDAR_FIRST_YEAR = 2000;
export const CALENDAR_LAST_YEAR = 2100;

export const GradeStandard = z.object({
  grade: z.enum(GRADES),
  /** Return-visit cadence: a customer not heard from for this many days is due a return visit. */
  returnDays: z.number().int().min(1).max(RETURN_DAYS_MAX),
  /** A complaint must be answered within this many hours (working hours when `workingDays`). */
  responseHours: z.number().int().min(1).max(RESPONSE_HOURS_MAX),
});
export type GradeStandard = z.infer<typeof GradeStandard>;

export const LowScore = z.object({
  /** A dimension's score (1–5) at most this opens a complaint (1–4). */
  dimensionAtMost: z.number().int().min(1).max(4),
  /** An NPS answer (0–10) at most this opens a complaint (0–9). */
  npsAtMost: z.number().int().min(0).max(9),
});
export type LowScore = z.infer<typeof LowScore>;

export const Standards = z.object({
  /** vip, key, normal, potential, in that order. */
  grades: z.array(GradeStandard),
  /** Deadlines count only the hours of working days. */
  workingDays: z.boolean(),
  lowScore: LowScore,
  /** One version for the whole page: a change made since it was read is a CONFLICT. */
  version: z.number().int(),
  /** What the core would allow this caller. */
  actions: z.object({ edit: z.boolean() }),
});
export type Standards = z.infer<typeof Standards>;

export const StandardsUpdate = z.object({
  version: z.number().int().min(1),
  /** Each grade at most once; grades left out keep their standard. */
  grades: z
    .array(GradeStandard)
    .max(GRADES.length)
    .refine((grades) => new Set(grades.map((g) => g.grade)).size === grades.length, { message: 'taken' })
    .optional(),
  workingDays: z.boolean().optional(),
  lowScore: LowScore.partial().optional(),
});

export const CALENDAR_KINDS = ['holiday', 'workday'] as const;
export type CalendarKind = (typeof CALENDAR_KINDS)[number];

export const CalendarDay = z.object({
  day: z.string(),
  /** What the day is now: a day off ('holiday') or a working day ('workday'). */
  kind: z.enum(CALENDAR_KINDS),
  /** The owner's name for it, or the built-in one (tyme4ts's Chinese name, e.g. 国庆节; the renderer translates those). */
  name: z.string(),
  /** 'owner' when the owner corrected or added it. */
  source: z.enum(['builtin', 'owner']),
  /** What the app's own calendar says of it (null: an ordinary day). */
  builtin: z.enum(CALENDAR_KINDS).nullable(),
});
export type CalendarDay = z.infer<typeof CalendarDay>;

export const CalendarYear = z.object({
  year: z.number().int(),
  /** Only the days that are not ordinary (weekdays working, weekends off), by day. */
  days: z.array(CalendarDay),
  /** The years the app's own calendar has statutory data for. */
  knownYears: z.array(z.number().int()),
  actions: z.object({ edit: z.boolean() }),
});
export type CalendarYear = z.infer<typeof CalendarYear>;

/** A name as people type it: trimmed, not too long, no control characters or line breaks. */
const DayName = z
  .string()
  .trim()
  .max(CALENDAR_NAME_MAX)
  .refine((s) => !/[\p{Cc}\u2028\u2029]/u.test(s), { message: 'controlCharacter' });

export const SetCalendarDay = z.object({
  day: CalendarDate.refine((day) => Number(day.slice(0, 4)) >= CALENDAR_FIRST_YEAR && Number(day.slice(0, 4)) <= CALENDAR_LAST_YEAR, { message: 'dateRange' }),
  /** null: back to the app's own calendar. */
  kind: z.enum(CALENDAR_KINDS).nullable(),
  name: DayName.default(''),
});

export const standards = {
  'standards.get': method({ input: z.object({}), output: Standards, permission: 'customers.read' }),
  'standards.update': method({ input: StandardsUpdate, output: Standards, permission: 'settings.manage' }),
  'standards.calendar': method({
    input: z.object({ year: z.number().int().min(CALENDAR_FIRST_YEAR).max(CALENDAR_LAST_YEAR) }),
    output: CalendarYear,
    permission: 'customers.read',
  }),
  'standards.setDay': method({ input: SetCalendarDay, output: CalendarYear, permission: 'settings.manage' }),
};

export const standardsArea = defineArea({ methods: standards, auditEntities: ['standards', 'calendarDay'], auditActions: ['standards.update', 'standards.day'] });
