// The proof that no file sits whole in memory: 200 MB through browser mode's door (`clientele
// serve`, a child process with the core in its worker thread), up and back down, with the server
// process's peak resident memory measured from /proc. The bytes are made by a stream here too.
import { createCipheriv, createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Download, Upload } from '../../shared/api/files.ts';
import type { Result } from '../../shared/errors.ts';
import { serve, type Browser } from './fixtures/processes.ts';
import { childEnv, OWNER_PASSWORD, testClock } from './harness.ts';

const FILE_BYTES = 200 * 1024 * 1024;
const PIECE = 64 * 1024;
/** The budget over the idle server: what a streamed file may add at its peak. */
const BUDGET_BYTES = 64 * 1024 * 1024;

/** Deterministic, incompressible bytes (AES-CTR over zeros), a piece at a time, hashed on the way. */
function pseudoRandomStream(total: number, hash: ReturnType<typeof createHash>): ReadableStream<Uint8Array> {
  const cipher = createCipheriv('aes-128-ctr', Buffer.alloc(16, 7), Buffer.alloc(16, 0));
  const zeros = Buffer.alloc(PIECE);
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) {
        controller.close();
        return;
      }
      const piece = cipher.update(zeros.subarray(0, Math.min(PIECE, total - sent)));
      hash.update(piece);
      sent += piece.length;
      controller.enqueue(piece);
    },
  });
}

/** kB figures of /proc/<pid>/status. */
function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

/** Resets the kernel's peak (VmHWM) to the current RSS (Linux 4.0+: `5` in clear_refs). */
function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

async function value<T>(browser: Browser, method: string, input: unknown): Promise<T> {
  const result = await browser.invoke(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

async function upload(browser: Browser, body: ReadableStream<Uint8Array> | Uint8Array, name: string): Promise<Upload> {
  const response = await fetch(`${browser.origin}/api/upload?purpose=attachment&name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${browser.token}`, cookie: browser.cookie(), 'content-type': 'application/octet-stream' },
    body,
    duplex: 'half',
  } as RequestInit);
  const result = (await response.json()) as Result<Upload>;
  if (!result.ok) throw new Error(`upload: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** Downloads a file and answers its SHA-256 and size (never keeping it). */
async function download(browser: Browser, file: Download): Promise<{ sha256: string; size: number; headers: Headers }> {
  const response = await fetch(`${browser.origin}/api/download/${file.download}?token=${browser.token}`, { headers: { cookie: browser.cookie() } });
  expect(response.status).toBe(200);
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size, headers: response.headers };
}

describe('files through browser mode, measured', () => {
  let dataDir = '';
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it(`moves a 200 MB file up and down through clientele serve within ${BUDGET_BYTES / 1024 / 1024} MB over its idle memory`, { timeout: 600_000 }, async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'clientele-files-rss-'));
    const browser = await serve(dataDir, childEnv(testClock()));
    const pid = browser.process.child.pid!; // spawned
    await value(browser, 'setup.create', { shopName: '文件店', ownerUsername: 'boss', ownerDisplayName: '老板', password: OWNER_PASSWORD, sampleData: false });
    await value(browser, 'auth.recoveryKeyStored', {}).catch(() => undefined);
    // Attachments are limited to 100 MB by default; the owner may raise it (up to 512 MB).
    await value(browser, 'settings.update', { attachmentMaxMb: 256 });

    // Warm up every path once (modules load, the worker's caches settle), then take the idle figure.
    const small = Buffer.alloc(3 * 256 * 1024 + 5, 9);
    const warm = await upload(browser, small, 'warm.bin');
    await download(browser, await value<Download>(browser, 'files.preview', { file: { upload: warm.upload } }));
    const idle = memoryOf(pid).rss;
    resetPeak(pid);

    const sent = createHash('sha256');
    const started = performance.now();
    const staged = await upload(browser, pseudoRandomStream(FILE_BYTES, sent), 'big.bin');
    const uploadSeconds = (performance.now() - started) / 1000;
    const sentSha256 = sent.digest('hex');
    expect(staged).toMatchObject({ size: FILE_BYTES, sha256: sentSha256, type: 'application/octet-stream' });
    const afterUpload = memoryOf(pid);

    const preview = await value<Download>(browser, 'files.preview', { file: { upload: staged.upload } });
    const downStarted = performance.now();
    const received = await download(browser, preview);
    const downloadSeconds = (performance.now() - downStarted) / 1000;
    expect(received.size).toBe(FILE_BYTES);
    expect(received.sha256).toBe(sentSha256);
    expect(received.headers.get('content-type')).toBe('application/octet-stream');
    expect(received.headers.get('content-disposition')).toBe(`attachment; filename="big.bin"; filename*=UTF-8''big.bin`);
    expect(received.headers.get('x-content-type-options')).toBe('nosniff');
    expect(received.headers.get('content-security-policy')).toContain('sandbox');

    const peak = memoryOf(pid).hwm;
    const figures = {
      idleRssMB: +(idle / 1048576).toFixed(1),
      peakRssMB: +(peak / 1048576).toFixed(1),
      peakOverIdleMB: +((peak - idle) / 1048576).toFixed(1),
      afterUploadPeakOverIdleMB: +((afterUpload.hwm - idle) / 1048576).toFixed(1),
      uploadMBps: +(FILE_BYTES / 1048576 / uploadSeconds).toFixed(1),
      downloadMBps: +(FILE_BYTES / 1048576 / downloadSeconds).toFixed(1),
    };
    console.log(`files-rss: ${JSON.stringify(figures)}`);
    expect(peak - idle).toBeLessThanOrEqual(BUDGET_BYTES);
    browser.process.child.kill('SIGTERM');
    await browser.process.exited;
  });
});
