// The visits list (#/visits/list) in the browser, in both languages, on a fixed clock (the core's
// CLIENTELE_TEST_NOW and the page's own, 2026-12-01 09:00 UTC, page in UTC). The dashboard's
// "visits per staff member" counts each staff member's visits done in the period; clicking a bar
// (and, the keyboard's way, the number in its table) opens the list of exactly those visits with
// the same count. The agenda reaches the list by its List toggle. Screenshots at 1366×768 and
// 1920×1080, a long Chinese staff name and long customer names.
import type { APIRequestContext, Page } from '@playwright/test';
import { en, zh } from '../i18n-resources.ts';
import { cli, expect, SHOP_PASSWORD as PASSWORD, signIn, switchLanguage, test, translator } from './fixtures.ts';

test.use({ locale: 'en-US', timezoneId: 'UTC', viewport: { width: 1366, height: 768 } });

/** 2026-12-01 09:00 UTC: the dashboard's default period is 2026-01 … 2026-12. */
const NOW = Date.UTC(2026, 11, 1, 9, 0);
const STAFF_PASSWORD = 'first-time-pass-77';
const STAFF_NAME = '欧阳诸葛明月';
const LONG = '杭州西湖区文三路华星科技精密机械制造有限公司';

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
 * The staff member: 3 visits done in 2026 (counted), one done in December 2025 (before the period),
 * one planned and one cancelled in 2026 (not done). The owner: one visit done in 2026.
 */
async function makeShop(request: APIRequestContext, url: string, dataDir: string): Promise<{ staffId: number }> {
  cli(dataDir, ['init', '--shop', '张三五金店', '--owner', 'boss']);
  const api = caller(request, url);
  const me = await api<{ user: { id: number } }>('auth.signIn', { username: 'boss', password: PASSWORD });
  const staff = await api<{ id: number }>('users.create', { username: 'wang', displayName: STAFF_NAME, role: 'staff', password: STAFF_PASSWORD });
  const customer = async (name: string) => (await api<{ id: number }>('customers.create', { name })).id;
  const long = await customer(LONG);
  const other = await customer('成都锦江区春熙路百货商店');
  const plan = async (customerId: number, staffId: number, onDay: string, purpose: string) =>
    (await api<{ visit: { id: number; version: number } }>('visits.create', { customerId, staffId, onDay, startMinute: 9 * 60 + 30, purpose })).visit;
  const done = async (customerId: number, staffId: number, onDay: string, purpose: string) => {
    const visit = await plan(customerId, staffId, onDay, purpose);
    await api('visits.complete', { id: visit.id, version: visit.version, outcome: '见面了，谈妥下一步', record: { kind: 'communication', channel: 'visit' } });
  };
  await done(long, staff.id, '2026-03-10', '年度设备巡检，确认明年维保合同续签意向，并讨论新增两台空调机组的报价');
  await done(other, staff.id, '2026-06-02', '季度对账与发票核对');
  await done(long, staff.id, '2026-11-20', '回访培训效果');
  await done(other, staff.id, '2025-12-15', '去年的拜访');
  await plan(long, staff.id, '2026-12-05', '计划中的拜访');
  const cancelled = await plan(other, staff.id, '2026-08-08', '取消的拜访');
  await api('visits.setStatus', { id: cancelled.id, version: cancelled.version, status: 'cancelled' });
  await done(other, me.user.id, '2026-05-05', '老板亲自拜访');
  return { staffId: staff.id };
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

  test(`the dashboard's visits bar opens the visits list with the same count (${lng})`, async ({ page, app, shot, request }) => {
    test.setTimeout(120_000);
    const { staffId } = await makeShop(request, app.url, app.dataDir);
    await page.clock.setFixedTime(NOW);
    await page.goto(app.url);
    await signIn(page, 'boss', PASSWORD);
    if (lng === 'zh-CN') await switchLanguage(page, 'zh-CN');
    await page.getByRole('link', { name: T.nav.reports }).click();
    const visits = page.getByTestId('dash-visits');
    await expect(visits).toBeVisible();

    // The bars: the staff member first (3), then the owner (1). The staff member's bar → their list.
    const bars = visits.locator('.MuiBarChart-element');
    await expect(bars).toHaveCount(2);
    await bars.nth(0).click();
    const expected = `staffId=${staffId}&status=done&from=2026-01-01&to=2026-12-31`;
    await expect(page).toHaveURL(new RegExp(`#/visits/list\\?${expected}$`));
    await expect(page.getByRole('heading', { name: T.visits.title, level: 1 })).toBeVisible();
    const count = page.getByTestId('visit-list-count').locator('[data-count]');
    await expect(count).toHaveAttribute('data-count', '3');
    await expect(count).toHaveText(tr('visitList.count_other', { count: 3, formatted: '3' }));
    const rows = page.locator('[data-visit-id]');
    await expect(rows).toHaveCount(3);
    // Newest first; every row the staff member's and done.
    await expect(rows.nth(0)).toContainText('回访培训效果');
    await expect(rows.nth(2)).toContainText('年度设备巡检');
    for (let i = 0; i < 3; i += 1) {
      await expect(rows.nth(i)).toContainText(STAFF_NAME);
      await expect(rows.nth(i).locator('[data-status="done"]')).toBeVisible();
    }
    await bothSizes(page, shot, 'visits-list');

    // A row opens the visit, as the agenda's card does.
    await rows.nth(0).click();
    await expect(page).toHaveURL(/#\/visits\/\d+$/);
    await page.goBack();
    await expect(count).toHaveAttribute('data-count', '3');

    // The number in the figure's table (the keyboard's way): the owner's single visit.
    await page.goBack();
    await expect(visits).toBeVisible();
    await visits.getByRole('button', { name: T.reports.showTable }).click();
    const ownerLink = visits.getByRole('link').nth(1);
    await expect(ownerLink).toHaveText('1');
    await ownerLink.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/visits\/list\?staffId=\d+&status=done&from=2026-01-01&to=2026-12-31$/);
    await expect(count).toHaveAttribute('data-count', '1');
    await expect(rows).toHaveCount(1);
    await expect(rows.nth(0)).toContainText('老板亲自拜访');

    // Clearing the filters: every visit of the shop (7), still newest first.
    await page.getByRole('button', { name: T.visitList.clearFilters }).click();
    await expect(page).toHaveURL(/#\/visits\/list$/);
    await expect(count).toHaveAttribute('data-count', '7');

    // The agenda's List toggle opens the list of the agenda's staff member.
    await page.goto(`${app.url.split('#')[0]!.replace(/\/$/, '')}#/visits?view=week&day=2026-12-01&staff=${staffId}`);
    await expect(page.getByTestId('agenda-range')).toBeVisible();
    await shot('agenda-with-list-toggle');
    await page.getByRole('button', { name: T.visits.list, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`#/visits/list\\?staffId=${staffId}$`));
    await expect(count).toHaveAttribute('data-count', '6');
    await expect(page.getByRole('button', { name: T.visits.list, exact: true })).toHaveAttribute('aria-pressed', 'true');
  });
}
