// The first-run journey of the foundation issue, in English and in Chinese: set-up → recovery key
// → customers → create with two contacts → find by pinyin initials → edit → delete → restore.
// Labels come from the renderer's own resource files, so both languages are exercised.
import { en, zh } from '../i18n-resources.ts';
import { expect, SHOP_PASSWORD as PASSWORD, test, translator } from './fixtures.ts';

type Messages = typeof en;

for (const [locale, messages] of [
  ['en-US', en],
  ['zh-CN', zh as Messages],
] as const) {
  test.describe(`first-run journey (${locale})`, () => {
    test.use({ locale });
    const t = translator(messages);

    test(`set up, create, find, edit, delete and restore a customer ${locale}`, async ({ page, app, shot }) => {
      await page.goto(app.url);

      // Set-up
      await expect(page.getByRole('heading', { name: t('setup.title') })).toBeVisible();
      await page.getByLabel(t('setup.shopName')).fill('张三小店');
      await page.getByLabel(t('setup.ownerUsername')).fill('boss');
      await page.getByLabel(t('setup.password'), { exact: true }).fill(PASSWORD);
      await page.getByLabel(t('setup.confirmPassword')).fill(PASSWORD);
      await shot('setup');
      await page.getByRole('button', { name: t('setup.create') }).click();

      // Recovery key, shown once
      await expect(page.getByRole('heading', { name: t('recovery.title') })).toBeVisible();
      await expect(page.getByRole('group', { name: t('recovery.keyLabel') })).toHaveText(/^\s*([0-9A-HJKMNP-TV-Z]{4}\s*){8}$/);
      const continueButton = page.getByRole('button', { name: t('recovery.continue') });
      await expect(continueButton).toBeDisabled();
      await shot('recovery-key');
      await page.getByLabel(t('recovery.stored')).check();
      await continueButton.click();

      // Customers: empty list, then a new customer with two contacts
      await page.getByRole('link', { name: t('nav.customers') }).or(page.getByRole('button', { name: t('nav.customers') })).first().click();
      await expect(page.getByText(t('customers.emptyAll'))).toBeVisible();
      await shot('customers-empty');
      await page.getByRole('button', { name: t('customers.new') }).first().click();
      await page.getByLabel(t('customer.name'), { exact: true }).fill('张三科技有限公司');
      await page.getByLabel(t('customer.phone'), { exact: true }).fill('0571-8888 1234');
      await page.getByLabel(t('customer.email'), { exact: true }).fill('not-an-email');
      await expect(page.getByText(t('validation.email'))).toBeVisible();
      await page.getByLabel(t('customer.email'), { exact: true }).fill('info@zhangsan.example.com');
      await expect(page.getByText(t('validation.email'))).toHaveCount(0);
      await page.getByRole('button', { name: t('contact.add') }).click();
      await page.getByRole('button', { name: t('contact.add') }).click();
      const first = page.getByRole('group', { name: t('contact.legend', { n: 1 }) });
      const second = page.getByRole('group', { name: t('contact.legend', { n: 2 }) });
      await first.getByLabel(t('contact.name')).fill('李四');
      await first.getByLabel(t('contact.mobile')).fill('138 0013 5678');
      await second.getByLabel(t('contact.name')).fill('Mary Smith');
      await shot('customer-form');
      await page.getByRole('button', { name: t('common.save') }).click();

      // Detail
      await expect(page.getByRole('heading', { name: '张三科技有限公司' })).toBeVisible();
      await expect(page.getByRole('table', { name: t('customer.contacts') }).getByText('李四')).toBeVisible();
      await expect(page.getByRole('table', { name: t('customer.contacts') }).getByText('Mary Smith')).toBeVisible();
      await shot('customer-detail');

      // Find it by pinyin initials from the global search (Ctrl+K focuses it)
      await page.goto(`${app.url.split('#')[0]}#/customers`);
      await page.keyboard.press('Control+k');
      const search = page.getByRole('combobox', { name: t('search.label') }).or(page.getByLabel(t('search.label'))).first();
      await expect(search).toBeFocused();
      await search.fill('zskj');
      const option = page.getByRole('option', { name: /张三科技有限公司/ });
      await expect(option).toBeVisible();
      await shot('search-pinyin');
      await option.click();
      await expect(page.getByRole('heading', { name: '张三科技有限公司' })).toBeVisible();

      // Edit
      await page.getByRole('button', { name: t('common.edit') }).click();
      await page.getByLabel(t('customer.industry'), { exact: true }).fill('信息技术');
      await page.getByRole('button', { name: t('common.save') }).click();
      await expect(page.getByRole('heading', { name: '张三科技有限公司' })).toBeVisible();
      await expect(page.getByText('信息技术')).toBeVisible();

      // Delete to the recycle bin, then restore
      await page.getByRole('button', { name: t('common.delete') }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog.getByText(t('detail.deleteTitle'))).toBeVisible();
      await shot('delete-confirm');
      await dialog.getByRole('button', { name: t('common.delete') }).click();
      await expect(page.getByText(t('detail.deleted', { name: '张三科技有限公司' }))).toBeVisible();
      await page.goto(`${app.url.split('#')[0]}#/recycle-bin`);
      await expect(page.getByRole('heading', { name: t('recycleBin.title') })).toBeVisible();
      await expect(page.getByRole('cell', { name: '张三科技有限公司', exact: true })).toBeVisible();
      await shot('recycle-bin');
      await page.getByRole('button', { name: t('recycleBin.restore') }).click();
      await expect(page.getByText(t('recycleBin.restored', { name: '张三科技有限公司' }))).toBeVisible();
      await page.goto(`${app.url.split('#')[0]}#/customers`);
      await expect(page.getByRole('table', { name: t('customers.tableLabel') }).getByText('张三科技有限公司')).toBeVisible();
      await shot('customers-restored');
    });
  });
}
