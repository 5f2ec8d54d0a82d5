// Access control in the browser: the owner adds a staff user in Settings → Users; the staff user
// (after "Switch user") must first choose their own password and sees no owner settings; the owner's
// audit log verifies. (The idle lock has its own spec, on the page's clock: idle-lock.spec.ts.)
// The shop is set up from the CLI into the test's data dir, as signin.spec.ts does.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { cliEntry } from '../cli-bundle.ts';
import { en, zh } from '../i18n-resources.ts';
import { cli, expect, SHOP_PASSWORD as PASSWORD, signIn, switchLanguage, test } from './fixtures.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const STAFF_INITIAL = 'first-time-pass-77';
const STAFF_OWN = 'my-own-secret-phrase-88';

test.use({ locale: 'en-US' });

function setUpShop(dataDir: string): void {
  cli(dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
  cli(dataDir, ['seed', '--user', 'boss', '--customers', '20']);
}

function userMenu(page: Page) {
  return page.getByRole('button', { name: new RegExp(`^(${en.shell.userMenu}|${zh.shell.userMenu}):`) });
}

test('owner adds a staff user, who must choose a password and sees no owner settings', async ({ page, app, shot }) => {
  setUpShop(app.dataDir);
  await page.goto(app.url);
  await signIn(page, 'boss', PASSWORD);
  await expect(page.getByTestId('shop-name')).toHaveText('Corner Shop');

  // Settings → Users (the owner's first tab)
  await page.getByRole('link', { name: en.nav.settings }).click();
  await expect(page.getByRole('tab', { name: en.settings.tabs.users })).toHaveAttribute('aria-selected', 'true');
  const users = page.getByRole('table', { name: en.users.tableLabel });
  await expect(users.getByRole('row', { name: /boss/ })).toBeVisible();

  await page.getByRole('button', { name: en.users.add }).click();
  const dialog = page.getByRole('dialog', { name: en.users.addTitle });
  await dialog.getByLabel(en.users.username).fill('lina');
  await dialog.getByLabel(en.users.displayName).fill('Li Na');
  await dialog.getByLabel(en.users.role).selectOption('staff');
  // The core refuses the most common passwords; the message sits on the field.
  await dialog.getByLabel(en.users.initialPassword, { exact: true }).fill('password123');
  await dialog.getByLabel(en.users.confirmInitialPassword).fill('password123');
  await dialog.getByRole('button', { name: en.users.addSubmit }).click();
  await expect(dialog.getByText(en.validation.commonPassword)).toBeVisible();
  await dialog.getByLabel(en.users.initialPassword, { exact: true }).fill(STAFF_INITIAL);
  await dialog.getByLabel(en.users.confirmInitialPassword).fill(STAFF_INITIAL);
  await dialog.getByRole('button', { name: en.users.addSubmit }).click();
  await expect(dialog).toBeHidden();
  const lina = users.getByRole('row', { name: /lina/ });
  await expect(lina).toContainText('Li Na');
  await expect(lina).toContainText(en.roles.staff);
  await expect(lina).toContainText(en.users.status.mustChange);
  const added = page.getByRole('alert').filter({ hasText: en.users.added.replace('{{name}}', 'lina') });
  await added.getByRole('button', { name: 'Close' }).click();
  await expect(added).toBeHidden();
  await shot('users-en');
  await switchLanguage(page, 'zh-CN');
  await expect(page.getByRole('tab', { name: zh.settings.tabs.users })).toBeVisible();
  await expect(page.getByRole('table', { name: zh.users.tableLabel }).getByRole('row', { name: /lina/ })).toContainText(zh.users.status.mustChange);
  await shot('users-zh');
  await switchLanguage(page, 'en-US');

  // Switch user: an empty sign-in form, nothing of the owner's session kept
  await userMenu(page).click();
  await page.getByRole('menuitem', { name: en.shell.switchUser }).click();
  await expect(page.getByRole('heading', { name: en.signin.title })).toBeVisible();
  await expect(page.getByLabel(en.signin.username)).toHaveValue('');

  // The staff user signs in with the initial password and must choose their own first
  await signIn(page, 'lina', STAFF_INITIAL);
  await expect(page.getByRole('heading', { name: en.account.forcedTitle })).toBeVisible();
  await page.getByLabel(en.account.givenPassword).fill(STAFF_INITIAL);
  await page.getByLabel(en.account.newPassword, { exact: true }).fill(STAFF_OWN);
  await page.getByLabel(en.account.confirmNewPassword).fill(STAFF_OWN);
  await shot('forced-password-change');
  await page.getByRole('button', { name: en.account.changePassword }).click();
  await expect(page.getByTestId('shop-name')).toHaveText('Corner Shop');
  await expect(userMenu(page)).toContainText('Li Na');

  // Staff: the dashboard of their own customers (Reports), no value grading (the owner's), and
  // Settings has only their own account
  await expect(page.getByRole('link', { name: en.nav.reports })).toHaveCount(1);
  await expect(page.getByRole('link', { name: 'Value grading' })).toHaveCount(0);
  await page.getByRole('link', { name: en.nav.settings }).click();
  await expect(page.getByRole('heading', { name: en.account.title })).toBeVisible();
  await expect(page.getByRole('tab', { name: en.settings.tabs.users })).toHaveCount(0);
  await expect(page.getByRole('tab', { name: en.settings.tabs.audit })).toHaveCount(0);
  await page.goto(`${app.url.split('#')[0]}#/settings/users`);
  await expect(page.getByText(en.settings.ownerOnly)).toBeVisible();
  await expect(page.getByRole('table', { name: en.users.tableLabel })).toHaveCount(0);
  await shot('staff-settings');
});

test('the owner reads and verifies the audit log', async ({ page, app, shot }) => {
  setUpShop(app.dataDir);
  await page.goto(app.url);
  await signIn(page, 'boss', PASSWORD);
  await expect(page.getByTestId('shop-name')).toHaveText('Corner Shop');

  // A settings change, so the log has a "before → after" to show
  await page.getByRole('link', { name: en.nav.settings }).click();
  await page.getByRole('tab', { name: en.settings.tabs.security }).click();
  await page.getByLabel(en.security.maskContacts).check();
  await page.getByRole('button', { name: en.common.save }).click();
  await expect(page.getByText(en.security.saved)).toBeVisible();

  await page.getByRole('tab', { name: en.settings.tabs.audit }).click();
  await expect(page.getByRole('tab', { name: en.settings.tabs.audit })).toHaveAttribute('aria-selected', 'true');
  const log = page.getByRole('table', { name: en.audit.tableLabel });
  const change = log.getByRole('row').filter({ hasText: en.audit.actions.settings.update });
  await expect(change).toContainText(`${en.audit.fields.maskContacts}: ${en.common.no} → ${en.common.yes}`);
  await expect(log.getByRole('row').filter({ hasText: en.audit.actions.system.seed })).toHaveCount(1);

  await page.getByRole('button', { name: en.audit.verify }).click();
  await expect(page.getByRole('status')).toHaveText(/^The log is intact \(\d+ entries checked\)\.$/);
  await shot('audit-en');

  await switchLanguage(page, 'zh-CN');
  await expect(page.getByRole('table', { name: zh.audit.tableLabel }).getByRole('row').filter({ hasText: zh.audit.actions.settings.update })).toContainText(
    `${zh.audit.fields.maskContacts}: ${zh.common.no} → ${zh.common.yes}`,
  );
  await page.getByRole('button', { name: zh.audit.verify }).click();
  await expect(page.getByRole('status')).toHaveText(/^日志完整（已校验 \d+ 条）。$/);
  await shot('audit-zh');
  await switchLanguage(page, 'en-US');
});

test('a forgotten owner password is reset with the recovery key, typed in any case and spacing', async ({ page, app, shot }) => {
  const { recoveryKey } = JSON.parse(cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss', '--json'])) as { recoveryKey: string };
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: en.signin.title })).toBeVisible();
  await page.getByRole('button', { name: en.signin.forgot }).click();
  await expect(page.getByRole('heading', { name: en.recover.title })).toBeVisible();
  await page.getByLabel(en.recover.username).fill('boss');
  await page.getByLabel(en.recover.recoveryKey).fill('ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789');
  await page.getByLabel(en.account.newPassword, { exact: true }).fill('a-brand-new-owner-phrase');
  await page.getByLabel(en.account.confirmNewPassword).fill('a-brand-new-owner-phrase');
  await page.getByRole('button', { name: en.recover.submit }).click();
  await expect(page.getByRole('alert').filter({ hasText: en.recover.badKey })).toBeVisible();
  await page.getByLabel(en.recover.recoveryKey).fill(recoveryKey.toLowerCase().replaceAll('-', ' '));
  await shot('recover');
  await page.getByRole('button', { name: en.recover.submit }).click();
  await expect(page.getByTestId('shop-name')).toHaveText('Corner Shop');

  // The new password is the one that signs in from now on
  await userMenu(page).click();
  await page.getByRole('menuitem', { name: en.shell.signOut }).click();
  await signIn(page, 'boss', 'a-brand-new-owner-phrase');
  await expect(page.getByTestId('shop-name')).toHaveText('Corner Shop');
});

// Each role is offered only what the core would allow (issue 7, item 7), and customers created
// while the staff scope is off do not vanish from staff when it is turned on (item 4).
const LINA_OWN = 'copper-kettle-phrase-31';
const VERA_OWN = 'maple-lantern-phrase-47';

function addSignedUpUser(dataDir: string, username: string, role: string, own: string): void {
  const env = { ...process.env, CLIENTELE_PASSWORD: PASSWORD, CLIENTELE_NEW_PASSWORD: STAFF_INITIAL };
  const run = (args: string[], extra: Record<string, string>) => {
    const result = spawnSync(process.execPath, [cliEntry(), ...args, '--data-dir', dataDir], { cwd: ROOT, env: { ...env, ...extra }, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
  };
  run(['users', 'add', username, '--role', role, '--display-name', username.toUpperCase(), '--user', 'boss'], {});
  run(['passwd', '--user', username], { CLIENTELE_PASSWORD: STAFF_INITIAL, CLIENTELE_NEW_PASSWORD: own });
}

async function switchTo(page: Page, username: string, password: string): Promise<void> {
  await userMenu(page).click();
  await page.getByRole('menuitem', { name: en.shell.switchUser }).click();
  await signIn(page, username, password);
  await expect(userMenu(page)).toContainText(username.toUpperCase(), { timeout: 30_000 }); // the display name addSignedUpUser gave
}

test('each role is offered only what the core allows', async ({ page, app, shot }) => {
  test.setTimeout(240_000); // three users, each signing in through argon2
  await page.setViewportSize({ width: 1366, height: 768 });
  setUpShop(app.dataDir);
  addSignedUpUser(app.dataDir, 'lina', 'staff', LINA_OWN);
  addSignedUpUser(app.dataDir, 'vera', 'viewer', VERA_OWN);
  const base = app.url.split('#')[0]!;
  await page.goto(app.url);
  await signIn(page, 'boss', PASSWORD);
  await expect(page.getByTestId('shop-name')).toHaveText('Corner Shop', { timeout: 30_000 }); // argon2 on a busy machine

  // The last active owner's own row offers neither Deactivate nor Change role, and says why.
  await page.goto(`${base}#/settings/users`);
  const users = page.getByRole('table', { name: en.users.tableLabel });
  await users.getByRole('button', { name: en.users.actionsFor.replace('{{name}}', 'boss') }).click();
  await expect(page.getByRole('menuitem', { name: en.users.resetPassword })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: en.users.deactivate, exact: true })).toHaveCount(0);
  await expect(page.getByRole('menuitem', { name: en.users.changeRole, exact: true })).toHaveCount(0);
  await expect(page.getByRole('menuitem', { name: en.users.lastOwnerNote })).toBeVisible();
  await shot('last-owner-menu-en');
  await page.keyboard.press('Escape');
  // Another user's row still offers both.
  await users.getByRole('button', { name: en.users.actionsFor.replace('{{name}}', 'lina') }).click();
  await expect(page.getByRole('menuitem', { name: en.users.deactivate, exact: true })).toBeVisible();
  await page.keyboard.press('Escape');

  // A customer left without a responsible staff member: turning the staff scope on says so and assigns it.
  await page.goto(`${base}#/customers/new`);
  await page.getByLabel(en.customer.name, { exact: true }).fill('Nobody Yet Trading');
  const ownerField = page.getByRole('combobox', { name: en.customer.owner });
  await expect(ownerField).toHaveValue('boss'); // the creator, by default
  await ownerField.clear();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: en.common.save }).click();
  await expect(page.getByRole('heading', { name: 'Nobody Yet Trading' })).toBeVisible();
  await page.goto(`${base}#/settings/security`);
  await page.getByLabel(en.security.staffScope).check();
  await page.getByRole('button', { name: en.common.save }).click();
  const assign = page.getByRole('dialog', { name: en.security.unassignedTitle_one.replace('{{formatted}}', '1') });
  await expect(assign).toBeVisible();
  // Created by the owner, who can own customers: it goes back to its creator; nobody else to pick.
  await expect(assign.getByText(en.security.toCreator_one.replace('{{formatted}}', '1'))).toBeVisible();
  await shot('assign-unassigned-en');
  // Cancel changes nothing; the same question in Chinese, answered there.
  await assign.getByRole('button', { name: en.common.cancel }).click();
  await expect(assign).toBeHidden();
  await switchLanguage(page, 'zh-CN');
  await page.getByRole('button', { name: zh.common.save }).click();
  const assignZh = page.getByRole('dialog', { name: zh.security.unassignedTitle_other.replace('{{formatted}}', '1') });
  await expect(assignZh).toBeVisible();
  await shot('assign-unassigned-zh');
  await assignZh.getByRole('button', { name: zh.security.assignAndTurnOn }).click();
  await expect(assignZh).toBeHidden();
  await expect(page.getByText(zh.security.saved)).toBeVisible();
  await switchLanguage(page, 'en-US');
  await page.goto(`${base}#/customers?owner=none`);
  await expect(page.getByTestId('customer-count')).toHaveText('0 customers');
  // With the scope on, a customer left to nobody is pointed out in Security, with a way to assign it.
  await page.goto(`${base}#/customers/new`);
  await page.getByLabel(en.customer.name, { exact: true }).fill('Still Nobody Ltd');
  await page.getByRole('combobox', { name: en.customer.owner }).clear();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: en.common.save }).click();
  await expect(page.getByRole('heading', { name: 'Still Nobody Ltd' })).toBeVisible();
  await page.goto(`${base}#/settings/security`);
  const standing = page.getByRole('alert').filter({ hasText: en.security.unassignedStanding_one.replace('{{formatted}}', '1') });
  await expect(standing).toBeVisible();
  await shot('unassigned-standing-en');
  await standing.getByRole('button', { name: en.security.assign }).click();
  const assignNow = page.getByRole('dialog', { name: en.security.unassignedTitle_one.replace('{{formatted}}', '1') });
  await assignNow.getByRole('button', { name: en.security.assignConfirm }).click();
  await expect(assignNow).toBeHidden();
  await expect(standing).toBeHidden();
  await page.goto(`${base}#/settings/security`);
  await page.getByLabel(en.security.staffScope).uncheck();
  await page.getByRole('button', { name: en.common.save }).click();
  await expect(page.getByText(en.security.saved)).toBeVisible();

  // Staff: Edit on everyone's customers, Delete only on their own.
  await switchTo(page, 'lina', LINA_OWN);
  await page.goto(`${base}#/customers/1`);
  await expect(page.getByRole('button', { name: en.common.edit })).toBeVisible();
  await expect(page.getByRole('button', { name: en.common.delete })).toHaveCount(0);
  await shot('staff-others-customer-en');
  await page.goto(`${base}#/customers/new`);
  await page.getByLabel(en.customer.name, { exact: true }).fill('Lina Own Trading');
  await expect(page.getByRole('combobox', { name: en.customer.owner })).toHaveValue('LINA');
  // The viewer cannot be responsible for customers: not offered.
  await page.getByRole('combobox', { name: en.customer.owner }).click();
  await expect(page.getByRole('option', { name: 'VERA' })).toHaveCount(0);
  await expect(page.getByRole('option', { name: 'LINA' })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: en.common.save }).click();
  await expect(page.getByRole('heading', { name: 'Lina Own Trading' })).toBeVisible();
  await expect(page.getByRole('button', { name: en.common.delete })).toBeVisible();

  // Viewer: the forms and the recycle bin by address show one clear "no permission" state.
  await switchTo(page, 'vera', VERA_OWN);
  for (const path of ['customers/new', 'customers/1/edit', 'recycle-bin']) {
    await page.goto(`${base}#/${path}`);
    await expect(page.getByText(en.shell.noPermission)).toBeVisible();
    await expect(page.getByRole('button', { name: en.common.save })).toHaveCount(0);
    await expect(page.getByLabel(en.customer.name, { exact: true })).toHaveCount(0);
    await expect(page.getByText(en.recycleBin.empty)).toHaveCount(0);
    await expect(page.getByText(en.errors.FORBIDDEN)).toHaveCount(0);
  }
  await shot('viewer-recycle-bin-en');
  await switchLanguage(page, 'zh-CN');
  await expect(page.getByText(zh.shell.noPermission)).toBeVisible();
  await shot('viewer-recycle-bin-zh');
  await switchLanguage(page, 'en-US');
  await page.goto(`${base}#/customers`);
  await expect(page.getByRole('button', { name: en.customers.new })).toHaveCount(0);
  await expect(page.getByRole('button', { name: en.customers.recycleBin })).toHaveCount(0);
  await page.goto(`${base}#/customers/1`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: en.common.edit })).toHaveCount(0);
  await expect(page.getByRole('button', { name: en.common.delete })).toHaveCount(0);
});
