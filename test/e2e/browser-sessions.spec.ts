// Browser mode: the printed address opens the door, not a session. A second browser with the same
// address lands on sign-in; each browser signs in and out on its own; an address without its token
// (or from an earlier start) says where the right one comes from, in both languages.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { en, zh } from '../i18n-resources.ts';
import { expect, test } from './fixtures.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const PASSWORD = 'a-long-shop-password-42';

test.use({ locale: 'en-US' });

function setUpShop(dataDir: string): void {
  const run = spawnSync(process.execPath, [resolve(ROOT, 'electron/cli/bin.mjs'), 'init', '--data-dir', dataDir, '--shop', 'Corner Shop', '--owner', 'boss'], {
    cwd: ROOT,
    env: { ...process.env, CLIENTELE_PASSWORD: PASSWORD },
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
}

async function signIn(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: en.signin.title })).toBeVisible();
  await page.getByLabel(en.signin.username).fill('boss');
  await page.getByLabel(en.signin.password).fill(PASSWORD);
  await page.getByRole('button', { name: en.signin.submit }).click();
  await expect(page.getByTestId('shop-name')).toHaveText('Corner Shop');
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^${en.shell.userMenu}:`) }).click();
  await page.getByRole('menuitem', { name: en.shell.signOut }).click();
  await expect(page.getByRole('heading', { name: en.signin.title })).toBeVisible();
}

test('a second browser opening the printed address lands on sign-in; signing out in one leaves the other signed in', async ({ page, app, browser, shot }) => {
  setUpShop(app.dataDir);
  await page.goto(app.url);
  await signIn(page);

  const other = await browser.newContext({ locale: 'en-US', viewport: { width: 1366, height: 768 } });
  try {
    const second = await other.newPage();
    await second.goto(app.url);
    await expect(second.getByRole('heading', { name: en.signin.title })).toBeVisible();
    await expect(second.getByTestId('shop-name')).toHaveCount(0);
    await second.screenshot({ path: resolve(ROOT, 'test/artifacts/e2e/second-browser-sign-in.png'), fullPage: true });
    // The session lives in an HttpOnly cookie the page's scripts cannot read.
    const cookies = await page.context().cookies();
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await signIn(second);

    // Signing out in the first browser ends its session only.
    await signOut(page);
    await shot('first-signed-out');
    await second.reload();
    await expect(second.getByTestId('shop-name')).toHaveText('Corner Shop');
    await second.getByRole('link', { name: en.nav.customers }).first().click();
    await expect(second.getByRole('heading', { name: en.signin.title })).toHaveCount(0);

    // And the first browser, reloaded, is still signed out.
    await page.reload();
    await expect(page.getByRole('heading', { name: en.signin.title })).toBeVisible();
  } finally {
    await other.close();
  }
});

for (const locale of ['en-US', 'zh-CN'] as const) {
  test.describe(`without the printed address (${locale})`, () => {
    test.use({ locale, viewport: { width: 1366, height: 768 } });
    const [first, second] = locale === 'zh-CN' ? [zh, en] : [en, zh];

    test(`no token: says where the address comes from, in both languages (${locale})`, async ({ page, app, shot }) => {
      setUpShop(app.dataDir);
      await page.goto(app.url.split('#')[0]!);
      await expect(page.getByRole('heading', { level: 1, name: first.signin.launchTitle })).toBeVisible();
      await expect(page.getByRole('heading', { level: 2, name: second.signin.launchTitle })).toBeVisible();
      const plain = (text: string) => text.replace(/<\/?code>/g, '');
      await expect(page.getByText(plain(first.signin.launchBody))).toBeVisible();
      await expect(page.getByText(plain(second.signin.launchBody))).toBeVisible();
      await expect(page.getByText(first.signin.launchEarlier)).toHaveCount(0);
      // Nothing to retry and no sign-in form: only the right address helps.
      await expect(page.getByRole('button')).toHaveCount(0);
      await expect(page.getByLabel(first.signin.password)).toHaveCount(0);
      await shot(`no-token-${locale}`);
      await page.setViewportSize({ width: 1920, height: 1080 });
      await shot(`no-token-${locale}-1920`);
    });

    test(`an address from an earlier start says so (${locale})`, async ({ page, app, shot }) => {
      setUpShop(app.dataDir);
      await page.goto(`${app.url.split('#')[0]}#token=from-an-earlier-start-0123456789`);
      await expect(page.getByRole('heading', { level: 1, name: first.signin.launchTitle })).toBeVisible();
      await expect(page.getByText(first.signin.launchEarlier)).toBeVisible();
      await expect(page.getByText(second.signin.launchEarlier)).toBeVisible();
      await shot(`stale-token-${locale}`);
    });
  });
}
