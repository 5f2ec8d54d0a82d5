// Holiday care's own page in both languages, on a fixed clock (2026-12-02): the navigation entry
// beside Today opens #/holidays, the festivals of the next 12 months with their days and customers
// to greet; a festival opens its page. Then a list opened from staff performance with filters it
// has no field for shows them as chips in words, and a chip clears its filter.
import type { APIRequestContext, Page } from '@playwright/test';
import { en, zh } from '../i18n-resources.ts';
import { cli, expect, SHOP_PASSWORD as PASSWORD, test, translator } from './fixtures.ts';

const NOW = Date.UTC(2026, 11, 2, 9, 0);

test.use({ viewport: { width: 1366, height: 768 }, appEnv: { CLIENTELE_TEST_NOW: String(NOW) } });

type Messages = typeof en;

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
  test.describe(`holidays list (${locale})`, () => {
    test.use({ locale });
    const t = translator(messages);

    test(`the festivals of the next 12 months, and drill-down chips (${locale})`, async ({ page, app, shot, request }) => {
      test.setTimeout(600_000);
      cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
      await invoke(request, app.url, 'auth.signIn', { username: 'boss', password: PASSWORD });
      await invoke(request, app.url, 'holidays.saveSettings', { daysAhead: 14, grades: ['vip', 'key'], builtins: ['new-year', 'spring-festival', 'mid-autumn', 'national-day'], own: [] });
      await invoke(request, app.url, 'customers.create', { name: '春风茶庄', grade: 'vip' });
      await invoke(request, app.url, 'customers.create', { name: '冬雪商贸', grade: 'key' });

      await page.clock.setFixedTime(NOW);
      await page.goto(app.url);
      await page.getByLabel(t('signin.username')).fill('boss');
      await page.getByLabel(t('signin.password')).fill(PASSWORD);
      await page.getByRole('button', { name: t('signin.submit') }).click();
      await page.getByRole('link', { name: t('nav.holidays') }).click();
      await expect(page.getByRole('heading', { name: t('holidays.listTitle') })).toBeVisible({ timeout: 30_000 });
      const rows = page.getByTestId('holidays-list').locator('tbody tr');
      await expect(rows).toHaveCount(4);
      await expect(rows.first()).toHaveAttribute('data-festival', 'new-year');
      await expect(rows.first().getByTestId('holiday-to-greet')).toHaveText('2');
      await bothSizes(page, shot, `holidays-list-${locale}`);
      await page.getByRole('link', { name: t('holidays.festivals.mid-autumn') }).click();
      await expect(page.getByRole('heading', { name: t('holidays.pageTitle', { festival: t('holidays.festivals.mid-autumn'), year: 2027 }) })).toBeVisible();

      // A complaints list as staff performance opens it: its filters are chips in words.
      const base = app.url.split('#')[0];
      await page.goto(`${base}#/complaints?owner=1&closedFrom=2026-11-01&closedTo=2026-11-30&onTime=true`);
      await expect(page.getByTestId('filter-closed')).toContainText(t('performanceDrill.closed', { from: '2026-11-01', to: '2026-11-30' }));
      await expect(page.getByTestId('filter-onTime')).toContainText(t('performanceDrill.onTime'));
      await expect(page.getByTestId('filter-ownerId')).toBeVisible();
      await bothSizes(page, shot, `complaints-chips-${locale}`);
      await page.getByTestId('filter-onTime').locator('.MuiChip-deleteIcon').click();
      await expect(page.getByTestId('filter-onTime')).toHaveCount(0);
      await expect(page.getByTestId('filter-closed')).toBeVisible();
      await page.goto(`${base}#/customers?owner=1&returnDueBy=2026-12-02`);
      await expect(page.getByTestId('filter-returnDueBy')).toContainText(t('performanceDrill.returnDueBy', { date: '2026-12-02' }));
      await bothSizes(page, shot, `customers-chips-${locale}`);
      await page.goto(`${base}#/visits/list?staffId=1&from=2026-11-01&to=2026-11-30&notCancelled=true`);
      await expect(page.getByTestId('filter-notCancelled')).toContainText(t('performanceDrill.notCancelled'));
      await shot(`visits-chips-${locale}-1366`);
      await page.goto(`${base}#/satisfaction?owner=1`);
      await expect(page.getByTestId('filter-ownerId')).toContainText(t('performanceDrill.owner', { name: 'boss' }));
      await shot(`surveys-chips-${locale}-1366`);
      await page.goto(`${base}#/churn?owner=1`);
      await expect(page.getByTestId('filter-ownerId')).toContainText(t('performanceDrill.owner', { name: 'boss' }));
      await page.getByTestId('filter-ownerId').locator('.MuiChip-deleteIcon').click();
      await expect(page.getByTestId('filter-ownerId')).toHaveCount(0);
    });
  });
}
