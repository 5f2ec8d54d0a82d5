// Tags management in the browser: the owner opens Customers → Tags, renames a tag onto a name that
// exists (and merges instead), colours a long Chinese tag (shown in that colour on the customer's
// page), merges two selected tags and deletes one after a confirm that says how many customers carry
// it; both languages at 1366×768 and 1920×1080. Staff get no entry and the address says "no
// permission". Customers and users are made through the browser-mode door itself (its own cookie jar).
import type { APIRequestContext, Page } from '@playwright/test';
import { en, zh } from '../i18n-resources.ts';
import { cli, expect, SHOP_PASSWORD as PASSWORD, signIn, switchLanguage, test, translator } from './fixtures.ts';

test.use({ locale: 'en-US', viewport: { width: 1366, height: 768 } });

const LONG = '长期合作的重点大客户（华东区域）需要每季度上门回访';
const STAFF_INITIAL = 'first-time-pass-77';
const STAFF_OWN = 'my-own-secret-phrase-88';
const tEn = translator(en);
const tZh = translator(zh);

/** One call through POST /api/invoke, as this request context's browser session; the answer's value. */
async function invoke(request: APIRequestContext, url: string, method: string, input: unknown): Promise<unknown> {
  const origin = url.split('#')[0]!.replace(/\/$/, '');
  const token = url.split('#token=')[1]!;
  const response = await request.post(`${origin}/api/invoke`, { headers: { Authorization: `Bearer ${token}` }, data: { method, input } });
  const result = (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value;
}

function row(page: Page, name: string) {
  return page.getByRole('table', { name: /^(Tags|标签)$/ }).getByRole('row').filter({ has: page.getByText(name, { exact: true }) });
}

test('owner manages tags across all customers; staff get no entry', async ({ page, app, shot, request }) => {
  test.setTimeout(240_000); // one journey through every dialog, two languages, two sizes and two users
  cli(app.dataDir, ['init', '--shop', 'Corner Shop', '--owner', 'boss']);
  await invoke(request, app.url, 'auth.signIn', { username: 'boss', password: PASSWORD });
  const made: Record<string, number> = {};
  const customers: [string, string[]][] = [
    ['华东贸易有限公司', [LONG, 'VIP', '展会']],
    ['Acme Trading', ['vip客户', '展会', 'online']],
    ['北京乙方科技', ['VIP', 'vip客户', '线上']],
    ['深圳丙', [LONG, '线上']],
  ];
  for (const [name, tags] of customers) made[name] = ((await invoke(request, app.url, 'customers.create', { name, tags })) as { id: number }).id;
  await invoke(request, app.url, 'users.create', { username: 'lina', displayName: 'Li Na', role: 'staff', password: STAFF_INITIAL });
  await invoke(request, app.url, 'auth.signIn', { username: 'lina', password: STAFF_INITIAL });
  await invoke(request, app.url, 'auth.changePassword', { oldPassword: STAFF_INITIAL, newPassword: STAFF_OWN });

  await page.goto(app.url);
  await signIn(page, 'boss', PASSWORD);
  await page.getByRole('link', { name: en.nav.tags }).click();
  await expect(page.getByRole('heading', { name: en.tags.title })).toBeVisible();
  await expect(row(page, 'VIP')).toContainText(tEn('tags.customerCount_other', { count: 2 }));
  await expect(row(page, LONG)).toContainText(tEn('tags.customerCount_other', { count: 2 }));
  await shot('tags-en-1366');

  // Rename onto a name that exists (other letter case): refused on the name, merge offered instead.
  await row(page, 'vip客户').getByRole('button', { name: tEn('tags.renameTag', { name: 'vip客户' }) }).click();
  const rename = page.getByRole('dialog', { name: en.tags.renameTitle });
  await rename.getByLabel(en.tags.newName).fill('vip');
  await rename.getByRole('button', { name: en.tags.rename, exact: true }).click();
  await expect(rename.getByRole('alert')).toHaveText(tEn('tags.errors.taken', { name: 'vip' }));
  await shot('rename-taken-en');
  await rename.getByRole('button', { name: tEn('tags.mergeInstead', { name: 'vip' }) }).click();
  await expect(rename).toBeHidden();
  await expect(row(page, 'vip客户')).toHaveCount(0);
  await expect(row(page, 'VIP')).toContainText(tEn('tags.customerCount_other', { count: 3 }));

  // Bad input stays on the field, in words.
  await row(page, 'online').getByRole('button', { name: tEn('tags.renameTag', { name: 'online' }) }).click();
  await rename.getByLabel(en.tags.newName).fill('   ');
  await rename.getByRole('button', { name: en.tags.rename, exact: true }).click();
  await expect(rename.getByText(en.validation.required)).toBeVisible();
  await rename.getByRole('button', { name: en.common.cancel }).click();

  // Colour the long tag: the customer's page shows the chip in that colour.
  await row(page, LONG).getByRole('button', { name: tEn('tags.recolorTag', { name: LONG }) }).click();
  await page.getByRole('menuitem', { name: en.tags.colors.green }).click();
  await expect(page.getByRole('alert').filter({ hasText: tEn('tags.recolored', { name: LONG }) })).toBeVisible();

  // Merge "online" into "线上" by selecting both.
  await page.getByRole('checkbox', { name: tEn('tags.selectTag', { name: 'online' }) }).check();
  await page.getByRole('checkbox', { name: tEn('tags.selectTag', { name: '线上' }) }).check();
  await page.getByRole('button', { name: tEn('tags.mergeSelected', { count: 2 }) }).click();
  const merge = page.getByRole('dialog', { name: en.tags.mergeTitle });
  await expect(merge.getByRole('radio', { name: tEn('tags.mergeOption', { name: '线上', count: 2 }) })).toBeChecked();
  await shot('merge-en');
  await merge.getByRole('button', { name: en.tags.mergeConfirm }).click();
  await expect(merge).toBeHidden();
  await expect(row(page, 'online')).toHaveCount(0);
  await expect(row(page, '线上')).toContainText(tEn('tags.customerCount_other', { count: 3 }));

  // Delete, after a confirm that says how many customers carry it.
  await row(page, '展会').getByRole('button', { name: tEn('tags.deleteTag', { name: '展会' }) }).click();
  const remove = page.getByRole('dialog', { name: en.tags.deleteTitle });
  await expect(remove).toContainText(tEn('tags.deleteBody_other', { name: '展会', count: 2 }));
  await shot('delete-en');
  await remove.getByRole('button', { name: en.tags.deleteConfirm }).click();
  await expect(remove).toBeHidden();
  await expect(row(page, '展会')).toHaveCount(0);

  await page.setViewportSize({ width: 1920, height: 1080 });
  await shot('tags-en-1920');
  await switchLanguage(page, 'zh-CN');
  await expect(page.getByRole('heading', { name: zh.tags.title })).toBeVisible();
  await expect(row(page, LONG)).toContainText(tZh('tags.customerCount_other', { count: 2 }));
  await shot('tags-zh-1920');
  await page.setViewportSize({ width: 1366, height: 768 });
  await shot('tags-zh-1366');
  await row(page, LONG).getByRole('button', { name: tZh('tags.deleteTag', { name: LONG }) }).click();
  await expect(page.getByRole('dialog', { name: zh.tags.deleteTitle })).toContainText(tZh('tags.deleteBody_other', { name: LONG, count: 2 }));
  await shot('delete-zh-1366');
  await page.getByRole('dialog', { name: zh.tags.deleteTitle }).getByRole('button', { name: zh.common.cancel }).click();

  // The customer's page: every change shows, the long tag in its colour.
  await page.goto(`${app.url.split('#')[0]}#/customers/${made['华东贸易有限公司']}`);
  const chip = page.locator('.MuiChip-root').filter({ hasText: LONG });
  await expect(chip).toBeVisible();
  await expect(chip).toHaveCSS('background-color', 'rgb(200, 230, 201)'); // green[100]
  await expect(page.locator('.MuiChip-root').filter({ hasText: /^VIP$/ })).toBeVisible();
  await expect(page.locator('.MuiChip-root').filter({ hasText: /^展会$/ })).toHaveCount(0);
  await shot('customer-chips-zh-1366');
  await switchLanguage(page, 'en-US');

  // Staff: no entry in the navigation, and the address itself says "no permission".
  await page.getByRole('button', { name: new RegExp(`^(${en.shell.userMenu}|${zh.shell.userMenu}):`) }).click();
  await page.getByRole('menuitem', { name: en.shell.switchUser }).click();
  await signIn(page, 'lina', STAFF_OWN);
  await expect(page.getByRole('link', { name: en.nav.customers })).toBeVisible();
  await expect(page.getByRole('link', { name: en.nav.tags })).toHaveCount(0);
  await page.goto(`${app.url.split('#')[0]}#/customers/tags`);
  await expect(page.getByText(en.shell.noPermission)).toBeVisible();
  await expect(page.getByRole('table', { name: en.tags.tableLabel })).toHaveCount(0);
  await shot('staff-no-entry-en');
});
