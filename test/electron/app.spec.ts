import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from '../../electron/launcher/find-electron.mjs';
import { en } from '../i18n-resources.ts';

const root = path.resolve(import.meta.dirname, '../..');
// Found without require('electron'), which would try to download the binary.
const lookup = findElectronBinary(root);
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const skipReason = lookup.path === null ? `Electron binary not installed (${lookup.reason})` : noDisplay ? 'no display: run under xvfb-run' : null;

type Bridge = { invoke(method: string, input: unknown): Promise<unknown> };

function npmRun(script: string): void {
  // npm sets npm_execpath when it runs the tests; reuse the same npm with the same Node.
  const npmCli = process.env.npm_execpath;
  const result = npmCli
    ? spawnSync(process.execPath, [npmCli, 'run', script], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', ['run', script], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) throw new Error(`npm run ${script} failed`);
}

test.describe('Electron app', () => {
  if (skipReason) console.log(`test/electron: skipped: ${skipReason}`);
  test.skip(skipReason !== null, skipReason ?? '');

  test.beforeAll(() => {
    npmRun('build:electron');
    if (!fs.existsSync(path.join(root, 'build/out/renderer/index.html'))) npmRun('build:renderer');
  });

  test('starts on a fresh data dir and shows the set-up screen, with only the bridge exposed', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-electron-'));
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
    const args = [root, '--data-dir', dataDir];
    // Chromium will not start as root with its sandbox on (containers); elsewhere keep it.
    if (process.platform === 'linux' && process.getuid?.() === 0) args.push('--no-sandbox');
    const app = await electron.launch({ executablePath: lookup.path ?? '', args, cwd: root, env });
    try {
      const window = await app.firstWindow();
      await expect(window.getByRole('heading', { level: 1, name: /Set up Clientele|设置客户管家/ })).toBeVisible();
      expect(window.url()).toMatch(/^app:\/\/clientele\//);

      const exposed = await window.evaluate(() => {
        const scope = globalThis as { clientele?: object; require?: unknown; process?: unknown };
        return { bridge: Object.keys(scope.clientele ?? {}).sort(), require: typeof scope.require, process: typeof scope.process };
      });
      expect(exposed).toEqual({ bridge: ['invoke', 'on', 'pickFile', 'pickFolder', 'printView', 'setLanguage'], require: 'undefined', process: 'undefined' });

      const status = await window.evaluate(() => (globalThis as unknown as { clientele: Bridge }).clientele.invoke('setup.status', {})); // the preload defines it, checked above
      expect(status).toEqual({ ok: true, value: { initialised: false, shopName: null } });
    } finally {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('the recovery key screen asks before it is reloaded, natively and in the page language', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-electron-'));
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
    const args = [root, '--data-dir', dataDir];
    if (process.platform === 'linux' && process.getuid?.() === 0) args.push('--no-sandbox');
    const app = await electron.launch({ executablePath: lookup.path ?? '', args, cwd: root, env });
    try {
      const window = await app.firstWindow();
      await window.getByRole('button', { name: /^(Language|语言):/ }).first().click();
      await window.getByRole('menuitem', { name: 'English' }).click();
      await window.getByLabel(en.setup.shopName).fill('Corner Shop');
      await window.getByLabel(en.setup.ownerUsername).fill('boss');
      await window.getByLabel(en.setup.password, { exact: true }).fill('a-long-shop-password-42');
      await window.getByLabel(en.setup.confirmPassword).fill('a-long-shop-password-42');
      await window.getByRole('button', { name: en.setup.create }).click();
      const key = window.getByTestId('recovery-key');
      await expect(key).toBeVisible();

      // The native question, answered by a stand-in that records what it was asked.
      await app.evaluate(({ dialog }) => {
        const scope = globalThis as unknown as { asked: { message: string; buttons: string[] }[]; answer: number };
        scope.asked = [];
        scope.answer = 1;
        dialog.showMessageBoxSync = ((...args: unknown[]) => {
          const options = args.at(-1) as { message: string; buttons: string[] }; // (window, options) or (options)
          scope.asked.push({ message: options.message, buttons: options.buttons });
          return scope.answer;
        }) as typeof dialog.showMessageBoxSync; // a stand-in with the same call shape
      });
      const asked = () => app.evaluate(() => (globalThis as unknown as { asked: { message: string; buttons: string[] }[] }).asked);

      // Stay: the reload does not happen.
      await window.evaluate(() => location.reload());
      await expect.poll(asked).toEqual([{ message: 'Leave this page?', buttons: ['Leave', 'Stay'] }]);
      await expect(key).toBeVisible();

      // Leave: the page reloads and shows the same key again (kept until "I have stored it").
      const shown = await key.getAttribute('data-key');
      await app.evaluate(() => void ((globalThis as unknown as { answer: number }).answer = 0));
      await Promise.all([window.waitForEvent('load'), window.evaluate(() => location.reload())]);
      await expect(key).toHaveAttribute('data-key', shown ?? '');
      expect(await asked()).toHaveLength(2);

      // Stored: leaving asks nothing.
      await window.getByLabel(en.recovery.stored).check();
      await window.getByRole('button', { name: en.recovery.continue }).click();
      await expect(window.getByTestId('shop-name')).toHaveText('Corner Shop');
      expect(await asked()).toHaveLength(2);
    } finally {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
