// Migration 0007 (tags area: a colour and a version per tag) from a version-6 database with tags
// and tagged customers in it, live and in the recycle bin: every tag and link kept, no colour, version 1,
// and the tags service works on the migrated data at once; and the plans SQLite picks for the tag
// list's counts (without statistics, as a new shop has none): the tag index and the recycle bin's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersionOf } from '../../electron/core/db/migrations/index.ts';
import { kyselyOver } from '../../electron/core/db/sqlite/dialect.ts';
import { openEncrypted } from '../../electron/core/db/sqlite/open.ts';
import { listTags, renameTag } from '../../electron/core/areas/tags/service.ts';

const KEY = 'cd'.repeat(32);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function versionSix() {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-mig7-'));
  dirs.push(dir);
  const db = openEncrypted(join(dir, 'clientele.db'), KEY, { create: true });
  migrate(db, 6);
  expect(schemaVersionOf(db)).toBe(6);
  db.prepare("INSERT INTO users (username, display_name, role, created_at, updated_at) VALUES ('boss', 'Boss', 'owner', 1, 1)").run();
  const customer = db.prepare(
    "INSERT INTO customers (code, kind, name, name_sort, stage, grade, created_at, updated_at, deleted_at) VALUES (?, 'company', ?, ?, 'lead', 'normal', 1, 1, ?)",
  );
  customer.run('C000001', '甲', 'jia', null);
  customer.run('C000002', '乙', 'yi', null);
  customer.run('C000003', '丙', 'bing', 5);
  for (const name of ['VIP', '老客户', 'unused']) db.prepare('INSERT INTO tags (name) VALUES (?)').run(name);
  const link = db.prepare('INSERT INTO customer_tags (customer_id, tag_id) VALUES (?, ?)');
  for (const [c, t] of [[1, 1], [2, 1], [3, 1], [1, 2]]) link.run(c, t);
  return db;
}

describe('migration 0007: tag colours', () => {
  it('keeps every tag and link, with no colour and version 1; the tags service works on it', async () => {
    const raw = versionSix();
    migrate(raw, 7);
    expect(schemaVersionOf(raw)).toBe(7);
    expect(raw.prepare('SELECT id, name, color, version FROM tags ORDER BY id').all()).toEqual([
      { id: 1, name: 'VIP', color: null, version: 1 },
      { id: 2, name: '老客户', color: null, version: 1 },
      { id: 3, name: 'unused', color: null, version: 1 },
    ]);
    expect(raw.prepare('SELECT count(*) FROM customer_tags').pluck().get()).toBe(4);
    // The column keeps NOCASE uniqueness: the table was altered, not rebuilt.
    expect(() => raw.prepare("INSERT INTO tags (name) VALUES ('vip')").run()).toThrow(/UNIQUE/);

    const db = kyselyOver(raw);
    const page = await listTags(db, { sort: 'customers', cursor: null, limit: 10 });
    expect(page.rows.map((t) => [t.name, t.customers, t.inRecycleBin, t.version])).toEqual([
      ['VIP', 2, 1, 1],
      ['老客户', 1, 0, 1],
      ['unused', 0, 0, 1],
    ]);
    const renamed = await renameTag(db, { id: 2, version: 1, name: '熟客', ifTaken: 'refuse' }, { userId: 1, username: 'boss', at: 10 });
    expect(renamed.tag).toMatchObject({ name: '熟客', version: 2 });
    expect(raw.prepare('SELECT version FROM customers WHERE id = 1').pluck().get()).toBe(2);
    raw.close();
  });

  it('counts tags through the tag index and the recycle bin index, never customer by customer', async () => {
    const raw = versionSix();
    migrate(raw);
    const prepared: string[] = [];
    const prepare = raw.prepare.bind(raw);
    raw.prepare = ((text: string) => {
      prepared.push(text);
      return prepare(text);
    }) as typeof raw.prepare; // the same function, recording its SQL
    const db = kyselyOver(raw);
    for (const sort of ['customers', 'name'] as const) {
      const first = await listTags(db, { sort, cursor: null, limit: 1 });
      await listTags(db, { sort, cursor: first.nextCursor, limit: 1 });
    }
    const listings = [...new Set(prepared)].filter((text) => text.includes('"all_links"'));
    expect(listings.length).toBe(4);
    for (const text of listings) {
      const count = (text.match(/\?/g) ?? []).length;
      const plan = (prepare(`EXPLAIN QUERY PLAN ${text}`).all(...Array.from({ length: count }, () => 1)) as { detail: string }[]).map((row) => row.detail).join(' | ');
      expect(plan, text).toMatch(/SEARCH c USING COVERING INDEX customers_in_bin/);
      expect(plan, text).toMatch(/SCAN customer_tags USING COVERING INDEX customer_tags_by_tag/);
      expect(plan, text).not.toMatch(/SEARCH c USING INTEGER PRIMARY KEY/);
    }
    raw.close();
  });
});
