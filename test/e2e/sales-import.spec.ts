// Sales through the import wizard and back out through Export, in both languages, on a fixed clock
// (the core's CLIENTELE_TEST_NOW and the page's own, 2026-12-02 09:00 UTC). The owner opens "Import"
// on the sales list; a GBK CSV as Chinese Excel saves it, whose receipt number R001 groups two lines
// of one customer (found by code) and whose third row is a sale of its own (customer found by name),
// is read with every column auto-matched; the check counts 2 sales of 3 lines; the summary says the
// same; the sales list shows both with their totals (1,920.75 + 189.80 = 2,110.55 and 500.00, from
// integers); the list exports as .xlsx, read back here (one row per line, money as numbers); then
// Undo takes the sales away. Screenshots at 1366×768 (and 1920×1080 for the wizard's check).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import { en, zh } from '../i18n-resources.ts';
import { cli, expect, SHOP_PASSWORD as PASSWORD, test, translator } from './fixtures.ts';

const NOW = Date.UTC(2026, 11, 2, 9, 0);
const LONG = '上海浦东新区长江国际贸易发展有限公司（华东区域总部·长期战略合作伙伴）';

test.use({ viewport: { width: 1366, height: 768 }, appEnv: { CLIENTELE_TEST_NOW: String(NOW) } });

type Messages = typeof en;
type T = ReturnType<typeof translator>;

async function invoke<R = unknown>(request: APIRequestContext, url: string, method: string, input: unknown): Promise<R> {
  const origin = url.split('#')[0]!.replace(/\/$/, '');
  const token = url.split('#token=')[1]!;
  const response = await request.post(`${origin}/api/invoke`, { headers: { Authorization: `Bearer ${token}` }, data: { method, input } });
  const result = (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value as R;
}

async function bothSizes(page: Page, shot: (name: string) => Promise<void>, name: string) {
  await shot(`${name}-1366`);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shot(`${name}-1920`);
  await page.setViewportSize({ width: 1366, height: 768 });
}

async function signInAs(page: Page, t: T) {
  await expect(page.getByRole('heading', { name: t('signin.title') })).toBeVisible();
  await page.getByLabel(t('signin.username')).fill('boss');
  await page.getByLabel(t('signin.password')).fill(PASSWORD);
  await page.getByRole('button', { name: t('signin.submit') }).click();
  await expect(page.getByRole('navigation').getByRole('link', { name: new RegExp(t('nav.sales')) })).toBeVisible({ timeout: 30_000 });
}

const money = (locale: string, decimal: string) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' }).format(decimal as `${number}`); // a decimal string is formatted exactly

for (const [locale, messages] of [
  ['en-US', en],
  ['zh-CN', zh as Messages],
] as const) {
  test.describe(`sales import (${locale})`, () => {
    test.use({ locale });
    const t: T = translator(messages);

    test(`a GBK CSV of sale lines through the wizard, the list's totals, export to .xlsx, undo (${locale})`, async ({ page, app, shot, request }) => {
      test.setTimeout(600_000); // a long walk; the shared 2-core machine is slow under load
      const dir = mkdtempSync(join(tmpdir(), 'clientele-sales-import-e2e-'));
      try {
        cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
        await invoke(request, app.url, 'auth.signIn', { username: 'boss', password: PASSWORD });
        const a = await invoke<{ id: number; code: string }>(request, app.url, 'customers.create', { name: LONG, grade: 'vip' });
        await invoke(request, app.url, 'customers.create', { name: '远方商行' });
        const table = [
          ['销售日期', '单号', '客户编号', '客户名称', '产品', '数量', '单价', '折扣', '备注'],
          ['2026/11/3', 'R001', a.code, '', '西湖龙井', '1.5', '1,280.50', '', '老客户'],
          ['2026/11/3', 'R001', a.code, '', '紫砂茶具', '2', '99.90', '10', ''],
          ['2026年11月5日', '', '', '远方商行', '安装服务', '1', '500', '', ''],
        ];
        const csv = table.map((row) => row.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n';

        await page.clock.setFixedTime(NOW);
        await page.goto(app.url);
        await signInAs(page, t);
        await page.getByRole('navigation').getByRole('link', { name: new RegExp(t('nav.sales')) }).click();
        await expect(page.getByRole('link', { name: t('imports.button'), exact: true })).toBeVisible();
        await expect(page.getByRole('button', { name: t('exports.button') })).toBeVisible();
        await shot('list-toolbar-1366');
        await page.getByRole('link', { name: t('imports.button'), exact: true }).click();
        await expect(page.getByRole('heading', { name: t('imports.title.sales') })).toBeVisible();

        await page.getByTestId('import-file-input').setInputFiles({ name: '销售.csv', mimeType: 'text/csv', buffer: iconv.encode(csv, 'gbk') });
        await expect(page.getByTestId('import-chosen')).toContainText('销售.csv');
        await page.getByRole('button', { name: t('imports.next') }).click();
        await expect(page.getByLabel(t('imports.encoding.encoding'))).toHaveValue('gb18030');
        await page.getByRole('button', { name: t('imports.next') }).click();

        // Mapping: the sales fields, each auto-matched from the Chinese headers.
        await expect(page.getByLabel(t('imports.fields.soldOn'))).toHaveValue('0');
        await expect(page.getByLabel(t('imports.fields.receiptNo'))).toHaveValue('1');
        await expect(page.getByLabel(t('imports.fields.customerCode'))).toHaveValue('2');
        await expect(page.getByLabel(t('imports.fields.product'))).toHaveValue('4');
        await expect(page.getByLabel(t('imports.fields.unitPrice'))).toHaveValue('6');
        await shot('mapping-1366');
        await page.getByRole('button', { name: t('imports.next') }).click();

        // Check: 3 rows, 2 sales of 3 lines, no duplicate policy.
        await expect(page.getByTestId('import-count-rows')).toHaveText('3');
        await expect(page.getByTestId('import-count-create')).toHaveText('2');
        await expect(page.getByTestId('import-count-lines')).toHaveText('3');
        await expect(page.getByTestId('import-count-errors')).toHaveText('0');
        await expect(page.getByRole('radio', { name: t('imports.onDuplicate.update') })).toHaveCount(0);
        await bothSizes(page, shot, 'check');

        await page.getByRole('button', { name: t('imports.run.start'), exact: true }).click();
        const summary = page.getByTestId('import-summary');
        await expect(summary).toBeVisible({ timeout: 60_000 });
        await expect(page.getByTestId('import-result-created')).toHaveText('2');
        await expect(page.getByTestId('import-result-lines')).toHaveText('3');
        await shot('summary-1366');

        // The sales list: both sales with their totals from integers.
        await summary.getByRole('link', { name: t('imports.summary.toSales') }).click();
        const rows = page.locator('[data-sale-id]');
        await expect(rows).toHaveCount(2);
        await expect(rows.nth(0)).toContainText(money(locale, '500.00'));
        await expect(rows.nth(1)).toContainText(money(locale, '2110.55'));
        await expect(page.getByTestId('sales-count')).toContainText(money(locale, '2610.55'));
        await shot('list-1366');

        // Export the list as .xlsx and read it back: one row per line, money as numbers.
        await page.getByRole('button', { name: t('exports.button') }).click();
        const dialog = page.getByRole('dialog', { name: t('exports.title', { what: t('exports.entities.sales') }) });
        await expect(dialog.getByRole('radio', { name: t('exports.formats.xlsx') })).toBeChecked();
        await shot('export-1366');
        const downloading = page.waitForEvent('download');
        await dialog.getByRole('button', { name: t('exports.start'), exact: true }).click();
        const download = await downloading;
        const path = join(dir, download.suggestedFilename());
        await download.saveAs(path);
        expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
        const book = XLSX.read(readFileSync(path));
        const sheet = book.Sheets[book.SheetNames[0]!]!;
        const got = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true });
        expect(got).toHaveLength(4); // the header and three lines
        const amounts = got.slice(1).map((row) => row[8]);
        expect(amounts).toEqual([500, 1920.75, 189.8]);
        await dialog.getByRole('button', { name: t('exports.close') }).click();

        // Undo from the history: the sales go, the customers stay.
        await page.goto(`${app.url.split('#')[0]}#/imports`);
        const history = page.getByTestId('import-history');
        await expect(history).toContainText('销售.csv');
        await history.getByRole('button', { name: t('imports.history.undoFile', { file: '销售.csv' }) }).click();
        const undo = page.getByRole('dialog', { name: t('imports.undo.title') });
        await expect(undo).toContainText(t('imports.undo.salesBody', { file: '销售.csv' }));
        await shot('undo-1366');
        await undo.getByRole('button', { name: t('imports.undo.confirm') }).click();
        await expect(page.getByText(t('imports.undo.done', { removed: '2', restored: '0' }))).toBeVisible();
        expect((await invoke<{ count: number }>(request, app.url, 'sales.count', {})).count).toBe(0);
        expect(await invoke(request, app.url, 'sales.check', {})).toEqual({ ok: true, differences: [] });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
