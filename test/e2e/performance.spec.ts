// Staff performance (绩效评估) in the browser, in both languages, on a fixed clock (the core's
// CLIENTELE_TEST_NOW and the page's own, 2026-12-01 09:00 UTC, page in UTC). The owner opens the
// page (everyone, one row per staff member), picks the year, and drills into a staff member's VIP
// customers and revenue: each list shows as many as the number clicked. The staff member sees only
// their own row, no person picker, and their number drills down too. Screenshots at 1366×768 and
// 1920×1080, a long Chinese name.
import type { APIRequestContext, Page } from '@playwright/test';
import { en, zh } from '../i18n-resources.ts';
import { cli, expect, SHOP_PASSWORD as PASSWORD, signIn, switchLanguage, test, translator } from './fixtures.ts';

test.use({ locale: 'en-US', timezoneId: 'UTC', viewport: { width: 1366, height: 768 } });

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

/** The staff member: 2 VIP customers and 1 normal, three CNY sales in 2026 (two in November); others: 1 VIP, 1 key. */
async function makeShop(request: APIRequestContext, url: string, dataDir: string): Promise<number> {
  cli(dataDir, ['init', '--shop', '张三五金店', '--owner', 'boss']);
  const api = caller(request, url);
  await api('auth.signIn', { username: 'boss', password: PASSWORD });
  const staff = await api<{ id: number }>('users.create', { username: 'wang', displayName: STAFF_NAME, role: 'staff', password: STAFF_PASSWORD });
  await api('auth.signIn', { username: 'wang', password: STAFF_PASSWORD });
  await api('auth.changePassword', { oldPassword: STAFF_PASSWORD, newPassword: STAFF_OWN });
  await api('auth.signIn', { username: 'boss', password: PASSWORD });
  const customer = async (name: string, grade: string, ownerId: number | null) => (await api<{ id: number }>('customers.create', { name, grade, ...(ownerId ? { ownerId } : {}) })).id;
  const vip1 = await customer('杭州西湖区文三路华星科技精密机械制造有限公司', 'vip', staff.id);
  const vip2 = await customer('上海浦东新区世纪大道国际贸易发展有限公司', 'vip', staff.id);
  await customer('成都锦江区春熙路百货商店', 'normal', staff.id);
  const vip3 = await customer('北京朝阳区建国路商贸有限公司', 'vip', null);
  await customer('广州天河区体育西路电子有限公司', 'key', null);
  const sale = (customerId: number, soldOn: string, price: number) =>
    api('sales.create', { customerId, soldOn, currency: 'CNY', lines: [{ name: '精密轴承套装', quantityMilli: 2000, unitPriceMinor: price }] });
  await sale(vip1, '2026-11-03', 125_000);
  await sale(vip2, '2026-11-30', 88_850);
  await sale(vip1, '2026-10-08', 50_000);
  await sale(vip3, '2026-11-15', 300_000);
  return staff.id;
}

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

  test(`owner: everyone's table, a number drills into its list with the same count (${lng})`, async ({ page, app, shot, request }) => {
    test.setTimeout(180_000);
    const staffId = await makeShop(request, app.url, app.dataDir);
    await page.clock.setFixedTime(NOW);
    await page.goto(app.url);
    await signIn(page, 'boss', PASSWORD);
    if (lng === 'zh-CN') await switchLanguage(page, 'zh-CN');
    await page.getByRole('link', { name: T.nav.performance }).click();
    await expect(page.getByRole('heading', { name: T.performance.title, level: 1 })).toBeVisible();
    await expect(page.getByTestId('perf-person')).toBeVisible();
    await page.getByRole('button', { name: T.performance.kinds.year }).click();
    await expect(page).toHaveURL(/period=year&from=2026-01-01&to=2026-12-31/);
    const row = page.getByTestId(`perf-row-${staffId}`);
    await expect(row).toContainText(STAFF_NAME);
    await expect(page.getByTestId(`perf-${staffId}-grade-vip`)).toHaveText('2');
    await expect(page.getByTestId(`perf-${staffId}-new`)).toHaveText('3');
    await bothSizes(page, shot, 'owner-everyone');

    // The staff member's VIP customers: the customers list shows 2.
    await page.getByTestId(`perf-${staffId}-grade-vip`).click();
    await expect(page).toHaveURL(new RegExp(`#/customers\\?grade=vip&owner=${staffId}$`));
    await expect(page.getByTestId('customer-count')).toHaveText(tr('customers.count_other', { count: 2, formatted: '2' }));
    await shot('owner-drill-customers');

    // Back; their revenue of the year: the sales list shows the 3 sales.
    await page.goBack();
    await page.getByTestId(`perf-${staffId}-revenue-CNY`).click();
    await expect(page).toHaveURL(new RegExp(`#/sales\\?from=2026-01-01&to=2026-12-31&ownerId=${staffId}&currency=CNY$`));
    await expect(page.getByTestId('sales-count').locator('[data-count]')).toHaveAttribute('data-count', '3');
  });

  test(`staff: only their own row, no person picker, and it drills down (${lng})`, async ({ page, app, shot, request }) => {
    test.setTimeout(120_000);
    const staffId = await makeShop(request, app.url, app.dataDir);
    await page.clock.setFixedTime(NOW);
    await page.goto(app.url);
    await signIn(page, 'wang', STAFF_OWN);
    if (lng === 'zh-CN') await switchLanguage(page, 'zh-CN');
    await page.getByRole('link', { name: T.nav.performance }).click();
    await expect(page.getByRole('heading', { name: T.performance.title, level: 1 })).toBeVisible();
    await expect(page.getByTestId('perf-person')).toHaveCount(0);
    await page.getByRole('button', { name: T.performance.kinds.quarter }).click();
    await expect(page).toHaveURL(/period=quarter&from=2026-10-01&to=2026-12-31/);
    await expect(page.getByTestId('perf-table').locator('tbody tr')).toHaveCount(1);
    await expect(page.getByTestId(`perf-row-${staffId}`)).toBeVisible();
    await bothSizes(page, shot, 'staff-own');
    await page.getByTestId(`perf-${staffId}-new`).click();
    await expect(page).toHaveURL(new RegExp(`#/customers\\?createdFrom=2026-10-01&createdTo=2026-12-31&owner=${staffId}$`));
    await expect(page.getByTestId('customer-count')).toHaveText(tr('customers.count_other', { count: 3, formatted: '3' }));
  });
}
