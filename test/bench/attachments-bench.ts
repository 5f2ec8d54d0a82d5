// `npm run bench:attachments` — attaching a large file and reading it back, figures as JSON on
// stdout (progress and a one-line summary on stderr).
//
// On a fresh temp data dir (removed at the end), for each of N runs (default 3; `-- --runs N`) with
// a new file of M MB (default 100; `-- --mb M`) of incompressible bytes (AES-CTR, distinct per run,
// so no run finds the previous one's blob already stored):
//   - the floor: copyFileSync (copy_file_range, as `cp` does) of that file to the same disk + fsync;
//   - the path door (the Electron app and the CLI): a child process holding the core in its worker
//     thread (createCoreInWorker, as the Electron main and `clientele serve` do) stages the file from
//     its path (Core.upload with { path }) and keeps it with a customer (`attachments.add`); MB/s,
//     the ratio to the floor (target ≥ 0.5×), and the child's peak RSS over its idle RSS (target
//     ≤ 64 MB), from /proc/<pid>/status with the peak (VmHWM) reset through clear_refs first;
//   - reading it back: `attachments.saveCopy`, the child streams the download to a file and fsyncs
//     it (as the CLI's --out does); MB/s and peak RSS; the file's SHA-256 must equal the original's;
//   - browser mode's door (skip with `-- --skip-browser`): `clientele serve` as a child, the file
//     streamed to POST /api/upload, `attachments.add`, then downloaded from /api/download/<id> and
//     hashed; the server's peak RSS over idle.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createCipheriv, createHash } from 'node:crypto';
import { closeSync, copyFileSync, createReadStream, fsyncSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import type { Attachment } from '../../shared/api/attachments.ts';
import type { Download, Upload } from '../../shared/api/files.ts';
import type { Result } from '../../shared/errors.ts';
import { createCoreInWorker } from '../../electron/core/worker/core-in-worker.ts';
import { log, round } from './timing.ts';

const OWNER = 'owner';
const PASSWORD = 'bench-password-4k9z';
const SESSION = 'bench';
const TARGET = { ratio: 0.5, peakOverIdleMB: 64 };
const MiB = 1024 * 1024;
const BIN = resolve(import.meta.dirname, '../../electron/cli/bin.mjs');

// --- the child: the process holding the core, as the Electron main does ------------------------

type ChildOp = { op: 'invoke'; method: string; input: unknown } | { op: 'upload'; path: string } | { op: 'save'; download: string; out: string } | { op: 'exit' };
type ChildRequest = ChildOp & { id: number };
type ChildAnswer = { id: number; result: Result<unknown>; ms: number };

async function child(dataDir: string): Promise<void> {
  const core = createCoreInWorker({ dataDir, longRunning: true });
  const answer = (message: ChildAnswer) => process.send!(message); // forked: the IPC channel is there
  process.on('message', async (request: ChildRequest) => {
    const started = performance.now();
    const done = (result: Result<unknown>) => answer({ id: request.id, result, ms: performance.now() - started });
    try {
      switch (request.op) {
        case 'invoke':
          done(await core.invoke(SESSION, request.method, request.input));
          return;
        case 'upload':
          done(await core.upload(SESSION, 'attachment', { path: request.path }));
          return;
        case 'save': {
          // As the CLI saves a download (electron/cli/files.ts): a chunk at a time, then fsync.
          const result = await core.download(SESSION, request.download);
          if (!result.ok) return done(result);
          const handle = await open(request.out, 'w', 0o600);
          let size = 0;
          try {
            for await (const chunk of result.value.chunks) {
              for (let at = 0; at < chunk.byteLength; ) at += (await handle.write(chunk, at)).bytesWritten;
              size += chunk.byteLength;
            }
            await handle.sync();
          } finally {
            await handle.close();
          }
          done({ ok: true, value: { size } });
          return;
        }
        case 'exit':
          await core.shutdown();
          done({ ok: true, value: null });
          process.disconnect();
          return;
      }
    } catch (error) {
      done({ ok: false, error: { code: 'INTERNAL', message: `bench child: ${(error as Error).message}` } } as Result<unknown>); // the bench reads only code and message
    }
  });
}

// --- the parent ------------------------------------------------------------------------------

type Child = {
  pid: number;
  request<T>(op: ChildOp): Promise<{ value: T; ms: number }>;
  /** The raw answer (for a method that may not be built yet). */
  raw(op: ChildOp): Promise<ChildAnswer>;
  exited: Promise<void>;
};

function startChild(dataDir: string): Child {
  const process_ = fork(import.meta.filename, ['--child', dataDir], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, (answer: ChildAnswer) => void>();
  let next = 1;
  process_.on('message', (answer: ChildAnswer) => {
    pending.get(answer.id)?.(answer);
    pending.delete(answer.id);
  });
  const exited = new Promise<void>((done) => process_.on('exit', () => done()));
  const raw = (op: ChildOp) =>
    new Promise<ChildAnswer>((done) => {
      const id = next++;
      pending.set(id, done);
      process_.send({ ...op, id });
    });
  return {
    pid: process_.pid!, // forked just above
    raw,
    exited,
    async request<T>(op: ChildOp) {
      const answer = await raw(op);
      if (!answer.result.ok) throw new Error(`bench child ${op.op} ${'method' in op ? String(op.method) : ''}: ${answer.result.error.code} ${answer.result.error.message}`);
      return { value: answer.result.value as T, ms: answer.ms }; // the bench knows what it asked for
    },
  };
}

/** Bytes of /proc/<pid>/status's VmRSS and VmHWM. */
function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

/** Resets the kernel's peak (VmHWM) to the current RSS (Linux 4.0+: `5` in clear_refs). */
function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

/** Writes `bytes` of AES-CTR output (incompressible, distinct per `run`) to `path`, fsynced; answers its SHA-256. */
function makeFile(path: string, bytes: number, run: number): string {
  const key = createHash('sha256').update(`attachments-bench-${run}`).digest().subarray(0, 16);
  const cipher = createCipheriv('aes-128-ctr', key, Buffer.alloc(16, 0));
  const zeros = Buffer.alloc(MiB);
  const hash = createHash('sha256');
  const fd = openSync(path, 'w');
  try {
    for (let written = 0; written < bytes; ) {
      const piece = cipher.update(zeros.subarray(0, Math.min(MiB, bytes - written)));
      hash.update(piece);
      for (let at = 0; at < piece.length; ) at += writeSync(fd, piece, at);
      written += piece.length;
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: MiB })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

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

const mbPerS = (bytes: number, ms: number) => round(bytes / 1e6 / (ms / 1000));
const mb = (bytes: number) => round(bytes / MiB);
const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

type Run = {
  floorMs: number;
  attachMs: number;
  stageMs: number;
  addMs: number;
  attachPeakOverIdle: number;
  readMs: number;
  readPeakOverIdle: number;
  idleRss: number;
  sha256Ok: boolean;
};

/** The path door: the child stages the file from its path, keeps it, saves a copy. */
async function pathRun(core: Child, ownerId: number, file: string, sha256: string, bytes: number, dir: string): Promise<Run> {
  const floorMs = copyWithFsync(file, join(dir, 'copy.bin'));
  rmSync(join(dir, 'copy.bin'));

  const idleRss = memoryOf(core.pid).rss;
  resetPeak(core.pid);
  const started = performance.now();
  const staged = await core.request<Upload>({ op: 'upload', path: file });
  const added = await core.request<Attachment>({ op: 'invoke', method: 'attachments.add', input: { owner: { kind: 'customer', id: ownerId }, file: { upload: staged.value.upload } } });
  const attachMs = performance.now() - started;
  const attachPeakOverIdle = memoryOf(core.pid).hwm - idleRss;
  const attachment = added.value;
  if (staged.value.size !== bytes || staged.value.sha256 !== sha256) throw new Error(`bench: staged ${staged.value.size} bytes with SHA-256 ${staged.value.sha256}, the file has ${bytes} and ${sha256}`);
  if ((attachment.size !== bytes || attachment.sha256 !== sha256)) throw new Error(`bench: attachments.add answers ${attachment.size} bytes, ${attachment.sha256}`);

  const out = join(dir, 'read-back.bin');
  resetPeak(core.pid);
  const readStarted = performance.now();
  const download = await core.request<Download>({ op: 'invoke', method: 'attachments.saveCopy', input: { id: attachment.id } });
  const saved = await core.request<{ size: number }>({ op: 'save', download: download.value.download, out });
  const readMs = performance.now() - readStarted;
  const readPeakOverIdle = memoryOf(core.pid).hwm - idleRss;
  const readSha = await sha256Of(out);
  rmSync(out);
  if (saved.value.size !== bytes || readSha !== sha256) throw new Error(`bench: read back ${saved.value.size} bytes with SHA-256 ${readSha}; the original has ${bytes} and ${sha256}`);
  return { floorMs, attachMs, stageMs: staged.ms, addMs: added.ms, attachPeakOverIdle, readMs, readPeakOverIdle, idleRss, sha256Ok: true };
}

type Server = { child: ChildProcess; origin: string; token: string; cookie: string };

async function startServer(dataDir: string): Promise<Server> {
  const child = spawn(process.execPath, [BIN, 'serve', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((found, failed) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /(http:\/\/127\.0\.0\.1:\d+)\/#token=([\w-]+)/.exec(line);
      if (match) found(match[0]);
    });
    child.on('exit', (code) => failed(new Error(`clientele serve exited (${code}) before printing its URL`)));
  });
  const [, origin, token] = /(http:\/\/127\.0\.0\.1:\d+)\/#token=([\w-]+)/.exec(url)!; // matched above
  return { child, origin: origin!, token: token!, cookie: '' };
}

async function serverCall<T>(server: Server, method: string, input: unknown): Promise<Result<T>> {
  const response = await fetch(`${server.origin}/api/invoke`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json', ...(server.cookie ? { cookie: server.cookie } : {}) },
    body: JSON.stringify({ method, input }),
  });
  const given = response.headers.get('set-cookie');
  if (given) server.cookie = given.split(';')[0]!; // name=value, before the attributes
  return (await response.json()) as Result<T>;
}

async function serverValue<T>(server: Server, method: string, input: unknown): Promise<T> {
  const result = await serverCall<T>(server, method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** Browser mode's door: the page streams the file up, adds it, downloads it (hashed, as a preview would show it). */
async function browserRun(server: Server, ownerId: number, file: string, sha256: string, bytes: number, dir: string): Promise<Run> {
  const pid = server.child.pid!; // spawned
  const floorMs = copyWithFsync(file, join(dir, 'copy.bin'));
  rmSync(join(dir, 'copy.bin'));

  const idleRss = memoryOf(pid).rss;
  resetPeak(pid);
  const started = performance.now();
  const response = await fetch(`${server.origin}/api/upload?purpose=attachment&name=${encodeURIComponent('bench.bin')}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, cookie: server.cookie, 'content-type': 'application/octet-stream' },
    body: Readable.toWeb(createReadStream(file, { highWaterMark: 256 * 1024 })),
    duplex: 'half',
  } as RequestInit); // duplex is not in the DOM's RequestInit type yet
  const staged = (await response.json()) as Result<Upload>;
  if (!staged.ok) throw new Error(`upload: ${staged.error.code} ${staged.error.message}`);
  const stageMs = performance.now() - started;
  const addStarted = performance.now();
  const attachment = await serverValue<Attachment>(server, 'attachments.add', { owner: { kind: 'customer', id: ownerId }, file: { upload: staged.value.upload } });
  const addMs = performance.now() - addStarted;
  const attachMs = performance.now() - started;
  const attachPeakOverIdle = memoryOf(pid).hwm - idleRss;
  if (staged.value.size !== bytes || staged.value.sha256 !== sha256) throw new Error(`bench: browser mode staged ${staged.value.size} bytes, ${staged.value.sha256}`);

  resetPeak(pid);
  const readStarted = performance.now();
  const download = await serverValue<Download>(server, 'attachments.saveCopy', { id: attachment.id });
  const got = await fetch(`${server.origin}/api/download/${download.download}?token=${server.token}`, { headers: { cookie: server.cookie } });
  if (got.status !== 200) throw new Error(`bench: download answered ${got.status}`);
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of got.body as unknown as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    size += chunk.byteLength;
  }
  const readMs = performance.now() - readStarted;
  const readPeakOverIdle = memoryOf(pid).hwm - idleRss;
  const readSha = hash.digest('hex');
  if (size !== bytes || readSha !== sha256) throw new Error(`bench: browser mode read back ${size} bytes with SHA-256 ${readSha}; the original has ${bytes} and ${sha256}`);
  return { floorMs, attachMs, stageMs, addMs, attachPeakOverIdle, readMs, readPeakOverIdle, idleRss, sha256Ok: true };
}

function summarise(runs: Run[], bytes: number) {
  const floorMs = median(runs.map((r) => r.floorMs));
  const attachMs = median(runs.map((r) => r.attachMs));
  const readMs = median(runs.map((r) => r.readMs));
  const floorMbPerS = mbPerS(bytes, floorMs);
  const attachMbPerS = mbPerS(bytes, attachMs);
  const ratio = round(attachMbPerS / floorMbPerS);
  const attachPeak = Math.max(...runs.map((r) => r.attachPeakOverIdle));
  const readPeak = Math.max(...runs.map((r) => r.readPeakOverIdle));
  const peakOk = Math.max(attachPeak, readPeak) <= TARGET.peakOverIdleMB * MiB;
  return {
    floor: { ms: round(floorMs), mbPerS: floorMbPerS, samplesMs: runs.map((r) => round(r.floorMs)), note: 'copyFileSync (copy_file_range, like cp) of the same file to the same disk + fsync' },
    attach: {
      ms: round(attachMs),
      mbPerS: attachMbPerS,
      ratioToFloor: ratio,
      target: TARGET.ratio,
      ok: ratio >= TARGET.ratio,
      samplesMs: runs.map((r) => round(r.attachMs)),
      stageMs: runs.map((r) => round(r.stageMs)),
      addMs: runs.map((r) => round(r.addMs)),
    },
    read: { ms: round(readMs), mbPerS: mbPerS(bytes, readMs), ratioToFloor: round(mbPerS(bytes, readMs) / floorMbPerS), samplesMs: runs.map((r) => round(r.readMs)), sha256Ok: runs.every((r) => r.sha256Ok) },
    memory: {
      idleRssMB: runs.map((r) => mb(r.idleRss)),
      attachPeakOverIdleMB: runs.map((r) => mb(r.attachPeakOverIdle)),
      readPeakOverIdleMB: runs.map((r) => mb(r.readPeakOverIdle)),
      maxPeakOverIdleMB: mb(Math.max(attachPeak, readPeak)),
      targetMB: TARGET.peakOverIdleMB,
      ok: peakOk,
    },
    ok: ratio >= TARGET.ratio && peakOk,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { mb: { type: 'string', default: '100' }, runs: { type: 'string', default: '3' }, 'skip-browser': { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const fileMb = Number(values.mb);
  const runs = Number(values.runs);
  if (!(fileMb > 0 && fileMb <= 500)) throw new Error(`attachments-bench: --mb must be in (0, 500], got ${values.mb}`);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`attachments-bench: --runs must be a positive integer, got ${values.runs}`);
  const bytes = Math.round(fileMb * 1e6);
  const dir = mkdtempSync(join(tmpdir(), 'clientele-attachments-bench-'));
  const dataDir = join(dir, 'data');
  const files = join(dir, 'files');
  mkdirSync(files);
  const loadAtStart = loadavg().map((n) => round(n));
  let core: Child | null = null;
  let server: Server | null = null;
  try {
    log(`attachments-bench: ${runs} run(s) of a ${fileMb} MB file in ${dir}`);
    core = startChild(dataDir);
    await core.request({ op: 'invoke', method: 'setup.create', input: { shopName: '基准测试小店', ownerUsername: OWNER, ownerDisplayName: '店主', password: PASSWORD } });
    await core.request({ op: 'invoke', method: 'system.seed', input: { customers: 5, seed: 1 } });
    const owner = (await core.request<{ rows: { id: number }[] }>({ op: 'invoke', method: 'customers.list', input: { limit: 1 } })).value.rows[0]!.id;

    // Warm-up: every path once (modules load, caches settle) before the idle figure is taken.
    const warm = join(files, 'warm.bin');
    const warmSha = makeFile(warm, 3 * MiB + 5, -1);
    await pathRun(core, owner, warm, warmSha, 3 * MiB + 5, dir);

    const pathRuns: Run[] = [];
    for (let i = 0; i < runs; i++) {
      log(`attachments-bench: path door, run ${i + 1}/${runs}: cp + fsync, attach, read back`);
      const file = join(files, `file-${i}.bin`);
      const sha256 = makeFile(file, bytes, i);
      pathRuns.push(await pathRun(core, owner, file, sha256, bytes, dir));
      rmSync(file);
    }
    await core.request({ op: 'exit' });
    await core.exited;
    core = null;

    let browser = null;
    if (!values['skip-browser']) {
      server = await startServer(dataDir);
      await serverValue(server, 'auth.signIn', { username: OWNER, password: PASSWORD });
      const warmSha2 = makeFile(warm, 3 * MiB + 5, -2);
      await browserRun(server, owner, warm, warmSha2, 3 * MiB + 5, dir);
      const browserRuns: Run[] = [];
      for (let i = 0; i < runs; i++) {
        log(`attachments-bench: browser mode, run ${i + 1}/${runs}: cp + fsync, upload + attach, download`);
        const file = join(files, `browser-${i}.bin`);
        const sha256 = makeFile(file, bytes, runs + i);
        browserRuns.push(await browserRun(server, owner, file, sha256, bytes, dir));
        rmSync(file);
      }
      browser = summarise(browserRuns, bytes);
    }

    const path = summarise(pathRuns, bytes);
    const report = {
      fileBytes: bytes,
      fileMB: round(bytes / 1e6),
      runs,
      pathDoor: { ...path, note: 'a child process holding the core in its worker thread (as the Electron main); Core.upload({ path }) then the method; read back streamed to a file + fsync' },
      ...(browser ? { browserMode: { ...browser, note: 'clientele serve: POST /api/upload streamed from the file, then the method; read back from /api/download/<id>, hashed by the client' } } : {}),
      machine: { cpus: availableParallelism(), loadAtStart, loadAtEnd: loadavg().map((n) => round(n)) },
      allOk: path.ok && (browser?.ok ?? true),
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    const line = (name: string, s: ReturnType<typeof summarise>) =>
      `${name}: attach ${s.attach.mbPerS} MB/s vs cp+fsync ${s.floor.mbPerS} MB/s (ratio ${s.attach.ratioToFloor}, target ≥ ${TARGET.ratio}); peak RSS +${s.memory.maxPeakOverIdleMB} MB over idle (target ≤ ${TARGET.peakOverIdleMB}); read back ${s.read.mbPerS} MB/s, SHA-256 ${s.read.sha256Ok ? 'equal' : 'DIFFERENT'} — ${s.ok ? 'ok' : 'MISSED'}`;
    log('');
    log(`${report.fileMB} MB × ${runs} (medians; peak RSS the largest):`);
    log(line('path door', path));
    if (browser) log(line('browser mode', browser));
  } finally {
    if (core) {
      await core.raw({ op: 'exit' }).catch(() => undefined);
      await core.exited;
    }
    if (server) {
      server.child.kill('SIGTERM');
      await new Promise((done) => (server!.child.exitCode !== null ? done(null) : server!.child.once('exit', done))); // assigned above
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3]!); // forked by main with the data folder
else await main();
