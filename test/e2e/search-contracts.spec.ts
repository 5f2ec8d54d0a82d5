// Contracts in the one search box, in both languages at 1366x768 and 1920x1080: a contract found by
// its number and by its title says it is a contract (icon and word), shows its customer and
// status, and opens the contract page; customers say they are customers; "see all" for contracts
// opens the contract list filtered by the same text.
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
      test(`finds contracts by number and title and opens them at ${viewport.width}x${viewport.height}`, async ({ page, app, shot }) => {
        await page.setViewportSize(viewport);
        cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss'], CLOCK);
        // 300 customers bring about 150 seeded contracts.
        cli(app.dataDir, ['seed', '--user', 'boss', '--customers', '300', '--seed', '5'], CLOCK);
        cli(app.dataDir, ['contracts', 'add', '--user', 'boss', '--customer', 'C000001', '--number', 'HT-2030-0001', '--title', '展台搭建服务合同', '--signed', '2026-10-01', '--start', '2026-10-01', '--end', '2030-12-31'], CLOCK);
        await openShop(page, app.url, strings);
        const box = page.getByRole('combobox', { name: strings.search.label });
        const listbox = page.getByRole('listbox');

        // By its whole number, typed in lower case: the contract first, saying what it is.
        await box.fill('ht-2030-0001');
        await expect(listbox).toHaveAttribute('data-query', 'ht-2030-0001');
        const first = listbox.getByRole('option').first();
        await expect(first).toHaveAttribute('data-kind', 'contract');
        await expect(first).toContainText(strings.search.kind.contract);
        await expect(first).toContainText('展台搭建服务合同');
        await expect(first).toContainText('HT-2030-0001');
        await expect(first.locator('[data-status]')).toHaveAttribute('data-status', 'active');
        await shot(`contract-by-number-${language}-${viewport.width}`);
        await box.press('Enter');
        await expect(page).toHaveURL(/#\/contracts\/\d+$/);
        await expect(page.getByText('HT-2030-0001').first()).toBeVisible();

        // By a fragment of its title.
        await box.fill('展台搭建');
        await expect(listbox).toHaveAttribute('data-query', '展台搭建');
        const byTitle = listbox.locator('[data-kind="contract"]').first();
        await expect(byTitle).toContainText('展台搭建服务合同');
        await byTitle.click();
        await expect(page).toHaveURL(/#\/contracts\/\d+$/);

        // A customer says it is a customer.
        await box.fill('C000001');
        await expect(listbox).toHaveAttribute('data-query', 'C000001');
        await expect(listbox.getByRole('option').first()).toHaveAttribute('data-kind', 'customer');
        await expect(listbox.getByRole('option').first()).toContainText(strings.search.kind.customer);

        // Every seeded number begins with HT: more than a page, so "see all contracts" leads to the list.
        await box.fill('HT');
        await expect(listbox).toHaveAttribute('data-query', 'HT');
        await expect(listbox.locator('[data-kind="contract"]').first()).toBeVisible();
        const seeAll = page.getByTestId('search-see-all-contracts');
        await expect(seeAll).toBeVisible();
        const total = Number((await seeAll.textContent())!.replace(/\D/g, ''));
        expect(total).toBeGreaterThan(100);
        await shot(`see-all-contracts-${language}-${viewport.width}`);
        await seeAll.click();
        await expect(page).toHaveURL(/#\/contracts\?q=HT/);
        await shot(`contract-list-filtered-${language}-${viewport.width}`);
      });
    }
  });
}
