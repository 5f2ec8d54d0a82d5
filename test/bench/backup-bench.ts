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
// With `-- --attachments-gb G` the database first takes G GB of attachments: distinct
// incompressible files of 10 MB (AES-CTR), streamed into the core as a door streams them
// (Core.upload) and kept with customers by `attachments.add`. The backup's figure then counts only if the backup holds them: the manifest's
// counts, and after the restore every file read back with its SHA-256 equal to the original's
// (`attachments.verify` too, once built).
import { createCipheriv, createHash } from 'node:crypto';
import { constants, copyFileSync, fsyncSync, mkdirSync, mkdtempSync, openSync, closeSync, readdirSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Attachment } from '../../shared/api/attachments.ts';
import type { Customer } from '../../shared/api/customers.ts';
import type { Download } from '../../shared/api/files.ts';
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

function options(): { customers: number; attachmentBytes: number } {
  const { values } = parseArgs({ options: { customers: { type: 'string' }, 'attachments-gb': { type: 'string', default: '0' } }, allowPositionals: true });
  const n = Number(values.customers ?? process.env.BENCH_CUSTOMERS ?? 100_000);
  if (!Number.isInteger(n) || n < 1) throw new Error(`backup-bench: --customers must be a positive integer, got ${values.customers ?? process.env.BENCH_CUSTOMERS}`);
  const gb = Number(values['attachments-gb']);
  if (!(gb >= 0 && gb <= 20)) throw new Error(`backup-bench: --attachments-gb must be a number from 0 to 20, got ${values['attachments-gb']}`);
  return { customers: n, attachmentBytes: Math.round(gb * 1e9) };
}

/** Each attachment's size: 100 of them make a GB. */
const ATTACHMENT_BYTES = 10 * 1e6;
const PIECE = 256 * 1024;

/** `bytes` of AES-CTR output (incompressible, distinct per `index`), a piece at a time, hashed into `hash` on the way. */
async function* pseudoRandom(bytes: number, index: number, hash: ReturnType<typeof createHash>): AsyncGenerator<Uint8Array> {
  const key = createHash('sha256').update(`backup-bench-attachment-${index}`).digest().subarray(0, 16);
  const cipher = createCipheriv('aes-128-ctr', key, Buffer.alloc(16, 0));
  const zeros = Buffer.alloc(PIECE);
  for (let sent = 0; sent < bytes; ) {
    const piece = cipher.update(zeros.subarray(0, Math.min(PIECE, bytes - sent)));
    hash.update(piece);
    sent += piece.length;
    yield piece;
  }
}

/** A file in the database: how to read it back, and what it must hash to. */
type Stored = { attachment: Attachment; sha256: string; size: number };

/**
 * Fills the database with `total` bytes of attachments, 10 MB each, spread over the first
 * customers. Answers what was stored, and whether attachments.add was there to keep them.
 */
async function addAttachments(core: Core, total: number): Promise<Stored[]> {
  const owners = (await call<{ rows: { id: number }[] }>(core, SESSION, 'customers.list', { limit: 100 })).rows.map((row) => row.id);
  const stored: Stored[] = [];
  const count = Math.ceil(total / ATTACHMENT_BYTES);
  for (let i = 0; i < count; i++) {
    const size = Math.min(ATTACHMENT_BYTES, total - i * ATTACHMENT_BYTES);
    const hash = createHash('sha256');
    const staged = await core.upload(SESSION, 'attachment', { name: `附件-${i}.bin`, declaredSize: size, chunks: pseudoRandom(size, i, hash) });
    if (!staged.ok) throw new Error(`upload failed: ${staged.error.code} ${staged.error.message}`);
    const sha256 = hash.digest('hex');
    if (staged.value.sha256 !== sha256 || staged.value.size !== size) throw new Error(`backup-bench: attachment ${i} staged as ${staged.value.size} bytes, ${staged.value.sha256}; sent ${size}, ${sha256}`);
    const attachment = await call<Attachment>(core, SESSION, 'attachments.add', { owner: { kind: 'customer', id: owners[i % owners.length]! }, file: { upload: staged.value.upload } });
    stored.push({ attachment, sha256, size });
    if ((i + 1) % 10 === 0) log(`backup-bench: ${i + 1}/${count} attachments stored`);
  }
  return stored;
}

/** Reads every stored file back through the door and checks its bytes; answers the bytes read. */
async function checkAttachments(core: Core, stored: readonly Stored[]): Promise<number> {
  let bytes = 0;
  for (const [i, file] of stored.entries()) {
    const download = await call<Download>(core, SESSION, 'attachments.preview', { id: file.attachment.id });
    const opened = await core.download(SESSION, download.download);
    if (!opened.ok) throw new Error(`download failed: ${opened.error.code} ${opened.error.message}`);
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of opened.value.chunks) {
      hash.update(chunk);
      size += chunk.byteLength;
    }
    const sha256 = hash.digest('hex');
    if (size !== file.size || sha256 !== file.sha256) throw new Error(`backup-bench: attachment ${i} reads back as ${size} bytes, ${sha256}; it was ${file.size}, ${file.sha256}`);
    bytes += size;
  }
  return bytes;
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
  const { customers, attachmentBytes } = options();
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
    let files: { stored: Stored[]; ms: number; before: Record<string, number> } | null = null;
    if (attachmentBytes > 0) {
      // What the seed stored already (its own small attachments, once it makes them).
      const before = (await call<{ counts: Record<string, number> }>(core, SESSION, 'system.status', {})).counts;
      log(`backup-bench: adding ${(attachmentBytes / 1e9).toFixed(2)} GB of attachments (${ATTACHMENT_BYTES / 1e6} MB each)`);
      const started = performance.now();
      files = { stored: await addAttachments(core, attachmentBytes), ms: 0, before };
      files.ms = Math.round(performance.now() - started);
      log(`backup-bench: ${files.stored.length} files stored in ${files.ms} ms`);
    }

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
    let backupCounts: Record<string, number> = {};
    for (let i = 0; i < ROUNDS; i++) {
      log(`backup-bench: round ${i + 1}/${ROUNDS}: copy, chunked copy, backup`);
      copyMs.push(copyWithFsync(dbFile, join(copies, `copy-${i}.db`)));
      chunkedMs.push(await chunkedCopyWithFsync(dbFile, join(copies, `chunked-${i}.db`)));
      for (const name of readdirSync(copies)) rmSync(join(copies, name));
      for (const name of readdirSync(stick)) rmSync(join(stick, name));
      const started = performance.now();
      const written = await call<{ file: string; bytes: number; ms: number; counts: Record<string, number> }>(core, SESSION, 'backup.create', { folder: stick });
      backupMs.push(performance.now() - started);
      backupServiceMs.push(written.ms);
      fileBytes = written.bytes;
      file = written.file;
      backupCounts = written.counts;
    }
    const copy = { ms: round(median(copyMs)), mbPerS: mbPerS(dbBytes, median(copyMs)), samplesMs: copyMs.map(round) };
    const chunkedCopy = { ms: round(median(chunkedMs)), mbPerS: mbPerS(dbBytes, median(chunkedMs)), samplesMs: chunkedMs.map(round) };
    const backupMbPerS = mbPerS(fileBytes, median(backupMs));
    const ratio = round(backupMbPerS / copy.mbPerS);

    // --- verify ----------------------------------------------------------------------------------
    log('backup-bench: verify');
    const verifyMs: number[] = [];
    let manifestCounts: Record<string, number> = {};
    for (let i = 0; i < ROUNDS; i++) {
      const started = performance.now();
      const verified = await call<{ manifest: { counts: Record<string, number> } }>(core, SESSION, 'backup.verify', { file, credentials: CREDENTIALS });
      verifyMs.push(performance.now() - started);
      manifestCounts = verified.manifest.counts;
    }
    // The manifest must count what the database holds (the attachments once they are kept as such).
    if (files && manifestCounts.attachments !== (files.before.attachments ?? 0) + files.stored.length) {
      throw new Error(`backup-bench: the backup's manifest counts ${manifestCounts.attachments} attachments; ${files.before.attachments ?? 0} + ${files.stored.length} were there`);
    }
    if (files && manifestCounts.blobs !== (files.before.blobs ?? 0) + files.stored.length) {
      throw new Error(`backup-bench: the backup's manifest counts ${manifestCounts.blobs} stored files; ${files.before.blobs ?? 0} + ${files.stored.length} distinct ones were there`);
    }
    if (manifestCounts.customers !== seeded.customers) throw new Error(`backup-bench: the backup's manifest counts ${manifestCounts.customers} customers, not ${seeded.customers}`);

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
    // Right, not only fast: every file comes back from the restored database byte for byte.
    let restoredFiles = null;
    if (files) {
      log(`backup-bench: reading the ${files.stored.length} files back from the restored database`);
      const started = performance.now();
      const bytes = await checkAttachments(core, files.stored);
      const readMs = performance.now() - started;
      const verified = await call<{ checked: number; damaged: unknown[] }>(core, SESSION, 'attachments.verify', {});
      if (verified.damaged.length > 0 || verified.checked < files.stored.length) {
        throw new Error(`backup-bench: attachments.verify after the restore checked ${verified.checked}, found ${verified.damaged.length} damaged`);
      }
      restoredFiles = { files: files.stored.length, bytes, sha256Equal: true, readMbPerS: mbPerS(bytes, readMs), attachmentsVerify: { checked: verified.checked, damaged: verified.damaged.length } };
    }

    const report = {
      customers: seeded.customers,
      contacts: seeded.contacts,
      dbBytes,
      dbMB: round(dbBytes / 1e6),
      ...(files
        ? {
            attachments: {
              files: files.stored.length,
              bytes: files.stored.reduce((sum, f) => sum + f.size, 0),
              addMs: files.ms,
              manifestCounts,
              backupCounts,
              afterRestore: restoredFiles,
            },
          }
        : {}),
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
