// Complaints in the browser, in both languages, on a fixed clock (the core's CLIENTELE_TEST_NOW and
// the page's own, both 2026-12-01 09:00 UTC). A low survey score entered with the CLI two days ago
// (`clientele surveys add`) opened a complaint for a VIP customer, due 24 hours later: it is
// overdue now. The navigation counts the open and the overdue complaints. From the customer's page
// the owner opens a second complaint by hand (refused in words first: nothing chosen, a deadline
// before the opening), its deadline left to the grade's standard. The list shows the overdue one at
// the top, marked; the severity filter keeps the address. The overdue one is started, resolved
// (a resolution is required) with the customer's satisfaction after, and closed; its history says
// each step with who and the note; Reopen is then offered. The counts follow, and the customer's
// timeline shows both complaints. A viewer sees the complaint and is offered no step. Screenshots
// at 1366×768 and 1920×1080.
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { en, zh } from '../i18n-resources.ts';
import { cli, expect, SHOP_PASSWORD as PASSWORD, test, translator } from './fixtures.ts';

/** 2026-12-01 09:00 UTC: the core's now and the page's. */
const NOW = Date.UTC(2026, 11, 1, 9, 0);
const TWO_DAYS_AGO = NOW - 2 * 86_400_000;
const LONG = '上海浦东新区长江国际贸易发展有限公司（华东区域总部·长期战略合作伙伴）';

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

async function signInAs(page: Page, t: T, username: string, password: string) {
  await expect(page.getByRole('heading', { name: t('signin.title') })).toBeVisible();
  await page.getByLabel(t('signin.username')).fill(username);
  await page.getByLabel(t('signin.password')).fill(password);
  await page.getByRole('button', { name: t('signin.submit') }).click();
  await expect(page.getByRole('navigation').getByRole('link', { name: new RegExp(t('nav.complaints')) })).toBeVisible({ timeout: 30_000 });
}

for (const [locale, messages] of [
  ['en-US', en],
  ['zh-CN', zh as Messages],
] as const) {
  test.describe(`complaints (${locale})`, () => {
    test.use({ locale });
    const t: T = translator(messages);

    test(`a low score's complaint overdue at the top, one opened by hand, resolved with the satisfaction after, its history (${locale})`, async ({ page, app, shot, request, browser }) => {
      test.setTimeout(600_000); // a long walk through the app; the shared 2-core machine is slow under load
      cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
      await invoke(request, app.url, 'auth.signIn', { username: 'boss', password: PASSWORD });
      const wang = (await invoke(request, app.url, 'users.create', { username: 'wangfang', displayName: '王芳', role: 'staff', password: 'first-time-pass-77' })) as { id: number };
      await invoke(request, app.url, 'users.create', { username: 'reader', displayName: 'Reader', role: 'viewer', password: 'first-time-pass-78' });
      const customer = (await invoke(request, app.url, 'customers.create', { name: LONG, grade: 'vip', ownerId: wang.id })) as { id: number; code: string };

      // Two days ago the customer rated the service attitude 1 (entered then): a complaint due 24 hours later (VIP).
      const added = JSON.parse(
        cli(app.dataDir, ['surveys', 'add', '--user', 'boss', '--customer', customer.code, '--scores', 'quality=4,attitude=1', '--nps', '3', '--comment', '上门服务态度差，等了两个小时', '--json'], {
          CLIENTELE_TEST_NOW: String(TWO_DAYS_AGO),
        }),
      ) as { complaint: { id: number; dueAt: number; assigneeName: string | null } };
      const late = added.complaint;
      expect(late.dueAt).toBe(NOW - 86_400_000);
      expect(late.assigneeName).toBe('王芳');

      await page.clock.setFixedTime(NOW);
      await page.goto(app.url);
      await signInAs(page, t, 'boss', PASSWORD);
      const navLink = page.getByRole('navigation').getByRole('link', { name: new RegExp(t('nav.complaints')) });
      await expect(navLink.getByTestId('nav-badge')).toHaveText('1');
      await expect(navLink.getByTestId('nav-badge-urgent')).toHaveText('1');
      await expect(navLink.getByTestId('nav-badge-urgent')).toHaveAttribute('aria-label', t(locale === 'en-US' ? 'complaints.overdueBadge_one' : 'complaints.overdueBadge_other', { count: 1 }));

      // A complaint by hand from the customer's page: refused in words first.
      const base = app.url.split('#')[0];
      await page.goto(`${base}#/customers/${customer.id}`);
      await page.getByRole('button', { name: t('complaints.new') }).click();
      await expect(page.getByRole('heading', { name: t('complaintForm.titleNew') })).toBeVisible();
      await expect(page.getByRole('combobox', { name: t('customerPicker.label') })).toHaveValue(LONG);
      // The customer's responsible staff member handles it by default.
      await expect(page.getByLabel(t('complaint.assignee'))).toHaveValue(String(wang.id));
      await page.getByLabel(t('complaint.dueAt')).fill('2026-11-30T18:00');
      await page.getByRole('button', { name: t('common.save') }).click();
      await expect(helperOf(page.getByLabel(t('complaint.category')))).toHaveText(t('validation.required'));
      await expect(helperOf(page.getByLabel(t('complaint.source')))).toHaveText(t('validation.required'));
      await expect(helperOf(page.locator('textarea[name="description"]'))).toHaveText(t('validation.required'));
      await expect(helperOf(page.getByLabel(t('complaint.dueAt')))).toHaveText(t('validation.deadline'));
      await bothSizes(page, shot, `form-refused-${locale}`);

      await page.getByLabel(t('complaint.category')).selectOption('billing');
      await page.getByLabel(t('complaint.severity')).selectOption('high');
      await page.getByLabel(t('complaint.source')).selectOption('wechat');
      await page.locator('textarea[name="description"]').fill('发票抬头开错两次，客户要求本周内重开并邮寄。');
      await page.getByLabel(t('complaint.dueAt')).fill('');
      await page.getByRole('button', { name: t('common.save') }).click();
      await expect(page).toHaveURL(/#\/complaints\/\d+$/);
      const handId = Number(/#\/complaints\/(\d+)/.exec(page.url())![1]);
      await expect(page.getByRole('heading', { name: t('complaintDetail.heading', { id: handId, customer: LONG }) })).toBeVisible();
      // Due 24 hours after opening (the VIP standard), not overdue.
      await expect(page.getByTestId('complaint-overdue')).toHaveCount(0);
      await expect(page.getByTestId('complaint-status')).toHaveText(t('complaint.statuses.new'));
      await expect(navLink.getByTestId('nav-badge')).toHaveText('2');

      // The list: the overdue one at the top, marked; then the one due tomorrow.
      await navLink.click();
      await expect(page.getByRole('heading', { name: t('complaints.title') })).toBeVisible();
      const rows = page.locator('tr[data-complaint-id]');
      await expect(rows).toHaveCount(2);
      await expect(rows.nth(0)).toHaveAttribute('data-complaint-id', String(late.id));
      await expect(rows.nth(0).getByTestId('complaint-overdue')).toBeVisible();
      await expect(rows.nth(1)).toHaveAttribute('data-complaint-id', String(handId));
      await expect(rows.nth(1).getByTestId('complaint-overdue')).toHaveCount(0);
      await bothSizes(page, shot, `list-${locale}`);
      // Filters live in the address: the survey's complaint is 'high' too (attitude 1), a billing filter keeps one.
      await page.getByLabel(t('complaint.category')).selectOption('billing');
      await expect(rows).toHaveCount(1);
      await expect(page).toHaveURL(/#\/complaints\?category=billing$/);
      await page.reload();
      await expect(rows).toHaveCount(1);
      await expect(rows.nth(0)).toHaveAttribute('data-complaint-id', String(handId));
      await page.getByLabel(t('complaint.status')).selectOption('overdue');
      await expect(page.getByText(t('complaints.empty'))).toBeVisible();
      await page.getByRole('button', { name: t('complaints.clearFilters') }).click();
      await expect(rows).toHaveCount(2);

      // The overdue one: start, then resolve (a resolution is required) with the satisfaction after.
      await rows.nth(0).click();
      await expect(page.getByRole('heading', { name: t('complaintDetail.heading', { id: late.id, customer: LONG }) })).toBeVisible();
      await expect(page.getByTestId('complaint-overdue')).toBeVisible();
      await expect(page.getByTestId('page-scroll').getByRole('button', { name: t('complaintDetail.close') })).toHaveCount(0);
      await expect(page.getByRole('button', { name: t('complaintDetail.reopen') })).toHaveCount(0);
      await page.getByRole('button', { name: t('complaintDetail.start') }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(t('complaintStatus.note')).fill('已电话联系客户致歉');
      await dialog.getByRole('button', { name: t('complaintDetail.start') }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByTestId('complaint-status')).toHaveText(t('complaint.statuses.inProgress'));

      await page.getByRole('button', { name: t('complaintDetail.resolve') }).click();
      await dialog.getByRole('button', { name: t('complaintDetail.resolve') }).click();
      await expect(dialog.getByRole('textbox', { name: t('complaint.resolution') })).toHaveAttribute('aria-invalid', 'true');
      await expect(dialog.getByText(t('validation.required'), { exact: true })).toBeVisible();
      await dialog.getByRole('textbox', { name: t('complaint.resolution') }).fill('更换服务人员，经理上门道歉并赠送一次免费保养。');
      await dialog.getByRole('radio', { name: '4' }).check();
      await dialog.getByLabel(t('complaintStatus.note')).fill('客户表示满意');
      await shot(`resolve-dialog-${locale}`);
      await dialog.getByRole('button', { name: t('complaintDetail.resolve') }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByTestId('complaint-status')).toHaveText(t('complaint.statuses.resolved'));
      await expect(page.getByTestId('complaint-overdue')).toHaveCount(0);
      await expect(page.getByText(t('complaint.afterScoreValue', { score: 4 }))).toBeVisible();

      // The history: opened, started and resolved, each with who and the note.
      const history = page.getByTestId('complaint-history').locator('li');
      await expect(history).toHaveCount(3);
      await expect(history.nth(0)).toContainText(t('complaintDetail.events.opened'));
      await expect(history.nth(1)).toContainText(t('complaintDetail.events.status', { from: t('complaint.statuses.new'), to: t('complaint.statuses.inProgress') }));
      await expect(history.nth(1)).toContainText('已电话联系客户致歉');
      await expect(history.nth(2)).toContainText(t('complaintDetail.events.status', { from: t('complaint.statuses.inProgress'), to: t('complaint.statuses.resolved') }));
      await expect(history.nth(2)).toContainText('客户表示满意');
      await expect(history.nth(2)).toContainText('boss');
      await bothSizes(page, shot, `resolved-${locale}`);
      await page.getByTestId('complaint-history').scrollIntoViewIfNeeded();
      await shot(`history-${locale}`);

      // Closing keeps the satisfaction recorded; then only Reopen is offered.
      // The page's step, not the notice's own Close button (same name, outside the page).
      await page.getByTestId('page-scroll').getByRole('button', { name: t('complaintDetail.close') }).click();
      await expect(dialog.getByRole('radio', { name: '4' })).toBeChecked();
      await dialog.getByRole('button', { name: t('complaintDetail.close') }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByTestId('complaint-status')).toHaveText(t('complaint.statuses.closed'));
      await expect(page.getByRole('button', { name: t('complaintDetail.reopen') })).toBeVisible();
      await expect(page.getByRole('button', { name: t('complaintDetail.resolve') })).toHaveCount(0);
      await expect(history).toHaveCount(4);

      // The counts follow: one open (the one by hand), none overdue.
      await expect(navLink.getByTestId('nav-badge')).toHaveText('1');
      await expect(navLink.getByTestId('nav-badge-urgent')).toHaveCount(0);

      // The customer's timeline shows both complaints with their category and status; one opens its page.
      await page.goto(`${base}#/customers/${customer.id}`);
      const entries = page.getByTestId('customer-timeline').locator('li[data-timeline-kind="complaint"]');
      await expect(entries).toHaveCount(2);
      await expect(entries.filter({ hasText: t('complaint.categories.billing') })).toContainText(t('timeline.statuses.new'));
      await expect(entries.filter({ hasText: t('timeline.statuses.closed') })).toHaveCount(1);
      await entries.filter({ hasText: t('complaint.categories.billing') }).getByRole('link').click();
      await expect(page.getByRole('heading', { name: t('complaintDetail.heading', { id: handId, customer: LONG }) })).toBeVisible();

      // An edit moving the deadline and handing it to nobody is kept in its history.
      await page.getByRole('button', { name: t('common.edit') }).click();
      await expect(page.getByRole('heading', { name: t('complaintForm.titleEdit', { id: handId }) })).toBeVisible();
      await expect(page.getByLabel(t('complaint.openedAt'))).toBeDisabled();
      await page.getByLabel(t('complaint.dueAt')).fill('2026-12-03T18:00');
      await page.getByLabel(t('complaint.assignee')).selectOption({ label: t('complaint.nobody') });
      await page.getByRole('button', { name: t('common.save') }).click();
      await expect(page.getByRole('heading', { name: t('complaintDetail.heading', { id: handId, customer: LONG }) })).toBeVisible();
      const handHistory = page.getByTestId('complaint-history').locator('li');
      await expect(handHistory.filter({ hasText: t('complaintDetail.events.deadline') })).toHaveCount(1);
      await expect(handHistory.filter({ hasText: t('complaintDetail.events.assigned') })).toContainText(`王芳 → ${t('complaint.nobody')}`);
      await page.getByTestId('complaint-history').scrollIntoViewIfNeeded();
      await shot(`edited-history-${locale}`);

      // A viewer reads the complaint and is offered no step, edit or delete.
      await invoke(request, app.url, 'auth.signIn', { username: 'reader', password: 'first-time-pass-78' });
      await invoke(request, app.url, 'auth.changePassword', { oldPassword: 'first-time-pass-78', newPassword: 'my-own-secret-phrase-88' });
      const viewerContext = await browser.newContext({ locale, viewport: { width: 1366, height: 768 } });
      const viewer = await viewerContext.newPage();
      await viewer.clock.setFixedTime(NOW);
      await viewer.goto(app.url);
      await signInAs(viewer, t, 'reader', 'my-own-secret-phrase-88');
      await viewer.goto(`${base}#/complaints/${handId}`);
      await expect(viewer.getByRole('heading', { name: t('complaintDetail.heading', { id: handId, customer: LONG }) })).toBeVisible();
      for (const step of ['start', 'resolve', 'close', 'reopen'] as const) await expect(viewer.getByTestId('page-scroll').getByRole('button', { name: t(`complaintDetail.${step}`) })).toHaveCount(0);
      await expect(viewer.getByRole('button', { name: t('common.edit') })).toHaveCount(0);
      await expect(viewer.getByRole('button', { name: t('common.delete') })).toHaveCount(0);
      await viewer.goto(`${base}#/complaints`);
      await expect(viewer.getByRole('button', { name: t('complaints.new') })).toHaveCount(0);
      await viewerContext.close();
    });
  });
}
