// Every reason the core gives for refusing a form reaches the user, in their language, on the field
// it concerns (focus moves there), or, for a field the form does not show, as a visible warning —
// on every form (issue 7, items 8 and 14), here the customer form, Settings → Security and Backup, the
// recovery page, in both languages at 1366×768. The shop is set up from the CLI in the test's data dir.
import type { Page, Route } from '@playwright/test';
import { en, zh } from '../i18n-resources.ts';
import { cli, expect, SHOP_PASSWORD as PASSWORD, test, translator } from './fixtures.ts';

type Messages = typeof en;

async function focusedName(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('name') ?? null);
}

/** Answers the next call of `method` as the core would refuse it, with these reasons. */
async function refuseNext(page: Page, method: string, code: string, details: unknown[]): Promise<void> {
  let answered = false;
  await page.route('**/api/invoke', async (route: Route) => {
    const body = route.request().postDataJSON() as { method: string };
    if (answered || body.method !== method) return route.fallback();
    answered = true;
    await route.fulfill({ json: { ok: false, error: { code, message: `${method}: refused by the test`, details } } });
  });
}

test.use({ viewport: { width: 1366, height: 768 } });

for (const [locale, messages] of [
  ['en-US', en],
  ['zh-CN', zh as Messages],
] as const) {
  test.describe(`form errors (${locale})`, () => {
    test.use({ locale });
    const t = translator(messages);

    test(`the customer form and Settings → Security show every reason the core gives ${locale}`, async ({ page, app, shot }) => {
      cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
      cli(app.dataDir, ['users', 'add', 'lina', '--role', 'staff', '--display-name', 'Li Na', '--user', 'boss'], { CLIENTELE_NEW_PASSWORD: 'first-time-pass-77' });
      await page.goto(app.url);
      await page.getByLabel(t('signin.username')).fill('boss');
      await page.getByLabel(t('signin.password')).fill(PASSWORD);
      await page.getByRole('button', { name: t('signin.submit') }).click();
      await expect(page.getByTestId('shop-name')).toHaveText('Corner Shop');

      // A new customer for Li Na, who leaves the shop while the form is open (another process).
      await page.getByRole('link', { name: t('nav.customers'), exact: true }).click(); // home is Today: the list by the navigation
      await page.getByRole('button', { name: t('customers.new') }).first().click();
      await page.getByLabel(t('customer.name'), { exact: true }).fill('龙井茶行');
      const owner = page.getByRole('combobox', { name: t('customer.owner') });
      await owner.click();
      await page.getByRole('option', { name: 'Li Na' }).click();
      await expect(owner).toHaveValue('Li Na');
      cli(app.dataDir, ['users', 'deactivate', 'lina', '--user', 'boss']);
      await page.getByRole('button', { name: t('common.save') }).click();
      // The core's reason, on the field, and focus there; the banner says where to look.
      await expect(page.getByText(t('validation.ownerId'))).toBeVisible();
      await expect(owner).toHaveAttribute('aria-invalid', 'true');
      await expect.poll(() => focusedName(page)).toBe('ownerId');
      await expect(page.getByRole('alert').filter({ hasText: t('errors.VALIDATION') })).toBeVisible();
      await shot('customer-owner-left');

      // A reason about a field this form does not show is shown, not swallowed by the banner.
      await owner.clear();
      await page.keyboard.press('Escape');
      await refuseNext(page, 'customers.create', 'VALIDATION', [{ path: ['contacts', 0, 'id'], code: 'custom', message: 'contact' }]);
      await page.getByRole('button', { name: t('common.save') }).click();
      await expect(page.getByRole('alert').filter({ hasText: t('validation.contact') })).toBeVisible();
      // Nothing is highlighted, so nothing says "check the highlighted fields".
      await expect(page.getByRole('alert').filter({ hasText: t('errors.VALIDATION') })).toHaveCount(0);
      await shot('customer-hidden-field');
      // Sent again as it is, the core takes it.
      await page.getByRole('button', { name: t('common.save') }).click();
      await expect(page.getByRole('heading', { name: '龙井茶行' })).toBeVisible();

      // Settings → Security: a reason for a switch (no text under it) is shown as a warning.
      await page.getByRole('link', { name: t('nav.settings') }).click();
      await page.getByRole('tab', { name: t('settings.tabs.security') }).click();
      const minutes = page.getByLabel(t('security.idleLockMinutes'));
      await minutes.fill('15');
      await refuseNext(page, 'settings.update', 'VALIDATION', [{ path: ['maskContacts'], code: 'invalid_type', expected: 'boolean', message: 'Invalid input' }]);
      await page.getByRole('button', { name: t('common.save') }).click();
      await expect(page.getByRole('alert').filter({ hasText: t('validation.required') })).toBeVisible();
      // A reason on the minutes field sits under it, with focus.
      await page.getByRole('button', { name: t('common.save') }).focus();
      await refuseNext(page, 'settings.update', 'VALIDATION', [{ path: ['idleLockMinutes'], code: 'too_big', origin: 'number', maximum: 1440, message: 'Too big' }]);
      await page.getByRole('button', { name: t('common.save') }).click();
      await expect(page.getByText(t('validation.numberMax', { max: 1440 }))).toBeVisible();
      await expect(minutes).toHaveAttribute('aria-invalid', 'true');
      await expect.poll(() => focusedName(page)).toBe('idleLockMinutes');
      await shot('security-reasons');

      // Settings → Backup → Automatic backups: the same on a form of its own making.
      await page.getByRole('tab', { name: t('settings.tabs.backup') }).click();
      const days = page.getByLabel(t('backup.auto.reminderDays'));
      await days.fill('30');
      await page.getByRole('button', { name: t('common.save') }).focus();
      await refuseNext(page, 'backup.updateSettings', 'VALIDATION', [{ path: ['reminderDays'], code: 'too_big', origin: 'number', maximum: 365, message: 'Too big' }]);
      await page.getByRole('button', { name: t('common.save') }).click();
      await expect(page.getByText(t('validation.numberMax', { max: 365 }))).toBeVisible();
      await expect(days).toHaveAttribute('aria-invalid', 'true');
      await expect.poll(() => focusedName(page)).toBe('reminderDays');
      // A reason for a path it does not show: the banner says the reason itself.
      await days.fill('31');
      await refuseNext(page, 'backup.updateSettings', 'VALIDATION', [{ path: ['folder'], code: 'custom', message: 'controlCharacter' }]);
      await page.getByRole('button', { name: t('common.save') }).click();
      await expect(page.getByRole('alert').filter({ hasText: t('errors.validationReasons', { reasons: t('validation.controlCharacter') }) })).toBeVisible();
      await shot('backup-settings-reasons');
    });

    test(`the recovery page says why a new password is refused ${locale}`, async ({ page, app, shot }) => {
      const created = JSON.parse(cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss', '--json'])) as { recoveryKey: string };
      await page.goto(app.url);
      await page.getByRole('button', { name: t('signin.forgot') }).click();
      await expect(page.getByRole('heading', { name: t('recover.title') })).toBeVisible();
      await page.getByLabel(t('recover.username')).fill('boss');
      await page.getByLabel(t('recover.recoveryKey')).fill(created.recoveryKey);
      const password = page.getByLabel(t('account.newPassword'), { exact: true });
      const confirm = page.getByLabel(t('account.confirmNewPassword'));

      // The user name in the password: said as it is typed, as the core would say it.
      await password.fill('the-Boss-password-7');
      await confirm.fill('the-Boss-password-7');
      await expect(page.getByText(t('validation.containsUsername'))).toBeVisible();
      await expect(password).toHaveAttribute('aria-invalid', 'true');
      await page.getByRole('button', { name: t('recover.submit') }).click();
      await expect.poll(() => focusedName(page)).toBe('newPassword');
      await shot('recover-contains-username');

      // A common password: only the core knows the list; its reason lands on the field, with focus.
      await password.fill('password123');
      await confirm.fill('password123');
      await page.getByRole('button', { name: t('recover.submit') }).click();
      await expect(page.getByText(t('validation.commonPassword'))).toBeVisible();
      await expect(password).toHaveAttribute('aria-invalid', 'true');
      await expect.poll(() => focusedName(page)).toBe('newPassword');
      await expect(page.getByRole('alert')).toHaveCount(0); // no vague banner beside it
      await shot('recover-common-password');

      await password.fill('a-new-owner-password-9');
      await confirm.fill('a-new-owner-password-9');
      await page.getByRole('button', { name: t('recover.submit') }).click();
      await expect(page.getByTestId('shop-name')).toHaveText('Corner Shop');
    });
  });
}
