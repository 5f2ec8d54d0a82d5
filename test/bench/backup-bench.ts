// `npm run bench:backup` — backup and restore at scale, figures as JSON on stdout (progress on stderr).
//
// On a fresh temp data dir (removed at the end), seeded with N demo customers (default 100,000;
// BENCH_CUSTOMERS=N or `-- --customers N`):
//   - the database size after a checkpoint;
//   - backup throughput (`backup.create` through the dispatcher: snapshot copy, fsync, rename, read
//     back and hash) against a plain copy of the same database file + fsync on the same disk, in
//     the same run, rounds interleaved; the ratio's target is at least 0.5;
//   - verify throughput (`backup.verify`: header, unlock, extract + hash, integrity check, counts);
//   - restore time (`backup.restore` over the shop: verify, move aside, swap in, reopen);
//   - the longest stall of a customer save while a backup runs: `customers.update` in a loop
//     through the dispatcher, each save arriving as its own event (as from a window), timed from
//     when it arrived until it was answered, so time the backup holds the event loop counts too;
//     max and p99, target max under 200 ms.
import { constants, copyFileSync, fsyncSync, mkdirSync, mkdtempSync, openSync, closeSync, readdirSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Customer } from '../../shared/api/customers.ts';
import { createCore } from '../../electron/core/create-core.ts';
import { log, round, stats } from './timing.ts';

const OWNER = 'owner';
const PASSWORD = 'bench-password-4k9z';
const SESSION = 'bench';
const ROUNDS = 3;
const TARGET = { ratio: 0.5, stallMaxMs: 200 };
const CREDENTIALS = { username: OWNER, password: PASSWORD };

type Core = ReturnType<typeof createCore>;

async function call<T>(core: Core, session: string, method: string, input: unknown): Promise<T> {
  const result = await core.invoke(session, method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T; // the bench knows which method it called
}

function customerCount(): number {
  const { values } = parseArgs({ options: { customers: { type: 'string' } }, allowPositionals: true });
  const n = Number(values.customers ?? process.env.BENCH_CUSTOMERS ?? 100_000);
  if (!Number.isInteger(n) || n < 1) throw new Error(`backup-bench: --customers must be a positive integer, got ${values.customers ?? process.env.BENCH_CUSTOMERS}`);
  return n;
}

const mbPerS = (bytes: number, ms: number) => round(bytes / 1e6 / (ms / 1000));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** `cp` + fsync: copy_file_range where the kernel offers it, then the data made durable. */
function copyWithFsync(from: string, to: string): number {
  const started = performance.now();
  copyFileSync(from, to);
  const fd = openSync(to, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return performance.now() - started;
}

/** The same copy in 4 MB reads and writes through a FileHandle (how the backup writer copies), then fsync. */
async function chunkedCopyWithFsync(from: string, to: string): Promise<number> {
  const started = performance.now();
  const source = await open(from, constants.O_RDONLY);
  const target = await open(to, 'w');
  try {
    const buffer = Buffer.alloc(4 * 1024 * 1024);
    for (let offset = 0; ; ) {
      const { bytesRead } = await source.read(buffer, 0, buffer.length, offset);
      if (bytesRead === 0) break;
      await target.write(buffer, 0, bytesRead, offset);
      offset += bytesRead;
    }
    await target.sync();
  } finally {
    await source.close();
    await target.close();
  }
  return performance.now() - started;
}

async function main(): Promise<void> {
  const customers = customerCount();
  const dir = mkdtempSync(join(tmpdir(), 'clientele-backup-bench-'));
  const dataDir = join(dir, 'data');
  const stick = join(dir, 'stick');
  const copies = join(dir, 'copies');
  mkdirSync(stick);
  mkdirSync(copies);
  const core = createCore({ dataDir });
  const loadAtStart = loadavg().map((n) => round(n));
  try {
    log(`backup-bench: ${customers} customers in ${dir}`);
    await call(core, SESSION, 'setup.create', { shopName: '基准测试小店', ownerUsername: OWNER, ownerDisplayName: '店主', password: PASSWORD });
    const seedStarted = performance.now();
    const seeded = await call<{ customers: number; contacts: number }>(core, SESSION, 'system.seed', { customers, seed: 1 });
    log(`backup-bench: seeded ${seeded.customers} customers, ${seeded.contacts} contacts in ${Math.round(performance.now() - seedStarted)} ms`);

    // The first backup checkpoints the WAL into the main file: from then on the file is its full size.
    await call(core, SESSION, 'backup.create', { folder: stick });
    for (const name of readdirSync(stick)) rmSync(join(stick, name));
    const dbFile = join(dataDir, 'clientele.db');
    const dbBytes = statSync(dbFile).size;
    log(`backup-bench: clientele.db is ${(dbBytes / 1e6).toFixed(1)} MB`);

    // --- backup vs plain copy, rounds interleaved --------------------------------------------------
    const copyMs: number[] = [];
    const chunkedMs: number[] = [];
    const backupMs: number[] = [];
    const backupServiceMs: number[] = [];
    let fileBytes = 0;
    let file = '';
    for (let i = 0; i < ROUNDS; i++) {
      log(`backup-bench: round ${i + 1}/${ROUNDS}: copy, chunked copy, backup`);
      copyMs.push(copyWithFsync(dbFile, join(copies, `copy-${i}.db`)));
      chunkedMs.push(await chunkedCopyWithFsync(dbFile, join(copies, `chunked-${i}.db`)));
      for (const name of readdirSync(copies)) rmSync(join(copies, name));
      for (const name of readdirSync(stick)) rmSync(join(stick, name));
      const started = performance.now();
      const written = await call<{ file: string; bytes: number; ms: number }>(core, SESSION, 'backup.create', { folder: stick });
      backupMs.push(performance.now() - started);
      backupServiceMs.push(written.ms);
      fileBytes = written.bytes;
      file = written.file;
    }
    const copy = { ms: round(median(copyMs)), mbPerS: mbPerS(dbBytes, median(copyMs)), samplesMs: copyMs.map(round) };
    const chunkedCopy = { ms: round(median(chunkedMs)), mbPerS: mbPerS(dbBytes, median(chunkedMs)), samplesMs: chunkedMs.map(round) };
    const backupMbPerS = mbPerS(fileBytes, median(backupMs));
    const ratio = round(backupMbPerS / copy.mbPerS);

    // --- verify ----------------------------------------------------------------------------------
    log('backup-bench: verify');
    const verifyMs: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const started = performance.now();
      await call(core, SESSION, 'backup.verify', { file, credentials: CREDENTIALS });
      verifyMs.push(performance.now() - started);
    }

    // --- saves while a backup runs -----------------------------------------------------------------
    log('backup-bench: customer saves while a backup runs');
    for (const name of readdirSync(stick)) if (join(stick, name) !== file) rmSync(join(stick, name));
    const target = (await call<{ rows: { id: number }[] }>(core, SESSION, 'customers.list', { limit: 1 })).rows[0]!.id;
    let current = await call<Customer>(core, SESSION, 'customers.get', { id: target });
    const latencies: number[] = [];
    let running = true;
    const backupStarted = performance.now();
    const backingUp = call<{ ms: number }>(core, SESSION, 'backup.create', { folder: stick }).finally(() => (running = false));
    while (running) {
      const arrived = performance.now();
      await new Promise((next) => setImmediate(next)); // the save arrives as an event, like IPC
      current = await call<Customer>(core, SESSION, 'customers.update', { ...current, name: `基准客户-${current.version + 1}`, version: current.version });
      latencies.push(performance.now() - arrived);
    }
    await backingUp;
    const concurrentBackupMs = performance.now() - backupStarted;
    const sorted = [...latencies].sort((a, b) => a - b);
    const p99 = sorted[Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)] ?? Number.NaN;
    const maxStall = sorted.at(-1) ?? Number.NaN;

    // --- restore -----------------------------------------------------------------------------------
    log('backup-bench: restore over the shop');
    const restoreStarted = performance.now();
    const restored = await call<{ ms: number; movedAside: string | null }>(core, SESSION, 'backup.restore', { file, credentials: CREDENTIALS });
    const restoreMs = performance.now() - restoreStarted;
    const signInStarted = performance.now();
    await call(core, SESSION, 'auth.signIn', CREDENTIALS);
    const signInAfterRestoreMs = performance.now() - signInStarted;
    const check = await call<{ ok: boolean }>(core, SESSION, 'system.check', {});
    if (!check.ok) throw new Error('backup-bench: the restored database fails its integrity check');
    if (restored.movedAside) rmSync(restored.movedAside, { recursive: true, force: true });

    const report = {
      customers: seeded.customers,
      contacts: seeded.contacts,
      dbBytes,
      dbMB: round(dbBytes / 1e6),
      backupFileBytes: fileBytes,
      rounds: ROUNDS,
      copy: { ...copy, note: 'copyFileSync (copy_file_range, like cp) + fsync of the same database file, same disk, same run' },
      chunkedCopy: { ...chunkedCopy, note: '4 MB reads and writes through a FileHandle + fsync' },
      backup: {
        ms: round(median(backupMs)),
        serviceMs: median(backupServiceMs),
        mbPerS: backupMbPerS,
        ratioToCopy: ratio,
        ratioToChunkedCopy: round(backupMbPerS / chunkedCopy.mbPerS),
        samplesMs: backupMs.map(round),
        target: TARGET.ratio,
        ok: ratio >= TARGET.ratio,
        note: 'includes reading the written file back and comparing it byte for byte with the snapshot',
      },
      verify: { ms: round(median(verifyMs)), mbPerS: mbPerS(fileBytes, median(verifyMs)), samplesMs: verifyMs.map(round) },
      restore: { ms: round(restoreMs), serviceMs: restored.ms, signInAfterMs: round(signInAfterRestoreMs) },
      concurrentSaves: {
        saves: latencies.length,
        maxMs: round(maxStall),
        p99Ms: round(p99),
        ...stats(latencies),
        backupMs: round(concurrentBackupMs),
        targetMaxMs: TARGET.stallMaxMs,
        ok: maxStall < TARGET.stallMaxMs,
      },
      machine: { cpus: availableParallelism(), loadAtStart, loadAtEnd: loadavg().map((n) => round(n)) },
      allOk: ratio >= TARGET.ratio && maxStall < TARGET.stallMaxMs,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    log('');
    log(`database ${report.dbMB} MB; copy+fsync ${copy.mbPerS} MB/s; backup ${backupMbPerS} MB/s (ratio ${ratio}, target ≥ ${TARGET.ratio}) ${report.backup.ok ? 'ok' : 'MISSED'}`);
    log(`verify ${report.verify.mbPerS} MB/s; restore ${report.restore.ms} ms`);
    log(`saves during a backup: ${latencies.length}, max ${report.concurrentSaves.maxMs} ms, p99 ${report.concurrentSaves.p99Ms} ms (target max < ${TARGET.stallMaxMs}) ${report.concurrentSaves.ok ? 'ok' : 'MISSED'}`);
  } finally {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
