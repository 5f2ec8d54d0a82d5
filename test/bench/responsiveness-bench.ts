// `npm run bench:responsiveness` — does the door stay responsive while the core runs a long job?
// Figures as JSON on stdout (progress on stderr).
//
// The core runs in its worker thread (createCoreInWorker), as in the app and browser mode. On a
// database of N customers (default 100,000; --customers N or BENCH_CUSTOMERS), built once into a
// temp folder (or into --data DIR, kept and copied by the next runs: seeding is slow), it measures,
// while a re-key runs and then while a seed of --seed M more customers (default 20,000) runs:
//   - the door thread's event-loop delay (perf_hooks.monitorEventLoopDelay): p99 and max;
//     target max ≤ 50 ms;
//   - `customers.list` called back to back meanwhile: latency p50/p99/max; target p99 ≤ 100 ms;
//     every answer is checked (the same first page as before the job; during the seed, the list
//     of a tag the seed never uses, and a full first page);
// and that the jobs did what they say: the re-keyed file opens with the new key (and no longer
// with the old one) and holds every row; the seed added exactly M customers. `--jobs rekey` (or
// `seed`) runs one of the two; an idle loop first gives the machine's own noise (3 s, or --idle MS:
// a maximum over a minute-long job is fairly compared with an idle loop about as long).
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createCore } from '../../electron/core/create-core.ts';
import type { Core, CoreEvent } from '../../electron/core/core-types.ts';
import { keyToHex, unwrapKey } from '../../electron/core/crypto/keys.ts';
import { findUserSlot, readKeyslots } from '../../electron/core/crypto/keyslots.ts';
import { openEncrypted } from '../../electron/core/db/sqlite/open.ts';
import { databasePath } from '../../electron/core/vault.ts';
import { createCoreInWorker } from '../../electron/core/worker/core-in-worker.ts';
import { log, round } from './timing.ts';

const OWNER = 'owner';
const PASSWORD = 'bench-password-4k9z';
const SESSION = 'bench';
/** A tag the seed never gives (seed-data.ts TAGS): its list must not change while the seed runs. */
const MARK = '响应基准';
const MARKED = 20;
const TARGET = { eventLoopMaxMs: 50, listP99Ms: 100 };
const IDLE_MS = 3000;

type Page = { rows: { id: number; name: string }[]; nextCursor: string | null };

async function call<T>(core: Core, method: string, input: unknown): Promise<T> {
  const result = await core.invoke(SESSION, method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T; // the bench knows which method it called
}

function options(): { customers: number; seed: number; data: string | null; jobs: Set<string>; idleMs: number } {
  const { values } = parseArgs({
    options: { customers: { type: 'string' }, seed: { type: 'string' }, data: { type: 'string' }, jobs: { type: 'string' }, idle: { type: 'string' } },
    allowPositionals: true,
  });
  const number = (value: string | undefined, fallback: number, name: string) => {
    const n = Number(value ?? fallback);
    if (!Number.isInteger(n) || n < 1) throw new Error(`bench: --${name} must be a positive integer, got ${value}`);
    return n;
  };
  return {
    customers: number(values.customers ?? process.env.BENCH_CUSTOMERS, 100_000, 'customers'),
    seed: number(values.seed, 20_000, 'seed'),
    data: values.data ? resolve(values.data) : null,
    jobs: new Set((values.jobs ?? 'rekey,seed').split(',')),
    idleMs: number(values.idle, IDLE_MS, 'idle'),
  };
}

/** Set-up, N seeded customers and MARKED customers with the tag, through an in-process core. */
async function build(dataDir: string, customers: number): Promise<void> {
  const core = createCore({ dataDir });
  try {
    await call(core, 'setup.create', { shopName: '响应测试小店', ownerUsername: OWNER, ownerDisplayName: '店主', password: PASSWORD });
    const started = performance.now();
    await call(core, 'system.seed', { customers, seed: 1 });
    log(`bench: seeded ${customers} customers in ${Math.round(performance.now() - started)} ms`);
    for (let i = 0; i < MARKED; i++) await call(core, 'customers.create', { name: `基准客户 ${String(i).padStart(2, '0')}`, tags: [MARK] });
  } finally {
    core.close();
  }
}

async function databaseKey(dataDir: string): Promise<string> {
  const slot = findUserSlot(readKeyslots(dataDir), OWNER);
  const key = slot && (await unwrapKey(slot, PASSWORD)); // test tool only: unwraps as sign-in does
  if (!key) throw new Error('bench: cannot unwrap the database key with the owner password');
  return keyToHex(key);
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

/**
 * Runs `job` in the core while this thread calls `customers.list` back to back (each answer
 * checked by `check`), with the event-loop delay monitored. Returns the figures.
 */
async function measure(core: Core, job: () => Promise<unknown>, queries: { input: unknown; check: (page: Page) => void }[]) {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  const latencies: number[] = [];
  let finished = false;
  histogram.enable();
  const started = performance.now();
  const doorCpu = process.threadCpuUsage(); // this thread's own work: a stall it did not spend is the machine's
  const running = job().finally(() => (finished = true));
  let turn = 0;
  while (!finished) {
    const query = queries[turn++ % queries.length]!; // turn modulo the length
    const sent = performance.now();
    const page = await call<Page>(core, 'customers.list', query.input);
    latencies.push(performance.now() - sent);
    query.check(page);
  }
  await running;
  const jobMs = performance.now() - started;
  const doorCpuUsed = process.threadCpuUsage(doorCpu);
  histogram.disable();
  const sorted = latencies.sort((a, b) => a - b);
  const ms = (ns: number) => round(ns / 1e6);
  const eventLoop = {
    p50Ms: ms(histogram.percentile(50)),
    p99Ms: ms(histogram.percentile(99)),
    maxMs: ms(histogram.max),
    targetMaxMs: TARGET.eventLoopMaxMs,
    /** The door thread's CPU time over the wall time: how much of it the door itself was working. */
    doorCpuShare: round((doorCpuUsed.user + doorCpuUsed.system) / 1000 / jobMs),
  };
  const list = { calls: sorted.length, p50Ms: round(percentile(sorted, 0.5)), p99Ms: round(percentile(sorted, 0.99)), maxMs: round(sorted.at(-1) ?? Number.NaN), targetP99Ms: TARGET.listP99Ms };
  return { jobMs: Math.round(jobMs), eventLoop, list, ok: eventLoop.maxMs <= TARGET.eventLoopMaxMs && list.p99Ms <= TARGET.listP99Ms };
}

function same(expected: unknown, label: string): (page: Page) => void {
  const wanted = JSON.stringify(expected);
  return (page) => {
    if (JSON.stringify(page) !== wanted) throw new Error(`bench: ${label} answered differently during the job`);
  };
}

async function main(): Promise<void> {
  const settings = options();
  const scratch = mkdtempSync(join(tmpdir(), 'clientele-responsive-'));
  // The data is built once (kept in --data DIR for the next runs) and each run works on a copy.
  const template = settings.data ?? join(scratch, 'template');
  const dataDir = join(scratch, 'data');
  const loadAtStart = loadavg().map((n) => round(n));
  let core: Core | null = null;
  try {
    if (!existsSync(join(template, 'keyslots.json'))) {
      log(`bench: building ${settings.customers} customers in ${template} (once)...`);
      await build(template, settings.customers);
    } else log(`bench: reusing ${template}`);
    cpSync(template, dataDir, { recursive: true });

    core = createCoreInWorker({ dataDir });
    const started = performance.now();
    await call(core, 'auth.signIn', { username: OWNER, password: PASSWORD });
    log(`bench: worker core up and signed in in ${Math.round(performance.now() - started)} ms`);
    const firstPageInput = { sort: 'name', limit: 50 };
    const markedInput = { tag: MARK, sort: 'name', limit: 50 };
    const { count: customersBefore } = await call<{ count: number }>(core, 'customers.count', {});
    const firstPage = await call<Page>(core, 'customers.list', firstPageInput);
    const marked = await call<Page>(core, 'customers.list', markedInput);
    if (marked.rows.length !== MARKED) throw new Error(`bench: the tag ${MARK} lists ${marked.rows.length} customers, not ${MARKED}`);
    for (let i = 0; i < 50; i++) await call(core, 'customers.list', firstPageInput); // warm

    // The same loop with no job: the machine's own noise, to read the figures against.
    const idle = await measure(
      core,
      async () => {
        const until = performance.now() + settings.idleMs;
        while (performance.now() < until) await new Promise((done) => setTimeout(done, 20));
      },
      [{ input: firstPageInput, check: same(firstPage, 'the first page') }],
    );

    let rekey = null;
    let rekeyChecks = null;
    if (settings.jobs.has('rekey')) {
      log('bench: re-key...');
      const oldKey = await databaseKey(dataDir);
      const progress: CoreEvent[] = [];
      const stop = core.onEvent(SESSION, (event) => progress.push(event));
      rekey = await measure(core, () => call(core!, 'system.rekey', {}), [
        { input: firstPageInput, check: same(firstPage, 'the first page') },
        { input: markedInput, check: same(marked, `the list of tag ${MARK}`) },
      ]);
      stop();
      const newKey = await databaseKey(dataDir);
      const file = openEncrypted(databasePath(dataDir), newKey);
      const rowsAfterRekey = file.prepare('SELECT count(*) FROM customers WHERE deleted_at IS NULL').pluck().get() as number;
      file.close();
      let oldKeyRefused = false;
      try {
        openEncrypted(databasePath(dataDir), oldKey).close();
      } catch {
        oldKeyRefused = true;
      }
      rekeyChecks = { newKeyDiffers: newKey !== oldKey, opensWithNewKey: rowsAfterRekey === customersBefore, oldKeyRefused, progressEvents: progress.filter((event) => event.job === 'rekey').length };
      log(`bench: re-key ${rekey.jobMs} ms; ${JSON.stringify(rekeyChecks)}`);
    }
    let seed = null;
    let seedChecks = null;
    if (settings.jobs.has('seed')) {
      log(`bench: seed of ${settings.seed} more...`);
      seed = await measure(core, () => call(core!, 'system.seed', { customers: settings.seed, seed: 2 }), [
        {
          input: firstPageInput,
          check: (page) => {
            if (page.rows.length !== 50) throw new Error('bench: the first page lost rows during the seed');
          },
        },
        { input: markedInput, check: same(marked, `the list of tag ${MARK}`) },
      ]);
      const { count: customersAfter } = await call<{ count: number }>(core, 'customers.count', {});
      seedChecks = { added: customersAfter - customersBefore, expected: settings.seed };
      log(`bench: seed ${seed.jobMs} ms; ${JSON.stringify(seedChecks)}`);
    }

    const checksOk =
      (!rekeyChecks || (rekeyChecks.newKeyDiffers && rekeyChecks.opensWithNewKey && rekeyChecks.oldKeyRefused)) && (!seedChecks || seedChecks.added === seedChecks.expected);
    const report = {
      customers: customersBefore,
      machine: { cpus: availableParallelism(), loadAtStart, loadAtEnd: loadavg().map((n) => round(n)) },
      idle,
      rekey: rekey && { ...rekey, checks: rekeyChecks },
      seed: seed && { ...seed, customers: settings.seed, checks: seedChecks },
      allOk: (rekey?.ok ?? true) && (seed?.ok ?? true) && checksOk,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    core?.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
