// Backup and restore in the browser: the owner backs up from Settings → Backup into a folder (the
// "USB stick"), sees it verified, verifies it again, changes data, restores the backup and finds the
// old data; and a new PC (an empty data folder) is brought back with "Restore from backup" on the
// first-run screen. The shops are set up and seeded from the CLI, as in access.spec.ts.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { en, zh } from '../i18n-resources.ts';
import { cli, expect, SHOP_PASSWORD as PASSWORD, test } from './fixtures.ts';

const SEEDED = 20;
/** The texts of one language (Chinese has no singular forms, so its keys are the common ones). */
type Texts = typeof zh;

test.use({ locale: 'en-US' });

function setUpShop(dataDir: string): void {
  cli(dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
  cli(dataDir, ['seed', '--user', 'boss', '--customers', String(SEEDED)]);
}

/** A temp folder standing in for the USB stick; removed when the test ends. */
function usbStick(): string {
  return mkdtempSync(join(tmpdir(), 'clientele-usb-'));
}

function onlyBackupIn(folder: string): string {
  const files = readdirSync(folder).filter((name) => name.endsWith('.clbak'));
  expect(files).toHaveLength(1);
  return join(folder, files[0]!);
}

async function signIn(page: Page, username: string, password: string, t: Texts = en): Promise<void> {
  await expect(page.getByRole('heading', { name: t.signin.title })).toBeVisible();
  await page.getByLabel(t.signin.username).fill(username);
  await page.getByLabel(t.signin.password).fill(password);
  await page.getByRole('button', { name: t.signin.submit }).click();
}

async function switchLanguage(page: Page, to: 'zh-CN' | 'en-US'): Promise<void> {
  await page.getByRole('button', { name: /^(Language|语言):/ }).first().click();
  await page.getByRole('menuitem', { name: to === 'zh-CN' ? '简体中文' : 'English' }).click();
  await expect(page.getByRole('menu')).toBeHidden();
  await expect(page.locator('.MuiMenu-root')).toHaveCount(0); // the menu has faded out of the screenshots
}

/** Full-page screenshots draw the fixed app bar where the page is scrolled to: start at the top. */
async function atTop(page: Page): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
}

async function fillBackupForm(page: Pick<Page, 'getByLabel'>, file: string, username: string, password: string, t: Texts = en): Promise<void> {
  await page.getByLabel(t.backup.file).fill(file);
  await page.getByLabel(t.backup.username, { exact: true }).fill(username);
  await page.getByLabel(t.backup.password, { exact: true }).fill(password);
}

async function expectCustomerCount(page: Page, count: number, t: Texts = en): Promise<void> {
  await page.getByRole('link', { name: t.nav.customers, exact: true }).click();
  await expect(page.getByText(t.customers.count_other.replace('{{formatted}}', String(count)), { exact: true })).toBeVisible();
}

test('owner backs up to a folder, verifies, changes data and restores the old data', async ({ page, app, shot }) => {
  setUpShop(app.dataDir);
  const usb = usbStick();
  try {
    await page.goto(app.url);
    await signIn(page, 'boss', PASSWORD);
    await expect(page.getByTestId('shop-name')).toHaveText('Corner Shop');

    // No backup yet: everyone sees the reminder; the owner can act on it.
    const reminder = page.getByTestId('backup-reminder');
    await expect(reminder).toContainText(en.backup.reminder.never);
    await expect(reminder.getByRole('button', { name: en.backup.now })).toBeVisible();

    // Settings → Backup → Back up now, into the "USB stick"
    await page.getByRole('link', { name: en.nav.settings }).click();
    await page.getByRole('tab', { name: en.settings.tabs.backup }).click();
    const now = page.getByRole('region', { name: en.backup.nowTitle });
    await now.getByLabel(en.backup.folder).fill(usb);
    await now.getByRole('button', { name: en.backup.now }).click();
    const verified = page.getByTestId('backup-verified');
    await expect(verified).toContainText(en.backup.verified);
    await expect(verified).toContainText(/Clientele-Corner[ _]Shop-\d{4}-\d{2}-\d{2}_\d{4}\.clbak/);
    await expect(verified).toContainText(`${en.backup.tables.customers}: ${SEEDED}`);
    await expect(reminder).toBeHidden();
    const file = onlyBackupIn(usb);
    await expect(verified).toContainText(file);
    await atTop(page);
    await shot('backup-verified-en');
    await switchLanguage(page, 'zh-CN');
    await expect(verified).toContainText(zh.backup.verified);
    await atTop(page);
    await shot('backup-verified-zh');
    await switchLanguage(page, 'en-US');

    // It is in the list of backups (the folder is remembered), made by hand.
    const list = page.getByRole('table', { name: en.backup.list.title });
    await expect(list.getByRole('row', { name: /Clientele-Corner[ _]Shop/ })).toContainText(en.backup.list.manual);

    // Verify it: the manifest, and it touches nothing here.
    const verifySection = page.getByRole('region', { name: en.backup.verifyTitle });
    await fillBackupForm(verifySection, file, 'boss', 'not-the-password-1');
    await verifySection.getByRole('button', { name: en.backup.verify, exact: true }).click();
    await expect(verifySection.getByText(en.backup.errors.badPassword)).toBeVisible();
    await verifySection.getByLabel(en.backup.password, { exact: true }).fill(PASSWORD);
    await verifySection.getByRole('button', { name: en.backup.verify, exact: true }).click();
    const manifest = page.getByTestId('backup-manifest');
    await expect(manifest).toContainText(en.backup.verifyTouchesNothing);
    await expect(manifest).toContainText('Corner Shop');
    const compare = manifest.getByRole('table', { name: en.backup.compare.label });
    await expect(compare.getByRole('row', { name: new RegExp(`^${en.backup.tables.customers} `) })).toHaveText(`${en.backup.tables.customers}${SEEDED}${SEEDED}`);
    await atTop(page);
    await shot('backup-verify');

    // Change the data: a customer the backup does not have.
    await page.getByRole('link', { name: en.nav.customers, exact: true }).click();
    await page.getByRole('button', { name: en.customers.new }).first().click();
    await page.getByLabel(en.customer.name, { exact: true }).fill('Made After The Backup Ltd');
    await page.getByRole('button', { name: en.common.save }).click();
    await expect(page.getByRole('heading', { name: 'Made After The Backup Ltd' })).toBeVisible();
    await expectCustomerCount(page, SEEDED + 1);

    // Restore: verify first, see the backup beside what is here now, confirm.
    await page.getByRole('link', { name: en.nav.settings }).click();
    await page.getByRole('tab', { name: en.settings.tabs.backup }).click();
    await list.getByRole('button', { name: `${en.backup.restore}: ${file.split('/').pop()}` }).click();
    await expect(verifySection.getByLabel(en.backup.file)).toHaveValue(file);
    await verifySection.getByLabel(en.backup.username, { exact: true }).fill('boss');
    await verifySection.getByLabel(en.backup.password, { exact: true }).fill(PASSWORD);
    await verifySection.getByRole('button', { name: en.backup.restoreEllipsis }).click();
    await expect(compare.getByRole('row', { name: new RegExp(`^${en.backup.tables.customers} `) })).toHaveText(`${en.backup.tables.customers}${SEEDED}${SEEDED + 1}`);
    await atTop(page);
    await shot('restore-compare');
    await manifest.getByRole('button', { name: en.backup.restoreThis }).click();
    const dialog = page.getByRole('dialog', { name: en.backup.confirmTitle });
    await expect(dialog).toContainText(en.backup.confirmMovedAside);
    await expect(dialog).toContainText(en.backup.confirmSignedOut);
    await atTop(page);
    await shot('restore-confirm');
    await dialog.getByRole('button', { name: en.backup.confirmRestore }).click();

    // Everyone is signed out; sign in with a password valid in the backup.
    await expect(page.getByTestId('restored-notice')).toContainText(/^Restored the backup of .+\. Sign in with a password valid in that backup\.$/);
    await atTop(page);
    await shot('restored-signin');
    await signIn(page, 'boss', PASSWORD);
    await expectCustomerCount(page, SEEDED);
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: en.search.label }).fill('Made After');
    await expect(page.getByText(en.search.noResults)).toBeVisible();
    // The data it replaced was moved aside, not deleted.
    expect(readdirSync(join(app.dataDir, 'backups')).some((name) => name.startsWith('before-restore-'))).toBe(true);

    // One click from anywhere: the app bar's backup button, the folder remembered.
    await page.getByRole('banner').getByRole('button', { name: en.backup.now }).click();
    const quick = page.getByRole('dialog', { name: en.backup.nowTitle });
    await expect(quick.getByLabel(en.backup.folder)).toHaveValue(usb);
    await quick.getByRole('button', { name: en.backup.now }).click();
    await expect(quick.getByTestId('backup-verified')).toContainText(en.backup.verified);
    await quick.getByRole('button', { name: en.common.close }).click();
    await expect(quick).toBeHidden();
  } finally {
    rmSync(usb, { recursive: true, force: true });
  }
});

test('a new PC is brought back with "Restore from backup" on the first-run screen', async ({ page, app, shot }) => {
  // The old PC: a shop with customers, backed up from the CLI onto the "USB stick".
  const oldPc = mkdtempSync(join(tmpdir(), 'clientele-old-pc-'));
  const usb = usbStick();
  try {
    setUpShop(oldPc);
    cli(oldPc, ['backup', '--user', 'boss', '--to', usb, '--json']);
    const file = onlyBackupIn(usb);

    // The new PC: the app runs on an empty data folder.
    await page.goto(app.url);
    await expect(page.getByRole('heading', { name: en.setup.title })).toBeVisible();
    await page.getByRole('button', { name: en.setup.restoreFromBackup }).click();
    await expect(page.getByRole('heading', { name: en.backup.setup.title })).toBeVisible();

    // A foreign file is refused with a clear message.
    await fillBackupForm(page, join(usb, 'missing.clbak'), 'boss', PASSWORD);
    await page.getByRole('button', { name: en.backup.verify, exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: /file|path/ })).toBeVisible();

    await page.getByLabel(en.backup.file).fill(file);
    await page.getByRole('button', { name: en.backup.verify, exact: true }).click();
    const manifest = page.getByTestId('backup-manifest');
    await expect(manifest).toContainText('Corner Shop');
    await expect(manifest).toContainText(en.backup.compare.nothingHere);
    await expect(manifest.getByRole('row', { name: new RegExp(`^${en.backup.tables.customers} `) })).toHaveText(`${en.backup.tables.customers}${SEEDED}`);
    await atTop(page);
    await shot('first-run-verified-en');
    await switchLanguage(page, 'zh-CN');
    await expect(page.getByRole('heading', { name: zh.backup.setup.title })).toBeVisible();
    await expect(manifest).toContainText(zh.backup.compare.nothingHere);
    await atTop(page);
    await shot('first-run-verified-zh');

    await manifest.getByRole('button', { name: zh.backup.restoreThis }).click();
    const dialog = page.getByRole('dialog', { name: zh.backup.confirmTitle });
    await expect(dialog).toContainText(zh.backup.confirmNewPc);
    await dialog.getByRole('button', { name: zh.backup.confirmRestore }).click();

    await expect(page.getByTestId('restored-notice')).toContainText(/^已恢复 .+ 的备份。/);
    await atTop(page);
    await shot('first-run-restored-zh');
    await signIn(page, 'boss', PASSWORD, zh);
    await expect(page.getByTestId('shop-name')).toHaveText('Corner Shop');
    await expectCustomerCount(page, SEEDED, zh);
    await atTop(page);
    await shot('first-run-data-zh');
    await switchLanguage(page, 'en-US');
    await expectCustomerCount(page, SEEDED);
    await atTop(page);
    await shot('first-run-data-en');
  } finally {
    rmSync(oldPc, { recursive: true, force: true });
    rmSync(usb, { recursive: true, force: true });
  }
});
