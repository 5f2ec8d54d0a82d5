// Satisfaction surveys in the browser, in both languages, on a fixed clock (the core's
// CLIENTELE_TEST_NOW and the page's own, both 2026-12-01 09:00 UTC). From a service record the owner
// opens QUICK ENTRY and types a survey with the keyboard alone: a 7 is refused in words and stays
// put, then one digit per dimension (each moves on), an NPS of 6, Enter past the channel, a comment
// and Enter saves. The attitude 2 and the NPS 6 are low (the default thresholds), so the dialog says
// a complaint was opened, with its number, its deadline (a VIP customer: 24 hours) and the customer's
// responsible staff member, and links to it. The list shows the survey with its complaint; the
// Trends tab shows the shop's CSAT per dimension and NPS split into promoters, passives and
// detractors for surveys spread over the last months. Screenshots at 1366×768 and 1920×1080.
import type { APIRequestContext, Page } from '@playwright/test';
import { en, zh } from '../i18n-resources.ts';
import { cli, expect, SHOP_PASSWORD as PASSWORD, test, translator } from './fixtures.ts';

/** 2026-12-01 09:00 UTC: the core's now and the page's. */
const NOW = Date.UTC(2026, 11, 1, 9, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const LONG = '上海浦东新区长江国际贸易发展有限公司（华东区域总部·长期战略合作伙伴）';

test.use({ viewport: { width: 1366, height: 768 }, appEnv: { CLIENTELE_TEST_NOW: String(NOW) } });

type Messages = typeof en;

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

for (const [locale, messages] of [
  ['en-US', en],
  ['zh-CN', zh as Messages],
] as const) {
  test.describe(`surveys (${locale})`, () => {
    test.use({ locale });
    const t = translator(messages);

    test(`quick entry by keyboard opens a complaint with its deadline; trends by month (${locale})`, async ({ page, app, shot, request }) => {
      test.setTimeout(240_000);
      cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
      await invoke(request, app.url, 'auth.signIn', { username: 'boss', password: PASSWORD });
      const wang = (await invoke(request, app.url, 'users.create', { username: 'wangfang', displayName: '王芳', role: 'staff', password: 'first-time-pass-77' })) as { id: number };
      const customer = (await invoke(request, app.url, 'customers.create', { name: LONG, grade: 'vip', ownerId: wang.id })) as { id: number };
      const other = (await invoke(request, app.url, 'customers.create', { name: '北京乙方科技有限责任公司', grade: 'normal' })) as { id: number };
      const record = (await invoke(request, app.url, 'records.create', {
        customerId: customer.id,
        kind: 'service',
        at: NOW - 2 * HOUR,
        staffId: wang.id,
        content: '更换主控板并调试',
        phase: 'aftersale',
        serviceKind: 'repair',
        status: 'done',
      })) as { id: number };
      // The trends' data: surveys of the other customer over the last months (high scores, no complaint).
      const dims = (await invoke(request, app.url, 'surveys.dimensions', {})) as { id: number; key: string }[];
      const seeded = [
        { monthsAgo: 3, scores: [5, 4, 5, 4], nps: 10 },
        { monthsAgo: 3, scores: [4, 4, 3, 4], nps: 8 },
        { monthsAgo: 2, scores: [5, 5, 5, 5], nps: 9 },
        { monthsAgo: 1, scores: [3, 4, 4, 3], nps: 7 },
        { monthsAgo: 1, scores: [4, 3, 4, 4], nps: 9 },
      ];
      for (const s of seeded) {
        await invoke(request, app.url, 'surveys.create', {
          customerId: other.id,
          at: NOW - s.monthsAgo * 30 * DAY,
          channel: 'wechat',
          scores: dims.map((d, i) => ({ dimensionId: d.id, score: s.scores[i] })),
          nps: s.nps,
        });
      }

      await page.clock.setFixedTime(NOW);
      await page.goto(app.url);
      await page.getByLabel(t('signin.username')).fill('boss');
      await page.getByLabel(t('signin.password')).fill(PASSWORD);
      await page.getByRole('button', { name: t('signin.submit') }).click();
      // The navigation has Satisfaction (no longer a placeholder).
      await expect(page.getByRole('navigation').getByRole('link', { name: t('nav.satisfaction') })).toBeVisible({ timeout: 30_000 });

      const base = app.url.split('#')[0];
      await page.goto(`${base}#/records/${record.id}`);
      await page.getByRole('button', { name: t('surveys.survey'), exact: true }).click();
      const dialog = page.getByRole('dialog', { name: t('surveys.quick.title', { customer: LONG }) });
      await expect(dialog).toBeVisible();
      const quality = dialog.getByRole('textbox', { name: t('surveys.dimensions.quality') });
      const attitude = dialog.getByRole('textbox', { name: t('surveys.dimensions.attitude') });
      await expect(quality).toBeFocused();
      // A 7 is no score: said in words, focus stays.
      await page.keyboard.press('7');
      await expect(dialog.getByText(t('surveys.scoreOutOfRange'))).toBeVisible();
      await expect(quality).toBeFocused();
      // One digit per dimension, each moving on; NPS, Enter past the channel, the comment, Enter saves.
      await page.keyboard.press('4');
      await expect(dialog.getByText(t('surveys.scoreOutOfRange'))).toBeHidden();
      await expect(attitude).toBeFocused();
      await page.keyboard.press('2');
      await page.keyboard.press('4');
      await page.keyboard.press('5');
      await expect(dialog.getByRole('textbox', { name: t('surveys.field.nps') })).toBeFocused();
      await page.keyboard.type('6');
      await page.keyboard.press('Enter');
      await expect(dialog.getByRole('combobox', { name: t('surveys.field.channel') })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(dialog.getByRole('textbox', { name: t('surveys.field.comment') })).toBeFocused();
      await page.keyboard.type('上门太慢，态度一般');
      await bothSizes(page, shot, 'quick-entry');
      await page.keyboard.press('Enter');

      // The complaint the low score opened: its number, deadline (VIP: 24 hours) and assignee.
      const notice = dialog.getByTestId('survey-complaint-notice');
      await expect(notice).toBeVisible();
      const page1 = (await invoke(request, app.url, 'surveys.list', { customerId: customer.id })) as { rows: { id: number; complaintId: number | null; recordId: number | null; staffName: string | null }[] };
      expect(page1.rows).toHaveLength(1);
      const survey = page1.rows[0]!;
      expect(survey.recordId).toBe(record.id);
      expect(survey.staffName).toBe('王芳'); // the record's staff member, by default
      const complaintId = survey.complaintId!;
      expect(complaintId).toBeGreaterThan(0);
      const complaint = (await invoke(request, app.url, 'complaints.get', { id: complaintId })) as { dueAt: number };
      expect(complaint.dueAt).toBe(NOW + 24 * HOUR);
      const due = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(complaint.dueAt);
      await expect(notice).toContainText(t('surveys.complaintNotice', { id: complaintId, due, assignee: '王芳' }));
      await bothSizes(page, shot, 'complaint-notice');
      const link = notice.getByRole('link', { name: t('surveys.openComplaint', { id: complaintId }) });
      await expect(link).toHaveAttribute('href', `#/complaints/${complaintId}`);
      await dialog.getByRole('button', { name: t('surveys.quick.close') }).click();
      await expect(dialog).toBeHidden();

      // The list: the new survey first, with its complaint.
      await page.getByRole('navigation').getByRole('link', { name: t('nav.satisfaction') }).click();
      await expect(page.getByRole('heading', { level: 1, name: t('surveys.title') })).toBeVisible();
      const first = page.locator('[data-survey-id]').first();
      await expect(first).toContainText(LONG);
      await expect(first.getByRole('link', { name: `#${complaintId}` })).toBeVisible();
      await expect(page.locator('[data-survey-id]')).toHaveCount(6);
      await bothSizes(page, shot, 'list');

      // Trends of the shop: the last 12 months by default, CSAT per dimension and NPS split.
      await page.getByRole('tab', { name: t('surveys.tabs.trends') }).click();
      const csat = page.getByTestId('trends-csat');
      await expect(csat).toBeVisible();
      // 2026-12 has only today's survey: quality 4, attitude 2.
      await expect(csat.locator('th[data-dimension-key="quality"]')).toHaveText(t('surveys.dimensions.quality'));
      // Newest month first.
      await expect(csat.locator('tbody tr').first()).toHaveAttribute('data-month', '2026-12');
      const decemberCsat = csat.locator('tr[data-month="2026-12"]');
      await expect(decemberCsat.locator('td[data-dimension-key="quality"]')).toHaveText('4');
      await expect(decemberCsat.locator('td[data-dimension-key="attitude"]')).toHaveText('2');
      // September (two surveys: 5 and 4) averages 4.5 in the user's number format.
      await expect(csat.locator('tr[data-month="2026-09"] td[data-dimension-key="quality"]')).toHaveText(new Intl.NumberFormat(locale).format(4.5));
      const nps = page.getByTestId('trends-nps');
      // December: one answer, a detractor (6): NPS −100.
      const december = nps.locator('tr[data-month="2026-12"] td');
      await expect(december.nth(0)).toHaveText(new Intl.NumberFormat(locale).format(-100));
      await expect(december.nth(1)).toHaveText('1');
      await expect(december.nth(4)).toHaveText('1');
      // Over the seeded months: 5 answers, 3 promoters (10, 9, 9), 2 passives (8, 7).
      const rows = await nps.locator('tbody tr:not([data-month="2026-12"])').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(1, 5).map((td) => Number(td.textContent))));
      const sum = rows.reduce((acc, r) => acc.map((v, i) => v + (r[i] ?? 0)), [0, 0, 0, 0]);
      expect(sum).toEqual([5, 3, 2, 0]);
      await bothSizes(page, shot, 'trends-shop');

      // One staff member's trends: 王芳 is measured only by today's survey.
      await page.getByRole('button', { name: t('surveys.trends.staff') }).click();
      await page.getByLabel(t('surveys.trends.pickStaff')).selectOption(String(wang.id));
      await expect(page).toHaveURL(new RegExp(`satisfaction/trends\\?staff=${wang.id}`));
      await expect(nps.locator('tr[data-month="2026-12"] td').nth(1)).toHaveText('1');
      await expect(nps.locator('tr[data-month="2026-11"] td').nth(1)).toHaveText('0');
      await bothSizes(page, shot, 'trends-staff');
    });

    test(`dimensions editor, the full form from a customer's page, refusals in words, a viewer offered nothing (${locale})`, async ({ page, app, shot, request, browser }) => {
      test.setTimeout(240_000);
      cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
      await invoke(request, app.url, 'auth.signIn', { username: 'boss', password: PASSWORD });
      await invoke(request, app.url, 'users.create', { username: 'viewer', displayName: 'Vera Viewer', role: 'viewer', password: 'first-time-pass-79' });
      // No responsible staff member: the complaint is opened unassigned.
      const customer = (await invoke(request, app.url, 'customers.create', { name: LONG, grade: 'key', ownerId: null })) as { id: number };

      await page.clock.setFixedTime(NOW);
      await page.goto(app.url);
      await page.getByLabel(t('signin.username')).fill('boss');
      await page.getByLabel(t('signin.password')).fill(PASSWORD);
      await page.getByRole('button', { name: t('signin.submit') }).click();
      await expect(page.getByRole('navigation').getByRole('link', { name: t('nav.satisfaction') })).toBeVisible({ timeout: 30_000 });

      // Settings → Survey dimensions: rename a built-in one, add one, retire one.
      const base = app.url.split('#')[0];
      await page.goto(`${base}#/settings/surveys`);
      await expect(page.getByRole('heading', { name: t('surveys.dims.title') })).toBeVisible();
      const quality = page.locator('li[data-dimension-key="quality"]');
      await quality.getByLabel(t('surveys.dims.name')).fill('产品与交付质量');
      await quality.getByRole('button', { name: t('surveys.dims.rename') }).click();
      await expect(page.locator('li[data-dimension-key="quality"]').getByLabel(t('surveys.dims.name'))).toHaveValue('产品与交付质量');
      await page.getByLabel(t('surveys.dims.newName')).fill('售后回访及时性');
      await page.getByRole('button', { name: t('surveys.dims.add') }).click();
      await expect(page.locator('li').filter({ has: page.locator('input[value="售后回访及时性"]') })).toHaveCount(1);
      await page.locator('li[data-dimension-key="speed"]').getByRole('button', { name: t('surveys.dims.retire') }).click();
      await expect(page.locator('li[data-dimension-key="speed"]').getByText(t('surveys.dims.retired'), { exact: true })).toBeVisible();
      await bothSizes(page, shot, 'dimensions');

      // From the customer's page: quick entry asks the renamed and the new dimension, not the retired one.
      await page.goto(`${base}#/customers/${customer.id}`);
      await page.getByRole('button', { name: t('surveys.survey'), exact: true }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog.getByRole('textbox', { name: '产品与交付质量' })).toBeFocused();
      await expect(dialog.getByRole('textbox', { name: '售后回访及时性' })).toBeVisible();
      await expect(dialog.getByRole('textbox', { name: t('surveys.dimensions.speed') })).toHaveCount(0);
      // Saving nothing is refused in words; then on to the full form.
      await page.keyboard.press('Control+Enter');
      await expect(dialog.getByText(t('surveys.nothingScored'))).toBeVisible();
      await dialog.getByRole('button', { name: t('surveys.quick.fullForm') }).click();
      await expect(page.getByRole('heading', { level: 1, name: t('surveys.form.titleNew') })).toBeVisible();
      await expect(page).toHaveURL(new RegExp(`#/customers/${customer.id}/surveys/new$`));

      // The full form: an NPS of 11 refused in words; scores by mouse; NPS 3 opens a complaint, unassigned.
      const nps = page.getByRole('textbox', { name: t('surveys.field.nps') });
      await nps.fill('11');
      await expect(page.getByText(t('surveys.npsOutOfRange'))).toBeVisible();
      await page.getByRole('button', { name: t('common.save') }).click();
      await expect(page).toHaveURL(/surveys\/new$/);
      await nps.fill('3');
      await page.getByRole('group', { name: '产品与交付质量' }).getByRole('button', { name: '5', exact: true }).click();
      await expect(page.getByRole('textbox', { name: '产品与交付质量' })).toHaveValue('5');
      await page.getByRole('textbox', { name: t('surveys.field.comment') }).fill('希望以后提前电话告知上门时间。');
      await bothSizes(page, shot, 'full-form');
      await page.getByRole('button', { name: t('common.save') }).click();
      await expect(page.getByRole('heading', { level: 1, name: t('surveys.detail.heading', { customer: LONG }) })).toBeVisible();
      const notice = page.getByTestId('survey-complaint-notice');
      const list = (await invoke(request, app.url, 'surveys.list', { customerId: customer.id })) as { rows: { complaintId: number | null }[] };
      const complaintId = list.rows[0]!.complaintId!;
      const complaint = (await invoke(request, app.url, 'complaints.get', { id: complaintId })) as { dueAt: number };
      expect(complaint.dueAt).toBe(NOW + 48 * HOUR); // a key customer: 48 hours
      const due = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(complaint.dueAt);
      await expect(notice).toContainText(t('surveys.complaintNoticeUnassigned', { id: complaintId, due }));
      await bothSizes(page, shot, 'survey-detail');

      // A viewer reads surveys and trends but is offered no Survey, New survey, Edit or Delete.
      await invoke(request, app.url, 'auth.signIn', { username: 'viewer', password: 'first-time-pass-79' });
      await invoke(request, app.url, 'auth.changePassword', { oldPassword: 'first-time-pass-79', newPassword: 'my-own-secret-phrase-88' });
      const context = await browser.newContext({ locale, viewport: { width: 1366, height: 768 } });
      const viewer = await context.newPage();
      await viewer.clock.setFixedTime(NOW);
      await viewer.goto(app.url);
      await viewer.getByLabel(t('signin.username')).fill('viewer');
      await viewer.getByLabel(t('signin.password')).fill('my-own-secret-phrase-88');
      await viewer.getByRole('button', { name: t('signin.submit') }).click();
      await expect(viewer.getByRole('navigation').getByRole('link', { name: t('nav.satisfaction') })).toBeVisible({ timeout: 30_000 });
      await viewer.getByRole('navigation').getByRole('link', { name: t('nav.satisfaction') }).click();
      await expect(viewer.locator('[data-survey-id]')).toHaveCount(1);
      await expect(viewer.getByRole('button', { name: t('surveys.new') })).toHaveCount(0);
      await viewer.locator('[data-survey-id]').first().click();
      await expect(viewer.getByRole('heading', { level: 1, name: t('surveys.detail.heading', { customer: LONG }) })).toBeVisible();
      await expect(viewer.getByRole('button', { name: t('common.edit') })).toHaveCount(0);
      await expect(viewer.getByRole('button', { name: t('common.delete') })).toHaveCount(0);
      await viewer.goto(`${app.url.split('#')[0]!}#/customers/${customer.id}`);
      await expect(viewer.getByRole('heading', { level: 1, name: LONG })).toBeVisible();
      await expect(viewer.getByRole('button', { name: t('surveys.survey'), exact: true })).toHaveCount(0);
      await context.close();
    });
  });
}
