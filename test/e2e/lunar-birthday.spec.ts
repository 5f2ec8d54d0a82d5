// A lunar birthday entered as people say it (lunar month with leap months, day, optional year) and
// shown in each language's notation, once "农历"/"Lunar", with the year kept.
import type { Page } from '@playwright/test';
import { en, zh } from '../i18n-resources.ts';
import { cli, expect, SHOP_PASSWORD as PASSWORD, test } from './fixtures.ts';

type Messages = typeof en;

async function optionValues(page: Page, selector: string): Promise<string[]> {
  return page.locator(`${selector} option`).evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
}

for (const [locale, m, withYear, withoutYear] of [
  ['zh-CN', zh as Messages, /^农历2020年闰四月初三（下一次：\d{4}年\d{1,2}月\d{1,2}日）$/, /^农历八月十五（下一次：/],
  ['en-US', en, /^Lunar leap 4\/3\/2020 \(next: [A-Z][a-z]+ \d{1,2}, \d{4}\)$/, /^Lunar 8\/15 \(next: /],
] as const) {
  test.describe(`lunar birthday (${locale})`, () => {
    test.use({ locale, viewport: { width: 1366, height: 768 } });

    test(`entered as lunar month, day and optional year ${locale}`, async ({ page, app, shot }) => {
      cli(app.dataDir, ['init', '--shop', '张三小店', '--owner', 'boss']);
      await page.goto(app.url);
      await page.getByLabel(m.signin.username).fill('boss');
      await page.getByLabel(m.signin.password).fill(PASSWORD);
      await page.getByRole('button', { name: m.signin.submit }).click();
      const base = app.url.split('#')[0];

      await page.goto(`${base}#/customers/new`);
      await page.getByLabel(m.customer.kinds.person).check();
      await page.locator('input[name="name"]').fill('欧阳娜娜');
      await page.locator('select[name="birthdayCalendar"]').selectOption('lunar');
      await expect(page.locator('input[name="birthday"][type="date"]')).toHaveCount(0);
      const year = page.locator('input[name="birthdayLunarYear"]');
      const month = page.locator('select[name="birthdayLunarMonth"]');
      const day = page.locator('select[name="birthday"]');

      // No year: every month may be a leap month in some year, and every month may have a 30th.
      expect((await optionValues(page, 'select[name="birthdayLunarMonth"]')).filter((v) => v.endsWith('L'))).toHaveLength(12);
      // With a year: only that year's leap month (2020: the fourth), and only the days it has.
      await year.fill('2020');
      expect((await optionValues(page, 'select[name="birthdayLunarMonth"]')).filter((v) => v.endsWith('L'))).toEqual(['04L']);
      await month.selectOption('04L');
      expect(await optionValues(page, 'select[name="birthday"]')).not.toContain('30');
      await day.selectOption('03');
      await page.locator('select[name="birthdayLunarMonth"]').scrollIntoViewIfNeeded();
      await shot(`form-${locale}`);

      // A year without that leap month: the form says so at once, in words.
      await year.fill('2026');
      await expect(page.getByText(m.validation.lunarLeapMonth)).toBeVisible();
      await year.fill('2020');
      await expect(page.getByText(m.validation.lunarLeapMonth)).toHaveCount(0);

      await page.getByRole('button', { name: m.common.save }).click();
      await expect(page.getByRole('heading', { name: '欧阳娜娜' })).toBeVisible();
      const birthday = page.locator('dt', { hasText: m.customer.birthday }).locator('xpath=following-sibling::dd[1]');
      await expect(birthday).toHaveText(withYear);
      await shot(`detail-${locale}`);

      // Edit: the fields come back as saved; drop the year and pick the Mid-Autumn day.
      await page.getByRole('button', { name: m.common.edit }).click();
      await expect(year).toHaveValue('2020');
      await expect(month).toHaveValue('04L');
      await expect(day).toHaveValue('03');
      await year.fill('');
      await month.selectOption('08');
      await day.selectOption('15');
      await page.getByRole('button', { name: m.common.save }).click();
      await expect(birthday).toHaveText(withoutYear);
    });
  });
}
