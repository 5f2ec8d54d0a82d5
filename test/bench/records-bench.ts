// `npm run bench:records` — service records, visits and the customer timeline at scale, figures as
// JSON on stdout (progress and a summary table on stderr).
//
// The shop: 100,000 seeded customers (`-- --customers N`) and 1,000,000 records (`-- --records N`)
// through `system.seed` (what `clientele seed --records` runs: a few customers get about 2,000
// records each), and a quarter year of visits each side of today for five staff members, written
// straight into the table (five a working day each, some on the heaviest customer). With
// BENCH_DATA_DIR=DIR (or `-- --data-dir DIR`) the shop is made there once and reused (kept), so the
// measurements can be repeated without seeding a million records again; else a temp dir, removed.
//
// Measured through the door as the app calls it (the core in its worker thread), beside the same
// service function called directly on the encrypted database, and the floor:
//   - a timeline page (50 entries) of the customer with the most records (about 2,000): the first
//     page and one 30 pages deep. Floor: one raw prepared statement reading the same number of that
//     customer's records through records_timeline (one index, one table: no merge of the other
//     kinds, no customer check). Target: median ≤ 5 ms and ≤ 1.5× the floor + 1 ms;
//   - a staff member's week agenda (visits.agenda, Monday to Sunday of this week). Floor: the raw
//     range of visits_agenda_staff. Target: median ≤ 5 ms;
//   - a 3-character search over record texts (search.query, which also searches customers and
//     contracts; the records part alone beside it). Floor: the raw FTS5 MATCH. Target: ≤ 20 ms;
//   - the insert rate of records.create, one call after another through the door, each its own
//     transaction with the search index kept current (rows/s);
//   - the database size per million records (the file after the records seed less before, per
//     1,000,000 records), and the records seed's own rate.
// Every answer is checked before it is timed against a reference computed another way: the
// timeline against every row of the customer's records, visits, contracts, grade changes and
// files read whole and sorted here (every page of it, not only the measured ones); the agenda
// against every visit filtered here; the search against a scan of every live record's indexed
// text; each inserted record found by its own token. A wrong answer fails the run.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AgendaQuery } from '../../shared/api/visits.ts';
import type { AnySearchHit } from '../../shared/api/search.ts';
import type { TimelineEntry, TimelinePage } from '../../shared/api/timeline.ts';
import { addDays, localDay } from '../../shared/contract-status.ts';
import { createCore } from '../../electron/core/create-core.ts';
import { createCoreInWorker } from '../../electron/core/worker/core-in-worker.ts';
import { keyToHex, unwrapKey } from '../../electron/core/crypto/keys.ts';
import { findUserSlot, readKeyslots } from '../../electron/core/crypto/keyslots.ts';
import { openEncrypted, type SqliteDatabase } from '../../electron/core/db/sqlite/open.ts';
import type { Db } from '../../electron/core/db/database.ts';
import { kyselyOver } from '../../electron/core/db/sqlite/dialect.ts';
import { listTimeline } from '../../electron/core/areas/timeline/service.ts';
import { readAgenda } from '../../electron/core/areas/visits/service.ts';
import { searchRecords } from '../../electron/core/areas/search/records.ts';
import { recordDocument } from '../../electron/core/areas/search/record-text.ts';
import { planQuery } from '../../electron/core/areas/search/search-text.ts';
import { fullAccess } from '../../electron/core/areas/users/access.ts';
import { databasePath } from '../../electron/core/vault.ts';
import { interleaved, log, round, type Stats } from './timing.ts';

const OWNER_ACCESS = fullAccess({ userId: 1, username: 'owner', role: 'owner' });
const OWNER = 'owner';
const PASSWORD = 'bench-password-4k9z';
const SESSION = 'bench';
const STAFF = ['王芳', '李强', '张敏', '刘洋', '陈静'];
const WARMUP = 20;
const ITERATIONS = 200;
const DEEP_PAGES = 30;
const SEED_FILE = 'bench-records-seed.json';
const TARGET = { timelineMs: 5, agendaMs: 5, searchMs: 20 };

type Core = ReturnType<typeof createCore>;

async function call<T>(core: Core, session: string, method: string, input: unknown): Promise<T> {
  const result = await core.invoke(session, method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T; // the bench knows which method it called
}

function options(): { customers: number; records: number; inserts: number; dataDir: string | null } {
  const { values } = parseArgs({
    options: { customers: { type: 'string' }, records: { type: 'string' }, inserts: { type: 'string' }, 'data-dir': { type: 'string' } },
    allowPositionals: true,
  });
  const whole = (name: string, text: string | undefined, fallback: number, min: number) => {
    const n = Number(text ?? fallback);
    if (!Number.isInteger(n) || n < min) throw new Error(`bench:records: --${name} must be a whole number ≥ ${min}, got ${text}`);
    return n;
  };
  return {
    customers: whole('customers', values.customers ?? process.env.BENCH_CUSTOMERS, 100_000, 1),
    records: whole('records', values.records ?? process.env.BENCH_RECORDS, 1_000_000, 1),
    inserts: whole('inserts', values.inserts, 1_000, 1),
    dataDir: values['data-dir'] ?? process.env.BENCH_DATA_DIR ?? null,
  };
}

type SeedFigures = { customers: number; records: number; customersMs: number; recordsMs: number; bytesBeforeRecords: number; bytesAfterRecords: number; visits: number };

/** Bytes of the database file once its WAL is folded in. */
function fileBytes(raw: SqliteDatabase, file: string): number {
  raw.pragma('wal_checkpoint(TRUNCATE)');
  return statSync(file).size;
}

async function rawConnection(dataDir: string): Promise<SqliteDatabase> {
  // Test tool only: the owner's password unwraps the database key, as sign-in does.
  const slot = findUserSlot(readKeyslots(dataDir), OWNER);
  const key = slot && (await unwrapKey(slot, PASSWORD));
  if (!key) throw new Error('bench:records: cannot unwrap the database key with the owner password');
  return openEncrypted(databasePath(dataDir), keyToHex(key));
}

/** Makes the shop: owner, staff, customers and records through system.seed, visits written straight into their table. */
async function makeShop(dataDir: string, customers: number, records: number): Promise<SeedFigures> {
  const core = createCore({ dataDir });
  try {
    await call(core, SESSION, 'setup.create', { shopName: '基准测试小店', ownerUsername: OWNER, ownerDisplayName: '店主', password: PASSWORD });
    for (const [i, name] of STAFF.entries()) await call(core, SESSION, 'users.create', { username: `staff${i + 1}`, displayName: name, role: 'staff', password: PASSWORD });
    log(`bench:records: seeding ${customers} customers...`);
    let started = performance.now();
    const seeded = await call<{ customers: number }>(core, SESSION, 'system.seed', { customers, seed: 1 });
    const customersMs = Math.round(performance.now() - started);
    await call(core, SESSION, 'auth.signIn', { username: OWNER, password: PASSWORD }); // a long seed may outlast the idle lock-out
    const raw = await rawConnection(dataDir);
    try {
      const bytesBeforeRecords = fileBytes(raw, databasePath(dataDir));
      log(`bench:records: ${seeded.customers} customers in ${customersMs} ms; seeding ${records} records...`);
      started = performance.now();
      const withRecords = await call<{ records: number; recordsMs: number }>(core, SESSION, 'system.seed', { records, seed: 1 });
      const recordsMs = Math.round(performance.now() - started);
      const bytesAfterRecords = fileBytes(raw, databasePath(dataDir));
      log(`bench:records: ${withRecords.records} records in ${recordsMs} ms`);
      const visits = insertVisits(raw, Date.now());
      return { customers: seeded.customers, records: withRecords.records, customersMs, recordsMs, bytesBeforeRecords, bytesAfterRecords, visits };
    } finally {
      raw.close();
    }
  } finally {
    core.close();
  }
}

/**
 * Visits as the visits area stores them (starts_at from the day and minute in local time): each
 * staff member five a working day, 13 weeks each side of today, at customers spread over the shop
 * (the heaviest customer among them); the past ones done, a few cancelled or postponed.
 */
function insertVisits(raw: SqliteDatabase, now: number): number {
  const staff = raw.prepare("SELECT id FROM users WHERE role = 'staff' ORDER BY id").pluck().all() as number[];
  const customers = raw.prepare('SELECT id FROM customers WHERE deleted_at IS NULL ORDER BY id').pluck().all() as number[];
  const heavy = raw.prepare('SELECT customer_id FROM records GROUP BY customer_id ORDER BY count(*) DESC, customer_id LIMIT 1').pluck().get() as number;
  const insert = raw.prepare(
    `INSERT INTO visits (customer_id, staff_id, on_day, start_minute, duration_minutes, starts_at, purpose, agenda, status, outcome, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, 60, ?, ?, '', ?, ?, ?, ?, ?)`,
  );
  const today = localDay(now);
  let count = 0;
  let n = 0;
  raw.transaction(() => {
    for (let offset = -91; offset <= 91; offset++) {
      const day = addDays(today, offset);
      const [y, m, d] = day.split('-').map(Number) as [number, number, number];
      const weekday = new Date(y, m - 1, d).getDay();
      if (weekday === 0 || weekday === 6) continue;
      for (const staffId of staff) {
        for (let slot = 0; slot < 5; slot++) {
          n++;
          const minute = 9 * 60 + slot * 90;
          const customer = n % 97 === 0 ? heavy : customers[(n * 7_919) % customers.length]!;
          const status = offset < 0 ? (n % 13 === 0 ? 'cancelled' : 'done') : n % 17 === 0 ? 'postponed' : 'planned';
          insert.run(customer, staffId, day, minute, new Date(y, m - 1, d, Math.floor(minute / 60), minute % 60).getTime(), `回访 ${n}`, status, status === 'done' ? '客户满意，约定下次回访' : '', 1, now, now);
          count++;
        }
      }
    }
  })();
  return count;
}

// --- references ------------------------------------------------------------------------------

type Key = { at: number; kind: string; refId: number };
const keyText = (k: Key) => `${k.at}/${k.kind}/${k.refId}`;
const midnight = (day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).getTime();
};

/** The customer's whole timeline from every row of every table read whole, sorted here. */
function referenceTimeline(raw: SqliteDatabase, customerId: number, today: string): string[] {
  const out: Key[] = [];
  for (const r of raw.prepare('SELECT id, kind, at FROM records WHERE +customer_id = ?').all(customerId) as { id: number; kind: string; at: number }[]) out.push({ at: r.at, kind: r.kind, refId: r.id });
  for (const v of raw.prepare('SELECT id, starts_at FROM visits WHERE +customer_id = ?').all(customerId) as { id: number; starts_at: number }[]) out.push({ at: v.starts_at, kind: 'visit', refId: v.id });
  for (const g of raw.prepare('SELECT id, changed_at FROM grade_history WHERE +customer_id = ?').all(customerId) as { id: number; changed_at: number }[]) out.push({ at: g.changed_at, kind: 'grade', refId: g.id });
  const contracts = raw.prepare('SELECT id, signed_on, end_on, auto_renew, terminated_on FROM contracts WHERE +customer_id = ? AND deleted_at IS NULL').all(customerId) as {
    id: number;
    signed_on: string | null;
    end_on: string | null;
    auto_renew: number;
    terminated_on: string | null;
  }[];
  for (const k of contracts) {
    if (k.signed_on !== null) out.push({ at: midnight(k.signed_on), kind: 'contractSigned', refId: k.id });
    if (k.signed_on !== null && k.auto_renew === 0 && k.terminated_on === null && k.end_on !== null && k.end_on < today) out.push({ at: midnight(addDays(k.end_on, 1)), kind: 'contractExpired', refId: k.id });
  }
  const live = new Set(contracts.map((k) => k.id));
  for (const e of raw.prepare('SELECT id, contract_id, kind, at, on_day FROM contract_events').all() as { id: number; contract_id: number; kind: string; at: number; on_day: string | null }[]) {
    if (!live.has(e.contract_id) || !['renewed', 'terminated'].includes(e.kind)) continue;
    out.push({ at: e.on_day === null ? e.at : midnight(e.on_day), kind: e.kind === 'renewed' ? 'contractRenewed' : 'contractTerminated', refId: e.id });
  }
  for (const a of raw.prepare('SELECT id, owner_kind, owner_id, created_at FROM attachments WHERE deleted_at IS NULL').all() as { id: number; owner_kind: string; owner_id: number; created_at: number }[]) {
    if ((a.owner_kind === 'customer' && a.owner_id === customerId) || (a.owner_kind === 'contract' && live.has(a.owner_id))) out.push({ at: a.created_at, kind: 'file', refId: a.id });
  }
  out.sort((a, b) => (a.at !== b.at ? b.at - a.at : a.kind !== b.kind ? (a.kind < b.kind ? 1 : -1) : b.refId - a.refId));
  return out.map(keyText);
}

function sameKeys(where: string, got: readonly TimelineEntry[], want: readonly string[]): void {
  const keys = got.map(keyText);
  if (JSON.stringify(keys) !== JSON.stringify(want)) throw new Error(`bench:records: ${where}: ${keys.length} entries ${keys.slice(0, 3).join(' ')}…, the reference says ${want.length} ${want.slice(0, 3).join(' ')}…`);
}

/** The newest `limit` live records (of live customers) whose indexed text holds the query, by a scan of every record. */
function referenceRecordSearch(raw: SqliteDatabase, q: string, limit: number): { ids: number[]; total: number } {
  const plan = planQuery(q);
  if (!plan) throw new Error(`bench:records: "${q}" is no query`);
  const terms = plan.terms.filter((term) => [...term].length >= 3);
  const ids: number[] = [];
  let total = 0;
  const rows = raw
    .prepare('SELECT r.id, r.content, r.result, r.agreements, r.feedback FROM records r JOIN customers c ON c.id = r.customer_id WHERE r.deleted_at IS NULL AND c.deleted_at IS NULL ORDER BY r.id DESC')
    .iterate() as Iterable<{ id: number; content: string; result: string; agreements: string; feedback: string }>;
  for (const row of rows) {
    const doc = recordDocument(row);
    if (!terms.every((term) => doc.includes(term))) continue;
    total++;
    if (ids.length < limit) ids.push(row.id);
  }
  return { ids, total };
}

// --- measuring -------------------------------------------------------------------------------

type Entry = Record<string, unknown> & { medianMs: number; ok: boolean; targetMs: number };

function entry(t: Record<string, Stats>, targetMs: number, withFloor: boolean, extra: Record<string, unknown>): Entry {
  const door = t.dispatcher!;
  const floor = t.floor!;
  const allowedMs = round(1.5 * floor.medianMs + 1);
  return {
    ...extra,
    medianMs: door.medianMs,
    p95Ms: door.p95Ms,
    inProcessMedianMs: t.inProcess?.medianMs,
    serviceMedianMs: t.service!.medianMs,
    serviceP95Ms: t.service!.p95Ms,
    floorMedianMs: floor.medianMs,
    ratio: round(door.medianMs / floor.medianMs),
    targetMs,
    ...(withFloor ? { floorAllowanceMs: allowedMs } : {}),
    ok: door.medianMs <= targetMs && (!withFloor || door.medianMs <= allowedMs),
  };
}

async function main(): Promise<void> {
  const opts = options();
  const temp = opts.dataDir === null ? mkdtempSync(join(tmpdir(), 'clientele-bench-records-')) : null;
  const dataDir = opts.dataDir ?? join(temp!, 'data');
  const loadAtStart = loadavg().map((n) => round(n));
  const seedFile = join(dataDir, SEED_FILE);
  let core: Core | null = null;
  let door: Core | null = null;
  let raw: SqliteDatabase | null = null;
  try {
    if (!existsSync(seedFile)) {
      mkdirSync(dataDir, { recursive: true });
      const figures = await makeShop(dataDir, opts.customers, opts.records);
      writeFileSync(seedFile, JSON.stringify(figures));
    } else log(`bench:records: reusing the shop in ${dataDir}`);
    const seed = JSON.parse(readFileSync(seedFile, 'utf8')) as SeedFigures;

    const inProcess = createCore({ dataDir });
    core = inProcess;
    await call(inProcess, SESSION, 'auth.signIn', { username: OWNER, password: PASSWORD });
    const worker = createCoreInWorker({ dataDir });
    door = worker;
    await call(worker, SESSION, 'auth.signIn', { username: OWNER, password: PASSWORD });
    raw = await rawConnection(dataDir);
    const db: Db = kyselyOver(raw);
    const now = Date.now();
    const today = localDay(now);
    const results: Record<string, Entry> = {};
    const loop = { warmup: WARMUP, iterations: ITERATIONS };
    // Auto-renew rolls due contracts forward before the first read of contracts: done once here.
    await call(worker, SESSION, 'contracts.list', { limit: 1 });

    // --- the timeline of the customer with the most records ------------------------------------
    const heavy = raw.prepare('SELECT customer_id AS id, count(*) AS n FROM records GROUP BY customer_id ORDER BY n DESC, customer_id LIMIT 1').get() as { id: number; n: number };
    log(`bench:records: customer ${heavy.id} has ${heavy.n} records; checking every page of its timeline against the reference...`);
    const reference = referenceTimeline(raw, heavy.id, today);
    const walked: TimelineEntry[] = [];
    const cursors: (string | null)[] = [null];
    for (let after: string | null = null; ; ) {
      const page: TimelinePage = await call(worker, SESSION, 'timeline.list', { customerId: heavy.id, after, limit: 50 });
      walked.push(...page.entries);
      if (page.next === null) break;
      cursors.push(page.next);
      after = page.next;
    }
    sameKeys('the whole timeline, page by page through the door', walked, reference);
    const floorStatement = raw.prepare(
      `SELECT id, kind, at, staff_id, substr(content, 1, 200) AS text, source, created_by, deleted_at FROM records
       WHERE customer_id = ? AND (at, id) < (?, ?) ORDER BY at DESC, id DESC LIMIT 51`,
    );
    for (const [name, pageIndex] of [['timeline.firstPage', 0], ['timeline.deepPage', DEEP_PAGES]] as const) {
      const after = cursors[pageIndex] ?? null;
      if (pageIndex > 0 && after === null) throw new Error(`bench:records: the timeline has fewer than ${pageIndex} pages`);
      const input = { customerId: heavy.id, after, limit: 50 };
      const want = reference.slice(pageIndex * 50, pageIndex * 50 + 50);
      sameKeys(`${name} through the door`, (await call<TimelinePage>(worker, SESSION, 'timeline.list', input)).entries, want);
      sameKeys(`${name} by the service`, (await listTimeline(db, input, OWNER_ACCESS, now)).entries, want);
      // The floor starts where the page starts: after the last entry of the page before.
      const start = pageIndex === 0 ? { at: Number.MAX_SAFE_INTEGER, refId: 0 } : (() => {
        const [at, , refId] = reference[pageIndex * 50 - 1]!.split('/');
        return { at: Number(at), refId: Number(refId) };
      })();
      log(`bench:records: ${name}`);
      const t = await interleaved(
        {
          dispatcher: () => call(worker, SESSION, 'timeline.list', input),
          inProcess: () => call(inProcess, SESSION, 'timeline.list', input),
          service: () => listTimeline(db, input, OWNER_ACCESS, now),
          floor: () => floorStatement.all(heavy.id, start.at, start.refId),
        },
        loop,
      );
      results[name] = entry(t, TARGET.timelineMs, true, { customerRecords: heavy.n, entries: reference.length, pagesDeep: pageIndex, rowsChecked: true });
    }

    // --- a staff member's week agenda ----------------------------------------------------------
    const staffId = raw.prepare("SELECT id FROM users WHERE role = 'staff' ORDER BY id LIMIT 1").pluck().get() as number;
    const [y, m, d] = today.split('-').map(Number) as [number, number, number];
    const monday = addDays(today, -((new Date(y, m - 1, d).getDay() + 6) % 7));
    const agendaInput = { from: monday, to: addDays(monday, 6), staffId };
    const expectedAgenda = (raw.prepare('SELECT v.id, v.on_day, v.start_minute, v.staff_id, v.status, v.deleted_at, c.deleted_at AS gone FROM visits v JOIN customers c ON c.id = v.customer_id').all() as {
      id: number;
      on_day: string;
      start_minute: number;
      staff_id: number;
      status: string;
      deleted_at: number | null;
      gone: number | null;
    }[])
      .filter((v) => v.staff_id === staffId && v.on_day >= agendaInput.from && v.on_day <= agendaInput.to && v.deleted_at === null && v.gone === null && v.status !== 'cancelled')
      .sort((a, b) => (a.on_day !== b.on_day ? (a.on_day < b.on_day ? -1 : 1) : a.start_minute - b.start_minute || a.id - b.id))
      .map((v) => v.id);
    if (expectedAgenda.length === 0) throw new Error('bench:records: the week agenda is empty: it would be measured on nothing');
    const agenda = await call<{ visits: { id: number }[] }>(worker, SESSION, 'visits.agenda', agendaInput);
    if (JSON.stringify(agenda.visits.map((v) => v.id)) !== JSON.stringify(expectedAgenda)) throw new Error(`bench:records: visits.agenda gives ${agenda.visits.length} visits, the reference ${expectedAgenda.length}`);
    const parsedAgenda = AgendaQuery.parse(agendaInput);
    const agendaFloor = raw.prepare("SELECT id, customer_id, on_day, start_minute, duration_minutes, purpose, status FROM visits WHERE staff_id = ? AND on_day BETWEEN ? AND ? AND deleted_at IS NULL AND status <> 'cancelled' ORDER BY on_day, start_minute, id");
    log('bench:records: visits.agenda (one staff member, one week)');
    const agendaTimes = await interleaved(
      {
        dispatcher: () => call(worker, SESSION, 'visits.agenda', agendaInput),
        inProcess: () => call(inProcess, SESSION, 'visits.agenda', agendaInput),
        service: () => readAgenda(db, parsedAgenda, OWNER_ACCESS),
        floor: () => agendaFloor.all(staffId, agendaInput.from, agendaInput.to),
      },
      loop,
    );
    results['visits.agenda.staffWeek'] = entry(agendaTimes, TARGET.agendaMs, false, { visits: expectedAgenda.length, visitsInShop: seed.visits, rowsChecked: true });

    // --- 3-character searches over record texts ------------------------------------------------
    const searches: Record<string, string> = { 'search.record3.rare': '定影组', 'search.record3.common': '回访频' };
    const ftsFloor = raw.prepare('SELECT rowid FROM record_search_trigram WHERE record_search_trigram MATCH ? ORDER BY rowid LIMIT 20');
    for (const [name, q] of Object.entries(searches)) {
      log(`bench:records: ${name} (${q}): scanning every record for the reference...`);
      const expected = referenceRecordSearch(raw, q, 20);
      if (expected.total === 0) throw new Error(`bench:records: no record holds "${q}"`);
      const answer = await call<{ hits: AnySearchHit[] }>(worker, SESSION, 'search.query', { q, limit: 20 });
      const recordHits = answer.hits.filter((hit) => hit.kind === 'record').map((hit) => hit.id);
      if (recordHits.length === 0 || JSON.stringify(recordHits) !== JSON.stringify(expected.ids.slice(0, recordHits.length))) {
        throw new Error(`bench:records: search.query "${q}" gives records ${JSON.stringify(recordHits)}, the scan's newest are ${JSON.stringify(expected.ids.slice(0, 5))}`);
      }
      const alone = await searchRecords(db, q, 20, OWNER_ACCESS);
      if (JSON.stringify(alone.map((hit) => hit.id)) !== JSON.stringify(expected.ids)) throw new Error(`bench:records: searchRecords "${q}" differs from the scan`);
      const t = await interleaved(
        {
          dispatcher: () => call(worker, SESSION, 'search.query', { q, limit: 20 }),
          inProcess: () => call(inProcess, SESSION, 'search.query', { q, limit: 20 }),
          service: () => searchRecords(db, q, 20, OWNER_ACCESS),
          floor: () => ftsFloor.all(`"${q}"`),
        },
        loop,
      );
      results[name] = entry(t, TARGET.searchMs, false, { q, recordsMatching: expected.total, recordHits: recordHits.length, rowsChecked: true, note: 'service and floor: the records part alone' });
    }

    // --- insert rate: records.create one after another, search index kept current ---------------
    const customers = raw.prepare('SELECT id FROM customers WHERE deleted_at IS NULL ORDER BY id LIMIT 200').pluck().all() as number[];
    const countBefore = raw.prepare('SELECT count(*) FROM records').pluck().get() as number;
    const run = `${now.toString(36)}`;
    const token = (i: number) => `Q${run}N${String(i).padStart(5, '0')}Z`;
    log(`bench:records: ${opts.inserts} records.create through the door...`);
    const made: number[] = [];
    const insertStarted = performance.now();
    for (let i = 0; i < opts.inserts; i++) {
      const service = i % 2 === 0;
      const draft = {
        customerId: customers[i % customers.length]!,
        kind: service ? 'service' : 'communication',
        at: now - i * 60_000,
        staffId,
        content: `基准插入记录 ${token(i)} 上门检查设备运行情况，更换耗材并记录客户反馈。`,
        ...(service ? { phase: 'aftersale', serviceKind: 'maintenance', status: 'done', result: '已解决' } : { channel: 'phone', agreements: '下周再联系' }),
      };
      made.push((await call<{ id: number }>(worker, SESSION, 'records.create', draft)).id);
    }
    const insertMs = performance.now() - insertStarted;
    const countAfter = raw.prepare('SELECT count(*) FROM records').pluck().get() as number;
    if (countAfter - countBefore !== opts.inserts) throw new Error(`bench:records: ${opts.inserts} records created, the table grew by ${countAfter - countBefore}`);
    for (const [i, id] of made.entries()) {
      const found = (await searchRecords(db, token(i), 5, OWNER_ACCESS)).map((hit) => hit.id);
      if (JSON.stringify(found) !== JSON.stringify([id])) throw new Error(`bench:records: record ${id} is not found by its token ${token(i)} (found ${JSON.stringify(found)})`);
    }
    const inserts = { records: opts.inserts, ms: Math.round(insertMs), rowsPerSecond: Math.round((opts.inserts * 1000) / insertMs), eachSearchable: true, note: 'one records.create per transaction through the worker door (synchronous=FULL)' };

    const dbBytes = fileBytes(raw, databasePath(dataDir));
    const report = {
      customers: seed.customers,
      records: countAfter,
      visits: seed.visits,
      seed: { customersMs: seed.customersMs, recordsMs: seed.recordsMs, recordsPerSecond: Math.round((seed.records * 1000) / seed.recordsMs) },
      dbBytes,
      bytesPerMillionRecords: Math.round(((seed.bytesAfterRecords - seed.bytesBeforeRecords) * 1_000_000) / seed.records),
      iterations: ITERATIONS,
      warmup: WARMUP,
      machine: { cpus: availableParallelism(), loadAtStart, loadAtEnd: loadavg().map((n) => round(n)) },
      results,
      inserts,
      allOk: Object.values(results).every((e) => e.ok),
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    summary(report);
  } finally {
    door?.close();
    core?.close();
    if (raw?.open) raw.close();
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}

function summary(report: { results: Record<string, Entry>; inserts: { rowsPerSecond: number }; bytesPerMillionRecords: number; seed: { recordsPerSecond: number } }): void {
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  const cell = (v: unknown) => pad(typeof v === 'number' ? v.toFixed(2) : '-', 9);
  log('');
  log(`${'measure'.padEnd(28)}${pad('median', 9)}${pad('p95', 9)}${pad('service', 9)}${pad('floor', 9)}${pad('ratio', 7)}${pad('target', 8)}  result`);
  for (const [name, r] of Object.entries(report.results)) {
    log(`${name.padEnd(28)}${cell(r.medianMs)}${cell(r.p95Ms)}${cell(r.serviceMedianMs)}${cell(r.floorMedianMs)}${pad((r.ratio as number).toFixed(2), 7)}${pad(`<=${r.targetMs}`, 8)}  ${r.ok ? 'ok' : 'MISSED'}`);
  }
  log(`records.create: ${report.inserts.rowsPerSecond} rows/s; seed: ${report.seed.recordsPerSecond} records/s; ${(report.bytesPerMillionRecords / 1e6).toFixed(0)} MB per million records`);
}

await main();
