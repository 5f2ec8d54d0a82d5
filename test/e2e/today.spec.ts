// Today (今日) in the browser, on a fixed clock (the core's CLIENTELE_TEST_NOW and the page's own,
// both Wednesday 2026-12-02), in each language: Today is the first screen after sign-in; a lunar
// birthday (lunar 10-27, stored with its year 1986) shows on its Gregorian day this year, Saturday
// Dec 5, and a contact's lunar birthday entered in the customer form (lunar 10-30) on Tuesday Dec 8,
// while a Gregorian Oct 27 and a lunar 11-02 (Dec 10, beyond the week) do not; the owner switches
// Mine/Everyone (kept in the address over a reload); a visit is completed from Today with the
// visit's own dialog; a follow-up is done; a birthday is snoozed to tomorrow and a founding
// anniversary marked done (and undone, and done again); a care note on a birthday marks it noted;
// a staff member sees only their own items, without the switch, also when the address asks for
// everyone. Screenshots at 1366×768 and 1920×1080.
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { en, zh } from '../i18n-resources.ts';
import { join } from 'node:path';
import { ARTIFACTS, cli, expect, SHOP_PASSWORD as PASSWORD, signIn, switchLanguage, test, translator } from './fixtures.ts';

/** 2026-12-02 09:00 UTC, a Wednesday (the machine's zone is the shop's; the e2e machines run UTC). */
const NOW = Date.UTC(2026, 11, 2, 9, 0);
test.use({ locale: 'en-US', viewport: { width: 1366, height: 768 }, appEnv: { CLIENTELE_TEST_NOW: String(NOW) } });

const LUNAR_PERSON = '欧阳娜娜（长期合作伙伴·华东区域总经理）';
const COMPANY = '上海浦东新区长江国际贸易发展有限公司（华东区域总部·长期战略合作伙伴）';
const CONTACT = '王建国';
const OCT27 = '司马相如';
const LATER = '诸葛孔明';
const LILY_CUSTOMER = '杭州西湖龙井茶叶贸易有限公司';
const LILY_PERSON = '李白';
const STAFF_PASSWORD = 'first-time-pass-2026';
const STAFF_OWN = 'my-own-today-pass-77';

async function invoke(request: APIRequestContext, url: string, method: string, input: unknown): Promise<unknown> {
  const origin = url.split('#')[0]!.replace(/\/$/, '');
  const token = url.split('#token=')[1]!;
  const response = await request.post(`${origin}/api/invoke`, { headers: { Authorization: `Bearer ${token}` }, data: { method, input } });
  const result = (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value;
}

const section = (page: Page, name: string) => page.locator(`section[data-section="${name}"]`);
const item = (scope: Locator, text: string) => scope.locator('li').filter({ hasText: text });
/** The snackbar's notice (the backup reminder is an alert too). */
const notice = (page: Page, text: string) => page.getByRole('alert').filter({ hasText: text });
const shortDay = (lng: string, day: string) =>
  new Intl.DateTimeFormat(lng, { month: 'short', day: 'numeric', weekday: 'short', timeZone: 'UTC' }).format(Date.parse(`${day}T00:00:00Z`));

async function bothSizes(page: Page, shot: (name: string) => Promise<void>, name: string) {
  await shot(`${name}-1366`);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shot(`${name}-1920`);
  await page.setViewportSize({ width: 1366, height: 768 });
}

for (const lng of ['en-US', 'zh-CN'] as const) {
  test(`today (${lng}): first screen, lunar birthdays on their day, mine/everyone, complete, snooze, done, care note, staff sees only theirs`, async ({ page, app, shot, request, browser }) => {
    test.setTimeout(240_000);
    const T = lng === 'zh-CN' ? zh : en;
    const tr = translator(T);
    cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
    const api = (method: string, input: unknown) => invoke(request, app.url, method, input);
    await api('auth.signIn', { username: 'boss', password: PASSWORD });
    const lily = (await api('users.create', { username: 'lily', displayName: '李丽', role: 'staff', password: STAFF_PASSWORD })) as { id: number };
    await api('auth.signIn', { username: 'lily', password: STAFF_PASSWORD });
    await api('auth.changePassword', { oldPassword: STAFF_PASSWORD, newPassword: STAFF_OWN });
    await api('auth.signIn', { username: 'boss', password: PASSWORD });
    const session = (await api('auth.session', {})) as { user: { id: number } };
    const boss = session.user.id;

    const person = async (name: string, birthday: string, calendar: 'gregorian' | 'lunar', ownerId: number) =>
      ((await api('customers.create', { kind: 'person', name, birthday, birthdayCalendar: calendar, ownerId })) as { id: number }).id;
    const lunarPerson = await person(LUNAR_PERSON, '1986-10-27', 'lunar', boss); // lunar 10-27 is 2026-12-05
    await person(OCT27, '1990-10-27', 'gregorian', boss); // Oct 27: not this week
    await person(LATER, '--11-02', 'lunar', boss); // lunar 11-02 is 2026-12-10: beyond the week
    const company = ((await api('customers.create', { name: COMPANY, ownerId: boss, contacts: [{ name: CONTACT, mobile: '13812345678' }] })) as { id: number }).id;
    await api('customers.create', { name: LILY_CUSTOMER, birthday: '2016-12-04', ownerId: lily.id }); // founded Dec 4, 2016: 10 years
    await person(LILY_PERSON, '1995-12-03', 'gregorian', lily.id);
    await api('visits.create', { customerId: company, contactId: null, staffId: boss, onDay: '2026-12-02', startMinute: 14 * 60, durationMinutes: 60, purpose: '年度合同续签洽谈', agenda: '', address: '' });
    await api('records.create', { customerId: lunarPerson, kind: 'communication', at: NOW - 5 * 86_400_000, channel: 'phone', content: '电话沟通新品试用', followUpOn: '2026-11-30', staffId: boss });

    await page.clock.setFixedTime(NOW);
    await page.goto(app.url);
    await signIn(page, 'boss', PASSWORD);
    // The first screen after sign-in is Today.
    await expect(page.getByRole('heading', { name: en.today.title, level: 1 })).toBeVisible({ timeout: 30_000 });
    if (lng === 'zh-CN') await switchLanguage(page, 'zh-CN');
    const origin = app.url.split('#')[0];

    // A contact's lunar birthday, entered in the customer form: lunar month 10, day 30 (2026-12-08).
    await page.goto(`${origin}#/customers/${company}/edit`);
    await page.locator('select[name="contacts.0.birthdayCalendar"]').selectOption('lunar');
    await expect(page.locator('input[name="contacts.0.birthday"][type="date"]')).toHaveCount(0);
    await page.locator('select[name="contacts.0.birthdayLunarMonth"]').selectOption('10');
    await page.locator('select[name="contacts.0.birthday"]').selectOption('30');
    await page.getByRole('button', { name: T.common.save }).click();
    await expect(page.getByRole('heading', { name: COMPANY, level: 1 })).toBeVisible();
    await expect(page.getByRole('cell', { name: lng === 'zh-CN' ? '农历十月三十' : 'Lunar 10/30' })).toBeVisible();

    // Home: the owner sees everyone's items.
    await page.getByRole('navigation').getByRole('link', { name: new RegExp(`^${T.nav.today}`) }).click();
    await expect(page.getByRole('heading', { name: T.today.title, level: 1 })).toBeVisible();
    const scope = page.getByRole('group', { name: T.today.scopeLabel });
    await expect(scope.getByRole('button', { name: T.today.scopes.everyone })).toHaveAttribute('aria-pressed', 'true');
    const occasions = section(page, 'occasions');
    const birthday = item(occasions, LUNAR_PERSON);
    await expect(birthday).toContainText(shortDay(lng, '2026-12-05'));
    await expect(birthday).toContainText(tr('today.inDays_other', { count: 3 }));
    await expect(birthday).toContainText(lng === 'zh-CN' ? '农历十月廿七' : 'Lunar 10/27');
    await expect(birthday).toContainText(tr('today.age', { count: 40 }));
    const contactBirthday = item(occasions, CONTACT);
    await expect(contactBirthday).toContainText(shortDay(lng, '2026-12-08'));
    await expect(contactBirthday).toContainText(lng === 'zh-CN' ? '农历十月三十' : 'Lunar 10/30');
    await expect(item(occasions, OCT27)).toHaveCount(0);
    await expect(item(occasions, LATER)).toHaveCount(0);
    await expect(item(occasions, LILY_CUSTOMER)).toContainText(shortDay(lng, '2026-12-04'));
    await expect(item(section(page, 'visits'), '年度合同续签洽谈')).toContainText('14:00–15:00');
    await expect(item(section(page, 'followUps'), '电话沟通新品试用')).toContainText(tr('today.overdueDays_other', { count: 2 }));
    await expect(page.getByTestId('nav-badge').first()).toBeVisible();
    await bothSizes(page, shot, `${lng}-owner-everyone`);

    // Mine: only what the owner answers for; the address keeps it over a reload.
    await scope.getByRole('button', { name: T.today.scopes.mine }).click();
    await expect(page).toHaveURL(/#\/today\?scope=mine$/);
    await expect(item(occasions, LILY_CUSTOMER)).toHaveCount(0);
    await page.reload();
    await expect(scope.getByRole('button', { name: T.today.scopes.mine })).toHaveAttribute('aria-pressed', 'true', { timeout: 30_000 });
    await expect(item(occasions, LUNAR_PERSON)).toBeVisible();
    await expect(item(occasions, LILY_CUSTOMER)).toHaveCount(0);

    // Complete the visit with the visit's own dialog: it leaves Today.
    const visit = item(section(page, 'visits'), '年度合同续签洽谈');
    await visit.getByRole('button', { name: tr('today.actions.completeLabel', { title: '年度合同续签洽谈' }) }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(T.visitComplete.outcome).fill('客户同意续签，下周发送合同草案');
    await dialog.getByRole('button', { name: T.visitComplete.confirm }).click();
    await expect(dialog).toBeHidden();
    // Done, it stays in the day's list with nothing left to complete.
    await expect(visit.getByRole('button', { name: tr('today.actions.completeLabel', { title: '年度合同续签洽谈' }) })).toHaveCount(0);
    await expect(visit.getByText(tr('today.visitStatus.done'), { exact: true })).toBeVisible();

    // The follow-up done: its record's own.
    const followUp = item(section(page, 'followUps'), '电话沟通新品试用');
    await followUp.getByRole('button', { name: tr('today.actions.followUpDoneLabel', { title: '电话沟通新品试用' }) }).click();
    await expect(followUp).toHaveCount(0);

    // Snooze the lunar birthday to tomorrow: gone today.
    await birthday.getByRole('button', { name: tr('today.actions.snoozeLabel', { title: LUNAR_PERSON }) }).click();
    const snooze = page.getByRole('dialog', { name: tr('today.actions.snoozeLabel', { title: LUNAR_PERSON }) });
    await expect(snooze.getByLabel(T.today.snooze.day)).toHaveValue('2026-12-03');
    await snooze.getByRole('button', { name: new RegExp(`^${T.today.snooze.tomorrow}`) }).click();
    await expect(birthday).toHaveCount(0);
    await expect(notice(page, tr('today.notices.snoozed', { date: shortDay(lng, '2026-12-03'), title: LUNAR_PERSON }))).toBeVisible();

    // Done on the contact's birthday; Undo brings it back; done again.
    const doneButton = contactBirthday.getByRole('button', { name: tr('today.actions.doneLabel', { title: CONTACT }) });
    await doneButton.click();
    await expect(contactBirthday).toHaveCount(0);
    await notice(page, tr('today.notices.done', { title: CONTACT })).getByRole('button', { name: T.common.undo }).click();
    await expect(contactBirthday).toBeVisible();
    await doneButton.click();
    await expect(contactBirthday).toHaveCount(0);
    await page.reload();
    await expect(section(page, 'occasions')).toBeVisible({ timeout: 30_000 });
    await expect(item(occasions, CONTACT)).toHaveCount(0);
    await expect(item(occasions, LUNAR_PERSON)).toHaveCount(0);

    // A care note from the customer page, and from Today on an occasion (everyone: Lily's customer's anniversary).
    await scope.getByRole('button', { name: T.today.scopes.everyone }).click();
    const founding = item(occasions, LILY_CUSTOMER);
    await founding.getByRole('button', { name: tr('today.actions.careNoteLabel', { title: LILY_CUSTOMER }) }).click();
    const care = page.getByRole('dialog', { name: tr('care.title', { name: LILY_CUSTOMER }) });
    await care.getByRole('button', { name: T.care.save }).click();
    await expect(care.getByLabel(T.care.note)).toHaveAttribute('aria-invalid', 'true');
    await care.getByRole('button', { name: T.care.quickNotes.gift }).click();
    await expect(care.getByLabel(T.care.note)).toHaveValue(T.care.quickNotes.gift);
    await bothSizes(page, shot, `${lng}-care-note`);
    await care.getByRole('button', { name: T.care.save }).click();
    await expect(care).toBeHidden();
    await expect(founding).toContainText(T.today.noted);
    await bothSizes(page, shot, `${lng}-owner-after`);

    // A staff member: only their own, no switch, even when the address asks for everyone.
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1366, height: 768 } });
    const staff = await context.newPage();
    await staff.clock.setFixedTime(NOW);
    await staff.goto(app.url);
    await signIn(staff, 'lily', STAFF_OWN);
    await expect(staff.getByRole('heading', { name: en.today.title, level: 1 })).toBeVisible({ timeout: 30_000 });
    if (lng === 'zh-CN') await switchLanguage(staff, 'zh-CN');
    await expect(staff.getByRole('group', { name: T.today.scopeLabel })).toHaveCount(0);
    await expect(staff.getByText(T.today.mineOnly)).toBeVisible();
    const staffOccasions = section(staff, 'occasions');
    await expect(item(staffOccasions, LILY_PERSON)).toContainText(shortDay(lng, '2026-12-03'));
    await expect(item(staffOccasions, LILY_CUSTOMER)).toBeVisible();
    await expect(item(staffOccasions, LUNAR_PERSON)).toHaveCount(0);
    await expect(section(staff, 'visits')).toContainText(T.today.empty.visits);
    await staff.goto(`${origin}#/today?scope=everyone`);
    await expect(staff).toHaveURL(/#\/today$/);
    await expect(item(staffOccasions, LILY_PERSON)).toBeVisible();
    await expect(staff.getByText(T.errors.FORBIDDEN)).toHaveCount(0);
    await staff.setViewportSize({ width: 1366, height: 768 });
    await bothSizes(staff, async (name) => void (await staff.screenshot({ path: join(ARTIFACTS, `today-${name}.png`), fullPage: true })), `${lng}-staff`);
    await context.close();
  });
}
