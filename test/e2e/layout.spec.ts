// Geometry at 1366×768, the smallest screen the shops use, in both languages: the page fits the
// window with the backup reminder shown (one scroll container, the last row reachable), long names
// are cut with an ellipsis and told in full by a tooltip, phone numbers and contact names never wrap
// a character per line, a long note scrolls inside a bounded box (and on the detail page shows its
// first lines until "Show more"), and set-up's whole form, "Restore from backup" to "Create", is on
// screen without scrolling. Screenshots at 1366×768 and 1920×1080 are kept for review. The clock is
// fixed (the core's CLIENTELE_TEST_NOW, the seed's and the page's) at the instant whose short date
// and time is the widest in both languages, so the date column is measured at its worst every run.
import type { Locator, Page } from '@playwright/test';
import { en, zh } from '../i18n-resources.ts';
import { cli, expect, SHOP_PASSWORD as PASSWORD, test } from './fixtures.ts';

type Messages = typeof en;

const LONG_NAME = '北京市海淀区中关村科技园区智能制造装备有限责任公司';
const LONG_CONTACT = '欧阳司马诸葛慕容长孙上官令狐皇甫东方';
const LONG_REGION = '内蒙古自治区鄂尔多斯市';
const PHONE = '+86 010-8888-6666 转 8021';
const NOTE = Array.from({ length: 200 }, (_, i) => `${i + 1}. 季度回访，关注新品需求，客户希望下月安排上门演示并提供报价单。`).join('\n').slice(0, 5000);
const SMALL = { width: 1366, height: 768 };
/**
 * 2026-12-31 22:59 UTC (the page is put in UTC too): two-digit month, day, hour and minute in both
 * languages, "12/31/26, 10:59 PM" and "2026/12/31 22:59". The customer made here is updated then.
 */
const NOW = Date.UTC(2026, 11, 31, 22, 59);
const CLOCK = { CLIENTELE_TEST_NOW: String(NOW) };
const WIDEST_DATE = { 'en-US': '12/31/26, 10:59 PM', 'zh-CN': '2026/12/31 22:59' } as const;
const LARGE = { width: 1920, height: 1080 };

/** The most lines any one piece of text inside the element is laid out on (1: nothing wraps). */
function lineCount(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    let most = 0;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.textContent?.trim() === '') continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const tops = new Set<number>();
      for (const rect of range.getClientRects()) if (rect.width > 0 && rect.height > 0) tops.add(Math.round(rect.top));
      most = Math.max(most, tops.size);
    }
    return most;
  });
}

/**
 * Whether the cell's content is cut off: anything inside wider than its box, or the content running
 * into the cell's own padding (scrollWidth counts the padding as room, so text flush against the
 * next column, or a pixel past it, would pass that test alone).
 */
function isClipped(cell: Locator): Promise<boolean> {
  return cell.evaluate((el) => {
    if ([...el.querySelectorAll('*'), el].some((e) => e.scrollWidth > e.clientWidth + 1)) return true;
    const style = getComputedStyle(el);
    const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const range = document.createRange();
    range.selectNodeContents(el);
    return range.getBoundingClientRect().width > room + 0.5;
  });
}

/** The page itself never scrolls: everything fits the window, and lists scroll inside. */
async function expectFitsWindow(page: Page): Promise<void> {
  const { scrollHeight, innerHeight, scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollHeight: document.scrollingElement!.scrollHeight, // a document always has a scrolling element
    innerHeight: window.innerHeight,
    scrollWidth: document.scrollingElement!.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollHeight).toBeLessThanOrEqual(innerHeight);
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

for (const [locale, m] of [
  ['zh-CN', zh as Messages],
  ['en-US', en],
] as const) {
  test.describe(`layout at 1366×768 (${locale})`, () => {
    test.use({ locale, viewport: SMALL, timezoneId: 'UTC', appEnv: CLOCK });

    test(`archive screens fit the window with the backup reminder shown ${locale}`, async ({ page, app, shot }) => {
      test.setTimeout(180_000); // three screens at two sizes, on a machine other test runs share
      cli(app.dataDir, ['init', '--shop', '张三小店', '--owner', 'boss'], CLOCK);
      cli(app.dataDir, ['seed', '--user', 'boss', '--customers', '80', '--seed', '7'], CLOCK);
      await page.clock.setFixedTime(NOW);
      await page.goto(app.url);
      await page.getByLabel(m.signin.username).fill('boss');
      await page.getByLabel(m.signin.password).fill(PASSWORD);
      await page.getByRole('button', { name: m.signin.submit }).click();

      // A customer with a long name, two contacts (one a decision maker) and a 5,000-character note.
      await page.goto(`${app.url.split('#')[0]}#/customers/new`);
      await page.locator('input[name="name"]').fill(LONG_NAME);
      await page.locator('input[name="region"]').fill(LONG_REGION);
      await page.locator('input[name="phone"]').fill('+86 138-0013-8000');
      const notes = page.locator('textarea[name="notes"]');
      await notes.fill(NOTE);
      // The note scrolls inside its box; the box stays a screenful or less.
      const notesBox = (await notes.boundingBox())!;
      expect(notesBox.height).toBeLessThanOrEqual(320);
      expect(await notes.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
      for (const [index, name, decides] of [
        [0, LONG_CONTACT, true],
        [1, '王芳', false],
      ] as const) {
        await page.getByRole('button', { name: m.contact.add }).click();
        await page.locator(`input[name="contacts.${index}.name"]`).fill(name);
        await page.locator(`input[name="contacts.${index}.title"]`).fill('采购部副总经理兼项目总监');
        await page.locator(`input[name="contacts.${index}.phone"]`).fill(PHONE);
        await page.locator(`input[name="contacts.${index}.mobile"]`).fill('138-0013-8000');
        await page.locator(`input[name="contacts.${index}.email"]`).fill('ouyang.zhenhua.purchasing@zhongguancun-zhizao.example.com');
        if (decides) await page.getByRole('group', { name: m.contact.legend.replace('{{n}}', String(index + 1)) }).getByRole('checkbox').check();
      }
      await notes.scrollIntoViewIfNeeded();
      await shot(`form-${locale}-1366`);
      await page.getByRole('button', { name: m.common.save }).click();

      // Detail: the note shows its first lines until "Show more", then all of them, line breaks kept.
      const contacts = page.getByRole('table', { name: m.customer.contacts });
      await expect(contacts).toBeVisible();
      const note = page.locator('[data-collapsed]');
      const folded = (await note.boundingBox())!;
      expect(folded.height).toBeLessThanOrEqual(200);
      await page.getByRole('button', { name: m.detail.showMore }).click();
      expect((await note.boundingBox())!.height).toBeGreaterThan(folded.height * 10);
      expect(await lineCount(note)).toBeGreaterThanOrEqual(NOTE.split('\n').length);
      await note.evaluate((el) => el.scrollIntoView());
      await shot(`detail-note-open-${locale}-1366`);
      await page.getByRole('button', { name: m.detail.showLess }).click();
      expect((await note.boundingBox())!.height).toBe(folded.height);
      await expect(page.getByRole('button', { name: m.detail.showMore })).toBeInViewport();
      await expectFitsWindow(page);
      // The contacts table keeps names, phones and titles on one line each.
      for (const cell of await contacts.getByRole('cell').all()) {
        const text = (await cell.textContent()) ?? '';
        if (text === '') continue;
        expect(await lineCount(cell), `"${text}" wraps`).toBe(1);
      }
      const nameCell = contacts.getByRole('cell').filter({ hasText: LONG_CONTACT });
      expect((await nameCell.boundingBox())!.width).toBeGreaterThanOrEqual(140);
      // A cut-off cell tells its full text on hover.
      await nameCell.hover({ position: { x: 24, y: 12 } });
      await expect(page.getByRole('tooltip')).toHaveText(LONG_CONTACT);
      await page.mouse.move(0, 0);
      await shot(`detail-${locale}-1366`);
      await page.setViewportSize(LARGE);
      await shot(`detail-${locale}-1920`);
      await page.setViewportSize(SMALL);

      // The list with the backup reminder: one scroll container, the last row reachable.
      await page.goto(`${app.url.split('#')[0]}#/customers`);
      await expect(page.getByTestId('backup-reminder')).toBeVisible();
      const table = page.getByRole('table', { name: m.customers.tableLabel });
      await expect(table.getByRole('row').nth(5)).toBeVisible();
      await expectFitsWindow(page);
      await shot(`list-${locale}-1366`);

      // Columns with short fixed content (code, grade, stage, phone, date) show it whole.
      const firstRows = table.locator('tbody tr[data-customer-id]');
      for (const row of (await firstRows.all()).slice(0, 12)) {
        for (const index of [0, 2, 3, 6, 8]) {
          const cell = row.locator('td').nth(index);
          expect(await isClipped(cell), `column ${index} of "${await row.textContent()}" is cut off`).toBe(false);
        }
      }
      // The customer made above was updated at NOW: the widest date and time there is, shown whole.
      const longRow = firstRows.filter({ hasText: LONG_NAME });
      const updatedCell = longRow.locator('td').nth(8);
      await expect(updatedCell).toHaveText(WIDEST_DATE[locale]);
      expect(await isClipped(updatedCell), `"${WIDEST_DATE[locale]}" is cut off`).toBe(false);
      await page.setViewportSize(LARGE);
      expect(await isClipped(updatedCell), `"${WIDEST_DATE[locale]}" is cut off at 1920×1080`).toBe(false);
      await page.setViewportSize(SMALL);
      // Free text (name, region) is cut with an ellipsis and told whole by a tooltip.
      await table.evaluate((el, name) => {
        const row = [...el.querySelectorAll('tr')].find((tr) => tr.textContent?.includes(name));
        row?.scrollIntoView({ block: 'center' });
      }, LONG_NAME);
      for (const [column, text] of [
        [1, LONG_NAME],
        [5, LONG_REGION],
      ] as const) {
        // Near the start of the cell: the text's own box runs on past the cell's edge, under the next cells.
        await longRow.locator('td').nth(column).hover({ position: { x: 24, y: 24 } });
        await expect(page.getByRole('tooltip')).toHaveText(text);
        await page.mouse.move(0, 0);
        await expect(page.getByRole('tooltip')).toHaveCount(0);
      }
      // Rows open with Enter, so keyboard focus on a row must show.
      await longRow.getByRole('link').focus();
      await page.keyboard.press('Shift+Tab');
      await expect(longRow).toBeFocused();
      const outline = await longRow.evaluate((el) => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth);
      expect(outline).toBe('solid 2px');
      await shot(`list-focus-${locale}-1366`);

      // Scroll the list's own container to its end: the last row is wholly inside the window.
      const scroller = table.locator('xpath=..');
      for (let i = 0; i < 10 && !(await page.getByText(m.common.endOfList).isVisible()); i++) {
        await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
        await page.getByText(m.common.endOfList).or(page.getByText(m.common.loadingMore)).or(page.getByRole('button', { name: m.common.loadMore })).first().waitFor();
      }
      await expect(page.getByText(m.common.endOfList)).toBeVisible();
      await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      await expect(page.getByText(m.common.endOfList)).toBeInViewport();
      await expectFitsWindow(page);
      const last = firstRows.last();
      const lastBox = (await last.boundingBox())!;
      const scrollerBox = (await scroller.boundingBox())!;
      expect(lastBox.y + lastBox.height).toBeLessThanOrEqual(scrollerBox.y + scrollerBox.height + 1);
      expect(lastBox.y + lastBox.height).toBeLessThanOrEqual(SMALL.height);
      await shot(`list-end-${locale}-1366`);
      await page.setViewportSize(LARGE);
      await expectFitsWindow(page);
      await shot(`list-${locale}-1920`);
    });

    test(`set-up shows Restore from backup and Create without scrolling ${locale}`, async ({ page, app, shot }) => {
      await page.clock.setFixedTime(NOW);
      await page.goto(app.url);
      const restore = page.getByRole('button', { name: m.setup.restoreFromBackup });
      await expect(restore).toBeVisible();
      const create = page.getByRole('button', { name: m.setup.create, exact: true });
      for (const button of [restore, create]) {
        const box = (await button.boundingBox())!;
        expect(box.y).toBeGreaterThanOrEqual(0);
        expect(box.y + box.height).toBeLessThanOrEqual(SMALL.height);
      }
      await expectFitsWindow(page);
      expect(await page.evaluate(() => document.scrollingElement!.scrollTop)).toBe(0); // a document always has a scrolling element
      await shot(`setup-${locale}-1366`);
      await page.setViewportSize(LARGE);
      await shot(`setup-${locale}-1920`);
    });
  });
}
