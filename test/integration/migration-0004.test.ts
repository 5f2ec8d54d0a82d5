// Migration 0004 (sorting customers by code, region and stage) from a version-3 database with rows,
// and the plans SQLite picks for those sorts: each walks its own index, with no sort step, so a page
// costs the same at 100,000 customers as at 100.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SORTS } from '../../shared/api/customers.ts';
import { migrate, schemaVersionOf } from '../../electron/core/db/migrations/index.ts';
import { closeDatabase, kyselyOver } from '../../electron/core/db/sqlite/dialect.ts';
import { openEncrypted } from '../../electron/core/db/sqlite/open.ts';
import { fullAccess } from '../../electron/core/areas/users/access.ts';
import { listCustomers } from '../../electron/core/areas/customers/service.ts';
import { BLANK_LAST } from '../../electron/core/areas/customers/sort-keys.ts';

const KEY = 'ab'.repeat(32);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function versionThree() {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-mig4-'));
  dirs.push(dir);
  const db = openEncrypted(join(dir, 'clientele.db'), KEY, { create: true });
  migrate(db, 3);
  expect(schemaVersionOf(db)).toBe(3);
  db.prepare("INSERT INTO users (username, display_name, role, created_at, updated_at) VALUES ('boss', 'Boss', 'owner', 1, 1)").run();
  const insert = db.prepare(
    'INSERT INTO customers (code, kind, name, name_sort, region, stage, grade, created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, 1, ?)',
  );
  const rows = [
    ['C000001', '上海甲', 'shang hai jia', '上海', 'lost', null],
    ['C000002', '北京乙', 'bei jing yi', '北京', 'lead', null],
    ['C000003', 'Acme', 'acme', '', 'active', null],
    ['C000004', '长沙丙', 'chang sha bing', ' 长沙 ', 'new', 5],
  ] as const;
  for (const [code, name, sort, region, stage, deleted] of rows) insert.run(code, 'company', name, sort, region, stage, 'normal', deleted);
  return db;
}

describe('migration 0004: customer sorts', () => {
  it('adds the region sort key (pinyin, blank last) and the stage rank to existing rows, deleted ones too', () => {
    const db = versionThree();
    migrate(db);
    const rows = db.prepare('SELECT code, region_sort, stage_rank FROM customers ORDER BY code').all();
    expect(rows).toEqual([
      { code: 'C000001', region_sort: 'shang hai', stage_rank: 4 },
      { code: 'C000002', region_sort: 'bei jing', stage_rank: 0 },
      { code: 'C000003', region_sort: BLANK_LAST, stage_rank: 2 },
      { code: 'C000004', region_sort: 'chang sha', stage_rank: 1 },
    ]);
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('customers_by_code', 'customers_by_region', 'customers_by_stage')").pluck().all();
    expect(indexes.sort()).toEqual(['customers_by_code', 'customers_by_region', 'customers_by_stage']);
    db.close();
  });

  it('pages every sort through its own index, without a sort step, on the first page and after a cursor', async () => {
    const raw = versionThree();
    migrate(raw);
    // Every statement the list prepares, to explain each with placeholder values.
    const prepared: string[] = [];
    const prepare = raw.prepare.bind(raw);
    raw.prepare = ((sql: string) => {
      prepared.push(sql);
      return prepare(sql);
    }) as typeof raw.prepare; // the same function, recording its SQL
    const db = kyselyOver(raw);
    const access = fullAccess({ userId: 1, username: 'boss', role: 'owner' });
    for (const sort of SORTS) {
      for (const direction of ['asc', 'desc'] as const) {
        const first = await listCustomers(db, { sort, direction, cursor: null, limit: 1 }, access);
        expect(first.nextCursor).not.toBeNull();
        await listCustomers(db, { sort, direction, cursor: first.nextCursor, limit: 1 }, access);
      }
    }
    const listings = [...new Set(prepared)].filter((sql) => sql.includes('order by') && sql.includes('"c"."deleted_at" is null'));
    expect(listings.length).toBe(SORTS.length * 4); // each direction, without and with a cursor
    for (const sql of listings) {
      const count = (sql.match(/\?/g) ?? []).length;
      const plan = (raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array.from({ length: count }, () => 1)) as { detail: string }[]).map((r) => r.detail).join('\n');
      expect(plan, sql).not.toMatch(/TEMP B-TREE/);
      expect(plan, sql).toMatch(/USING INDEX customers_by_/);
    }
    closeDatabase(db);
  });
});
