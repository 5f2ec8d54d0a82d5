// `npm run bench:import` — importing 100,000 customer rows (API-12.md target: ≤ 10 s each) from a
// UTF-8 CSV with a BOM and from an .xlsx, figures as JSON on stdout (progress on stderr).
//
// Each of N runs (default 3; `-- --runs N`; `-- --rows R`, default 100,000) per format imports into
// a fresh shop (temp data dir, removed after): the file is built in memory (test/fixtures
// import-files.ts big list: unique names, mobiles, e-mails), staged (Core.upload, purpose 'import'),
// inspected and run with the auto-matched mapping. Timed: the staging, and inspect + run (the
// import proper). Checked: the count, a sample of rows against the file, a search for an imported
// name. Memory: this process's RSS (the core runs in it) sampled every 20 ms during the run; the
// peak over the RSS before it, and the process's maxRSS (resourceUsage) at the end.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../../electron/core/create-core.ts';
import { bigCsv, bigRows, bigTable, xlsx } from '../fixtures/import-files.ts';
import { log, round } from './timing.ts';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '3' }, rows: { type: 'string', default: '100000' } } });
const RUNS = Number(args.runs);
const ROWS = Number(args.rows);
const OWNER = 'owner';
const PASSWORD = 'bench-password-4k9z';
const SESSION = 'bench';
const MiB = 1024 * 1024;
const TARGET_MS = 10_000;

type Core = ReturnType<typeof createCore>;

async function call<T = unknown>(core: Core, method: string, input: unknown): Promise<T> {
  const result = await core.invoke(SESSION, method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T; // the core checked it against the contract
}

function cpuMs(from: NodeJS.CpuUsage, to: NodeJS.CpuUsage): number {
  return round((to.user - from.user + to.system - from.system) / 1000);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

type Run = { stageMs: number; importMs: number; readCheckMs: number; writeMs: number; importCpuMs: number; readCheckCpuMs: number; writeCpuMs: number; peakRssOverBeforeMB: number; rssBeforeMB: number };

async function oneRun(name: string, bytes: Buffer, expected: string[][]): Promise<Run> {
  const dataDir = mkdtempSync(join(tmpdir(), 'clientele-bench-import-'));
  // Long-running, as the app's core: a slow import must not meet the idle lock-out before its checks.
  const core = createCore({ dataDir, longRunning: true });
  try {
    await call(core, 'setup.create', { shopName: '导入基准小店', ownerUsername: OWNER, ownerDisplayName: '店主', password: PASSWORD });
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const t0 = performance.now();
    const staged = await core.upload(SESSION, 'import', {
      name,
      declaredSize: bytes.length,
      chunks: (async function* () {
        for (let at = 0; at < bytes.length; at += MiB) yield bytes.subarray(at, at + MiB);
      })(),
    });
    if (!staged.ok) throw new Error(`upload: ${staged.error.message}`);
    const t1 = performance.now();
    // CPU time (user + system, this process: the core runs in it) beside wall time: the machine may be shared.
    const cpu1 = process.cpuUsage();
    let cpuChecked = cpu1;
    const file = { upload: staged.value.upload };
    // The last progress event ends the reading and checking; the one transaction follows it.
    let checked = t1;
    const stop = core.onEvent(SESSION, (event) => {
      if (event.job === 'import' && event.done === event.total) {
        checked = performance.now();
        cpuChecked = process.cpuUsage();
      }
    });
    const inspection = await call<{ mapping: unknown }>(core, 'imports.inspect', { file, kind: 'customers' });
    const result = await call<{ created: number; errorCount: number; errors: unknown[] }>(core, 'imports.run', { file, kind: 'customers', mapping: inspection.mapping });
    const t2 = performance.now();
    const cpu2 = process.cpuUsage();
    stop();
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    if (result.created !== expected.length || result.errorCount !== 0) throw new Error(`${name}: created ${result.created} of ${expected.length}, errors ${JSON.stringify(result.errors.slice(0, 3))}`);
    const { count } = await call<{ count: number }>(core, 'customers.count', {});
    if (count !== expected.length) throw new Error(`${name}: ${count} customers, expected ${expected.length}`);
    // A sample: every 9,973rd row, by its (unique) name, with its mobile and address.
    for (let i = 0; i < expected.length; i += 9_973) {
      const [customerName, contact, mobile, , , address] = expected[i]!;
      const page = await call<{ rows: { id: number; name: string }[] }>(core, 'customers.list', { q: customerName, limit: 5 });
      const hit = page.rows.find((row) => row.name === customerName);
      if (!hit) throw new Error(`${name}: row ${i} (${customerName}) not found`);
      const full = await call<{ address: string; contacts: { name: string; mobile: string }[] }>(core, 'customers.get', { id: hit.id });
      if (full.address !== address || full.contacts[0]?.name !== contact || full.contacts[0]?.mobile !== mobile) throw new Error(`${name}: row ${i} differs: ${JSON.stringify(full).slice(0, 300)}`);
    }
    const last = expected.at(-1)![0]!;
    const found = await call<{ total: number }>(core, 'search.query', { q: last });
    if (found.total < 1) throw new Error(`${name}: search finds no ${last}`);
    return { stageMs: round(t1 - t0), importMs: round(t2 - t1), readCheckMs: round(checked - t1), writeMs: round(t2 - checked), importCpuMs: cpuMs(cpu1, cpu2), readCheckCpuMs: cpuMs(cpu1, cpuChecked), writeCpuMs: cpuMs(cpuChecked, cpu2), peakRssOverBeforeMB: round((peak - rssBefore) / MiB), rssBeforeMB: round(rssBefore / MiB) };
  } finally {
    await core.shutdown();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const expected = [...bigRows(ROWS)];
const figures: Record<string, unknown> = { rows: ROWS, runs: RUNS, targetMs: TARGET_MS, loadBefore: loadavg().map((n) => round(n)) };
for (const format of ['csv', 'xlsx'] as const) {
  const built = performance.now();
  const bytes = format === 'csv' ? bigCsv(ROWS) : xlsx(bigTable(ROWS));
  log(`${format}: ${ROWS} rows, ${(bytes.length / MiB).toFixed(1)} MiB, built in ${Math.round(performance.now() - built)} ms`);
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await oneRun(`customers.${format}`, bytes, expected);
    log(`${format} run ${i + 1}: stage ${Math.round(run.stageMs)} ms, inspect + run ${Math.round(run.importMs)} ms (read and check ${Math.round(run.readCheckMs)}, write ${Math.round(run.writeMs)}; CPU ${Math.round(run.importCpuMs)} = ${Math.round(run.readCheckCpuMs)} + ${Math.round(run.writeCpuMs)}), peak RSS +${run.peakRssOverBeforeMB} MB (load ${loadavg()[0]!.toFixed(1)})`);
    runs.push(run);
  }
  figures[format] = {
    fileMB: round(bytes.length / MiB),
    medianImportMs: median(runs.map((r) => r.importMs)),
    medianImportCpuMs: median(runs.map((r) => r.importCpuMs)),
    medianStageMs: median(runs.map((r) => r.stageMs)),
    medianTotalMs: median(runs.map((r) => r.stageMs + r.importMs)),
    maxPeakRssOverBeforeMB: Math.max(...runs.map((r) => r.peakRssOverBeforeMB)),
    runs,
  };
}
figures.maxRssMB = round((process.resourceUsage().maxRSS * 1024) / MiB);
figures.loadAfter = loadavg().map((n) => round(n));
process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
