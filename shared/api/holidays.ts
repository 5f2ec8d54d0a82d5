// Holiday care (节日关怀): the festivals a Chinese shop greets its customers on, each computed for
// its year (lunar ones through the lunar calendar: areas/holidays/festivals.ts), shown in Today
// `daysAhead` days before with the customers of the chosen grades still to greet, and a greeting
// (问候) recorded per customer as a care note of occasion 'holiday' on the festival's day (areas/
// care), which the customer's timeline shows. The festival list and its settings are the owner's
// (settings.manage); customers are seen, greeted and listed as the customers' other data
// (customers.read / customers.write, inside the caller's scope).
import { z } from 'zod';
import { defineArea } from './area.ts';
import { GRADES, Id } from './customers.ts';
import { method } from './method.ts';

/** The built-in festivals: five lunar, two solar. */
/** Their keys are lower-case words, as page addresses take them (#/holidays/mid-autumn/2026). */
export const BUILTIN_FESTIVALS = ['spring-festival', 'lantern', 'dragon-boat', 'mid-autumn', 'double-ninth', 'new-year', 'national-day'] as const;
export type BuiltinFestival = (typeof BUILTIN_FESTIVALS)[number];

export const FESTIVAL_CALENDARS = ['solar', 'lunar'] as const;
export type FestivalCalendar = (typeof FESTIVAL_CALENDARS)[number];

export const DAYS_AHEAD_MAX = 60;
export const OWN_FESTIVALS_MAX = 30;
export const FESTIVAL_NAME_MAX = 40;
export const GREETING_NOTE_MAX = 2000;

const noControl = (s: string) => !/[\p{Cc}\u2028\u2029]/u.test(s);

export const OwnFestival = z
  .object({
    /** A stable key the page address names ('own-1', 'own-2'…): given by the core when absent. */
    key: z.string().regex(/^own-\d{1,6}$/).optional(),
    name: z.string().trim().min(1).max(FESTIVAL_NAME_MAX).refine(noControl, { message: 'controlCharacter' }),
    calendar: z.enum(FESTIVAL_CALENDARS),
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
  })
  .superRefine((f, ctx) => {
    // Lunar months have at most 30 days; a solar date must exist in a leap year at least.
    const most = f.calendar === 'lunar' ? 30 : [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][f.month - 1]!;
    if (f.day > most) ctx.addIssue({ code: 'custom', path: ['day'], message: 'date' });
  });
export type OwnFestival = z.infer<typeof OwnFestival>;

export const HolidaySettings = z.object({
  daysAhead: z.number().int().min(1).max(DAYS_AHEAD_MAX),
  grades: z.array(z.enum(GRADES)).min(1).max(GRADES.length),
  /** The built-in festivals that are greeted (the others are off). */
  builtins: z.array(z.enum(BUILTIN_FESTIVALS)),
  own: z.array(OwnFestival).max(OWN_FESTIVALS_MAX),
});
export type HolidaySettings = z.infer<typeof HolidaySettings>;
export type HolidaySettingsInput = z.input<typeof HolidaySettings>;

export const HOLIDAY_DEFAULTS: HolidaySettings = { daysAhead: 14, grades: ['vip', 'key'], builtins: [...BUILTIN_FESTIVALS], own: [] };

/** A festival key: a built-in's name or an own festival's 'own-N'. */
export const FestivalKey = z.string().regex(/^([a-z][a-z-]{0,29}|own-\d{1,6})$/);

export const GradeCount = z.object({ grade: z.enum(GRADES), toGreet: z.number().int(), greeted: z.number().int() });
export type GradeCount = z.infer<typeof GradeCount>;

/** One festival on its day of a year, with the customers to greet (the settings' grades, in the caller's sight). */
export const FestivalDue = z.object({
  key: FestivalKey,
  /** Built-ins: the UI names them in its language; own festivals: the owner's name. */
  builtin: z.enum(BUILTIN_FESTIVALS).nullable(),
  name: z.string(),
  calendar: z.enum(FESTIVAL_CALENDARS),
  /** The year it is computed for (a lunar festival: the lunar year that starts in it). */
  year: z.number().int(),
  /** Its Gregorian day that year. */
  day: z.string(),
  /** Days from today (0: today). */
  inDays: z.number().int(),
  byGrade: z.array(GradeCount),
  /** Customers of the chosen grades, and how many of them were greeted. */
  toGreet: z.number().int(),
  greeted: z.number().int(),
});
export type FestivalDue = z.infer<typeof FestivalDue>;

export const HolidayCustomer = z.object({
  customerId: Id,
  name: z.string(),
  code: z.string(),
  grade: z.enum(GRADES),
  ownerName: z.string().nullable(),
  /** The greeting recorded for this festival's day (a care note), or null. */
  greeting: z.object({ noteId: Id, at: z.number(), staffName: z.string().nullable() }).nullable(),
  actions: z.object({ greet: z.boolean() }),
});
export type HolidayCustomer = z.infer<typeof HolidayCustomer>;

const Cursor = z.string().max(2000).nullable().default(null);
const Limit = z.number().int().min(1).max(100).default(50);
const Year = z.number().int().min(1901).max(2099);

export const HolidayCustomersQuery = z.object({
  key: FestivalKey,
  year: Year,
  q: z.string().trim().max(100).optional(),
  /** Only those still to greet, or only those greeted. */
  greeted: z.boolean().optional(),
  after: Cursor,
  limit: Limit,
});
export type HolidayCustomersQueryInput = z.input<typeof HolidayCustomersQuery>;

export const HolidayCustomersPage = z.object({ festival: FestivalDue, rows: z.array(HolidayCustomer), next: z.string().nullable() });
export type HolidayCustomersPage = z.infer<typeof HolidayCustomersPage>;

export const holidays = {
  'holidays.settings': method({ input: z.object({}).default({}), output: HolidaySettings, permission: 'customers.read' }),
  /** Own festivals without a key get the next free one. */
  'holidays.saveSettings': method({ input: HolidaySettings, output: HolidaySettings, permission: 'settings.manage' }),
  /** The festivals of a year with their days (no counts): the settings tab's preview. */
  'holidays.calendar': method({ input: z.object({ year: Year }), output: z.array(FestivalDue.pick({ key: true, builtin: true, name: true, calendar: true, year: true, day: true })), permission: 'customers.read' }),
  /**
   * The festivals from today through daysAhead days with customers to greet (what Today lists);
   * span 'year': through the next 12 months instead (the festivals page, #/holidays).
   */
  'holidays.upcoming': method({
    input: z.object({ mine: z.boolean().default(false), span: z.enum(['daysAhead', 'year']).default('daysAhead') }).default({ mine: false, span: 'daysAhead' }),
    output: z.array(FestivalDue),
    permission: 'customers.read',
  }),
  /** The customers to greet for one festival of one year, by name (pinyin order). */
  'holidays.customers': method({ input: HolidayCustomersQuery, output: HolidayCustomersPage, permission: 'customers.read' }),
  /** Records a greeting: a care note (occasion 'holiday', on the festival's day). Greeting twice is one note. */
  'holidays.greet': method({
    input: z.object({ key: FestivalKey, year: Year, customerId: Id, note: z.string().trim().max(GREETING_NOTE_MAX).optional() }),
    output: z.object({ customerId: Id, noteId: Id, created: z.boolean() }),
    permission: 'customers.write',
  }),
};

export const holidaysArea = defineArea({
  methods: holidays,
  auditEntities: ['holidays'],
  auditActions: ['holidays.settings'],
});
