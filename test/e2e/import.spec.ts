// The import wizard in the browser, in both languages, on a fixed clock (the core's
// CLIENTELE_TEST_NOW and the page's own, both 2026-12-02 09:00 UTC). The owner opens Import from the
// customer list; a binary file named .csv is refused in words; then a shop list saved by Chinese
// Excel (GBK, built here with iconv-lite) is read: its encoding detected, UTF-8 chosen by hand is
// refused, GBK again shows the Chinese names. One column the auto-match does not know (片区) is
// mapped to Region by hand; matching on the phone with "update" turns the row of an existing
// customer into an update. The check counts 3 new, 1 update, 1 error (a row without a name, by row
// number); the run's summary says the same and offers the rejected rows as a CSV; Undo puts the shop
// back as it was, and the history says the batch was undone. A second walk (zh-CN) shows the undo
// refused, naming the customer edited since the import. Screenshots at 1366×768 and 1920×1080.
import type { APIRequestContext, Page } from '@playwright/test';
import iconv from 'iconv-lite';
import { en, zh } from '../i18n-resources.ts';
import { binaryAsCsv, shopXlsx, zipBomb } from '../fixtures/import-files.ts';
import { cli, expect, SHOP_PASSWORD as PASSWORD, test, translator } from './fixtures.ts';

/** 2026-12-02 09:00 UTC: the core's now and the page's. */
const NOW = Date.UTC(2026, 11, 2, 9, 0);
const LONG = '上海浦东新区长江国际贸易发展有限公司（华东区域总部·长期战略合作伙伴）';

test.use({ viewport: { width: 1366, height: 768 }, appEnv: { CLIENTELE_TEST_NOW: String(NOW) } });

type Messages = typeof en;
type T = ReturnType<typeof translator>;

/** The shop's list as Chinese Excel saves it: GBK, CRLF. Row 6 has no name (an error on row 6). */
const TABLE = [
  ['客户名称', '联系人', '手机', '地址', '片区', '等级', '备注'],
  [LONG, '张三', '13800138001', '上海市浦东新区世纪大道100号', '华东', 'VIP', '老客户，每月回访'],
  ['北京朝阳恒通科技有限公司', '李四', '13800138002', '北京市朝阳区建国路88号', '华北', '重点', ''],
  ['广州天河南方商贸有限公司', '王五', '138 0013 8003', '广州市天河区体育西路1号', '华南', '普通', '已有客户'],
  ['深圳南山前海数码科技有限公司', '赵六', '13800138004', '深圳市南山区科技园', '华南', '潜力', ''],
  ['', '钱七', '13800138005', '杭州市西湖区', '华东', '普通', ''],
];
const csvText = (rows: string[][]) => rows.map((row) => row.map((cell) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(',')).join('\r\n') + '\r\n';
const GBK_FILE = { name: '客户名单.csv', mimeType: 'text/csv', buffer: iconv.encode(csvText(TABLE), 'gbk') };
/** The column 片区 (index 4), which no header word matches. */
const REGION_COLUMN = '4';

function door(url: string) {
  return { origin: url.split('#')[0]!.replace(/\/$/, ''), token: url.split('#token=')[1]! };
}

async function invoke(request: APIRequestContext, url: string, method: string, input: unknown): Promise<unknown> {
  const { origin, token } = door(url);
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

/** The page never scrolls sideways (wide tables scroll inside themselves). */
async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
}

async function signInAs(page: Page, t: T, username: string) {
  await expect(page.getByRole('heading', { name: t('signin.title') })).toBeVisible();
  await page.getByLabel(t('signin.username')).fill(username);
  await page.getByLabel(t('signin.password')).fill(PASSWORD);
  await page.getByRole('button', { name: t('signin.submit') }).click();
  await expect(page.getByRole('navigation').getByRole('link', { name: new RegExp(t('nav.customers')) })).toBeVisible({ timeout: 30_000 });
}

for (const [locale, messages] of [
  ['en-US', en],
  ['zh-CN', zh as Messages],
] as const) {
  test.describe(`import (${locale})`, () => {
    test.use({ locale });
    const t: T = translator(messages);

    test(`a GBK CSV through the wizard: a refused file, encoding, one mapping change, update on duplicate, summary, undo (${locale})`, async ({ page, app, shot, request }) => {
      test.setTimeout(600_000); // a long walk; the shared 2-core machine is slow under load
      cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
      await invoke(request, app.url, 'auth.signIn', { username: 'boss', password: PASSWORD });
      const existing = (await invoke(request, app.url, 'customers.create', { name: '南方商贸', phone: '13800138003' })) as { id: number };

      await page.clock.setFixedTime(NOW);
      await page.goto(app.url);
      await signInAs(page, t, 'boss');
      await page.getByRole('navigation').getByRole('link', { name: new RegExp(t('nav.customers')) }).click();
      await expect(page.getByRole('link', { name: t('imports.button'), exact: true })).toBeVisible();
      await expect(page.getByRole('link', { name: t('imports.history.title') })).toBeVisible();
      await noSidewaysScroll(page);
      await bothSizes(page, shot, 'list-toolbar');
      await page.getByRole('link', { name: t('imports.button'), exact: true }).click();
      await expect(page.getByRole('heading', { name: t('imports.title.customers') })).toBeVisible();

      // A binary file named .csv: refused in words, nothing to go on with.
      const input = page.getByTestId('import-file-input');
      const binary = binaryAsCsv();
      await input.setInputFiles({ name: binary.name, mimeType: 'text/csv', buffer: binary.bytes });
      await expect(page.getByTestId('import-file-problem')).toHaveText(t('imports.refusals.fileType', { extensions: '.xlsx .xls .csv .txt' }));
      await expect(page.getByRole('button', { name: t('imports.next') })).toBeDisabled();
      await bothSizes(page, shot, 'refused');

      // The shop's GBK list: detected as GBK.
      await input.setInputFiles(GBK_FILE);
      await expect(page.getByTestId('import-file-problem')).toBeHidden();
      await expect(page.getByTestId('import-chosen')).toContainText('客户名单.csv');
      await page.getByRole('button', { name: t('imports.next') }).click();
      const encoding = page.getByLabel(t('imports.encoding.encoding'));
      await expect(encoding).toHaveValue('gb18030');
      const previewTable = page.getByRole('table', { name: t('imports.encoding.previewTable') });
      await expect(previewTable).toContainText(LONG);
      await noSidewaysScroll(page);
      await bothSizes(page, shot, 'encoding');
      // UTF-8 by hand cannot read these bytes: said, no garbled preview.
      await encoding.selectOption('utf8');
      await expect(page.getByTestId('import-encoding-problem')).toBeVisible();
      await expect(page.getByRole('button', { name: t('imports.next') })).toBeDisabled();
      await encoding.selectOption('gb18030');
      await expect(previewTable).toContainText('北京朝阳恒通科技有限公司');
      await page.getByRole('button', { name: t('imports.next') }).click();

      // Mapping: the name and phone auto-matched; 片区 is mapped to Region by hand.
      const nameSelect = page.getByLabel(t('imports.fields.name'));
      await expect(nameSelect).toHaveValue('0');
      const region = page.getByLabel(t('imports.fields.region'));
      await expect(region).toHaveValue('');
      await region.selectOption(REGION_COLUMN);
      await noSidewaysScroll(page);
      await bothSizes(page, shot, 'mapping');
      await page.getByRole('button', { name: t('imports.next') }).click();

      // Check: matched on the phone; skip first, then update.
      await expect(page.getByTestId('import-count-rows')).toHaveText('5');
      await expect(page.getByTestId('import-count-create')).toHaveText('3');
      await expect(page.getByTestId('import-count-skip')).toHaveText('1');
      await expect(page.getByTestId('import-count-errors')).toHaveText('1');
      await page.getByRole('radio', { name: t('imports.onDuplicate.update') }).check();
      await expect(page.getByTestId('import-count-update')).toHaveText('1');
      await expect(page.getByTestId('import-count-skip')).toHaveText('0');
      const errors = page.getByTestId('import-errors');
      await expect(errors.getByRole('row').nth(1)).toContainText('6');
      await expect(errors.getByRole('row').nth(1)).toContainText(t('imports.fields.name'));
      await expect(errors.getByRole('row').nth(1)).toContainText(t('imports.rowErrors.required'));
      await expect(page.getByTestId('import-sample-rows')).toContainText('华东');
      await noSidewaysScroll(page);
      await bothSizes(page, shot, 'check');

      await page.getByRole('button', { name: t('imports.run.start'), exact: true }).click();
      const summary = page.getByTestId('import-summary');
      await expect(summary).toBeVisible({ timeout: 60_000 });
      await expect(page.getByTestId('import-result-created')).toHaveText('3');
      await expect(page.getByTestId('import-result-updated')).toHaveText('1');
      await expect(page.getByTestId('import-result-errors')).toHaveText('1');
      // The rejected rows: a CSV (UTF-8 with BOM) with row 6's cells.
      const rejected = summary.getByRole('link', { name: t('imports.summary.downloadRejected') });
      const href = await rejected.getAttribute('href');
      // Fetched by the page, as its link does (downloads belong to the session that asked).
      const fetched = await page.evaluate(async (link) => {
        const response = await fetch(link);
        return { ok: response.ok, bytes: [...new Uint8Array(await response.arrayBuffer())] };
      }, href!);
      const bytes = Buffer.from(fetched.bytes);
      expect(fetched.ok, bytes.toString('utf8')).toBe(true);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.toString('utf8')).toContain('钱七');
      // Its error column is in the language on screen (the wizard sends it with the run).
      expect(bytes.toString('utf8').split('\r\n')[0]).toMatch(locale === 'en-US' ? /,Errors$/ : /,错误$/);
      await noSidewaysScroll(page);
      await bothSizes(page, shot, 'summary');

      // The import is in the shop: the region came from 片区, the existing customer was updated.
      const updated = (await invoke(request, app.url, 'customers.get', { id: existing.id })) as { name: string; region: string };
      expect(updated.name).toBe('广州天河南方商贸有限公司');
      expect(updated.region).toBe('华南');

      // Undo: asked first, then the shop is as it was.
      await summary.getByRole('button', { name: t('imports.undo.action') }).click();
      const dialog = page.getByRole('dialog', { name: t('imports.undo.title') });
      await expect(dialog).toContainText('客户名单.csv');
      await shot('undo-confirm');
      await dialog.getByRole('button', { name: t('imports.undo.confirm') }).click();
      await expect(page.getByText(t('imports.undo.done', { removed: '3', restored: '1' }))).toBeVisible();
      await expect(summary.getByText(t('imports.summary.undone'))).toBeVisible();
      const restored = (await invoke(request, app.url, 'customers.get', { id: existing.id })) as { name: string };
      expect(restored.name).toBe('南方商贸');
      expect(((await invoke(request, app.url, 'customers.count', {})) as { count: number }).count).toBe(1);

      // The history: the batch, undone.
      await summary.getByRole('link', { name: t('imports.history.link') }).click();
      const history = page.getByTestId('import-history');
      await expect(history).toContainText('客户名单.csv');
      await expect(history.getByRole('row').nth(1)).toContainText(t('imports.history.undoneAt', { at: '' }).trim().split(' ')[0]!);
      await bothSizes(page, shot, 'history');
    });
  });
}

test.describe('import undo refused (zh-CN)', () => {
  test.use({ locale: 'zh-CN' });
  const t: T = translator(zh);

  test('an import whose customer was edited since cannot be undone: the history says who', async ({ page, app, shot, request }) => {
    test.setTimeout(300_000);
    cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
    await invoke(request, app.url, 'auth.signIn', { username: 'boss', password: PASSWORD });
    // Staged and run through the door, as the wizard does.
    const { origin, token } = door(app.url);
    const staged = (await (
      await request.post(`${origin}/api/upload?purpose=import&name=${encodeURIComponent(GBK_FILE.name)}`, {
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream' },
        data: GBK_FILE.buffer,
      })
    ).json()) as { ok: boolean; value: { upload: string } };
    expect(staged.ok).toBe(true);
    const file = { upload: staged.value.upload };
    const inspected = (await invoke(request, app.url, 'imports.inspect', { file, kind: 'customers' })) as { mapping: unknown };
    const result = (await invoke(request, app.url, 'imports.run', { file, kind: 'customers', mapping: inspected.mapping, matchOn: 'phone', onDuplicate: 'skip', onError: 'skipRow' })) as { created: number };
    expect(result.created).toBe(4);
    // One imported customer is edited afterwards.
    const found = (await invoke(request, app.url, 'customers.list', { q: '恒通', limit: 10 })) as { rows: { id: number; version: number }[] };
    const one = found.rows[0]!;
    const full = (await invoke(request, app.url, 'customers.get', { id: one.id })) as Record<string, unknown>;
    await invoke(request, app.url, 'customers.update', { ...full, id: one.id, version: full.version, notes: '导入后修改过' });

    await page.clock.setFixedTime(NOW);
    await page.goto(app.url);
    await signInAs(page, t, 'boss');
    await page.goto(`${origin}/#/imports`);
    const history = page.getByTestId('import-history');
    await expect(history).toContainText('客户名单.csv');
    await history.getByRole('button', { name: t('imports.history.undoFile', { file: '客户名单.csv' }) }).click();
    const dialog = page.getByRole('dialog', { name: t('imports.undo.title') });
    await dialog.getByRole('button', { name: t('imports.undo.confirm') }).click();
    await expect(dialog.getByRole('alert')).toContainText('北京朝阳恒通科技有限公司');
    await expect(dialog.getByRole('alert')).toContainText(t('imports.undo.editedSince', { names: '' }).split('：')[0]!);
    await shot('undo-refused-1366');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await shot('undo-refused-1920');
  });
});

test.describe('import cancelled (en-US)', () => {
  test.use({ locale: 'en-US' });
  const t: T = translator(en);

  test('a long import cancelled while it runs imports nothing, and says so', async ({ page, app, shot, request }) => {
    test.setTimeout(600_000);
    cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
    await invoke(request, app.url, 'auth.signIn', { username: 'boss', password: PASSWORD });
    // 200,000 rows (the most a file may have): long enough to be stopped while the rows are read and checked.
    const rows = Array.from({ length: 200_000 }, (_, i) => [`客户${String(i + 1).padStart(6, '0')}`, `139${String(i).padStart(8, '0')}`, '上海']);
    const big = { name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(csvText([['客户名称', '电话', '地区'], ...rows]), 'utf8') };

    await page.clock.setFixedTime(NOW);
    await page.goto(app.url);
    await signInAs(page, t, 'boss');
    await page.goto(`${door(app.url).origin}/#/import/customers`);
    await page.getByTestId('import-file-input').setInputFiles(big);
    await expect(page.getByTestId('import-chosen')).toBeVisible();
    await page.getByRole('button', { name: t('imports.next') }).click();
    await page.getByRole('button', { name: t('imports.next') }).click();
    await page.getByRole('button', { name: t('imports.next') }).click();
    await expect(page.getByTestId('import-count-create')).toHaveText('200,000', { timeout: 300_000 });
    await page.getByRole('button', { name: t('imports.run.start'), exact: true }).click();
    // Cancelled as soon as the run reports its first rows (it is still reading them: nothing written yet).
    const bar = page.getByRole('progressbar', { name: t('imports.run.running') });
    await expect.poll(async () => Number((await bar.getAttribute('aria-valuenow')) ?? 0), { timeout: 120_000 }).toBeGreaterThan(0);
    await page.getByRole('button', { name: t('common.cancel') }).click();
    await expect(page.getByText(t('imports.run.cancelled'))).toBeVisible({ timeout: 120_000 });
    await shot('cancelled-1366');
    expect(((await invoke(request, app.url, 'customers.count', {})) as { count: number }).count).toBe(0);
    expect(((await invoke(request, app.url, 'imports.list', {})) as { rows: unknown[] }).rows).toEqual([]);
    // Back to the check, to run it again if wanted.
    await page.getByRole('button', { name: t('imports.run.backToCheck') }).click();
    await expect(page.getByTestId('import-count-create')).toHaveText('200,000');
  });
});

test.describe('import a workbook (en-US)', () => {
  test.use({ locale: 'en-US' });
  const t: T = translator(en);

  test('a zip bomb posing as .xlsx is refused; a shop workbook shows its sheets (the hidden one marked) and its header on row 2', async ({ page, app, shot }) => {
    test.setTimeout(300_000);
    cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
    await page.clock.setFixedTime(NOW);
    await page.goto(app.url);
    await signInAs(page, t, 'boss');
    await page.goto(`${door(app.url).origin}/#/import/customers`);
    const input = page.getByTestId('import-file-input');

    const bomb = zipBomb();
    await input.setInputFiles({ name: bomb.name, mimeType: 'application/octet-stream', buffer: bomb.bytes });
    await expect(page.getByTestId('import-file-problem')).toHaveText(t('imports.refusals.workbook', { limit: '300' }));
    await shot('zip-bomb');

    const workbook = shopXlsx();
    await input.setInputFiles({ name: workbook.name, mimeType: 'application/octet-stream', buffer: workbook.bytes });
    await expect(page.getByTestId('import-chosen')).toContainText(workbook.name);
    await page.getByRole('button', { name: t('imports.next') }).click();
    // No encoding for a workbook; the data sheet chosen, the hidden one offered and marked.
    await expect(page.getByLabel(t('imports.encoding.encoding'))).toHaveCount(0);
    const sheet = page.getByLabel(t('imports.encoding.sheet'));
    await expect(sheet).toHaveValue('客户名单');
    await expect(sheet.locator('option', { hasText: t('imports.encoding.hiddenSheet', { name: '数据字典' }) })).toHaveCount(1);
    const headerRow = page.getByLabel(t('imports.encoding.headerRow'));
    await expect(headerRow).toHaveValue('2');
    const previewTable = page.getByRole('table', { name: t('imports.encoding.previewTable') });
    await expect(previewTable).toContainText('客户名称');
    await expect(page.getByText(t('imports.encoding.headerDetected'), { exact: true })).toBeVisible();
    // A row above the detected one: the file is read again from it, row 2's headers now a row of the table.
    await headerRow.fill('1');
    await expect(page.getByText(t('imports.encoding.headerDetected'), { exact: true })).toBeHidden();
    await expect(previewTable.getByRole('row').filter({ hasText: '客户名称' })).toHaveCount(1);
    await expect(previewTable.getByRole('row').filter({ hasText: '客户名称' })).toContainText('2');
    await shot('header-row-above');
    // And back: the detected header again.
    await headerRow.fill('2');
    await expect(page.getByText(t('imports.encoding.headerDetected'), { exact: true })).toBeVisible();
    await noSidewaysScroll(page);
    await bothSizes(page, shot, 'workbook');
    await page.getByRole('button', { name: t('imports.next') }).click();
    await expect(page.getByLabel(t('imports.fields.name'))).toHaveValue('0');
  });
});
