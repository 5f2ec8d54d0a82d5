// The renderer's data cache (TanStack Query, renderer/src/app/query.ts): a write shows on every
// screen that holds the changed data without a reload, and nothing one user loaded is shown to the
// next one after "Switch user" — not even for the moment the new answers take to arrive.
import type { Page } from '@playwright/test';
import { en } from '../i18n-resources.ts';
import { cli, expect, SHOP_PASSWORD as PASSWORD, signIn, test } from './fixtures.ts';

const STAFF_INITIAL = 'first-time-pass-77';
const STAFF_OWN = 'my-own-secret-phrase-88';

test.use({ locale: 'en-US' });

function customerRows(page: Page) {
  return page.getByRole('table', { name: en.customers.tableLabel }).locator('tr[data-customer-id]');
}

test('the list, its count and the detail follow an edit and a delete without a reload', async ({ page, app, shot }) => {
  cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
  cli(app.dataDir, ['seed', '--user', 'boss', '--customers', '20', '--seed', '3']);
  await page.goto(app.url);
  await signIn(page, 'boss', PASSWORD);
  await page.getByRole('link', { name: en.nav.customers, exact: true }).click({ timeout: 30_000 }); // home is Today: the list by the navigation
  const count = page.getByTestId('customer-count');
  await expect(count).toHaveText('20 customers', { timeout: 30_000 }); // the first sign-in opens the database

  // Rename the first customer (the list is sorted by name) to a name that sorts first as well.
  const first = customerRows(page).first();
  const oldName = (await first.locator('td').nth(1).textContent()) ?? '';
  expect(oldName).not.toBe('');
  await first.locator('td').nth(1).getByRole('link').click();
  await expect(page.getByRole('heading', { name: oldName })).toBeVisible();
  await page.getByRole('button', { name: en.common.edit }).click();
  await page.getByLabel(en.customer.name, { exact: true }).fill('AAA Renamed Tea House');
  await page.getByRole('button', { name: en.common.save }).click();
  await expect(page.getByRole('heading', { name: 'AAA Renamed Tea House' })).toBeVisible();

  // Back to the list by the navigation (no reload): the cached first page was marked stale by the save.
  await page.getByRole('link', { name: en.nav.customers, exact: true }).click();
  await expect(customerRows(page).first().locator('td').nth(1)).toHaveText('AAA Renamed Tea House');
  await expect(customerRows(page).filter({ hasText: oldName })).toHaveCount(0);
  await expect(count).toHaveText('20 customers');
  await shot('list-after-edit');

  // Delete it: the count and the list follow, and the recycle bin holds it.
  await customerRows(page).first().locator('td').nth(1).getByRole('link').click();
  await page.getByRole('button', { name: en.common.delete }).click();
  await page.getByRole('dialog').getByRole('button', { name: en.common.delete }).click();
  await expect(count).toHaveText('19 customers');
  await expect(customerRows(page).filter({ hasText: 'AAA Renamed Tea House' })).toHaveCount(0);
  await page.getByRole('button', { name: en.customers.recycleBin }).or(page.getByRole('link', { name: en.customers.recycleBin })).click();
  const bin = page.getByRole('table', { name: en.recycleBin.title });
  await expect(bin.getByRole('row').filter({ hasText: 'AAA Renamed Tea House' })).toBeVisible();
  // Restored from the bin: back in the list with the count, again without a reload.
  await bin.getByRole('button', { name: `${en.recycleBin.restore} AAA Renamed Tea House` }).click();
  await expect(bin.getByRole('row').filter({ hasText: 'AAA Renamed Tea House' })).toHaveCount(0);
  await page.getByRole('link', { name: en.nav.customers, exact: true }).click();
  await expect(count).toHaveText('20 customers');
  await expect(customerRows(page).first().locator('td').nth(1)).toHaveText('AAA Renamed Tea House');
});

test('after Switch user, the next person never sees the previous one\'s list, even while theirs loads', async ({ page, app }) => {
  cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
  cli(app.dataDir, ['seed', '--user', 'boss', '--customers', '20', '--seed', '3']);
  cli(app.dataDir, ['users', 'add', 'lina', '--user', 'boss', '--role', 'staff', '--display-name', 'Li Na'], { CLIENTELE_NEW_PASSWORD: STAFF_INITIAL });
  await page.goto(app.url);
  await signIn(page, 'boss', PASSWORD);
  await page.getByRole('link', { name: en.nav.customers, exact: true }).click({ timeout: 30_000 }); // home is Today: the list by the navigation
  await expect(page.getByTestId('customer-count')).toHaveText('20 customers', { timeout: 30_000 });
  await expect(customerRows(page)).not.toHaveCount(0);

  await page.getByRole('button', { name: new RegExp(`^${en.shell.userMenu}:`) }).click();
  await page.getByRole('menuitem', { name: en.shell.switchUser }).click();
  await signIn(page, 'lina', STAFF_INITIAL);
  await page.getByLabel(en.account.givenPassword).fill(STAFF_INITIAL);
  await page.getByLabel(en.account.newPassword, { exact: true }).fill(STAFF_OWN);
  await page.getByLabel(en.account.confirmNewPassword).fill(STAFF_OWN);

  // Hold the staff member's first customer list and count in the network: whatever the table shows meanwhile
  // can only come from what the page kept, and it must be nothing.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  let listAsked!: () => void;
  const asked = new Promise<void>((resolve) => (listAsked = resolve));
  await page.route('**/api/invoke', async (route) => {
    const body = route.request().postData() ?? '';
    if (body.includes('"method":"customers.list"') || body.includes('"method":"customers.count"')) {
      listAsked();
      await held;
    }
    await route.fallback();
  });
  await page.getByRole('button', { name: en.account.changePassword }).click();
  await expect(page.getByTestId('shop-name')).toHaveText('Corner Shop');
  // The next person starts at home (Today); their list, asked for by the navigation, is held.
  await page.getByRole('link', { name: en.nav.customers, exact: true }).click();
  await asked;
  await expect(page.getByRole('table', { name: en.customers.tableLabel })).toBeVisible();
  await expect(customerRows(page)).toHaveCount(0);
  await expect(page.getByTestId('customer-count')).toHaveText('');
  release();
  await expect(customerRows(page)).not.toHaveCount(0);
  await expect(page.getByTestId('customer-count')).toHaveText('20 customers');
});
