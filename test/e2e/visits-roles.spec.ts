// Visit plans as each role sees them, on a fixed clock (the core's CLIENTELE_TEST_NOW and the page's
// own, both Tuesday 2026-12-01), once per language with one app start each:
// - a new shop: the agenda says there is nothing planned, the sheet of an empty day says so;
// - the owner and the manager: Plan, Print, the whole shop, draggable cards, every action on a visit;
// - a staff member (staff-scope setting off): may pick anyone's agenda, may not delete a colleague's visit;
// - the same staff member with the setting on: only their own agenda (the selector holds only them,
//   an address naming a colleague shows their own), a colleague's customer's visit is not found,
//   a colleague's visit sheet by its address is refused in words;
// - a viewer: no Plan, no Print, no Move, nothing draggable, no buttons on a visit, the print view and
//   the new-visit form by address answer "no permission".
// Also: the agenda by keyboard (Tab to a visit, Enter opens it; Move to… and Esc), a reload keeps
// the view, a date in 1900 and a duration over a day refused in words, a visit whose customer was
// deleted, long Chinese names in the week at 1366×768. Screenshots at 1366×768 and 1920×1080.
import type { APIRequestContext, Browser, Locator, Page } from '@playwright/test';
import { en, zh } from '../i18n-resources.ts';
import { join } from 'node:path';
import { ARTIFACTS, cli, expect, SHOP_PASSWORD as PASSWORD, signIn, switchLanguage, test, translator } from './fixtures.ts';

/** 2026-12-01 09:00 UTC, a Tuesday: the core's today and the page's. Its week is Nov 30 – Dec 6. */
const NOW = Date.UTC(2026, 11, 1, 9, 0);
test.use({ locale: 'en-US', viewport: { width: 1366, height: 768 }, appEnv: { CLIENTELE_TEST_NOW: String(NOW) } });

const LONG = '上海浦东新区长江国际贸易发展有限公司（华东区域总部·长期战略合作伙伴）';
const LONG_ADDRESS = '上海市浦东新区世纪大道100号上海环球金融中心58楼5801室（请从东门进入，前台登记）';
const LONG2 = '广州市天河区珠江新城国际金融中心商务服务集团股份有限公司第三分公司';
const GONE = '深圳南山即将删除的客户有限公司';
const USER_PASSWORD = 'role-visits-first-2026';
const OWN_PASSWORD = 'role-visits-own-pass-88';

async function invoke(request: APIRequestContext, url: string, method: string, input: unknown): Promise<unknown> {
  const origin = url.split('#')[0]!.replace(/\/$/, '');
  const token = url.split('#token=')[1]!;
  const response = await request.post(`${origin}/api/invoke`, { headers: { Authorization: `Bearer ${token}` }, data: { method, input } });
  const result = (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value;
}

const navLink = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name });
const cards = (scope: Page | Locator) => scope.locator('article[data-visit-id]');
const visitCard = (scope: Page | Locator, customer: string) => cards(scope).filter({ hasText: customer });
const dayColumn = (page: Page, day: string) => page.locator(`[data-day="${day}"]`);

for (const lng of ['en-US', 'zh-CN'] as const) {
  test(`visit plans by role (${lng}): owner, manager, staff with and without scope, viewer`, async ({ page, app, request, browser }) => {
    test.setTimeout(300_000);
    const T = lng === 'zh-CN' ? zh : en;
    const tr = translator(T);
    const origin = app.url.split('#')[0]!;
    const api = (method: string, input: unknown) => invoke(request, app.url, method, input);
    cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
    await api('auth.signIn', { username: 'boss', password: PASSWORD });

    const bothSizes = async (p: Page, name: string) => {
      await p.screenshot({ path: shotPath(`${name}-1366`), fullPage: true });
      await p.setViewportSize({ width: 1920, height: 1080 });
      await p.screenshot({ path: shotPath(`${name}-1920`), fullPage: true });
      await p.setViewportSize({ width: 1366, height: 768 });
    };
    const shotPath = (name: string) => join(ARTIFACTS, `visits-roles-${lng}-${name}.png`);

    /** A browser of its own for one user, signed in, in this test's language, on the agenda. */
    const openAs = async (b: Browser, username: string, password: string): Promise<Page> => {
      const context = await b.newContext({ locale: 'en-US', viewport: { width: 1366, height: 768 } });
      const p = await context.newPage();
      await p.clock.setFixedTime(NOW);
      await p.goto(app.url);
      await signIn(p, username, password);
      await expect(navLink(p, en.nav.visits)).toBeVisible({ timeout: 30_000 });
      if (lng === 'zh-CN') await switchLanguage(p, 'zh-CN');
      await navLink(p, T.nav.visits).click();
      await expect(p.getByRole('heading', { name: T.visits.title })).toBeVisible();
      return p;
    };

    // --- A new shop: no customers, no visits. ---
    await page.clock.setFixedTime(NOW);
    await page.goto(app.url);
    await signIn(page, 'boss', PASSWORD);
    await expect(navLink(page, en.nav.visits)).toBeVisible({ timeout: 30_000 });
    if (lng === 'zh-CN') await switchLanguage(page, 'zh-CN');
    await navLink(page, T.nav.visits).click();
    await expect(page.getByTestId('visit-count')).toHaveText(tr('visits.count_other', { count: 0 }));
    await expect(page.getByText(T.visits.empty)).toBeVisible();
    await bothSizes(page, 'new-shop-day');
    await page.getByRole('button', { name: T.visits.week, exact: true }).click();
    await expect(page.getByText(T.visits.emptyColumn)).toHaveCount(7);
    await bothSizes(page, 'new-shop-week');
    await page.getByRole('button', { name: T.visits.new }).click();
    await expect(page.getByRole('heading', { name: T.visitForm.titleNew })).toBeVisible();
    await bothSizes(page, 'new-shop-form');
    await page.goto(`${origin}#/print/visit-sheet?from=2026-12-01&to=2026-12-01`);
    await expect(page.locator('.print-root[data-print-ready="true"]')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('sheet-empty')).toHaveText(T.print.visitSheet.emptyDay);
    await expect(page.locator('.print-sheet table')).toHaveCount(0);
    await bothSizes(page, 'empty-sheet');

    // --- The shop: a manager, two staff members, a viewer; customers of each staff member, visits this week. ---
    const user = async (username: string, displayName: string, role: string) => {
      const made = (await api('users.create', { username, displayName, role, password: USER_PASSWORD })) as { id: number };
      await api('auth.signIn', { username, password: USER_PASSWORD });
      await api('auth.changePassword', { oldPassword: USER_PASSWORD, newPassword: OWN_PASSWORD });
      await api('auth.signIn', { username: 'boss', password: PASSWORD });
      return made.id;
    };
    const manager = await user('mona', '孟经理', 'manager');
    const lily = await user('lily', '李丽', 'staff');
    const tom = await user('tom', '唐明', 'staff');
    await user('vic', '韦观察', 'viewer');
    const customer = async (name: string, address: string, ownerId: number) =>
      ((await api('customers.create', { name, address, ownerId, contacts: [{ name: '王建国', mobile: '13812345678' }] })) as { id: number }).id;
    const longId = await customer(LONG, LONG_ADDRESS, lily);
    const long2Id = await customer(LONG2, '广州市天河区珠江新城花城大道85号', tom);
    const goneId = await customer(GONE, '深圳市南山区科技园', tom);
    const plan = async (customerId: number, staffId: number, onDay: string, startMinute: number, purpose: string) =>
      ((await api('visits.create', { customerId, contactId: null, staffId, onDay, startMinute, durationMinutes: 60, purpose, agenda: '', address: '' })) as { visit: { id: number } }).visit.id;
    const lilyVisit = await plan(longId, lily, '2026-12-01', 9 * 60, '年度设备巡检，确认明年维保合同续签意向，并讨论新增两台空调机组的报价');
    await plan(longId, lily, '2026-12-03', 14 * 60, '回访培训效果');
    const tomVisit = await plan(long2Id, tom, '2026-12-01', 10 * 60, '季度对账与发票核对');
    const goneVisit = await plan(goneId, tom, '2026-12-02', 15 * 60, '现场勘察');
    // lily's customer, visited by tom (next week, so this week's counts stay as they are).
    const lentVisit = await plan(longId, tom, '2026-12-08', 11 * 60, '陪同技术支持');

    // --- The owner: the whole shop by default; Plan, Print, draggable cards, every action. ---
    await page.goto(`${origin}#/visits`);
    await expect(page.getByLabel(T.visits.staffFilter)).toHaveValue('all');
    await expect(page.getByRole('button', { name: T.visits.new })).toBeVisible();
    await expect(page.getByRole('button', { name: T.visits.print })).toBeVisible();
    await page.getByRole('button', { name: T.visits.week, exact: true }).click();
    await expect(cards(page)).toHaveCount(4);
    await expect(visitCard(dayColumn(page, '2026-12-01'), LONG)).toHaveAttribute('draggable', 'true');
    // Long names stay in their column at 1366: no card wider than its day.
    for (const day of ['2026-12-01', '2026-12-02']) {
      const column = await dayColumn(page, day).boundingBox();
      for (const card of await cards(dayColumn(page, day)).all()) {
        const box = await card.boundingBox();
        expect(box!.x + box!.width).toBeLessThanOrEqual(column!.x + column!.width + 0.5);
      }
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await bothSizes(page, 'owner-week');
    // A reload keeps the view.
    await page.reload();
    await expect(page.getByRole('button', { name: T.visits.week, exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(cards(page)).toHaveCount(4);

    // Keyboard only: Tab reaches a visit, Enter opens it.
    await page.getByRole('button', { name: T.visits.week, exact: true }).focus();
    let reached = false;
    for (let i = 0; i < 40 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate((name) => document.activeElement?.textContent === name && document.activeElement.tagName === 'A', LONG);
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: LONG, level: 1 })).toBeVisible();
    for (const name of [T.visitDetail.complete, T.common.edit, T.visits.moveTo, T.visitDetail.postpone, T.common.delete]) {
      await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
    }
    // Esc closes a dialog.
    await page.getByRole('button', { name: T.visits.moveTo }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();
    await page.getByRole('button', { name: T.visitDetail.complete }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();
    await page.getByRole('button', { name: T.common.delete }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();
    await bothSizes(page, 'owner-visit');

    // The form: a date in 1900 and a duration over a day are refused in words, on their fields.
    await page.getByRole('button', { name: T.common.edit }).click();
    await page.getByLabel(T.visit.onDay).fill('1900-01-01');
    await page.getByLabel(T.visit.duration).fill('1441');
    await page.getByRole('button', { name: T.common.save }).click();
    await expect(page.getByLabel(T.visit.onDay)).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel(T.visit.duration)).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText(T.validation.dateRange, { exact: true })).toBeVisible();
    await expect(page.getByText(tr('validation.numberMax', { max: 1440 }), { exact: true })).toBeVisible();
    await bothSizes(page, 'owner-form-refused');
    await page.goto(`${origin}#/visits/${lilyVisit}`);
    await expect(page.getByRole('heading', { name: LONG, level: 1 })).toBeVisible();

    // The visit sheet of a staff member with no visits that week says so, under their name.
    await page.goto(`${origin}#/print/visit-sheet?from=2026-11-30&to=2026-12-06&staff=${manager}`);
    await expect(page.locator('.print-root[data-print-ready="true"]')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('sheet-empty')).toHaveText(T.print.visitSheet.empty);
    await expect(page.locator('.print-sheet')).toContainText('孟经理');
    await expect(page.locator('.print-sheet table')).toHaveCount(0);
    await page.goto(`${origin}#/print/visit-sheet?from=2026-11-30&to=2026-12-06`);
    await expect(page.locator('.print-root[data-print-ready="true"]')).toBeVisible({ timeout: 30_000 });
    const toolbar = page.getByRole('toolbar');
    const bar = await toolbar.boundingBox();
    expect(bar!.width).toBeLessThanOrEqual(1366);
    for (const name of [T.print.print, T.print.savePdf, T.print.back]) {
      const box = await toolbar.getByRole('button', { name }).boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(1366);
      expect(box!.y).toBeLessThan(bar!.y + bar!.height);
    }
    await bothSizes(page, 'owner-sheet');

    // --- The manager: the same offers as the owner. ---
    const mona = await openAs(browser, 'mona', OWN_PASSWORD);
    await expect(mona.getByLabel(T.visits.staffFilter)).toHaveValue('all');
    await expect(mona.getByRole('button', { name: T.visits.new })).toBeVisible();
    await expect(mona.getByRole('button', { name: T.visits.print })).toBeVisible();
    await mona.getByRole('button', { name: T.visits.week, exact: true }).click();
    await expect(cards(mona)).toHaveCount(4);
    await expect(visitCard(mona, LONG2)).toHaveAttribute('draggable', 'true');
    await mona.context().close();

    // --- Staff, setting off: their own agenda first, anyone's may be chosen; no deleting a colleague's visit. ---
    let lilyPage = await openAs(browser, 'lily', OWN_PASSWORD);
    const whose = lilyPage.getByLabel(T.visits.staffFilter);
    await expect(whose).toBeEnabled();
    await expect(whose).toHaveValue(String(lily));
    await expect(lilyPage.getByTestId('visit-count')).toHaveText(tr('visits.count_one', { count: 1 }));
    await whose.selectOption('all');
    await expect(lilyPage.getByTestId('visit-count')).toHaveText(tr('visits.count_other', { count: 2 }));
    await expect(lilyPage.getByRole('button', { name: T.visits.print })).toBeVisible();
    await lilyPage.goto(`${origin}#/visits/${tomVisit}`);
    await expect(lilyPage.getByRole('heading', { name: LONG2, level: 1 })).toBeVisible();
    await expect(lilyPage.getByRole('button', { name: T.visitDetail.complete })).toBeVisible();
    await expect(lilyPage.getByRole('button', { name: T.common.delete })).toHaveCount(0);
    await bothSizes(lilyPage, 'staff-colleague-visit');
    await lilyPage.context().close();

    // --- Staff, setting on: only their own. ---
    await api('settings.update', { staffScope: true });
    lilyPage = await openAs(browser, 'lily', OWN_PASSWORD);
    await expect(lilyPage.getByLabel(T.visits.staffFilter)).toBeDisabled();
    await expect(lilyPage.getByLabel(T.visits.staffFilter).locator('option')).toHaveText(['李丽']);
    await lilyPage.getByRole('button', { name: T.visits.week, exact: true }).click();
    await expect(cards(lilyPage)).toHaveCount(2);
    await expect(visitCard(lilyPage, LONG2)).toHaveCount(0);
    await bothSizes(lilyPage, 'scoped-week');
    // An address naming a colleague still shows their own.
    await lilyPage.goto(`${origin}#/visits?view=week&day=2026-12-01&staff=${tom}`);
    await expect(lilyPage.getByLabel(T.visits.staffFilter)).toHaveValue(String(lily));
    await expect(cards(lilyPage)).toHaveCount(2);
    await expect(lilyPage.getByText(T.errors.FORBIDDEN)).toHaveCount(0);
    // Their customer's visit that a colleague makes: shown, without asking the core for the colleague's agenda (refused).
    const agendaAsks: string[] = [];
    lilyPage.on('request', (request) => {
      const data = request.postData() ?? '';
      if (request.url().endsWith('/api/invoke') && data.includes('"visits.agenda"')) agendaAsks.push(data);
    });
    await lilyPage.goto(`${origin}#/visits/${lentVisit}`);
    await expect(lilyPage.getByRole('heading', { name: LONG, level: 1 })).toBeVisible();
    await expect(lilyPage.getByText('陪同技术支持')).toBeVisible();
    await expect(lilyPage.getByRole('button', { name: T.visitDetail.complete })).toBeVisible();
    expect(agendaAsks).toEqual([]);
    // A colleague's customer's visit is not found; a colleague's sheet is refused, in words.
    await lilyPage.goto(`${origin}#/visits/${tomVisit}`);
    await expect(lilyPage.getByText(T.errors.NOT_FOUND)).toBeVisible();
    await lilyPage.goto(`${origin}#/print/visit-sheet?from=2026-12-01&to=2026-12-01&staff=${tom}`);
    await expect(lilyPage.getByTestId('print-refused')).toHaveText(T.print.visitSheet.onlyOwn);
    await expect(lilyPage.getByRole('button', { name: T.print.print })).toHaveCount(0); // nothing to print: only Back
    await expect(lilyPage.getByRole('button', { name: T.print.back })).toBeVisible();
    await bothSizes(lilyPage, 'scoped-colleague-sheet');
    await lilyPage.context().close();
    await api('settings.update', { staffScope: false });

    // --- The viewer: sees, changes nothing. ---
    const vic = await openAs(browser, 'vic', OWN_PASSWORD);
    await expect(vic.getByRole('button', { name: T.visits.new })).toHaveCount(0);
    await expect(vic.getByRole('button', { name: T.visits.print })).toHaveCount(0);
    await vic.getByRole('button', { name: T.visits.week, exact: true }).click();
    await expect(cards(vic)).toHaveCount(4);
    for (const card of await cards(vic).all()) await expect(card).toHaveAttribute('draggable', 'false');
    await expect(vic.getByText(T.visits.dragHint)).toHaveCount(0);
    await visitCard(vic, LONG2).getByRole('button', { name: tr('visits.more', { name: LONG2 }) }).click();
    await expect(vic.getByRole('menuitem', { name: T.visits.moveTo })).toHaveCount(0);
    await expect(vic.getByRole('menuitem', { name: T.visits.open })).toBeVisible();
    await vic.keyboard.press('Escape');
    await bothSizes(vic, 'viewer-week');
    await vic.goto(`${origin}#/visits/${lilyVisit}`);
    await expect(vic.getByRole('heading', { name: LONG, level: 1 })).toBeVisible();
    for (const name of [T.visitDetail.complete, T.common.edit, T.visits.moveTo, T.visitDetail.postpone, T.common.delete]) {
      await expect(vic.getByRole('button', { name, exact: true })).toHaveCount(0);
    }
    await bothSizes(vic, 'viewer-visit');
    await vic.goto(`${origin}#/print/visit-sheet?from=2026-12-01&to=2026-12-01`);
    await expect(vic.getByTestId('no-permission')).toBeVisible();
    await bothSizes(vic, 'viewer-print');
    await vic.goto(`${origin}#/visits/new`);
    await expect(vic.getByTestId('no-permission')).toBeVisible();
    await vic.context().close();

    // --- A visit whose customer was deleted: said in words, with the way back. ---
    await api('customers.delete', { id: goneId, version: ((await api('customers.get', { id: goneId })) as { version: number }).version });
    await page.goto(`${origin}#/visits/${goneVisit}`);
    await expect(page.getByText(T.errors.NOT_FOUND)).toBeVisible();
    await expect(page.getByRole('button', { name: T.visitDetail.back })).toBeVisible();
    await bothSizes(page, 'deleted-customer');
  });
}
