// Satisfaction surveys (满意度调查): after a service record or a visit, or on its own, a customer's
// CSAT 1–5 per dimension (the owner's list: rename, add, retire without losing old answers), an NPS
// 0–10 and a comment, who was measured and how it was asked. A low score (shared/low-score.ts, the
// owner's thresholds) opens a follow-up complaint in the same transaction. A caller sees the surveys
// of the customers they may see (the staff-scope setting); permissions are the customers' own, and
// staff delete and restore only what they created. Every row carries `actions`, what the core would
// allow this caller. Trends: CSAT per dimension and NPS by month, for the shop, a staff member or a
// customer.
import { z } from 'zod';
import { defineArea } from './area.ts';
import { Id } from './customers.ts';
import { method } from './method.ts';
import { DayInRange, InstantInRange } from './records.ts';
import { customerActions, type Role } from '../roles.ts';

export const SURVEY_CHANNELS = ['phone', 'visit', 'wechat', 'paper'] as const;
export type SurveyChannel = (typeof SURVEY_CHANNELS)[number];
export const SURVEY_SOURCES = ['app', 'import'] as const;

export const SURVEY_COMMENT_MAX = 5000;
/** How many characters of the comment a list row carries. */
export const SURVEY_EXCERPT_CHARS = 200;
export const DIMENSION_NAME_MAX = 100;
/** How many dimensions the owner may keep (live and retired). */
export const DIMENSIONS_MAX = 50;
/** Trends cover at most this many months. */
export const TRENDS_MONTHS_MAX = 60;

/** The dimensions the app starts with (their names are the renderer's, by key, while `name` is ''). */
export const BUILTIN_DIMENSION_KEYS = ['quality', 'attitude', 'speed', 'professionalism'] as const;

const noControl = (s: string) => !/[\p{Cc}\u2028\u2029]/u.test(s.replace(/[\n\r\t]/g, ''));

export const Score = z.number().int().min(1).max(5);
export const Nps = z.number().int().min(0).max(10);
/** A calendar month, YYYY-MM, 1970-01 to 2100-12. */
export const Month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'date' })
  .refine((m) => m >= '1970-01' && m <= '2100-12', { message: 'dateRange' });

export const ScoreDraft = z.object({ dimensionId: Id, score: Score });
export type ScoreDraft = z.infer<typeof ScoreDraft>;

/** A survey's fields without its customer (what an update may change). */
export const SurveyFields = z.object({
  /** One of this customer's service records (not in the recycle bin). */
  recordId: Id.nullable().default(null),
  /** One of this customer's visits (not in the recycle bin). */
  visitId: Id.nullable().default(null),
  /** When it was answered, ms since 1970. */
  at: InstantInRange,
  /**
   * The staff member it measures (who served): an active user, or null for nobody. Left out: the
   * record's or visit's staff member, else the caller (on update: left as it is).
   */
  staffId: Id.nullable().optional(),
  channel: z.enum(SURVEY_CHANNELS).default('phone'),
  /** Each live dimension at most once; some may be skipped. */
  scores: z.array(ScoreDraft).max(DIMENSIONS_MAX).default([]),
  nps: Nps.nullable().default(null),
  comment: z.string().trim().max(SURVEY_COMMENT_MAX).refine(noControl, { message: 'controlCharacter' }).default(''),
});

/** At least one score or an NPS ('required'); a dimension at most once ('dimension'). */
function checkAnswers(draft: { scores: readonly ScoreDraft[]; nps: number | null }, ctx: z.RefinementCtx): void {
  if (draft.scores.length === 0 && draft.nps === null) ctx.addIssue({ code: 'custom', path: ['scores'], message: 'required' });
  const seen = new Set<number>();
  for (const [i, s] of draft.scores.entries()) {
    if (seen.has(s.dimensionId)) ctx.addIssue({ code: 'custom', path: ['scores', i, 'dimensionId'], message: 'dimension' });
    seen.add(s.dimensionId);
  }
}

export const SurveyDraft = SurveyFields.extend({ customerId: Id }).superRefine(checkAnswers);
export type SurveyDraftInput = z.input<typeof SurveyDraft>;
export type SurveyDraftValue = z.output<typeof SurveyDraft>;

export const SurveyUpdate = SurveyFields.extend({ id: Id, version: z.number().int().min(1) }).superRefine(checkAnswers);
export type SurveyUpdateInput = z.input<typeof SurveyUpdate>;
export type SurveyFieldsValue = z.output<typeof SurveyFields>;

/** What the caller may do with this survey (the core refuses exactly what this says no to). */
export const SurveyActions = z.object({ edit: z.boolean(), delete: z.boolean(), restore: z.boolean(), purge: z.boolean() });
export type SurveyActions = z.infer<typeof SurveyActions>;

/** A survey's answer to one dimension, with the dimension as it is now (renamed or retired since, maybe). */
export const SurveyScore = z.object({
  dimensionId: Id,
  key: z.string(),
  /** The owner's name; '' = the built-in name of `key`. */
  name: z.string(),
  retired: z.boolean(),
  score: z.number().int(),
});
export type SurveyScore = z.infer<typeof SurveyScore>;

export const Survey = z.object({
  id: Id,
  customerId: Id,
  customerName: z.string(),
  customerCode: z.string(),
  recordId: Id.nullable(),
  visitId: Id.nullable(),
  at: z.number(),
  /** Local YYYY-MM of `at` (the month trends count it in). */
  month: z.string(),
  staffId: Id.nullable(),
  staffName: z.string().nullable(),
  /** Who entered it (asked the customer). */
  askedBy: Id.nullable(),
  askedByName: z.string().nullable(),
  channel: z.enum(SURVEY_CHANNELS),
  scores: z.array(SurveyScore),
  nps: z.number().int().nullable(),
  comment: z.string(),
  source: z.enum(SURVEY_SOURCES),
  /** The complaint its low score opened (null: none, or purged since). */
  complaintId: Id.nullable(),
  createdBy: Id.nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  deletedAt: z.number().nullable(),
  version: z.number().int(),
  actions: SurveyActions,
});
export type Survey = z.infer<typeof Survey>;

export const SurveyRow = Survey.pick({
  id: true,
  customerId: true,
  customerName: true,
  customerCode: true,
  recordId: true,
  visitId: true,
  at: true,
  staffId: true,
  staffName: true,
  channel: true,
  nps: true,
  complaintId: true,
  deletedAt: true,
  version: true,
  actions: true,
}).extend({
  scores: z.array(z.object({ dimensionId: Id, score: z.number().int() })),
  /** The first SURVEY_EXCERPT_CHARS characters of the comment. */
  excerpt: z.string(),
});
export type SurveyRow = z.infer<typeof SurveyRow>;

/** What creating a survey did: the survey, and the complaint its low score opened (null: none). */
export const SurveyCreated = z.object({
  survey: Survey,
  complaint: z.object({ id: Id, dueAt: z.number(), assigneeId: Id.nullable(), assigneeName: z.string().nullable() }).nullable(),
});
export type SurveyCreated = z.infer<typeof SurveyCreated>;

const Cursor = z.string().max(2000).nullable().default(null);
const Limit = z.number().int().min(1).max(100).default(50);

export const SurveyQuery = z.object({
  customerId: Id.optional(),
  staffId: Id.optional(),
  /** Surveys of the customers this staff member is responsible for (staff performance). */
  ownerId: Id.optional(),
  recordId: Id.optional(),
  visitId: Id.optional(),
  /** The shop's local days it was answered on, both included. */
  from: DayInRange.optional(),
  to: DayInRange.optional(),
  after: Cursor,
  limit: Limit,
});
export type SurveyQueryInput = z.input<typeof SurveyQuery>;

export const SurveyPage = z.object({ rows: z.array(SurveyRow), next: z.string().nullable() });
export type SurveyPage = z.infer<typeof SurveyPage>;

export const Dimension = z.object({
  id: Id,
  /** Names it on the command line (`--scores quality=4`). */
  key: z.string(),
  /** The owner's name; '' = the built-in name of `key` (the renderer's, in the user's language). */
  name: z.string(),
  position: z.number().int(),
  retired: z.boolean(),
  version: z.number().int(),
});
export type Dimension = z.infer<typeof Dimension>;

export const DimensionSave = z.object({
  /** Left out: a new dimension. */
  id: Id.optional(),
  /** A new dimension needs a name; '' on a built-in one goes back to its built-in name. */
  name: z.string().trim().max(DIMENSION_NAME_MAX).refine(noControl, { message: 'controlCharacter' }),
  /** A new dimension's key (letters, digits, '-' or '_'); left out: made from its id. */
  key: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_-]{0,31}$/, { message: 'dimension' })
    .optional(),
  /** Where it is listed (left out: last for a new one, unchanged for an existing one). */
  position: z.number().int().min(0).max(10_000).optional(),
  /** Required to change an existing dimension (stale: CONFLICT). */
  version: z.number().int().min(1).optional(),
});
export type DimensionSaveInput = z.input<typeof DimensionSave>;

export const TrendsQuery = z
  .object({
    customerId: Id.optional(),
    /** One staff member's surveys; null: those measuring nobody; left out: everyone's. */
    staffId: Id.nullable().optional(),
    from: Month,
    to: Month,
  })
  .superRefine((q, ctx) => {
    // Only between months that are valid themselves (one refused for its own sake says so once).
    if (!Month.safeParse(q.from).success || !Month.safeParse(q.to).success) return;
    if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'dateOrder' });
    else if (monthsBetween(q.from, q.to) > TRENDS_MONTHS_MAX) ctx.addIssue({ code: 'custom', path: ['to'], message: 'monthSpan' });
  });
export type TrendsQueryInput = z.input<typeof TrendsQuery>;

/** How many months from `from` to `to`, both included ('2026-01'..'2026-03' → 3). */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/** Every month from `from` to `to`, both included. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (let i = monthsBetween(from, to); i > 0; i--) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

export const TrendsMonth = z.object({
  month: z.string(),
  /** Every dimension the answer lists (`dimensions`), in that order; average null with no answers. */
  dimensions: z.array(z.object({ dimensionId: Id, answers: z.number().int(), average: z.number().nullable() })),
  nps: z.object({
    answers: z.number().int(),
    promoters: z.number().int(),
    passives: z.number().int(),
    detractors: z.number().int(),
    /** % promoters − % detractors, one decimal; null with no answers. */
    score: z.number().nullable(),
  }),
});
export type TrendsMonth = z.infer<typeof TrendsMonth>;

export const Trends = z.object({
  /** Every month of the range, oldest first (empty months too). */
  months: z.array(TrendsMonth),
  /** The live dimensions, and the retired ones answered in the range. */
  dimensions: z.array(Dimension),
});
export type Trends = z.infer<typeof Trends>;

const IdInput = z.object({ id: Id });
const IdVersion = z.object({ id: Id, version: z.number().int().min(1) });

export const surveys = {
  /** Newest first (at, then id). */
  'surveys.list': method({ input: SurveyQuery, output: SurveyPage, permission: 'customers.read' }),
  /** One survey, also one in the recycle bin (deletedAt set). */
  'surveys.get': method({ input: IdInput, output: Survey, permission: 'customers.read' }),
  /**
   * A record or visit that is not this customer's is refused (VALIDATION 'record' / 'visit'), a
   * retired or unknown dimension ('dimension'), an inactive staff member ('staff'). A low score
   * opens a complaint in the same transaction (answered as `complaint`).
   */
  'surveys.create': method({ input: SurveyDraft, output: SurveyCreated, permission: 'customers.write' }),
  /** Never opens a second complaint. A stale version is a CONFLICT; one in the recycle bin is not edited (NOT_FOUND). */
  'surveys.update': method({ input: SurveyUpdate, output: Survey, permission: 'customers.write' }),
  'surveys.delete': method({ input: IdVersion, output: z.object({ id: Id }), permission: 'customers.delete' }),
  'surveys.restore': method({ input: IdInput, output: Survey, permission: 'customers.delete' }),
  /** Only a survey in the recycle bin; a complaint it opened stays (no longer linked). */
  'surveys.purge': method({ input: IdInput, output: z.object({ id: Id }), permission: 'customers.purge' }),
  /** The recycle bin's surveys, most recently deleted first. */
  'surveys.listDeleted': method({ input: z.object({ after: Cursor, limit: Limit }), output: SurveyPage, permission: 'customers.delete' }),
  /** CSAT per dimension and NPS by month, for the shop, a staff member or a customer (the caller's scope). */
  'surveys.trends': method({ input: TrendsQuery, output: Trends, permission: 'customers.read' }),
  /** Every dimension, live and retired, by position. */
  'surveys.dimensions': method({ input: z.object({}).default({}), output: z.array(Dimension), permission: 'customers.read' }),
  'surveys.saveDimension': method({ input: DimensionSave, output: Dimension, permission: 'settings.manage' }),
  /** Retired: no longer asked, its answers kept; unretired: asked again. */
  'surveys.retireDimension': method({ input: z.object({ id: Id, retired: z.boolean() }), output: Dimension, permission: 'settings.manage' }),
};

export const surveysArea = defineArea({
  methods: surveys,
  auditEntities: ['survey', 'surveyDimension'],
  auditActions: ['survey.create', 'survey.update', 'survey.delete', 'survey.restore', 'survey.purge', 'surveyDimension.create', 'surveyDimension.update', 'surveyDimension.retire', 'surveyDimension.unretire'],
});

/**
 * What a caller may do with one survey they can see: the customers' row-level rule (staff delete
 * and restore only what they created), editing for whoever writes customers while it is live,
 * purging only from the recycle bin.
 */
export function surveyActions(caller: { userId: number; role: Role }, survey: { createdBy: number | null; deletedAt: number | null }): SurveyActions {
  const rule = customerActions(caller, { createdBy: survey.createdBy });
  const live = survey.deletedAt === null;
  return { edit: rule.edit && live, delete: rule.delete && live, restore: rule.delete && !live, purge: rule.purge && !live };
}
