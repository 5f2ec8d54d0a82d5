// `npm run bench:today` — the Today inbox at scale, figures as JSON on stdout (progress and a
// summary table on stderr).
//
// The shop: 100,000 seeded customers and 1,000,000 records, made as `npm run bench:records` makes
// them (system.seed, five staff members, a quarter year of visits each side of the seed day) when
// the data dir holds none; with BENCH_DATA_DIR=DIR (or `-- --data-dir DIR`) a shop made by either
// bench is reused (opening it migrates it to today's schema). Then, once per shop, 3,000 complaints
// spread over the customers and the staff (deadlines from ten days ago to ten days ahead, most of
// them open) and a few hundred Today marks (follow-ups snoozed or done, complaints and visits done),
// written straight into their tables; `-- --complaints N` for another number.
//
// Measured through the door as the app calls it (the core in its worker thread), beside the
// service called directly on the encrypted database: today.get for the owner (everyone) and for the
// staff member with the most follow-ups (mine), and today.counts for both. Target: median ≤ 50 ms.
// Every answer is first checked against a slow recomputation from every row of the tables read
// whole (visits, records, complaints, contracts, customers, marks), filtered and sorted here: the
// items of each section and its total. A wrong answer fails the run.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Today, TodayCounts } from '../../shared/api/today.ts';
import { addDays, contractStatus, localDay } from '../../shared/contract-status.ts';
import { createCore } from '../../electron/core/create-core.ts';
import { createCoreInWorker } from '../../electron/core/worker/core-in-worker.ts';
import { keyToHex, unwrapKey } from '../../electron/core/crypto/keys.ts';
import { findUserSlot, readKeyslots } from '../../electron/core/crypto/keyslots.ts';
import { openEncrypted, type SqliteDatabase } from '../../electron/core/db/sqlite/open.ts';
import { kyselyOver } from '../../electron/core/db/sqlite/dialect.ts';
import { countToday, readToday, type Actor } from '../../electron/core/areas/today/service.ts';
import { fullAccess } from '../../electron/core/areas/users/access.ts';
import { databasePath } from '../../electron/core/vault.ts';
import { interleaved, log, round, type Stats } from './timing.ts';

const OWNER = 'owner';
const PASSWORD = 'bench-password-4k9z';
/** The staff member's own password, chosen at their first sign-in. */
const STAFF_PASSWORD = 'bench-staff-own-5t8u';
const STAFF = ['王芳', '李强', '张敏', '刘洋', '陈静'];
const WARMUP = 5;
const ITERATIONS = 30;
const TARGET_MS = 50;
const SHOP_FILE = 'bench-records-seed.json';
const FIXTURE_FILE = 'bench-today-seed.json';
const DAY_MS = 86_400_000;

type Core = { invoke: ReturnType<typeof createCore>['invoke']; close(): void };

async function call<T>(core: Core, session: string, method: string, input: unknown): Promise<T> {
  const result = await core.invoke(session, method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T; // the bench knows which method it called
}

function options(): { customers: number; records: number; complaints: number; dataDir: string | null } {
  const { values } = parseArgs({
    options: { customers: { type: 'string' }, records: { type: 'string' }, complaints: { type: 'string' }, 'data-dir': { type: 'string' } },
    allowPositionals: true,
  });
  const whole = (name: string, text: string | undefined, fallback: number) => {
    const n = Number(text ?? fallback);
    if (!Number.isInteger(n) || n < 1) throw new Error(`bench:today: --${name} must be a whole number ≥ 1, got ${text}`);
    return n;
  };
  return {
    customers: whole('customers', values.customers ?? process.env.BENCH_CUSTOMERS, 100_000),
    records: whole('records', values.records ?? process.env.BENCH_RECORDS, 1_000_000),
    complaints: whole('complaints', values.complaints, 3_000),
    dataDir: values['data-dir'] ?? process.env.BENCH_DATA_DIR ?? null,
  };
}

async function rawConnection(dataDir: string): Promise<SqliteDatabase> {
  // Test tool only: the owner's password unwraps the database key, as sign-in does.
  const slot = findUserSlot(readKeyslots(dataDir), OWNER);
  const key = slot && (await unwrapKey(slot, PASSWORD));
  if (!key) throw new Error('bench:today: cannot unwrap the database key with the owner password');
  return openEncrypted(databasePath(dataDir), keyToHex(key));
}

/** The shop as bench:records makes it: owner, five staff members, customers and records through system.seed, visits around today. */
async function makeShop(dataDir: string, customers: number, records: number): Promise<void> {
  const core = createCore({ dataDir });
  try {
    await call(core, 'bench', 'setup.create', { shopName: '基准测试小店', ownerUsername: OWNER, ownerDisplayName: '店主', password: PASSWORD });
    for (const [i, name] of STAFF.entries()) await call(core, 'bench', 'users.create', { username: `staff${i + 1}`, displayName: name, role: 'staff', password: PASSWORD });
    log(`bench:today: seeding ${customers} customers...`);
    await call(core, 'bench', 'system.seed', { customers, seed: 1 });
    await call(core, 'bench', 'auth.signIn', { username: OWNER, password: PASSWORD });
    log(`bench:today: seeding ${records} records and visits...`);
    const seeded = await call<{ records: number; visits: number }>(core, 'bench', 'system.seed', { records, visits: 20_000, seed: 1 });
    writeFileSync(join(dataDir, SHOP_FILE), JSON.stringify({ customers, records: seeded.records, visits: seeded.visits }));
  } finally {
    core.close();
  }
}

/** Complaints and marks, once per shop, written as their areas write them. */
function addFixtures(raw: SqliteDatabase, complaints: number, now: number): { complaints: number; marks: number } {
  const staff = raw.prepare("SELECT id FROM users WHERE role = 'staff' ORDER BY id").pluck().all() as number[];
  const customers = raw.prepare('SELECT id FROM customers WHERE deleted_at IS NULL ORDER BY id').pluck().all() as number[];
  const today = localDay(now);
  let marks = 0;
  raw.transaction(() => {
    const insert = raw.prepare(
      `INSERT INTO complaints (customer_id, category, severity, description, source, assignee_id, opened_at, due_at, status, created_at, updated_at)
       VALUES (?, 'service', ?, ?, 'phone', ?, ?, ?, ?, ?, ?)`,
    );
    const statuses = ['new', 'inProgress', 'new', 'inProgress', 'new', 'resolved', 'closed'];
    for (let i = 0; i < complaints; i++) {
      const dueAt = now - 10 * DAY_MS + Math.floor(((i * 7_919) % 1_000) * 20 * DAY_MS / 1_000);
      const assignee = i % 11 === 0 ? null : staff[i % staff.length]!;
      insert.run(customers[(i * 104_729) % customers.length]!, ['low', 'medium', 'high', 'critical'][i % 4], `基准投诉 ${i} 客户反映设备故障未及时处理`, assignee, dueAt - 3 * DAY_MS, dueAt, statuses[i % statuses.length], dueAt - 3 * DAY_MS, dueAt - 3 * DAY_MS);
    }
    const mark = raw.prepare('INSERT OR IGNORE INTO inbox_marks (kind, ref_id, occurrence, snoozed_until, done_at, by_user, at) VALUES (?, ?, ?, ?, ?, 1, ?)');
    const followUps = raw
      .prepare('SELECT id, follow_up_on FROM records WHERE follow_up_on IS NOT NULL AND follow_up_done_at IS NULL AND deleted_at IS NULL AND follow_up_on <= ? ORDER BY id LIMIT 400')
      .all(today) as { id: number; follow_up_on: string }[];
    for (const [i, r] of followUps.entries()) marks += mark.run('followUp', r.id, r.follow_up_on, i % 2 === 0 ? addDays(today, 1 + (i % 5)) : null, i % 2 === 0 ? null : now, now).changes;
    const open = raw.prepare("SELECT id, due_at FROM complaints WHERE status IN ('new', 'inProgress') AND deleted_at IS NULL ORDER BY id LIMIT 100").all() as { id: number; due_at: number }[];
    for (const k of open) marks += mark.run('complaint', k.id, localDay(k.due_at), null, now, now).changes;
    const visits = raw.prepare("SELECT id, on_day FROM visits WHERE on_day = ? AND deleted_at IS NULL AND status <> 'cancelled' ORDER BY id LIMIT 5").all(today) as { id: number; on_day: string }[];
    for (const v of visits) marks += mark.run('visit', v.id, v.on_day, null, now, now).changes;
  })();
  return { complaints, marks };
}

// --- the slow recomputation --------------------------------------------------------------------

type Section = { ids: number[]; total: number };
type Reference = Record<'visits' | 'followUps' | 'complaints' | 'contracts', Section>;

function localMidnight(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).getTime();
}

/** Today's four own sections from every row read whole, filtered and sorted here. */
function referenceToday(raw: SqliteDatabase, mine: number | null, day: string, now: number): Reference {
  const today = localDay(now);
  const customers = new Map((raw.prepare('SELECT id, deleted_at FROM customers').all() as { id: number; deleted_at: number | null }[]).map((c) => [c.id, c]));
  const live = (customerId: number) => customers.get(customerId)?.deleted_at === null;
  const marks = raw.prepare('SELECT kind, ref_id, occurrence, snoozed_until, done_at FROM inbox_marks').all() as { kind: string; ref_id: number; occurrence: string; snoozed_until: string | null; done_at: number | null }[];
  const hidden = new Set(marks.filter((m) => m.done_at !== null || (m.snoozed_until !== null && m.snoozed_until > day)).map((m) => `${m.kind}:${m.ref_id}:${m.occurrence}`));
  const page = <T>(rows: T[], id: (row: T) => number, order: (a: T, b: T) => number): Section => ({ ids: [...rows].sort(order).slice(0, 50).map(id), total: rows.length });

  type V = { id: number; customer_id: number; staff_id: number; on_day: string; start_minute: number; status: string; deleted_at: number | null };
  const visits = (raw.prepare('SELECT id, customer_id, staff_id, on_day, start_minute, status, deleted_at FROM visits').all() as V[]).filter(
    (v) => v.on_day === day && v.deleted_at === null && v.status !== 'cancelled' && live(v.customer_id) && (mine === null || v.staff_id === mine) && !hidden.has(`visit:${v.id}:${v.on_day}`),
  );
  type R = { id: number; customer_id: number; staff_id: number | null; follow_up_on: string | null; follow_up_done_at: number | null; deleted_at: number | null };
  const followUps = (raw.prepare('SELECT id, customer_id, staff_id, follow_up_on, follow_up_done_at, deleted_at FROM records').all() as R[]).filter(
    (r) =>
      r.follow_up_on !== null && r.follow_up_done_at === null && r.deleted_at === null && r.follow_up_on <= day && live(r.customer_id) && (mine === null || r.staff_id === mine) && !hidden.has(`followUp:${r.id}:${r.follow_up_on}`),
  );
  const at = day === today ? now : localMidnight(day);
  type K = { id: number; customer_id: number; assignee_id: number | null; due_at: number; status: string; deleted_at: number | null };
  const complaints = (raw.prepare('SELECT id, customer_id, assignee_id, due_at, status, deleted_at FROM complaints').all() as K[]).filter(
    (k) =>
      k.deleted_at === null && (k.status === 'new' || k.status === 'inProgress') && k.due_at <= at + 24 * 3_600_000 && live(k.customer_id) && (mine === null || k.assignee_id === mine) && !hidden.has(`complaint:${k.id}:${localDay(k.due_at)}`),
  );
  type C = { id: number; customer_id: number; owner_id: number | null; signed_on: string | null; end_on: string | null; notice_days: number; terminated_on: string | null; renewals: number; deleted_at: number | null };
  const contracts = (raw.prepare('SELECT id, customer_id, owner_id, signed_on, end_on, notice_days, terminated_on, renewals, deleted_at FROM contracts').all() as C[]).filter(
    (k) =>
      k.deleted_at === null &&
      contractStatus({ signedOn: k.signed_on, endOn: k.end_on, noticeDays: k.notice_days, terminatedOn: k.terminated_on, renewals: k.renewals }, day) === 'expiring' &&
      live(k.customer_id) &&
      (mine === null || k.owner_id === mine) &&
      !hidden.has(`contract:${k.id}:${k.end_on}`),
  );
  return {
    visits: page(visits, (v) => v.id, (a, b) => a.start_minute - b.start_minute || a.id - b.id),
    followUps: page(followUps, (r) => r.id, (a, b) => (a.follow_up_on! < b.follow_up_on! ? -1 : a.follow_up_on! > b.follow_up_on! ? 1 : a.id - b.id)),
    complaints: page(complaints, (k) => k.id, (a, b) => a.due_at - b.due_at || a.id - b.id),
    contracts: page(contracts, (k) => k.id, (a, b) => (a.end_on! < b.end_on! ? -1 : a.end_on! > b.end_on! ? 1 : a.id - b.id)),
  };
}

function check(who: string, got: Today, want: Reference): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const section of Object.keys(want) as (keyof Reference)[]) {
    const ids = got.sections[section].items.map((item) => item.refId);
    if (JSON.stringify(ids) !== JSON.stringify(want[section].ids) || got.sections[section].total !== want[section].total) {
      throw new Error(`bench:today: ${who} ${section}: ${got.sections[section].total} items ${ids.slice(0, 5).join(',')}…, the recomputation says ${want[section].total} ${want[section].ids.slice(0, 5).join(',')}…`);
    }
    totals[section] = want[section].total;
  }
  for (const section of ['returnVisits', 'occasions'] as const) totals[section] = got.sections[section].total;
  return totals;
}

async function main(): Promise<void> {
  const opts = options();
  const temp = opts.dataDir === null ? mkdtempSync(join(tmpdir(), 'clientele-bench-today-')) : null;
  const dataDir = opts.dataDir ?? join(temp!, 'data');
  const loadAtStart = loadavg().map((n) => round(n));
  let core: Core | null = null;
  let door: Core | null = null;
  let raw: SqliteDatabase | null = null;
  try {
    if (!existsSync(join(dataDir, SHOP_FILE))) {
      mkdirSync(dataDir, { recursive: true });
      await makeShop(dataDir, opts.customers, opts.records);
    } else log(`bench:today: reusing the shop in ${dataDir}`);

    // Signing in opens the database, which brings it to today's schema (migrations) first.
    const started = performance.now();
    const inProcess = createCore({ dataDir });
    core = inProcess;
    await call(inProcess, 'owner', 'auth.signIn', { username: OWNER, password: PASSWORD });
    log(`bench:today: opened (and migrated) in ${Math.round(performance.now() - started)} ms`);
    raw = await rawConnection(dataDir);
    const now = Date.now();
    const today = localDay(now);
    const fixtureFile = join(dataDir, FIXTURE_FILE);
    if (!existsSync(fixtureFile)) {
      const made = addFixtures(raw, opts.complaints, now);
      writeFileSync(fixtureFile, JSON.stringify({ ...made, day: today }));
      log(`bench:today: added ${made.complaints} complaints and ${made.marks} marks`);
    }
    const fixtures = JSON.parse(readFileSync(fixtureFile, 'utf8')) as { complaints: number; marks: number; day: string };

    const staff = raw
      .prepare(
        `SELECT u.id, u.username, count(r.id) AS n FROM users u LEFT JOIN records r ON r.staff_id = u.id AND r.follow_up_on IS NOT NULL AND r.follow_up_done_at IS NULL AND r.deleted_at IS NULL
         WHERE u.role = 'staff' GROUP BY u.id ORDER BY n DESC, u.id LIMIT 1`,
      )
      .get() as { id: number; username: string; n: number };
    // A staff member made by the owner chooses their own password at first sign-in (once per shop).
    const first = await inProcess.invoke('staff', 'auth.signIn', { username: staff.username, password: STAFF_PASSWORD });
    if (!first.ok) {
      await call(inProcess, 'staff', 'auth.signIn', { username: staff.username, password: PASSWORD });
      await call(inProcess, 'staff', 'auth.changePassword', { oldPassword: PASSWORD, newPassword: STAFF_PASSWORD });
    }
    const worker = createCoreInWorker({ dataDir });
    door = worker;
    await call(worker, 'owner', 'auth.signIn', { username: OWNER, password: PASSWORD });
    await call(worker, 'staff', 'auth.signIn', { username: staff.username, password: STAFF_PASSWORD });
    const db = kyselyOver(raw);
    const ownerActor = (): Actor => ({ ...fullAccess({ userId: 1, username: OWNER, role: 'owner' }), now: Date.now() });
    const staffActor = (): Actor => ({ ...fullAccess({ userId: staff.id, username: staff.username, role: 'staff' }), now: Date.now() });

    log(`bench:today: checking the owner's (everyone) and ${staff.username}'s (mine) Today against a recomputation from every row...`);
    const ownerToday = await call<Today>(worker, 'owner', 'today.get', { scope: 'everyone' });
    const staffToday = await call<Today>(worker, 'staff', 'today.get', {});
    if (ownerToday.day !== today) throw new Error(`bench:today: the day is ${ownerToday.day}, not ${today} (midnight passed?)`);
    const checked = {
      owner: check('owner', ownerToday, referenceToday(raw, null, today, now)),
      staff: check(staff.username, staffToday, referenceToday(raw, staff.id, today, now)),
    };
    // The service's own answers are the door's.
    if (JSON.stringify((await readToday(db, { scope: 'everyone' }, ownerActor())).sections.followUps) !== JSON.stringify(ownerToday.sections.followUps)) throw new Error('bench:today: the service and the door disagree');
    const ownerCounts = await call<TodayCounts>(worker, 'owner', 'today.counts', {});
    const staffCounts = await call<TodayCounts>(worker, 'staff', 'today.counts', {});

    const loop = { warmup: WARMUP, iterations: ITERATIONS };
    log(`bench:today: timing (${ITERATIONS} rounds after ${WARMUP})...`);
    const t: Record<string, Stats> = await interleaved(
      {
        ownerGet: () => call(worker, 'owner', 'today.get', { scope: 'everyone' }),
        staffGet: () => call(worker, 'staff', 'today.get', {}),
        ownerGetService: () => readToday(db, { scope: 'everyone' }, ownerActor()),
        staffGetService: () => readToday(db, {}, staffActor()),
        ownerCounts: () => call(worker, 'owner', 'today.counts', {}),
        staffCounts: () => call(worker, 'staff', 'today.counts', {}),
        ownerCountsService: () => countToday(db, ownerActor()),
      },
      loop,
    );
    const result = (door: Stats, service: Stats | undefined) => ({ medianMs: door.medianMs, p95Ms: door.p95Ms, serviceMedianMs: service?.medianMs, targetMs: TARGET_MS, ok: door.medianMs <= TARGET_MS });
    const results = {
      'today.get owner everyone': result(t.ownerGet!, t.ownerGetService),
      [`today.get ${staff.username} mine`]: result(t.staffGet!, t.staffGetService),
      'today.counts owner': result(t.ownerCounts!, t.ownerCountsService),
      [`today.counts ${staff.username}`]: result(t.staffCounts!, undefined),
    };
    const report = {
      customers: raw.prepare('SELECT count(*) FROM customers').pluck().get(),
      records: raw.prepare('SELECT count(*) FROM records').pluck().get(),
      openFollowUps: raw.prepare('SELECT count(*) FROM records WHERE follow_up_on IS NOT NULL AND follow_up_done_at IS NULL AND deleted_at IS NULL').pluck().get(),
      visits: raw.prepare('SELECT count(*) FROM visits').pluck().get(),
      contracts: raw.prepare('SELECT count(*) FROM contracts').pluck().get(),
      fixtures,
      day: today,
      staffMember: { username: staff.username, openFollowUps: staff.n },
      sectionTotals: checked,
      counts: { owner: ownerCounts, staff: staffCounts },
      iterations: ITERATIONS,
      warmup: WARMUP,
      machine: { cpus: availableParallelism(), loadAtStart, loadAtEnd: loadavg().map((n) => round(n)) },
      results,
      allOk: Object.values(results).every((r) => r.ok),
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    log('');
    for (const [name, r] of Object.entries(results)) log(`${name.padEnd(32)} median ${r.medianMs.toFixed(2).padStart(7)} ms  p95 ${r.p95Ms.toFixed(2).padStart(7)} ms  service ${(r.serviceMedianMs ?? Number.NaN).toFixed(2).padStart(7)} ms  <=${TARGET_MS} ${r.ok ? 'ok' : 'MISSED'}`);
  } finally {
    door?.close();
    core?.close();
    if (raw?.open) raw.close();
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}

await main();
