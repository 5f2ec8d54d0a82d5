// `npm run bench:performance` — staff performance at scale, as JSON on stdout (progress and a
// table on stderr): performance.get through the worker door for one staff member over one year and
// for everyone over the same year. Targets (issue 14): one person one year ≤ 200 ms, everyone ≤ 1 s
// (medians).
//
// The shop is bench:dashboard's (test/bench/dashboard-bench.ts builds it: 100,000 customers,
// 1,000,000 records, 1,000,000 sales lines in 400,000 sales, visits, complaints, surveys, five staff
// members; the clock fixed at 2 December 2026). This bench reuses a folder that bench built
// (BENCH_DATA_DIR=DIR or `-- --data-dir DIR`; default $TMPDIR/clientele-bench-performance) and, when
// the folder holds none, runs bench:dashboard once to build it there. Opening it migrates it to the
// current schema, so give it a copy of a shared folder.
//
// Before timing, every figure of every row is CHECKED against direct SQL over the base tables (the
// churn risks against the churn list's total: the warnings are computed, not stored); a wrong
// answer fails the run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { GRADES } from '../../shared/api/customers.ts';
import type { Performance, StaffPerformance } from '../../shared/api/performance.ts';
import { addDays } from '../../shared/contract-status.ts';
import { createCore } from '../../electron/core/create-core.ts';
import { createCoreInWorker } from '../../electron/core/worker/core-in-worker.ts';
import { keyToHex, unwrapKey } from '../../electron/core/crypto/keys.ts';
import { findUserSlot, readKeyslots } from '../../electron/core/crypto/keyslots.ts';
import { openEncrypted, type SqliteDatabase } from '../../electron/core/db/sqlite/open.ts';
import { databasePath } from '../../electron/core/vault.ts';
import { interleaved, log, round } from './timing.ts';

// bench:dashboard's shop: its owner, staff password and the file that says it is built.
const OWNER = 'owner';
const PASSWORD = 'bench-password-4k9z';
const STAFF_PASSWORD = 'bench-staff-own-5t8u';
const SHOP_FILE = 'bench-dashboard-shop-v2.json';
/** 2 December 2026, 12:00 UTC: bench:dashboard's day. */
const NOW = Date.UTC(2026, 11, 2, 12, 0);
const YEAR = { from: '2026-01-01', to: '2026-12-31' };
const TARGETS = { one: 200, everyone: 1000 };

type Core = { invoke: ReturnType<typeof createCore>['invoke']; close(): void };

async function call<T>(core: Core, session: string, method: string, input: unknown): Promise<T> {
  const result = await core.invoke(session, method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T; // the bench knows which method it called
}

function options() {
  const { values } = parseArgs({ options: { runs: { type: 'string' }, 'data-dir': { type: 'string' } }, allowPositionals: true });
  const runs = Number(values.runs ?? 9);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`bench:performance: --runs takes a whole number ≥ 1, got ${values.runs}`);
  return { runs, dataDir: values['data-dir'] ?? process.env.BENCH_DATA_DIR ?? join(tmpdir(), 'clientele-bench-performance') };
}

async function rawConnection(dataDir: string): Promise<SqliteDatabase> {
  // Test tool only: the owner's password unwraps the database key, as sign-in does.
  const slot = findUserSlot(readKeyslots(dataDir), OWNER);
  const key = slot && (await unwrapKey(slot, PASSWORD));
  if (!key) throw new Error('bench:performance: cannot unwrap the database key with the owner password');
  return openEncrypted(databasePath(dataDir), keyToHex(key));
}

/** The local midnight starting a day, as an instant (the machine's time zone is the shop's). */
const dayStart = (day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).getTime();
};

/** Every figure of one row as direct SQL over the base tables says it (owner's sight: no scope). */
function expected(raw: SqliteDatabase, staffId: number, asOf: string) {
  const one = (text: string, ...params: unknown[]) => Number(raw.prepare(text).pluck().get(...params));
  const live = `JOIN customers c ON c.id = x.customer_id AND c.deleted_at IS NULL AND c.owner_id = ${staffId}`;
  const start = dayStart(YEAR.from);
  const end = dayStart(addDays(YEAR.to, 1));
  const byGrade = new Map((raw.prepare('SELECT grade, count(*) AS n FROM customers WHERE deleted_at IS NULL AND owner_id = ? GROUP BY grade').all(staffId) as { grade: string; n: number }[]).map((r) => [r.grade, r.n]));
  // In the answer's order (GRADES), the grades with customers.
  const grades = Object.fromEntries(GRADES.filter((g) => byGrade.has(g)).map((g) => [g, byGrade.get(g)]));
  const visits = `FROM visits v JOIN customers c ON c.id = v.customer_id AND c.deleted_at IS NULL WHERE v.deleted_at IS NULL AND v.staff_id = ? AND v.on_day BETWEEN ? AND ?`;
  const cadences = Object.fromEntries((raw.prepare('SELECT grade, return_days FROM service_standards').all() as { grade: string; return_days: number }[]).map((r) => [r.grade, r.return_days]));
  let overdue = 0;
  for (const [grade, days] of Object.entries(cadences)) {
    overdue += one('SELECT count(*) FROM customers WHERE deleted_at IS NULL AND owner_id = ? AND grade = ? AND last_contact_at < ?', staffId, grade, dayStart(addDays(asOf, -days + 1)));
  }
  const closed = `FROM complaints x ${live} WHERE x.deleted_at IS NULL AND x.closed_at >= ? AND x.closed_at < ?`;
  const surveys = `FROM surveys x ${live} WHERE x.deleted_at IS NULL AND x.at >= ? AND x.at < ?`;
  const scores = raw.prepare(`SELECT count(*) AS n, coalesce(sum(ss.score), 0) AS total ${surveys.replace('WHERE', 'JOIN survey_scores ss ON ss.survey_id = x.id WHERE')}`).get(start, end) as { n: number; total: number };
  const nps = raw.prepare(`SELECT count(x.nps) AS n, coalesce(sum(x.nps >= 9), 0) AS p, coalesce(sum(x.nps <= 6), 0) AS d ${surveys}`).get(start, end) as { n: number; p: number; d: number };
  const revenue = raw
    .prepare(`SELECT x.currency AS currency, sum(x.total_minor) AS total, count(*) AS n FROM sales x ${live} WHERE x.deleted_at IS NULL AND x.sold_on BETWEEN ? AND ? GROUP BY 1 ORDER BY 1`)
    .all(YEAR.from, YEAR.to) as { currency: string; total: number; n: number }[];
  return {
    grades,
    planned: one(`SELECT count(*) ${visits} AND v.status <> 'cancelled'`, staffId, YEAR.from, YEAR.to),
    done: one(`SELECT count(*) ${visits} AND v.status = 'done'`, staffId, YEAR.from, YEAR.to),
    overdue,
    closed: one(`SELECT count(*) ${closed}`, start, end),
    onTime: one(`SELECT count(*) ${closed} AND x.closed_at <= x.due_at`, start, end),
    responses: one(`SELECT count(*) ${surveys}`, start, end),
    csat: scores.n === 0 ? null : Math.floor((scores.total * 200 + scores.n) / (2 * scores.n)),
    nps: nps.n === 0 ? null : Math.round(((nps.p - nps.d) * 1000) / nps.n) / 10,
    revenue: revenue.map((r) => [r.currency, r.total, r.n]),
    newCustomers: one('SELECT count(*) FROM customers WHERE deleted_at IS NULL AND owner_id = ? AND created_at >= ? AND created_at < ?', staffId, start, end),
  };
}

function actual(row: StaffPerformance) {
  return {
    grades: Object.fromEntries(row.customersByGrade.filter((g) => g.count > 0).map((g) => [g.grade, g.count])),
    planned: row.visits.planned.count,
    done: row.visits.done.count,
    overdue: row.returnVisitsOverdue.count,
    closed: row.complaints.closed.count,
    onTime: row.complaints.onTime.count,
    responses: row.satisfaction.responses.count,
    csat: row.satisfaction.csatAvgX100,
    nps: row.satisfaction.nps,
    revenue: row.revenue.map((r) => [r.currency, r.totalMinor, r.saleCount]),
    newCustomers: row.newCustomers.count,
  };
}

async function check(raw: SqliteDatabase, door: Core, answer: Performance): Promise<void> {
  for (const row of answer.rows) {
    const got = JSON.stringify(actual(row));
    const want = JSON.stringify(expected(raw, row.staffId, answer.asOf));
    if (got !== want) throw new Error(`bench:performance: ${row.staffName}: the figures are ${got}, the direct SQL says ${want}`);
    const churn = await call<{ total: number }>(door, 'owner', 'churn.list', { ownerId: row.staffId, limit: 1 });
    if (churn.total !== row.churnRisks.count) throw new Error(`bench:performance: ${row.staffName}: churn risks ${row.churnRisks.count}, the churn list ${churn.total}`);
  }
}

async function main(): Promise<void> {
  const o = options();
  const loadAtStart = loadavg().map((n) => round(n));
  if (!existsSync(join(o.dataDir, SHOP_FILE))) {
    log(`bench:performance: no bench:dashboard shop in ${o.dataDir}; building it there with bench:dashboard (once)...`);
    const built = spawnSync(process.execPath, ['--import', 'tsx', 'test/bench/dashboard-bench.ts', '--runs', '1', '--data-dir', o.dataDir], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (built.status !== 0) throw new Error('bench:performance: bench:dashboard could not build the shop');
  } else log(`bench:performance: reusing the shop in ${o.dataDir}`);
  // Open once in process: migrates the folder to the current schema and turns the staff scope off
  // (the owner's view; staff are answered for themselves either way).
  const inProcess = createCore({ dataDir: o.dataDir, clock: () => NOW });
  await call(inProcess, 'owner', 'auth.signIn', { username: OWNER, password: PASSWORD });
  await call(inProcess, 'owner', 'settings.update', { staffScope: false });
  inProcess.close();
  const raw = await rawConnection(o.dataDir);
  const door = createCoreInWorker({ dataDir: o.dataDir, clock: () => NOW });
  try {
    await call(door, 'owner', 'auth.signIn', { username: OWNER, password: PASSWORD });
    await call(door, 'staff', 'auth.signIn', { username: 'staff1', password: STAFF_PASSWORD });
    const staffId = raw.prepare("SELECT id FROM users WHERE username = 'staff1'").pluck().get() as number;
    log('bench:performance: checking every figure of everyone against direct SQL...');
    const everyone = await call<Performance>(door, 'owner', 'performance.get', { staffId: 'all', ...YEAR });
    await check(raw, door, everyone);
    const own = await call<Performance>(door, 'staff', 'performance.get', { staffId: 'all', ...YEAR });
    if (own.rows.length !== 1 || own.rows[0]!.staffId !== staffId) throw new Error('bench:performance: staff1 was not answered for themselves');
    log(`bench:performance: timing (${o.runs} rounds after 2)...`);
    const t = await interleaved(
      {
        one: () => call(door, 'owner', 'performance.get', { staffId, ...YEAR }),
        own: () => call(door, 'staff', 'performance.get', { staffId, ...YEAR }),
        everyone: () => call(door, 'owner', 'performance.get', { staffId: 'all', ...YEAR }),
        // The floor: the same figures of one person as the straightforward statements above, on the bench's own connection.
        floor: () => expected(raw, staffId, everyone.asOf),
      },
      { warmup: 2, iterations: o.runs },
    );
    const row = (name: string, s: { medianMs: number; p95Ms: number }, target: number) => ({ name, medianMs: s.medianMs, p95Ms: s.p95Ms, floorMedianMs: t.floor!.medianMs, targetMs: target, ok: s.medianMs <= target });
    const results = [
      row('performance.get one person, one year (owner)', t.one!, TARGETS.one),
      row('performance.get own figures, one year (staff1)', t.own!, TARGETS.one),
      row(`performance.get everyone (${everyone.rows.length} rows), one year`, t.everyone!, TARGETS.everyone),
    ];
    const count = (table: string) => raw.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    const report = {
      shop: { customers: count('customers'), records: count('records'), sales: count('sales'), saleLines: count('sale_lines'), visits: count('visits'), complaints: count('complaints'), surveys: count('surveys') },
      period: YEAR,
      asOf: everyone.asOf,
      checked: 'every figure of every row equals direct SQL (churn risks: the churn list total)',
      figures: everyone.rows.map((r) => ({ staff: r.staffName, ...actual(r), churnRisks: r.churnRisks.count })),
      machine: { cpus: availableParallelism(), loadAtStart, loadAtEnd: loadavg().map((n) => round(n)) },
      results,
      allOk: results.every((r) => r.ok),
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    log('');
    for (const r of results) log(`${r.name.padEnd(50)} median ${r.medianMs.toFixed(1).padStart(8)} ms  p95 ${r.p95Ms.toFixed(1).padStart(8)} ms  one person's SQL floor ${r.floorMedianMs.toFixed(1).padStart(7)} ms  <=${r.targetMs} ${r.ok ? 'ok' : 'MISSED'}`);
  } finally {
    door.close();
    if (raw.open) raw.close();
  }
}

await main();
