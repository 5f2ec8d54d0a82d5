// `npm run bench:print` — the time to render a 10-page visit sheet to PDF, in Chromium, the way a
// staff member prints it: open the print view (the core answers print.visitSheet and logs it, the
// page lays out the table and loads the embedded font's glyphs), then print to PDF (page.pdf, the
// CSS page size preferred, as Electron's printToPDF is asked). Figures as JSON on stdout, progress
// on stderr; median of 3 runs after one warm-up.
//
// A fresh temp data dir (removed at the end): `clientele init`, one staff member with VISITS visits
// on one day (BENCH_VISITS=N), `clientele serve` on the renderer build in CLIENTELE_RENDERER_DIR
// (else one built now into the temp dir), Debian's Chromium driven by Playwright.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { log, round, stats } from './timing.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const PASSWORD = 'bench-password-4k9z';
const DAY = '2026-12-01';
/** About ten and a half visits fill an A4 page of the sheet: 105 make ten pages. */
const VISITS = Number(process.env.BENCH_VISITS ?? 105);
const RUNS = 3;

function cli(dataDir: string, ...args: string[]): void {
  const run = spawnSync(process.execPath, [join(ROOT, 'electron/cli/bin.mjs'), ...args, '--data-dir', dataDir], {
    cwd: ROOT,
    env: { ...process.env, CLIENTELE_PASSWORD: PASSWORD },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`clientele ${args[0]} failed (${run.status}): ${run.stderr}`);
}

async function serve(dataDir: string, rendererDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(ROOT, 'electron/cli/bin.mjs'), 'serve', '--data-dir', dataDir, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, CLIENTELE_RENDERER_DIR: rendererDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/.exec(output);
      if (match) resolveUrl(match[0]);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`clientele serve exited with ${code}:\n${output}`)));
  });
  return { url, child };
}

/** Browser mode's session cookie, kept as a browser keeps it (the server gives it on the first call). */
let cookie = '';

async function invoke<T>(url: string, method: string, input: unknown): Promise<T> {
  const origin = url.split('#')[0]!.replace(/\/$/, '');
  const token = url.split('#token=')[1]!;
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(cookie ? { cookie } : {}) };
  const response = await fetch(`${origin}/api/invoke`, { method: 'POST', headers, body: JSON.stringify({ method, input }) });
  const given = response.headers.get('set-cookie');
  if (given) cookie = given.split(';')[0]!;
  const result = (await response.json()) as { ok: boolean; value?: T; error?: unknown };
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

/** One staff member's day of VISITS visits over ten customers, each with a contact and an address. */
async function makeDay(url: string): Promise<number> {
  await invoke(url, 'auth.signIn', { username: 'boss', password: PASSWORD });
  const staff = await invoke<{ id: number }>(url, 'users.create', { username: 'wang', displayName: '王小明', role: 'staff', password: 'first-time-pass-77' });
  const customers: { id: number; contact: number }[] = [];
  for (let i = 0; i < 10; i++) {
    const made = await invoke<{ id: number; contacts: { id: number }[] }>(url, 'customers.create', {
      name: `杭州第${i + 1}精密机械有限公司`,
      ownerId: staff.id,
      address: `浙江省杭州市西湖区文三路${100 + i}号华星科技大厦${i + 3}楼`,
      contacts: [{ name: `联系人${i + 1}`, mobile: `139 0000 ${String(1000 + i)}` }],
    });
    customers.push({ id: made.id, contact: made.contacts[0]!.id });
  }
  for (let i = 0; i < VISITS; i++) {
    const customer = customers[i % customers.length]!;
    await invoke(url, 'visits.create', {
      customerId: customer.id,
      contactId: customer.contact,
      staffId: staff.id,
      onDay: DAY,
      startMinute: (6 * 60 + i * 7) % 1440,
      durationMinutes: 30,
      purpose: `第${i + 1}次拜访：介绍新产品`,
      agenda: '演示设备并收集反馈，确认下季度采购计划',
      address: '',
    });
  }
  return staff.id;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-print-bench-'));
  const dataDir = join(dir, 'data');
  let server: ChildProcess | null = null;
  const loadAtStart = loadavg().map((n) => round(n));
  try {
    let rendererDir = process.env.CLIENTELE_RENDERER_DIR;
    if (!rendererDir) {
      rendererDir = join(dir, 'renderer');
      log('bench:print: building the renderer...');
      const build = spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--outDir', rendererDir, '--emptyOutDir'], { cwd: ROOT, encoding: 'utf8' });
      if (build.status !== 0) throw new Error(`vite build failed: ${build.stderr}`);
    }
    cli(dataDir, 'init', '--shop', '基准测试小店', '--owner', 'boss');
    const started = await serve(dataDir, rendererDir);
    server = started.child;
    log(`bench:print: planning ${VISITS} visits...`);
    const staffId = await makeDay(started.url);

    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
      await page.goto(started.url);
      await page.getByLabel(/用户名|User name/).fill('boss');
      await page.getByLabel(/^(密码|Password)$/).fill(PASSWORD);
      await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
      await page.getByTestId('shop-name').waitFor();
      const sheet = `${started.url.split('#')[0]}#/print/visit-sheet?from=${DAY}&to=${DAY}&staff=${staffId}`;

      const total: number[] = [];
      const ready: number[] = [];
      const pdf: number[] = [];
      let pages = 0;
      for (let run = 0; run <= RUNS; run++) {
        // From another page, so each run opens the print view afresh (one print, one audit entry).
        await page.goto(`${started.url.split('#')[0]}#/customers`);
        await page.getByTestId('shop-name').waitFor();
        const t0 = performance.now();
        await page.goto(sheet);
        await page.locator('.print-root[data-print-ready="true"]').waitFor({ timeout: 60_000 });
        const t1 = performance.now();
        const bytes = await page.pdf({ preferCSSPageSize: true, printBackground: true });
        const t2 = performance.now();
        const file = join(dir, 'sheet.pdf');
        writeFileSync(file, bytes);
        pages = Number(/^Pages:\s+(\d+)/m.exec(spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout)?.[1]);
        log(`bench:print: run ${run}${run === 0 ? ' (warm-up)' : ''}: ${pages} pages, view ready ${(t1 - t0).toFixed(0)} ms + PDF ${(t2 - t1).toFixed(0)} ms = ${(t2 - t0).toFixed(0)} ms`);
        if (run === 0) continue;
        total.push(t2 - t0);
        ready.push(t1 - t0);
        pdf.push(t2 - t1);
      }
      const figures = {
        visits: VISITS,
        pages,
        runs: RUNS,
        /** Opening the print view to the PDF's last byte. */
        totalMs: { median: stats(total).medianMs, samples: total.map(round) },
        /** The view on screen with its fonts loaded (core answer, layout, glyphs). */
        viewReadyMs: { median: stats(ready).medianMs, samples: ready.map(round) },
        /** Chromium's print to PDF alone. */
        pdfMs: { median: stats(pdf).medianMs, samples: pdf.map(round) },
        loadAtStart,
        loadAtEnd: loadavg().map((n) => round(n)),
      };
      process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
    } finally {
      await browser.close();
    }
  } finally {
    server?.kill('SIGTERM');
    if (server && server.exitCode === null) await new Promise((done) => server!.once('exit', done));
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
