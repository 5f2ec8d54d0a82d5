// Success stories in the browser, in both languages, on a fixed clock (2026-12-02 09:00 UTC for the
// core and the page). On a customer's page the owner writes a story with a result figure, the
// customer not yet asked about being named; the section lists it; its case sheet prints on one A4
// page (checked with pdftotext) naming the customer by industry and region only, never by name.
// Screenshots at 1366×768 and 1920×1080.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { en, zh } from '../i18n-resources.ts';
import { cli, expect, SHOP_PASSWORD as PASSWORD, test, translator } from './fixtures.ts';

const NOW = Date.UTC(2026, 11, 2, 9, 0);
const CUSTOMER = '杭州西湖茶叶贸易有限公司';
const TITLE = '三家门店的数字化改造';

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

for (const [locale, messages] of [
  ['en-US', en],
  ['zh-CN', zh as Messages],
] as const) {
  test.describe(`stories (${locale})`, () => {
    test.use({ locale });
    const t: T = translator(messages);

    test(`a story written on the customer's page and its case sheet printed without the customer's name (${locale})`, async ({ page, app, shot, request }) => {
      test.setTimeout(600_000);
      cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
      await invoke(request, app.url, 'auth.signIn', { username: 'boss', password: PASSWORD });
      const customer = (await invoke(request, app.url, 'customers.create', { name: CUSTOMER, kind: 'company', grade: 'vip', industry: '茶叶', region: '杭州' })) as { id: number };

      await page.clock.setFixedTime(NOW);
      await page.goto(app.url);
      await expect(page.getByRole('heading', { name: t('signin.title') })).toBeVisible();
      await page.getByLabel(t('signin.username')).fill('boss');
      await page.getByLabel(t('signin.password')).fill(PASSWORD);
      await page.getByRole('button', { name: t('signin.submit') }).click();
      await expect(page.getByRole('navigation').getByRole('link', { name: new RegExp(t('nav.stories')) })).toBeVisible({ timeout: 30_000 });
      const base = app.url.split('#')[0];
      await page.goto(`${base}#/customers/${customer.id}`);
      const section = page.getByTestId('customer-stories');
      await expect(section.getByText(t('stories.none'))).toBeVisible();

      await section.getByRole('button', { name: t('stories.add') }).click();
      const dialog = page.getByRole('dialog');
      // No title: refused in words, nothing typed lost.
      await dialog.getByLabel(t('stories.fields.background')).fill('三家门店，手工记账');
      await dialog.getByRole('button', { name: t('stories.save') }).click();
      await expect(dialog.getByText(t('stories.invalid', { field: t('stories.fields.title') }))).toBeVisible();
      await expect(dialog.getByLabel(t('stories.fields.background'))).toHaveValue('三家门店，手工记账');
      await dialog.getByRole('textbox', { name: new RegExp(`^${t('stories.fields.title')}`) }).fill(TITLE);
      await dialog.getByLabel(t('stories.fields.whatWeDid')).fill('上线客户管家，培训店员');
      await dialog.getByRole('button', { name: t('stories.addFigure') }).click();
      await dialog.getByLabel(t('stories.figureLabel'), { exact: true }).fill('回访率');
      await dialog.getByLabel(t('stories.figureValue'), { exact: true }).fill('95%');
      await bothSizes(page, shot, `stories-dialog-${locale}`);
      await dialog.getByRole('button', { name: t('stories.save') }).click();
      await expect(dialog).toBeHidden();
      const rows = section.locator('tr[data-story-id]');
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toContainText(TITLE);
      await section.scrollIntoViewIfNeeded();
      await bothSizes(page, shot, `stories-section-${locale}`);

      // The case sheet: one A4 page, the customer described, never named.
      await rows.first().getByRole('link', { name: t('stories.printOf', { title: TITLE }) }).click();
      await expect(page.getByTestId('case-sheet-customer')).toHaveText(t('stories.sheet.anonymousBoth', { industry: '茶叶', region: '杭州' }));
      await bothSizes(page, shot, `stories-sheet-${locale}`);
      await page.emulateMedia({ media: 'print' });
      const file = join(mkdtempSync(join(tmpdir(), 'clientele-story-')), 'sheet.pdf');
      writeFileSync(file, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect(Number(/^Pages:\s+(\d+)/m.exec(info)?.[1])).toBe(1);
      const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
      expect(text).toContain(TITLE);
      expect(text).toContain('95%');
      expect(text).toContain(t('stories.sheet.title'));
      expect(text.replace(/\s+/g, '')).toContain(t('stories.sheet.anonymousBoth', { industry: '茶叶', region: '杭州' }).replace(/\s+/g, ''));
      expect(text).not.toContain(CUSTOMER);
    });
  });
}
