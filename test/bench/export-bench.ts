// `npm run bench:export` — exporting every customer of a large shop to CSV and to .xlsx, figures as
// JSON on stdout (progress on stderr).
//
// The shop: 100,000 seeded customers (`-- --customers N`) through `system.seed` (what `clientele
// seed` runs), with their contacts and tags. With BENCH_DATA_DIR=DIR (or `-- --data-dir DIR`) the
// shop is made there once and reused (kept); else a temp dir, removed.
//
// Measured as the CLI runs it (the core in this process): exports.run for the whole customers list
// (name order) and the download drained to memory, three times per format; the median is quoted.
// Memory: the process's resident peak (VmHWM, reset before each run through /proc/self/clear_refs),
// its rise over the resident size just before the run, and the peak of V8's heap plus external
// memory sampled every 20 ms (the drained download, held by the bench, is part of it). Each run's answer is checked: the row
// count is the number of live customers in the database, and for the first run of each format a
// sample of rows (first, middle, last) is compared field by field with its row read directly.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as XLSX from '@e965/xlsx';
import { parse } from 'csv-parse/sync';
import { EXPORT_HEADERS } from '../../shared/api/exports.ts';
import { createCore } from '../../electron/core/create-core.ts';
import { keyToHex, unwrapKey } from '../../electron/core/crypto/keys.ts';
import { findUserSlot, readKeyslots } from '../../electron/core/crypto/keyslots.ts';
import { openEncrypted, type SqliteDatabase } from '../../electron/core/db/sqlite/open.ts';
import { databasePath } from '../../electron/core/vault.ts';
import { log, round } from './timing.ts';

const OWNER = 'owner';
const PASSWORD = 'bench-password-4k9z';
const SESSION = 'bench';
const RUNS = 3;
const SEED_FILE = 'bench-export-seed.json';

type Core = ReturnType<typeof createCore>;

async function call<T>(core: Core, method: string, input: unknown): Promise<T> {
  const result = await core.invoke(SESSION, method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T; // the bench knows which method it called
}

function options(): { customers: number; dataDir: string | null } {
  const { values } = parseArgs({ options: { customers: { type: 'string' }, 'data-dir': { type: 'string' } }, allowPositionals: true });
  const n = Number(values.customers ?? process.env.BENCH_CUSTOMERS ?? 100_000);
  if (!Number.isInteger(n) || n < 1) throw new Error(`bench:export: --customers must be a whole number ≥ 1, got ${values.customers}`);
  return { customers: n, dataDir: values['data-dir'] ?? process.env.BENCH_DATA_DIR ?? null };
}

async function rawConnection(dataDir: string): Promise<SqliteDatabase> {
  // Test tool only: the owner's password unwraps the database key, as sign-in does.
  const slot = findUserSlot(readKeyslots(dataDir), OWNER);
  const key = slot && (await unwrapKey(slot, PASSWORD));
  if (!key) throw new Error('bench:export: cannot unwrap the database key with the owner password');
  return openEncrypted(databasePath(dataDir), keyToHex(key));
}

/** Bytes of /proc/self/status's VmRSS and VmHWM. */
function memory(): { rss: number; hwm: number } {
  const status = readFileSync('/proc/self/status', 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

/** Resets the kernel's peak (VmHWM) to the current RSS (Linux 4.0+: `5` in clear_refs). */
function resetPeak(): void {
  writeFileSync('/proc/self/clear_refs', '5');
}

const MB = 1024 * 1024;

type DbRow = { code: string; name: string; phone: string; email: string; address: string; industry: string; region: string; notes: string };

/** The customer's row as stored, with its first contact's name and mobile and its tags. */
function dbRow(raw: SqliteDatabase, code: string): DbRow & { contactName: string; contactMobile: string; tags: string } {
  const row = raw.prepare('SELECT code, name, phone, email, address, industry, region, notes, id FROM customers WHERE code = ?').get(code) as DbRow & { id: number };
  const contact = raw.prepare('SELECT name, mobile FROM contacts WHERE customer_id = ? ORDER BY position, id LIMIT 1').get(row.id) as { name: string; mobile: string } | undefined;
  const tags = (raw.prepare('SELECT t.name FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.customer_id = ? ORDER BY t.name').all(row.id) as { name: string }[]).map((t) => t.name);
  return { code: row.code, name: row.name, phone: row.phone, email: row.email, address: row.address, industry: row.industry, region: row.region, notes: row.notes, contactName: contact?.name ?? '', contactMobile: contact?.mobile ?? '', tags: tags.join('、') };
}

const H = EXPORT_HEADERS.customers;
const COLUMNS = { code: H.code, name: H.name, phone: H.phone, email: H.email, address: H.address, industry: H.industry, region: H.region, notes: H.notes, contactName: H.contactName, contactMobile: H.contactMobile, tags: H.tags };

/** Undoes the export's neutralisation for comparing with the stored text. */
const plain = (value: unknown) => (typeof value === 'string' && /^'[=+\-@\t\r＝＋－＠]/.test(value) ? value.slice(1) : String(value ?? ''));

function check(format: 'csv' | 'xlsx', bytes: Buffer, raw: SqliteDatabase, expected: number): void {
  let rows: Record<string, unknown>[];
  if (format === 'csv') {
    const table = parse(bytes.toString('utf8').replace(/^\uFEFF/, '')) as string[][];
    const [header, ...body] = table;
    rows = body.map((cells) => Object.fromEntries(header!.map((name, i) => [name, cells[i]])));
  } else {
    const wb = XLSX.read(bytes, { dense: true });
    rows = XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]!]!, { defval: '' });
  }
  if (rows.length !== expected) throw new Error(`bench:export: ${format}: ${rows.length} rows, the database has ${expected} live customers`);
  for (const index of [0, Math.floor(rows.length / 2), rows.length - 1]) {
    const got = rows[index]!;
    const want = dbRow(raw, String(got[H.code['zh-CN']]));
    for (const [field, words] of Object.entries(COLUMNS)) {
      const value = plain(got[words['zh-CN']]);
      if (value !== want[field as keyof typeof want]) throw new Error(`bench:export: ${format} row ${index + 1}: ${field} is ${JSON.stringify(value)}, the database says ${JSON.stringify(want[field as keyof typeof want])}`);
    }
  }
}

async function makeShop(dataDir: string, customers: number): Promise<{ customers: number; seedMs: number }> {
  const core = createCore({ dataDir });
  try {
    await call(core, 'setup.create', { shopName: '基准测试小店', ownerUsername: OWNER, ownerDisplayName: '店主', password: PASSWORD });
    log(`bench:export: seeding ${customers} customers...`);
    const started = performance.now();
    const seeded = await call<{ customers: number }>(core, 'system.seed', { customers, seed: 1 });
    return { customers: seeded.customers, seedMs: Math.round(performance.now() - started) };
  } finally {
    core.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const opts = options();
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'clientele-bench-export-'));
  try {
    mkdirSync(dataDir, { recursive: true });
    const seedFile = join(dataDir, SEED_FILE);
    const seed = existsSync(seedFile) ? (JSON.parse(readFileSync(seedFile, 'utf8')) as { customers: number; seedMs: number }) : await makeShop(dataDir, opts.customers);
    writeFileSync(seedFile, JSON.stringify(seed));
    const raw = await rawConnection(dataDir);
    const live = (raw.prepare('SELECT count(*) AS n FROM customers WHERE deleted_at IS NULL').get() as { n: number }).n;
    const core = createCore({ dataDir });
    const results: Record<string, unknown> = {};
    try {
      await call(core, 'auth.signIn', { username: OWNER, password: PASSWORD });
      for (const format of ['csv', 'xlsx'] as const) {
        const runs: { ms: number; cpuMs: number; bytes: number; peakMb: number; riseMb: number; heapPeakMb: number }[] = [];
        for (let run = 0; run < RUNS; run++) {
          (globalThis as { gc?: () => void }).gc?.();
          resetPeak();
          const before = memory().rss;
          // The JavaScript side's own peak, sampled between pages (the export yields at each one):
          // RSS also holds SQLite's page cache (64 MB per connection) and garbage V8 has not yet collected.
          let heapPeak = 0;
          const sampler = setInterval(() => {
            const m = process.memoryUsage();
            heapPeak = Math.max(heapPeak, m.heapUsed + m.external);
          }, 20);
          const cpuBefore = process.cpuUsage();
          const started = performance.now();
          const out = await call<{ download: { download: string; size: number }; rows: number }>(core, 'exports.run', { entity: 'customers', format, language: 'zh-CN' });
          const got = await core.download(SESSION, out.download.download);
          if (!got.ok) throw new Error(`bench:export: download: ${got.error.message}`);
          const parts: Buffer[] = [];
          for await (const chunk of got.value.chunks) parts.push(Buffer.from(chunk));
          const ms = performance.now() - started;
          const cpu = process.cpuUsage(cpuBefore);
          const cpuMs = (cpu.user + cpu.system) / 1000; // this process's own CPU time: less at the mercy of the machine's load than the wall clock
          clearInterval(sampler);
          const peak = memory().hwm;
          const bytes = Buffer.concat(parts);
          if (out.rows !== live) throw new Error(`bench:export: ${format}: ${out.rows} rows, the database has ${live} live customers`);
          if (run === 0) check(format, bytes, raw, live);
          runs.push({ ms: round(ms), cpuMs: Math.round(cpuMs), bytes: bytes.byteLength, peakMb: round(peak / MB), riseMb: round((peak - before) / MB), heapPeakMb: round(heapPeak / MB) });
          log(`bench:export: ${format} run ${run + 1}: ${Math.round(ms)} ms (CPU ${Math.round(cpuMs)} ms), ${Math.round(bytes.byteLength / MB)} MB file, peak RSS ${Math.round(peak / MB)} MB (+${Math.round((peak - before) / MB)} MB), heap+external peak ${Math.round(heapPeak / MB)} MB (the drained file included), load ${loadavg()[0]!.toFixed(1)}`);
        }
        results[format] = {
          medianMs: median(runs.map((r) => r.ms)),
          cpuMedianMs: median(runs.map((r) => r.cpuMs)),
          rowsPerSecond: Math.round(live / (median(runs.map((r) => r.ms)) / 1000)),
          fileMb: round(runs[0]!.bytes / MB),
          peakRssMb: median(runs.map((r) => r.peakMb)),
          riseMb: median(runs.map((r) => r.riseMb)),
          heapPeakMb: median(runs.map((r) => r.heapPeakMb)),
          runs,
        };
      }
    } finally {
      core.close();
      raw.close();
    }
    process.stdout.write(`${JSON.stringify({ bench: 'export', customers: live, seed, load: loadavg().map((l) => round(l)), ...results }, null, 2)}\n`);
  } finally {
    if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
