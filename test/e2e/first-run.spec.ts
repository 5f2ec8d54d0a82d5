// First run and everyday screens (issue 7, items 8–11 and 14), at 1366×768 in both languages:
// - set-up says why a password is refused, on the password field (the user name in it, found as
//   you type; a common password, found by the core), and Save moves focus to the first bad field;
// - the recovery key survives a reload (which asks first) until "I have stored it";
// - the audit log shows values in words, keeps its columns, and cuts a 5,000-character note short.
import type { Page } from '@playwright/test';
import { en, zh } from '../i18n-resources.ts';
import { expect, SHOP_PASSWORD as PASSWORD, test, translator } from './fixtures.ts';

type Messages = typeof en;

test.use({ viewport: { width: 1366, height: 768 } });

async function focusedName(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('name') ?? null);
}

for (const [locale, messages] of [
  ['en-US', en],
  ['zh-CN', zh as Messages],
] as const) {
  test.describe(`first run (${locale})`, () => {
    test.use({ locale });
    const t = translator(messages);

    test(`set-up says why a password is refused; the recovery key survives a reload ${locale}`, async ({ page, app, shot }) => {
      await page.goto(app.url);
      await expect(page.getByRole('heading', { name: t('setup.title') })).toBeVisible();

      // Save with nothing filled in: focus goes to the first field with a problem.
      await page.getByRole('button', { name: t('setup.create') }).click();
      await expect.poll(() => focusedName(page)).toBe('shopName');

      await page.getByLabel(t('setup.shopName')).fill('龙记茶行');
      await page.getByLabel(t('setup.ownerUsername')).fill('boss');
      const password = page.getByLabel(t('setup.password'), { exact: true });
      await password.fill('my-boss-password-16');
      await page.getByLabel(t('setup.confirmPassword')).fill('my-boss-password-16');
      // The core's rule, applied as you type: the reason under the field, never rated strong.
      await expect(page.getByText(t('validation.containsUsername'))).toBeVisible();
      await expect(password).toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByTestId('password-strength')).toHaveText(`${t('setup.strengthLabel')}: ${t('setup.strengthRefused')}`);
      await page.getByRole('button', { name: t('setup.create') }).click();
      await expect.poll(() => focusedName(page)).toBe('password');
      await shot('setup-contains-username');

      // Only the core knows the common-password list: its reason lands on the field too.
      await password.fill('password123');
      await page.getByLabel(t('setup.confirmPassword')).fill('password123');
      await page.getByLabel(t('setup.shopName')).focus();
      await page.getByRole('button', { name: t('setup.create') }).click();
      await expect(page.getByText(t('validation.commonPassword'))).toBeVisible();
      await expect(password).toHaveAttribute('aria-invalid', 'true');
      await expect.poll(() => focusedName(page)).toBe('password');
      await expect(page.getByRole('alert')).toHaveCount(0); // no vague banner beside it
      await shot('setup-common-password');

      await password.fill(PASSWORD);
      await page.getByLabel(t('setup.confirmPassword')).fill(PASSWORD);
      await page.getByRole('button', { name: t('setup.create') }).click();

      // The recovery key; a reload asks first, then shows the same key again.
      const keyGroup = page.getByRole('group', { name: t('recovery.keyLabel') });
      await expect(keyGroup).toHaveText(/^\s*([0-9A-HJKMNP-TV-Z]{4}\s*){8}$/);
      const key = await page.getByTestId('recovery-key').getAttribute('data-key');
      // Two even rows of four groups, not as the width happens to wrap them (6 + 2 at 1366×768).
      const rows = await keyGroup.locator('span span').evaluateAll((spans) => spans.map((span) => Math.round(span.getBoundingClientRect().top)));
      expect(rows).toHaveLength(8);
      expect(new Set(rows.slice(0, 4)).size).toBe(1);
      expect(new Set(rows.slice(4)).size).toBe(1);
      expect(rows[4]).toBeGreaterThan(rows[0]!);
      await shot('recovery-key');
      const asked: string[] = [];
      page.once('dialog', (dialog) => {
        asked.push(dialog.type());
        void dialog.accept();
      });
      await page.reload();
      await expect(keyGroup).toBeVisible();
      expect(asked).toEqual(['beforeunload']);
      expect(await page.getByTestId('recovery-key').getAttribute('data-key')).toBe(key);
      await page.getByLabel(t('recovery.stored')).check();
      await page.getByRole('button', { name: t('recovery.continue') }).click();
      await expect(page.getByTestId('shop-name')).toHaveText('龙记茶行');

      // Acknowledged: a reload now opens the app.
      await page.reload();
      await expect(page.getByTestId('shop-name')).toHaveText('龙记茶行');
      await expect(keyGroup).toHaveCount(0);
    });

    test(`the audit log shows values in words and keeps its columns ${locale}`, async ({ page, app, shot }) => {
      await page.goto(app.url);
      await page.getByLabel(t('setup.shopName')).fill('龙记茶行');
      await page.getByLabel(t('setup.ownerUsername')).fill('boss');
      await page.getByLabel(t('setup.password'), { exact: true }).fill(PASSWORD);
      await page.getByLabel(t('setup.confirmPassword')).fill(PASSWORD);
      await page.getByRole('button', { name: t('setup.create') }).click();
      await page.getByLabel(t('recovery.stored')).check();
      await page.getByRole('button', { name: t('recovery.continue') }).click();

      // A customer, then an edit with a grade change and a 5,000-character note (home is Today: the list by the navigation).
      await page.getByRole('link', { name: t('nav.customers'), exact: true }).click({ timeout: 30_000 });
      await page.getByRole('button', { name: t('customers.new') }).first().click();
      await page.getByLabel(t('customer.name'), { exact: true }).fill('龙井茶行');
      await page.getByRole('button', { name: t('common.save') }).click();
      await expect(page.getByRole('heading', { name: '龙井茶行' })).toBeVisible();
      await page.getByRole('button', { name: t('common.edit') }).first().click();
      await page.getByLabel(t('customer.grade')).selectOption('key');
      await page.getByLabel(t('customer.notes')).fill('很长的备注。'.repeat(834));
      await page.getByRole('button', { name: t('common.save') }).click();
      await expect(page.getByRole('heading', { name: '龙井茶行' })).toBeVisible();

      await page.getByRole('link', { name: t('nav.settings') }).click();
      await page.getByRole('tab', { name: t('settings.tabs.audit') }).click();
      const log = page.getByRole('table', { name: t('audit.tableLabel') });
      const edit = log.getByRole('row').filter({ hasText: t('audit.actions.customer.update') });
      await expect(edit).toContainText(`${t('customer.grade')}: ${t('customer.grades.normal')} → ${t('customer.grades.key')}`);
      // The Action column keeps its width; the row stays a few lines high.
      const action = edit.getByRole('cell').nth(2);
      expect((await action.boundingBox())!.width).toBeGreaterThan(100);
      expect((await edit.boundingBox())!.height).toBeLessThan(160);
      await shot('audit-log');
      await edit.getByRole('button', { name: t('audit.showAll') }).click();
      await expect(edit).toContainText('很长的备注。'.repeat(834).slice(-60));
      await shot('audit-entry-open');
    });
  });
}
