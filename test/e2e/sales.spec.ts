// Sales in the browser, in both languages, on a fixed clock (the core's CLIENTELE_TEST_NOW and the
// page's own, both 2026-12-01 09:00 UTC). The owner keeps two catalogue items (long Chinese names);
// on a VIP customer's page they enter a sale with "New sale" in the Sales section: the customer is
// fixed, the day is today by the app's clock; two lines picked from the catalogue (name and price
// filled in), the third typed, each added by Enter in the last line. A price with too many decimals
// is refused in words on its field and nothing typed is lost; corrected, Ctrl+Enter saves. The total
// is computed from integers (1.5 × 129.99 = 194.985 → 194.99 half up). The section, the sales list
// (with its count and total per currency, also for the dashboard's drill-down filters in the
// address) and the customer's timeline show it; the timeline entry opens the sale, and so does the
// search box's hit for a product name. The catalogue settings tab lists the items. Screenshots at
// 1366×768 and 1920×1080.
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { en, zh } from '../i18n-resources.ts';
import { cli, expect, SHOP_PASSWORD as PASSWORD, test, translator } from './fixtures.ts';

/** 2026-12-01 09:00 UTC: the core's now and the page's (the same local day in every time zone from UTC−9 to UTC+14). */
const NOW = Date.UTC(2026, 11, 1, 9, 0);
const TODAY = '2026-12-01';
const LONG = '上海浦东新区长江国际贸易发展有限公司（华东区域总部·长期战略合作伙伴）';
const CLEANING = '中央空调深度清洗消毒服务（含上门及高空作业费用·每台）';
const FILTER = '进口高效复合滤芯（三年质保·原厂正品·适用全系列机型）';
const TYPED = '上门安装调试及旧机拆除搬运费';

test.use({ viewport: { width: 1366, height: 768 }, appEnv: { CLIENTELE_TEST_NOW: String(NOW) } });

type Messages = typeof en;
type T = ReturnType<typeof translator>;

async function invoke(request: APIRequestContext, url: string, method: string, input: unknown): Promise<unknown> {
  const origin = url.split('#')[0]!.replace(/\/$/, '');
  const token = url.split('#token=')[1]!;
  const response = await request.post(`${origin}/api/invoke`, { headers: { Authorization: `Bearer ${token}` }, data: { method, input } });
  const result = (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value;
}

async function bothSizes(page: Page, shot: (name: string) => Promise<void>, name: string) {
  await shot(`${name}-1366`);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shot(`${name}-1920`);
  await page.setViewportSize({ width: 1366, height: 768 });
}

/** The field's helper text (where a refusal is said), found from its input. */
const helperOf = (field: Locator) => field.locator('xpath=ancestor::div[contains(@class,"MuiFormControl-root")][1]').locator('.MuiFormHelperText-root');

/** Money as the page writes it: Intl on a decimal string, as renderer/src/features/contracts/money.ts does. */
const money = (locale: string, decimal: string) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' }).format(decimal as `${number}`); // a decimal string is formatted exactly

async function signInAs(page: Page, t: T, username: string, password: string) {
  await expect(page.getByRole('heading', { name: t('signin.title') })).toBeVisible();
  await page.getByLabel(t('signin.username')).fill(username);
  await page.getByLabel(t('signin.password')).fill(password);
  await page.getByRole('button', { name: t('signin.submit') }).click();
  await expect(page.getByRole('navigation').getByRole('link', { name: new RegExp(t('nav.sales')) })).toBeVisible({ timeout: 30_000 });
}

for (const [locale, messages] of [
  ['en-US', en],
  ['zh-CN', zh as Messages],
] as const) {
  test.describe(`sales (${locale})`, () => {
    test.use({ locale });
    const t: T = translator(messages);

    test(`a sale of two catalogue lines and a typed one on the customer's page, a bad price refused, the list, count and timeline (${locale})`, async ({ page, app, shot, request }) => {
      test.setTimeout(600_000); // a long walk through the app; the shared 2-core machine is slow under load
      cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
      await invoke(request, app.url, 'auth.signIn', { username: 'boss', password: PASSWORD });
      const customer = (await invoke(request, app.url, 'customers.create', { name: LONG, grade: 'vip' })) as { id: number; code: string };
      await invoke(request, app.url, 'catalogue.create', { name: CLEANING, kind: 'service', unit: '台', priceMinor: 28850, currency: 'CNY' });
      await invoke(request, app.url, 'catalogue.create', { name: FILTER, kind: 'product', unit: '个', priceMinor: 12999, currency: 'CNY' });

      await page.clock.setFixedTime(NOW);
      await page.goto(app.url);
      await signInAs(page, t, 'boss', PASSWORD);
      const base = app.url.split('#')[0];
      await page.goto(`${base}#/customers/${customer.id}`);
      const section = page.getByTestId('customer-sales');
      await expect(section.getByText(t('customerSales.none'))).toBeVisible();
      await section.getByRole('button', { name: t('sales.new') }).click();

      const dialog = page.getByRole('dialog', { name: t('saleForm.newTitle') });
      await expect(dialog.getByRole('combobox', { name: t('sale.customer') })).toHaveValue(LONG);
      await expect(dialog.getByLabel(t('sale.soldOn'))).toHaveValue(TODAY);
      await expect(dialog.getByLabel(t('sale.currency'))).toHaveValue('CNY');
      const line = (n: number) => dialog.locator(`[data-sale-line="${n}"]`);
      const nameOf = (n: number) => line(n).getByRole('combobox', { name: t('sale.line.name') });

      // Line 1 from the catalogue: typing part of the name offers it; choosing fills the price.
      await nameOf(0).fill('深度清洗');
      await page.getByRole('option', { name: new RegExp(CLEANING.slice(0, 8)) }).click();
      await expect(nameOf(0)).toHaveValue(CLEANING);
      await expect(line(0).getByLabel(t('sale.line.unitPrice'))).toHaveValue('288.50');
      await line(0).getByLabel(t('sale.line.quantity')).fill('2');
      // Enter in the last line adds a line and moves to its name.
      await line(0).getByLabel(t('sale.line.quantity')).press('Enter');
      await expect(nameOf(1)).toBeFocused();
      await page.keyboard.type('滤芯');
      await page.getByRole('option', { name: new RegExp(FILTER.slice(0, 8)) }).click();
      await line(1).getByLabel(t('sale.line.quantity')).fill('1.5');
      await line(1).getByLabel(t('sale.line.discount')).press('Enter');
      await expect(nameOf(2)).toBeFocused();
      // Line 3 typed freely, with a price of too many decimals for yuan.
      await page.keyboard.type(TYPED);
      await line(2).getByLabel(t('sale.line.unitPrice')).fill('80.005');
      await dialog.getByRole('button', { name: t('common.save'), exact: true }).click();
      await expect(helperOf(line(2).getByLabel(t('sale.line.unitPrice')))).toHaveText(t('saleForm.problems.priceDecimals'));
      // Nothing typed is lost, and the lines that parse still count in the total.
      await expect(nameOf(0)).toHaveValue(CLEANING);
      await expect(nameOf(1)).toHaveValue(FILTER);
      await expect(nameOf(2)).toHaveValue(TYPED);
      await expect(line(1).getByLabel(t('sale.line.quantity'))).toHaveValue('1.5');
      await expect(dialog.getByTestId('sale-total')).toHaveAttribute('data-total-minor', String(57_700 + 19_499));
      await bothSizes(page, shot, `form-refused-${locale}`);

      // Corrected, Ctrl+Enter saves: 2 × 288.50 + 1.5 × 129.99 (194.985 → 194.99) + 80.00 = 851.99.
      await line(2).getByLabel(t('sale.line.unitPrice')).fill('80');
      await expect(dialog.getByTestId('sale-total')).toHaveAttribute('data-total-minor', '85199');
      await expect(dialog.getByTestId('sale-total')).toHaveText(t('saleForm.total', { total: money(locale, '851.99') }));
      await line(2).getByLabel(t('sale.line.unitPrice')).press('Control+Enter');
      await expect(dialog).toBeHidden();

      // The customer's Sales section.
      const sectionRows = section.locator('tr[data-sale-id]');
      await expect(sectionRows).toHaveCount(1);
      await expect(sectionRows.nth(0)).toContainText(money(locale, '851.99'));
      await expect(section.getByTestId('customer-sales-totals')).toContainText(money(locale, '851.99'));
      const saleId = Number(await sectionRows.nth(0).getAttribute('data-sale-id'));

      // The timeline has the sale, and its entry opens it.
      const entry = page.locator('[data-timeline-kind="sale"]');
      await expect(entry).toHaveCount(1);
      await expect(entry).toContainText(t('timeline.kinds.sale'));
      await bothSizes(page, shot, `customer-${locale}`);
      await entry.getByRole('link').first().click();
      await expect(page).toHaveURL(new RegExp(`#/sales/${saleId}$`));
      await expect(page.getByTestId('sale-detail-total')).toHaveText(money(locale, '851.99'));
      await expect(page.locator('[data-sale-line-id]')).toHaveCount(3);

      // The list: the row with its total, the count and total per currency.
      await page.getByRole('navigation').getByRole('link', { name: new RegExp(t('nav.sales')) }).click();
      await expect(page.getByRole('heading', { name: t('sales.title') })).toBeVisible();
      const rows = page.locator('[data-sale-id]');
      await expect(rows).toHaveCount(1);
      await expect(rows.nth(0)).toContainText(LONG);
      await expect(rows.nth(0)).toContainText(money(locale, '851.99'));
      const count = page.getByTestId('sales-count');
      await expect(count.locator('[data-count]')).toHaveAttribute('data-count', '1');
      await expect(count.locator('[data-currency="CNY"]')).toHaveText(money(locale, '851.99'));
      await bothSizes(page, shot, `list-${locale}`);

      // The dashboard drills down with filters in the address: the same count for the same filters.
      await page.goto(`${base}#/sales?month=2026-12&grade=vip&currency=CNY`);
      await expect(count.locator('[data-count]')).toHaveAttribute('data-count', '1');
      await expect(rows).toHaveCount(1);
      await page.goto(`${base}#/sales?month=2026-11`);
      await expect(count.locator('[data-count]')).toHaveAttribute('data-count', '0');
      await expect(page.getByText(t('sales.empty'))).toBeVisible();

      // The one search box finds the sale by a product name, and opens it.
      await page.getByRole('combobox', { name: t('search.label') }).fill('复合滤芯');
      const hit = page.locator('li[data-kind="sale"]');
      await expect(hit).toHaveCount(1);
      await expect(hit).toContainText(t('search.saleOf', { customer: LONG }));
      await hit.click();
      await expect(page).toHaveURL(new RegExp(`#/sales/${saleId}$`));

      // Deleted, it goes to the recycle bin (out of the totals) and is restored from there.
      await page.getByRole('button', { name: t('common.delete') }).click();
      await page.getByRole('dialog', { name: t('saleDetail.deleteTitle') }).getByRole('button', { name: t('common.delete') }).click();
      await expect(page.getByTestId('sale-deleted')).toBeVisible();
      // The list remembers its last filters (month 2026-11 above): cleared, the live list holds none.
      await page.goto(`${base}#/sales`);
      await page.getByRole('button', { name: t('sales.clearFilters') }).click();
      await expect(page).toHaveURL(/#\/sales$/);
      await expect(count.locator('[data-count]')).toHaveAttribute('data-count', '0');
      await page.getByLabel(t('sales.recycleBin')).check();
      await expect(page).toHaveURL(/#\/sales\?deleted=1$/);
      await expect(rows).toHaveCount(1);
      await rows.nth(0).click();
      await page.getByTestId('sale-deleted').getByRole('button', { name: t('saleDetail.restore') }).click();
      await expect(page.getByTestId('sale-deleted')).toHaveCount(0);
      await expect(page.getByRole('button', { name: t('common.delete') })).toBeVisible();

      // Settings → Catalogue: the owner's items, each editable and deactivatable.
      await page.goto(`${base}#/settings/catalogue`);
      const items = page.locator('tr[data-catalogue-id]');
      await expect(items).toHaveCount(2);
      await expect(items.filter({ hasText: CLEANING })).toContainText(money(locale, '288.50'));
      await expect(items.first().getByRole('button', { name: t('catalogue.deactivate') })).toBeVisible();
      await bothSizes(page, shot, `catalogue-${locale}`);
    });
  });
}
