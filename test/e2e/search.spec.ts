// The search box: results always belong to the text in the box (Enter pressed before the new
// text's results arrive waits for them and never opens the previous text's first hit), a match
// in a field the list does not show says where, and "see all" opens the customer list filtered
// by the same text with every match in it.
import type { Page, Route } from '@playwright/test';
import { en, zh } from '../i18n-resources.ts';
import type { SearchHit } from '../../shared/api/search.ts';
import { cli, expect, SHOP_PASSWORD as PASSWORD, test } from './fixtures.ts';

async function openShop(page: Page, url: string, strings: typeof en | typeof zh): Promise<void> {
  await page.goto(url);
  await page.getByLabel(strings.signin.username).fill('boss');
  await page.getByLabel(strings.signin.password).fill(PASSWORD);
  await page.getByRole('button', { name: strings.signin.submit }).click();
  await expect(page.getByRole('combobox', { name: strings.search.label })).toBeVisible();
}

type Held = { q: string; release: () => void };

/** Holds back the answer to search.query for `q` until released; records every answer's hits. */
async function holdSearch(page: Page, q: string, answers: Map<string, SearchHit[]>): Promise<{ held: Promise<Held> }> {
  let arrived!: (held: Held) => void;
  const held = new Promise<Held>((resolveHeld) => (arrived = resolveHeld));
  await page.route('**/api/invoke', async (route: Route) => {
    const body = route.request().postDataJSON() as { method: string; input: { q?: string } };
    if (body.method !== 'search.query') return route.continue();
    const response = await route.fetch();
    const json = (await response.json()) as { ok: boolean; value?: { hits: SearchHit[] } };
    if (json.ok && body.input.q) answers.set(body.input.q, json.value!.hits);
    if (body.input.q === q) {
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      arrived({ q, release });
      await released;
    }
    await route.fulfill({ response, json });
  });
  // Wrapped: an async function returning the promise itself would wait for it.
  return { held };
}

test.use({ locale: 'en-US', viewport: { width: 1366, height: 768 } });

test('Enter before the new results arrive waits for them and opens the new first hit', async ({ page, app, shot }) => {
  cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
  cli(app.dataDir, ['seed', '--user', 'boss', '--customers', '400', '--seed', '5']);
  const answers = new Map<string, SearchHit[]>();
  const { held } = await holdSearch(page, '贸易', answers);
  await openShop(page, app.url, en);
  const box = page.getByRole('combobox', { name: en.search.label });
  const listbox = page.getByRole('listbox');

  await box.fill('科技');
  await expect(listbox).toHaveAttribute('data-query', '科技');
  const previous = answers.get('科技')!;
  expect(previous.length).toBeGreaterThan(0);
  await expect(listbox.getByRole('option').first()).toContainText(previous[0]!.name);
  await shot('results-of-the-first-query');

  // The new text's answer is held back: the old results must go at once, and Enter must wait.
  await box.fill('贸易');
  const { release } = await held;
  await expect(listbox.getByRole('option')).toHaveCount(0);
  await expect(page.getByText(en.search.searching)).toBeVisible();
  await shot('waiting-for-the-new-query');
  await box.press('Enter');
  await expect(page.getByText(en.search.searching)).toBeVisible();
  expect(page.url()).not.toContain(`#/customers/${previous[0]!.id}`);

  release();
  const next = await expect.poll(() => answers.get('贸易')).toBeDefined().then(() => answers.get('贸易')!);
  expect(next[0]!.id).not.toBe(previous[0]!.id);
  await expect(page).toHaveURL(new RegExp(`#/customers/${next[0]!.id}$`));
  await expect(page.getByRole('heading', { name: next[0]!.name })).toBeVisible();
});

for (const [language, strings] of [['en-US', en], ['zh-CN', zh]] as const) {
  test.describe(language, () => {
    test.use({ locale: language });
    for (const viewport of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
      test(`says where a hit matched and lists every match at ${viewport.width}x${viewport.height}`, async ({ page, app, shot }) => {
        await page.setViewportSize(viewport);
        cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
        cli(app.dataDir, ['seed', '--user', 'boss', '--customers', '400', '--seed', '5']);
        await openShop(page, app.url, strings);
        const box = page.getByRole('combobox', { name: strings.search.label });
        const listbox = page.getByRole('listbox');

        // Seeded WeChat IDs are wx_ and 8 digits: a match there is named with its contact.
        await box.fill('wx_1');
        await expect(listbox).toHaveAttribute('data-query', 'wx_1');
        const wechatLabel = strings.search.matched.wechat.split('{{')[0]!.trim() || strings.search.matched.wechat.split('}}')[1]!.split('{{')[0]!.trim();
        await expect(listbox.getByRole('option').first()).toContainText(wechatLabel);
        await shot(`wechat-match-${language}-${viewport.width}`);

        // Codes C000100 to C000199: more matches than one page, fewer than all customers.
        await box.fill('C0001');
        await expect(listbox).toHaveAttribute('data-query', 'C0001');
        const seeAll = page.getByTestId('search-see-all');
        await expect(seeAll).toBeVisible();
        const total = Number((await seeAll.textContent())!.replace(/\D/g, ''));
        expect(total).toBeGreaterThan(20);
        expect(total).toBeLessThan(400);
        await shot(`see-all-${language}-${viewport.width}`);
        await seeAll.click();
        await expect(page).toHaveURL(/#\/customers\?q=/);
        await expect(page.getByTestId('customer-count')).toContainText(total.toLocaleString(language));
        await expect(page.getByLabel(strings.customers.searchInList)).toHaveValue('C0001');
        await shot(`list-filtered-${language}-${viewport.width}`);
      });
    }
  });
}
