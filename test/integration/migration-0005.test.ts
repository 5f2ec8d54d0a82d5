// Migration 0005 rebuilds the search indexes with open / secret / shown columns: a database at
// version 4 with customers in it comes out searchable, by every role as that role sees it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersionOf } from '../../electron/core/db/migrations/index.ts';
import { closeDatabase, kyselyOver } from '../../electron/core/db/sqlite/dialect.ts';
import { openEncrypted } from '../../electron/core/db/sqlite/open.ts';
import { fullAccess } from '../../electron/core/areas/users/access.ts';
import { searchCustomers } from '../../electron/core/areas/search/service.ts';

const KEY = 'ab'.repeat(32);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('migration 0005 (search columns)', () => {
  it('indexes the live customers of a version-4 database again, contact details apart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clientele-mig5-'));
    dirs.push(dir);
    const db = openEncrypted(join(dir, 'clientele.db'), KEY, { create: true });
    migrate(db, 4);
    const customer = db.prepare(
      "INSERT INTO customers (code, kind, name, name_sort, region_sort, phone, email, stage, grade, created_at, updated_at, deleted_at) VALUES (?, 'company', ?, '', '', ?, ?, 'lead', 'normal', 1, 1, ?)",
    );
    const contact = db.prepare("INSERT INTO contacts (customer_id, position, name, mobile, wechat, created_at, updated_at) VALUES (?, 0, ?, ?, ?, 1, 1)");
    const live = Number(customer.run('C000001', '张三科技', '+86 138-0013-8000', 'zhang@example.com', null).lastInsertRowid);
    contact.run(live, '欧阳娜娜', '139 1234 9876', 'nana_wx_2024');
    const binned = Number(customer.run('C000002', '回收站公司', '021-5555 6666', '', 2).lastInsertRowid);
    // Version 4's single-column index held the customers before; 0005 must not need it.
    db.prepare('INSERT INTO search_trigram (rowid, text) VALUES (?, ?)').run(live * 16 + 1, 'stale');
    migrate(db, 5);
    expect(schemaVersionOf(db)).toBe(5);

    const owner = fullAccess({ userId: 1, username: 'boss', role: 'owner' });
    const viewer = { ...owner, role: 'viewer' as const, mask: true };
    const kysely = kyselyOver(db);
    const found = async (q: string, access = owner) => (await searchCustomers(kysely, q, 20, access)).hits.map((hit) => hit.id);
    expect(await found('张三科技')).toEqual([live]);
    expect(await found('zskj')).toEqual([live]);
    expect(await found('C000001')).toEqual([live]);
    expect(await found('0013')).toEqual([live]);
    expect(await found('nana_wx')).toEqual([live]);
    expect(await found('欧阳')).toEqual([live]);
    expect(await found('stale')).toEqual([]);
    expect(await found('回收站')).toEqual([]);
    expect(await found('5555')).toEqual([]);
    // Masked: the visible runs only.
    expect(await found('8000', viewer)).toEqual([live]);
    expect(await found('0013', viewer)).toEqual([]);
    expect(await found('zhang@', viewer)).toEqual([]);
    expect(await found('nana_wx', viewer)).toEqual([]);
    expect(binned).toBeGreaterThan(live);
    closeDatabase(kysely);
  });
});
