// Competitor analysis in the browser, in both languages, on a fixed clock (2026-12-01 09:00 UTC).
// The owner adds a competitor to the register on #/competitors (a second with the same name, letter
// case aside, is refused in words on the name field); on a key customer's page, in the section
// 竞争对手 / Competitors, records that competitor's presence: for which products, a share (150 %
// refused in words, nothing typed lost; then 35 %), the contract's end day and our position. The
// section shows it; its link opens the competitor's page, which lists the customer; the reach list
// on #/competitors counts the customer under key customers, and that count opens the competitor's
// key customers. Screenshots at 1366×768 and 1920×1080.
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { en, zh } from '../i18n-resources.ts';
import { cli, expect, SHOP_PASSWORD as PASSWORD, test, translator } from './fixtures.ts';

const NOW = Date.UTC(2026, 11, 1, 9, 0);
const CUSTOMER = '上海浦东新区长江国际贸易发展有限公司（华东区域总部）';
const RIVAL = '远大办公设备集团股份有限公司';
const PRODUCTS = '复印机、打印耗材、年度维保';

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

for (const [locale, messages] of [
  ['en-US', en],
  ['zh-CN', zh as Messages],
] as const) {
  test.describe(`competitors (${locale})`, () => {
    test.use({ locale });
    const t: T = translator(messages);

    test(`a competitor added, its presence recorded at a customer, the customer in its list and the reach list (${locale})`, async ({ page, app, shot, request }) => {
      test.setTimeout(600_000); // the shared 2-core machine is slow under load
      cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
      await invoke(request, app.url, 'auth.signIn', { username: 'boss', password: PASSWORD });
      const customer = (await invoke(request, app.url, 'customers.create', { name: CUSTOMER, grade: 'key' })) as { id: number; code: string };
      await invoke(request, app.url, 'competitors.create', { name: 'Bright Office' });

      await page.clock.setFixedTime(NOW);
      await page.goto(app.url);
      await expect(page.getByRole('heading', { name: t('signin.title') })).toBeVisible();
      await page.getByLabel(t('signin.username')).fill('boss');
      await page.getByLabel(t('signin.password')).fill(PASSWORD);
      await page.getByRole('button', { name: t('signin.submit') }).click();
      const nav = page.getByRole('navigation').getByRole('link', { name: new RegExp(t('nav.competitors')) });
      await expect(nav).toBeVisible({ timeout: 30_000 });
      await nav.click();
      await expect(page.getByRole('heading', { name: t('competitors.title'), level: 1 })).toBeVisible();
      await expect(page.getByTestId('competitor-reach').getByText(t('competitors.reach.none'))).toBeVisible();

      // The register: a name already taken (letter case aside) is refused on its field; then the new one.
      const register = page.getByTestId('competitor-register');
      await register.getByRole('button', { name: t('competitors.add') }).click();
      const dialog = page.getByRole('dialog', { name: t('competitors.addTitle') });
      const name = dialog.getByLabel(t('competitor.name'));
      await name.fill('BRIGHT office');
      await dialog.getByLabel(t('competitor.products')).fill(PRODUCTS);
      await dialog.getByRole('button', { name: t('common.save') }).click();
      await expect(helperOf(name)).toHaveText(t('competitors.problems.taken'));
      await expect(dialog.getByLabel(t('competitor.products'))).toHaveValue(PRODUCTS);
      await name.fill(RIVAL);
      await dialog.getByLabel(t('competitor.priceLevel')).selectOption('low');
      await dialog.getByLabel(t('competitor.strengths')).fill('价格低，渠道广');
      await dialog.getByRole('button', { name: t('common.save') }).click();
      await expect(dialog).toBeHidden();
      const rivalRow = register.locator('tr[data-competitor-id]', { hasText: RIVAL });
      await expect(rivalRow).toContainText(t('competitor.priceLevels.low'));
      await expect(rivalRow).toContainText(PRODUCTS);
      await bothSizes(page, shot, `register-${locale}`);

      // The customer's page: record the competitor's presence.
      const base = app.url.split('#')[0];
      await page.goto(`${base}#/customers/${customer.id}`);
      const section = page.getByTestId('customer-competitors');
      await expect(section.getByRole('heading', { name: t('presence.title') })).toBeVisible();
      await expect(section.getByText(t('presence.none'))).toBeVisible();
      await section.getByRole('button', { name: t('presence.add') }).click();
      const form = page.getByRole('dialog', { name: t('presence.addTitle') });
      await form.getByLabel(t('presence.competitor')).selectOption({ label: RIVAL });
      await form.getByLabel(t('presence.products')).fill('复印机');
      await form.getByLabel(t('presence.sharePercent')).fill('150');
      await form.getByLabel(t('presence.contractEndOn')).fill('2027-03-31');
      await form.getByLabel(t('presence.position')).selectOption('behind');
      await form.getByRole('button', { name: t('common.save') }).click();
      await expect(helperOf(form.getByLabel(t('presence.sharePercent')))).toHaveText(t('presence.problems.share'));
      await expect(form.getByLabel(t('presence.products'))).toHaveValue('复印机');
      await expect(form.getByLabel(t('presence.contractEndOn'))).toHaveValue('2027-03-31');
      await bothSizes(page, shot, `presence-refused-${locale}`);
      await form.getByLabel(t('presence.sharePercent')).fill('35');
      await form.getByRole('button', { name: t('common.save') }).click();
      await expect(form).toBeHidden();
      const row = section.locator('tr[data-presence-id]');
      await expect(row).toHaveCount(1);
      await expect(row).toContainText(RIVAL);
      await expect(row).toContainText(new Intl.NumberFormat(locale, { style: 'percent' }).format(0.35));
      await expect(row).toContainText(t('presence.positions.behind'));
      await section.scrollIntoViewIfNeeded();
      await bothSizes(page, shot, `customer-section-${locale}`);

      // The competitor's page lists the customer.
      await row.getByRole('link', { name: RIVAL }).click();
      await expect(page.getByRole('heading', { name: RIVAL, level: 1 })).toBeVisible();
      const customers = page.getByTestId('competitor-customers');
      await expect(customers.locator('tr[data-presence-id]')).toHaveCount(1);
      await expect(customers.getByRole('link', { name: CUSTOMER })).toBeVisible();
      await expect(customers).toContainText(customer.code);
      await bothSizes(page, shot, `competitor-page-${locale}`);

      // The reach list: one key customer; the count opens the competitor's key customers.
      await page.goto(`${base}#/competitors`);
      const reachRow = page.getByTestId('competitor-reach').locator('tr[data-reach-id]');
      await expect(reachRow).toHaveCount(1);
      await expect(reachRow).toContainText(RIVAL);
      await bothSizes(page, shot, `reach-${locale}`);
      await reachRow.getByRole('link', { name: '1' }).click();
      await expect(page.getByRole('heading', { name: RIVAL, level: 1 })).toBeVisible();
      await expect(page.getByLabel(t('customer.grade'))).toHaveValue('key');
      await expect(page.getByTestId('competitor-customers').getByRole('link', { name: CUSTOMER })).toBeVisible();
    });
  });
}
