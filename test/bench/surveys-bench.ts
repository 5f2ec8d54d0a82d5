// `npm run bench:surveys` — satisfaction trends by month at scale, figures as JSON on stdout
// (progress and a summary on stderr).
//
// The shop: 20,000 seeded customers (`-- --customers N`) owned by the owner and five staff members,
// and 200,000 surveys (`-- --surveys N`) through `system.seed` (what `clientele seed --surveys`
// runs: two years of answers). With BENCH_DATA_DIR=DIR (or `-- --data-dir DIR`) the shop is made
// there once and reused (kept); else a temp dir, removed.
//
// Measured through the door as the app calls it (the core in its worker thread), beside the same
// service function called directly on the encrypted database:
//   - the shop's trends over 24 months (CSAT per dimension and NPS by month), from
//     survey_month_totals. Target: median ≤ 100 ms (the issue's figure);
//   - one staff member's trends over 24 months (the totals too);
//   - one customer's trends over 24 months (summed from its surveys' rows);
//   - a staff member's trends under the staff scope (summed from the rows of the surveys of their
//     customers, a fifth of the shop's): reported, no target.
// Every answer is checked before it is timed against a reference computed another way: GROUP BY
// over every survey and score row of the same selection. A wrong answer fails the run.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { monthRange, TrendsQuery, type Trends } from '../../shared/api/surveys.ts';
import { npsScore } from '../../shared/low-score.ts';
import { createCore } from '../../electron/core/create-core.ts';
import { createCoreInWorker } from '../../electron/core/worker/core-in-worker.ts';
import { keyToHex, unwrapKey } from '../../electron/core/crypto/keys.ts';
import { findUserSlot, readKeyslots } from '../../electron/core/crypto/keyslots.ts';
import { openEncrypted, type SqliteDatabase } from '../../electron/core/db/sqlite/open.ts';
import { kyselyOver } from '../../electron/core/db/sqlite/dialect.ts';
import { surveyTrends } from '../../electron/core/areas/surveys/service.ts';
import { fullAccess, type Access } from '../../electron/core/areas/users/access.ts';
import { databasePath } from '../../electron/core/vault.ts';
import { interleaved, log, round, type Stats } from './timing.ts';

const OWNER = 'owner';
const PASSWORD = 'bench-password-4k9z';
const SESSION = 'bench';
const STAFF_SESSION = 'bench-staff';
const STAFF_PASSWORD = 'bench-staff-7q2m-pass';
const STAFF = ['王芳', '李强', '张敏', '刘洋', '陈静'];
const WARMUP = 10;
const ITERATIONS = 100;
const SEED_FILE = 'bench-surveys-seed.json';
const TARGET_MS = 100;

type Core = { invoke(session: string, method: string, input: unknown): Promise<{ ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }>; close(): void };

async function call<T>(core: Core, session: string, method: string, input: unknown): Promise<T> {
  const result = await core.invoke(session, method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T; // the bench knows which method it called
}

function options(): { customers: number; surveys: number; dataDir: string | null } {
  const { values } = parseArgs({ options: { customers: { type: 'string' }, surveys: { type: 'string' }, 'data-dir': { type: 'string' } }, allowPositionals: true });
  const whole = (name: string, text: string | undefined, fallback: number) => {
    const n = Number(text ?? fallback);
    if (!Number.isInteger(n) || n < 1) throw new Error(`bench:surveys: --${name} must be a whole number ≥ 1, got ${text}`);
    return n;
  };
  return {
    customers: whole('customers', values.customers ?? process.env.BENCH_CUSTOMERS, 20_000),
    surveys: whole('surveys', values.surveys ?? process.env.BENCH_SURVEYS, 200_000),
    dataDir: values['data-dir'] ?? process.env.BENCH_DATA_DIR ?? null,
  };
}

type SeedFigures = { customers: number; surveys: number; customersMs: number; surveysMs: number };

async function rawConnection(dataDir: string): Promise<SqliteDatabase> {
  // Test tool only: the owner's password unwraps the database key, as sign-in does.
  const slot = findUserSlot(readKeyslots(dataDir), OWNER);
  const key = slot && (await unwrapKey(slot, PASSWORD));
  if (!key) throw new Error('bench:surveys: cannot unwrap the database key with the owner password');
  return openEncrypted(databasePath(dataDir), keyToHex(key));
}

async function makeShop(dataDir: string, customers: number, surveys: number): Promise<SeedFigures> {
  const core = createCore({ dataDir });
  try {
    await call(core, SESSION, 'setup.create', { shopName: '基准测试小店', ownerUsername: OWNER, ownerDisplayName: '店主', password: PASSWORD });
    for (const [i, name] of STAFF.entries()) await call(core, SESSION, 'users.create', { username: `staff${i + 1}`, displayName: name, role: 'staff', password: PASSWORD });
    // The first staff member signs in once to set their own password (a new user must), for the scoped measurement.
    await call(core, STAFF_SESSION, 'auth.signIn', { username: 'staff1', password: PASSWORD });
    await call(core, STAFF_SESSION, 'auth.changePassword', { oldPassword: PASSWORD, newPassword: STAFF_PASSWORD });
    log(`bench:surveys: seeding ${customers} customers...`);
    let started = performance.now();
    const seeded = await call<{ customers: number }>(core, SESSION, 'system.seed', { customers, seed: 1 });
    const customersMs = Math.round(performance.now() - started);
    await call(core, SESSION, 'auth.signIn', { username: OWNER, password: PASSWORD }); // a long seed may outlast the idle lock-out
    log(`bench:surveys: ${seeded.customers} customers in ${customersMs} ms; seeding ${surveys} surveys...`);
    started = performance.now();
    const made = await call<{ surveys: number }>(core, SESSION, 'system.seed', { surveys, seed: 1 });
    const surveysMs = Math.round(performance.now() - started);
    log(`bench:surveys: ${made.surveys} surveys in ${surveysMs} ms`);
    return { customers: seeded.customers, surveys: made.surveys, customersMs, surveysMs };
  } finally {
    core.close();
  }
}

/**
 * The reference: GROUP BY over every live survey (and its scores) of the selection, straight from
 * the rows with SQL written here, never from survey_month_totals.
 */
function referenceTrends(raw: SqliteDatabase, from: string, to: string, where: { staffId?: number; customerId?: number; ownerId?: number }): Trends['months'] {
  const conditions = ['s.deleted_at IS NULL', 'c.deleted_at IS NULL', 's.month BETWEEN ? AND ?'];
  const params: (string | number)[] = [from, to];
  for (const [column, value] of [['s.staff_id', where.staffId], ['s.customer_id', where.customerId], ['c.owner_id', where.ownerId]] as const) {
    if (value === undefined) continue;
    conditions.push(`${column} = ?`);
    params.push(value);
  }
  const base = `FROM surveys s JOIN customers c ON c.id = s.customer_id WHERE ${conditions.join(' AND ')}`;
  const scores = raw.prepare(`SELECT s.month, ss.dimension_id AS d, count(*) AS n, sum(ss.score) AS total ${base.replace('WHERE', 'JOIN survey_scores ss ON ss.survey_id = s.id WHERE')} GROUP BY s.month, ss.dimension_id`).all(...params) as {
    month: string;
    d: number;
    n: number;
    total: number;
  }[];
  const nps = raw.prepare(`SELECT s.month, s.nps ${base} AND s.nps IS NOT NULL`).all(...params) as { month: string; nps: number }[];
  const dimensions = raw.prepare('SELECT id FROM survey_dimensions WHERE retired_at IS NULL ORDER BY position, id').pluck().all() as number[];
  return monthRange(from, to).map((month) => {
    const answers = nps.filter((r) => r.month === month).map((r) => r.nps);
    const promoters = answers.filter((n) => n >= 9).length;
    const detractors = answers.filter((n) => n <= 6).length;
    return {
      month,
      dimensions: dimensions.map((id) => {
        const cell = scores.find((r) => r.month === month && r.d === id);
        return { dimensionId: id, answers: cell?.n ?? 0, average: cell ? Math.round((cell.total * 100) / cell.n) / 100 : null };
      }),
      nps: { answers: answers.length, promoters, passives: answers.length - promoters - detractors, detractors, score: npsScore(answers.length, promoters, detractors) },
    };
  });
}

function check(name: string, answer: Trends, reference: Trends['months']): void {
  const got = JSON.stringify(answer.months);
  const want = JSON.stringify(reference);
  if (got !== want) throw new Error(`bench:surveys: ${name} differs from the reference:\n got ${got.slice(0, 600)}\nwant ${want.slice(0, 600)}`);
  const answered = reference.reduce((sum, m) => sum + m.nps.answers + m.dimensions.reduce((s, d) => s + d.answers, 0), 0);
  if (answered === 0) throw new Error(`bench:surveys: ${name} has no answers to check`);
}

type Entry = { door: Stats; service: Stats; surveys: number; source: 'totals' | 'rows'; targetMs: number | null; met: boolean | null };

async function main(): Promise<void> {
  const opts = options();
  const temp = opts.dataDir === null ? mkdtempSync(join(tmpdir(), 'clientele-bench-surveys-')) : null;
  const dataDir = opts.dataDir ?? join(temp!, 'data');
  const loadAtStart = loadavg().map((n) => round(n));
  const seedFile = join(dataDir, SEED_FILE);
  let door: Core | null = null;
  let raw: SqliteDatabase | null = null;
  try {
    if (!existsSync(seedFile)) {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(seedFile, JSON.stringify(await makeShop(dataDir, opts.customers, opts.surveys)));
    } else log(`bench:surveys: reusing the shop in ${dataDir}`);
    const seed = JSON.parse(readFileSync(seedFile, 'utf8')) as SeedFigures;

    raw = await rawConnection(dataDir);
    const db = kyselyOver(raw);
    const worker = createCoreInWorker({ dataDir }) as unknown as Core; // the same invoke/close as the in-process core
    door = worker;
    await call(worker, SESSION, 'auth.signIn', { username: OWNER, password: PASSWORD });
    await call(worker, SESSION, 'settings.update', { staffScope: false, idleLockMinutes: 0 });

    const to = raw.prepare('SELECT max(month) FROM surveys').pluck().get() as string;
    const [ty, tm] = to.split('-').map(Number) as [number, number];
    const from = `${tm === 12 ? ty - 1 : ty - 2}-${String((tm % 12) + 1).padStart(2, '0')}`; // 24 months ending with `to`
    const staff = raw.prepare("SELECT id FROM users WHERE role = 'staff' ORDER BY id").pluck().all() as number[];
    const staffId = staff[0]!; // five were made
    const customerId = raw.prepare('SELECT customer_id FROM surveys GROUP BY customer_id ORDER BY count(*) DESC, customer_id LIMIT 1').pluck().get() as number;
    const owner = fullAccess({ userId: 1, username: OWNER, role: 'owner' });
    const scoped: Access = { ...fullAccess({ userId: staffId, username: 'staff1', role: 'staff' }), scopeOwnerId: staffId };
    const count = (sql: string, ...params: unknown[]) => raw!.prepare(sql).pluck().get(...params) as number;

    const cases = {
      shop: { input: { from, to }, access: owner, session: SESSION, reference: {}, source: 'totals' as const, targetMs: TARGET_MS, surveys: count('SELECT count(*) FROM surveys WHERE deleted_at IS NULL AND month BETWEEN ? AND ?', from, to) },
      staffMember: {
        input: { from, to, staffId },
        access: owner,
        session: SESSION,
        reference: { staffId },
        source: 'totals' as const,
        targetMs: TARGET_MS,
        surveys: count('SELECT count(*) FROM surveys WHERE deleted_at IS NULL AND staff_id = ? AND month BETWEEN ? AND ?', staffId, from, to),
      },
      customer: {
        input: { from, to, customerId },
        access: owner,
        session: SESSION,
        reference: { customerId },
        source: 'rows' as const,
        targetMs: TARGET_MS,
        surveys: count('SELECT count(*) FROM surveys WHERE deleted_at IS NULL AND customer_id = ? AND month BETWEEN ? AND ?', customerId, from, to),
      },
      scopedStaff: {
        input: { from, to },
        access: scoped,
        session: STAFF_SESSION,
        reference: { ownerId: staffId },
        source: 'rows' as const,
        targetMs: null,
        surveys: count('SELECT count(*) FROM surveys s JOIN customers c ON c.id = s.customer_id WHERE s.deleted_at IS NULL AND c.owner_id = ? AND s.month BETWEEN ? AND ?', staffId, from, to),
      },
    };

    const results: Record<string, Entry> = {};
    for (const [name, c] of Object.entries(cases)) {
      const staffScope = name === 'scopedStaff';
      await call(worker, SESSION, 'settings.update', { staffScope });
      if (staffScope) await call(worker, STAFF_SESSION, 'auth.signIn', { username: 'staff1', password: STAFF_PASSWORD });
      const parsed = TrendsQuery.parse(c.input);
      const reference = referenceTrends(raw, from, to, c.reference);
      check(`${name} (door)`, await call<Trends>(worker, c.session, 'surveys.trends', c.input), reference);
      check(`${name} (service)`, await surveyTrends(db, parsed, c.access), reference);
      const t = await interleaved(
        { door: () => call(worker, c.session, 'surveys.trends', c.input), service: () => surveyTrends(db, parsed, c.access) },
        { warmup: WARMUP, iterations: ITERATIONS },
      );
      results[name] = { door: t.door!, service: t.service!, surveys: c.surveys, source: c.source, targetMs: c.targetMs, met: c.targetMs === null ? null : t.door!.medianMs <= c.targetMs };
      log(`bench:surveys: ${name.padEnd(12)} ${String(c.surveys).padStart(7)} surveys (${c.source}): door median ${t.door!.medianMs} ms (p95 ${t.door!.p95Ms}), service ${t.service!.medianMs} ms${c.targetMs === null ? '' : `, target ≤ ${c.targetMs} ms ${results[name].met ? 'met' : 'MISSED'}`}`);
    }
    await call(worker, SESSION, 'settings.update', { staffScope: false });
    process.stdout.write(`${JSON.stringify({ seed, months: { from, to }, loadAtStart, loadAtEnd: loadavg().map((n) => round(n)), results }, null, 2)}\n`);
  } finally {
    door?.close();
    raw?.close();
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}

await main();
