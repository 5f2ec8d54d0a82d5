// Export in the browser, in both languages, on a fixed clock (the core's CLIENTELE_TEST_NOW and the
// page's own). The owner filters the customers list to VIP customers and exports it: the dialog
// says how many rows (the list's count), the .xlsx download is opened with @e965/xlsx and holds
// exactly those customers under the headers of the user's language, the phone a text cell (its
// leading zero kept, no 1.38E+10), the formula-like name neutralised. A CSV in GBK (for old Excel)
// decodes to the same names. The contracts, service records and surveys lists offer Export too.
// Screenshots at 1366×768 and 1920×1080.
import * as XLSX from '@e965/xlsx';
import type { APIRequestContext, Page } from '@playwright/test';
import iconv from 'iconv-lite';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXPORT_HEADERS } from '../../shared/api/exports.ts';
import { en, zh } from '../i18n-resources.ts';
import { cli, expect, SHOP_PASSWORD as PASSWORD, test, translator } from './fixtures.ts';

/** 2026-12-01 09:00 UTC: the core's now and the page's. */
const NOW = Date.UTC(2026, 11, 1, 9, 0);
const LONG = '上海浦东新区长江国际贸易发展有限公司（华东区域总部·长期战略合作伙伴）';
const FORMULA = '=HYPERLINK("http://example.com")';

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

async function signInAs(page: Page, t: T, username: string, password: string) {
  await expect(page.getByRole('heading', { name: t('signin.title') })).toBeVisible();
  await page.getByLabel(t('signin.username')).fill(username);
  await page.getByLabel(t('signin.password')).fill(password);
  await page.getByRole('button', { name: t('signin.submit') }).click();
  await expect(page.getByRole('navigation').getByRole('link', { name: new RegExp(t('nav.customers')) })).toBeVisible({ timeout: 30_000 });
}

/** Runs the open Export dialog and saves what the browser downloads; returns the file's path and name. */
async function exportTo(page: Page, t: T, dir: string): Promise<{ path: string; name: string }> {
  const dialog = page.getByRole('dialog');
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: t('exports.start'), exact: true }).click();
  const download = await downloading;
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  return { path, name: download.suggestedFilename() };
}

for (const [locale, messages] of [
  ['en-US', en],
  ['zh-CN', zh as Messages],
] as const) {
  test.describe(`exports (${locale})`, () => {
    test.use({ locale });
    const t: T = translator(messages);
    const plural = (key: string, count: number, values: Record<string, string> = {}) =>
      t(`${key}_${locale === 'en-US' && count === 1 ? 'one' : 'other'}`, { count, formatted: String(count), ...values });

    test(`export the filtered customers to .xlsx and GBK CSV, and open them (${locale})`, async ({ page, app, shot, request }) => {
      test.setTimeout(600_000); // a long walk through the app; the shared 2-core machine is slow under load
      const dir = mkdtempSync(join(tmpdir(), 'clientele-export-e2e-'));
      try {
        cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
        await invoke(request, app.url, 'auth.signIn', { username: 'boss', password: PASSWORD });
        await invoke(request, app.url, 'customers.create', { name: LONG, phone: '13800138000', grade: 'vip', contacts: [{ name: '张伟', mobile: '013912345678' }] });
        await invoke(request, app.url, 'customers.create', { name: FORMULA, phone: '0571-8888 0000', grade: 'vip' });
        await invoke(request, app.url, 'customers.create', { name: '北京乙方科技有限责任公司', phone: '010-6552 0000', grade: 'normal' });

        await page.clock.setFixedTime(NOW);
        await page.goto(app.url);
        await signInAs(page, t, 'boss', PASSWORD);
        await page.goto(`${app.url.split('#')[0]}#/customers?grade=vip`);
        await expect(page.getByTestId('customer-count')).toHaveText(plural('customers.count', 2));

        // .xlsx (the default): the dialog says the list's count, then the file holds exactly those rows.
        await page.getByRole('button', { name: t('exports.button') }).click();
        const dialog = page.getByRole('dialog', { name: t('exports.title', { what: t('exports.entities.customers') }) });
        await expect(dialog.getByRole('radio', { name: t('exports.formats.xlsx') })).toBeChecked();
        await expect(dialog.getByTestId('export-rows')).toHaveText(plural('exports.rows', 2));
        await bothSizes(page, shot, `dialog-${locale}`);
        const xlsx = await exportTo(page, t, dir);
        expect(xlsx.name).toMatch(/\.xlsx$/);
        await expect(dialog.getByRole('alert')).toHaveText(plural('exports.done', 2, { name: xlsx.name }));
        await bothSizes(page, shot, `done-${locale}`);

        const book = XLSX.read(readFileSync(xlsx.path));
        const sheet = book.Sheets[book.SheetNames[0]!]!;
        const rows = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, raw: false, defval: '' });
        const headers = rows[0]!;
        const words = EXPORT_HEADERS.customers;
        expect(headers).toContain(words.name[locale]);
        expect(headers).toContain(words.phone[locale]);
        const nameCol = headers.indexOf(words.name[locale]);
        const phoneCol = headers.indexOf(words.phone[locale]);
        const data = rows.slice(1).filter((row) => row.some((cell) => cell !== ''));
        expect(data).toHaveLength(2);
        const names = data.map((row) => row[nameCol]);
        expect(names).toContain(LONG);
        // The formula-like name is text, neutralised with a leading apostrophe, never a formula.
        expect(names).toContain(`'${FORMULA}`);
        // Phones are text cells: exactly as entered, no number, no 1.38E+10.
        const longRow = data.findIndex((row) => row[nameCol] === LONG) + 1;
        const phoneCell = sheet[XLSX.utils.encode_cell({ r: longRow, c: phoneCol })] as XLSX.CellObject;
        expect(phoneCell.t).toBe('s');
        expect(phoneCell.v).toBe('13800138000');
        expect(data.map((row) => row[phoneCol])).toContain('0571-8888 0000');
        for (const row of Object.keys(sheet).filter((key) => !key.startsWith('!'))) expect((sheet[row] as XLSX.CellObject).f, row).toBeUndefined();

        // CSV in GBK for old Excel: the same customers, decoded from GB18030.
        await dialog.getByRole('button', { name: t('exports.close') }).click();
        await expect(dialog).toBeHidden();
        await page.getByRole('button', { name: t('exports.button') }).click();
        await dialog.getByRole('radio', { name: t('exports.formats.csv') }).check();
        await expect(dialog.getByRole('radio', { name: t('exports.encodings.utf8bom') })).toBeChecked();
        await dialog.getByRole('radio', { name: t('exports.encodings.gb18030') }).check();
        await shot(`dialog-csv-${locale}`);
        const csv = await exportTo(page, t, dir);
        expect(csv.name).toMatch(/\.csv$/);
        const text = iconv.decode(readFileSync(csv.path), 'gb18030');
        expect(text.split('\n')[0]).toContain(words.name[locale]);
        expect(text).toContain(LONG);
        expect(text).not.toContain('北京乙方科技有限责任公司');
        await dialog.getByRole('button', { name: t('exports.close') }).click();

        // The other lists offer the same button.
        for (const address of ['contracts', 'service', 'satisfaction']) {
          await page.goto(`${app.url.split('#')[0]}#/${address}`);
          await expect(page.getByRole('button', { name: t('exports.button') })).toBeVisible();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
