// Value grading: settings, proposals, decisions and apply.
//
// A proposal reads each live customer's last-12-months revenue and sale count in the grading
// currency from the sales summary (sales_monthly: one GROUP BY over an index range, never a scan of
// the sales) and the last sale day from customer_sales (all currencies), computes ABC classes
// (abc.ts), RFM scores (rfm.ts) and the first matching rule (rules.ts), and stores the customers
// whose suggested grade differs from the current one. Customers without sales in the window get no
// suggestion. Nothing here changes a grade except `applyProposal`, which does it for the accepted
// items in one transaction, each with a grade history row naming its source, the proposal and the
// owner who applied it; a customer edited since the proposal (its version moved on) is skipped.
import { sql } from 'kysely';
import { DEFAULT_GRADING_SETTINGS, GradingSettings, type ApplyResult, type Decision, type GradingItem, type GradingProposal, type GradingRule, type ProposalCounts } from '../../../../shared/api/grading.ts';
import type { Grade } from '../../../../shared/api/customers.ts';
import { addMonths, localDay } from '../../../../shared/contract-status.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import { transaction, type Db } from '../../db/database.ts';
import { keysetPage } from '../../db/keyset.ts';
import type { Job } from '../../jobs.ts';
import { appendAudit } from '../audit/service.ts';
import { readSetting, writeSetting } from '../settings/service.ts';
import { abcClasses } from './abc.ts';
import { rfmScores } from './rfm.ts';
import { firstMatch, ruleSource } from './rules.ts';

/** Who acts, at the core's clock (the owner: grading.manage). */
export type GradingActor = { userId: number; username: string; now: number };

const SETTINGS_KEY = 'grading';
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Settings

/** The stored settings, or the defaults for what is absent or no longer readable. */
export async function readGradingSettings(db: Db): Promise<GradingSettings> {
  const stored = await readSetting(db, SETTINGS_KEY);
  if (stored === undefined) return structuredClone(DEFAULT_GRADING_SETTINGS);
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return structuredClone(DEFAULT_GRADING_SETTINGS); // written only through the schema below; unreadable = defaults
  }
  const result = GradingSettings.safeParse({ ...DEFAULT_GRADING_SETTINGS, ...(parsed as object) }); // a key added later takes its default
  return result.success ? result.data : structuredClone(DEFAULT_GRADING_SETTINGS);
}

export async function updateGradingSettings(db: Db, settings: GradingSettings, actor: GradingActor): Promise<GradingSettings> {
  return transaction(db, async (tx) => {
    const before = await readGradingSettings(tx);
    const after = GradingSettings.parse(settings);
    await writeSetting(tx, SETTINGS_KEY, JSON.stringify(after));
    const changes = (['currency', 'cutoffs', 'monthly', 'rules'] as const)
      .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      .map((field) => ({ field, before: before[field], after: after[field] }));
    if (changes.length > 0) await appendAudit(tx, { at: actor.now, userId: actor.userId, username: actor.username, action: 'grading.settings', entity: 'gradingProposal', changes });
    return after;
  });
}

// ---------------------------------------------------------------------------------------------
// The proposal

/** The 12 calendar months ending with the local month of `now`, and that day. */
export function gradingWindow(now: number): { from: string; to: string; asOf: string } {
  const asOf = localDay(now);
  const to = asOf.slice(0, 7);
  return { from: addMonths(`${to}-01`, -11).slice(0, 7), to, asOf };
}

/**
 * The straightforward SQL floor the bench compares the proposal with: one GROUP BY over the
 * summary for the window and currency (what any proposal must at least read).
 */
export const GRADING_FLOOR_SQL =
  'SELECT customer_id, sum(revenue_minor) AS revenue_minor, sum(sale_count) AS sale_count FROM sales_monthly WHERE month BETWEEN ? AND ? AND live = 1 AND currency = ? GROUP BY customer_id';

/** GRADING_FLOOR_SQL through Kysely, with bound values (for the bench); returns how many customers it grouped. */
export async function gradingFloor(db: Db, window: { from: string; to: string; currency: string }): Promise<number> {
  const result = await sql<{ customer_id: number }>`SELECT customer_id, sum(revenue_minor) AS revenue_minor, sum(sale_count) AS sale_count FROM sales_monthly WHERE month BETWEEN ${window.from} AND ${window.to} AND live = 1 AND currency = ${window.currency} GROUP BY customer_id`.execute(db);
  return result.rows.length;
}

type Facts = { customerId: number; revenueMinor: number; saleCount: number; lastOn: string; grade: Grade; version: number };

function daysBetween(from: string, to: string): number {
  return Math.max(0, Math.round((Date.UTC(+to.slice(0, 4), +to.slice(5, 7) - 1, +to.slice(8, 10)) - Date.UTC(+from.slice(0, 4), +from.slice(5, 7) - 1, +from.slice(8, 10))) / DAY_MS));
}

type ItemDraft = Omit<GradingItem, 'customerName' | 'customerCode' | 'decision' | 'outcome'> & { version: number; source: 'abc' | 'rfm' };

/** The items of a proposal (pure over the facts): the customers whose suggested grade differs, in revenue order. */
export function suggestGrades(facts: readonly Facts[], settings: GradingSettings, asOf: string): { items: ItemDraft[]; graded: number } {
  const byId = new Map(facts.map((f) => [f.customerId, f]));
  const classes = abcClasses(
    facts.map((f) => ({ customerId: f.customerId, revenueMinor: f.revenueMinor })),
    settings.cutoffs,
  );
  const ordered = classes.map((c) => byId.get(c.customerId)!); // every class is of one of the facts
  const days = ordered.map((f) => daysBetween(f.lastOn, asOf));
  const scores = rfmScores(ordered.map((f, i) => ({ daysSince: days[i]!, saleCount: f.saleCount, revenueMinor: f.revenueMinor })));
  const items: ItemDraft[] = [];
  classes.forEach((abc, i) => {
    const f = ordered[i]!;
    const score = scores[i]!;
    const rule = firstMatch(settings.rules, { abc: abc.abc, ...score });
    if (rule === null) return;
    const toGrade = settings.rules[rule]!.grade;
    if (toGrade === f.grade) return;
    items.push({
      customerId: f.customerId,
      fromGrade: f.grade,
      toGrade,
      abc: abc.abc,
      ...score,
      daysSince: days[i]!,
      saleCount: f.saleCount,
      revenueMinor: f.revenueMinor,
      currency: settings.currency,
      reason: { rule, abc: abc.abc, share: abc.share, rank: abc.rank, of: abc.of },
      version: f.version,
      source: ruleSource(settings.rules[rule]!),
    });
  });
  return { items, graded: classes.length };
}

export type ProposeOptions = {
  /** Progress and cancel (the job 'grading'); without one the proposal runs straight through (the bench). */
  job?: Job;
  /** Made by grading.current as the month's proposal. */
  monthly?: boolean;
};

/**
 * Makes and stores a proposal; older open proposals are discarded (one open proposal at a time, so
 * the review screen and apply never disagree about which). Cancelled (CANCELLED) before anything is
 * written. Callable as a plain function (the bench: `proposeGrading(db, actor, {})`).
 */
export async function proposeGrading(db: Db, actor: GradingActor, options: ProposeOptions = {}): Promise<GradingProposal> {
  const { job } = options;
  const settings = await readGradingSettings(db);
  const window = gradingWindow(actor.now);
  job?.progress(0, 1);
  // Grouped first, then joined: one seek per customer, not per summary row (about 1.5x the floor, not 4x).
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('sales_monthly')
        .select((inner) => ['customer_id', inner.fn.sum<number>('revenue_minor').as('revenue'), inner.fn.sum<number>('sale_count').as('count')])
        .where('month', '>=', window.from)
        .where('month', '<=', window.to)
        .where('live', '=', 1)
        .where('currency', '=', settings.currency)
        .groupBy('customer_id')
        .as('g'),
    )
    .innerJoin('customers as c', 'c.id', 'g.customer_id')
    .innerJoin('customer_sales as s', 's.customer_id', 'g.customer_id')
    .select(['g.customer_id', 'g.revenue', 'g.count', 's.last_on', 'c.grade', 'c.version'])
    .execute();
  const others = await db
    .selectFrom('sales_monthly')
    .select((eb) => ['currency', sql<number>`count(distinct customer_id)`.as('customers'), eb.fn.sum<number>('revenue_minor').as('total')])
    .where('month', '>=', window.from)
    .where('month', '<=', window.to)
    .where('live', '=', 1)
    .where('currency', '!=', settings.currency)
    .groupBy('currency')
    .orderBy('currency')
    .execute();
  await job?.step();
  const facts: Facts[] = rows.map((r) => ({ customerId: r.customer_id, revenueMinor: Number(r.revenue), saleCount: Number(r.count), lastOn: r.last_on, grade: r.grade as Grade, version: r.version })); // grades are stored from the contract's list
  job?.progress(Math.floor(facts.length / 2), facts.length);
  const { items, graded } = suggestGrades(facts, settings, window.asOf);
  job?.progress(Math.floor((facts.length * 3) / 4), facts.length);
  await job?.step();
  job?.beyondCancel();
  const id = await transaction(db, async (tx) => {
    await tx.updateTable('grading_proposals').set({ status: 'discarded', closed_at: actor.now }).where('status', '=', 'open').execute();
    const { id } = await tx
      .insertInto('grading_proposals')
      .values({
        created_at: actor.now,
        created_by: actor.userId,
        month: window.to,
        period_from: window.from,
        period_to: window.to,
        as_of: window.asOf,
        monthly: options.monthly ? 1 : 0,
        currency: settings.currency,
        cutoff_a: settings.cutoffs.a,
        cutoff_b: settings.cutoffs.b,
        rules: JSON.stringify(settings.rules),
        graded,
        other_currencies: JSON.stringify(others.map((o) => ({ currency: o.currency, customers: Number(o.customers), totalMinor: Number(o.total) }))),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // One statement for all items: the rows go in as one JSON array (compiling tens of thousands of
    // bound rows is what a proposal at 100,000 customers would otherwise spend its time on).
    const itemRows = items.map((item, i) => [i + 1, item.customerId, item.version, item.fromGrade, item.toGrade, item.source, item.abc, item.r, item.f, item.m, item.daysSince, item.saleCount, item.revenueMinor, item.reason.rule, item.reason.share, item.reason.rank, item.reason.of]);
    await sql`
      INSERT INTO grading_proposal_items (proposal_id, position, customer_id, customer_version, from_grade, to_grade, source, abc, r, f, m, days_since, sale_count, revenue_minor, rule, share, rank, of)
      SELECT ${id}, j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5, j.value ->> 6, j.value ->> 7, j.value ->> 8, j.value ->> 9,
             j.value ->> 10, j.value ->> 11, j.value ->> 12, j.value ->> 13, j.value ->> 14, j.value ->> 15, j.value ->> 16
      FROM json_each(${JSON.stringify(itemRows)}) AS j`.execute(tx);
    await appendAudit(tx, { at: actor.now, userId: actor.userId, username: actor.username, action: 'grading.propose', entity: 'gradingProposal', entityId: id, label: `${window.from}..${window.to}`, changes: [{ field: 'items', before: null, after: items.length }] });
    return id;
  });
  job?.progress(facts.length, facts.length);
  return getProposal(db, id);
}

/**
 * The newest open proposal, or null. With monthly proposals on and none made this local month yet,
 * makes this month's first: two callers at once make one (the unique monthly index; the loser reads it).
 */
export async function currentProposal(db: Db, actor: GradingActor): Promise<GradingProposal | null> {
  const settings = await readGradingSettings(db);
  if (settings.monthly) {
    const month = gradingWindow(actor.now).to;
    const made = await db.selectFrom('grading_proposals').select('id').where('month', '=', month).limit(1).executeTakeFirst();
    if (!made) {
      try {
        return await proposeGrading(db, actor, { monthly: true });
      } catch (error) {
        if (!(error instanceof Error && /UNIQUE/.test(error.message))) throw error; // another process made this month's at the same moment
      }
    }
  }
  const open = await db.selectFrom('grading_proposals').select('id').where('status', '=', 'open').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return open ? getProposal(db, open.id) : null;
}

// ---------------------------------------------------------------------------------------------
// Reading

const PROPOSAL_COLUMNS = [
  'p.id',
  'p.created_at',
  'p.created_by',
  'cb.display_name as created_by_name',
  'p.period_from',
  'p.period_to',
  'p.monthly',
  'p.status',
  'p.currency',
  'p.cutoff_a',
  'p.cutoff_b',
  'p.rules',
  'p.graded',
  'p.other_currencies',
  'p.applied_at',
  'p.applied_by',
  'ab.display_name as applied_by_name',
] as const;

function proposalsQuery(db: Db) {
  return db.selectFrom('grading_proposals as p').leftJoin('users as cb', 'cb.id', 'p.created_by').leftJoin('users as ab', 'ab.id', 'p.applied_by').select(PROPOSAL_COLUMNS);
}

type ProposalRow = Awaited<ReturnType<ReturnType<typeof proposalsQuery>['executeTakeFirstOrThrow']>>;

async function countsOf(db: Db, id: number, graded: number): Promise<ProposalCounts> {
  const rows = await db
    .selectFrom('grading_proposal_items')
    .select((eb) => ['decision', 'outcome', eb.fn.countAll<number>().as('n')])
    .where('proposal_id', '=', id)
    .groupBy(['decision', 'outcome'])
    .execute();
  const counts: ProposalCounts = { graded, items: 0, pending: 0, accepted: 0, rejected: 0, applied: 0, skipped: 0 };
  for (const row of rows) {
    const n = Number(row.n);
    counts.items += n;
    counts[row.decision] += n;
    if (row.outcome) counts[row.outcome] += n;
  }
  return counts;
}

async function proposalFromRow(db: Db, row: ProposalRow): Promise<GradingProposal> {
  return {
    id: row.id,
    createdAt: row.created_at,
    createdBy: row.created_by === null ? null : { id: row.created_by, name: row.created_by_name ?? '' },
    period: { from: row.period_from, to: row.period_to },
    monthly: row.monthly === 1,
    status: row.status,
    currency: row.currency,
    cutoffs: { a: row.cutoff_a, b: row.cutoff_b },
    rules: JSON.parse(row.rules) as GradingRule[], // written by proposeGrading from parsed settings
    appliedAt: row.applied_at,
    appliedBy: row.applied_by === null ? null : { id: row.applied_by, name: row.applied_by_name ?? '' },
    counts: await countsOf(db, row.id, row.graded),
    otherCurrencies: JSON.parse(row.other_currencies) as GradingProposal['otherCurrencies'], // written by proposeGrading
  };
}

function notFound(id: number): AppFailure {
  return new AppFailure('NOT_FOUND', `grading: proposal ${id} does not exist`);
}

export async function getProposal(db: Db, id: number): Promise<GradingProposal> {
  const row = await proposalsQuery(db).where('p.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(id);
  return proposalFromRow(db, row);
}

export async function listProposals(db: Db, cursor: string | null, limit: number): Promise<{ rows: GradingProposal[]; nextCursor: string | null }> {
  const page = await keysetPage(proposalsQuery(db), [{ column: 'p.id', direction: 'desc' }], cursor, limit);
  const rows: GradingProposal[] = [];
  for (const row of page.rows) rows.push(await proposalFromRow(db, row));
  return { rows, nextCursor: page.nextCursor };
}

export async function listItems(db: Db, query: { proposalId: number; decision?: Decision | undefined; cursor: string | null; limit: number }): Promise<{ rows: GradingItem[]; nextCursor: string | null }> {
  const proposal = await db.selectFrom('grading_proposals').select(['id', 'currency']).where('id', '=', query.proposalId).executeTakeFirst();
  if (!proposal) throw notFound(query.proposalId);
  let q = db
    .selectFrom('grading_proposal_items as i')
    .innerJoin('customers as c', 'c.id', 'i.customer_id')
    .select(['i.customer_id', 'c.name', 'c.code', 'i.from_grade', 'i.to_grade', 'i.abc', 'i.r', 'i.f', 'i.m', 'i.days_since', 'i.sale_count', 'i.revenue_minor', 'i.rule', 'i.share', 'i.rank', 'i.of', 'i.decision', 'i.outcome'])
    .where('i.proposal_id', '=', query.proposalId);
  if (query.decision) q = q.where('i.decision', '=', query.decision);
  const page = await keysetPage(q, [{ column: 'i.position', direction: 'asc' }], query.cursor, query.limit);
  return {
    rows: page.rows.map((r) => ({
      customerId: r.customer_id,
      customerName: r.name,
      customerCode: r.code,
      fromGrade: r.from_grade as Grade, // stored from the contract's list
      toGrade: r.to_grade as Grade, // stored from the settings' rules
      abc: r.abc,
      r: r.r,
      f: r.f,
      m: r.m,
      daysSince: r.days_since,
      saleCount: r.sale_count,
      revenueMinor: r.revenue_minor,
      currency: proposal.currency,
      reason: { rule: r.rule, abc: r.abc, share: r.share, rank: r.rank, of: r.of },
      decision: r.decision,
      outcome: r.outcome,
    })),
    nextCursor: page.nextCursor,
  };
}

// ---------------------------------------------------------------------------------------------
// Deciding and applying

/** The open proposal's period as its audit entries name it (`2025-12..2026-11`), else a failure. */
async function openProposal(tx: Db, id: number, what: string): Promise<string> {
  const row = await tx.selectFrom('grading_proposals').select(['status', 'period_from', 'period_to']).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(id);
  if (row.status !== 'open') throw new AppFailure('CONFLICT', `grading.${what}: proposal ${id} is ${row.status}, no longer open`, { reason: 'status' });
  return `${row.period_from}..${row.period_to}`;
}

export async function decideItems(db: Db, input: { proposalId: number; customerIds: readonly number[] | 'all'; decision: Decision }, actor: GradingActor): Promise<GradingProposal> {
  await transaction(db, async (tx) => {
    const period = await openProposal(tx, input.proposalId, 'decide');
    let q = tx.updateTable('grading_proposal_items').set({ decision: input.decision }).where('proposal_id', '=', input.proposalId);
    if (input.customerIds !== 'all') q = q.where('customer_id', 'in', input.customerIds);
    const result = await q.executeTakeFirst();
    await appendAudit(tx, {
      at: actor.now,
      userId: actor.userId,
      username: actor.username,
      action: 'grading.decide',
      entity: 'gradingProposal',
      entityId: input.proposalId,
      label: period,
      // The decision as its code (the audit log says it in words) and how many items it took; which
      // customers is kept in the proposal's items.
      changes: [
        { field: 'decision', before: null, after: input.decision },
        { field: 'items', before: null, after: Number(result.numUpdatedRows) },
      ],
    });
  });
  return getProposal(db, input.proposalId);
}

/**
 * Applies the accepted items in one transaction: each customer whose version is still the one
 * proposed (not edited, deleted or merged since) gets the suggested grade, version + 1 and a grade
 * history row (source abc/rfm, the proposal, changed_by the owner applying); the others are skipped
 * and listed. The proposal is then 'applied'. Set-based statements: a shop may accept tens of
 * thousands of changes at once. As an import does, one audit entry stands for the whole apply
 * (counts); which customers changed, from what to what, is kept in the proposal's items (outcome)
 * and each customer's grade history names the proposal.
 */
export async function applyProposal(db: Db, proposalId: number, actor: GradingActor): Promise<ApplyResult> {
  const skipped = await transaction(db, async (tx) => {
    const period = await openProposal(tx, proposalId, 'apply');
    // Decide each accepted item's outcome from the customer as it is now.
    await sql`
      UPDATE grading_proposal_items SET outcome = CASE
        WHEN EXISTS (SELECT 1 FROM customers c WHERE c.id = grading_proposal_items.customer_id AND c.version = grading_proposal_items.customer_version
                     AND c.deleted_at IS NULL AND c.grade = grading_proposal_items.from_grade) THEN 'applied'
        ELSE 'skipped' END
      WHERE proposal_id = ${proposalId} AND decision = 'accepted'`.execute(tx);
    await sql`
      INSERT INTO grade_history (customer_id, grade, changed_at, changed_by, source, proposal_id)
      SELECT customer_id, to_grade, ${actor.now}, ${actor.userId}, source, proposal_id FROM grading_proposal_items
      WHERE proposal_id = ${proposalId} AND outcome = 'applied' ORDER BY position`.execute(tx);
    // The sales summary's copy of the grade follows through sales-core's trigger on customers.
    await sql`
      UPDATE customers SET
        grade = (SELECT i.to_grade FROM grading_proposal_items i WHERE i.proposal_id = ${proposalId} AND i.customer_id = customers.id),
        version = version + 1,
        updated_at = ${actor.now}
      WHERE id IN (SELECT customer_id FROM grading_proposal_items WHERE proposal_id = ${proposalId} AND outcome = 'applied')`.execute(tx);
    const outcomes = await tx
      .selectFrom('grading_proposal_items as i')
      .leftJoin('customers as c', 'c.id', 'i.customer_id')
      .select(['i.customer_id', 'i.outcome', 'c.name', 'c.code'])
      .where('i.proposal_id', '=', proposalId)
      .where('i.decision', '=', 'accepted')
      .orderBy('i.position')
      .execute();
    const skipped: ApplyResult['skipped'] = outcomes
      .filter((item) => item.outcome !== 'applied')
      .map((item) => ({ customerId: item.customer_id, customerName: item.name ?? '', customerCode: item.code ?? '' }));
    await tx.updateTable('grading_proposals').set({ status: 'applied', applied_at: actor.now, applied_by: actor.userId, closed_at: actor.now }).where('id', '=', proposalId).execute();
    await appendAudit(tx, {
      at: actor.now,
      userId: actor.userId,
      username: actor.username,
      action: 'grading.apply',
      entity: 'gradingProposal',
      entityId: proposalId,
      label: period,
      changes: [
        { field: 'applied', before: null, after: outcomes.length - skipped.length },
        { field: 'skipped', before: null, after: skipped.length },
      ],
    });
    return skipped;
  });
  return { proposal: await getProposal(db, proposalId), skipped };
}

export async function discardProposal(db: Db, proposalId: number, actor: GradingActor): Promise<GradingProposal> {
  await transaction(db, async (tx) => {
    const period = await openProposal(tx, proposalId, 'discard');
    await tx.updateTable('grading_proposals').set({ status: 'discarded', closed_at: actor.now }).where('id', '=', proposalId).execute();
    await appendAudit(tx, { at: actor.now, userId: actor.userId, username: actor.username, action: 'grading.discard', entity: 'gradingProposal', entityId: proposalId, label: period });
  });
  return getProposal(db, proposalId);
}
