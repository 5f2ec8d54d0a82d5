// A user name that differs from an existing one only by case, accents or width is refused in the
// user form, with the reason on the field, in both languages.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { en, zh } from '../i18n-resources.ts';
import { expect, test } from './fixtures.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const PASSWORD = 'a-long-shop-password-42';

for (const locale of ['en-US', 'zh-CN'] as const) {
  test.describe(`look-alike user names (${locale})`, () => {
    test.use({ locale, viewport: { width: 1366, height: 768 } });
    const tr = locale === 'zh-CN' ? zh : en;

    test(`the user form refuses a look-alike of an existing name (${locale})`, async ({ page, app, shot }) => {
      const init = spawnSync(process.execPath, [resolve(ROOT, 'electron/cli/bin.mjs'), 'init', '--data-dir', app.dataDir, '--shop', 'Corner Shop', '--owner', 'Élodie'], {
        cwd: ROOT,
        env: { ...process.env, CLIENTELE_PASSWORD: PASSWORD },
        encoding: 'utf8',
      });
      expect(init.status, init.stderr).toBe(0);
      await page.goto(app.url);
      await page.getByLabel(tr.signin.username).fill('élodie'); // another case signs the same user in
      await page.getByLabel(tr.signin.password).fill(PASSWORD);
      await page.getByRole('button', { name: tr.signin.submit }).click();
      await page.getByRole('link', { name: tr.nav.settings }).click();
      await page.getByRole('button', { name: tr.users.add }).click();
      const dialog = page.getByRole('dialog', { name: tr.users.addTitle });
      await dialog.getByLabel(tr.users.username).fill('ÉLODIE');
      await dialog.getByLabel(tr.users.role).selectOption('staff');
      await dialog.getByLabel(tr.users.initialPassword, { exact: true }).fill('first-time-pass-77');
      await dialog.getByLabel(tr.users.confirmInitialPassword).fill('first-time-pass-77');
      await dialog.getByRole('button', { name: tr.users.addSubmit }).click();
      await expect(dialog.getByText(tr.validation.takenLookAlike)).toBeVisible();
      await shot(`look-alike-${locale}`);
    });
  });
}
