// The customer list on a seeded shop: the count, a filter (sent to the core, not applied in the
// page), and paging as the list scrolls. On a fixed clock (the core's, the seed's and the page's,
// the page in UTC) so the seeded dates the list shows are the same every run.
import { en } from '../i18n-resources.ts';
import { cli, expect, SHOP_PASSWORD as PASSWORD, test } from './fixtures.ts';

/** 2026-12-01 09:00 UTC. */
const NOW = Date.UTC(2026, 11, 1, 9, 0);
const CLOCK = { CLIENTELE_TEST_NOW: String(NOW) };

test.use({ locale: 'en-US', timezoneId: 'UTC', appEnv: CLOCK });

test('count, grade filter and paging on 300 seeded customers', async ({ page, app, shot }) => {
  cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss'], CLOCK);
  cli(app.dataDir, ['seed', '--user', 'boss', '--customers', '300', '--seed', '5'], CLOCK);
  await page.clock.setFixedTime(NOW);
  await page.goto(app.url);
  await page.getByLabel(en.signin.username).fill('boss');
  await page.getByLabel(en.signin.password).fill(PASSWORD);
  await page.getByRole('button', { name: en.signin.submit }).click();
  await page.goto(`${app.url.split('#')[0]}#/customers`);
  const count = page.getByTestId('customer-count');
  await expect(count).toHaveText('300 customers');
  const table = page.getByRole('table', { name: en.customers.tableLabel });
  // Scrolling to the end loads the later pages, 50 rows at a time, until the list says it is complete.
  await expect(table.getByRole('row')).not.toHaveCount(0);
  for (let i = 0; i < 10 && !(await page.getByText(en.common.endOfList).isVisible()); i++) {
    await page.mouse.wheel(0, 5000);
    await page.getByText(en.common.endOfList).or(page.getByText(en.common.loadingMore)).or(page.getByRole('button', { name: en.common.loadMore })).first().waitFor();
  }
  await expect(page.getByText(en.common.endOfList)).toBeVisible();
  await page.getByLabel(en.customers.filterGrade).selectOption('vip');
  await expect(count).not.toHaveText('300 customers');
  await expect(count).toHaveText(/^\d+ customers?$/);
  const grades = await table.getByRole('row').filter({ has: page.getByRole('cell') }).evaluateAll((rows) =>
    rows.map((row) => row.querySelectorAll('td')[2]?.textContent ?? '').filter((text) => text !== ''),
  );
  expect(grades.length).toBeGreaterThan(0);
  expect(new Set(grades)).toEqual(new Set([en.customer.grades.vip]));
  await shot('filtered-vip');

  // Away and back by the navigation (a link without a query): the list remembers its filter.
  await page.getByRole('link', { name: en.nav.settings }).click();
  await page.getByRole('link', { name: en.nav.customers }).click();
  await expect(page).toHaveURL(/grade=vip/);
  await expect(count).not.toHaveText('300 customers');
  // Clearing every filter shows the whole list, and it stays so (the remembered filter does not come back).
  await page.getByRole('button', { name: en.customers.clearFilters }).click();
  await expect(count).toHaveText('300 customers');
  await expect(page.getByLabel(en.customers.filterGrade)).toHaveValue('');
  await expect(page).not.toHaveURL(/grade=/);
  await page.getByRole('link', { name: en.nav.settings }).click();
  await page.getByRole('link', { name: en.nav.customers }).click();
  await expect(count).toHaveText('300 customers');
  await expect(page.getByLabel(en.customers.filterGrade)).toHaveValue('');
  await shot('filters-cleared');
});

test('filters and sort survive a reload; code, region and stage sort', async ({ page, app, shot }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss'], CLOCK);
  cli(app.dataDir, ['seed', '--user', 'boss', '--customers', '300', '--seed', '5'], CLOCK);
  await page.clock.setFixedTime(NOW);
  await page.goto(app.url);
  await page.getByLabel(en.signin.username).fill('boss');
  await page.getByLabel(en.signin.password).fill(PASSWORD);
  await page.getByRole('button', { name: en.signin.submit }).click();
  await page.getByRole('link', { name: en.nav.customers, exact: true }).click({ timeout: 30_000 }); // home is Today: the list by the navigation
  const count = page.getByTestId('customer-count');
  await expect(count).toHaveText('300 customers', { timeout: 30_000 }); // the first sign-in opens the database
  const table = page.getByRole('table', { name: en.customers.tableLabel });
  const column = async (index: number) =>
    // Customer rows only (not the spacer and "load more" rows).
    table.locator('tr[data-customer-id]').evaluateAll((rows, i) => rows.map((row) => row.querySelectorAll('td')[i]?.textContent ?? ''), index);

  await page.getByLabel(en.customers.filterStage).selectOption('active');
  await expect(count).not.toHaveText('300 customers');
  const filtered = await count.textContent();
  await table.getByRole('button', { name: en.customer.region }).click();
  await expect(table.getByRole('columnheader', { name: en.customer.region })).toHaveAttribute('aria-sort', 'ascending');
  const regionsBefore = await column(5);
  expect(regionsBefore.length).toBeGreaterThan(0);

  await page.reload();
  await expect(count).toHaveText(filtered!);
  await expect(page.getByLabel(en.customers.filterStage)).toHaveValue('active');
  await expect(table.getByRole('columnheader', { name: en.customer.region })).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(() => column(5)).toEqual(regionsBefore);
  expect(new Set(await column(3))).toEqual(new Set([en.customer.stages.active]));
  await shot('region-sort-after-reload-en');

  // Descending code: the newest code first.
  await table.getByRole('button', { name: en.customers.columns.code }).click();
  await table.getByRole('button', { name: en.customers.columns.code }).click();
  await expect(table.getByRole('columnheader', { name: en.customers.columns.code })).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(async () => {
    const codes = await column(0);
    return codes.length > 1 && codes.every((code, i) => i === 0 || codes[i - 1]! > code);
  }).toBe(true);
  // Stage in lifecycle order, over every stage.
  await page.getByLabel(en.customers.filterStage).selectOption('');
  await table.getByRole('button', { name: en.customers.columns.stage }).click();
  await expect(table.getByRole('columnheader', { name: en.customers.columns.stage })).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(async () => (await column(3))[0]).toBe(en.customer.stages.lead);
  await page.getByRole('button', { name: /^(Language|语言):/ }).first().click();
  await page.getByRole('menuitem', { name: '简体中文' }).click();
  await shot('stage-sort-zh');
});
