// Attachments in browser mode, in both languages: the owner sets the size limit (Settings → Files),
// then on a customer (and on a contract) adds files by the picker and by drag-and-drop (a Chinese PDF Chromium made,
// a Chinese PDF whose font is not embedded so its text needs pdf.js's shipped character maps, an
// image, a text file); an empty file and one over the limit are refused in words before sending;
// a cancelled upload keeps nothing; previews of image, PDFs and text; save a copy (same bytes);
// delete to the deleted files and restore. Screenshots at 1366x768 and 1920x1080.
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { makePng } from '../fixtures/images.ts';
import { en, zh } from '../i18n-resources.ts';
import { makeChinesePdf } from './fixtures/pdf.ts';
import { cli, expect, SHOP_PASSWORD as PASSWORD, test, translator } from './fixtures.ts';

type Messages = typeof en;
type T = ReturnType<typeof translator>;

const MiB = 1024 * 1024;
const NOT_EMBEDDED_TEXT = ['合同签署页', '甲方：杭州张三科技有限公司'];
const NOT_EMBEDDED_PAGE_2 = ['第二页：付款条款'];
const VIEWER_INITIAL = 'first-time-pass-77';
const VIEWER_OWN = 'my-own-secret-phrase-88';
const TEXT_FILE = '客户来电记录\n2026年11月30日 王芳：确认续约。\n';

/** A file dropped onto `target` the way a browser delivers it: dragenter, dragover, drop with a DataTransfer. */
async function dropFiles(page: Page, target: Locator, files: { name: string; type: string; bytes: Buffer }[], onEnter?: () => Promise<void>) {
  const transfer = await page.evaluateHandle((list) => {
    const data = new DataTransfer();
    for (const file of list) data.items.add(new File([Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0))], file.name, { type: file.type }));
    return data;
  }, files.map((file) => ({ name: file.name, type: file.type, base64: file.bytes.toString('base64') })));
  await target.dispatchEvent('dragenter', { dataTransfer: transfer });
  await target.dispatchEvent('dragover', { dataTransfer: transfer });
  await onEnter?.();
  await target.dispatchEvent('drop', { dataTransfer: transfer });
}

const row = (page: Page, name: string) => page.locator(`[data-testid="attachment-row"][data-name="${name}"]`);

/** Opens a file's preview from its row; the dialog. */
async function open(page: Page, t: T, name: string): Promise<Locator> {
  await row(page, name).getByRole('button', { name: t('attachments.row.open', { name }) }).click();
  const dialog = page.getByRole('dialog', { name });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** The PDF preview has drawn `page` and says what is on it (pdf.js's text of the page). */
async function expectPdfPage(dialog: Locator, page: number, pages: number, texts: string[]) {
  const canvas = dialog.getByTestId('pdf-canvas');
  await expect(canvas).toHaveAttribute('data-rendered-page', String(page), { timeout: 30_000 });
  await expect(canvas).toHaveAttribute('data-pages', String(pages));
  // Drawn: the canvas has pixels that are not white (text).
  const inked = await canvas.evaluate((element: HTMLCanvasElement) => {
    const pixels = element.getContext('2d')!.getImageData(0, 0, element.width, element.height).data;
    let dark = 0;
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 128) dark += 1;
    return dark;
  });
  expect(inked).toBeGreaterThan(200);
  for (const text of texts) await expect(dialog.getByTestId('pdf-text')).toContainText(text);
}

for (const [locale, messages] of [
  ['en-US', en],
  ['zh-CN', zh as Messages],
] as const) {
  test.describe(`attachments (${locale})`, () => {
    test.use({ locale, viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    const t = translator(messages);

    test(`add by picker and drop, refusals, cancel, preview, save a copy, delete and restore (${locale})`, async ({ page, app, shot, context, browser }) => {
      test.setTimeout(360_000); // two users, a customer and a contract, eleven files through the door, three PDFs drawn
      cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
      cli(app.dataDir, ['seed', '--user', 'boss', '--customers', '2', '--seed', '7']);

      // A Chinese PDF as Chromium prints one (fonts embedded), and one whose font is not embedded.
      const maker = await context.newPage();
      await maker.setContent('<html lang="zh-CN"><body style="font-family: sans-serif"><h1>服务合同 HT-2026-0001</h1><p>乙方负责上门安装与年度保养。</p></body></html>');
      const printed = await maker.pdf({ format: 'A4' });
      await maker.close();
      const notEmbedded = makeChinesePdf([NOT_EMBEDDED_TEXT, NOT_EMBEDDED_PAGE_2]);
      const png = makePng(320, 200, [21, 101, 192], true);
      const pdfName = locale === 'zh-CN' ? '服务合同-扫描件.pdf' : 'service-contract.pdf';

      await page.goto(app.url);
      await expect(page.getByRole('heading', { name: t('signin.title') })).toBeVisible();
      await page.getByLabel(t('signin.username')).fill('boss');
      await page.getByLabel(t('signin.password')).fill(PASSWORD);
      await page.getByRole('button', { name: t('signin.submit') }).click();

      // Settings → Files: the limit down to 1 MB.
      await page.getByRole('link', { name: t('nav.settings') }).click();
      await page.getByRole('tab', { name: t('attachments.settings.tab') }).click();
      const limit = page.getByLabel(t('attachments.settings.limit'));
      await expect(limit).toHaveValue('100');
      await limit.fill('0');
      await expect(page.getByText(t('attachments.settings.limitInvalid', { max: '512' }))).toBeVisible();
      await limit.fill('1');
      await page.getByRole('button', { name: t('common.save') }).click();
      await expect(page.getByText(t('attachments.settings.saved', { limit: '1' }))).toBeVisible();
      await shot(`settings-files-${locale}`);

      await page.goto(`${app.url.split('#')[0]}#/customers/1`);
      const section = page.getByTestId('attachments-section');
      await expect(section.getByRole('heading', { name: t('attachments.title') })).toBeVisible();

      // The picker: several files at once; the empty one and the one over the limit are refused, the others go on.
      await page.getByTestId('attachment-file').setInputFiles([
        { name: pdfName, mimeType: 'application/pdf', buffer: printed },
        { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) },
        { name: 'shop-photo.png', mimeType: 'image/png', buffer: png },
        { name: 'too-big.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(MiB + 1, 7) },
      ]);
      await expect(row(page, pdfName)).toBeVisible();
      await expect(row(page, 'shop-photo.png')).toBeVisible();
      const uploads = page.getByTestId('attachment-uploads');
      await expect(uploads.getByText(t('attachments.errors.empty'))).toBeVisible();
      await expect(uploads.getByText(t('attachments.errors.tooLarge', { limit: '1' }))).toBeVisible();
      await expect(row(page, 'empty.txt')).toHaveCount(0);
      await expect(row(page, 'too-big.bin')).toHaveCount(0);
      await expect(uploads.getByText(t('attachments.upload.finished'))).toBeVisible();
      await uploads.scrollIntoViewIfNeeded();
      await shot(`picker-refusals-${locale}`);
      await uploads.getByRole('button', { name: t('attachments.upload.dismiss') }).click();

      // A cancelled upload: the transfer is held at the door, cancelled, and nothing is kept.
      let held = false;
      await page.route('**/api/upload**', () => {
        held = true; // never answered: the cancel aborts it
      });
      await page.getByTestId('attachment-file').setInputFiles({ name: 'cancel-me.png', mimeType: 'image/png', buffer: png });
      await expect.poll(() => held).toBe(true);
      await uploads.getByRole('button', { name: t('attachments.upload.cancel', { name: 'cancel-me.png' }) }).click();
      await expect(uploads.getByText(t('attachments.upload.state.cancelled'))).toBeVisible();
      await page.unroute('**/api/upload**');
      await expect(row(page, 'cancel-me.png')).toHaveCount(0);
      await uploads.getByRole('button', { name: t('attachments.upload.dismiss') }).click();

      // Drag and drop: the drop zone shows while dragging; the PDF without embedded fonts and a text file.
      await dropFiles(
        page,
        section,
        [
          { name: '报价单.pdf', type: 'application/pdf', bytes: notEmbedded },
          { name: '来电记录.txt', type: 'text/plain', bytes: Buffer.from(TEXT_FILE, 'utf8') },
        ],
        async () => {
          await section.scrollIntoViewIfNeeded();
          await expect(page.getByTestId('attachment-drop-zone')).toBeVisible();
          await expect(page.getByText(t('attachments.dropHere'))).toBeVisible();
          await shot(`drop-zone-${locale}`);
        },
      );
      await expect(page.getByTestId('attachment-drop-zone')).toHaveCount(0);
      await expect(row(page, '报价单.pdf')).toBeVisible();
      await expect(row(page, '来电记录.txt')).toBeVisible();
      await expect(page.getByText(t('attachments.added_other', { count: 2 }))).toBeVisible();
      // All added: the batch's rows make way for the list (refusals would stay).
      await expect(uploads).toHaveCount(0);
      await section.scrollIntoViewIfNeeded();
      await shot(`list-${locale}-1366`);

      // Previews: the image, both PDFs (Chinese text on the page), the text.
      let dialog = await open(page, t, 'shop-photo.png');
      await expect.poll(() => dialog.getByTestId('attachment-image').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);
      await shot(`preview-image-${locale}`);
      await dialog.getByRole('button', { name: t('common.close') }).click();

      dialog = await open(page, t, pdfName);
      // Chromium's PDF maps some glyphs back to radicals (乙 as ⼄ U+2F04): check words without them.
      await expectPdfPage(dialog, 1, 1, ['服务合同', '安装与年度保养']);
      await shot(`preview-printed-pdf-${locale}-1366`);
      await dialog.getByRole('button', { name: t('common.close') }).click();

      dialog = await open(page, t, '报价单.pdf');
      await expectPdfPage(dialog, 1, 2, NOT_EMBEDDED_TEXT);
      await expect(dialog.getByTestId('pdf-page')).toHaveText(t('attachments.preview.pageOf', { page: '1', pages: '2' }));
      await shot(`preview-cmap-pdf-${locale}-1366`);
      await dialog.getByRole('button', { name: t('attachments.preview.nextPage') }).click();
      await expectPdfPage(dialog, 2, 2, NOT_EMBEDDED_PAGE_2);
      // Zoom in from "fit to width" (about 190% here): the next step up, 200%.
      await dialog.getByRole('button', { name: t('attachments.preview.zoomIn') }).click();
      await expect(dialog.getByText(t('attachments.preview.percent', { value: '200' }))).toBeVisible();
      await expect(dialog.getByRole('button', { name: t('attachments.preview.fitWidth') })).toHaveAttribute('aria-pressed', 'false');
      await expectPdfPage(dialog, 2, 2, NOT_EMBEDDED_PAGE_2);
      await page.setViewportSize({ width: 1920, height: 1080 });
      await dialog.getByRole('button', { name: t('attachments.preview.fitWidth') }).click();
      await dialog.getByRole('button', { name: t('attachments.preview.previousPage') }).click();
      await expectPdfPage(dialog, 1, 2, NOT_EMBEDDED_TEXT);
      await shot(`preview-cmap-pdf-${locale}-1920`);
      await dialog.getByRole('button', { name: t('common.close') }).click();

      dialog = await open(page, t, '来电记录.txt');
      await expect(dialog.getByTestId('attachment-text')).toHaveText(TEXT_FILE);
      await shot(`preview-text-${locale}-1920`);
      await dialog.getByRole('button', { name: t('common.close') }).click();
      await shot(`list-${locale}-1920`);
      await page.setViewportSize({ width: 1366, height: 768 });

      // Save a copy: the download has the file's name and the same bytes.
      const saving = page.waitForEvent('download');
      await row(page, pdfName).getByRole('button', { name: t('attachments.row.saveCopy', { name: pdfName }) }).click();
      const download = await saving;
      expect(download.suggestedFilename()).toBe(pdfName);
      expect(readFileSync(await download.path()).equals(printed)).toBe(true);

      // Delete to the deleted files, and restore.
      await row(page, 'shop-photo.png').getByRole('button', { name: t('attachments.row.delete', { name: 'shop-photo.png' }) }).click();
      await expect(page.getByText(t('attachments.deleted', { name: 'shop-photo.png' }))).toBeVisible();
      await expect(row(page, 'shop-photo.png')).toHaveCount(0);
      await section.getByLabel(t('attachments.showDeleted')).check();
      await expect(section.getByRole('heading', { name: t('attachments.deletedTitle') })).toBeVisible();
      await expect(row(page, 'shop-photo.png')).toBeVisible();
      await expect(row(page, pdfName)).toHaveCount(0);
      await shot(`deleted-files-${locale}`);
      await row(page, 'shop-photo.png').getByRole('button', { name: t('attachments.row.restore', { name: 'shop-photo.png' }) }).click();
      await expect(page.getByText(t('attachments.restored', { name: 'shop-photo.png' }))).toBeVisible();
      await expect(row(page, 'shop-photo.png')).toHaveCount(0);
      await section.getByLabel(t('attachments.showDeleted')).uncheck();
      await expect(row(page, 'shop-photo.png')).toBeVisible();

      // A contract's files: the PDF without embedded fonts by the picker, the image by drop.
      const added = JSON.parse(cli(app.dataDir, ['contracts', 'add', '--user', 'boss', '--customer', 'C000001', '--number', 'HT-E2E-0001', '--title', '年度保养合同', '--json'])) as { contract: { id: number } };
      await page.goto(`${app.url.split('#')[0]}#/contracts/${added.contract.id}`);
      await expect(section.getByRole('heading', { name: t('attachments.title') })).toBeVisible();
      await expect(section.getByTestId('attachments-empty')).toBeVisible();
      await page.getByTestId('attachment-file').setInputFiles({ name: '合同扫描件.pdf', mimeType: 'application/pdf', buffer: notEmbedded });
      await expect(row(page, '合同扫描件.pdf')).toBeVisible();
      await dropFiles(page, section, [{ name: '现场照片.png', type: 'image/png', bytes: png }]);
      await expect(row(page, '现场照片.png')).toBeVisible();
      dialog = await open(page, t, '合同扫描件.pdf');
      await expectPdfPage(dialog, 1, 2, NOT_EMBEDDED_TEXT);
      await dialog.getByRole('button', { name: t('common.close') }).click();

      // Rename and describe; a name made unsafe for file systems comes back cleaned by the core.
      await row(page, '现场照片.png').getByRole('button', { name: t('attachments.row.edit', { name: '现场照片.png' }) }).click();
      const edit = page.getByRole('dialog', { name: t('attachments.edit.title') });
      await edit.getByLabel(t('attachments.edit.name')).fill('安装现场:照片.png');
      await edit.getByLabel(t('attachments.edit.description')).fill('11月30日上门安装后拍摄');
      // Meanwhile someone else describes it: the save is a CONFLICT, said in words, the typed text
      // stays and the dialog now holds the newest version, so saving again goes through.
      await page.evaluate(async (name) => {
        const call = async (method: string, input: unknown) => {
          const response = await fetch('/api/invoke', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${sessionStorage.getItem('clientele.token') ?? ''}` },
            body: JSON.stringify({ method, input }),
          });
          return ((await response.json()) as { value: { rows: { id: number; version: number; name: string }[] } }).value;
        };
        const hash = /#\/contracts\/(\d+)/.exec(location.hash);
        const { rows } = await call('attachments.list', { owner: { kind: 'contract', id: Number(hash?.[1]) } });
        const file = rows.find((r) => r.name === name)!;
        await call('attachments.update', { id: file.id, version: file.version, name, description: 'changed elsewhere' });
      }, '现场照片.png');
      await edit.getByRole('button', { name: t('common.save') }).click();
      await expect(edit.getByRole('alert')).toHaveText(t('attachments.errors.stale'));
      await expect(edit.getByLabel(t('attachments.edit.description'))).toHaveValue('11月30日上门安装后拍摄');
      await shot(`edit-conflict-${locale}`);
      await edit.getByRole('button', { name: t('common.save') }).click();
      await expect(edit).toHaveCount(0);
      await expect(row(page, '安装现场_照片.png')).toContainText('11月30日上门安装后拍摄');

      // A type the app does not draw (a zip by its content, whatever its name): name, size, type and Save a copy.
      const zip = Buffer.from('504b0506000000000000000000000000000000000000', 'hex');
      await page.getByTestId('attachment-file').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: zip });
      await expect(row(page, 'photo.jpg')).toBeVisible();
      dialog = await open(page, t, 'photo.jpg');
      await expect(dialog.getByTestId('attachment-info')).toContainText(t('attachments.preview.notShown'));
      await expect(dialog.getByTestId('attachment-image')).toHaveCount(0);
      await expect(dialog.getByRole('button', { name: t('attachments.saveCopy') })).toBeVisible();
      await shot(`preview-other-${locale}`);
      await dialog.getByRole('button', { name: t('common.close') }).click();
      await section.scrollIntoViewIfNeeded();
      await shot(`contract-files-${locale}`);

      // A viewer reads and previews, and is offered nothing the core would refuse them.
      cli(app.dataDir, ['users', 'add', 'vera', '--user', 'boss', '--role', 'viewer'], { CLIENTELE_NEW_PASSWORD: VIEWER_INITIAL });
      cli(app.dataDir, ['passwd', '--user', 'vera'], { CLIENTELE_PASSWORD: VIEWER_INITIAL, CLIENTELE_NEW_PASSWORD: VIEWER_OWN });
      const viewerContext = await browser.newContext({ locale, viewport: { width: 1366, height: 768 } });
      const viewer = await viewerContext.newPage();
      await viewer.goto(app.url);
      await expect(viewer.getByRole('heading', { name: t('signin.title') })).toBeVisible();
      await viewer.getByLabel(t('signin.username')).fill('vera');
      await viewer.getByLabel(t('signin.password')).fill(VIEWER_OWN);
      await viewer.getByRole('button', { name: t('signin.submit') }).click();
      await expect(viewer.getByRole('link', { name: t('nav.settings') })).toBeVisible();
      await viewer.goto(`${app.url.split('#')[0]}#/contracts/${added.contract.id}`);
      await expect(row(viewer, '合同扫描件.pdf')).toBeVisible();
      const viewerSection = viewer.getByTestId('attachments-section');
      await expect(viewerSection.getByRole('button', { name: t('attachments.add') })).toHaveCount(0);
      await expect(viewerSection.getByLabel(t('attachments.showDeleted'))).toHaveCount(0);
      await expect(row(viewer, '合同扫描件.pdf').getByRole('button')).toHaveCount(1); // open, nothing else
      dialog = await open(viewer, t, '合同扫描件.pdf');
      await expectPdfPage(dialog, 1, 2, NOT_EMBEDDED_TEXT);
      await expect(dialog.getByRole('button', { name: t('attachments.saveCopy') })).toHaveCount(0);
      await viewerContext.close();
    });
  });
}
