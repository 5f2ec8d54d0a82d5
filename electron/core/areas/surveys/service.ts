// Satisfaction surveys: the list (keyset pages, newest first), a survey with its scores, create
// (opening a complaint when a score is low, in the same transaction), update, the recycle bin, the
// trends by month and the owner's dimensions. A caller sees the surveys of the customers they may
// see (the staff-scope setting); a customer in the recycle bin hides its surveys, and its purge
// removes them (purgeSurveysOf). Every write keeps survey_month_totals (the shop's and each staff
// member's trends) and appends its audit entry in its own transaction.
import { sql, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { z } from 'zod';
import { COMPLAINT_DESCRIPTION_MAX } from '../../../../shared/api/complaints.ts';
import {
  SURVEY_EXCERPT_CHARS,
  monthRange,
  surveyActions,
  type Dimension,
  type DimensionSave,
  type ScoreDraft,
  type Survey,
  type SurveyCreated,
  type SurveyDraftValue,
  type SurveyFieldsValue,
  type SurveyPage,
  type SurveyQuery,
  type SurveyRow,
  type Trends,
  type TrendsMonth,
  type TrendsQuery,
} from '../../../../shared/api/surveys.ts';
import { addDays, localDay } from '../../../../shared/contract-status.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import { lowScoreReasons, npsClass, npsScore } from '../../../../shared/low-score.ts';
import type { ValidationMessage } from '../../../../shared/validation.ts';
import { transaction, type Db } from '../../db/database.ts';
import { keysetPage, type SortColumn } from '../../db/keyset.ts';
import type { DB } from '../../db/schema.ts';
import { appendAudit, changedFields, type FieldChange } from '../audit/service.ts';
import { openComplaint } from '../complaints/service.ts';
import { dayStart, type Actor } from '../records/service.ts';
import { lowScoreRule } from '../standards/deadline.ts';
import type { Access } from '../users/access.ts';

export type { Actor } from '../records/service.ts';

type Query = z.output<typeof SurveyQuery>;
type TrendsInput = z.output<typeof TrendsQuery>;
type DimensionInput = z.output<typeof DimensionSave>;

/** The local month (YYYY-MM) a survey answered at `at` counts in. */
export function monthOf(at: number): string {
  return localDay(at).slice(0, 7);
}

// ---------------------------------------------------------------------------------------------
// survey_month_totals

/** What a survey adds to the totals: its month, staff member and answers. */
export type Counted = { month: string; staffId: number | null; nps: number | null; scores: readonly { dimensionId: number; score: number }[] };

/**
 * Adds (sign 1) or takes away (sign -1) one survey's answers from survey_month_totals: one row per
 * month × staff member (0: none) × dimension (0: NPS). Rows left with no answers are removed, so
 * the table is always exactly the sums of the live surveys (the tests recompute it from the rows).
 */
export async function countSurvey(tx: Db, survey: Counted, sign: 1 | -1): Promise<void> {
  const staff = survey.staffId ?? 0;
  const cells = survey.scores.map((s) => ({ dimension: s.dimensionId, total: s.score, promoters: 0, passives: 0, detractors: 0 }));
  if (survey.nps !== null) {
    const kind = npsClass(survey.nps);
    cells.push({ dimension: 0, total: survey.nps, promoters: kind === 'promoter' ? 1 : 0, passives: kind === 'passive' ? 1 : 0, detractors: kind === 'detractor' ? 1 : 0 });
  }
  for (const cell of cells) {
    await sql`
      INSERT INTO survey_month_totals (month, staff_id, dimension_id, answers, total, promoters, passives, detractors)
      VALUES (${survey.month}, ${staff}, ${cell.dimension}, ${sign}, ${sign * cell.total}, ${sign * cell.promoters}, ${sign * cell.passives}, ${sign * cell.detractors})
      ON CONFLICT (month, staff_id, dimension_id) DO UPDATE SET
        answers = answers + excluded.answers, total = total + excluded.total, promoters = promoters + excluded.promoters,
        passives = passives + excluded.passives, detractors = detractors + excluded.detractors`.execute(tx);
  }
  if (sign === -1 && cells.length > 0) {
    await tx
      .deleteFrom('survey_month_totals')
      .where('month', '=', survey.month)
      .where('staff_id', '=', staff)
      .where('answers', '<=', 0)
      .execute();
  }
}

async function scoresOfIds(db: Db, ids: readonly number[]): Promise<Map<number, { dimensionId: number; score: number }[]>> {
  const out = new Map<number, { dimensionId: number; score: number }[]>();
  if (ids.length === 0) return out;
  const rows = await db.selectFrom('survey_scores').select(['survey_id', 'dimension_id', 'score']).where('survey_id', 'in', ids).orderBy('survey_id').orderBy('dimension_id').execute();
  for (const row of rows) {
    const list = out.get(row.survey_id) ?? [];
    list.push({ dimensionId: row.dimension_id, score: row.score });
    out.set(row.survey_id, list);
  }
  return out;
}

/** What a stored survey adds to the totals. */
async function countedOf(db: Db, row: { id: number; month: string; staff_id: number | null; nps: number | null }): Promise<Counted> {
  const scores = (await scoresOfIds(db, [row.id])).get(row.id) ?? [];
  return { month: row.month, staffId: row.staff_id, nps: row.nps, scores };
}

// ---------------------------------------------------------------------------------------------
// Reading

type Joined = DB & { s: DB['surveys']; c: DB['customers']; u: DB['users'] };

function joined(db: Db) {
  return db.selectFrom('surveys as s').innerJoin('customers as c', 'c.id', 's.customer_id').leftJoin('users as u', 'u.id', 's.staff_id');
}

/**
 * Only surveys of customers this caller sees. Unary plus on the owner: the surveys' own index
 * leads (newest first), each survey's customer checked.
 */
function visible<Q extends SelectQueryBuilder<Joined, 's' | 'c' | 'u', unknown>>(query: Q, access: Access): Q {
  let q = query.where('c.deleted_at', 'is', null);
  if (access.scopeOwnerId !== null) q = q.where(sql<SqlBool>`+c.owner_id = ${access.scopeOwnerId}`);
  return q as Q; // a where keeps the builder's type, which TypeScript cannot see through the generic Q
}

/** The complaint a survey opened (the first, should there ever be more), as a correlated subquery. */
const COMPLAINT_ID = sql<number | null>`(SELECT k.id FROM complaints k WHERE k.survey_id = s.id ORDER BY k.id LIMIT 1)`;

function listing(db: Db) {
  return joined(db)
    .select([
      's.id',
      's.customer_id as customerId',
      'c.name as customerName',
      'c.code as customerCode',
      's.record_id as recordId',
      's.visit_id as visitId',
      's.at',
      's.staff_id as staffId',
      'u.display_name as staffName',
      's.channel',
      's.nps',
      's.deleted_at as deletedAt',
      's.version',
      's.created_by as createdBy',
    ])
    .select(COMPLAINT_ID.as('complaintId'))
    .select(sql<string>`substr(s.comment, 1, ${SURVEY_EXCERPT_CHARS})`.as('excerpt'));
}

type StoredRow = Awaited<ReturnType<ReturnType<typeof listing>['executeTakeFirstOrThrow']>>;

async function rowsFor(db: Db, rows: readonly StoredRow[], access: Access): Promise<SurveyRow[]> {
  const scores = await scoresOfIds(
    db,
    rows.map((r) => r.id),
  );
  return rows.map(({ createdBy, ...rest }) => ({ ...rest, scores: scores.get(rest.id) ?? [], actions: surveyActions(access, { createdBy, deletedAt: rest.deletedAt }) }));
}

type ListSort = readonly SortColumn<'s.at' | 's.id' | 's.deleted_at'>[];
const NEWEST: ListSort = [
  { column: 's.at', direction: 'desc' },
  { column: 's.id', direction: 'desc' },
];

export async function listSurveys(db: Db, query: Query, access: Access): Promise<SurveyPage> {
  let q = visible(listing(db), access).where('s.deleted_at', 'is', null);
  if (query.customerId) q = q.where('s.customer_id', '=', query.customerId);
  if (query.staffId) q = q.where('s.staff_id', '=', query.staffId);
  if (query.ownerId) q = q.where('c.owner_id', '=', query.ownerId);
  if (query.recordId) q = q.where('s.record_id', '=', query.recordId);
  if (query.visitId) q = q.where('s.visit_id', '=', query.visitId);
  if (query.from) q = q.where('s.at', '>=', dayStart(query.from));
  if (query.to) q = q.where('s.at', '<', dayStart(addDays(query.to, 1)));
  const page = await keysetPage(q, NEWEST, query.after, query.limit);
  return { rows: await rowsFor(db, page.rows, access), next: page.nextCursor };
}

/** The recycle bin: surveys deleted on their own, most recent first. */
export async function listDeletedSurveys(db: Db, after: string | null, limit: number, access: Access): Promise<SurveyPage> {
  const q = visible(listing(db), access).where('s.deleted_at', 'is not', null);
  const sort: ListSort = [
    { column: 's.deleted_at', direction: 'desc' },
    { column: 's.id', direction: 'desc' },
  ];
  const page = await keysetPage(q, sort, after, limit);
  return { rows: await rowsFor(db, page.rows, access), next: page.nextCursor };
}

async function readStored(db: Db, id: number) {
  return joined(db)
    .leftJoin('users as a', 'a.id', 's.asked_by')
    .leftJoin('users as cu', 'cu.id', 's.created_by')
    .selectAll('s')
    .select([
      'c.name as customer_name',
      'c.code as customer_code',
      'c.owner_id as customer_owner_id',
      'c.deleted_at as customer_deleted_at',
      'u.display_name as staff_name',
      'a.display_name as asked_by_name',
      'cu.display_name as created_by_name',
    ])
    .select(COMPLAINT_ID.as('complaint_id'))
    .where('s.id', '=', id)
    .executeTakeFirst();
}

type Stored = NonNullable<Awaited<ReturnType<typeof readStored>>>;

function notFound(id: number, operation: string): AppFailure {
  return new AppFailure('NOT_FOUND', `${operation}: survey ${id} does not exist, or its customer is in the recycle bin or not one you see`);
}

/**
 * The survey if this caller sees it (its customer live and in their scope); NOT_FOUND otherwise.
 * `deleted`: true only one in the recycle bin, false only a live one, 'any' either.
 */
async function storedFor(db: Db, id: number, access: Access, deleted: boolean | 'any', operation: string): Promise<Stored> {
  const row = await readStored(db, id);
  const seen = row && row.customer_deleted_at === null && (access.scopeOwnerId === null || row.customer_owner_id === access.scopeOwnerId);
  if (!seen) throw notFound(id, operation);
  if (deleted !== 'any' && (row.deleted_at !== null) !== deleted) {
    throw new AppFailure('NOT_FOUND', deleted ? `${operation}: survey ${id} is not in the recycle bin` : `${operation}: survey ${id} is in the recycle bin; restore it first`);
  }
  return row;
}

async function surveyFor(db: Db, row: Stored, access: Access): Promise<Survey> {
  const scores = await db
    .selectFrom('survey_scores as ss')
    .innerJoin('survey_dimensions as d', 'd.id', 'ss.dimension_id')
    .select(['ss.dimension_id as dimensionId', 'd.key', 'd.name', 'd.retired_at', 'ss.score'])
    .where('ss.survey_id', '=', row.id)
    .orderBy('d.position')
    .orderBy('d.id')
    .execute();
  return {
    id: row.id,
    customerId: row.customer_id,
    customerName: row.customer_name,
    customerCode: row.customer_code,
    recordId: row.record_id,
    visitId: row.visit_id,
    at: row.at,
    month: row.month,
    staffId: row.staff_id,
    staffName: row.staff_name,
    askedBy: row.asked_by,
    askedByName: row.asked_by_name,
    channel: row.channel,
    scores: scores.map((s) => ({ dimensionId: s.dimensionId, key: s.key, name: s.name, retired: s.retired_at !== null, score: s.score })),
    nps: row.nps,
    comment: row.comment,
    source: row.source,
    complaintId: row.complaint_id,
    createdBy: row.created_by,
    createdByName: row.created_by_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    version: row.version,
    actions: surveyActions(access, { createdBy: row.created_by, deletedAt: row.deleted_at }),
  };
}

/** One survey, also one in the recycle bin. */
export async function readSurvey(db: Db, id: number, access: Access): Promise<Survey> {
  return surveyFor(db, await storedFor(db, id, access, 'any', 'surveys.get'), access);
}

// ---------------------------------------------------------------------------------------------
// Checks of create and update

function invalid(operation: string, message: string, path: (string | number)[], reason: ValidationMessage): AppFailure {
  return new AppFailure('VALIDATION', `${operation}: ${message}`, [{ path: path.map(String), message: reason }]);
}

type SurveyCustomer = { name: string; code: string; owner_id: number | null };

/** The survey's customer must be one the caller sees (live, in their scope). */
async function checkCustomer(db: Db, customerId: number, access: Access, operation: string): Promise<SurveyCustomer> {
  const customer = await db.selectFrom('customers').select(['name', 'code', 'owner_id', 'deleted_at']).where('id', '=', customerId).executeTakeFirst();
  if (!customer || customer.deleted_at !== null || (access.scopeOwnerId !== null && customer.owner_id !== access.scopeOwnerId)) {
    throw invalid(operation, `customer ${customerId} does not exist, is in the recycle bin, or is not one you see`, ['customerId'], 'customer');
  }
  return customer;
}

/**
 * A newly linked record or visit is one of this customer's, not in the recycle bin (keeping the
 * current link is always allowed). Answers its staff member (the survey's default).
 */
async function checkLink(db: Db, table: 'records' | 'visits', id: number | null, customerId: number, current: number | null, operation: string): Promise<number | null> {
  if (id === null) return null;
  const row = await db.selectFrom(table).select(['customer_id', 'deleted_at', 'staff_id']).where('id', '=', id).executeTakeFirst();
  if (id === current) return row?.staff_id ?? null;
  if (!row || row.customer_id !== customerId || row.deleted_at !== null) {
    const [what, field, reason] = table === 'records' ? (['service record', 'recordId', 'record'] as const) : (['visit', 'visitId', 'visit'] as const);
    throw invalid(operation, `${what} ${id} is not one of customer ${customerId}'s`, [field], reason);
  }
  return row.staff_id;
}

/** A newly chosen staff member is an active user; keeping the one a survey already has is always allowed. */
async function checkStaff(db: Db, staffId: number | null, current: number | null, operation: string): Promise<void> {
  if (staffId === null || staffId === current) return;
  const user = await db.selectFrom('users').select('active').where('id', '=', staffId).executeTakeFirst();
  if (!user || user.active !== 1) throw invalid(operation, `user ${staffId} is not an active staff member`, ['staffId'], 'staff');
}

type DimensionRow = { id: number; key: string; name: string; retired_at: number | null };

/**
 * Each score's dimension exists and is live; a dimension retired since the survey was answered may
 * keep its answer on an edit (`kept`), it is only no longer asked.
 */
async function checkDimensions(db: Db, scores: readonly ScoreDraft[], kept: ReadonlySet<number>, operation: string): Promise<Map<number, DimensionRow>> {
  const ids = scores.map((s) => s.dimensionId);
  const found = new Map(
    ids.length === 0
      ? []
      : (await db.selectFrom('survey_dimensions').select(['id', 'key', 'name', 'retired_at']).where('id', 'in', ids).execute()).map((d) => [d.id, d] as const),
  );
  for (const [i, s] of scores.entries()) {
    const dimension = found.get(s.dimensionId);
    if (!dimension) throw invalid(operation, `dimension ${s.dimensionId} does not exist`, ['scores', i, 'dimensionId'], 'dimension');
    if (dimension.retired_at !== null && !kept.has(s.dimensionId)) {
      throw invalid(operation, `dimension ${s.dimensionId} (${dimension.key}) is retired and no longer asked`, ['scores', i, 'dimensionId'], 'dimension');
    }
  }
  return found;
}

async function writeScores(tx: Db, surveyId: number, scores: readonly ScoreDraft[]): Promise<void> {
  await tx.deleteFrom('survey_scores').where('survey_id', '=', surveyId).execute();
  if (scores.length === 0) return;
  await tx
    .insertInto('survey_scores')
    .values(scores.map((s) => ({ survey_id: surveyId, dimension_id: s.dimensionId, score: s.score })))
    .execute();
}

type AuditAction = 'survey.create' | 'survey.update' | 'survey.delete' | 'survey.restore' | 'survey.purge';
type Audited = { id: number; customer: { name: string; code: string } };

/** The label names the customer as it is now (the log stays readable after a rename or purge). */
async function audit(tx: Db, actor: Actor, action: AuditAction, survey: Audited, changes: FieldChange[] = []): Promise<void> {
  await appendAudit(tx, {
    at: actor.now,
    userId: actor.userId,
    username: actor.username,
    action,
    entity: 'survey',
    entityId: survey.id,
    label: `${survey.customer.name} (${survey.customer.code})`,
    changes,
  });
}

function audited(row: Stored): Audited {
  return { id: row.id, customer: { name: row.customer_name, code: row.customer_code } };
}

function conflict(id: number, operation: string): AppFailure {
  return new AppFailure('CONFLICT', `${operation}: survey ${id} was changed by someone else since it was opened; reload it and apply your changes again`);
}

/**
 * Scores as the audit log keeps them: each dimension's key and name as they were (the log reads
 * them after a rename or retirement; audit-format names a built-in one by its key) and the score.
 */
function scoreList(scores: readonly ScoreDraft[], dimensions: ReadonlyMap<number, DimensionRow>): { key: string; name: string; score: number }[] {
  return scores.map((s) => ({ key: dimensions.get(s.dimensionId)?.key ?? String(s.dimensionId), name: dimensions.get(s.dimensionId)?.name ?? '', score: s.score }));
}

/** Built-in dimension names for a complaint's description (stored text, read in either language). */
const BUILTIN_NAMES: Record<string, string> = {
  quality: '产品质量 product quality',
  attitude: '服务态度 service attitude',
  speed: '响应速度 response speed',
  professionalism: '专业能力 professionalism',
};

/** The complaint's description: which answers were low, and the customer's comment. */
function complaintDescription(surveyId: number, low: ReturnType<typeof lowScoreReasons>, dimensions: ReadonlyMap<number, DimensionRow>, comment: string): string {
  const parts = low.dimensions.map((s) => {
    const d = dimensions.get(s.dimensionId);
    const name = d ? d.name || BUILTIN_NAMES[d.key] || d.key : String(s.dimensionId);
    return `${name} ${s.score}/5`;
  });
  if (low.nps !== null) parts.push(`NPS ${low.nps}/10`);
  const head = `满意度调查 #${surveyId} 低分 Low survey score: ${parts.join('; ')}`;
  const text = comment === '' ? head : `${head}\n${comment}`;
  return text.slice(0, COMPLAINT_DESCRIPTION_MAX);
}

// ---------------------------------------------------------------------------------------------
// Changes

/**
 * Who a survey measures when the draft does not say: after a record or visit, its staff member
 * (nobody when it names nobody: the caller did not serve); on its own, the caller.
 */
function defaultStaff(draft: { staffId?: number | null | undefined; recordId: number | null; visitId: number | null }, recordStaff: number | null, visitStaff: number | null, actor: Actor): number | null {
  if (draft.staffId !== undefined) return draft.staffId;
  if (draft.recordId !== null || draft.visitId !== null) return recordStaff ?? visitStaff;
  return actor.userId;
}

/**
 * A new survey in one transaction: checks (customer seen, record and visit the customer's, staff
 * active, dimensions live), the survey and its scores, survey_month_totals, survey.create, and when
 * the low-score rule holds a complaint (source 'survey') assigned to the customer's responsible
 * staff member, its deadline from the customer's grade.
 */
export async function createSurvey(db: Db, draft: SurveyDraftValue, actor: Actor): Promise<SurveyCreated> {
  const operation = 'surveys.create';
  return transaction(db, async (tx) => {
    const customer = await checkCustomer(tx, draft.customerId, actor, operation);
    const recordStaff = await checkLink(tx, 'records', draft.recordId, draft.customerId, null, operation);
    const visitStaff = await checkLink(tx, 'visits', draft.visitId, draft.customerId, null, operation);
    await checkStaff(tx, draft.staffId ?? null, null, operation);
    const dimensions = await checkDimensions(tx, draft.scores, new Set(), operation);
    const staffId = defaultStaff(draft, recordStaff, visitStaff, actor);
    const month = monthOf(draft.at);
    const { id } = await tx
      .insertInto('surveys')
      .values({
        customer_id: draft.customerId,
        record_id: draft.recordId,
        visit_id: draft.visitId,
        at: draft.at,
        month,
        staff_id: staffId,
        asked_by: actor.userId,
        channel: draft.channel,
        nps: draft.nps,
        comment: draft.comment,
        created_by: actor.userId,
        created_at: actor.now,
        updated_at: actor.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeScores(tx, id, draft.scores);
    await countSurvey(tx, { month, staffId, nps: draft.nps, scores: draft.scores }, 1);
    await audit(tx, actor, 'survey.create', { id, customer }, [
      { field: 'customerId', before: null, after: { id: draft.customerId, name: customer.name, code: customer.code } },
      { field: 'at', before: null, after: new Date(draft.at).toISOString() },
      { field: 'scores', before: null, after: scoreList(draft.scores, dimensions) },
      ...(draft.nps === null ? [] : [{ field: 'nps', before: null, after: draft.nps }]),
    ]);

    let complaint: SurveyCreated['complaint'] = null;
    const low = lowScoreReasons(draft.scores, draft.nps, await lowScoreRule(tx));
    if (low.low) {
      // The customer's responsible staff member handles it; one no longer active cannot, so nobody yet.
      const owner =
        customer.owner_id === null ? undefined : await tx.selectFrom('users').select(['id', 'display_name', 'active']).where('id', '=', customer.owner_id).executeTakeFirst();
      const assignee = owner && owner.active === 1 ? owner : null;
      const opened = await openComplaint(
        tx,
        {
          customerId: draft.customerId,
          category: 'service',
          severity: low.severity,
          description: complaintDescription(id, low, dimensions, draft.comment),
          source: 'survey',
          assigneeId: assignee?.id ?? null,
          surveyId: id,
        },
        actor,
      );
      complaint = { id: opened.id, dueAt: opened.dueAt, assigneeId: assignee?.id ?? null, assigneeName: assignee?.display_name ?? null };
    }
    return { survey: await surveyFor(tx, await storedFor(tx, id, actor, false, operation), actor), complaint };
  });
}

/** Changes a live survey; never opens a second complaint. Totals move with its month, staff member and answers. */
export async function updateSurvey(db: Db, id: number, version: number, draft: SurveyFieldsValue, actor: Actor): Promise<Survey> {
  const operation = 'surveys.update';
  return transaction(db, async (tx) => {
    const before = await storedFor(tx, id, actor, false, operation);
    if (before.version !== version) throw conflict(id, operation);
    const recordStaff = await checkLink(tx, 'records', draft.recordId, before.customer_id, before.record_id, operation);
    const visitStaff = await checkLink(tx, 'visits', draft.visitId, before.customer_id, before.visit_id, operation);
    await checkStaff(tx, draft.staffId ?? null, before.staff_id, operation);
    const old = await countedOf(tx, before);
    const dimensions = await checkDimensions(tx, draft.scores, new Set(old.scores.map((s) => s.dimensionId)), operation);
    // Left out on an edit: the staff member stays, unless the record or visit changed (then theirs).
    const linkChanged = draft.recordId !== before.record_id || draft.visitId !== before.visit_id;
    const staffId = draft.staffId !== undefined ? draft.staffId : linkChanged ? (recordStaff ?? visitStaff ?? before.staff_id) : before.staff_id;
    const month = monthOf(draft.at);
    await tx
      .updateTable('surveys')
      .set({
        record_id: draft.recordId,
        visit_id: draft.visitId,
        at: draft.at,
        month,
        staff_id: staffId,
        channel: draft.channel,
        nps: draft.nps,
        comment: draft.comment,
        updated_at: actor.now,
        version: version + 1,
      })
      .where('id', '=', id)
      .where('version', '=', version)
      .execute();
    await writeScores(tx, id, draft.scores);
    await countSurvey(tx, old, -1);
    await countSurvey(tx, { month, staffId, nps: draft.nps, scores: draft.scores }, 1);
    const oldDimensions = await checkDimensions(tx, old.scores, new Set(old.scores.map((s) => s.dimensionId)), operation);
    const changes = changedFields(
      {
        recordId: before.record_id,
        visitId: before.visit_id,
        at: new Date(before.at).toISOString(),
        staffId: before.staff_id,
        channel: before.channel,
        scores: scoreList(old.scores, oldDimensions),
        nps: before.nps,
        comment: before.comment,
      },
      { recordId: draft.recordId, visitId: draft.visitId, at: new Date(draft.at).toISOString(), staffId, channel: draft.channel, scores: scoreList(draft.scores, dimensions), nps: draft.nps, comment: draft.comment },
      ['recordId', 'visitId', 'at', 'staffId', 'channel', 'scores', 'nps', 'comment'],
    );
    await audit(tx, actor, 'survey.update', audited(before), changes);
    return surveyFor(tx, await storedFor(tx, id, actor, false, operation), actor);
  });
}

/** The customers' row-level rule: staff delete and restore only the surveys they created; purging is the owner's. */
function mayChange(row: Stored, actor: Actor, action: 'delete' | 'restore' | 'purge'): void {
  if (!surveyActions(actor, { createdBy: row.created_by, deletedAt: action === 'delete' ? null : row.deleted_at })[action]) {
    throw new AppFailure('FORBIDDEN', `surveys.${action}: your role may ${action === 'purge' ? 'not purge this survey' : 'delete and restore only the surveys you created'}`);
  }
}

export async function deleteSurvey(db: Db, id: number, version: number, actor: Actor): Promise<{ id: number }> {
  const operation = 'surveys.delete';
  return transaction(db, async (tx) => {
    const row = await storedFor(tx, id, actor, false, operation);
    mayChange(row, actor, 'delete');
    if (row.version !== version) throw conflict(id, operation);
    await tx
      .updateTable('surveys')
      .set({ deleted_at: actor.now, deleted_by: actor.userId, updated_at: actor.now, version: version + 1 })
      .where('id', '=', id)
      .execute();
    await countSurvey(tx, await countedOf(tx, row), -1);
    await audit(tx, actor, 'survey.delete', audited(row));
    return { id };
  });
}

export async function restoreSurvey(db: Db, id: number, actor: Actor): Promise<Survey> {
  const operation = 'surveys.restore';
  return transaction(db, async (tx) => {
    const row = await storedFor(tx, id, actor, true, operation);
    mayChange(row, actor, 'restore');
    await tx
      .updateTable('surveys')
      .set({ deleted_at: null, deleted_by: null, updated_at: actor.now, version: row.version + 1 })
      .where('id', '=', id)
      .execute();
    await countSurvey(tx, await countedOf(tx, row), 1);
    await audit(tx, actor, 'survey.restore', audited(row));
    return surveyFor(tx, await storedFor(tx, id, actor, false, operation), actor);
  });
}

/**
 * Removes surveys for good: their scores (ON DELETE CASCADE), their part of the totals when they
 * were live, and the link of a complaint they opened (the complaint stays, as the customer's).
 */
async function removeSurveys(tx: Db, rows: readonly { id: number; month: string; staff_id: number | null; nps: number | null; deleted_at: number | null }[]): Promise<void> {
  for (const row of rows) {
    if (row.deleted_at === null) await countSurvey(tx, await countedOf(tx, row), -1);
    await tx.updateTable('complaints').set({ survey_id: null }).where('survey_id', '=', row.id).execute();
    await tx.deleteFrom('surveys').where('id', '=', row.id).execute();
  }
}

/** Only a survey in the recycle bin (already out of the totals). */
export async function purgeSurvey(db: Db, id: number, actor: Actor): Promise<{ id: number }> {
  const operation = 'surveys.purge';
  return transaction(db, async (tx) => {
    const row = await storedFor(tx, id, actor, true, operation);
    mayChange(row, actor, 'purge');
    await removeSurveys(tx, [row]);
    await audit(tx, actor, 'survey.purge', audited(row));
    return { id };
  });
}

/**
 * A customer's surveys go when the customer is purged (customers' purge calls this in its
 * transaction, after the customer's complaints): scores with them. A customer in the recycle bin
 * counts in no totals already (countSurveysOf); one purged live (not from the bin) takes its live
 * surveys out of them. Answers how many.
 */
export async function purgeSurveysOf(tx: Db, customerId: number): Promise<number> {
  const customer = await tx.selectFrom('customers').select('deleted_at').where('id', '=', customerId).executeTakeFirst();
  const counted = customer !== undefined && customer.deleted_at === null;
  const gone = await tx.selectFrom('surveys').select(['id', 'month', 'staff_id', 'nps', 'deleted_at']).where('customer_id', '=', customerId).execute();
  await removeSurveys(
    tx,
    gone.map((row) => (counted ? row : { ...row, deleted_at: row.deleted_at ?? 0 })), // uncounted: as if in the bin
  );
  return gone.length;
}

/**
 * A customer going to the recycle bin (sign -1) or back from it (1): its live surveys leave or
 * rejoin survey_month_totals, so the shop's trends count exactly the surveys every other view
 * shows (a binned customer's are hidden everywhere). Customers' delete and restore call this in
 * their transaction.
 */
export async function countSurveysOf(tx: Db, customerId: number, sign: 1 | -1): Promise<void> {
  const rows = await tx.selectFrom('surveys').select(['id', 'month', 'staff_id', 'nps']).where('customer_id', '=', customerId).where('deleted_at', 'is', null).execute();
  const scores = await scoresOfIds(
    tx,
    rows.map((row) => row.id),
  );
  for (const row of rows) await countSurvey(tx, { month: row.month, staffId: row.staff_id, nps: row.nps, scores: scores.get(row.id) ?? [] }, sign);
}

// ---------------------------------------------------------------------------------------------
// Trends

type Cell = { month: string; dimension_id: number; answers: number; total: number; promoters: number; passives: number; detractors: number };

/**
 * CSAT per dimension and NPS by month. The shop's and one staff member's trends (a caller who sees
 * every customer) read survey_month_totals: at most months × staff × dimensions rows, whatever the
 * number of surveys. A customer's, or anything a scoped caller asks, is summed from the surveys of
 * the customers they see (a customer's surveys are few; a staff member's customers' are thousands).
 */
export async function surveyTrends(db: Db, query: TrendsInput, access: Access): Promise<Trends> {
  const staff = query.staffId === undefined ? undefined : (query.staffId ?? 0);
  if (query.customerId !== undefined) {
    // A customer's trends only for a customer this caller sees, as everything else about them.
    const customer = await db.selectFrom('customers').select(['owner_id', 'deleted_at']).where('id', '=', query.customerId).executeTakeFirst();
    if (!customer || customer.deleted_at !== null || (access.scopeOwnerId !== null && customer.owner_id !== access.scopeOwnerId)) {
      throw new AppFailure('NOT_FOUND', `surveys.trends: customer ${query.customerId} does not exist, is in the recycle bin, or is not one you see`);
    }
  }
  let cells: Cell[];
  if (query.customerId === undefined && access.scopeOwnerId === null) {
    let q = db
      .selectFrom('survey_month_totals')
      .select(['month', 'dimension_id'])
      .select((eb) => [
        eb.fn.sum<number>('answers').as('answers'),
        eb.fn.sum<number>('total').as('total'),
        eb.fn.sum<number>('promoters').as('promoters'),
        eb.fn.sum<number>('passives').as('passives'),
        eb.fn.sum<number>('detractors').as('detractors'),
      ])
      .where('month', '>=', query.from)
      .where('month', '<=', query.to);
    if (staff !== undefined) q = q.where('staff_id', '=', staff);
    cells = await q.groupBy(['month', 'dimension_id']).execute();
  } else {
    cells = await cellsFromRows(db, query, staff, access);
  }
  return trendsOf(db, query.from, query.to, cells);
}

/**
 * The surveys a trend sums: live surveys of live customers in the month range — of one customer,
 * and/or of the customers the scoped caller owns. Walked customer first: the customer (by primary
 * key) or the caller's customers (customers_by_owner_name), then each one's surveys through
 * surveys_timeline, then each survey's scores by primary key. SQLite chooses this order today with
 * or without statistics; the unary pluses pin it, so that statistics gathered as the shop grows
 * cannot turn it into a walk of every survey (or score) of the shop, each one's customer checked
 * (as happened to complaints). The walk's cost is the volume: a staff member with 3,400 of 20,000
 * customers reaches ~34,000 of 200,000 surveys and their ~135,000 scores (about 1 s under load;
 * only a covering index or per-owner totals would do better).
 */
function trendRows(db: Db, query: TrendsInput, staff: number | undefined, ownerId: number | null) {
  let q = db
    .selectFrom('customers as c')
    .innerJoin('surveys as s', (join) => join.on(sql<SqlBool>`s.customer_id = +c.id`))
    .where('c.deleted_at', 'is', null)
    .where('s.deleted_at', 'is', null)
    .where('s.month', '>=', query.from)
    .where('s.month', '<=', query.to);
  if (query.customerId !== undefined) q = q.where('c.id', '=', query.customerId).where('s.customer_id', '=', query.customerId);
  if (ownerId !== null) q = q.where('c.owner_id', '=', ownerId);
  if (staff !== undefined) q = q.where(sql<number>`coalesce(s.staff_id, 0)`, '=', staff);
  return q;
}

/** CSAT cells (month × dimension) from the rows; exported for the plan test. */
export function trendScoresStatement(db: Db, query: TrendsInput, staff: number | undefined, ownerId: number | null) {
  return trendRows(db, query, staff, ownerId)
    .innerJoin('survey_scores as ss', (join) => join.on(sql<SqlBool>`ss.survey_id = +s.id`))
    .select(['s.month', 'ss.dimension_id'])
    .select((eb) => [
      eb.fn.countAll<number>().as('answers'),
      eb.fn.sum<number>('ss.score').as('total'),
      sql<number>`0`.as('promoters'),
      sql<number>`0`.as('passives'),
      sql<number>`0`.as('detractors'),
    ])
    .groupBy(['s.month', 'ss.dimension_id']);
}

/** NPS cells (month, dimension 0) from the rows; exported for the plan test. */
export function trendNpsStatement(db: Db, query: TrendsInput, staff: number | undefined, ownerId: number | null) {
  return trendRows(db, query, staff, ownerId)
    .where('s.nps', 'is not', null)
    .select(['s.month', sql<number>`0`.as('dimension_id')])
    .select((eb) => [
      eb.fn.countAll<number>().as('answers'),
      eb.fn.sum<number>('s.nps').as('total'),
      sql<number>`sum(s.nps >= 9)`.as('promoters'),
      sql<number>`sum(s.nps BETWEEN 7 AND 8)`.as('passives'),
      sql<number>`sum(s.nps <= 6)`.as('detractors'),
    ])
    .groupBy('s.month');
}

async function cellsFromRows(db: Db, query: TrendsInput, staff: number | undefined, access: Access): Promise<Cell[]> {
  const scores = await trendScoresStatement(db, query, staff, access.scopeOwnerId).execute();
  const nps = await trendNpsStatement(db, query, staff, access.scopeOwnerId).execute();
  return [...scores, ...nps];
}

async function trendsOf(db: Db, from: string, to: string, cells: readonly Cell[]): Promise<Trends> {
  const all = await listDimensions(db);
  const answered = new Set(cells.map((c) => c.dimension_id));
  // Live dimensions always; a retired one only where the range has answers to it.
  const dimensions = all.filter((d) => !d.retired || answered.has(d.id));
  const byMonth = new Map<string, Map<number, Cell>>();
  for (const cell of cells) {
    const month = byMonth.get(cell.month) ?? new Map<number, Cell>();
    month.set(cell.dimension_id, cell);
    byMonth.set(cell.month, month);
  }
  const months: TrendsMonth[] = monthRange(from, to).map((month) => {
    const row = byMonth.get(month);
    const nps = row?.get(0);
    const answers = Number(nps?.answers ?? 0);
    const promoters = Number(nps?.promoters ?? 0);
    const detractors = Number(nps?.detractors ?? 0);
    return {
      month,
      dimensions: dimensions.map((d) => {
        const cell = row?.get(d.id);
        const n = Number(cell?.answers ?? 0);
        return { dimensionId: d.id, answers: n, average: n === 0 ? null : Math.round((Number(cell!.total) * 100) / n) / 100 }; // cell exists when n > 0
      }),
      nps: { answers, promoters, passives: Number(nps?.passives ?? 0), detractors, score: npsScore(answers, promoters, detractors) },
    };
  });
  return { months, dimensions };
}

// ---------------------------------------------------------------------------------------------
// Dimensions (the owner's)

function dimensionOf(row: { id: number; key: string; name: string; position: number; retired_at: number | null; version: number }): Dimension {
  return { id: row.id, key: row.key, name: row.name, position: row.position, retired: row.retired_at !== null, version: row.version };
}

export async function listDimensions(db: Db): Promise<Dimension[]> {
  const rows = await db.selectFrom('survey_dimensions').select(['id', 'key', 'name', 'position', 'retired_at', 'version']).orderBy('position').orderBy('id').execute();
  return rows.map(dimensionOf);
}

async function dimensionRow(db: Db, id: number, operation: string) {
  const row = await db.selectFrom('survey_dimensions').select(['id', 'key', 'name', 'position', 'retired_at', 'version']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppFailure('NOT_FOUND', `${operation}: dimension ${id} does not exist`);
  return row;
}

async function auditDimension(tx: Db, actor: Actor, action: 'surveyDimension.create' | 'surveyDimension.update' | 'surveyDimension.retire' | 'surveyDimension.unretire', row: { id: number; key: string; name: string }, changes: FieldChange[] = []): Promise<void> {
  await appendAudit(tx, { at: actor.now, userId: actor.userId, username: actor.username, action, entity: 'surveyDimension', entityId: row.id, label: row.name || row.key, changes });
}

/**
 * A new dimension (a name needed; its key given or made from its id, unique), or a rename / move
 * of one (its version checked). '' on a built-in dimension goes back to its built-in name.
 */
export async function saveDimension(db: Db, input: DimensionInput, actor: Actor): Promise<Dimension> {
  const operation = 'surveys.saveDimension';
  return transaction(db, async (tx) => {
    if (input.id === undefined) {
      if (input.name === '') throw invalid(operation, 'a new dimension needs a name', ['name'], 'required');
      if (input.key !== undefined) {
        const taken = await tx.selectFrom('survey_dimensions').select('id').where('key', '=', input.key).executeTakeFirst();
        if (taken) throw invalid(operation, `the key ${input.key} is taken by dimension ${taken.id}`, ['key'], 'taken');
      }
      const last = await tx.selectFrom('survey_dimensions').select((eb) => eb.fn.max<number>('position').as('p')).executeTakeFirst();
      const { id } = await tx
        .insertInto('survey_dimensions')
        // A placeholder until the id is known, in this transaction only (a key never starts with '#').
        .values({ key: input.key ?? '#new', name: input.name, position: input.position ?? (last?.p ?? 0) + 1, retired_at: null, created_at: actor.now })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (input.key === undefined) {
        // `d<id>`, unless the owner already chose that key for another one.
        let key = `d${id}`;
        for (let n = 2; await tx.selectFrom('survey_dimensions').select('id').where('key', '=', key).executeTakeFirst(); n++) key = `d${id}-${n}`;
        await tx.updateTable('survey_dimensions').set({ key }).where('id', '=', id).execute();
      }
      const row = await dimensionRow(tx, id, operation);
      await auditDimension(tx, actor, 'surveyDimension.create', row, [
        { field: 'key', before: null, after: row.key },
        { field: 'name', before: null, after: row.name },
      ]);
      return dimensionOf(row);
    }
    const before = await dimensionRow(tx, input.id, operation);
    if (input.version === undefined || input.version !== before.version) {
      throw new AppFailure('CONFLICT', `${operation}: dimension ${input.id} was changed by someone else since it was opened; reload it and apply your changes again`);
    }
    const builtin = (BUILTIN_NAMES[before.key] ?? '') !== '';
    if (input.name === '' && !builtin) throw invalid(operation, 'a dimension the owner added needs a name', ['name'], 'required');
    const after = { name: input.name, position: input.position ?? before.position };
    await tx
      .updateTable('survey_dimensions')
      .set({ ...after, version: before.version + 1 })
      .where('id', '=', input.id)
      .execute();
    await auditDimension(tx, actor, 'surveyDimension.update', { ...before, name: input.name }, changedFields({ name: before.name, position: before.position }, after, ['name', 'position']));
    return dimensionOf(await dimensionRow(tx, input.id, operation));
  });
}

/** Retired: no longer asked (its answers stay and still count); unretired: asked again. */
export async function retireDimension(db: Db, id: number, retired: boolean, actor: Actor): Promise<Dimension> {
  const operation = 'surveys.retireDimension';
  return transaction(db, async (tx) => {
    const before = await dimensionRow(tx, id, operation);
    if ((before.retired_at !== null) === retired) return dimensionOf(before); // already so: nothing to change or log
    await tx
      .updateTable('survey_dimensions')
      .set({ retired_at: retired ? actor.now : null, version: before.version + 1 })
      .where('id', '=', id)
      .execute();
    await auditDimension(tx, actor, retired ? 'surveyDimension.retire' : 'surveyDimension.unretire', before);
    return dimensionOf(await dimensionRow(tx, id, operation));
  });
}
