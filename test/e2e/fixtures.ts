// Starts `clientele serve` on its own temp data dir for each test and waits until it prints its
// URL (readiness, not a timer). The process and the data dir are removed afterwards.
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cliEntry } from '../cli-bundle.ts';
import { en } from '../i18n-resources.ts';

const ROOT = resolve(import.meta.dirname, '../..');
export const ARTIFACTS = join(ROOT, 'test/artifacts/e2e');

export type App = { url: string; dataDir: string; process: ChildProcess };

async function startApp(dataDir: string, env: Record<string, string> = {}): Promise<App> {
  const child = spawn(process.execPath, [cliEntry(), 'serve', '--data-dir', dataDir, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/);
      if (match) resolveUrl(match[0]);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`clientele serve exited with ${code}:\n${output}`)));
  });
  return { url, dataDir, process: child };
}

export const test = base.extend<{ app: App; appEnv: Record<string, string>; shot: (name: string) => Promise<void> }>({
  /** Extra environment for the spec's `clientele serve` (test.use({ appEnv })): test-only switches. */
  appEnv: [{}, { option: true }],
  app: async ({ appEnv }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'clientele-e2e-'));
    const app = await startApp(dataDir, appEnv);
    await use(app);
    app.process.kill('SIGTERM');
    await new Promise((done) => (app.process.exitCode !== null ? done(null) : app.process.once('exit', done)));
    rmSync(dataDir, { recursive: true, force: true });
  },
  shot: async ({ page }, use, testInfo) => {
    mkdirSync(ARTIFACTS, { recursive: true });
    let n = 0;
    await use(async (name: string) => {
      n += 1;
      const file = join(ARTIFACTS, `${testInfo.title.replace(/\W+/g, '-')}-${String(n).padStart(2, '0')}-${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      await testInfo.attach(name, { path: file, contentType: 'image/png' });
    });
  },
});


/** The shop password every spec sets up with (not a user name, not a common password). */
export const SHOP_PASSWORD = 'a-long-shop-password-42';

/** Runs `clientele ARGS --data-dir DIR` to its end (password from SHOP_PASSWORD) and expects success; returns its stdout. */
export function cli(dataDir: string, args: string[], env: Record<string, string> = {}): string {
  const run = spawnSync(process.execPath, [cliEntry(), ...args, '--data-dir', dataDir], {
    cwd: ROOT,
    env: { ...process.env, CLIENTELE_PASSWORD: SHOP_PASSWORD, ...env },
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

/** `t(key, values)` over one language's resource file, as i18next interpolates `{{name}}`. */
export function translator(messages: object) {
  return (key: string, values: Record<string, string | number> = {}): string => {
    const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages);
    if (typeof text !== 'string') throw new Error(`no message ${key}`);
    return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));
  };
}

/** Signs in on the English sign-in page (the page's language is the browser's: tests use en-US). */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await expect(page.getByRole('heading', { name: en.signin.title })).toBeVisible();
  await page.getByLabel(en.signin.username).fill(username);
  await page.getByLabel(en.signin.password).fill(password);
  await page.getByRole('button', { name: en.signin.submit }).click();
}

/** Switches the app's language with the app bar's language menu. */
export async function switchLanguage(page: Page, to: 'zh-CN' | 'en-US'): Promise<void> {
  const choice = page.getByRole('menuitem', { name: to === 'zh-CN' ? '简体中文' : 'English' });
  // The switch's own name says the language in use ("语言: 简体中文" / "Language: English").
  const switched = page.getByRole('button', { name: to === 'zh-CN' ? '语言: 简体中文' : 'Language: English' });
  // The menu can close or re-mount under the pointer when the page re-renders (data arriving just
  // after sign-in, on a busy machine): open it again and choose again until the language is in use.
  await expect(async () => {
    if (await switched.first().isVisible()) return;
    if (!(await choice.isVisible())) await page.getByRole('button', { name: /^(Language|语言):/ }).first().click({ timeout: 5_000 });
    await choice.click({ timeout: 5_000 });
    await expect(switched.first()).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByRole('menu')).toBeHidden();
}

export { expect };
