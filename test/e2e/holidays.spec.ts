// Holiday care in the browser, in both languages, on a fixed clock (2026-12-02 09:00 UTC for the
// core and the page). With 31 days ahead, Today shows New Year's Day 2027 with the VIP and key
// customers to greet by grade; its page lists them, "Greeted" records a greeting and marks the
// row; once everyone is greeted the festival leaves Today. Screenshots at 1366×768 and 1920×1080.
import type { APIRequestContext, Page } from '@playwright/test';
import { en, zh } from '../i18n-resources.ts';
import { cli, expect, SHOP_PASSWORD as PASSWORD, test, translator } from './fixtures.ts';

const NOW = Date.UTC(2026, 11, 2, 9, 0);

test.use({ viewport: { width: 1366, height: 768 }, appEnv: { CLIENTELE_TEST_NOW: String(NOW) } });

type Messages = typeof en;
type T = ReturnType<typeof translator>;

async function invoke(request: APIRequestContext, url: string, method: string, input: unknown): Promise<unknown> {
  const origin = url.split('#')[0]!.replace(/\/$/, '');
  const token = url.split('#token=')[1]!;
  const response = await request.post(`${origin}/api/invoke`, { headers: { Authorization: `Bearer ${token}` }, data: { method, input } });
  const result = (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value;
}

async function bothSizes(page: Page, shot: (name: string) => Promise<void>, name: string) {
  await shot(`${name}-1366`);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shot(`${name}-1920`);
  await page.setViewportSize({ width: 1366, height: 768 });
}

for (const [locale, messages] of [
  ['en-US', en],
  ['zh-CN', zh as Messages],
] as const) {
  test.describe(`holidays (${locale})`, () => {
    test.use({ locale });
    const t: T = translator(messages);

    test(`New Year's Day in Today with customers to greet; greeted on its page, it leaves Today (${locale})`, async ({ page, app, shot, request }) => {
      test.setTimeout(600_000);
      cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
      await invoke(request, app.url, 'auth.signIn', { username: 'boss', password: PASSWORD });
      await invoke(request, app.url, 'holidays.saveSettings', { daysAhead: 31, grades: ['vip', 'key'], builtins: ['new-year', 'spring-festival'], own: [] });
      await invoke(request, app.url, 'customers.create', { name: '春风茶庄', grade: 'vip' });
      await invoke(request, app.url, 'customers.create', { name: '冬雪商贸', grade: 'key' });
      await invoke(request, app.url, 'customers.create', { name: '普通小店', grade: 'normal' });

      await page.clock.setFixedTime(NOW);
      await page.goto(app.url);
      await expect(page.getByRole('heading', { name: t('signin.title') })).toBeVisible();
      await page.getByLabel(t('signin.username')).fill('boss');
      await page.getByLabel(t('signin.password')).fill(PASSWORD);
      await page.getByRole('button', { name: t('signin.submit') }).click();
      const section = page.locator('section[data-section="holidays"]');
      await expect(section).toBeVisible({ timeout: 30_000 });
      const item = section.locator('li[data-festival="new-year"]');
      await expect(item).toContainText(t('holidays.festivals.new-year'));
      await expect(item.getByTestId('holiday-counts')).toContainText(t('holidays.gradeCount', { grade: t('customer.grades.vip'), left: 1, total: 1 }));
      await section.scrollIntoViewIfNeeded();
      await bothSizes(page, shot, `holidays-today-${locale}`);

      await item.getByRole('link', { name: t('holidays.festivals.new-year') }).click();
      await expect(page.getByRole('heading', { name: t('holidays.pageTitle', { festival: t('holidays.festivals.new-year'), year: 2027 }) })).toBeVisible();
      const rows = page.locator('tr[data-customer-id]');
      await expect(rows).toHaveCount(2);
      await page.getByRole('button', { name: t('holidays.greetOf', { name: '春风茶庄' }) }).click();
      await expect(page.locator('tr[data-greeted="yes"]')).toHaveCount(1);
      await expect(page.getByTestId('holiday-summary')).toContainText(t('holidays.greetedOf', { greeted: 1, total: 2 }));
      await bothSizes(page, shot, `holidays-page-${locale}`);
      await page.getByRole('button', { name: t('holidays.greetOf', { name: '冬雪商贸' }) }).click();
      await expect(page.locator('tr[data-greeted="yes"]')).toHaveCount(2);

      // Everyone greeted: the festival leaves Today.
      await page.goto(`${app.url.split('#')[0]}#/`);
      await expect(page.locator('section[data-section="holidays"]')).toContainText(t('holidays.noneComing'));
    });
  });
}
