// `npm run bench:dashboard` — the figures at scale, as JSON on stdout (progress and a
// table on stderr): the whole dashboard (dashboard.get) for the owner and for a staff member with
// "staff see only their own customers" on, the grading proposal (grading-core's proposeGrading) and
// the churn list (churn-core's listChurn), each beside a straightforward SQL floor timed in the same
// run, interleaved. Targets: dashboard ≤ 300 ms, proposal ≤ 3 s, churn list ≤ 1 s.
//
// The shop (built once into a cached data dir, reused by later runs: BENCH_DATA_DIR=DIR or
// `-- --data-dir DIR`; default $TMPDIR/clientele-bench-dashboard): an owner and five staff members
// made through the core (so the door signs in), then written straight into the tables in bulk, as
// the earlier benches do: 100,000 customers (grades, stages, owners, created over three years, 1 %
// in the recycle bin), 1,000,000 records, 1,000,000 sales lines in 400,000 sales over 24 months (5 %
// in USD, 1 % deleted; sales_monthly and customer_sales kept by sales-core's triggers as the rows go
// in), 20,000 visits, 3,000 complaints; 5,000 surveys and 2,000 contracts through their services
// (surveys keep their month totals there). The clock is fixed: 2 December 2026.
//
// Before timing, every answer is CHECKED against direct SQL over the base tables (revenue per
// currency and month = SUM over sales, each count = a COUNT), for the owner and the staff member;
// a wrong answer fails the run.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Dashboard } from '../../shared/api/dashboard.ts';
import { ContractDraft } from '../../shared/api/contracts.ts';
import { SurveyDraft } from '../../shared/api/surveys.ts';
import { localDay } from '../../shared/contract-status.ts';
import { createCore } from '../../electron/core/create-core.ts';
import { createCoreInWorker } from '../../electron/core/worker/core-in-worker.ts';
import { keyToHex, unwrapKey } from '../../electron/core/crypto/keys.ts';
import { findUserSlot, readKeyslots } from '../../electron/core/crypto/keyslots.ts';
import { openEncrypted, type SqliteDatabase } from '../../electron/core/db/sqlite/open.ts';
import { kyselyOver } from '../../electron/core/db/sqlite/dialect.ts';
import { databasePath } from '../../electron/core/vault.ts';
import { fullAccess, type Access } from '../../electron/core/areas/users/access.ts';
import { readDashboard } from '../../electron/core/areas/dashboard/service.ts';
import { createSurvey } from '../../electron/core/areas/surveys/service.ts';
import { createContract } from '../../electron/core/areas/contracts/service.ts';
import { gradingFloor, gradingWindow, proposeGrading } from '../../electron/core/areas/grading/service.ts';
import { listChurn } from '../../electron/core/areas/churn/service.ts';
import { interleaved, log, round, type Stats } from './timing.ts';

const OWNER = 'owner';
const PASSWORD = 'bench-password-4k9z';
const STAFF_PASSWORD = 'bench-staff-own-5t8u';
const STAFF = ['王芳', '李强', '张敏', '刘洋', '陈静'];
/** Names the shop's version: a shop built by an older generator is built again. */
const SHOP_FILE = 'bench-dashboard-shop-v2.json';
/** 2 December 2026, 12:00 UTC: the day, whatever day the bench runs on. */
const NOW = Date.UTC(2026, 11, 2, 12, 0);
const DAY_MS = 86_400_000;
const TARGETS = { dashboard: 300, proposal: 3000, churn: 1000 };
const GRADES = ['vip', 'key', 'normal', 'normal', 'potential', 'potential'];
const STAGES = ['lead', 'new', 'active', 'active', 'active', 'dormant', 'lost'];

type Core = { invoke: ReturnType<typeof createCore>['invoke']; close(): void };

async function call<T>(core: Core, session: string, method: string, input: unknown): Promise<T> {
  const result = await core.invoke(session, method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T; // the bench knows which method it called
}

function options() {
  const { values } = parseArgs({
    options: { customers: { type: 'string' }, records: { type: 'string' }, lines: { type: 'string' }, runs: { type: 'string' }, 'data-dir': { type: 'string' } },
    allowPositionals: true,
  });
  const whole = (text: string | undefined, fallback: number) => {
    const n = Number(text ?? fallback);
    if (!Number.isInteger(n) || n < 1) throw new Error(`bench:dashboard: expected a whole number ≥ 1, got ${text}`);
    return n;
  };
  return {
    customers: whole(values.customers, 100_000),
    records: whole(values.records, 1_000_000),
    lines: whole(values.lines, 1_000_000),
    runs: whole(values.runs, 7),
    dataDir: values['data-dir'] ?? process.env.BENCH_DATA_DIR ?? join(tmpdir(), 'clientele-bench-dashboard'),
  };
}

async function rawConnection(dataDir: string): Promise<SqliteDatabase> {
  // Test tool only: the owner's password unwraps the database key, as sign-in does.
  const slot = findUserSlot(readKeyslots(dataDir), OWNER);
  const key = slot && (await unwrapKey(slot, PASSWORD));
  if (!key) throw new Error('bench:dashboard: cannot unwrap the database key with the owner password');
  return openEncrypted(databasePath(dataDir), keyToHex(key));
}

/**
 * A small deterministic generator (mulberry32, 32-bit integer arithmetic): the same shop every time.
 * Not the floating-point LCG `(s × 1103515245 + 12345) mod 2^31`: its product passes 2^53, loses
 * its low bits and falls into a short cycle (a first build had all 400,000 sales on a few dozen
 * customers: 2,302 sales_monthly rows).
 */
function generator(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The UTC calendar day `daysBack` days before NOW (the shop's days, written as dates). */
const dayBefore = (daysBack: number) => new Date(NOW - daysBack * DAY_MS).toISOString().slice(0, 10);

async function makeShop(dataDir: string, o: ReturnType<typeof options>): Promise<void> {
  const core = createCore({ dataDir, clock: () => NOW });
  try {
    await call(core, 'bench', 'setup.create', { shopName: '基准测试小店', ownerUsername: OWNER, ownerDisplayName: '店主', password: PASSWORD });
    for (const [i, name] of STAFF.entries()) await call(core, 'bench', 'users.create', { username: `staff${i + 1}`, displayName: name, role: 'staff', password: PASSWORD });
    // The first staff member chooses their own password (first sign-in), so later runs sign straight in.
    await call(core, 'staff', 'auth.signIn', { username: 'staff1', password: PASSWORD });
    await call(core, 'staff', 'auth.changePassword', { oldPassword: PASSWORD, newPassword: STAFF_PASSWORD });
  } finally {
    core.close();
  }
  const raw = await rawConnection(dataDir);
  const random = generator(42);
  const staff = raw.prepare("SELECT id FROM users WHERE role = 'staff' ORDER BY id").pluck().all() as number[];
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  let started = performance.now();
  raw.transaction(() => {
    const customer = raw.prepare(
      `INSERT INTO customers (code, kind, name, name_sort, region_sort, stage, grade, owner_id, created_by, created_at, updated_at, deleted_at)
       VALUES (?, 'company', ?, ?, '', ?, ?, ?, 1, ?, ?, ?)`,
    );
    for (let i = 1; i <= o.customers; i++) {
      const grade = pick(GRADES);
      const stage = pick(STAGES);
      const r = random();
      const owner = r < 0.9 ? staff[i % staff.length]! : r < 0.95 ? 1 : null;
      const created = NOW - Math.floor(random() * 3 * 365) * DAY_MS - Math.floor(random() * DAY_MS);
      const binned = random() < 0.01 ? created + DAY_MS : null;
      customer.run(`C${String(i).padStart(6, '0')}`, `基准客户${i}`, `kehu${String(i).padStart(6, '0')}`, stage, grade, owner, created, created, binned);
    }
  })();
  log(`bench:dashboard: ${o.customers} customers in ${Math.round(performance.now() - started)} ms`);
  const customerIds = raw.prepare('SELECT id FROM customers ORDER BY id').pluck().all() as number[];
  started = performance.now();
  raw.transaction(() => {
    const record = raw.prepare(
      `INSERT INTO records (customer_id, kind, at, staff_id, content, channel, created_by, created_at, updated_at)
       VALUES (?, 'communication', ?, ?, ?, 'phone', ?, ?, ?)`,
    );
    for (let i = 0; i < o.records; i++) {
      const at = NOW - Math.floor(random() * 3 * 365 * DAY_MS);
      const who = pick(staff);
      record.run(pick(customerIds), at, who, `电话回访 ${i}：客户对服务满意，约下次见面`, who, at, at);
    }
  })();
  log(`bench:dashboard: ${o.records} records in ${Math.round(performance.now() - started)} ms`);
  started = performance.now();
  let sales = 0;
  let lines = 0;
  raw.transaction(() => {
    const sale = raw.prepare('INSERT INTO sales (customer_id, sold_on, currency, total_minor, staff_id, notes, created_by, created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?, \'\', ?, ?, ?, ?)');
    const line = raw.prepare('INSERT INTO sale_lines (sale_id, position, name, quantity_milli, unit_price_minor, discount_minor, amount_minor) VALUES (?, ?, ?, ?, ?, 0, ?)');
    const products = ['西湖龙井', '碧螺春', '铁观音', '普洱茶饼', '茶具套装', '包装服务', '上门品鉴'];
    while (lines < o.lines) {
      // A skewed customer (a few buy a lot), a day in the last 24 months, 1–4 lines.
      const who = customerIds[Math.floor(customerIds.length * random() ** 2)]!;
      const soldOn = dayBefore(Math.floor(random() * 730));
      const n = Math.min(1 + Math.floor(random() * 4), o.lines - lines);
      const priced = Array.from({ length: n }, () => {
        const quantity = 1000 * (1 + Math.floor(random() * 5));
        const price = 1000 + Math.floor(50_000 * random() ** 3);
        return { quantity, price, amount: (quantity * price) / 1000 };
      });
      const total = priced.reduce((t, p) => t + p.amount, 0);
      const seller = pick(staff);
      const at = Date.parse(`${soldOn}T10:00:00Z`);
      const id = Number(sale.run(who, soldOn, random() < 0.05 ? 'USD' : 'CNY', total, seller, seller, at, at, random() < 0.01 ? at + DAY_MS : null).lastInsertRowid);
      for (const [position, p] of priced.entries()) line.run(id, position, pick(products), p.quantity, p.price, p.amount);
      sales += 1;
      lines += n;
    }
  })();
  log(`bench:dashboard: ${sales} sales with ${lines} lines in ${Math.round(performance.now() - started)} ms`);
  started = performance.now();
  raw.transaction(() => {
    const visit = raw.prepare(
      `INSERT INTO visits (customer_id, staff_id, on_day, start_minute, duration_minutes, starts_at, purpose, status, created_by, created_at, updated_at)
       VALUES (?, ?, ?, 600, 60, ?, '回访', ?, 1, ?, ?)`,
    );
    for (let i = 0; i < 20_000; i++) {
      const daysBack = Math.floor(random() * 420) - 30;
      const day = dayBefore(daysBack);
      const at = Date.parse(`${day}T02:00:00Z`);
      visit.run(pick(customerIds), pick(staff), day, at, daysBack < 0 ? 'planned' : random() < 0.85 ? 'done' : 'cancelled', at, at);
    }
    const complaint = raw.prepare(
      `INSERT INTO complaints (customer_id, category, severity, description, source, assignee_id, opened_at, due_at, status, created_at, updated_at)
       VALUES (?, 'service', 'medium', '设备故障未及时处理', 'phone', ?, ?, ?, ?, ?, ?)`,
    );
    for (let i = 0; i < 3_000; i++) {
      const due = NOW - 20 * DAY_MS + Math.floor(random() * 30 * DAY_MS);
      complaint.run(pick(customerIds), pick(staff), due - 3 * DAY_MS, due, pick(['new', 'inProgress', 'resolved', 'closed']), due - 3 * DAY_MS, due - 3 * DAY_MS);
    }
  })();
  log(`bench:dashboard: visits and complaints in ${Math.round(performance.now() - started)} ms`);
  // Surveys and contracts through their services: surveys keep their month totals there, contracts their sort keys.
  started = performance.now();
  const db = kyselyOver(raw);
  const actor = { ...fullAccess({ userId: 1, username: OWNER, role: 'owner' }), now: NOW };
  const live = raw.prepare('SELECT id FROM customers WHERE deleted_at IS NULL ORDER BY id').pluck().all() as number[];
  for (let i = 0; i < 5_000; i++) {
    const at = NOW - Math.floor(random() * 400 * DAY_MS);
    const score = () => 3 + Math.floor(random() * 3);
    await createSurvey(db, SurveyDraft.parse({ customerId: pick(live), at, staffId: pick(staff), scores: [{ dimensionId: 1, score: score() }, { dimensionId: 2, score: score() }], nps: 5 + Math.floor(random() * 6) }), { ...actor, now: at });
  }
  for (let i = 0; i < 2_000; i++) {
    const signed = dayBefore(365 + Math.floor(random() * 300));
    const end = dayBefore(Math.floor(random() * 200) - 100);
    await createContract(db, ContractDraft.parse({ number: `HT-${i + 1}`, title: '年度服务合同', customerId: pick(live), signedOn: signed, startOn: signed, endOn: end < signed ? signed : end }), actor);
  }
  log(`bench:dashboard: 5,000 surveys and 2,000 contracts in ${Math.round(performance.now() - started)} ms`);
  raw.exec('ANALYZE');
  raw.close();
  writeFileSync(join(dataDir, SHOP_FILE), JSON.stringify({ customers: o.customers, records: o.records, sales, lines }));
}

// --- the checks: direct SQL over the base tables -------------------------------------------------

type Expected = { revenue: Map<string, { total: number; count: number }>; grades: Record<string, number>; stages: Record<string, number>; newInPeriod: number; complaintsOpen: number; complaintsOverdue: number; visits: Map<number, number>; responses: Map<string, number> };

function expected(raw: SqliteDatabase, d: Dashboard, ownerId: number | null): Expected {
  const scope = ownerId === null ? '' : ` AND c.owner_id = ${ownerId}`;
  const first = `${d.period.from}-01`;
  const last = d.period.months.length > 0 ? `${d.period.to}-31` : first;
  const revenue = new Map<string, { total: number; count: number }>();
  const sales = raw
    .prepare(
      `SELECT s.currency || ' ' || substr(s.sold_on, 1, 7) AS k, sum(s.total_minor) AS total, count(*) AS n FROM sales s JOIN customers c ON c.id = s.customer_id
       WHERE s.deleted_at IS NULL AND c.deleted_at IS NULL AND c.merged_into IS NULL AND s.sold_on BETWEEN ? AND ?${scope} GROUP BY 1`,
    )
    .all(first, last) as { k: string; total: number; n: number }[];
  for (const row of sales) revenue.set(row.k, { total: row.total, count: row.n });
  const group = (column: string) =>
    Object.fromEntries((raw.prepare(`SELECT ${column} AS k, count(*) AS n FROM customers c WHERE c.deleted_at IS NULL${scope} GROUP BY 1`).all() as { k: string; n: number }[]).map((r) => [r.k, r.n]));
  const start = (day: string) => {
    const [y, m, dd] = day.split('-').map(Number) as [number, number, number];
    return new Date(y, m - 1, dd).getTime();
  };
  const [ty, tm] = d.period.to.split('-').map(Number) as [number, number];
  const afterPeriod = new Date(ty, tm, 1).getTime();
  const one = (text: string, ...params: unknown[]) => raw.prepare(text).pluck().get(...params) as number;
  const visits = new Map(
    (
      raw
        .prepare(
          `SELECT v.staff_id AS k, count(*) AS n FROM visits v JOIN customers c ON c.id = v.customer_id
           WHERE v.deleted_at IS NULL AND c.deleted_at IS NULL AND v.status = 'done' AND v.on_day BETWEEN ? AND ?${scope} GROUP BY 1`,
        )
        .all(first, last) as { k: number; n: number }[]
    ).map((r) => [r.k, r.n]),
  );
  const responses = new Map(
    (
      raw
        .prepare(`SELECT s.month AS k, count(*) AS n FROM surveys s JOIN customers c ON c.id = s.customer_id WHERE s.deleted_at IS NULL AND c.deleted_at IS NULL AND s.at >= ? AND s.at < ?${scope} GROUP BY 1`)
        .all(start(first), afterPeriod) as { k: string; n: number }[]
    ).map((r) => [r.k, r.n]),
  );
  const openSql = `FROM complaints k JOIN customers c ON c.id = k.customer_id WHERE k.deleted_at IS NULL AND c.deleted_at IS NULL AND k.status IN ('new', 'inProgress')${scope}`;
  return {
    revenue,
    grades: group('grade'),
    stages: group('stage'),
    newInPeriod: one(`SELECT count(*) FROM customers c WHERE c.deleted_at IS NULL AND c.created_at >= ? AND c.created_at < ?${scope}`, start(first), afterPeriod),
    complaintsOpen: one(`SELECT count(*) ${openSql}`),
    complaintsOverdue: one(`SELECT count(*) ${openSql} AND k.due_at < ?`, NOW),
    visits,
    responses,
  };
}

function check(who: string, d: Dashboard, want: Expected): void {
  const fail = (what: string, got: unknown, wanted: unknown) => {
    throw new Error(`bench:dashboard: ${who}: ${what} is ${JSON.stringify(got)}, the direct SQL says ${JSON.stringify(wanted)}`);
  };
  for (const c of d.revenueByMonth) {
    for (const m of c.months) {
      const w = want.revenue.get(`${c.currency} ${m.month}`) ?? { total: 0, count: 0 };
      if (m.totalMinor !== w.total || m.saleCount !== w.count) fail(`revenue ${c.currency} ${m.month}`, [m.totalMinor, m.saleCount], [w.total, w.count]);
    }
    const byGrade = d.revenueByGrade.find((g) => g.currency === c.currency)!.grades.reduce((t, g) => t + g.totalMinor, 0);
    if (byGrade !== c.total.totalMinor) fail(`revenue ${c.currency} by grade`, byGrade, c.total.totalMinor);
  }
  const currencies = new Set([...want.revenue.keys()].map((k) => k.split(' ')[0]));
  if (currencies.size !== d.revenueByMonth.length) fail('currencies', d.revenueByMonth.map((c) => c.currency), [...currencies]);
  for (const f of d.customersByGrade) if (f.count !== (want.grades[f.grade] ?? 0)) fail(`grade ${f.grade}`, f.count, want.grades[f.grade]);
  for (const f of d.customersByStage) if (f.count !== (want.stages[f.stage] ?? 0)) fail(`stage ${f.stage}`, f.count, want.stages[f.stage]);
  if (d.newCustomers.period.count !== want.newInPeriod) fail('new customers', d.newCustomers.period.count, want.newInPeriod);
  if (d.complaints.open.count !== want.complaintsOpen || d.complaints.overdue.count !== want.complaintsOverdue) fail('complaints', d.complaints, [want.complaintsOpen, want.complaintsOverdue]);
  for (const v of d.visitsByStaff) if (v.count !== want.visits.get(v.staffId)) fail(`visits of ${v.staffName}`, v.count, want.visits.get(v.staffId));
  if (d.visitsByStaff.length !== want.visits.size) fail('staff with visits', d.visitsByStaff.length, want.visits.size);
  for (const m of d.satisfactionByMonth) if (m.responses !== (want.responses.get(m.month) ?? 0)) fail(`surveys ${m.month}`, m.responses, want.responses.get(m.month));
}

/** The floor: the figures' straightforward statements, prepared once, run on the raw connection. */
function dashboardFloor(raw: SqliteDatabase, ownerId: number | null): () => void {
  const scope = ownerId === null ? '' : ` AND owner_id = ${ownerId}`;
  const statements = [
    raw.prepare(`SELECT stage, grade, count(*) FROM customers WHERE deleted_at IS NULL${scope} GROUP BY stage, grade`),
    raw.prepare(`SELECT month, currency, grade, sum(revenue_minor), sum(sale_count) FROM sales_monthly WHERE month BETWEEN '2026-01' AND '2026-12' AND live = 1${scope} GROUP BY 1, 2, 3`),
    raw.prepare(`SELECT count(*) FROM customers WHERE deleted_at IS NULL AND created_at >= ${Date.UTC(2026, 0, 1)}${scope}`),
    raw.prepare("SELECT count(*), sum(due_at < 0) FROM complaints WHERE deleted_at IS NULL AND status IN ('new', 'inProgress')"),
    raw.prepare("SELECT staff_id, count(*) FROM visits WHERE deleted_at IS NULL AND status = 'done' AND on_day BETWEEN '2026-01-01' AND '2026-12-31' GROUP BY 1"),
    raw.prepare("SELECT month, dimension_id, sum(answers), sum(total) FROM survey_month_totals WHERE month BETWEEN '2026-01' AND '2026-12' GROUP BY 1, 2"),
  ];
  return () => {
    for (const s of statements) s.all();
  };
}

async function main(): Promise<void> {
  const o = options();
  const loadAtStart = loadavg().map((n) => round(n));
  if (!existsSync(join(o.dataDir, SHOP_FILE))) {
    // A shop of the first build (its generator's short cycle) goes; any other folder is never removed.
    if (existsSync(join(o.dataDir, 'bench-dashboard-shop.json'))) rmSync(o.dataDir, { recursive: true, force: true });
    else if (existsSync(o.dataDir) && readdirSync(o.dataDir).length > 0) throw new Error(`bench:dashboard: ${o.dataDir} holds something else; give an empty or new folder`);
    mkdirSync(o.dataDir, { recursive: true });
    log(`bench:dashboard: building the shop in ${o.dataDir} (once; later runs reuse it)...`);
    await makeShop(o.dataDir, o);
  } else log(`bench:dashboard: reusing the shop in ${o.dataDir}`);
  const inProcess = createCore({ dataDir: o.dataDir, clock: () => NOW });
  await call(inProcess, 'owner', 'auth.signIn', { username: OWNER, password: PASSWORD });
  await call(inProcess, 'owner', 'settings.update', { staffScope: true });
  inProcess.close();
  const raw = await rawConnection(o.dataDir);
  const door = createCoreInWorker({ dataDir: o.dataDir, clock: () => NOW });
  try {
    await call(door, 'owner', 'auth.signIn', { username: OWNER, password: PASSWORD });
    await call(door, 'staff', 'auth.signIn', { username: 'staff1', password: STAFF_PASSWORD });
    const staffId = raw.prepare("SELECT id FROM users WHERE username = 'staff1'").pluck().get() as number;
    const db = kyselyOver(raw);
    const owner: Access = fullAccess({ userId: 1, username: OWNER, role: 'owner' });
    const staff: Access = { ...fullAccess({ userId: staffId, username: 'staff1', role: 'staff' }), scopeOwnerId: staffId };

    log('bench:dashboard: checking the answers against direct SQL over the base tables...');
    const ownerDashboard = await call<Dashboard>(door, 'owner', 'dashboard.get', {});
    const staffDashboard = await call<Dashboard>(door, 'staff', 'dashboard.get', {});
    if (!staffDashboard.scoped) throw new Error('bench:dashboard: the staff member is not scoped');
    check('owner', ownerDashboard, expected(raw, ownerDashboard, null));
    check('staff1', staffDashboard, expected(raw, staffDashboard, staffId));
    const churn = await listChurn(db, { ...owner, now: NOW }, { cursor: null, limit: 50 });
    if (ownerDashboard.churnRisks.count !== churn.total) throw new Error(`bench:dashboard: churn risks ${ownerDashboard.churnRisks.count}, the churn list ${churn.total}`);

    // One row changed (to the same value): a write the door's connection sees through data_version.
    const touch = raw.prepare("UPDATE settings SET value = value WHERE key = (SELECT min(key) FROM settings)");
    const loop = { warmup: 2, iterations: o.runs };
    log(`bench:dashboard: timing the dashboard (${o.runs} rounds after 2)...`);
    const t: Record<string, Stats> = await interleaved(
      {
        ownerDoor: () => call(door, 'owner', 'dashboard.get', {}),
        staffDoor: () => call(door, 'staff', 'dashboard.get', {}),
        // The service on the bench's own connection, which `touch` writes on every round: always cold.
        ownerService: () => readDashboard(db, {}, owner, NOW),
        staffService: () => readDashboard(db, {}, staff, NOW),
        // Cold: right after a write (another connection's, as a second app on the shared folder), so
        // the churn risks kept between calls are computed again: the dashboard after any change.
        ownerDoorCold: () => {
          touch.run();
          return call(door, 'owner', 'dashboard.get', {});
        },
        ownerFloor: dashboardFloor(raw, null),
        staffFloor: dashboardFloor(raw, staffId),
      },
      loop,
    );
    // The dashboard's parts for the owner, once each, to say where the time goes.
    log('bench:dashboard: timing the churn list and the grading proposal (3 rounds after 1)...');
    const window = { ...gradingWindow(NOW), currency: 'CNY' };
    const churnFloorSql = raw.prepare(
      `SELECT count(*) FROM customer_sales cs JOIN customers c ON c.id = cs.customer_id
       WHERE c.deleted_at IS NULL AND cs.sale_count >= 2 AND julianday(?) - julianday(max(cs.last_on, coalesce(date(c.last_contact_at / 1000, 'unixepoch'), cs.last_on))) > 2 * (julianday(cs.last_on) - julianday(cs.first_on)) / (cs.sale_count - 1)`,
    );
    const heavy = await interleaved(
      {
        churnOwner: () => listChurn(db, { ...owner, now: NOW }, { cursor: null, limit: 50 }),
        churnStaff: () => listChurn(db, { ...staff, now: NOW }, { cursor: null, limit: 50 }),
        churnFloor: () => churnFloorSql.get(localDay(NOW)),
        proposal: () => proposeGrading(db, { userId: 1, username: OWNER, now: NOW }, {}),
        proposalFloor: () => gradingFloor(db, window),
      },
      { warmup: 1, iterations: 3 },
    );
    const row = (name: string, s: Stats, floor: Stats, target: number) => ({ name, medianMs: s.medianMs, p95Ms: s.p95Ms, floorMedianMs: floor.medianMs, targetMs: target, ok: s.medianMs <= target });
    const results = [
      row('dashboard.get owner (door)', t.ownerDoor!, t.ownerFloor!, TARGETS.dashboard),
      row('dashboard.get owner after a write (door)', t.ownerDoorCold!, t.ownerFloor!, TARGETS.dashboard),
      row('dashboard.get staff1 scoped (door)', t.staffDoor!, t.staffFloor!, TARGETS.dashboard),
      row('readDashboard owner (service, cold)', t.ownerService!, t.ownerFloor!, TARGETS.dashboard),
      row('readDashboard staff1 (service, cold)', t.staffService!, t.staffFloor!, TARGETS.dashboard),
      row('grading proposal (owner)', heavy.proposal!, heavy.proposalFloor!, TARGETS.proposal),
      row('churn list owner', heavy.churnOwner!, heavy.churnFloor!, TARGETS.churn),
      row('churn list staff1', heavy.churnStaff!, heavy.churnFloor!, TARGETS.churn),
    ];
    const count = (table: string) => raw.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    const report = {
      shop: { customers: count('customers'), records: count('records'), sales: count('sales'), saleLines: count('sale_lines'), salesMonthly: count('sales_monthly'), surveys: count('surveys'), visits: count('visits'), complaints: count('complaints'), contracts: count('contracts') },
      day: localDay(NOW),
      checked: { owner: 'every figure equals direct SQL', staff1: 'every figure equals direct SQL', churnTotal: churn.total },
      figures: {
        revenue: ownerDashboard.revenueByMonth.map((c) => ({ currency: c.currency, totalMinor: c.total.totalMinor, sales: c.total.saleCount })),
        customersByGrade: ownerDashboard.customersByGrade.map((f) => [f.grade, f.count]),
        complaints: { open: ownerDashboard.complaints.open.count, overdue: ownerDashboard.complaints.overdue.count },
        churnRisks: ownerDashboard.churnRisks.count,
        staff1Revenue: staffDashboard.revenueByMonth.map((c) => ({ currency: c.currency, totalMinor: c.total.totalMinor })),
      },
      machine: { cpus: availableParallelism(), loadAtStart, loadAtEnd: loadavg().map((n) => round(n)) },
      results,
      allOk: results.every((r) => r.ok),
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    log('');
    for (const r of results) log(`${r.name.padEnd(42)} median ${r.medianMs.toFixed(1).padStart(8)} ms  p95 ${r.p95Ms.toFixed(1).padStart(8)} ms  floor ${r.floorMedianMs.toFixed(1).padStart(7)} ms  <=${r.targetMs} ${r.ok ? 'ok' : 'MISSED'}`);
  } finally {
    door.close();
    if (raw.open) raw.close();
  }
}

await main();
