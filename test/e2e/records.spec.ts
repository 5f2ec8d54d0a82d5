// Service and communication records in the browser, in both languages, on a fixed clock (the core's
// CLIENTELE_TEST_NOW and the page's own, both 2026-12-01 09:00 UTC). From a customer's timeline the
// owner adds a service record (refused in words first: no content, no kind of service, a date in
// 1900; then a staff member deactivated while the form was open, refused by the core next to the
// field), with one of the customer's contracts and a file; then a communication with a contact
// and a colleague as participants and a follow-up in two days (a follow-up before the day is
// refused in words). The timeline shows both, newest first; the service record deleted stays in
// it marked deleted, and Restore there brings it back. The Service records page lists both; its
// Follow-ups due tab shows the follow-up after another customer's overdue one (marked), and Done
// takes it off. A viewer reads it all and is offered nothing to change. Screenshots at 1366×768
// and 1920×1080.
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { makePng } from '../fixtures/images.ts';
import { en, zh } from '../i18n-resources.ts';
import { cli, expect, SHOP_PASSWORD as PASSWORD, test, translator } from './fixtures.ts';

/** 2026-12-01 09:00 UTC: the core's now and the page's. */
const NOW = Date.UTC(2026, 11, 1, 9, 0);
const LONG = '上海浦东新区长江国际贸易发展有限公司（华东区域总部·长期战略合作伙伴）';
const CONTACT = '王建国（采购部经理）';
const OTHER = '北京乙方科技有限责任公司';

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

/** The field's helper text (where a refusal is said), found from its label. */
const helperOf = (field: Locator) => field.locator('xpath=ancestor::div[contains(@class,"MuiFormControl-root")][1]').locator('.MuiFormHelperText-root');

const timelineEntries = (page: Page) => page.getByTestId('customer-timeline').locator('li[data-timeline-kind]');

for (const [locale, messages] of [
  ['en-US', en],
  ['zh-CN', zh as Messages],
] as const) {
  test.describe(`records (${locale})`, () => {
    test.use({ locale });
    const t: T = translator(messages);

    test(`service record with a file, communication with a follow-up, timeline, delete and restore, follow-ups due (${locale})`, async ({ page, app, shot, request, browser }) => {
      test.setTimeout(300_000);
      cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
      await invoke(request, app.url, 'auth.signIn', { username: 'boss', password: PASSWORD });
      const customer = (await invoke(request, app.url, 'customers.create', { name: LONG, contacts: [{ name: CONTACT }] })) as { id: number };
      const other = (await invoke(request, app.url, 'customers.create', { name: OTHER })) as { id: number };
      // Another customer's follow-up, overdue since 2026-11-25.
      await invoke(request, app.url, 'records.create', { customerId: other.id, kind: 'communication', at: NOW - 10 * 86_400_000, channel: 'wechat', content: '微信确认样品寄送地址', followUpOn: '2026-11-25' });
      const contract = (await invoke(request, app.url, 'contracts.create', { number: 'HT-2026-0007', title: '年度设备维护服务合同', customerId: customer.id })) as { id: number };
      await invoke(request, app.url, 'users.create', { username: 'lina', displayName: '李娜', role: 'staff', password: 'first-time-pass-77' });
      const temp = (await invoke(request, app.url, 'users.create', { username: 'temp', displayName: 'Temp Helper', role: 'staff', password: 'first-time-pass-78' })) as { id: number; version: number };

      await page.clock.setFixedTime(NOW);
      await page.goto(app.url);
      // The sign-in page speaks the browser's language.
      await expect(page.getByRole('heading', { name: t('signin.title') })).toBeVisible();
      await page.getByLabel(t('signin.username')).fill('boss');
      await page.getByLabel(t('signin.password')).fill(PASSWORD);
      await page.getByRole('button', { name: t('signin.submit') }).click();
      await expect(page.getByRole('navigation').getByRole('link', { name: t('nav.service') })).toBeVisible({ timeout: 30_000 });

      // The customer's timeline: nothing of ours yet; add a service record from there.
      const base = app.url.split('#')[0];
      await page.goto(`${base}#/customers/${customer.id}`);
      const timeline = page.getByTestId('customer-timeline');
      await expect(timeline.getByRole('heading', { name: t('timeline.title') })).toBeVisible();
      await timeline.getByRole('button', { name: t('timeline.addService') }).click();
      await expect(page.getByRole('heading', { name: t('recordForm.titleNew.service') })).toBeVisible();
      await expect(page.getByRole('combobox', { name: t('customerPicker.label') })).toHaveValue(LONG);

      // Refusals in words, next to their fields: nothing typed, a kind of service not chosen, 1900.
      await page.getByLabel(t('record.at')).fill('1900-01-01T10:00');
      await page.getByRole('button', { name: t('common.save') }).click();
      await expect(helperOf(page.locator('textarea[name="content"]'))).toHaveText(t('validation.required'));
      await expect(helperOf(page.getByLabel(t('record.serviceKind')))).toHaveText(t('validation.required'));
      await expect(helperOf(page.getByLabel(t('record.at')))).toHaveText(t('validation.dateRange'));
      await shot(`service-refused-${locale}`);

      await page.getByLabel(t('record.at')).fill('2026-11-30T10:00');
      await page.getByLabel(t('record.serviceKind')).selectOption('repair');
      await page.getByLabel(t('record.phase')).selectOption('aftersale');
      await page.getByLabel(t('record.status')).selectOption('done');
      await page.getByLabel(t('record.duration')).fill('90');
      const contractBox = page.getByRole('combobox', { name: t('record.contract') });
      await contractBox.click();
      await page.getByRole('option', { name: /HT-2026-0007/ }).click();
      await expect(contractBox).toHaveValue('HT-2026-0007 · 年度设备维护服务合同');
      await page.locator('textarea[name="content"]').fill('上门维修空调外机，更换压缩机电容，测试运行两小时正常。');
      await page.getByLabel(t('record.result')).fill('已修复');
      await page.getByLabel(t('record.feedback')).fill('客户满意，希望下次提前电话通知。');
      // A staff member deactivated while the form is open: the core refuses, said on the staff field.
      await page.getByLabel(t('record.staff')).selectOption({ label: 'Temp Helper' });
      await invoke(request, app.url, 'users.deactivate', { id: temp.id, version: temp.version });
      await page.getByRole('button', { name: t('common.save') }).click();
      await expect(helperOf(page.getByLabel(t('record.staff')))).toHaveText(t('validation.staff'));
      await bothSizes(page, shot, `service-form-${locale}`);
      await page.getByLabel(t('record.staff')).selectOption({ label: '李娜' });
      await page.getByRole('button', { name: t('common.save') }).click();

      // Its page: the fields, the contract, and a file attached to it.
      await expect(page.getByRole('heading', { name: `${t('record.kinds.service')} · ${LONG}` })).toBeVisible();
      await expect(page.getByRole('link', { name: 'HT-2026-0007 · 年度设备维护服务合同' })).toHaveAttribute('href', `#/contracts/${contract.id}`);
      await expect(page.getByText(t('record.durationValue_other', { count: 90 }))).toBeVisible();
      await page.getByTestId('attachment-file').setInputFiles({ name: '维修现场照片.png', mimeType: 'image/png', buffer: makePng(320, 200, [21, 101, 192], true) });
      await expect(page.locator('[data-testid="attachment-row"][data-name="维修现场照片.png"]')).toBeVisible();
      await bothSizes(page, shot, `service-detail-${locale}`);

      // A communication from the timeline: a contact and a colleague took part; a follow-up in two days.
      await page.goto(`${base}#/customers/${customer.id}`);
      await timeline.getByRole('button', { name: t('timeline.addCommunication') }).click();
      await expect(page.getByRole('heading', { name: t('recordForm.titleNew.communication') })).toBeVisible();
      await page.getByLabel(t('record.at')).fill('2026-12-01T08:30');
      await page.getByLabel(t('record.channel')).selectOption('phone');
      const participants = page.getByRole('combobox', { name: t('record.participants') });
      await participants.click();
      const people = page.getByRole('listbox', { name: t('record.participants') });
      await people.getByRole('option', { name: CONTACT }).click();
      await people.getByRole('option', { name: '李娜' }).click();
      await page.keyboard.press('Escape');
      await page.locator('textarea[name="content"]').fill('电话沟通续约意向，客户希望增加季度巡检。');
      await page.getByLabel(t('record.agreements')).fill('下周提供报价单');
      await page.getByLabel(t('record.followUpOn')).fill('2026-11-29');
      await page.getByRole('button', { name: t('common.save') }).click();
      await expect(helperOf(page.getByLabel(t('record.followUpOn')))).toHaveText(t('validation.followUpOrder'));
      await page.getByLabel(t('record.followUpOn')).fill('2026-12-03');
      await bothSizes(page, shot, `communication-form-${locale}`);
      await page.getByRole('button', { name: t('common.save') }).click();
      await expect(page.getByRole('heading', { name: `${t('record.kinds.communication')} · ${LONG}` })).toBeVisible();
      await expect(page.getByText(CONTACT)).toBeVisible();

      // The timeline: newest first, each with its icon and words.
      await page.getByRole('link', { name: LONG }).first().click();
      await expect(timelineEntries(page).filter({ hasText: t('record.channels.phone') })).toBeVisible();
      const kinds = async () => (await timelineEntries(page).evaluateAll((items) => items.map((item) => item.getAttribute('data-timeline-kind')))).filter((k) => k === 'service' || k === 'communication');
      expect(await kinds()).toEqual(['communication', 'service']);
      const serviceEntry = timelineEntries(page).and(page.locator('[data-timeline-kind="service"]'));
      await expect(serviceEntry).toContainText(t('record.serviceKinds.repair'));
      await expect(serviceEntry).toContainText('李娜');
      await timeline.scrollIntoViewIfNeeded();
      await bothSizes(page, shot, `timeline-${locale}`);

      // Delete the service record from its page: it stays in the timeline, marked deleted, restorable there.
      await serviceEntry.getByRole('link').click();
      await page.getByRole('button', { name: t('common.delete'), exact: true }).click();
      await page.getByRole('dialog').getByRole('button', { name: t('common.delete') }).click();
      await expect(page.getByTestId('record-deleted')).toHaveText(new RegExp(t('recordDetail.inRecycleBin').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      await page.getByRole('link', { name: LONG }).first().click();
      await expect(serviceEntry).toHaveAttribute('data-deleted', 'true');
      await expect(serviceEntry.getByTestId('timeline-deleted')).toHaveText(t('timeline.deleted'));
      await serviceEntry.scrollIntoViewIfNeeded();
      await shot(`timeline-deleted-${locale}`);
      await serviceEntry.getByRole('button', { name: new RegExp(t('timeline.restore')) }).click();
      await expect(serviceEntry).not.toHaveAttribute('data-deleted', 'true');
      await expect(serviceEntry.getByTestId('timeline-deleted')).toHaveCount(0);
      expect(await kinds()).toEqual(['communication', 'service']);

      // The Service records page: both records, newest first; the follow-up due, then done.
      await page.getByRole('navigation').getByRole('link', { name: t('nav.service') }).click();
      await expect(page.getByRole('heading', { name: t('records.title') })).toBeVisible();
      const rows = page.locator('tr[data-record-id]');
      await expect(rows).toHaveCount(3);
      await expect(rows.nth(0)).toContainText(t('record.channels.phone'));
      await expect(rows.nth(1)).toContainText(t('record.kinds.service'));
      await expect(rows.nth(2)).toContainText(OTHER);
      await bothSizes(page, shot, `list-${locale}`);
      await page.getByLabel(t('record.kind')).selectOption('service');
      await expect(rows).toHaveCount(1);

      await page.getByRole('tab', { name: t('records.tabs.followUps') }).click();
      // The overdue one first, marked; ours (in two days) after it.
      const due = page.locator('tr[data-follow-up-id]');
      await expect(due).toHaveCount(2);
      await expect(due.nth(0)).toHaveAttribute('data-overdue', 'true');
      await expect(due.nth(0)).toContainText(OTHER);
      await expect(due.nth(0)).toContainText(t('followUps.overdue'));
      await expect(due.nth(1)).toContainText(LONG.slice(0, 8));
      await expect(due.nth(1)).not.toHaveAttribute('data-overdue', 'true');
      await bothSizes(page, shot, `follow-ups-${locale}`);
      await due.nth(1).getByRole('button', { name: t('followUps.markDoneLabel', { customer: LONG }) }).click();
      await expect(page.getByText(t('followUps.doneNotice', { customer: LONG }))).toBeVisible();
      await expect(due).toHaveCount(1);
      await expect(due.nth(0)).toContainText(OTHER);
      // A row opens its record.
      await due.nth(0).click();
      await expect(page.getByRole('heading', { name: `${t('record.kinds.communication')} · ${OTHER}` })).toBeVisible();

      // A viewer reads the timeline and the records, and is offered nothing to add, change or delete.
      await invoke(request, app.url, 'users.create', { username: 'vera', displayName: 'Vera', role: 'viewer', password: 'first-time-pass-79' });
      await invoke(request, app.url, 'auth.signIn', { username: 'vera', password: 'first-time-pass-79' });
      await invoke(request, app.url, 'auth.changePassword', { oldPassword: 'first-time-pass-79', newPassword: 'my-own-secret-phrase-88' });
      const context = await browser.newContext({ locale, viewport: { width: 1366, height: 768 } });
      const viewer = await context.newPage();
      await viewer.clock.setFixedTime(NOW);
      await viewer.goto(app.url);
      await viewer.getByLabel(t('signin.username')).fill('vera');
      await viewer.getByLabel(t('signin.password')).fill('my-own-secret-phrase-88');
      await viewer.getByRole('button', { name: t('signin.submit') }).click();
      await expect(viewer.getByRole('navigation').getByRole('link', { name: t('nav.service') })).toBeVisible({ timeout: 30_000 });
      await viewer.goto(`${base}#/customers/${customer.id}`);
      await expect(timelineEntries(viewer).and(viewer.locator('[data-timeline-kind="service"]'))).toBeVisible();
      await expect(viewer.getByRole('button', { name: t('timeline.addService') })).toHaveCount(0);
      await expect(viewer.getByRole('button', { name: t('timeline.addCommunication') })).toHaveCount(0);
      await timelineEntries(viewer).and(viewer.locator('[data-timeline-kind="service"]')).getByRole('link').click();
      await expect(viewer.getByRole('heading', { name: `${t('record.kinds.service')} · ${LONG}` })).toBeVisible();
      await expect(viewer.getByRole('button', { name: t('common.edit') })).toHaveCount(0);
      await expect(viewer.getByRole('button', { name: t('common.delete'), exact: true })).toHaveCount(0);
      await viewer.getByRole('navigation').getByRole('link', { name: t('nav.service') }).click();
      await expect(viewer.locator('tr[data-record-id]')).toHaveCount(3);
      await expect(viewer.getByRole('button', { name: t('records.newService') })).toHaveCount(0);
      await context.close();
    });
  });
}
