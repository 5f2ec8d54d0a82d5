// Settings → Security → Re-key shows its progress with a Cancel button: cancelled before the new
// key is put in place, the re-key stops, the page says the database keeps its old key, and the data
// still opens (the list answers) — in both languages, at both screen sizes.
import { en, zh } from '../i18n-resources.ts';
import { cli, expect, SHOP_PASSWORD, test } from './fixtures.ts';

for (const [locale, t] of [['en-US', en], ['zh-CN', zh]] as const) {
  for (const viewport of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
    test.describe(`${locale} ${viewport.width}x${viewport.height}`, () => {
      // The finished copy waits for the cancel (electron/core/db/sqlite/rekey.ts): the click never races it.
      test.use({ locale, viewport, appEnv: { CLIENTELE_TEST_HOLD_REKEY: '1' } });

      test(`a re-key can be cancelled while its copy is made (${locale}, ${viewport.width})`, async ({ page, app, shot }) => {
        cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
        cli(app.dataDir, ['seed', '--user', 'boss', '--customers', '2000']);
        await page.goto(app.url);
        await page.getByLabel(t.signin.username).fill('boss');
        await page.getByLabel(t.signin.password).fill(SHOP_PASSWORD);
        await page.getByRole('button', { name: t.signin.submit }).click();
        await page.getByRole('link', { name: t.nav.settings }).click();
        await page.getByRole('tab', { name: t.settings.tabs.security }).click();
        await page.getByRole('button', { name: t.rekey.button }).click();
        await page.getByRole('button', { name: t.rekey.confirm }).click();

        // As soon as the core has said the job started (the button is enabled then).
        const cancel = page.getByRole('button', { name: t.rekey.cancel });
        await expect(cancel).toBeEnabled();
        await cancel.click();
        await shot('cancelling');
        const cancelled = page.getByRole('alert').filter({ hasText: t.rekey.cancelled });
        await expect(cancelled).toBeVisible();
        await expect(cancel).toHaveCount(0);
        await expect(page.getByRole('button', { name: t.rekey.button })).toBeEnabled();
        await cancelled.scrollIntoViewIfNeeded();
        await shot('cancelled');
        // The session goes on with the same key: the customers are there.
        await page.getByRole('link', { name: t.nav.customers, exact: true }).click();
        await expect(page.getByRole('row').nth(1)).toBeVisible();
      });
    });
  }
}
