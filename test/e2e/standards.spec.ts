// Settings → Service standards in the browser, in both languages, on a fixed clock (the core's
// CLIENTELE_TEST_NOW and the page's own, both 2026-12-01 09:00 UTC). The owner sees the four grades'
// defaults, is told in words when a cadence of 0 is typed, saves new standards with the keyboard
// and switches deadlines to working days (kept after a reload); in the 2026 calendar turns the
// make-up Saturday of National Day into a day off and puts it back; in 2027 (not built in) is told
// so and adds National Day. Screenshots at 1366×768 and 1920×1080. A viewer has no such tab.
import type { Page } from '@playwright/test';
import { en, zh } from '../i18n-resources.ts';
import { cli, expect, SHOP_PASSWORD as PASSWORD, test, translator } from './fixtures.ts';

const NOW = Date.UTC(2026, 11, 1, 9, 0, 0);

test.use({ viewport: { width: 1366, height: 768 }, appEnv: { CLIENTELE_TEST_NOW: String(NOW) } });

type Messages = typeof en;

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
  test.describe(`service standards (${locale})`, () => {
    test.use({ locale });
    const t = translator(messages);

    test(`the owner edits the standards and the working calendar (${locale})`, async ({ page, app, shot }) => {
      test.setTimeout(180_000);
      cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
      await page.clock.setFixedTime(NOW);
      await page.goto(app.url);
      await page.getByLabel(t('signin.username')).fill('boss');
      await page.getByLabel(t('signin.password')).fill(PASSWORD);
      await page.getByRole('button', { name: t('signin.submit') }).click();
      await page.getByRole('navigation').getByRole('link', { name: t('nav.settings') }).click({ timeout: 30_000 });
      await page.getByRole('tab', { name: t('standards.tab') }).click();
      await expect(page.getByRole('heading', { name: t('standards.title') })).toBeVisible();

      const grades = page.getByRole('table', { name: t('standards.gradesTable') });
      const field = (grade: string, which: 'returnDays' | 'responseHours') =>
        grades.getByLabel(`${t(`customer.grades.${grade}`)}: ${t(`standards.${which}`)}`);
      await expect(field('vip', 'returnDays')).toHaveValue('30');
      await expect(field('vip', 'responseHours')).toHaveValue('24');
      await expect(field('key', 'returnDays')).toHaveValue('60');
      await expect(field('potential', 'responseHours')).toHaveValue('72');
      const workingDays = page.getByRole('switch', { name: t('standards.workingDays') });
      await expect(workingDays).not.toBeChecked();
      // The calendar of this year (the page's clock: 2026) lists National Day and its make-up Saturday.
      const calendar = page.getByRole('table', { name: t('standards.calendar.title', { year: 2026 }) });
      await expect(calendar.locator('tr[data-day="2026-10-01"]')).toContainText(t('standards.calendar.holidays.nationalDay'));
      await expect(calendar.locator('tr[data-day="2026-10-10"]')).toContainText(t('standards.calendar.kinds.workday'));
      await bothSizes(page, shot, 'standards');

      // A cadence of 0 is refused on its field, in words; nothing is saved.
      await field('vip', 'returnDays').fill('0');
      await page.getByRole('button', { name: t('standards.save') }).click();
      await expect(page.getByText(t('validation.numberMin', { min: 1 }))).toBeVisible();
      await shot('refused');

      // With the keyboard alone: type the cadence, Tab to the response hours, Space on the switch, Enter saves.
      await field('vip', 'returnDays').fill('');
      await field('vip', 'returnDays').pressSequentially('14');
      await page.keyboard.press('Tab');
      await expect(field('vip', 'responseHours')).toBeFocused();
      await page.keyboard.press('Control+a');
      await page.keyboard.type('12');
      await workingDays.focus();
      await page.keyboard.press('Space');
      await expect(workingDays).toBeChecked();
      await field('vip', 'responseHours').press('Enter');
      await expect(page.getByText(t('standards.saved'))).toBeVisible();
      await page.reload();
      await expect(field('vip', 'returnDays')).toHaveValue('14', { timeout: 30_000 });
      await expect(field('vip', 'responseHours')).toHaveValue('12');
      await expect(page.getByRole('switch', { name: t('standards.workingDays') })).toBeChecked();

      // The make-up Saturday becomes a day off (the owner's correction, the built-in kind beside it), then goes back.
      const saturday = calendar.locator('tr[data-day="2026-10-10"]');
      await saturday.getByRole('button', { name: new RegExp(`^${t('standards.calendar.make.holiday')}`) }).click();
      await expect(saturday).toHaveAttribute('data-source', 'owner');
      await expect(saturday).toContainText(t('standards.calendar.ownerCorrected', { kind: t('standards.calendar.kinds.workday') }));
      await shot('corrected');
      await saturday.getByRole('button', { name: new RegExp(`^${t('standards.calendar.revert')}`) }).click();
      await expect(saturday).toHaveAttribute('data-source', 'builtin');

      // 2027 is not built in: said so; the owner adds National Day.
      await page.getByRole('button', { name: t('standards.calendar.nextYear') }).click();
      await expect(page.getByText(t('standards.calendar.unknownYear', { year: 2027 }))).toBeVisible();
      await expect(page.getByText(t('standards.calendar.empty', { year: 2027 }))).toBeVisible();
      await page.getByLabel(t('standards.calendar.day'), { exact: true }).fill('2027-10-01');
      await page.getByLabel(t('standards.calendar.name'), { exact: true }).fill('国庆节');
      await page.getByRole('button', { name: t('standards.calendar.add') }).click();
      const added = page.getByRole('table', { name: t('standards.calendar.title', { year: 2027 }) }).locator('tr[data-day="2027-10-01"]');
      await expect(added).toContainText(t('standards.calendar.ownerAdded'));
      await expect(added).toContainText(t('standards.calendar.holidays.nationalDay'));
      await expect(added).toContainText(t('standards.calendar.kinds.holiday'));
      await bothSizes(page, shot, 'calendar-2027');
    });
  });
}
