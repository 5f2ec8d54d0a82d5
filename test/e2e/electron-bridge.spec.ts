// The renderer as it runs inside Electron: a stand-in for the preload's `window.clientele` bridge,
// forwarding calls to the browser-mode door, so the page takes its Electron paths here, where the
// Electron binary cannot start. Issue 7, item 9: the recovery key screen asks before it is left in
// Electron too (the main process turns the page's beforeunload into a native question: test/unit/
// leave-prompt.test.ts, test/electron/app.spec.ts), and the page tells the shell its language so
// that question is asked in it.
import { en, zh } from '../i18n-resources.ts';
import { expect, test } from './fixtures.ts';

const PASSWORD = 'a-long-shop-password-42';

test.use({ locale: 'en-US', viewport: { width: 1366, height: 768 } });

test('in Electron the recovery key screen asks before a reload, and the shell hears the page language', async ({ page, app, shot }) => {
  await page.addInitScript(() => {
    // The launch token, kept across reloads (the app strips it from the address).
    const match = /token=([^&]+)/.exec(location.hash);
    if (match) sessionStorage.setItem('test.token', match[1]!);
    const token = sessionStorage.getItem('test.token');
    const bridge = {
      invoke: (method: string, input: unknown) =>
        fetch('/api/invoke', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ method, input }),
        }).then((response) => response.json()),
      on: () => () => {},
      setLanguage: (language: string) => {
        const heard = JSON.parse(sessionStorage.getItem('test.languages') ?? '[]') as string[];
        sessionStorage.setItem('test.languages', JSON.stringify([...heard, language]));
      },
    };
    (window as unknown as { clientele: typeof bridge }).clientele = bridge; // what the preload exposes
  });
  const heard = () => page.evaluate(() => JSON.parse(sessionStorage.getItem('test.languages') ?? '[]') as string[]);

  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: en.setup.title })).toBeVisible();
  expect(await heard()).toEqual(['en-US']);
  await page.getByRole('button', { name: /^(Language|语言):/ }).first().click();
  await page.getByRole('menuitem', { name: '简体中文' }).click();
  await expect(page.getByRole('heading', { name: zh.setup.title })).toBeVisible();
  expect(await heard()).toEqual(['en-US', 'zh-CN']);

  await page.getByLabel(zh.setup.shopName).fill('龙记茶行');
  await page.getByLabel(zh.setup.ownerUsername).fill('boss');
  await page.getByLabel(zh.setup.password, { exact: true }).fill(PASSWORD);
  await page.getByLabel(zh.setup.confirmPassword).fill(PASSWORD);
  await page.getByRole('button', { name: zh.setup.create }).click();
  const key = page.getByTestId('recovery-key');
  await expect(key).toBeVisible();
  const shown = await key.getAttribute('data-key');
  await shot('recovery-key-electron');

  // The page asks to stay (in Electron, main.ts's will-prevent-unload turns this into its question).
  const asked: string[] = [];
  page.once('dialog', (dialog) => {
    asked.push(dialog.type());
    void dialog.accept();
  });
  await page.reload();
  expect(asked).toEqual(['beforeunload']);
  await expect(key).toHaveAttribute('data-key', shown ?? '');
  expect((await heard()).at(-1)).toBe('zh-CN'); // said again by the reloaded page

  // Stored: nothing asks any more.
  await page.getByLabel(zh.recovery.stored).check();
  await page.getByRole('button', { name: zh.recovery.continue }).click();
  await expect(page.getByTestId('shop-name')).toHaveText('龙记茶行');
  page.on('dialog', (dialog) => {
    asked.push(dialog.type());
    void dialog.accept();
  });
  await page.reload();
  await expect(page.getByTestId('shop-name')).toHaveText('龙记茶行');
  expect(asked).toEqual(['beforeunload']);
});
