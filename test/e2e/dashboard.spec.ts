// The dashboard (报表) in the browser, in both languages, on a fixed clock (the core's
// CLIENTELE_TEST_NOW and the page's own, 2026-12-01 09:00 UTC, page in UTC): a shop with customers
// of every grade, sales in two currencies over two months, a staff member with the staff scope.
// The owner clicks a bar (November's revenue) and lands on the sales of that month in that currency
// with the same count; opens the VIP customers from the grade table with the same count; saves the
// dashboard as PDF (read back with pdftotext). The staff member sees only their customers' figures
// and is offered the PDF but not the .xlsx (no export right). Screenshots at 1366×768 and
// 1920×1080, long Chinese names.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import * as XLSX from '@e965/xlsx';
import { en, zh } from '../i18n-resources.ts';
import { ARTIFACTS, cli, expect, SHOP_PASSWORD as PASSWORD, signIn, switchLanguage, test, translator } from './fixtures.ts';

test.use({ locale: 'en-US', timezoneId: 'UTC', viewport: { width: 1366, height: 768 } });

/** 2026-12-01 09:00 UTC: the core's today and the page's; the default period is 2026-01 … 2026-12. */
const NOW = Date.UTC(2026, 11, 1, 9, 0);
const STAFF_PASSWORD = 'first-time-pass-77';
const STAFF_OWN = 'staff-own-pass-2026';
const STAFF_NAME = '欧阳诸葛明月';

test.beforeAll(() => {
  process.env.CLIENTELE_TEST_NOW = String(NOW);
});
test.afterAll(() => {
  delete process.env.CLIENTELE_TEST_NOW;
});

function caller(request: APIRequestContext, url: string) {
  const origin = url.split('#')[0]!.replace(/\/$/, '');
  const token = url.split('#token=')[1]!;
  return async <T>(method: string, input: unknown): Promise<T> => {
    const response = await request.post(`${origin}/api/invoke`, { headers: { Authorization: `Bearer ${token}` }, data: { method, input } });
    const result = (await response.json()) as { ok: boolean; value?: T; error?: unknown };
    if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
    return result.value as T;
  };
}

/**
 * The shop: 3 VIP customers (2 the staff member's), 2 key, 1 normal; November sales in CNY (three,
 * two of them the staff member's customers') and one in USD; an October sale in CNY.
 */
async function makeShop(request: APIRequestContext, url: string, dataDir: string): Promise<void> {
  cli(dataDir, ['init', '--shop', '张三五金店', '--owner', 'boss']);
  const api = caller(request, url);
  await api('auth.signIn', { username: 'boss', password: PASSWORD });
  const staff = await api<{ id: number }>('users.create', { username: 'wang', displayName: STAFF_NAME, role: 'staff', password: STAFF_PASSWORD });
  await api('auth.signIn', { username: 'wang', password: STAFF_PASSWORD });
  await api('auth.changePassword', { oldPassword: STAFF_PASSWORD, newPassword: STAFF_OWN });
  await api('auth.signIn', { username: 'boss', password: PASSWORD });
  await api('settings.update', { staffScope: true });
  const customer = async (name: string, grade: string, ownerId: number | null) => (await api<{ id: number }>('customers.create', { name, grade, ...(ownerId ? { ownerId } : {}) })).id;
  const vip1 = await customer('杭州西湖区文三路华星科技精密机械制造有限公司', 'vip', staff.id);
  const vip2 = await customer('上海浦东新区世纪大道国际贸易发展有限公司', 'vip', staff.id);
  const vip3 = await customer('北京朝阳区建国路商贸有限公司', 'vip', null);
  const key1 = await customer('广州天河区体育西路电子有限公司', 'key', null);
  await customer('深圳南山区科技园软件有限公司', 'key', null);
  await customer('成都锦江区春熙路百货商店', 'normal', staff.id);
  const sale = (customerId: number, soldOn: string, currency: string, price: number) =>
    api('sales.create', { customerId, soldOn, currency, lines: [{ name: '精密轴承套装', quantityMilli: 2000, unitPriceMinor: price }] });
  await sale(vip1, '2026-11-03', 'CNY', 125_000);
  await sale(vip2, '2026-11-30', 'CNY', 88_850);
  await sale(vip3, '2026-11-15', 'CNY', 300_000);
  await sale(key1, '2026-11-20', 'USD', 45_000);
  await sale(vip1, '2026-10-08', 'CNY', 50_000);
}

const poppler = (tool: string, args: string[]) => execFileSync(tool, args, { encoding: 'utf8' });

/** Both window sizes, one screenshot each. */
async function bothSizes(page: Page, shot: (name: string) => Promise<void>, name: string): Promise<void> {
  for (const [width, height] of [[1366, 768], [1920, 1080]] as const) {
    await page.setViewportSize({ width, height });
    await shot(`${name}-${width}`);
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

for (const lng of ['en-US', 'zh-CN'] as const) {
  const T = lng === 'zh-CN' ? zh : en;
  const tr = translator(T);

  test(`owner: a bar and a grade open their lists with the same count, and the PDF (${lng})`, async ({ page, app, shot, request }) => {
    test.setTimeout(180_000);
    await makeShop(request, app.url, app.dataDir);
    await page.clock.setFixedTime(NOW);
    const origin = app.url.split('#')[0]!.replace(/\/$/, '');
    await page.goto(app.url);
    await signIn(page, 'boss', PASSWORD);
    if (lng === 'zh-CN') await switchLanguage(page, 'zh-CN');
    await page.getByRole('link', { name: T.nav.reports }).click();
    await expect(page.getByRole('heading', { name: T.reports.title, level: 1 })).toBeVisible();
    const dash = page.getByTestId('dashboard');
    await expect(dash).toBeVisible();
    await expect(page.getByRole('button', { name: T.reports.presets.last12 })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('link', { name: T.reports.exportPdf })).toBeVisible();
    await expect(page.getByRole('button', { name: T.reports.exportXlsx })).toBeVisible();
    await expect(page.getByTestId('dash-scoped')).toHaveCount(0);
    await expect(page.getByTestId('dash-new-period')).toHaveText('6');
    await bothSizes(page, shot, 'owner');

    // The tables as .xlsx: November's revenue per currency, as numbers, never added.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: T.reports.exportXlsx }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`${T.reports.title} 2026-01_2026-12.xlsx`);
    const book = XLSX.read(readFileSync(await download.path()));
    const monthly = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[T.reports.revenueByMonth]!, { header: 1 });
    expect(monthly[0]).toEqual([T.reports.month, `${T.reports.revenue} (CNY)`, `${T.reports.sales} (CNY)`, `${T.reports.revenue} (USD)`, `${T.reports.sales} (USD)`]);
    expect(monthly.find((row) => row[0] === '2026-11')).toEqual(['2026-11', 10277, 3, 900, 1]);

    // November's CNY revenue bar (the 11th month of the period): the sales of November in CNY.
    const revenue = page.getByTestId('dash-revenue-month');
    await revenue.getByRole('button', { name: 'CNY' }).click();
    const bars = revenue.locator('.MuiBarChart-element');
    await expect(bars).toHaveCount(12);
    await bars.nth(10).click();
    await expect(page).toHaveURL(/#\/sales\?month=2026-11&currency=CNY$/);
    await expect(page.getByTestId('sales-count').locator('[data-count]')).toHaveAttribute('data-count', '3');
    await shot('sales-of-november');

    // Back to the dashboard; VIP customers from the grade table (the keyboard's way): 3.
    await page.goBack();
    await expect(dash).toBeVisible();
    const grades = page.getByTestId('dash-grades');
    await grades.getByRole('button', { name: T.reports.showTable }).click();
    const vip = grades.getByRole('link', { name: new RegExp(`${T.customer.grades.vip} · 3$`) });
    await vip.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/customers\?grade=vip$/);
    await expect(page.getByTestId('customer-count')).toHaveText(tr('customers.count_other', { count: 3, formatted: '3' }));

    // The PDF of the default period: its figures as text.
    await page.goto(`${origin}#/print/dashboard?from=2026-01&to=2026-12`);
    await expect(page.locator('.print-root[data-print-ready="true"]')).toBeVisible({ timeout: 30_000 });
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, `dashboard-${lng}.pdf`);
    writeFileSync(file, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    const text = poppler('pdftotext', ['-raw', file, '-']);
    expect(text).toContain(T.reports.title);
    expect(text).toContain('张三五金店');
    for (const title of [T.reports.customersByGrade, T.reports.revenueByMonth, T.reports.satisfaction, T.reports.visitsByStaff]) expect(text).toContain(title);
    // November in CNY: 2 × 1,250.00 + 2 × 888.50 + 2 × 3,000.00 = 10,277.00; in USD 900.00 (never added).
    expect(text).toMatch(/10,277\.00/);
    expect(text).toMatch(/900\.00/);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', file, join(ARTIFACTS, `dashboard-${lng}`)]);
    // Each export went through the core and is in the audit log once: the .xlsx, then the print.
    type Entry = { username: string; changes: { field: string; after: unknown }[] };
    const logged = await caller(request, app.url)<{ rows: Entry[] }>('audit.list', { action: 'dashboard.export' });
    const said = (e: Entry) => ['dashboardFormat', 'dashboardFrom', 'dashboardTo'].map((field) => e.changes.find((c) => c.field === field)?.after);
    expect(logged.rows.map(said)).toEqual([
      ['pdf', '2026-01', '2026-12'],
      ['xlsx', '2026-01', '2026-12'],
    ]);
    expect(logged.rows.map((e) => e.username)).toEqual(['boss', 'boss']);
  });

  test(`staff: their own customers' figures, PDF but no .xlsx (${lng})`, async ({ page, app, shot, request }) => {
    test.setTimeout(120_000);
    await makeShop(request, app.url, app.dataDir);
    await page.clock.setFixedTime(NOW);
    await page.goto(app.url);
    await signIn(page, 'wang', STAFF_OWN);
    if (lng === 'zh-CN') await switchLanguage(page, 'zh-CN');
    await page.getByRole('link', { name: T.nav.reports }).click();
    await expect(page.getByTestId('dashboard')).toBeVisible();
    await expect(page.getByTestId('dash-scoped')).toHaveText(T.reports.scopeNote);
    await expect(page.getByTestId('dash-new-period')).toHaveText('3');
    await expect(page.getByRole('link', { name: T.reports.exportPdf })).toBeVisible();
    await expect(page.getByRole('button', { name: T.reports.exportXlsx })).toHaveCount(0);
    await bothSizes(page, shot, 'staff');
    // Their November in CNY: two sales, and the list behind the bar says two.
    const bars = page.getByTestId('dash-revenue-month').locator('.MuiBarChart-element');
    await bars.nth(10).click();
    await expect(page).toHaveURL(/#\/sales\?month=2026-11&currency=CNY$/);
    await expect(page.getByTestId('sales-count').locator('[data-count]')).toHaveAttribute('data-count', '2');
    // The printed dashboard is theirs to make (the print right): the core answers it, scoped.
    await page.goto(`${app.url.split('#')[0]!.replace(/\/$/, '')}#/print/dashboard?from=2026-01&to=2026-12`);
    await expect(page.locator('.print-root[data-print-ready="true"]')).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('.print-root')).toContainText(T.reports.scopeNote);
  });
}
