// Customer events in the browser, in both languages, on a fixed clock (the core's
// CLIENTELE_TEST_NOW and the page's own: 2026-12-01 09:00 UTC). The owner creates an event for
// today from the Events page, invites the VIP customers by filter (the dialog shows the core's live
// count before anything is written) and one more customer by hand with the search-as-you-type
// picker; on the invitations table a reply is set on one row, two rows are selected and marked
// attended together, one marked as not come; the counts and the after-event panel follow. The
// sign-in sheet is printed to PDF (A4, read back with pdftotext: title, event, every customer who
// did not decline with their long Chinese name whole, the contact's phone, "1 / 1"); the attendance
// shows in the customer's timeline and events section, and opens the event. Screenshots at
// 1366×768 and 1920×1080.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { en, zh } from '../i18n-resources.ts';
import { ARTIFACTS, cli, expect, SHOP_PASSWORD as PASSWORD, test, translator } from './fixtures.ts';

/** 2026-12-01 09:00 UTC: the core's now and the page's (the same local day from UTC−9 to UTC+14). */
const NOW = Date.UTC(2026, 11, 1, 9, 0);
const TODAY = '2026-12-01';
/** VIP customers with long names (no space to break at); the last characters are found nowhere else. */
const VIPS = ['浙江省杭州市西湖区华星精密机械制造股份有限公司华东区域销售服务中心甲', '上海浦东新区长江国际贸易发展有限公司（华东区域总部·长期战略合作伙伴）乙', '江苏苏州工业园区东方智能装备科技集团有限公司丙'];
const BY_HAND = '广州天河区南方五金建材批发商行丁';
const OTHER = '深圳南山区不受邀请的普通客户戊';
const CONTACT = { name: '李四', mobile: '139 0000 5678' };
const PHONE = '0571-8888 1234';

test.use({ viewport: { width: 1366, height: 768 }, appEnv: { CLIENTELE_TEST_NOW: String(NOW) } });

type T = ReturnType<typeof translator>;

async function invoke<R>(request: APIRequestContext, url: string, method: string, input: unknown): Promise<R> {
  const origin = url.split('#')[0]!.replace(/\/$/, '');
  const token = url.split('#token=')[1]!;
  const response = await request.post(`${origin}/api/invoke`, { headers: { Authorization: `Bearer ${token}` }, data: { method, input } });
  const result = (await response.json()) as { ok: boolean; value?: R; error?: unknown };
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value as R;
}

async function bothSizes(page: Page, shot: (name: string) => Promise<void>, name: string) {
  await shot(`${name}-1366`);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shot(`${name}-1920`);
  await page.setViewportSize({ width: 1366, height: 768 });
}

const squeeze = (text: string) => text.replace(/\s+/g, '');
const poppler = (tool: string, args: string[]) => execFileSync(tool, args, { encoding: 'utf8' });

/** The print view, once its fonts are in, as a PDF: its pages' text (pdftotext) and sizes; the pages as PNGs to look at. */
async function printedText(page: Page, name: string): Promise<{ pages: number; text: string; sizes: number[][] }> {
  await expect(page.locator('.print-root[data-print-ready="true"]')).toBeVisible({ timeout: 30_000 });
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, `events-${name}.pdf`);
  writeFileSync(file, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  const pages = Number(/^Pages:\s+(\d+)/m.exec(poppler('pdfinfo', [file]))?.[1]);
  const sizes = [...poppler('pdfinfo', ['-f', '1', '-l', String(pages), file]).matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => [Number(m[1]), Number(m[2])]);
  execFileSync('pdftoppm', ['-png', '-r', '60', file, join(ARTIFACTS, `events-${name}`)]);
  return { pages, text: poppler('pdftotext', ['-raw', file, '-']), sizes };
}

for (const [locale, messages] of [
  ['en-US', en],
  ['zh-CN', zh as unknown as typeof en],
] as const) {
  test.describe(`events (${locale})`, () => {
    test.use({ locale });
    const t: T = translator(messages);

    test(`create an event, invite by filter and by hand, replies and attendance, the sign-in sheet and the timeline (${locale})`, async ({ page, app, shot, request }) => {
      test.setTimeout(600_000); // a long walk through the app on a shared, busy machine
      cli(app.dataDir, ['init', '--shop', '张三五金店', '--owner', 'boss']);
      await invoke(request, app.url, 'auth.signIn', { username: 'boss', password: PASSWORD });
      const vips: { id: number; name: string }[] = [];
      for (const [i, name] of VIPS.entries()) {
        const contacts = i === 0 ? [{ name: CONTACT.name, mobile: CONTACT.mobile }] : [];
        vips.push(await invoke(request, app.url, 'customers.create', { name, grade: 'vip', region: '华东', contacts, ...(i === 0 ? { phone: PHONE } : {}) }));
      }
      const byHand = await invoke<{ id: number }>(request, app.url, 'customers.create', { name: BY_HAND, grade: 'normal' });
      await invoke(request, app.url, 'customers.create', { name: OTHER, grade: 'normal' });

      await page.clock.setFixedTime(NOW);
      await page.goto(app.url);
      await expect(page.getByRole('heading', { name: t('signin.title') })).toBeVisible();
      await page.getByLabel(t('signin.username')).fill('boss');
      await page.getByLabel(t('signin.password')).fill(PASSWORD);
      await page.getByRole('button', { name: t('signin.submit') }).click();

      // The Events page from the navigation; a new event for today.
      await page.getByRole('navigation').getByRole('link', { name: new RegExp(t('nav.events')) }).click({ timeout: 30_000 });
      await expect(page.getByRole('heading', { name: t('events.title') })).toBeVisible();
      await page.getByRole('button', { name: t('events.new') }).click();
      const form = page.getByRole('dialog', { name: t('events.form.newTitle') });
      const title = `${locale} 新品发布会暨客户答谢晚宴（华东区域·二〇二六年冬季）`;
      await form.getByLabel(t('events.field.title')).fill(title);
      await form.getByLabel(t('events.field.kind')).selectOption('launch');
      await expect(form.getByLabel(t('events.field.onDay'))).toHaveValue(TODAY);
      await form.getByLabel(t('events.field.startTime')).fill('14:30');
      await form.getByLabel(t('events.field.duration')).fill('120');
      await form.getByLabel(t('events.field.place')).fill('杭州西湖国宾馆一号楼宴会厅');
      await form.getByLabel(t('events.field.capacity')).fill('abc');
      await form.getByRole('button', { name: t('events.form.save') }).click();
      // A capacity that is no number is refused on its field; nothing typed is lost.
      await expect(form.getByText(t('validation.wholeNumber'))).toBeVisible();
      await expect(form.getByLabel(t('events.field.title'))).toHaveValue(title);
      await form.getByLabel(t('events.field.capacity')).fill('50');
      await form.getByRole('button', { name: t('events.form.save') }).click();
      await expect(form).toBeHidden();
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      const eventId = Number(/#\/events\/(\d+)/.exec(page.url())?.[1]);
      expect(eventId).toBeGreaterThan(0);
      await bothSizes(page, shot, `event-new-${locale}`);

      // Invite by filter: the VIPs; the live count shows before anything is written.
      await page.getByRole('button', { name: t('invitations.invite'), exact: true }).click();
      const invite = page.getByRole('dialog', { name: new RegExp(t('invite.title')) });
      await expect(invite.getByText(t('invite.needFilter'))).toBeVisible();
      await invite.getByLabel(t('invite.grade')).selectOption('vip');
      await expect(invite.getByTestId('invite-preview')).toHaveAttribute('data-count', '3');
      await expect(invite.getByTestId('invite-preview')).toHaveAttribute('data-already', '0');
      await bothSizes(page, shot, `invite-filter-${locale}`);
      await invite.getByRole('button', { name: t('invite.send', { n: '3' }) }).click();
      await expect(invite).toBeHidden();
      const counts = page.getByTestId('event-counts');
      await expect(counts.locator('[data-count="invited"]')).toHaveAttribute('data-value', '3');

      // Invite by hand: typing part of a name offers it (never a list of everyone).
      await page.getByRole('button', { name: t('invitations.invite'), exact: true }).click();
      await invite.getByRole('tab', { name: t('invite.byHand') }).click();
      await invite.getByRole('combobox', { name: t('invite.pick') }).fill('南方五金');
      await page.getByRole('option', { name: new RegExp('南方五金') }).click();
      await expect(invite.getByTestId('invite-chosen')).toContainText(BY_HAND);
      await invite.getByRole('button', { name: t('invite.send', { n: '1' }) }).click();
      await expect(invite).toBeHidden();
      await expect(counts.locator('[data-count="invited"]')).toHaveAttribute('data-value', '4');
      const rows = page.locator('[data-invitation-id]');
      await expect(rows).toHaveCount(4);
      await expect(page.locator('[data-invitation-id]', { hasText: OTHER })).toHaveCount(0);

      // A reply on one row; two rows selected and marked attended together; one marked as not come.
      await page.getByLabel(`${t('invitations.reply')} ${VIPS[0]}`).selectOption('yes');
      await expect(counts.locator('[data-count="yes"]')).toHaveAttribute('data-value', '1');
      await page.getByLabel(`${t('invitations.reply')} ${BY_HAND}`).selectOption('no');
      await page.getByLabel(t('invitations.select', { name: VIPS[0]! })).check();
      await page.getByLabel(t('invitations.select', { name: VIPS[1]! })).check();
      await expect(page.getByTestId('selected-count')).toHaveText(t('invitations.selected', { n: '2' }));
      await page.getByRole('button', { name: t('invitations.markAttended') }).click();
      await expect(counts.locator('[data-count="attended"]')).toHaveAttribute('data-value', '2');
      await page.getByLabel(`${t('invitations.attended')} ${VIPS[2]}`).selectOption('no');
      await expect(page.getByLabel(`${t('invitations.attended')} ${VIPS[2]}`)).toHaveValue('no');
      await expect(page.getByLabel(`${t('invitations.attended')} ${VIPS[0]}`)).toHaveValue('yes');
      // The event is today: held; the after-event panel compares those who came with the rest.
      await expect(page.getByTestId('attendance-rate')).toHaveAttribute('data-permille', '500');
      await expect(page.getByTestId('event-effect').locator('[data-effect="customers"]')).toContainText('2');
      await bothSizes(page, shot, `event-${locale}`);

      // The sign-in sheet: A4, every invited customer but the one who declined, names whole.
      await page.getByRole('link', { name: t('events.signInSheet') }).click();
      await expect(page).toHaveURL(new RegExp(`#/print/event-sign-in/${eventId}$`));
      const sheet = await printedText(page, `sign-in-${locale}`);
      await bothSizes(page, shot, `sign-in-screen-${locale}`);
      for (const [width, height] of sheet.sizes) {
        expect(Math.abs(width! - 595.28)).toBeLessThan(1);
        expect(Math.abs(height! - 841.89)).toBeLessThan(1);
      }
      expect(sheet.text).toMatch(new RegExp(`(^|\\s)1\\s*/\\s*${sheet.pages}(\\s|$)`, 'm'));
      const all = squeeze(sheet.text);
      expect(all).toContain('张三五金店');
      expect(all).toContain(squeeze(t('print.eventSignIn.signature')));
      expect(all).toContain(squeeze(t('print.eventSignIn.title')));
      expect(all).toContain(squeeze(title));
      for (const name of VIPS) expect(all).toContain(squeeze(name));
      expect(all).not.toContain(BY_HAND); // replied no: not on the sheet
      expect(all).not.toContain(OTHER);
      // Invited by filter, without a contact: the customer's own phone.
      expect(all).toContain(squeeze(PHONE));

      // The attendance in the customer's timeline and events section; it opens the event.
      await page.goto(`${app.url.split('#')[0]}#/customers/${vips[0]!.id}`);
      const entry = page.locator('[data-timeline-kind="event"]');
      await expect(entry).toHaveCount(1);
      await expect(entry).toContainText(t('timeline.kinds.event'));
      await expect(entry).toContainText(title);
      await expect(page.getByTestId('customer-events')).toContainText(title);
      await page.getByTestId('customer-events').scrollIntoViewIfNeeded();
      await bothSizes(page, shot, `customer-${locale}`);
      await entry.getByRole('link').first().click();
      await expect(page).toHaveURL(new RegExp(`#/events/${eventId}$`));
      // Invited, not marked: the events section lists the invitation (every invitation, not only
      // attendances); no timeline entry.
      await page.goto(`${app.url.split('#')[0]}#/customers/${byHand.id}`);
      await expect(page.getByTestId('customer-events')).toContainText(title);
      await expect(page.getByTestId('customer-events')).toContainText(t('invitations.attendedStates.unknown'));
      await expect(page.locator('[data-timeline-kind="event"]')).toHaveCount(0);

      // Invite from a list: empty is refused in words; then a pasted list (a name twice, one
      // already invited, one unknown) is checked before inviting the one new customer.
      await page.goto(`${app.url.split('#')[0]}#/events/${eventId}`);
      await page.getByRole('button', { name: t('inviteList.open') }).click();
      const listDialog = page.getByRole('dialog', { name: t('inviteList.title') });
      await listDialog.getByRole('button', { name: t('inviteList.check') }).click();
      await expect(listDialog).toContainText(t('inviteList.problem.empty', { max: '5,000', length: '200' }));
      await listDialog.getByTestId('invite-list-text').fill([OTHER, OTHER, 'NO-SUCH-CUSTOMER', BY_HAND].join('\n'));
      await listDialog.getByRole('button', { name: t('inviteList.check') }).click();
      const preview = listDialog.getByTestId('invite-list-preview');
      await expect(preview).toContainText(t('inviteList.summary', { matched: '2', invited: '1', already: '1' }));
      await expect(preview).toContainText(t('inviteList.repeated', { n: '1' }));
      await expect(preview).toContainText('NO-SUCH-CUSTOMER');
      await bothSizes(page, shot, `invite-list-${locale}`);
      await listDialog.getByRole('button', { name: t('inviteList.send', { n: '1' }) }).click();
      await expect(listDialog).toHaveCount(0);
      await expect(page.locator('[data-invitation-id]').filter({ hasText: OTHER })).toHaveCount(1);

      // The list shows the event with its counts.
      await page.getByRole('navigation').getByRole('link', { name: new RegExp(t('nav.events')) }).click();
      const listed = page.locator(`[data-event-id="${eventId}"]`);
      await expect(listed).toContainText(title);
      await bothSizes(page, shot, `list-${locale}`);
    });
  });
}

// A staff member under the staff scope: sees the events, but is offered no create, edit, cancel,
// delete or invite (events.manage); sees only their own customer's invitation, and sets its reply
// and attendance (customers.write in scope). The core's `actions` decide; the page shows only them.
test('staff see events and mark only their own customers; no managing (en-US)', async ({ page, app, shot, request }) => {
  test.setTimeout(300_000);
  const t: T = translator(en);
  cli(app.dataDir, ['init', '--shop', '张三五金店', '--owner', 'boss']);
  await invoke(request, app.url, 'auth.signIn', { username: 'boss', password: PASSWORD });
  const staff = await invoke<{ id: number }>(request, app.url, 'users.create', { username: 'wang', displayName: '王小明', role: 'staff', password: 'first-time-pass-77' });
  await invoke(request, app.url, 'settings.update', { staffScope: true });
  const mine = await invoke<{ id: number }>(request, app.url, 'customers.create', { name: VIPS[0], grade: 'vip', ownerId: staff.id });
  const notMine = await invoke<{ id: number }>(request, app.url, 'customers.create', { name: VIPS[1], grade: 'vip' });
  const event = await invoke<{ id: number }>(request, app.url, 'events.create', { title: '技术交流会', kind: 'exchange', onDay: TODAY, place: '会议室' });
  await invoke(request, app.url, 'events.invite', { eventId: event.id, customerIds: [mine.id, notMine.id] });

  await page.clock.setFixedTime(NOW);
  await page.goto(app.url);
  await page.getByLabel(t('signin.username')).fill('wang');
  await page.getByLabel(t('signin.password')).fill('first-time-pass-77');
  await page.getByRole('button', { name: t('signin.submit') }).click();
  await page.getByLabel(t('account.givenPassword')).fill('first-time-pass-77');
  await page.getByLabel(t('account.newPassword'), { exact: true }).fill('harbour-lantern-phrase-31');
  await page.getByLabel(t('account.confirmNewPassword')).fill('harbour-lantern-phrase-31');
  await page.getByRole('button', { name: t('account.changePassword') }).click();

  await page.getByRole('navigation').getByRole('link', { name: new RegExp(t('nav.events')) }).click({ timeout: 30_000 });
  await expect(page.locator(`[data-event-id="${event.id}"]`)).toBeVisible();
  await expect(page.getByRole('button', { name: t('events.new') })).toHaveCount(0);
  await page.locator(`[data-event-id="${event.id}"]`).click();
  await expect(page.getByRole('heading', { level: 1, name: '技术交流会' })).toBeVisible();
  for (const name of [t('common.edit'), t('events.cancelEvent'), t('common.delete'), t('invitations.invite'), t('inviteList.open')]) await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);
  const rows = page.locator('[data-invitation-id]');
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText(VIPS[0]!);
  await page.getByLabel(`${t('invitations.reply')} ${VIPS[0]}`).selectOption('yes');
  await page.getByLabel(`${t('invitations.attended')} ${VIPS[0]}`).selectOption('yes');
  await expect(page.getByTestId('event-counts').locator('[data-count="attended"]')).toHaveAttribute('data-value', '1');
  await expect(rows.getByRole('button', { name: new RegExp(t('invitations.uninvite')) })).toHaveCount(0);
  await bothSizes(page, shot, 'staff-event');
});
