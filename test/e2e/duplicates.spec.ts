// Duplicate customers and merge in the browser, in both languages, on a fixed clock (the core's
// CLIENTELE_TEST_NOW and the page's own). Seeded through the API: the same shop entered twice with
// long Chinese names (有限公司 / 有限责任公司, the phone once as +86 138-0013-8000), the second with a
// contact and two service records; and a pair sharing an e-mail written in two cases. The owner
// opens Duplicates from the customers list, runs the finder, dismisses the e-mail pair ("not
// duplicates"), merges the shop pair keeping the first and taking the second's address, sees the
// moved records on the kept customer, then undoes the merge from the history: everything is back.
// A staff member sees the groups but no Merge, no Not duplicates and no Export. Screenshots at
// 1366×768 and 1920×1080.
import type { APIRequestContext, Page } from '@playwright/test';
import { en, zh } from '../i18n-resources.ts';
import { ARTIFACTS, cli, expect, SHOP_PASSWORD as PASSWORD, test, translator } from './fixtures.ts';

/** 2026-12-01 09:00 UTC: the core's now and the page's. */
const NOW = Date.UTC(2026, 11, 1, 9, 0);
const HOUR = 3_600_000;
const KEPT = '上海浦东新区长江国际贸易发展有限公司（华东区域总部·长期战略合作伙伴）';
const OTHER = '上海浦东新区长江国际贸易发展有限责任公司（华东区域总部·长期战略合作伙伴）';
const OTHER_ADDRESS = '上海市浦东新区世纪大道1000号长江大厦28楼';

test.use({ viewport: { width: 1366, height: 768 }, appEnv: { CLIENTELE_TEST_NOW: String(NOW) } });

type Messages = typeof en;
type T = ReturnType<typeof translator>;

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

async function signInAs(page: Page, t: T, username: string, password: string) {
  await expect(page.getByRole('heading', { name: t('signin.title') })).toBeVisible();
  await page.getByLabel(t('signin.username')).fill(username);
  await page.getByLabel(t('signin.password')).fill(password);
  await page.getByRole('button', { name: t('signin.submit') }).click();
  await expect(page.getByRole('navigation').getByRole('link', { name: new RegExp(t('nav.customers')) })).toBeVisible({ timeout: 30_000 });
}

for (const [locale, messages] of [
  ['en-US', en],
  ['zh-CN', zh as Messages],
] as const) {
  test.describe(`duplicates (${locale})`, () => {
    test.use({ locale });
    const t: T = translator(messages);
    /** A plural text as i18next picks its form (English has "one"; Chinese only "other"). */
    const plural = (key: string, count: number) => t(`${key}_${locale === 'en-US' && count === 1 ? 'one' : 'other'}`, { count, formatted: String(count) });

    test(`find duplicates, dismiss a pair, merge two with their records, undo the merge (${locale})`, async ({ page, app, shot, request, browser }) => {
      test.setTimeout(600_000); // a long walk through the app; the shared 2-core machine is slow under load
      cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
      await invoke(request, app.url, 'auth.signIn', { username: 'boss', password: PASSWORD });
      const wang = await invoke<{ id: number }>(request, app.url, 'users.create', { username: 'wangfang', displayName: '王芳', role: 'staff', password: 'first-time-pass-77' });
      // Created first, so the kept one (the more recently updated, listed first) is KEPT.
      const other = await invoke<{ id: number; code: string }>(request, app.url, 'customers.create', {
        name: OTHER,
        phone: '+86 138-0013-8000',
        address: OTHER_ADDRESS,
        grade: 'key',
        ownerId: wang.id,
        contacts: [{ name: '章伟', mobile: '139 1234 5678', title: '采购经理' }],
      });
      for (const [i, content] of ['更换主板并测试整机运行', '年度保养：清洁滤网、检查电路'].entries()) {
        await invoke(request, app.url, 'records.create', { customerId: other.id, kind: 'service', at: NOW - (48 - i) * HOUR, phase: 'aftersale', serviceKind: 'repair', content, status: 'done' });
      }
      const kept = await invoke<{ id: number; code: string }>(request, app.url, 'customers.create', { name: KEPT, phone: '13800138000', grade: 'vip' });
      await invoke(request, app.url, 'customers.create', { name: 'Alpha Trading', email: 'Sales@Alpha-Trading.example' });
      await invoke(request, app.url, 'customers.create', { name: '阿尔法商贸', email: 'sales@alpha-trading.example' });
      await invoke(request, app.url, 'customers.create', { name: '北京乙方科技有限责任公司', phone: '010-6552 0000' });

      await page.clock.setFixedTime(NOW);
      await page.goto(app.url);
      await signInAs(page, t, 'boss', PASSWORD);
      await page.getByRole('navigation').getByRole('link', { name: new RegExp(t('nav.customers')) }).click();
      await expect(page.getByRole('button', { name: t('exports.button') })).toBeVisible();
      await page.getByRole('link', { name: t('duplicates.button') }).click();
      await expect(page).toHaveURL(/#\/duplicates$/);
      await expect(page.getByRole('heading', { name: t('duplicates.title') })).toBeVisible();

      await page.getByRole('button', { name: t('duplicates.run') }).click();
      const groups = page.getByTestId('duplicate-group');
      await expect(groups).toHaveCount(2);
      await expect(page.getByTestId('duplicate-count')).toHaveText(plural('duplicates.groups', 2));
      const shopGroup = groups.filter({ hasText: KEPT });
      await expect(shopGroup).toContainText(OTHER);
      // The reason chips name what they share (the phone as the core normalised it).
      await expect(shopGroup).toContainText(t('duplicates.reasons.phone', { value: '' }).trim());
      await expect(shopGroup).toContainText('13800138000');
      await expect(shopGroup).toContainText(plural('duplicates.counts.records', 2));
      await expect(shopGroup).toContainText(plural('duplicates.counts.contacts', 1));
      const emailGroup = groups.filter({ hasText: 'Alpha Trading' });
      await expect(emailGroup).toContainText(t('duplicates.reasons.email', { value: '' }).trim());
      await expect(emailGroup).toContainText(/sales@alpha-trading\.example/i);
      await bothSizes(page, shot, `groups-${locale}`);

      // Not duplicates: the pair leaves the page and is not found again.
      await emailGroup.getByRole('button', { name: t('duplicates.dismiss') }).click();
      await expect(page.getByText(t('duplicates.dismissed'))).toBeVisible();
      await expect(groups).toHaveCount(1);

      // Merge: keep KEPT; what moves is said before.
      await shopGroup.getByRole('button', { name: t('duplicates.merge') }).click();
      const dialog = page.getByRole('dialog', { name: t('duplicates.mergeDialog.title') });
      await dialog.getByRole('radio', { name: `${t('duplicates.mergeDialog.keep')} ${KEPT} (${kept.code})` }).check();
      const address = dialog.getByRole('radio', { name: `${t('duplicates.fields.address')}: ${OTHER_ADDRESS}` });
      // The kept customer has no address: the other's is offered by default, so nothing is lost.
      await expect(address).toBeChecked();
      const grade = dialog.getByRole('radio', { name: `${t('duplicates.fields.grade')}: ${t('customer.grades.vip')}` });
      await expect(grade).toBeChecked();
      // The grade differs: the kept customer's (VIP) by default, the other's (Key) chosen instead.
      await dialog.getByRole('radio', { name: `${t('duplicates.fields.grade')}: ${t('customer.grades.key')}` }).check();
      await expect(grade).not.toBeChecked();
      await expect(dialog.getByTestId('merge-summary')).toContainText(plural('duplicates.counts.records', 2));
      await expect(dialog.getByTestId('merge-summary')).toContainText(plural('duplicates.counts.contacts', 1));
      await bothSizes(page, shot, `merge-dialog-${locale}`);

      // Someone edits the kept customer meanwhile: the merge is refused as stale, Reload shows the edit.
      const current = await invoke<{ version: number }>(request, app.url, 'customers.get', { id: kept.id });
      await invoke(request, app.url, 'customers.update', { id: kept.id, version: current.version, name: KEPT, phone: '13800138000', grade: 'vip', industry: '国际贸易' });
      await dialog.getByRole('button', { name: t('duplicates.mergeDialog.confirm') }).click();
      await expect(dialog.getByRole('alert')).toContainText(t('duplicates.mergeDialog.stale'));
      await expect(dialog.getByRole('button', { name: t('duplicates.mergeDialog.confirm') })).toBeDisabled();
      await shot(`merge-stale-${locale}`);
      await dialog.getByRole('button', { name: t('duplicates.mergeDialog.reload') }).click();
      await expect(dialog.getByRole('radio', { name: `${t('duplicates.fields.industry')}: 国际贸易` })).toBeChecked();
      // Reloading starts the choices afresh: the other's grade is chosen again.
      await dialog.getByRole('radio', { name: `${t('duplicates.fields.grade')}: ${t('customer.grades.key')}` }).check();
      await expect(address).toBeChecked();
      await dialog.getByRole('button', { name: t('duplicates.mergeDialog.confirm') }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByRole('alert').filter({ hasText: t('duplicates.merged', { merged: OTHER, kept: KEPT }) }).first()).toBeVisible();
      await expect(groups).toHaveCount(0);
      await expect(page.getByTestId('duplicate-count')).toHaveText(t('duplicates.none'));
      await shot(`merged-${locale}`);

      // The kept customer has the other's records, contact and address now.
      await page.getByRole('link', { name: t('duplicates.openKept', { name: KEPT }) }).click();
      await expect(page).toHaveURL(new RegExp(`#/customers/${kept.id}$`));
      const timeline = page.getByTestId('customer-timeline');
      await expect(timeline).toContainText('更换主板并测试整机运行');
      await expect(timeline).toContainText('年度保养：清洁滤网、检查电路');
      // "Merged from" the other customer, with its name and code, on the kept customer's timeline.
      const mergeEntry = timeline.locator('li[data-timeline-kind="merge"]');
      await expect(mergeEntry).toContainText(t('timeline.kinds.merge'));
      await expect(mergeEntry).toContainText(`${OTHER} (${other.code})`);
      await mergeEntry.scrollIntoViewIfNeeded();
      await shot(`timeline-merge-${locale}`);
      await expect(page.getByText(OTHER_ADDRESS).first()).toBeVisible();
      await expect(page.getByText('章伟').first()).toBeVisible();
      await bothSizes(page, shot, `kept-customer-${locale}`);
      const afterMerge = await invoke<{ address: string; grade: string; contacts: unknown[] }>(request, app.url, 'customers.get', { id: kept.id });
      expect(afterMerge.address).toBe(OTHER_ADDRESS);
      expect(afterMerge.grade).toBe('key');
      expect(afterMerge.contacts).toHaveLength(1);

      // Undo from the merge history: the other customer and its records are back.
      await page.goto(`${app.url.split('#')[0]}#/duplicates/merges`);
      const row = page.getByTestId('merge-row').filter({ hasText: OTHER });
      await expect(row).toContainText(plural('duplicates.counts.records', 2));
      await bothSizes(page, shot, `history-${locale}`);
      await row.getByRole('button', { name: t('duplicates.undoLabel', { merged: OTHER, kept: KEPT }) }).click();
      await expect(page.getByText(t('duplicates.undone', { merged: OTHER }))).toBeVisible();
      await expect(row.getByRole('button', { name: t('duplicates.undoLabel', { merged: OTHER, kept: KEPT }) })).toHaveCount(0);
      const back = await invoke<{ name: string; address: string; contacts: unknown[] }>(request, app.url, 'customers.get', { id: other.id });
      expect(back.name).toBe(OTHER);
      expect(back.contacts).toHaveLength(1);
      const backRecords = await invoke<{ rows: unknown[] }>(request, app.url, 'records.list', { customerId: other.id });
      expect(backRecords.rows).toHaveLength(2);
      const keptAgain = await invoke<{ address: string; grade: string; contacts: unknown[] }>(request, app.url, 'customers.get', { id: kept.id });
      expect(keptAgain.address).toBe('');
      expect(keptAgain.grade).toBe('vip');
      expect(keptAgain.contacts).toHaveLength(0);

      // A staff member sees the groups but may not merge, dismiss or export.
      await invoke(request, app.url, 'auth.signIn', { username: 'wangfang', password: 'first-time-pass-77' });
      await invoke(request, app.url, 'auth.changePassword', { oldPassword: 'first-time-pass-77', newPassword: 'my-own-secret-phrase-88' });
      const staffContext = await browser.newContext({ locale, viewport: { width: 1366, height: 768 } });
      const staff = await staffContext.newPage();
      await staff.clock.setFixedTime(NOW);
      await staff.goto(app.url);
      await signInAs(staff, t, 'wangfang', 'my-own-secret-phrase-88');
      await staff.getByRole('navigation').getByRole('link', { name: new RegExp(t('nav.customers')) }).click();
      await expect(staff.getByTestId('customer-count')).not.toBeEmpty();
      await expect(staff.getByRole('button', { name: t('exports.button') })).toHaveCount(0);
      await staff.getByRole('link', { name: t('duplicates.button') }).click();
      await staff.getByRole('button', { name: t('duplicates.run') }).click();
      await expect(staff.getByTestId('duplicate-group')).toHaveCount(1);
      await expect(staff.getByTestId('duplicate-group')).toContainText(KEPT);
      await expect(staff.getByRole('button', { name: t('duplicates.merge') })).toHaveCount(0);
      await expect(staff.getByRole('button', { name: t('duplicates.dismiss') })).toHaveCount(0);
      await expect(staff.getByRole('tab', { name: t('duplicates.tabs.merges') })).toHaveCount(0);
      await staff.screenshot({ path: `${ARTIFACTS}/duplicates-staff-${locale}-1366.png`, fullPage: true });
      await staffContext.close();
    });
  });
}
