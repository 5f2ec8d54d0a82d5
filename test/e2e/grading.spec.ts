// Value grading in the browser, in both languages, on a fixed clock (the core's CLIENTELE_TEST_NOW
// and the page's own). Set up through the API: four customers with long Chinese names, all Normal,
// with very different sales in the last 12 months. The owner proposes now, accepts one change,
// rejects another, accepts all, applies (the dialog says how many), sees the result, and finds
// "suggested by ABC, accepted by boss" in the customer's grade history. The rules tab refuses
// cut-offs that leave C nothing. Screenshots at 1366×768 and 1920×1080.
import type { APIRequestContext, Page } from '@playwright/test';
import { en, zh } from '../i18n-resources.ts';
import { cli, expect, SHOP_PASSWORD as PASSWORD, test, translator } from './fixtures.ts';

/** 2026-12-01 09:00 UTC: the core's now and the page's. */
const NOW = Date.UTC(2026, 11, 1, 9, 0);
const BIG = '上海浦东新区长江国际贸易发展有限公司（华东区域总部·长期战略合作伙伴）';
const MID = '杭州西湖区龙井路茶叶进出口贸易有限责任公司（浙江省重点客户）';
const SMALL = '苏州工业园区精密零部件制造有限公司';
const TINY = '南京鼓楼区小王便利店';

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
  test.describe(`value grading (${locale})`, () => {
    test.use({ locale });
    const t = translator(messages);
    const plural = (key: string, count: number) => t(`${key}_${locale === 'en-US' && count === 1 ? 'one' : 'other'}`, { count });

    test(`propose, accept one, reject one, accept all, apply, see the grade history (${locale})`, async ({ page, app, shot, request }) => {
      test.setTimeout(300_000);
      cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
      await invoke(request, app.url, 'auth.signIn', { username: 'boss', password: PASSWORD });
      const ids: Record<string, number> = {};
      // Revenue 1,000,000 / 200,000 / 40,000 / 1,000 yuan: the first is A (VIP), the second B (Key).
      for (const [name, yuan] of [[BIG, 1_000_000], [MID, 200_000], [SMALL, 40_000], [TINY, 1_000]] as const) {
        const customer = await invoke<{ id: number }>(request, app.url, 'customers.create', { name, grade: 'normal' });
        ids[name] = customer.id;
        await invoke(request, app.url, 'sales.create', { customerId: customer.id, soldOn: '2026-11-15', currency: 'CNY', lines: [{ name: '年度采购', quantityMilli: 1000, unitPriceMinor: yuan * 100 }] });
      }

      await page.clock.setFixedTime(NOW);
      await page.goto(app.url);
      await expect(page.getByRole('heading', { name: t('signin.title') })).toBeVisible();
      await page.getByLabel(t('signin.username')).fill('boss');
      await page.getByLabel(t('signin.password')).fill(PASSWORD);
      await page.getByRole('button', { name: t('signin.submit') }).click();
      await page.getByRole('navigation').getByRole('link', { name: new RegExp(t('nav.grading')) }).click();
      await expect(page.getByRole('heading', { name: t('grading.title'), level: 1 })).toBeVisible();

      await page.getByRole('button', { name: t('grading.proposeNow') }).click();
      const accept = (name: string) => page.getByRole('button', { name: t('grading.acceptLabel', { name }) });
      const reject = (name: string) => page.getByRole('button', { name: t('grading.rejectLabel', { name }) });
      await expect(accept(BIG)).toBeVisible();
      await expect(page.locator(`[data-customer-id="${ids[BIG]}"]`)).toContainText(t('grading.reason', { abc: 'A', rank: 1, of: 4, share: '0%' }));
      await accept(BIG).click();
      await expect(accept(BIG)).toHaveAttribute('aria-pressed', 'true');
      await reject(MID).click();
      await expect(reject(MID)).toHaveAttribute('aria-pressed', 'true');
      await expect(page.getByTestId('proposal-counts')).toHaveText(t('grading.counts', { graded: '4', items: '4', pending: '2', accepted: '1', rejected: '1' }));
      await bothSizes(page, shot, `proposal-${locale}`);

      await page.getByRole('button', { name: t('grading.acceptAll') }).click();
      await expect(accept(MID)).toHaveAttribute('aria-pressed', 'true');
      await page.getByRole('button', { name: t('grading.apply'), exact: true }).click();
      const dialog = page.getByRole('dialog', { name: t('grading.applyTitle') });
      await expect(dialog).toBeVisible();
      await bothSizes(page, shot, `apply-${locale}`);
      await dialog.getByRole('button', { name: /^(Change|调整)/ }).click();
      await expect(dialog).toBeHidden();
      const result = page.getByTestId('apply-result');
      await expect(result).toContainText(plural('grading.appliedNotice', 4));
      await expect(page).toHaveURL(/#\/grading\/history\/\d+$/);
      await bothSizes(page, shot, `applied-${locale}`);

      // The customer page says who suggested the grade and who accepted it.
      await page.goto(`${app.url.split('#')[0]}#/customers/${ids[BIG]}`);
      const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(NOW);
      await expect(page.getByText(t('grading.historySuggested', { grade: t('customer.grades.vip'), date, source: t('grading.sources.abc'), name: 'boss' }))).toBeVisible();
      await bothSizes(page, shot, `history-${locale}`);

      // Rules: A + B must leave C a share.
      await page.goto(`${app.url.split('#')[0]}#/grading/settings`);
      await page.getByLabel(t('grading.cutoffA')).fill('80');
      await page.getByLabel(t('grading.cutoffB')).fill('20');
      await page.getByRole('button', { name: t('common.save') }).click();
      await expect(page.getByText(t('grading.invalid.sum'))).toBeVisible();
      await bothSizes(page, shot, `rules-${locale}`);
    });
  });
}
