// Churn warnings, computed on demand for the live customers the caller sees (the staff-scope
// setting). One set-based query per rule, each over its own table's index (customer_sales, the
// customers' return-visit index, the latest two surveys per customer, the open complaints, the
// contracts ending around today), joined here in memory by customer, judged by the pure rules
// (rules.ts), less what the shop dismissed on the same facts, and sorted by value at risk: the
// customer's revenue over the grading window (sales_monthly, grading currency). Never a query
// per customer. The sorted warnings are kept while nothing is written (kept.ts), so churn.list's
// pages, Today's churn section and the dashboard's churn risks share one computation.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import {
  CHURN_CONTRACT_DAYS,
  CHURN_K_DEFAULT,
  CHURN_RULES,
  ChurnSettingsUpdate,
  type ChurnDismissResult,
  type ChurnPage,
  type ChurnQueryValue,
  type ChurnReason,
  type ChurnRow,
  type ChurnRule,
  type ChurnSettings,
} from '../../../../shared/api/churn.ts';
import type { Grade } from '../../../../shared/api/customers.ts';
import { addDays, localDay } from '../../../../shared/contract-status.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import { roleHas } from '../../../../shared/roles.ts';
import { transaction, type Db } from '../../db/database.ts';
import { appendAudit } from '../audit/service.ts';
import { gradingWindow, readGradingSettings } from '../grading/service.ts';
import { dayStart } from '../records/service.ts';
import { readSetting, writeSetting } from '../settings/service.ts';
import { returnCadences } from '../standards/deadline.ts';
import type { Access } from '../users/access.ts';
import { keptWarnings, viewOf, type View, type Warning, type Warnings } from './kept.ts';
import {
  byRuleOrder,
  cadenceRule,
  churnFingerprint,
  complaintsRule,
  contractRule,
  intervalRule,
  satisfactionRule,
  type ContractFacts,
  type OpenComplaint,
  type SurveyFacts,
} from './rules.ts';

/** A caller at an instant (the clock of the context). */
export type ChurnActor = Access & { now: number };

const SETTINGS_KEY = 'churn';

// ---------------------------------------------------------------------------------------------
// Settings

export async function readChurnK(db: Db): Promise<number> {
  const stored = await readSetting(db, SETTINGS_KEY);
  if (stored === undefined) return CHURN_K_DEFAULT;
  try {
    const parsed = ChurnSettingsUpdate.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data.k : CHURN_K_DEFAULT;
  } catch {
    return CHURN_K_DEFAULT; // written only through the schema; unreadable = the default
  }
}

export async function readChurnSettings(db: Db, access: Access): Promise<ChurnSettings> {
  return { k: await readChurnK(db), actions: { edit: roleHas(access.role, 'grading.manage') } };
}

export async function updateChurnSettings(db: Db, input: { k: number }, actor: ChurnActor): Promise<ChurnSettings> {
  return transaction(db, async (tx) => {
    const before = await readChurnK(tx);
    await writeSetting(tx, SETTINGS_KEY, JSON.stringify({ k: input.k }));
    if (before !== input.k) {
      await appendAudit(tx, { at: actor.now, userId: actor.userId, username: actor.username, action: 'churn.settings', entity: 'churn', changes: [{ field: 'k', before, after: input.k }] });
    }
    return readChurnSettings(tx, actor);
  });
}

// ---------------------------------------------------------------------------------------------
// Gathering the facts: one query per rule

/** Which customers are asked about: the caller's sight, and optionally one owner or some customers. */
type Who = { scopeOwnerId: number | null; ownerId: number | null; customerIds: readonly number[] | null };

/** Live (not in the recycle bin, not merged) and in sight; `c` is customers. */
function seen(who: Who): RawBuilder<SqlBool> {
  const parts: RawBuilder<SqlBool>[] = [sql<SqlBool>`c.deleted_at IS NULL`];
  if (who.scopeOwnerId !== null) parts.push(sql<SqlBool>`c.owner_id = ${who.scopeOwnerId}`);
  if (who.ownerId !== null) parts.push(sql<SqlBool>`c.owner_id = ${who.ownerId}`);
  if (who.customerIds !== null) parts.push(sql<SqlBool>`c.id IN (${sql.join(who.customerIds.length > 0 ? who.customerIds : [0])})`);
  return sql<SqlBool>`(${sql.join(parts, sql` AND `)})`;
}

/**
 * Every customer with a reason, as the warning the list will carry (its value filled in later),
 * made only when a rule answers a reason: most rows a rule reads answer none. `until`: the
 * earliest deadline of an open complaint not yet overdue (kept.ts: the list holds until then).
 */
type Gathered = { warnings: Map<number, Warning>; until: number };

function note(into: Gathered, row: CustomerCols, reason: ChurnReason | null): void {
  if (reason === null) return;
  const known = into.warnings.get(row.id);
  if (known) known.reasons.push(reason);
  else into.warnings.set(row.id, { id: row.id, grade: row.grade, ownerId: row.ownerId, nameSort: row.nameSort, value: 0, reasons: [reason] });
}

type CustomerCols = { id: number; grade: Grade; ownerId: number | null; nameSort: string };
const CUSTOMER_COLS = sql`c.id AS id, c.grade AS grade, c.owner_id AS ownerId, c.name_sort AS nameSort`;

type Judge = { today: string; now: number; k: number; cadences: Record<Grade, number> };

/**
 * interval: customer_sales' customers with two sales on different days whose last SALE is already
 * more than k × their usual interval ago (a necessary condition, exact in SQL: the last activity
 * can only be later); the last contact is then weighed by the rule.
 */
async function intervalFacts(db: Db, who: Who, judge: Judge, into: Gathered): Promise<void> {
  const rows = await sql<CustomerCols & { firstOn: string; lastOn: string; saleCount: number; lastContactAt: number }>`
    SELECT ${CUSTOMER_COLS}, s.first_on AS firstOn, s.last_on AS lastOn, s.sale_count AS saleCount, c.last_contact_at AS lastContactAt
    FROM customer_sales AS s INNER JOIN customers AS c ON c.id = s.customer_id
    WHERE s.sale_count >= 2 AND s.first_on < s.last_on
      AND (julianday(${judge.today}) - julianday(s.last_on)) * (s.sale_count - 1) > ${judge.k} * (julianday(s.last_on) - julianday(s.first_on))
      AND ${seen(who)}`.execute(db);
  for (const row of rows.rows) {
    note(into, row, intervalRule({ firstOn: row.firstOn, lastOn: row.lastOn, saleCount: row.saleCount, lastContactOn: localDay(row.lastContactAt), k: judge.k, today: judge.today }));
  }
}

/** cadence: per grade, one range of customers_return_due(_owner): last contact before the day that makes it longer than the cadence. */
async function cadenceFacts(db: Db, who: Who, judge: Judge, into: Gathered): Promise<void> {
  const grades = Object.keys(judge.cadences) as Grade[];
  const parts = grades.map(
    // localDay(last_contact_at) < today − cadence  ⇔  last_contact_at before that day's local midnight.
    (grade) => sql`SELECT ${CUSTOMER_COLS}, c.last_contact_at AS lastContactAt, c.created_at AS createdAt FROM customers AS c
      WHERE c.grade = ${grade} AND c.last_contact_at < ${dayStart(addDays(judge.today, -judge.cadences[grade]))} AND ${seen(who)}`,
  );
  const rows = await sql<CustomerCols & { lastContactAt: number; createdAt: number }>`${sql.join(parts, sql` UNION ALL `)}`.execute(db);
  for (const row of rows.rows) {
    note(
      into,
      row,
      cadenceRule({ grade: row.grade, cadenceDays: judge.cadences[row.grade], lastContactOn: localDay(row.lastContactAt), neverContacted: row.lastContactAt <= row.createdAt, today: judge.today }),
    );
  }
}

/**
 * satisfaction: each customer's latest two live surveys (a window over surveys_timeline's
 * customer order), with their scores; only customers with two are read.
 */
async function satisfactionFacts(db: Db, who: Who, judge: Judge, into: Gathered): Promise<void> {
  const rows = await sql<CustomerCols & { surveyId: number; at: number; nps: number | null; scores: string | null; rn: number }>`
    SELECT ${CUSTOMER_COLS}, t.id AS surveyId, t.at AS at, t.nps AS nps, t.rn AS rn,
      (SELECT group_concat(x.score) FROM survey_scores AS x WHERE x.survey_id = t.id) AS scores
    FROM (SELECT s.id, s.customer_id, s.at, s.nps, row_number() OVER (PARTITION BY s.customer_id ORDER BY s.at DESC, s.id DESC) AS rn,
            count(*) OVER (PARTITION BY s.customer_id) AS n
          FROM surveys AS s WHERE s.deleted_at IS NULL) AS t
    INNER JOIN customers AS c ON c.id = t.customer_id
    WHERE t.rn <= 2 AND t.n >= 2 AND ${seen(who)}
    ORDER BY c.id, t.rn`.execute(db);
  const facts = (row: (typeof rows.rows)[number]): SurveyFacts => ({
    id: row.surveyId,
    on: localDay(row.at),
    scores: row.scores === null ? [] : row.scores.split(',').map(Number),
    nps: row.nps,
  });
  for (let i = 0; i + 1 < rows.rows.length; i++) {
    const latest = rows.rows[i]!;
    const before = rows.rows[i + 1]!; // ordered by customer, then latest first; every customer here has two
    if (latest.id !== before.id || latest.rn !== 1) continue;
    note(into, latest, satisfactionRule(facts(latest), facts(before)));
    i++;
  }
}

/** complaints: the open complaints (their own partial index), grouped by customer here. */
async function complaintsFacts(db: Db, who: Who, judge: Judge, into: Gathered): Promise<void> {
  const rows = await sql<CustomerCols & { complaintId: number; dueAt: number }>`
    SELECT ${CUSTOMER_COLS}, k.id AS complaintId, k.due_at AS dueAt
    FROM complaints AS k INDEXED BY complaints_open INNER JOIN customers AS c ON c.id = k.customer_id
    WHERE k.deleted_at IS NULL AND k.status IN ('new', 'inProgress') AND ${seen(who)}`.execute(db);
  const byCustomer = new Map<number, { customer: CustomerCols; open: OpenComplaint[] }>();
  for (const row of rows.rows) {
    const entry = byCustomer.get(row.id) ?? { customer: row, open: [] };
    entry.open.push({ id: row.complaintId, dueAt: row.dueAt });
    byCustomer.set(row.id, entry);
    // Overdue is dueAt < now: this one turns overdue just after its deadline.
    if (row.dueAt >= judge.now && row.dueAt < into.until) into.until = row.dueAt;
  }
  for (const { customer, open } of byCustomer.values()) note(into, customer, complaintsRule(open, judge.now));
}

/**
 * contract: the customers with a signed, non-renewing, unterminated contract ending within
 * CHURN_CONTRACT_DAYS of today (a range of contracts_totals, in end-date order), with all their
 * live contracts (contracts_customer) for the rule's "no later contract".
 */
async function contractFacts(db: Db, who: Who, judge: Judge, into: Gathered): Promise<void> {
  const rows = await sql<CustomerCols & { contractId: number; number: string; signedOn: string | null; endOn: string | null; autoRenew: number; terminatedOn: string | null }>`
    SELECT ${CUSTOMER_COLS}, k.id AS contractId, k.number AS number, k.signed_on AS signedOn, k.end_on AS endOn, k.auto_renew AS autoRenew, k.terminated_on AS terminatedOn
    FROM contracts AS k INNER JOIN customers AS c ON c.id = k.customer_id
    WHERE k.deleted_at IS NULL AND k.customer_id IN (
        SELECT e.customer_id FROM contracts AS e INDEXED BY contracts_totals
        WHERE e.end_on BETWEEN ${addDays(judge.today, -CHURN_CONTRACT_DAYS)} AND ${addDays(judge.today, CHURN_CONTRACT_DAYS)}
          AND e.deleted_at IS NULL AND e.terminated_on IS NULL AND e.signed_on IS NOT NULL AND e.auto_renew = 0)
      AND ${seen(who)}`.execute(db);
  const byCustomer = new Map<number, { customer: CustomerCols; contracts: ContractFacts[] }>();
  for (const row of rows.rows) {
    const entry = byCustomer.get(row.id) ?? { customer: row, contracts: [] };
    entry.contracts.push({ id: row.contractId, number: row.number, signedOn: row.signedOn, endOn: row.endOn, autoRenew: row.autoRenew === 1, terminatedOn: row.terminatedOn });
    byCustomer.set(row.id, entry);
  }
  for (const { customer, contracts } of byCustomer.values()) note(into, customer, contractRule(contracts, judge.today));
}

const GATHER: Record<ChurnRule, (db: Db, who: Who, judge: Judge, into: Gathered) => Promise<void>> = {
  interval: intervalFacts,
  cadence: cadenceFacts,
  satisfaction: satisfactionFacts,
  complaints: complaintsFacts,
  contract: contractFacts,
};

/** Every customer's live reasons (dismissed ones included), one query per rule. */
async function gather(db: Db, who: Who, judge: Judge): Promise<Gathered> {
  const into: Gathered = { warnings: new Map(), until: Infinity };
  // One after the other: one connection.
  for (const rule of CHURN_RULES) await GATHER[rule](db, who, judge, into);
  return into;
}

async function judgeAt(db: Db, now: number): Promise<Judge> {
  return { today: localDay(now), now, k: await readChurnK(db), cadences: await returnCadences(db) };
}

/** Dismissals as `customer:rule` → fingerprint. */
async function dismissals(db: Db, customerIds: readonly number[] | null): Promise<Map<string, string>> {
  let q = db.selectFrom('churn_dismissals').select(['customer_id', 'rule', 'fingerprint']);
  if (customerIds !== null) q = q.where('customer_id', 'in', customerIds.length > 0 ? [...customerIds] : [0]);
  return new Map((await q.execute()).map((row) => [`${row.customer_id}:${row.rule}`, row.fingerprint]));
}

/** Each customer's 12-month revenue in the grading currency (one GROUP BY over the summary's month index). */
async function values(db: Db, who: Who, window: { from: string; to: string }, currency: string): Promise<Map<number, number>> {
  const owner = who.scopeOwnerId ?? who.ownerId;
  const conflicting = who.scopeOwnerId !== null && who.ownerId !== null && who.scopeOwnerId !== who.ownerId;
  if (conflicting) return new Map();
  const rows = await sql<{ customerId: number; value: number }>`
    SELECT m.customer_id AS customerId, sum(m.revenue_minor) AS value FROM sales_monthly AS m
    WHERE ${owner === null ? sql`` : sql`m.owner_id = ${owner} AND `}m.month BETWEEN ${window.from} AND ${window.to} AND m.live = 1 AND m.currency = ${currency}
      ${who.customerIds === null ? sql`` : sql`AND m.customer_id IN (${sql.join(who.customerIds.length > 0 ? who.customerIds : [0])})`}
    GROUP BY m.customer_id`.execute(db);
  return new Map(rows.rows.map((row) => [row.customerId, Number(row.value)]));
}

// ---------------------------------------------------------------------------------------------
// The list

/** Value desc, then the name's sort key, then id: the list's one order (and its cursor's). */
function compare(a: Key, b: Key): number {
  return b.value - a.value || (a.nameSort < b.nameSort ? -1 : a.nameSort > b.nameSort ? 1 : 0) || a.id - b.id;
}

type Key = { value: number; nameSort: string; id: number };

function encodeCursor(key: Key): string {
  return Buffer.from(JSON.stringify([key.value, key.nameSort, key.id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): Key {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 3 && Number.isSafeInteger(parsed[0]) && typeof parsed[1] === 'string' && Number.isSafeInteger(parsed[2])) {
      return { value: parsed[0] as number, nameSort: parsed[1] as string, id: parsed[2] as number }; // checked just above
    }
  } catch {
    // not base64 JSON: refused below
  }
  throw new AppFailure('VALIDATION', 'churn.list: the cursor is not one this list made; start from the first page', [{ path: ['cursor'], message: 'cursor' }]);
}

/**
 * Every warning of the customers asked about, less the reasons dismissed on the same facts, with
 * its value, sorted by value at risk. Fingerprints are made only for the customers with a
 * dismissal (few); the sort compares the warnings themselves (no key objects per comparison).
 */
async function warnings(db: Db, who: Who, now: number): Promise<Warnings> {
  const judge = await judgeAt(db, now);
  const { currency } = await readGradingSettings(db);
  const gathered = await gather(db, who, judge);
  const [dismissed, value] = await Promise.all([dismissals(db, who.customerIds), values(db, who, gradingWindow(now), currency)]);
  const dismissedCustomers = new Set<number>();
  for (const key of dismissed.keys()) dismissedCustomers.add(Number(key.slice(0, key.indexOf(':'))));
  const list: Warning[] = [];
  for (const w of gathered.warnings.values()) {
    if (dismissedCustomers.has(w.id)) {
      w.reasons = w.reasons.filter((reason) => {
        const stored = dismissed.get(`${w.id}:${reason.rule}`);
        return stored === undefined || stored !== churnFingerprint(reason);
      });
      if (w.reasons.length === 0) continue;
    }
    if (w.reasons.length > 1) w.reasons.sort(byRuleOrder(CHURN_RULES));
    w.value = value.get(w.id) ?? 0;
    list.push(w);
  }
  list.sort(compare);
  return { list, currency, today: judge.today, until: gathered.until };
}

/**
 * churn.list: the warnings of the live customers in the caller's sight (and of one responsible
 * staff member when asked), by value at risk, keyset paged. Every page reads the caller's kept
 * warnings (kept.ts: computed once while nothing is written, shared with Today and the
 * dashboard), then the page's names only.
 */
export async function listChurn(db: Db, actor: ChurnActor, query: ChurnQueryValue): Promise<ChurnPage> {
  const who: Who = { scopeOwnerId: actor.scopeOwnerId, ownerId: null, customerIds: null };
  const entry = await keptWarnings(db, actor.scopeOwnerId, actor.now, () => warnings(db, who, actor.now));
  const view = viewOf(entry, { ownerId: query.ownerId, rule: query.rule });
  return pageOf(db, actor, view, query, entry.warnings);
}

/** The first index whose warning comes after `after` in the list's order (binary search: the list is sorted). */
function firstAfter(list: readonly Warning[], after: Key): number {
  let [low, high] = [0, list.length];
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compare(list[mid]!, after) > 0) high = mid; // mid < list.length
    else low = mid + 1;
  }
  return low;
}

async function pageOf(db: Db, access: Access, view: View, query: ChurnQueryValue, all: Warnings): Promise<ChurnPage> {
  const { list } = view;
  const start = query.cursor === null ? 0 : firstAfter(list, decodeCursor(query.cursor));
  const page = list.slice(start, start + query.limit);
  const details = page.length === 0
    ? new Map<number, { name: string; code: string; ownerName: string | null }>()
    : new Map(
        (
          await db
            .selectFrom('customers as c')
            .leftJoin('users as u', 'u.id', 'c.owner_id')
            .select(['c.id', 'c.name', 'c.code', 'u.display_name as ownerName'])
            .where(
              'c.id',
              'in',
              page.map((w) => w.id),
            )
            .execute()
        ).map((row) => [row.id, row]),
      );
  const write = roleHas(access.role, 'customers.write');
  const rows = page.map((w): ChurnRow => {
    const detail = details.get(w.id);
    return {
      customerId: w.id,
      customerName: detail?.name ?? '',
      customerCode: detail?.code ?? '',
      grade: w.grade,
      ownerId: w.ownerId,
      ownerName: detail?.ownerName ?? null,
      valueMinor: w.value,
      currency: all.currency,
      reasons: [...w.reasons], // the kept warning's own list stays as it is
      actions: { dismiss: write, planVisit: write },
    };
  });
  const last = page.at(-1);
  const more = start + page.length < list.length;
  return {
    rows,
    next: more && last ? encodeCursor(last) : null,
    total: list.length,
    totalValueMinor: view.totalValue,
    currency: all.currency,
    day: all.today,
  };
}

// ---------------------------------------------------------------------------------------------
// Dismissing

/**
 * Hides one rule's warning of a customer until its facts change: the fingerprint of the facts
 * now is kept (one row per customer and rule, the latest), with the reason, in the audit log too.
 */
export async function dismissChurn(db: Db, input: { customerId: number; rule: ChurnRule; reason: string }, actor: ChurnActor): Promise<ChurnDismissResult> {
  return transaction(db, async (tx) => {
    const customer = await tx
      .selectFrom('customers as c')
      .select(['c.id', 'c.name', 'c.code'])
      .where(seen({ scopeOwnerId: actor.scopeOwnerId, ownerId: null, customerIds: [input.customerId] }))
      .executeTakeFirst();
    if (!customer) throw new AppFailure('NOT_FOUND', `churn.dismiss: customer ${input.customerId} does not exist, is in the recycle bin, or is not one you see`);
    const judge = await judgeAt(tx, actor.now);
    const into: Gathered = { warnings: new Map(), until: Infinity };
    await GATHER[input.rule](tx, { scopeOwnerId: actor.scopeOwnerId, ownerId: null, customerIds: [customer.id] }, judge, into);
    const reason = into.warnings.get(customer.id)?.reasons.find((r) => r.rule === input.rule);
    const fingerprint = reason === undefined ? null : churnFingerprint(reason);
    const before = await tx.selectFrom('churn_dismissals').select('fingerprint').where('customer_id', '=', customer.id).where('rule', '=', input.rule).executeTakeFirst();
    if (fingerprint === null || before?.fingerprint === fingerprint) {
      throw new AppFailure('CONFLICT', `churn.dismiss: ${customer.name} (${customer.code}) has no ${input.rule} warning to dismiss now (the facts changed or it is dismissed already); reload the list`);
    }
    await tx
      .insertInto('churn_dismissals')
      .values({ customer_id: customer.id, rule: input.rule, fingerprint, reason: input.reason, dismissed_by: actor.userId, dismissed_at: actor.now })
      .onConflict((oc) => oc.columns(['customer_id', 'rule']).doUpdateSet({ fingerprint, reason: input.reason, dismissed_by: actor.userId, dismissed_at: actor.now }))
      .execute();
    await appendAudit(tx, {
      at: actor.now,
      userId: actor.userId,
      username: actor.username,
      action: 'churn.dismiss',
      entity: 'churn',
      entityId: customer.id,
      label: `${customer.name} (${customer.code})`,
      changes: [
        { field: 'rule', before: null, after: input.rule },
        { field: 'reason', before: null, after: input.reason },
      ],
    });
    return { customerId: customer.id, rule: input.rule, dismissedAt: actor.now };
  });
}

// ---------------------------------------------------------------------------------------------
// The floor the bench compares with

/**
 * The straightforward SQL floor of the list, for the bench: what any churn list must at least
 * read, in one statement: every live customer (grade, last contact) beside its window revenue in
 * the grading currency (one GROUP BY of sales_monthly), those past their grade's cadence counted.
 * Parameters: the window's first and last month, the currency, then the cutoff instants for vip,
 * key, normal, potential.
 */
export const CHURN_FLOOR_SQL = `SELECT count(*) AS n, coalesce(sum(v.value), 0) AS value FROM customers AS c
  LEFT JOIN (SELECT customer_id, sum(revenue_minor) AS value FROM sales_monthly WHERE month BETWEEN ? AND ? AND live = 1 AND currency = ? GROUP BY customer_id) AS v ON v.customer_id = c.id
  WHERE c.deleted_at IS NULL AND c.last_contact_at < CASE c.grade WHEN 'vip' THEN ? WHEN 'key' THEN ? WHEN 'normal' THEN ? ELSE ? END`;

/** Runs CHURN_FLOOR_SQL at `now` (the shop's settings); answers how many customers it counted. */
export async function churnFloor(db: Db, now: number): Promise<number> {
  const judge = await judgeAt(db, now);
  const { currency } = await readGradingSettings(db);
  const window = gradingWindow(now);
  const cutoff = (grade: Grade) => dayStart(addDays(judge.today, -judge.cadences[grade]));
  const params = [window.from, window.to, currency, cutoff('vip'), cutoff('key'), cutoff('normal'), cutoff('potential')];
  // The text's placeholders bound in order (the bench quotes the text as it is).
  const parts = CHURN_FLOOR_SQL.split('?');
  const pieces: RawBuilder<unknown>[] = [sql.raw(parts[0]!)]; // split answers at least one part
  params.forEach((param, index) => pieces.push(sql`${param}`, sql.raw(parts[index + 1]!))); // one more part than placeholders
  const built = sql<{ n: number }>`${sql.join(pieces, sql``)}`;
  return Number((await built.execute(db)).rows[0]!.n); // count(*) answers one row
}
