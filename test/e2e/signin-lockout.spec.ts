// A lock-out belongs to the user name it was for: after five wrong passwords for one name, another
// name with its right password signs in without a reload; the locked name (in any case) stays locked.
import { en, zh } from '../i18n-resources.ts';
import { cli, expect, SHOP_PASSWORD as PASSWORD, test } from './fixtures.ts';

const KATE_INITIAL = 'first-time-pass-77';

for (const locale of ['en-US', 'zh-CN'] as const) {
  test.describe(`sign-in lock-out per user name (${locale})`, () => {
    test.use({ locale, viewport: { width: 1366, height: 768 } });
    const tr = locale === 'zh-CN' ? zh : en;
    const lockedText = tr.signin.lockedMinutes_other.replace('{{count}}', '5');
    const plurals = tr.signin as Record<string, string>; // Chinese has no `_one` form
    const attemptsLeftText = (count: number) => (count === 1 && 'attemptsLeft_one' in plurals ? plurals.attemptsLeft_one! : plurals.attemptsLeft_other!).replace('{{count}}', String(count));

    test(`another user name is not locked by the first one's lock-out (${locale})`, async ({ page, app, shot }) => {
      cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
      cli(app.dataDir, ['users', 'add', 'kate', '--role', 'staff', '--user', 'boss'], { CLIENTELE_NEW_PASSWORD: KATE_INITIAL });
      await page.goto(app.url);
      const username = page.getByLabel(tr.signin.username);
      const password = page.getByLabel(tr.signin.password);
      const submit = page.getByRole('button', { name: tr.signin.submit });
      await username.fill('boss');
      for (let attempt = 1; attempt <= 5; attempt++) {
        await password.fill(`wrong-password-${attempt}`);
        await submit.click();
        if (attempt < 5) await expect(page.getByRole('alert')).toContainText(tr.errors.BAD_PASSWORD);
      }
      await expect(page.getByText(lockedText)).toBeVisible();
      await password.fill(PASSWORD);
      await expect(submit).toBeDisabled();
      await shot(`locked-${locale}`);
      await page.setViewportSize({ width: 1920, height: 1080 });
      await shot(`locked-${locale}-1920`);
      await page.setViewportSize({ width: 1366, height: 768 });

      // Another name: nothing of boss's lock-out shows, and Sign in is offered.
      await username.fill('kate');
      await expect(page.getByText(lockedText)).toHaveCount(0);
      await password.fill(KATE_INITIAL);
      await expect(submit).toBeEnabled();
      await shot(`other-user-${locale}`);

      // Back to the locked name, typed another way: the same name, still locked, countdown shown.
      await username.fill('BOSS');
      await expect(page.getByText(lockedText)).toBeVisible();
      await expect(submit).toBeDisabled();

      await username.fill('kate');
      await submit.click();
      await expect(page.getByRole('heading', { name: tr.account.forcedTitle })).toBeVisible();

      // Wrong current passwords in a password change count towards the same lock-out.
      await page.getByLabel(tr.account.newPassword, { exact: true }).fill('my-own-secret-phrase-88');
      await page.getByLabel(tr.account.confirmNewPassword).fill('my-own-secret-phrase-88');
      const change = page.getByRole('button', { name: tr.account.changePassword });
      for (let attempt = 1; attempt <= 5; attempt++) {
        await page.getByLabel(tr.account.givenPassword).fill(`not-the-given-one-${attempt}`);
        await change.click();
        if (attempt < 5) await expect(page.getByText(attemptsLeftText(5 - attempt))).toBeVisible();
      }
      await expect(page.getByText(lockedText)).toBeVisible();
      await page.getByLabel(tr.account.givenPassword).fill(KATE_INITIAL);
      await expect(change).toBeDisabled();
      await shot(`password-change-locked-${locale}`);
    });
  });
}
