// Visit plans in the browser, on a fixed clock (the core's CLIENTELE_TEST_NOW and the page's own,
// both Tuesday 2026-12-01), in each language: the owner plans three visits for a staff member (one
// from the customer's page, its address filled in; two from the agenda, one of them at a time the
// staff member is already busy, which is saved with a warning), sees them in the day and the week
// agenda, drags one to another day (its time kept; a reload keeps the week shown), moves another
// with "Move to…" from the keyboard, completes one with a communication record (which then shows in
// the customer's timeline), and opens the printed visit sheet of the week. Screenshots at 1366×768
// and 1920×1080.
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { en, zh } from '../i18n-resources.ts';
import { cli, expect, SHOP_PASSWORD as PASSWORD, signIn, switchLanguage, test, translator } from './fixtures.ts';

/** 2026-12-01 09:00 UTC, a Tuesday: the core's today and the page's. Its week is Nov 30 – Dec 6. */
const NOW = Date.UTC(2026, 11, 1, 9, 0);
test.use({ locale: 'en-US', viewport: { width: 1366, height: 768 }, appEnv: { CLIENTELE_TEST_NOW: String(NOW) } });

const LONG = '上海浦东新区长江国际贸易发展有限公司（华东区域总部·长期战略合作伙伴）';
const LONG_ADDRESS = '上海市浦东新区世纪大道100号上海环球金融中心58楼5801室（请从东门进入，前台登记）';
const OTHER = '北京乙方科技有限责任公司';
const TEA = 'Hangzhou West Lake Tea Trading Co.';
const STAFF_PASSWORD = 'field-visits-pass-2026';
const STAFF_OWN = 'my-own-route-plan-77';

async function invoke(request: APIRequestContext, url: string, method: string, input: unknown): Promise<unknown> {
  const origin = url.split('#')[0]!.replace(/\/$/, '');
  const token = url.split('#token=')[1]!;
  const response = await request.post(`${origin}/api/invoke`, { headers: { Authorization: `Bearer ${token}` }, data: { method, input } });
  const result = (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value;
}

const navLink = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name });
const visitCard = (scope: Page | Locator, customer: string) => scope.locator('article[data-visit-id]').filter({ hasText: customer });
const dayColumn = (page: Page, day: string) => page.locator(`[data-day="${day}"]`);

async function bothSizes(page: Page, shot: (name: string) => Promise<void>, name: string) {
  await shot(`${name}-1366`);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shot(`${name}-1920`);
  await page.setViewportSize({ width: 1366, height: 768 });
}

for (const lng of ['en-US', 'zh-CN'] as const) {
  test(`visits (${lng}): plan three, day and week agenda, drag to another day, move, complete, overlap warning, print`, async ({ page, app, shot, request, browser }) => {
    test.setTimeout(240_000);
    const T = lng === 'zh-CN' ? zh : en;
    const tr = translator(T);
    cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
    await invoke(request, app.url, 'auth.signIn', { username: 'boss', password: PASSWORD });
    const long = (await invoke(request, app.url, 'customers.create', {
      name: LONG,
      address: LONG_ADDRESS,
      contacts: [{ name: '王建国', mobile: '13812345678' }],
    })) as { id: number };
    await invoke(request, app.url, 'customers.create', { name: OTHER, address: '北京市海淀区中关村大街1号' });
    await invoke(request, app.url, 'customers.create', { name: TEA, address: '1 Longjing Road, Hangzhou' });
    const lily = (await invoke(request, app.url, 'users.create', { username: 'lily', displayName: '李丽', role: 'staff', password: STAFF_PASSWORD })) as { id: number };

    await page.clock.setFixedTime(NOW);
    await page.goto(app.url);
    await signIn(page, 'boss', PASSWORD);
    await expect(navLink(page, en.nav.visits)).toBeVisible({ timeout: 30_000 });
    if (lng === 'zh-CN') await switchLanguage(page, 'zh-CN');
    const origin = app.url.split('#')[0];

    // 1. From the customer's page: the customer fixed, its address filled in.
    await page.goto(`${origin}#/customers/${long.id}`);
    await page.getByRole('button', { name: T.visits.new }).click();
    await expect(page.getByRole('heading', { name: T.visitForm.titleNew })).toBeVisible();
    await expect(page.getByRole('combobox', { name: T.customerPicker.label })).toHaveValue(LONG);
    await expect(page.getByLabel(T.visit.address)).toHaveValue(LONG_ADDRESS);
    await page.getByLabel(T.visit.contact).selectOption({ label: '王建国' });
    await page.getByLabel(T.visit.staff).selectOption({ label: '李丽' });
    await page.getByLabel(T.visit.onDay).fill('2026-12-01');
    await page.getByLabel(T.visit.time).fill('09:00');
    // A refusal is said on its field, in words: no purpose.
    await page.getByRole('button', { name: T.common.save }).click();
    await expect(page.getByLabel(T.visit.purpose)).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText(T.validation.required).first()).toBeVisible();
    await page.getByLabel(T.visit.purpose).fill('年度设备巡检，确认明年维保合同续签意向');
    await page.getByLabel(T.visit.agenda).fill('1. 巡检空调机组\n2. 讨论续签价格');
    await bothSizes(page, shot, `form-${lng}`);
    await page.getByRole('button', { name: T.common.save }).click();
    await expect(page.getByRole('heading', { name: LONG })).toBeVisible();
    await expect(page.locator('[data-status="planned"]').first()).toHaveText(T.visit.statuses.planned);
    await expect(page.getByText(LONG_ADDRESS)).toBeVisible();

    // 2. From the agenda, whose staff member and day the form takes; at 09:30, while 李丽 is busy.
    await navLink(page, T.nav.visits).click();
    await expect(page.getByRole('heading', { name: T.visits.title })).toBeVisible();
    await page.getByLabel(T.visits.staffFilter).selectOption({ label: '李丽' });
    await expect(page).toHaveURL(new RegExp(`staff=${lily.id}`));
    await expect(page.getByTestId('agenda-range')).toHaveText(lng === 'zh-CN' ? '2026年12月1日' : 'December 1, 2026');
    await page.getByRole('button', { name: T.visits.new }).click();
    await expect(page.getByLabel(T.visit.staff)).toHaveValue(String(lily.id));
    await expect(page.getByLabel(T.visit.onDay)).toHaveValue('2026-12-01');
    const picker = page.getByRole('combobox', { name: T.customerPicker.label });
    await picker.fill('乙方');
    await page.getByRole('option', { name: OTHER }).click();
    await expect(page.getByLabel(T.visit.address)).toHaveValue('北京市海淀区中关村大街1号');
    await page.getByLabel(T.visit.time).fill('09:30');
    await page.getByLabel(T.visit.purpose).fill('演示新版软件');
    await page.getByRole('button', { name: T.common.save }).click();
    // Saved, with a warning (not a refusal): the visit's page names the other visit (and a notice said so).
    await expect(page.getByRole('heading', { name: OTHER })).toBeVisible();
    await expect(page.getByTestId('overlap-alert')).toContainText(tr('visitDetail.overlapTitle', { name: '李丽' }));
    await expect(page.getByTestId('overlap-alert')).toContainText(`09:00–10:00 ${LONG}`);
    await bothSizes(page, shot, `overlap-${lng}`);

    // 3. The next day, for another customer.
    await navLink(page, T.nav.visits).click();
    await page.getByRole('button', { name: T.visits.new }).click();
    await picker.fill('West Lake');
    await page.getByRole('option', { name: TEA }).click();
    await page.getByLabel(T.visit.onDay).fill('2026-12-02');
    await page.getByLabel(T.visit.time).fill('14:00');
    await page.getByLabel(T.visit.duration).fill('90');
    await page.getByLabel(T.visit.purpose).fill('Tasting of the new spring harvest');
    await page.getByRole('button', { name: T.common.save }).click();
    await expect(page.getByRole('heading', { name: TEA })).toBeVisible();

    // The day agenda: the two visits of Dec 1, in order, both marked as overlapping.
    await navLink(page, T.nav.visits).click();
    await expect(page.getByTestId('visit-count')).toHaveText(tr('visits.count_other', { count: 2 }));
    const day = page.getByRole('region', { name: T.visits.day });
    await expect(day.locator('article[data-visit-id]')).toHaveCount(2);
    await expect(day.locator('article[data-visit-id]').first()).toContainText(LONG);
    await expect(visitCard(day, LONG)).toContainText('09:00–10:00');
    await expect(visitCard(day, LONG)).toContainText('王建国');
    await expect(visitCard(day, LONG)).toContainText('年度设备巡检');
    await expect(visitCard(day, OTHER).getByTestId('overlap-mark')).toBeVisible();
    await expect(visitCard(day, LONG).getByTestId('overlap-mark')).toBeVisible();
    await bothSizes(page, shot, `day-${lng}`);

    // The week agenda, Monday to Sunday: all three.
    await page.getByRole('button', { name: T.visits.week, exact: true }).click();
    await expect(page).toHaveURL(/view=week/);
    await expect(page.getByTestId('visit-count')).toHaveText(tr('visits.count_other', { count: 3 }));
    await expect(page.locator('[data-day]')).toHaveCount(7);
    await expect(page.locator('[data-day]').first()).toHaveAttribute('data-day', '2026-11-30');
    await expect(visitCard(dayColumn(page, '2026-12-02'), TEA)).toBeVisible();
    await bothSizes(page, shot, `week-${lng}`);

    // Someone else changes the tea visit meanwhile: the drag is refused as stale, the agenda reloads and says so.
    const teaId = Number(await visitCard(page, TEA).getAttribute('data-visit-id'));
    const tea = (await invoke(request, app.url, 'visits.get', { id: teaId })) as { version: number };
    await invoke(request, app.url, 'visits.reschedule', { id: teaId, version: tea.version, onDay: '2026-12-02', startMinute: 14 * 60 });
    await visitCard(dayColumn(page, '2026-12-02'), TEA).dragTo(dayColumn(page, '2026-12-03'));
    await expect(page.getByText(T.visits.stale)).toBeVisible();
    await expect(visitCard(dayColumn(page, '2026-12-02'), TEA)).toBeVisible();

    // Drag the tea visit to Thursday: its time stays; a reload keeps the week and the move.
    await visitCard(dayColumn(page, '2026-12-02'), TEA).dragTo(dayColumn(page, '2026-12-03'));
    await expect(visitCard(dayColumn(page, '2026-12-03'), TEA)).toContainText(`14:00${tr('visit.durationShort', { count: 90 })}`);
    await expect(visitCard(dayColumn(page, '2026-12-02'), TEA)).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole('button', { name: T.visits.week, exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(visitCard(dayColumn(page, '2026-12-03'), TEA)).toHaveAttribute('aria-label', `14:00–15:30 ${TEA}`);

    // "Move to…" from the keyboard: the second visit to Friday, and the overlap is gone.
    await visitCard(page, OTHER).getByRole('button', { name: tr('visits.more', { name: OTHER }) }).press('Enter');
    await page.getByRole('menuitem', { name: T.visits.moveTo }).press('Enter');
    const move = page.getByRole('dialog', { name: tr('visitMove.title', { name: OTHER }) });
    await move.getByLabel(T.visitMove.onDay).fill('2026-12-04');
    await move.getByLabel(T.visitMove.onDay).press('Enter');
    await expect(move).toBeHidden();
    await expect(visitCard(dayColumn(page, '2026-12-04'), OTHER)).toContainText('09:30');
    await expect(page.getByTestId('overlap-mark')).toHaveCount(0);

    // Print: the week's visit sheet of 李丽.
    await page.getByRole('button', { name: T.visits.print }).click();
    await expect(page).toHaveURL(new RegExp(`print/visit-sheet\\?from=2026-11-30&to=2026-12-06&staff=${lily.id}`));
    await page.goBack();
    await expect(visitCard(dayColumn(page, '2026-12-01'), LONG)).toBeVisible();

    // A staff member limited to their own customers sees only their own agenda (the core refuses the rest).
    await invoke(request, app.url, 'settings.update', { staffScope: true });
    await invoke(request, app.url, 'auth.signIn', { username: 'lily', password: STAFF_PASSWORD });
    await invoke(request, app.url, 'auth.changePassword', { oldPassword: STAFF_PASSWORD, newPassword: STAFF_OWN });
    await invoke(request, app.url, 'auth.signIn', { username: 'boss', password: PASSWORD });
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1366, height: 768 } });
    const staffPage = await context.newPage();
    await staffPage.clock.setFixedTime(NOW);
    await staffPage.goto(app.url);
    await signIn(staffPage, 'lily', STAFF_OWN);
    await expect(navLink(staffPage, en.nav.visits)).toBeVisible({ timeout: 30_000 });
    if (lng === 'zh-CN') await switchLanguage(staffPage, 'zh-CN');
    await navLink(staffPage, T.nav.visits).click();
    const whose = staffPage.getByLabel(T.visits.staffFilter);
    await expect(whose).toBeDisabled();
    await expect(whose.locator('option')).toHaveText(['李丽']);
    await expect(staffPage.getByTestId('visit-count')).toHaveText(tr('visits.count_other', { count: 0 }));
    await context.close();
    await invoke(request, app.url, 'settings.update', { staffScope: false });

    // Complete the first visit with a communication record; it shows in the customer's timeline.
    await visitCard(dayColumn(page, '2026-12-01'), LONG).getByRole('link', { name: LONG }).click();
    await expect(page.getByRole('heading', { name: LONG })).toBeVisible();
    await page.getByRole('button', { name: T.visitDetail.complete }).click();
    const complete = page.getByRole('dialog', { name: tr('visitComplete.title', { name: LONG }) });
    await complete.getByRole('button', { name: T.visitComplete.confirm }).click();
    await expect(complete.getByLabel(T.visitComplete.outcome)).toHaveAttribute('aria-invalid', 'true');
    await complete.getByLabel(T.visitComplete.outcome).fill('客户同意续签三年维保合同，价格下调5%');
    await complete.getByLabel(T.visitComplete.agreements).fill('12月15日前寄送合同草案');
    await complete.getByLabel(T.visitComplete.followUpOn).fill('2026-12-15');
    await bothSizes(page, shot, `complete-${lng}`);
    await complete.getByRole('button', { name: T.visitComplete.confirm }).click();
    await expect(complete).toBeHidden();
    await expect(page.locator('[data-status="done"]').first()).toHaveText(T.visit.statuses.done);
    await expect(page.getByText('客户同意续签三年维保合同，价格下调5%')).toBeVisible();
    await expect(page.getByRole('button', { name: T.visitDetail.complete })).toHaveCount(0);
    await bothSizes(page, shot, `done-${lng}`);
    // Its record, made from the visit: its own page, and the customer's timeline.
    await page.getByTestId('visit-record').getByRole('link', { name: T.visitDetail.openRecord }).click();
    await expect(page).toHaveURL(/#\/records\/\d+$/);
    await expect(page.getByText('客户同意续签三年维保合同，价格下调5%').first()).toBeVisible();
    await expect(page.getByText('12月15日前寄送合同草案').first()).toBeVisible();
    await shot(`record-${lng}`);
    await page.goto(`${origin}#/customers/${long.id}`);
    const timeline = page.getByTestId('customer-timeline');
    await timeline.scrollIntoViewIfNeeded();
    await expect(timeline.locator('[data-timeline-kind="communication"]')).toContainText('客户同意续签三年维保合同');
    await expect(timeline.locator('[data-timeline-kind="visit"]').first()).toBeVisible();
    await shot(`timeline-${lng}`);
  });
}
