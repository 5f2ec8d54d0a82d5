// Contracts in the browser, on a fixed clock (the core's CLIENTELE_TEST_NOW and the page's own, both
// 2026-12-01): the owner creates a contract from a customer's page (the customer fixed, the number
// suggested) ending within its 30-day notice period, so it is expiring and the navigation counts it;
// then, in Chinese, one from the Contracts page with the customer found by typing part of its long
// Chinese name, a number another contract has refused on its field, an edit and a termination.
// Screenshots of the list, the form and the page at 1366×768 and 1920×1080 in both languages. A
// viewer sees the list and a contract, with nothing to create, edit or terminate.
import type { APIRequestContext, Page } from '@playwright/test';
import { en, zh } from '../i18n-resources.ts';
import { cli, expect, SHOP_PASSWORD as PASSWORD, signIn, switchLanguage, test, translator } from './fixtures.ts';

test.use({ locale: 'en-US', viewport: { width: 1366, height: 768 } });

/** 2026-12-01 09:00 UTC: the core's today and the page's. */
const NOW = Date.UTC(2026, 11, 1, 9, 0);
const LONG = '上海浦东新区长江国际贸易发展有限公司（华东区域总部·长期战略合作伙伴）';
const OTHER = '北京乙方科技有限责任公司';
const VIEWER_INITIAL = 'first-time-pass-77';
const VIEWER_OWN = 'my-own-secret-phrase-88';
const tEn = translator(en);
const tZh = translator(zh);

// The fixture passes this process's environment to `clientele serve`.
test.beforeAll(() => {
  process.env.CLIENTELE_TEST_NOW = String(NOW);
});
test.afterAll(() => {
  delete process.env.CLIENTELE_TEST_NOW;
});

async function invoke(request: APIRequestContext, url: string, method: string, input: unknown): Promise<unknown> {
  const origin = url.split('#')[0]!.replace(/\/$/, '');
  const token = url.split('#token=')[1]!;
  const response = await request.post(`${origin}/api/invoke`, { headers: { Authorization: `Bearer ${token}` }, data: { method, input } });
  const result = (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value;
}

const navLink = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name });
const badge = (page: Page) => page.getByRole('navigation').getByTestId('nav-badge');
const row = (page: Page, number: string) => page.locator('tr[data-contract-id]').filter({ hasText: number });

async function bothSizes(page: Page, shot: (name: string) => Promise<void>, name: string) {
  await shot(`${name}-1366`);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shot(`${name}-1920`);
  await page.setViewportSize({ width: 1366, height: 768 });
}

test('contracts: create from a customer and from the list, expiring badge, duplicate number, edit, terminate; viewer reads only', async ({ page, app, shot, request, browser }) => {
  test.setTimeout(240_000);
  cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
  await invoke(request, app.url, 'auth.signIn', { username: 'boss', password: PASSWORD });
  const long = (await invoke(request, app.url, 'customers.create', { name: LONG })) as { id: number };
  await invoke(request, app.url, 'customers.create', { name: OTHER });
  await invoke(request, app.url, 'customers.create', { name: '北京甲方贸易' });
  await invoke(request, app.url, 'users.create', { username: 'vera', displayName: 'Vera', role: 'viewer', password: VIEWER_INITIAL });

  await page.clock.setFixedTime(NOW);
  await page.goto(app.url);
  await signIn(page, 'boss', PASSWORD);
  await expect(navLink(page, en.nav.contracts)).toBeVisible({ timeout: 30_000 });
  await expect(badge(page)).toHaveCount(0);

  // From the customer's page: the customer is fixed, the number suggested.
  await page.goto(`${app.url.split('#')[0]}#/customers/${long.id}`);
  const section = page.getByRole('region', { name: en.customerContracts.title });
  await expect(section.getByText(en.customerContracts.none)).toBeVisible();
  await section.getByRole('button', { name: en.contracts.new }).click();
  await expect(page.getByRole('heading', { name: en.contractForm.titleNew })).toBeVisible();
  await expect(page.getByLabel(en.contract.number)).toHaveValue('HT-2026-0001');
  await expect(page.getByRole('combobox', { name: en.customerPicker.label })).toHaveValue(LONG);
  await page.getByLabel(en.contract.title).fill('年度设备维护服务合同（含上门巡检与备件更换）');
  await page.getByLabel(en.contract.type).selectOption('service');
  await page.getByLabel(en.contract.amount, { exact: true }).fill('128,000.5');
  await page.getByLabel(en.contract.signedOn).fill('2026-01-10');
  await page.getByLabel(en.contract.startOn).fill('2026-01-10');
  await page.getByLabel(en.contract.endOn).fill('2026-12-20');
  await bothSizes(page, shot, 'form-en');
  await page.getByRole('button', { name: en.common.save }).click();

  // Its page: expiring, with the reason; the navigation counts it.
  await expect(page.getByRole('heading', { name: '年度设备维护服务合同（含上门巡检与备件更换）' })).toBeVisible();
  await expect(page.locator('[data-status="expiring"]').first()).toHaveText(en.contract.statuses.expiring);
  await expect(page.getByTestId('status-reason')).toContainText('30-day notice period');
  await expect(page.getByText('CN¥128,000.50')).toBeVisible();
  await expect(badge(page)).toHaveText('1');
  await expect(navLink(page, en.nav.contracts)).toHaveAccessibleName(`${en.nav.contracts} ${tEn('contracts.expiringBadge_one', { count: 1 })}`);
  await bothSizes(page, shot, 'detail-en');

  // Back on the customer's page: its contracts, with status, end and amount.
  await page.getByRole('link', { name: LONG }).click();
  await expect(section.locator('tr[data-contract-id]')).toHaveCount(1);
  await expect(section).toContainText(en.contract.statuses.expiring);
  await expect(section).toContainText('CN¥128,000.50');
  await section.scrollIntoViewIfNeeded();
  await shot('customer-en');

  // The list, from the navigation.
  await navLink(page, en.nav.contracts).click();
  await expect(page.getByRole('heading', { name: en.contracts.title })).toBeVisible();
  await expect(row(page, 'HT-2026-0001')).toContainText(en.contract.statuses.expiring);
  await expect(row(page, 'HT-2026-0001')).toContainText(LONG.slice(0, 6));
  await expect(page.getByTestId('contract-count')).toHaveText(tEn('contracts.count_one', { formatted: '1' }));
  await expect(page.getByTestId('contract-summary')).toContainText('CN¥128,000.50');
  await bothSizes(page, shot, 'list-en');

  // In Chinese, from the list: the customer found by typing part of its name.
  await switchLanguage(page, 'zh-CN');
  await expect(navLink(page, zh.nav.contracts)).toBeVisible();
  await page.getByRole('button', { name: zh.contracts.new }).click();
  await expect(page.getByRole('heading', { name: zh.contractForm.titleNew })).toBeVisible();
  await expect(page.getByLabel(zh.contract.number)).toHaveValue('HT-2026-0002');
  const picker = page.getByRole('combobox', { name: zh.customerPicker.label });
  await picker.fill('乙方');
  await page.getByRole('option', { name: OTHER }).click();
  await expect(picker).toHaveValue(OTHER);
  await page.getByLabel(zh.contract.number).fill('ht-2026-0001'); // the first one's number, in other letter case
  await page.getByLabel(zh.contract.title).fill('软件采购框架协议');
  await page.getByLabel(zh.contract.type).selectOption('framework');
  await page.getByLabel(zh.contract.amount, { exact: true }).fill('5000');
  await page.getByLabel(zh.contract.signedOn).fill('2026-03-01');
  await page.getByLabel(zh.contract.endOn).fill('2027-06-30');
  await bothSizes(page, shot, 'form-zh');
  await page.getByRole('button', { name: zh.common.save }).click();
  await expect(page.getByText(tZh('contract.numberTaken', { number: 'HT-2026-0001' }))).toBeVisible();
  await expect(page.getByLabel(zh.contract.number)).toBeFocused();
  await shot('duplicate-number-zh');
  await page.getByLabel(zh.contract.number).fill('HT-2026-0100');
  await page.getByRole('button', { name: zh.common.save }).click();
  await expect(page.getByRole('heading', { name: '软件采购框架协议' })).toBeVisible();
  await expect(page.locator('[data-status="active"]').first()).toHaveText(zh.contract.statuses.active);
  await expect(badge(page)).toHaveText('1');

  // Edit, while someone else saves the same contract: reloading keeps what was typed, over their change.
  await page.getByRole('button', { name: zh.common.edit }).click();
  await expect(page.getByRole('heading', { name: tZh('contractForm.titleEdit', { number: 'HT-2026-0100' }) })).toBeVisible();
  await page.getByLabel(zh.contract.title).fill('软件采购框架协议（2027 年续签版）');
  await page.getByLabel(zh.contract.autoRenew).check();
  await expect(page.getByLabel(zh.contract.renewalMonths)).toHaveValue('12');
  const id = Number(/contracts\/(\d+)\/edit/.exec(page.url())?.[1]);
  const stored = (await invoke(request, app.url, 'contracts.get', { id })) as Record<string, unknown>;
  const fields = ['number', 'title', 'customerId', 'type', 'amount', 'currency', 'signedOn', 'startOn', 'endOn', 'autoRenew', 'renewalMonths', 'noticeDays', 'ownerId'];
  await invoke(request, app.url, 'contracts.update', { ...Object.fromEntries(fields.map((f) => [f, stored[f]])), id, version: stored.version, notes: '对方补充：按季度开票' });
  await page.getByRole('button', { name: zh.common.save }).click();
  const conflict = page.getByRole('dialog', { name: zh.contractForm.conflictTitle });
  await conflict.getByRole('button', { name: zh.contractForm.conflictReload }).click();
  await expect(conflict).toBeHidden();
  await expect(page.getByLabel(zh.contract.title)).toHaveValue('软件采购框架协议（2027 年续签版）');
  await expect(page.getByLabel(zh.contract.notes)).toHaveValue('对方补充：按季度开票');
  await expect(page.getByLabel(zh.contract.autoRenew)).toBeChecked();
  await page.getByRole('button', { name: zh.common.save }).click();
  await expect(page.getByRole('heading', { name: '软件采购框架协议（2027 年续签版）' })).toBeVisible();
  await expect(page.getByText('对方补充：按季度开票')).toBeVisible();
  await expect(page.getByText(tZh('contractDetail.autoRenewOn_other', { count: 12 }))).toBeVisible();

  // Terminate, with a date and a reason: the status, its reason and the history say so.
  await page.getByRole('button', { name: zh.contractDetail.terminate }).click();
  const dialog = page.getByRole('dialog', { name: tZh('contractDetail.terminateTitle', { number: 'HT-2026-0100' }) });
  await expect(dialog.getByLabel(zh.contractDetail.terminateOn)).toHaveValue('2026-12-01');
  await dialog.getByLabel(zh.contractDetail.terminateReason).fill('客户业务调整，双方协商一致提前终止');
  await dialog.getByRole('button', { name: zh.contractDetail.terminateConfirm }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('[data-status="terminated"]').first()).toHaveText(zh.contract.statuses.terminated);
  await expect(page.getByTestId('status-reason')).toContainText('客户业务调整');
  await expect(page.getByRole('region', { name: zh.contractDetail.history })).toContainText('客户业务调整');
  await expect(page.getByRole('button', { name: zh.contractDetail.terminate })).toHaveCount(0);
  await bothSizes(page, shot, 'detail-zh');

  await navLink(page, zh.nav.contracts).click();
  await expect(row(page, 'HT-2026-0100')).toContainText(zh.contract.statuses.terminated);
  await expect(row(page, 'HT-2026-0001')).toContainText(zh.contract.statuses.expiring);
  await page.getByLabel(zh.contract.status, { exact: true }).selectOption('expiring');
  await expect(row(page, 'HT-2026-0100')).toHaveCount(0);
  await expect(page).toHaveURL(/status=expiring/);
  await page.getByLabel(zh.contract.status, { exact: true }).selectOption('');
  await expect(row(page, 'HT-2026-0100')).toBeVisible(); // every filter cleared: the whole list again
  await expect(page).not.toHaveURL(/status=/);
  await bothSizes(page, shot, 'list-zh');

  // Delete to the recycle bin and restore from there.
  await row(page, 'HT-2026-0100').click();
  await page.getByRole('button', { name: zh.common.delete }).click();
  await page.getByRole('dialog', { name: zh.contractDetail.deleteTitle }).getByRole('button', { name: zh.common.delete }).click();
  await expect(page.getByRole('heading', { name: zh.contracts.title })).toBeVisible();
  await expect(row(page, 'HT-2026-0100')).toHaveCount(0);
  await page.getByRole('link', { name: zh.contracts.recycleBin }).click();
  await expect(row(page, 'HT-2026-0100')).toBeVisible();
  await shot('recycle-bin-zh');
  await row(page, 'HT-2026-0100').getByRole('button', { name: zh.contractDetail.restore }).click();
  await expect(row(page, 'HT-2026-0100')).toHaveCount(0);
  await navLink(page, zh.nav.contracts).click();
  await expect(row(page, 'HT-2026-0100')).toBeVisible();

  // A viewer: the list and a contract, nothing to create, edit, terminate or delete.
  await invoke(request, app.url, 'auth.signIn', { username: 'vera', password: VIEWER_INITIAL });
  await invoke(request, app.url, 'auth.changePassword', { oldPassword: VIEWER_INITIAL, newPassword: VIEWER_OWN });
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1366, height: 768 } });
  const viewer = await context.newPage();
  await viewer.goto(app.url);
  await signIn(viewer, 'vera', VIEWER_OWN);
  await navLink(viewer, en.nav.contracts).click();
  await expect(row(viewer, 'HT-2026-0001')).toBeVisible();
  await expect(badge(viewer)).toHaveText('1');
  await expect(viewer.getByRole('button', { name: en.contracts.new })).toHaveCount(0);
  await row(viewer, 'HT-2026-0001').click();
  await expect(viewer.getByTestId('status-reason')).toBeVisible();
  for (const name of [en.common.edit, en.contractDetail.terminate, en.common.delete]) await expect(viewer.getByRole('button', { name, exact: true })).toHaveCount(0);
  await context.close();
});
