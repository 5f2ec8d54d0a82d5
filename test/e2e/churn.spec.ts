// Churn warnings in the browser, in both languages, on a fixed clock (the core's CLIENTELE_TEST_NOW
// and the page's own). Set up through the API: a customer with a long Chinese name who bought every
// 30 days (value at risk ¥25,000) and has an open complaint past its deadline (the complaints
// rule). The owner sees the warning with its
// sentence and value at risk on #/churn and in Today, plans a visit (the visit form opens for that
// customer), and dismisses the warning with a reason (refused without one). Screenshots at
// 1366×768 and 1920×1080.
import type { APIRequestContext, Page } from '@playwright/test';
import { en, zh } from '../i18n-resources.ts';
import { cli, expect, SHOP_PASSWORD as PASSWORD, test, translator } from './fixtures.ts';

/** 2026-12-01 09:00 UTC: the core's now and the page's. */
const NOW = Date.UTC(2026, 11, 1, 9, 0);
const NAME = '广州天河区珠江新城国际商务咨询服务有限公司（华南区域旗舰店·长期合作客户）';

test.use({ viewport: { width: 1366, height: 768 }, appEnv: { CLIENTELE_TEST_NOW: String(NOW), TZ: 'UTC' }, timezoneId: 'UTC' });

type Messages = typeof en;

async function invoke<R = unknown>(request: APIRequestContext, url: string, method: string, input: unknown): Promise<R> {
  const origin = url.split('#')[0]!.replace(/\/$/, '');
  const token = url.split('#token=')[1]!;
  const response = await request.post(`${origin}/api/invoke`, { headers: { Authorization: `Bearer ${token}` }, data: { method, input } });
  const result = (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value as R;
}

async function bothSizes(page: Page, shot: (name: string) => Promise<void>, name: string) {
  await shot(`${name}-1366`);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shot(`${name}-1920`);
  await page.setViewportSize({ width: 1366, height: 768 });
}

for (const [locale, messages] of [
  ['en-US', en],
  ['zh-CN', zh as Messages],
] as const) {
  test.describe(`churn warnings (${locale})`, () => {
    test.use({ locale });
    const t = translator(messages);

    test(`a warning says why, plans a visit and is dismissed with a reason (${locale})`, async ({ page, app, shot, request }) => {
      test.setTimeout(300_000);
      cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
      await invoke(request, app.url, 'auth.signIn', { username: 'boss', password: PASSWORD });
      const customer = await invoke<{ id: number }>(request, app.url, 'customers.create', { name: NAME, grade: 'key' });
      // ¥25,000.00 in the last 12 months: the value at risk.
      for (const soldOn of ['2026-07-24', '2026-08-23']) {
        await invoke(request, app.url, 'sales.create', { customerId: customer.id, soldOn, currency: 'CNY', lines: [{ name: '年度维保服务', quantityMilli: 1000, unitPriceMinor: 1_250_000 }] });
      }
      await invoke(request, app.url, 'complaints.create', {
        customerId: customer.id,
        category: 'service',
        severity: 'high',
        description: '维保上门迟到两次，设备停机影响营业',
        source: 'phone',
        openedAt: NOW - 5 * 86_400_000,
        dueAt: NOW - 2 * 86_400_000,
      });
      const sentence = t(`churn.sentences.complaintsOverdue_${locale === 'en-US' ? 'one' : 'other'}`, { count: 1, overdue: 1 });

      await page.clock.setFixedTime(NOW);
      await page.goto(app.url);
      await expect(page.getByRole('heading', { name: t('signin.title') })).toBeVisible();
      await page.getByLabel(t('signin.username')).fill('boss');
      await page.getByLabel(t('signin.password')).fill(PASSWORD);
      await page.getByRole('button', { name: t('signin.submit') }).click();

      // Today lists it with the same sentence.
      const todayItem = page.locator('li[data-kind="churn"]');
      await expect(todayItem).toContainText(NAME);
      await expect(todayItem.getByTestId('churn-why')).toContainText(sentence);

      await page.getByRole('navigation').getByRole('link', { name: new RegExp(t('nav.churn')) }).click();
      await expect(page.getByRole('heading', { name: t('churn.title') })).toBeVisible();
      const card = page.locator(`li[data-customer-id="${customer.id}"]`);
      await expect(card.locator('li[data-rule="complaints"]')).toContainText(sentence);
      await expect(card.getByTestId('churn-value')).toContainText('25,000');
      await bothSizes(page, shot, `churn-list-${locale}`);

      // Filter by another rule: nothing; back to all.
      await page.getByLabel(t('churn.rule')).selectOption('contract');
      await expect(page.getByText(t('churn.emptyFiltered'))).toBeVisible();
      await expect(page).toHaveURL(/#\/churn\?rule=contract$/);
      await page.getByLabel(t('churn.rule')).selectOption('');
      await expect(card).toBeVisible();

      // Plan a visit: the new-visit form for this customer.
      await card.getByRole('button', { name: t('churn.planVisitLabel', { name: NAME }) }).click();
      await expect(page).toHaveURL(new RegExp(`#/customers/${customer.id}/visits/new$`));
      await page.goBack();

      // Dismiss: a reason is required; then the warning goes.
      await card.getByRole('button', { name: t('churn.dismissLabel', { name: NAME, rule: t('churn.rules.complaints') }) }).click();
      const dialog = page.getByRole('dialog', { name: t('churn.dismissTitle') });
      await expect(dialog).toContainText(sentence);
      await dialog.getByRole('button', { name: t('churn.dismissConfirm') }).click();
      await expect(dialog).toContainText(t('churn.dismissReasonRequired'));
      await dialog.getByLabel(t('churn.dismissReason')).fill('老客户，春节前会集中采购');
      await bothSizes(page, shot, `churn-dismiss-${locale}`);
      await dialog.getByRole('button', { name: t('churn.dismissConfirm') }).click();
      await expect(dialog).toBeHidden();
      await expect(card).toBeHidden();
      await expect(page.getByText(t('churn.empty'))).toBeVisible();
    });
  });
}
