// The idle lock, on the page's own clock (Playwright's page.clock, installed before the app loads):
// the owner's 10 idle minutes pass at once, with no real wait. The lock covers a half-filled form,
// signing back in continues it; while locked the page calls the server for nothing; "Switch user"
// from the lock screen starts clean, with no notice of the previous user left on screen.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { cliEntry } from '../cli-bundle.ts';
import { en } from '../i18n-resources.ts';
import { expect, signIn, test } from './fixtures.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const PASSWORD = 'a-long-shop-password-42';

test.use({ locale: 'en-US', viewport: { width: 1366, height: 768 } });

function setUpShop(dataDir: string): void {
  for (const args of [['init', '--shop', 'Corner Shop', '--owner', 'boss'], ['seed', '--user', 'boss', '--customers', '20']]) {
    const run = spawnSync(process.execPath, [cliEntry(), ...args, '--data-dir', dataDir], {
      cwd: ROOT,
      env: { ...process.env, CLIENTELE_PASSWORD: PASSWORD },
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
  }
}

/** Every call the page makes to the core, by method. */
function recordCalls(page: Page): string[] {
  const calls: string[] = [];
  page.on('request', (request) => {
    if (!request.url().endsWith('/api/invoke')) return;
    const body = request.postDataJSON() as { method?: string } | null;
    calls.push(body?.method ?? '?');
  });
  return calls;
}

test('the idle lock keeps a half-filled form, calls nothing while locked; switch user starts clean', async ({ page, app, shot }) => {
  setUpShop(app.dataDir);
  await page.clock.install();
  const calls = recordCalls(page);
  await page.goto(app.url);
  await signIn(page, 'boss', PASSWORD);
  await page.getByRole('link', { name: en.nav.customers, exact: true }).click({ timeout: 30_000 }); // home is Today: the list by the navigation
  await page.getByRole('button', { name: en.customers.new }).first().click();
  await page.getByLabel(en.customer.name, { exact: true }).fill('Half Typed Trading');
  await page.getByLabel(en.customer.notes).fill('Call back about the spring order');

  // Hands off the keyboard for the shop's 10 minutes: the lock screen covers the app.
  const lock = page.getByRole('dialog', { name: en.lock.title });
  await page.clock.fastForward('09:00');
  await expect(lock).toBeHidden();
  await page.clock.fastForward('01:01');
  await expect(lock).toBeVisible();
  await expect(lock.getByLabel(en.signin.username)).toHaveValue('boss');
  await expect.poll(() => calls.at(-1)).toBe('auth.signOut');
  await shot('locked');

  // Locked, the page asks the server nothing, however long it stays so.
  const atLock = calls.length;
  for (let i = 0; i < 6; i++) await page.clock.fastForward('10:00');
  await page.mouse.move(200, 200);
  await page.mouse.move(300, 300);
  await page.clock.fastForward('02:00');
  expect(calls.slice(atLock)).toEqual([]);

  await lock.getByLabel(en.signin.password).fill('not-the-password');
  await lock.getByRole('button', { name: en.lock.unlock }).click();
  await expect(lock.getByText(en.errors.BAD_PASSWORD)).toBeVisible();
  await lock.getByLabel(en.signin.password).fill(PASSWORD);
  await lock.getByRole('button', { name: en.lock.unlock }).click();
  await expect(lock).toBeHidden();
  await expect(page.getByLabel(en.customer.name, { exact: true })).toHaveValue('Half Typed Trading');
  await expect(page.getByLabel(en.customer.notes)).toHaveValue('Call back about the spring order');

  // A notice on screen, then "Switch user" from the menu: none of it is left for the next person.
  await page.getByRole('button', { name: en.common.save }).click();
  const saved = page.getByRole('alert').filter({ hasText: 'Half Typed Trading' });
  await expect(saved).toBeVisible();
  await page.getByRole('button', { name: new RegExp(`^${en.shell.userMenu}:`) }).click();
  await page.getByRole('menuitem', { name: en.shell.switchUser }).click();
  await expect(page.getByRole('heading', { name: en.signin.title })).toBeVisible();
  await expect(saved).toHaveCount(0);

  // Locked again; this time someone else takes over from the lock screen: sign-in starts empty
  // and so does the app.
  await signIn(page, 'boss', PASSWORD);
  await page.getByRole('link', { name: en.nav.customers, exact: true }).click({ timeout: 30_000 }); // home is Today: the list by the navigation
  await page.getByRole('button', { name: en.customers.new }).first().click();
  await page.getByLabel(en.customer.name, { exact: true }).fill('Someone Else Trading');
  await page.clock.fastForward('10:01');
  await expect(lock).toBeVisible();
  // Keys and the history reach the app underneath (Alt+N opens a new customer, Back goes to the
  // list): it may change its screen, but asks the server nothing, then or after "Switch user".
  const atSecondLock = calls.length;
  await page.keyboard.press('Alt+KeyN');
  await page.evaluate(() => history.back());
  await page.clock.fastForward('02:00');
  await expect(lock).toBeVisible();
  expect(calls.slice(atSecondLock)).toEqual([]);
  await lock.getByRole('button', { name: en.lock.switchUser }).click();
  await expect(page.getByRole('heading', { name: en.signin.title })).toBeVisible();
  await expect(page.getByLabel(en.signin.username)).toHaveValue('');
  expect(calls.slice(atSecondLock)).toEqual([]);
  await signIn(page, 'boss', PASSWORD);
  await expect(page.getByRole('heading', { name: en.today.title, level: 1 })).toBeVisible(); // home, as for anyone signing in
  await expect(page.getByLabel(en.customer.name, { exact: true })).toHaveCount(0);
});
