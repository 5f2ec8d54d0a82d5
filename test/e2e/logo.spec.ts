// The shop logo through browser mode's file door: the owner chooses a PNG in Settings → Shop logo
// (streamed to POST /api/upload, then logo.set), it shows in the app bar, in both languages; wrong
// files get their own translated reasons; a staff member sees the logo but no way to change it.
import type { Page } from '@playwright/test';
import { makePng } from '../fixtures/images.ts';
import { en, zh } from '../i18n-resources.ts';
import { cli, expect, SHOP_PASSWORD as PASSWORD, signIn, switchLanguage, test } from './fixtures.ts';

const STAFF_INITIAL = 'first-time-pass-77';
const STAFF_OWN = 'my-own-secret-phrase-88';

test.use({ locale: 'en-US', viewport: { width: 1366, height: 768 } });

/** The app bar's logo has loaded and decoded (an <img> that failed has no natural width). */
async function expectLogoShown(page: Page): Promise<void> {
  const logo = page.getByTestId('shop-logo');
  await expect(logo).toBeVisible();
  await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(240);
}

test('owner sets the shop logo; it shows in the app bar in both languages; wrong files are refused in words; staff cannot change it', async ({ page, app, shot, browser }) => {
  test.setTimeout(240_000); // two users, two languages, two window sizes, five files through the door
  cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
  cli(app.dataDir, ['users', 'add', 'lina', '--user', 'boss', '--role', 'staff'], { CLIENTELE_NEW_PASSWORD: STAFF_INITIAL });
  cli(app.dataDir, ['passwd', '--user', 'lina'], { CLIENTELE_PASSWORD: STAFF_INITIAL, CLIENTELE_NEW_PASSWORD: STAFF_OWN });

  await page.goto(app.url);
  await signIn(page, 'boss', PASSWORD);
  await expect(page.getByTestId('shop-name')).toHaveText('Corner Shop');
  await expect(page.getByTestId('shop-logo')).toHaveCount(0);
  await page.getByRole('link', { name: en.nav.settings }).click();
  await page.getByRole('tab', { name: en.logo.tab }).click();
  await expect(page.getByText(en.logo.none)).toBeVisible();
  const file = page.getByTestId('logo-file');
  const alert = page.getByRole('alert').filter({ hasText: /./ });

  // Not an image by its content, whatever its name says: the core's reason, in words.
  await file.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') });
  await expect(page.getByText(en.logo.errors.type)).toBeVisible();
  await shot('wrong-type-en');
  // Cut short: a PNG that is not whole.
  const png = makePng(240, 80, [21, 101, 192], true);
  await file.setInputFiles({ name: 'half.png', mimeType: 'image/png', buffer: png.subarray(0, png.length - 30) });
  await expect(page.getByText(en.logo.errors.image)).toBeVisible();
  await file.setInputFiles({ name: 'empty.png', mimeType: 'image/png', buffer: Buffer.alloc(0) });
  await expect(page.getByText(en.logo.errors.empty)).toBeVisible();
  await file.setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(2 * 1024 * 1024 + 1) });
  await expect(page.getByText(en.logo.errors.tooLarge.replace('{{limit}}', '2'))).toBeVisible();

  // A real PNG: saved, and shown in the app bar at once.
  await file.setInputFiles({ name: 'corner-shop.png', mimeType: 'image/png', buffer: png });
  await expect(page.getByText(en.logo.saved)).toBeVisible();
  await expect(alert.filter({ hasText: en.logo.errors.empty })).toHaveCount(0);
  await expectLogoShown(page);
  await expect(page.getByRole('img', { name: en.logo.current })).toBeVisible();
  await expect(page.getByRole('button', { name: en.logo.remove })).toBeVisible();
  await shot('saved-en-1366');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shot('saved-en-1920');

  await switchLanguage(page, 'zh-CN');
  await expect(page.getByRole('tab', { name: zh.logo.tab })).toBeVisible();
  await expectLogoShown(page);
  await expect(page.getByRole('img', { name: zh.logo.alt.replace('{{shop}}', 'Corner Shop') })).toBeVisible();
  await file.setInputFiles({ name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('just some text') });
  await expect(page.getByText(zh.logo.errors.type)).toBeVisible();
  await shot('wrong-type-zh-1920');
  await page.setViewportSize({ width: 1366, height: 768 });
  await shot('wrong-type-zh-1366');
  await switchLanguage(page, 'en-US');

  // Staff: the logo in the app bar, and no way to change it (no tab; the address says it is the owner's).
  const staffContext = await browser.newContext({ locale: 'en-US', viewport: { width: 1366, height: 768 } });
  const staff = await staffContext.newPage();
  await staff.goto(app.url);
  await signIn(staff, 'lina', STAFF_OWN);
  await expectLogoShown(staff);
  await staff.getByRole('link', { name: en.nav.settings }).click();
  await expect(staff.getByRole('tab', { name: en.logo.tab })).toHaveCount(0);
  await expect(staff.getByTestId('logo-file')).toHaveCount(0);
  await staff.goto(`${new URL(app.url).origin}/#/settings/logo`);
  await expect(staff.getByText(en.settings.ownerOnly)).toBeVisible();
  await expect(staff.getByTestId('logo-file')).toHaveCount(0);
  await staff.screenshot({ path: 'test/artifacts/e2e/logo-staff-en-1366.png', fullPage: true });
  await staffContext.close();

  // Removed: gone from the app bar.
  await page.getByRole('button', { name: en.logo.remove }).click();
  await expect(page.getByText(en.logo.removed)).toBeVisible();
  await expect(page.getByTestId('shop-logo')).toHaveCount(0);
  await expect(page.getByText(en.logo.none)).toBeVisible();
});
