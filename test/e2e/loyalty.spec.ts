// The loyalty programme in the browser, in both languages, on a fixed clock (the core's
// CLIENTELE_TEST_NOW and the page's own, both 2026-12-01 09:00 UTC). The owner sets up the programme
// in Settings → Loyalty programme: switched on, ¥1 = 1 point, 5 extra points per unit of a catalogue
// item, a second tier 银卡 (a threshold not above the first tier's is refused in words first, nothing
// typed lost) at 100 qualifying points ×1.5, and a reward (50 points, 10 in stock). A customer joins
// on their page; a sale recorded for them (2 × ¥64.00 of that item) earns 128 + 2 × 5 = 138 points,
// shown as the balance, an "earned" ledger row and a tier change to 银卡 with its reason. Redeeming the
// reward shows the coupon's code and takes 50 points; the coupon is used. A correction without a
// reason is refused in words; with one it is a ledger row of its own. A staff member (the customer's
// responsible person) sees the section and may redeem, but is offered no correction and no programme
// settings; the members list shows the member to both, filtered by tier and by points expiring next
// month (points last one month here), and Today lists the member with the 80 points expiring in
// January. Screenshots at 1366×768 and 1920×1080.
import type { APIRequestContext, Browser, Locator, Page } from '@playwright/test';
import { en, zh } from '../i18n-resources.ts';
import { join } from 'node:path';
import { ARTIFACTS, cli, expect, SHOP_PASSWORD as PASSWORD, test, translator } from './fixtures.ts';

/** 2026-12-01 09:00 UTC: the core's now and the page's (the same local day from UTC−9 to UTC+14). */
const NOW = Date.UTC(2026, 11, 1, 9, 0);
const TODAY = '2026-12-01';
const LONG = '上海浦东新区长江国际贸易发展有限公司（华东区域总部·长期战略合作伙伴）';
const FILTER = '进口高效复合滤芯（三年质保·原厂正品·适用全系列机型）';
const REWARD = '定制不锈钢保温杯（会员专享礼品）';
const STAFF_FIRST = 'loyalty-staff-first-2026';
const STAFF_OWN = 'loyalty-staff-own-pass-88';

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
const navLink = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name: new RegExp(name) });

async function signInAs(page: Page, t: T, username: string, password: string) {
  await expect(page.getByRole('heading', { name: t('signin.title') })).toBeVisible();
  await page.getByLabel(t('signin.username')).fill(username);
  await page.getByLabel(t('signin.password')).fill(password);
  await page.getByRole('button', { name: t('signin.submit') }).click();
  await expect(navLink(page, t('nav.loyalty'))).toBeVisible({ timeout: 30_000 });
}

for (const [locale, messages] of [
  ['en-US', en],
  ['zh-CN', zh as Messages],
] as const) {
  test.describe(`loyalty (${locale})`, () => {
    test.use({ locale });
    const t: T = translator(messages);

    test(`set up a programme, earn from a sale, redeem, correct with a reason; owner and staff (${locale})`, async ({ page, app, shot, request, browser }) => {
      test.setTimeout(600_000); // a long walk through the app; the shared 2-core machine is slow under load
      const api = (method: string, input: unknown) => invoke(request, app.url, method, input);
      cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
      await api('auth.signIn', { username: 'boss', password: PASSWORD });
      const staff = (await api('users.create', { username: 'lily', displayName: '李莉', role: 'staff', password: STAFF_FIRST })) as { id: number };
      const customer = (await api('customers.create', { name: LONG, grade: 'vip', ownerId: staff.id })) as { id: number; code: string };
      const item = (await api('catalogue.create', { name: FILTER, kind: 'product', unit: '个', priceMinor: 6400, currency: 'CNY' })) as { id: number };

      await page.clock.setFixedTime(NOW);
      await page.goto(app.url);
      await signInAs(page, t, 'boss', PASSWORD);
      const base = app.url.split('#')[0];

      // --- The programme, in Settings. ---
      await page.goto(`${base}#/settings/loyalty`);
      const form = page.getByTestId('loyalty-programme');
      await expect(form.getByRole('heading', { name: t('loyaltySettings.title') })).toBeVisible();
      await form.getByLabel(t('loyaltySettings.enabled')).check();
      await form.getByLabel(t('loyaltySettings.expiryMonths')).fill('1');
      await form.getByRole('button', { name: t('loyaltySettings.addItem') }).click();
      await form.locator('[data-per-item="0"]').getByLabel(t('loyaltySettings.item')).selectOption(String(item.id));
      await form.locator('[data-per-item="0"]').getByLabel(t('loyaltySettings.itemPoints')).fill('5');
      await form.getByRole('button', { name: t('loyaltySettings.addTier') }).click();
      const silver = form.locator('[data-tier="1"]');
      await silver.getByLabel(t('loyaltySettings.tierName', { n: 2 })).fill('银卡');
      await silver.getByLabel(t('loyaltySettings.threshold')).fill('0');
      await silver.getByLabel(t('loyaltySettings.multiplier')).fill('1.5');
      await silver.getByLabel(t('loyaltySettings.benefits')).fill('生日双倍积分，免费上门清洗一次');
      await form.getByRole('button', { name: t('loyaltySettings.save') }).click();
      // A threshold not above the tier before: said on the field, nothing typed is lost.
      await expect(helperOf(silver.getByLabel(t('loyaltySettings.threshold')))).toHaveText(t('loyaltySettings.problems.thresholdOrder'));
      await expect(silver.getByLabel(t('loyaltySettings.tierName', { n: 2 }))).toHaveValue('银卡');
      await expect(silver.getByLabel(t('loyaltySettings.multiplier'))).toHaveValue('1.5');
      await bothSizes(page, shot, `settings-refused-${locale}`);
      await silver.getByLabel(t('loyaltySettings.threshold')).fill('100');
      await form.getByRole('button', { name: t('loyaltySettings.save') }).click();
      await expect(page.getByText(t('loyaltySettings.saved'))).toBeVisible();
      await expect(helperOf(silver.getByLabel(t('loyaltySettings.threshold')))).toHaveCount(0);

      // A reward, with its cost and stock.
      const rewards = page.getByTestId('loyalty-rewards');
      await rewards.getByRole('button', { name: t('loyaltyRewards.add') }).click();
      const rewardDialog = page.getByRole('dialog', { name: t('loyaltyRewards.addTitle') });
      await rewardDialog.getByLabel(t('loyaltyRewards.name')).fill(REWARD);
      await rewardDialog.getByLabel(t('loyaltyRewards.points')).fill('50');
      await rewardDialog.getByLabel(t('loyaltyRewards.stock')).fill('10');
      await rewardDialog.getByRole('button', { name: t('common.save') }).click();
      await expect(rewardDialog).toBeHidden();
      await expect(rewards.locator('[data-reward-id]')).toContainText(REWARD);
      await bothSizes(page, shot, `settings-${locale}`);

      // --- The customer joins; a sale earns points. ---
      await page.goto(`${base}#/customers/${customer.id}`);
      const section = page.getByTestId('customer-loyalty');
      await expect(section.getByText(t('customerLoyalty.notMember'))).toBeVisible();
      await section.getByRole('button', { name: t('customerLoyalty.join') }).click();
      await expect(section.getByTestId('loyalty-balance')).toHaveText('0');
      await expect(section.getByTestId('loyalty-tier')).toHaveText('普通会员');
      await api('sales.create', { customerId: customer.id, soldOn: TODAY, currency: 'CNY', lines: [{ itemId: item.id, name: FILTER, quantityMilli: 2000, unitPriceMinor: 6400 }] });
      await page.reload();
      await expect(section.getByTestId('loyalty-balance')).toHaveText('138');
      await expect(section.getByTestId('loyalty-tier')).toHaveText('银卡');
      await expect(section.getByTestId('loyalty-next-tier')).toHaveText(t('customerLoyalty.topTier'));
      const ledger = section.getByTestId('loyalty-ledger');
      await expect(ledger.locator('tr[data-kind="earn"]')).toHaveAttribute('data-points', '138');
      await expect(ledger.locator('tr[data-kind="earn"]')).toContainText(t('customerLoyalty.kinds.earn'));
      const history = section.getByTestId('loyalty-tier-history');
      await expect(history.locator('tr[data-tier-change-id]').first()).toContainText(t('customerLoyalty.fromTo', { from: '普通会员', to: '银卡' }));
      await expect(history.locator('tr[data-tier-change-id]').first()).toContainText(t('customerLoyalty.causes.earn'));

      // --- Redeem the reward: the coupon's code is shown, the balance goes down, the coupon is used. ---
      await section.getByRole('button', { name: t('customerLoyalty.redeem') }).click();
      const redeem = page.getByRole('dialog', { name: t('customerLoyalty.redeemTitle', { name: LONG }) });
      await expect(redeem.getByRole('radio', { name: new RegExp(REWARD.slice(0, 6)) })).toBeChecked();
      await redeem.getByRole('button', { name: t('customerLoyalty.redeem') }).click();
      const issued = page.getByRole('dialog', { name: t('customerLoyalty.redeemedTitle') });
      const code = (await issued.getByTestId('coupon-code').textContent()) ?? '';
      expect(code).toMatch(/^[A-Z0-9-]{6,}$/);
      await bothSizes(page, shot, `coupon-${locale}`);
      await issued.getByRole('button', { name: t('customerLoyalty.close') }).click();
      await expect(section.getByTestId('loyalty-balance')).toHaveText('88');
      const coupon = section.getByTestId('loyalty-coupons').locator('tr[data-coupon-id]');
      await expect(coupon).toContainText(code);
      await coupon.getByRole('button', { name: t('customerLoyalty.useCoupon') }).click();
      await expect(coupon).toHaveAttribute('data-status', 'used');

      // --- A correction needs a reason; with one it is a ledger entry of its own. ---
      await section.getByRole('button', { name: t('customerLoyalty.adjust') }).click();
      const adjust = page.getByRole('dialog', { name: t('customerLoyalty.adjustTitle', { name: LONG }) });
      await adjust.getByLabel(t('customerLoyalty.pointsChange')).fill('-8');
      await adjust.getByRole('button', { name: t('customerLoyalty.adjustSave') }).click();
      await expect(helperOf(adjust.getByLabel(t('customerLoyalty.reason')))).toHaveText(t('customerLoyalty.problems.reasonRequired'));
      await adjust.getByLabel(t('customerLoyalty.reason')).fill('重复录入的销售积分更正');
      await adjust.getByRole('button', { name: t('customerLoyalty.adjustSave') }).click();
      await expect(adjust).toBeHidden();
      await expect(section.getByTestId('loyalty-balance')).toHaveText('80');
      await expect(ledger.locator('tr[data-kind="correction"]')).toContainText('重复录入的销售积分更正');
      await expect(ledger.locator('tr[data-kind="correction"]')).toHaveAttribute('data-points', '-8');
      await expect(ledger.locator('tr[data-kind="redeem"]')).toHaveAttribute('data-points', '-50');
      // Points last a month: what is left of the lot earned today (138 − 50 − 8, oldest first) expires in January.
      await expect(section.getByTestId('loyalty-expiring')).toHaveText('80');
      await section.scrollIntoViewIfNeeded();
      await bothSizes(page, shot, `customer-${locale}`);

      // --- The members list, filtered by tier. ---
      await navLink(page, t('nav.loyalty')).click();
      await expect(page.getByRole('heading', { name: t('loyalty.title') })).toBeVisible();
      const rows = page.locator('[data-member-id]');
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toContainText(LONG);
      await page.getByLabel(t('loyalty.tier')).selectOption({ label: '银卡' });
      await expect(page).toHaveURL(/#\/loyalty\?tier=/);
      await expect(rows).toHaveCount(1);
      await page.getByLabel(t('loyalty.expiringFilter')).check();
      await expect(page).toHaveURL(/expiring=1/);
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toContainText('80');
      await page.getByLabel(t('loyalty.tier')).selectOption({ label: '普通会员' });
      await expect(page.getByText(t('loyalty.empty'))).toBeVisible();
      await page.getByLabel(t('loyalty.tier')).selectOption({ label: '银卡' });
      await expect(rows).toHaveCount(1);
      await bothSizes(page, shot, `members-${locale}`);

      // --- Today: the member whose points expire next month, opening the customer. ---
      await navLink(page, t('nav.today')).click();
      const expiring = page.locator('[data-section="pointsExpiring"]');
      await expect(expiring.locator('[data-kind="pointsExpiring"]')).toHaveCount(1);
      await expect(expiring).toContainText(LONG);
      const january = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(Date.UTC(2027, 0, 1));
      await expect(expiring).toContainText(t('today.pointsExpire_other', { formatted: '80', month: january }));
      await expiring.scrollIntoViewIfNeeded();
      await bothSizes(page, shot, `today-${locale}`);
      await expiring.getByRole('link', { name: LONG }).click();
      await expect(page).toHaveURL(new RegExp(`#/customers/${customer.id}$`));

      // --- Staff: the customer's section and redeem, but no correction and no programme settings. ---
      await api('auth.signIn', { username: 'lily', password: STAFF_FIRST });
      await api('auth.changePassword', { oldPassword: STAFF_FIRST, newPassword: STAFF_OWN });
      const lily = await openAs(browser, locale, app.url, t, 'lily', STAFF_OWN);
      await lily.goto(`${base}#/customers/${customer.id}`);
      const staffSection = lily.getByTestId('customer-loyalty');
      await expect(staffSection.getByTestId('loyalty-balance')).toHaveText('80');
      await expect(staffSection.getByRole('button', { name: t('customerLoyalty.redeem') })).toBeVisible();
      await expect(staffSection.getByRole('button', { name: t('customerLoyalty.referral') })).toBeVisible();
      await expect(staffSection.getByRole('button', { name: t('customerLoyalty.adjust') })).toHaveCount(0);
      await expect(staffSection.getByTestId('loyalty-ledger').locator('tr[data-kind="correction"]')).toContainText('重复录入的销售积分更正');
      await staffSection.scrollIntoViewIfNeeded();
      await bothSizes(lily, (name) => lily.screenshot({ path: shotPath(locale, name), fullPage: true }).then(() => undefined), `staff-customer-${locale}`);
      await lily.goto(`${base}#/settings`);
      await expect(lily.getByRole('tab', { name: t('loyaltySettings.tab') })).toHaveCount(0);
      await navLink(lily, t('nav.loyalty')).click();
      await expect(lily.locator('[data-member-id]')).toHaveCount(1);
      await lily.context().close();
    });
  });
}

const shotPath = (locale: string, name: string) => join(ARTIFACTS, `loyalty-staff-${locale}-${name}.png`);

/** A browser of its own for one user, signed in, in the test's language. */
async function openAs(browser: Browser, locale: string, url: string, t: T, username: string, password: string): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1366, height: 768 } });
  const p = await context.newPage();
  await p.clock.setFixedTime(NOW);
  await p.goto(url);
  await signInAs(p, t, username, password);
  return p;
}
