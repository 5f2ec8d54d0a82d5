// Two programs on one data folder, as the owner sees it: with `clientele serve` (a second browser
// mode) signed in on the same folder, Settings → Security → Re-key is refused with a message that
// names it, in both languages; nothing changes, and the other program keeps working.
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { en, zh } from '../i18n-resources.ts';
import { expect, test } from './fixtures.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = resolve(ROOT, 'electron/cli/bin.mjs');
const PASSWORD = 'a-long-shop-password-42';
type Texts = typeof zh;

/** The other program: a second `clientele serve` on the folder, signed in (so it has the database open). */
async function secondServer(dataDir: string): Promise<{ pid: number; invoke: (method: string, input: unknown) => Promise<{ ok: boolean }>; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--data-dir', dataDir, '--port', '0'], { cwd: ROOT, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const [, origin, token] = await new Promise<RegExpMatchArray>((found, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/(http:\/\/127\.0\.0\.1:\d+)\/#token=([\w-]+)/);
      if (match) found(match);
    });
    child.on('exit', (code) => reject(new Error(`second serve exited with ${code}: ${output}`)));
  });
  let cookie = '';
  const invoke = async (method: string, input: unknown) => {
    const response = await fetch(`${origin}/api/invoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ method, input }),
    });
    const given = response.headers.get('set-cookie');
    if (given) cookie = given.split(';')[0]!; // name=value, before the attributes
    return (await response.json()) as { ok: boolean };
  };
  const stop = async () => {
    child.kill('SIGTERM');
    await new Promise((done) => (child.exitCode !== null ? done(null) : child.once('exit', done)));
  };
  return { pid: child.pid!, invoke, stop };
}

async function signIn(page: Page, t: Texts): Promise<void> {
  await page.getByLabel(t.signin.username).fill('boss');
  await page.getByLabel(t.signin.password).fill(PASSWORD);
  await page.getByRole('button', { name: t.signin.submit }).click();
}

for (const [locale, t] of [['en-US', en], ['zh-CN', zh]] as const) {
  test.describe(locale, () => {
    test.use({ locale, viewport: { width: 1366, height: 768 } });

    test(`re-key is refused while another program has the folder open, naming it (${locale})`, async ({ page, app, shot }) => {
      const init = spawnSync(process.execPath, [BIN, 'init', '--shop', 'Corner Shop', '--owner', 'boss', '--data-dir', app.dataDir], {
        cwd: ROOT,
        env: { ...process.env, CLIENTELE_PASSWORD: PASSWORD },
        encoding: 'utf8',
      });
      expect(init.status, init.stderr).toBe(0);
      const other = await secondServer(app.dataDir);
      try {
        expect((await other.invoke('auth.signIn', { username: 'boss', password: PASSWORD })).ok).toBe(true);

        await page.goto(app.url);
        await signIn(page, t);
        await page.getByRole('link', { name: t.nav.settings }).click();
        await page.getByRole('tab', { name: t.settings.tabs.security }).click();
        await page.getByRole('button', { name: t.rekey.button }).click();
        await page.getByRole('button', { name: t.rekey.confirm }).click();
        const alert = page.getByRole('alert').filter({ hasText: t.rekey.failed });
        await expect(alert).toBeVisible();
        await expect(alert).toContainText(t.errors.holders.serve.replace('{{pid}}', String(other.pid)));
        await alert.scrollIntoViewIfNeeded();
        await shot('rekey-refused');
        // The other program still works with the key it has.
        expect((await other.invoke('customers.count', {})).ok).toBe(true);
      } finally {
        await other.stop();
      }
    });
  });
}
