// Printed documents as paper sees them: each print view is rendered to PDF by Chromium
// (page.pdf, preferring the CSS page size, as Electron's printToPDF is asked), then poppler's tools
// read the PDF: the text (fields, running head, "1 / N" page numbers, the table head on every page,
// no visit split between pages, a 200-character address whole), the page size (A4 from CSS
// @page: 595 × 842 pt), the embedded Noto Sans SC font. Pages are rendered to PNG (pdftoppm) for a
// person to look at, in both languages. The buttons: Print and Ctrl+P open the browser's dialog
// (window.print), and where a preload offers printView (the Electron app) the page uses it instead.
// A viewer (no print right) is offered no print, and a print view opened by its address refuses them.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { en, zh } from '../i18n-resources.ts';
import { ARTIFACTS, cli, expect, SHOP_PASSWORD as PASSWORD, signIn, switchLanguage, test } from './fixtures.ts';

test.use({ locale: 'en-US', viewport: { width: 1366, height: 768 } });

/** 2026-12-01 09:00 UTC: the core's today and the page's. */
const NOW = Date.UTC(2026, 11, 1, 9, 0);
const DAY = '2026-12-01';
/** 200 characters with no space to break at, ending in characters found nowhere else. */
const LONG_ADDRESS = ('浙江省杭州市西湖区文三路教工路口华星科技大厦东塔十八层').repeat(8).slice(0, 194) + '门骨终点号楼';
const VISITS = 60;

test.beforeAll(() => {
  process.env.CLIENTELE_TEST_NOW = String(NOW);
});
test.afterAll(() => {
  delete process.env.CLIENTELE_TEST_NOW;
});

async function invoke<T>(request: APIRequestContext, url: string, method: string, input: unknown): Promise<T> {
  const origin = url.split('#')[0]!.replace(/\/$/, '');
  const token = url.split('#token=')[1]!;
  const response = await request.post(`${origin}/api/invoke`, { headers: { Authorization: `Bearer ${token}` }, data: { method, input } });
  const result = (await response.json()) as { ok: boolean; value?: T; error?: unknown };
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

const pad = (n: number) => String(n).padStart(2, '0');
const clock = (minute: number) => `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
/** The i-th visit's purpose: unique, so each row can be found on its page. */
const purpose = (i: number) => `拜访目的第${pad(i)}号`;
const startOf = (i: number) => 7 * 60 + i * 10;

type Shop = { staffId: number; customerId: number; recordId: number };

/** A shop with one staff member's day of 60 visits (one at a 200-character address), an earlier done visit, and a service record. */
async function makeShop(request: APIRequestContext, url: string, dataDir: string): Promise<Shop> {
  cli(dataDir, ['init', '--shop', '张三五金店', '--owner', 'boss']);
  await invoke(request, url, 'auth.signIn', { username: 'boss', password: PASSWORD });
  const staff = await invoke<{ id: number }>(request, url, 'users.create', { username: 'wang', displayName: '王小明', role: 'staff', password: 'first-time-pass-77' });
  const customer = await invoke<{ id: number; contacts: { id: number }[] }>(request, url, 'customers.create', {
    name: '杭州门骨精密机械有限公司',
    ownerId: staff.id,
    address: LONG_ADDRESS,
    phone: '0571-8888 1234',
    grade: 'vip',
    industry: '机械制造',
    contacts: [{ name: '李四', title: '采购经理', mobile: '139 0000 5678', email: 'li.si@example.com' }],
  });
  const others: number[] = [];
  for (let i = 0; i < 9; i++) others.push((await invoke<{ id: number }>(request, url, 'customers.create', { name: `客户${i + 1}号贸易公司`, ownerId: staff.id, address: `上海市浦东新区世纪大道${i + 1}号` })).id);
  // The customer's previous visit, done: its note is on the sheet.
  const earlier = await invoke<{ visit: { id: number; version: number } }>(request, url, 'visits.create', {
    customerId: customer.id, contactId: null, staffId: staff.id, onDay: '2026-11-20', startMinute: 600, purpose: '初次拜访', address: '',
  });
  await invoke(request, url, 'visits.complete', { id: earlier.visit.id, version: earlier.visit.version, outcome: '客户要求下周报价，关注门骨配件', record: { kind: 'communication', channel: 'visit' } });
  for (let i = 0; i < VISITS; i++) {
    const atLong = i === 0;
    await invoke(request, url, 'visits.create', {
      customerId: atLong ? customer.id : others[i % others.length],
      contactId: atLong ? customer.contacts[0]!.id : null,
      staffId: staff.id,
      onDay: DAY,
      startMinute: startOf(i),
      durationMinutes: 30,
      purpose: purpose(i),
      agenda: '介绍新产品并收集反馈',
      address: atLong ? LONG_ADDRESS : '',
    });
  }
  const record = await invoke<{ id: number }>(request, url, 'records.create', {
    customerId: customer.id,
    kind: 'service',
    at: Date.UTC(2026, 10, 30, 6, 30),
    staffId: staff.id,
    content: '更换主轴轴承，校准门骨定位装置。',
    phase: 'aftersale',
    serviceKind: 'repair',
    durationMinutes: 90,
    result: '设备运行正常',
    status: 'done',
    feedback: '非常满意',
  });
  return { staffId: staff.id, customerId: customer.id, recordId: record.id };
}

const poppler = (tool: string, args: string[]) => execFileSync(tool, args, { encoding: 'utf8' });

type Rendered = { pages: number; texts: string[]; fonts: string; sizes: (readonly [number, number])[] };

/**
 * The print view at `hash`, once its fonts are in, as a PDF read back by poppler (each page's text in
 * content order: a table cell's lines stay together); its pages as PNGs for a person to look at.
 */
async function renderPdf(page: Page, origin: string, hash: string, name: string): Promise<Rendered> {
  await page.goto(`${origin}${hash}`);
  await expect(page.locator('.print-root[data-print-ready="true"]')).toBeVisible({ timeout: 30_000 });
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, `print-${name}.pdf`); // kept beside the screenshots, to open and look at
  writeFileSync(file, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  const info = poppler('pdfinfo', [file]);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const texts = Array.from({ length: pages }, (_, i) => poppler('pdftotext', ['-raw', '-f', String(i + 1), '-l', String(i + 1), file, '-']));
  await page.screenshot({ path: join(ARTIFACTS, `print-${name}-screen.png`) }); // the view on screen, toolbar and first page
  execFileSync('pdftoppm', ['-png', '-r', '60', file, join(ARTIFACTS, `print-${name}`)]);
  // Every page's own size (pdfinfo -f -l lists each page's MediaBox).
  const sizes = [...poppler('pdfinfo', ['-f', '1', '-l', String(pages), file]).matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => [Number(m[1]), Number(m[2])] as const);
  return { pages, texts, fonts: poppler('pdffonts', [file]), sizes };
}

/** Every page: A4 from the CSS, the Chinese font embedded, "i / N" on page i. */
function expectPaper(rendered: Rendered) {
  // A4 is 595.28 × 841.89 pt; Chromium rounds the CSS millimetres to its own units (594.96 × 841.92).
  expect(rendered.sizes).toHaveLength(rendered.pages);
  for (const [width, height] of rendered.sizes) {
    expect(Math.abs(width - 595.28), `width ${width}`).toBeLessThan(1);
    expect(Math.abs(height - 841.89), `height ${height}`).toBeLessThan(1);
  }
  expect(rendered.fonts).toMatch(/NotoSansSC\S*\s.*\byes\b/);
  // "1 / 3" at the foot of every page.
  for (const [i, text] of rendered.texts.entries()) expect(text, `page ${i + 1}`).toMatch(new RegExp(`(^|\\s)${i + 1}\\s*/\\s*${rendered.pages}(\\s|$)`, 'm'));
}

const squeeze = (text: string) => text.replace(/\s+/g, '');

test('print: visit sheet, customer profile and service report to A4 PDF in both languages; Print, Ctrl+P and the app door', async ({ page, app, request, shot }) => {
  test.setTimeout(300_000);
  const shop = await makeShop(request, app.url, app.dataDir);
  const origin = app.url.split('#')[0]!;
  await page.clock.setFixedTime(NOW);
  await page.addInitScript(() => {
    // Chromium's print dialog cannot be driven here: count the calls instead.
    window.print = () => sessionStorage.setItem('test.prints', String(Number(sessionStorage.getItem('test.prints') ?? '0') + 1));
  });
  await page.goto(app.url);
  await signIn(page, 'boss', PASSWORD);
  await expect(page.getByTestId('shop-name')).toBeVisible({ timeout: 30_000 });

  // The entry point on the customer's page.
  await page.goto(`${origin}#/customers/${shop.customerId}`);
  await page.getByRole('link', { name: en.print.printProfile }).click();
  await expect(page.locator('.print-root[data-print-ready="true"]')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('shop-name')).toHaveCount(0); // no app shell around a print view
  await shot('profile-screen-en-1366');
  // And on a record's page: the service report.
  await page.goto(`${origin}#/records/${shop.recordId}`);
  await page.getByRole('link', { name: en.print.printReport }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${en.print.serviceReport.title} 杭州门骨精密机械有限公司` })).toBeVisible();
  await expect(page.locator('.print-root[data-print-ready="true"]')).toBeVisible({ timeout: 30_000 });

  const sheetHash = `#/print/visit-sheet?from=${DAY}&to=${DAY}&staff=${shop.staffId}`;
  for (const [lng, words] of [['en', en], ['zh', zh]] as const) {
    if (lng === 'zh') {
      await page.goto(`${origin}#/customers`);
      await switchLanguage(page, 'zh-CN');
    }
    const sheet = await renderPdf(page, origin, sheetHash, `visit-sheet-${lng}`);
    await shot(`visit-sheet-screen-${lng}-1366`);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await shot(`visit-sheet-screen-${lng}-1920`);
    await page.setViewportSize({ width: 1366, height: 768 });
    expectPaper(sheet);
    expect(sheet.pages, 'sixty visits take several pages').toBeGreaterThanOrEqual(3);
    for (const [i, text] of sheet.texts.entries()) {
      // The running head and the table head start every page.
      expect(text, `page ${i + 1}`).toContain('张三五金店');
      expect(text, `page ${i + 1}`).toContain(words.print.visitSheet.purpose);
      expect(text, `page ${i + 1}`).toContain(words.print.visitSheet.signature);
    }
    // Each visit is on one page whole: its time and its purpose on the same page, and on one page only.
    for (let i = 0; i < VISITS; i++) {
      const on = sheet.texts.map((text, p) => (text.includes(purpose(i)) ? p : -1)).filter((p) => p >= 0);
      expect(on, purpose(i)).toHaveLength(1);
      // The time column is narrow: "07:00–" and "07:30" may stand on two lines.
      expect(squeeze(sheet.texts[on[0]!]!), purpose(i)).toContain(`${clock(startOf(i))}–`);
      expect(sheet.texts[on[0]!], purpose(i)).toContain(clock(startOf(i) + 30));
    }
    // The 200-character address wraps (it is on several lines) and is all there, last characters included.
    expect(sheet.texts.join('')).not.toContain(LONG_ADDRESS);
    const all = squeeze(sheet.texts.join(''));
    expect(all).toContain('门骨终点号楼');
    expect(all).toContain(squeeze(LONG_ADDRESS));
    expect(all).toContain('李四');
    expect(all).toContain('139 0000 5678'.replace(/\s/g, ''));
    expect(all).toContain('客户要求下周报价，关注门骨配件');
    expect(all).toContain('王小明');

    const profile = await renderPdf(page, origin, `#/print/customers/${shop.customerId}`, `profile-${lng}`);
    expectPaper(profile);
    const profileText = squeeze(profile.texts.join(''));
    for (const field of ['杭州门骨精密机械有限公司', '机械制造', '采购经理', '李四', squeeze(LONG_ADDRESS), squeeze(words.customer.grades.vip), squeeze(words.print.customerProfile.timeline)]) {
      expect(profileText).toContain(field);
    }

    const report = await renderPdf(page, origin, `#/print/service-reports/${shop.recordId}`, `service-report-${lng}`);
    expectPaper(report);
    expect(report.pages).toBe(1);
    const reportText = squeeze(report.texts.join(''));
    for (const field of ['更换主轴轴承，校准门骨定位装置。', '设备运行正常', '非常满意', '王小明', squeeze(words.print.serviceReport.customerSignature), squeeze(words.print.serviceReport.staffSignature), squeeze(words.print.serviceKind.repair)]) {
      expect(reportText).toContain(field);
    }
    await shot(`service-report-screen-${lng}-1366`);
  }

  // Print and Ctrl+P both open the browser's print dialog (Save as PDF is one of its printers).
  await page.goto(`${origin}${sheetHash}`);
  await expect(page.locator('.print-root[data-print-ready="true"]')).toBeVisible({ timeout: 30_000 });
  const prints = () => page.evaluate(() => Number(sessionStorage.getItem('test.prints') ?? '0'));
  const before = await prints();
  await page.getByRole('button', { name: zh.print.print, exact: true }).click();
  await page.keyboard.press('Control+P');
  await page.getByRole('button', { name: zh.print.savePdf }).click();
  await expect.poll(prints).toBe(before + 3);

  // Each document produced is in the audit log, with whose sheet and which days.
  const audit = await invoke<{ rows: { action: string; changes: { field: string; after: unknown }[] }[] }>(request, app.url, 'audit.list', { entity: 'print', limit: 200 });
  const actions = new Set(audit.rows.map((row) => row.action));
  expect([...actions].sort()).toEqual(['print.customerProfile', 'print.serviceReport', 'print.visitSheet']);
  expect(audit.rows.find((row) => row.action === 'print.visitSheet')?.changes).toEqual(
    expect.arrayContaining([{ field: 'sheetStaff', before: null, after: '王小明' }, { field: 'sheetFrom', before: null, after: DAY }, { field: 'sheetVisits', before: null, after: VISITS }]),
  );
});

test('print: in the app the print view prints and saves through the preload, not the browser', async ({ page, app, request }) => {
  test.setTimeout(120_000);
  cli(app.dataDir, ['init', '--shop', '张三五金店', '--owner', 'boss']);
  await invoke(request, app.url, 'auth.signIn', { username: 'boss', password: PASSWORD });
  const customer = await invoke<{ id: number }>(request, app.url, 'customers.create', { name: '杭州门骨精密机械有限公司' });
  await page.clock.setFixedTime(NOW);
  await page.addInitScript(() => {
    const match = /token=([^&]+)/.exec(location.hash);
    if (match) sessionStorage.setItem('test.token', match[1]!);
    const token = sessionStorage.getItem('test.token');
    const asked: unknown[] = JSON.parse(sessionStorage.getItem('test.asked') ?? '[]');
    const bridge = {
      invoke: (method: string, input: unknown) =>
        fetch('/api/invoke', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ method, input }) }).then((r) => r.json()),
      on: () => () => {},
      printView: async (action: string, fileName: string) => {
        asked.push([action, fileName]);
        sessionStorage.setItem('test.asked', JSON.stringify(asked));
        return action === 'pdf' ? { outcome: 'saved', path: '/home/boss/档案.pdf' } : { outcome: 'printed' };
      },
    };
    (window as unknown as { clientele: typeof bridge }).clientele = bridge; // what the preload exposes
    window.print = () => sessionStorage.setItem('test.browserPrint', 'yes');
  });
  await page.goto(app.url);
  await signIn(page, 'boss', PASSWORD);
  await expect(page.getByTestId('shop-name')).toBeVisible({ timeout: 30_000 });
  await page.goto(`${app.url.split('#')[0]}#/print/customers/${customer.id}`);
  await expect(page.locator('.print-root[data-print-ready="true"]')).toBeVisible({ timeout: 30_000 });
  // The browser's hint about its own dialog is not shown in the app.
  await expect(page.getByText(en.print.browserPdfHint)).toHaveCount(0);
  await page.getByRole('button', { name: en.print.savePdf }).click();
  await expect(page.getByText('Saved as /home/boss/档案.pdf.')).toBeVisible();
  await page.keyboard.press('Control+P');
  const asked = () => page.evaluate(() => JSON.parse(sessionStorage.getItem('test.asked') ?? '[]') as unknown[]);
  await expect.poll(asked).toEqual([
    ['pdf', 'Customer profile 杭州门骨精密机械有限公司'],
    ['print', 'Customer profile 杭州门骨精密机械有限公司'],
  ]);
  expect(await page.evaluate(() => sessionStorage.getItem('test.browserPrint'))).toBeNull();
});

test('print: a viewer is offered no print and the print view refuses them', async ({ browser, app, request }) => {
  test.setTimeout(120_000);
  cli(app.dataDir, ['init', '--shop', '张三五金店', '--owner', 'boss']);
  await invoke(request, app.url, 'auth.signIn', { username: 'boss', password: PASSWORD });
  const customer = await invoke<{ id: number }>(request, app.url, 'customers.create', { name: '杭州门骨精密机械有限公司' });
  await invoke(request, app.url, 'users.create', { username: 'vera', displayName: 'Vera', role: 'viewer', password: 'first-time-pass-77' });
  await invoke(request, app.url, 'auth.signIn', { username: 'vera', password: 'first-time-pass-77' });
  await invoke(request, app.url, 'auth.changePassword', { oldPassword: 'first-time-pass-77', newPassword: 'my-own-secret-phrase-88' });
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1366, height: 768 } });
  const viewer = await context.newPage();
  await viewer.goto(app.url);
  await signIn(viewer, 'vera', 'my-own-secret-phrase-88');
  const origin = app.url.split('#')[0]!;
  await viewer.goto(`${origin}#/customers/${customer.id}`);
  await expect(viewer.getByRole('heading', { level: 1, name: '杭州门骨精密机械有限公司' })).toBeVisible();
  await expect(viewer.getByRole('link', { name: en.print.printProfile })).toHaveCount(0);
  await viewer.goto(`${origin}#/print/customers/${customer.id}`);
  await expect(viewer.getByTestId('no-permission')).toBeVisible();
  await expect(viewer.locator('.print-root')).toHaveCount(0);
  await context.close();
});
