// Needs analysis in the browser, in both languages, on a fixed clock (the core's CLIENTELE_TEST_NOW
// and the page's own, both 2026-12-01 09:00 UTC). The owner keeps a maintenance contract in the
// catalogue; on a customer's page (two contacts) they note a need with "Note a need": saving with no
// title is refused in words on its field, nothing typed lost; then a service need for the
// maintenance contract by 2026-12-20 and a decision need naming one contact as decision maker. The
// section lists both. The needs list finds the first by product, status "open" and "this quarter"
// (its count says 1); marked met on the customer's page, it leaves the open list and shows under
// "met". Screenshots at 1366×768 and 1920×1080.
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { en, zh } from '../i18n-resources.ts';
import { cli, expect, SHOP_PASSWORD as PASSWORD, test, translator } from './fixtures.ts';

/** 2026-12-01 09:00 UTC: the core's now and the page's (the same local day in every time zone from UTC−9 to UTC+14). */
const NOW = Date.UTC(2026, 11, 1, 9, 0);
const CUSTOMER = '杭州西湖精密机械制造有限公司（浙江区域重点客户）';
const MAINTENANCE = '中央空调年度维保合同（含季度巡检·24小时响应）';
const TITLE = '明年一月前续签空调维保，希望增加夜间巡检';

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

/** The title field (required: its name carries the asterisk; "Need" alone, not "Needed by"). */
const titleOf = (dialog: Locator, label: string) => dialog.getByRole('textbox', { name: new RegExp(`^${label}\\s*\\*?$`) });

/** The field's helper text (where a refusal is said), found from its input. */
const helperOf = (field: Locator) => field.locator('xpath=ancestor::div[contains(@class,"MuiFormControl-root")][1]').locator('.MuiFormHelperText-root');

async function signInAs(page: Page, t: T, username: string, password: string) {
  await expect(page.getByRole('heading', { name: t('signin.title') })).toBeVisible();
  await page.getByLabel(t('signin.username')).fill(username);
  await page.getByLabel(t('signin.password')).fill(password);
  await page.getByRole('button', { name: t('signin.submit') }).click();
  await expect(page.getByRole('navigation').getByRole('link', { name: new RegExp(t('nav.needs')) })).toBeVisible({ timeout: 30_000 });
}

for (const [locale, messages] of [
  ['en-US', en],
  ['zh-CN', zh as Messages],
] as const) {
  test.describe(`needs (${locale})`, () => {
    test.use({ locale });
    const t: T = translator(messages);

    test(`a need noted on the customer's page, found in the needs list by product, status and quarter (${locale})`, async ({ page, app, shot, request }) => {
      test.setTimeout(600_000); // a long walk through the app; the shared 2-core machine is slow under load
      cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
      await invoke(request, app.url, 'auth.signIn', { username: 'boss', password: PASSWORD });
      const customer = (await invoke(request, app.url, 'customers.create', { name: CUSTOMER, kind: 'company', grade: 'key', contacts: [{ name: '王建国', title: '总经理' }, { name: '李工', title: '设备科' }] })) as { id: number };
      const item = (await invoke(request, app.url, 'catalogue.create', { name: MAINTENANCE, kind: 'service', unit: '年', priceMinor: 1_280_000, currency: 'CNY' })) as { id: number };
      await invoke(request, app.url, 'catalogue.create', { name: '激光打印机', kind: 'product', priceMinor: 250_000, currency: 'CNY' });

      await page.clock.setFixedTime(NOW);
      await page.goto(app.url);
      await signInAs(page, t, 'boss', PASSWORD);
      const base = app.url.split('#')[0];
      await page.goto(`${base}#/customers/${customer.id}`);
      const section = page.getByTestId('customer-needs');
      await expect(section.getByText(t('needs.none'))).toBeVisible();

      // A need without a title is refused on its field; what was chosen stays.
      await section.getByRole('button', { name: t('needs.new') }).click();
      const dialog = page.getByRole('dialog', { name: t('needs.newTitle', { name: CUSTOMER }) });
      await dialog.getByLabel(t('need.kind')).selectOption('service');
      await dialog.getByLabel(t('need.item')).selectOption(String(item.id));
      await dialog.getByLabel(t('need.neededBy')).fill('2026-12-20');
      await dialog.getByRole('button', { name: t('common.save'), exact: true }).click();
      await expect(helperOf(titleOf(dialog, t('need.title')))).toHaveText(t('validation.required'));
      await expect(dialog.getByLabel(t('need.item'))).toHaveValue(String(item.id));
      await expect(dialog.getByLabel(t('need.neededBy'))).toHaveValue('2026-12-20');
      await bothSizes(page, shot, `form-refused-${locale}`);
      await titleOf(dialog, t('need.title')).fill(TITLE);
      await dialog.getByRole('button', { name: t('common.save'), exact: true }).click();
      await expect(dialog).toBeHidden();

      // A decision need: the decision makers are the customer's contacts.
      await section.getByRole('button', { name: t('needs.new') }).click();
      await dialog.getByLabel(t('need.kind')).selectOption('decision');
      await titleOf(dialog, t('need.title')).fill('总经理拍板，设备科提需求');
      await dialog.getByRole('checkbox', { name: /王建国/ }).check();
      await dialog.getByRole('button', { name: t('common.save'), exact: true }).click();
      await expect(dialog).toBeHidden();

      const rows = section.locator('tr[data-need-id]');
      await expect(rows).toHaveCount(2);
      await expect(rows.nth(0)).toContainText(t('need.kinds.decision'));
      await expect(rows.nth(0)).toContainText('王建国');
      await expect(rows.nth(1)).toContainText(TITLE);
      await expect(rows.nth(1)).toContainText(MAINTENANCE);
      await section.scrollIntoViewIfNeeded();
      await bothSizes(page, shot, `customer-${locale}`);

      // The timeline has both needs.
      await expect(page.locator('[data-timeline-kind="need"]')).toHaveCount(2);

      // The needs list: "who needs a maintenance contract this quarter?"
      await page.getByRole('navigation').getByRole('link', { name: new RegExp(t('nav.needs')) }).click();
      await expect(page.getByRole('heading', { name: t('needs.title') })).toBeVisible();
      const filters = page.getByRole('group', { name: t('needs.filters') });
      await filters.getByLabel(t('need.item')).selectOption(String(item.id));
      await filters.getByLabel(t('need.status')).selectOption('open');
      await filters.getByLabel(t('needs.period')).selectOption('thisQuarter');
      await expect(page).toHaveURL(new RegExp(`itemId=${item.id}&status=open&from=2026-10-01&to=2026-12-31`));
      await expect(page.getByTestId('needs-count').locator('[data-count]')).toHaveAttribute('data-count', '1');
      const listRows = page.locator('[data-need-id]');
      await expect(listRows).toHaveCount(1);
      await expect(listRows.first()).toContainText(TITLE.slice(0, 10));
      await expect(listRows.first()).toContainText(t('need.statuses.open'));
      await bothSizes(page, shot, `list-${locale}`);

      // Met on the customer's page: it leaves the open list, and shows under "met".
      const needId = await listRows.first().getAttribute('data-need-id');
      await listRows.first().click();
      await expect(page).toHaveURL(new RegExp(`#/customers/${customer.id}`));
      await page
        .getByTestId('customer-needs')
        .locator(`tr[data-need-id="${needId}"]`)
        .getByLabel(t('needs.changeStatus', { title: TITLE }))
        .selectOption('met');
      await expect(page.getByText(t('needs.statusChanged', { status: t('need.statuses.met') }))).toBeVisible();
      await page.goto(`${base}#/needs?itemId=${item.id}&status=open&from=2026-10-01&to=2026-12-31`);
      await expect(page.getByTestId('needs-count').locator('[data-count]')).toHaveAttribute('data-count', '0');
      await page.goto(`${base}#/needs?itemId=${item.id}&status=met`);
      await expect(page.getByTestId('needs-count').locator('[data-count]')).toHaveAttribute('data-count', '1');
      await expect(page.locator('[data-need-id]')).toHaveCount(1);
    });
  });
}
