// Service and communication records in the one search box, in both languages at 1366x768 and
// 1920x1080: a record found by a fragment of its text (3 or more characters) says it is a record
// (icon and word), shows its text around the match, its kind, customer and time, and opens the
// record; 1-2 characters find no records (the trigram index needs 3).
import type { Page } from '@playwright/test';
import { en, zh } from '../i18n-resources.ts';
import { cli, expect, SHOP_PASSWORD as PASSWORD, test } from './fixtures.ts';

/** 2026-12-01 09:00 UTC: the core's now, the seed's and the page's (the page in UTC too), so dates never depend on the day the test runs. */
const NOW = Date.UTC(2026, 11, 1, 9, 0);
const CLOCK = { CLIENTELE_TEST_NOW: String(NOW) };

async function openShop(page: Page, url: string, strings: typeof en | typeof zh): Promise<void> {
  await page.clock.setFixedTime(NOW);
  await page.goto(url);
  await page.getByLabel(strings.signin.username).fill('boss');
  await page.getByLabel(strings.signin.password).fill(PASSWORD);
  await page.getByRole('button', { name: strings.signin.submit }).click();
  await expect(page.getByRole('combobox', { name: strings.search.label })).toBeVisible();
}

for (const [language, strings] of [['en-US', en], ['zh-CN', zh]] as const) {
  test.describe(language, () => {
    test.use({ locale: language, timezoneId: 'UTC', appEnv: CLOCK });
    for (const viewport of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
      test(`finds a record by its text and opens it at ${viewport.width}x${viewport.height}`, async ({ page, app, shot }) => {
        await page.setViewportSize(viewport);
        cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss'], CLOCK);
        cli(app.dataDir, ['seed', '--user', 'boss', '--customers', '20', '--seed', '5'], CLOCK);
        cli(app.dataDir, ['records', 'add', '--user', 'boss', '--customer', 'C000001', '--kind', 'service', '--service-kind', 'repair', '--at', '2026-11-30T10:00', '--content', '客户反映打印机卡纸，更换搓纸轮后恢复正常'], CLOCK);
        await openShop(page, app.url, strings);
        const box = page.getByRole('combobox', { name: strings.search.label });
        const listbox = page.getByRole('listbox');

        await box.fill('搓纸轮');
        await expect(listbox).toHaveAttribute('data-query', '搓纸轮');
        const hit = listbox.locator('[data-kind="record"]').first();
        await expect(hit).toContainText(strings.search.kind.record);
        await expect(hit).toContainText('更换搓纸轮后恢复正常');
        await expect(hit).toContainText(strings.search.recordKind.service);
        await shot(`record-by-text-${language}-${viewport.width}`);
        await hit.click();
        await expect(page).toHaveURL(/#\/records\/\d+$/);

        // Two characters: customers and contracts may match, records never (3 or more characters).
        await box.fill('纸轮');
        await expect(listbox.or(page.getByText(strings.search.noResults))).toBeVisible();
        await expect(page.locator('[role="listbox"] [data-kind="record"]')).toHaveCount(0);
      });
    }
  });
}
