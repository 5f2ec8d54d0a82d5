// Migration 0030 (stories) from a version-29 database with customers and a customer's file in it:
// every row stays as it was, the stories tables are there and empty, their CHECKs and foreign keys
// hold, and a story's file link goes with its file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersionOf } from '../../electron/core/db/migrations/index.ts';
import { openEncrypted } from '../../electron/core/db/sqlite/open.ts';

const KEY = 'e3'.repeat(32);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function versionTwentyNine() {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-mig30-'));
  dirs.push(dir);
  const db = openEncrypted(join(dir, 'clientele.db'), KEY, { create: true });
  migrate(db, 29);
  expect(schemaVersionOf(db)).toBe(29);
  db.prepare("INSERT INTO users (username, display_name, role, active, created_at, updated_at) VALUES ('boss', '老板', 'owner', 1, 1, 1)").run();
  const customer = db.prepare("INSERT INTO customers (code, kind, name, name_sort, region_sort, stage, grade, owner_id, created_at, updated_at) VALUES (?, 'company', ?, '', '', 'active', ?, ?, 1, 1)");
  customer.run('C000001', '茶香贸易', 'vip', 1);
  customer.run('C000002', '远方商行', 'normal', null);
  return db;
}

describe('migration 0030 (stories)', () => {
  it('keeps a version-29 shop as it was and adds the stories tables with their checks', () => {
    const raw = versionTwentyNine();
    const before = raw.prepare('SELECT * FROM customers ORDER BY id').all();
    migrate(raw, 30);
    expect(schemaVersionOf(raw)).toBe(30);
    expect(raw.prepare('SELECT * FROM customers ORDER BY id').all()).toEqual(before);
    for (const table of ['stories', 'story_files']) expect(raw.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });

    const story = raw.prepare('INSERT INTO stories (customer_id, title, result_figures, named_consent, story_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, 1)');
    expect(() => story.run(1, '', '[]', 'yes', '2026-12-02')).toThrow(/CHECK/);
    expect(() => story.run(1, '案例', '{"a":1}', 'yes', '2026-12-02')).toThrow(/CHECK/);
    expect(() => story.run(1, '案例', '[]', 'maybe', '2026-12-02')).toThrow(/CHECK/);
    expect(() => story.run(1, '案例', '[]', 'yes', '2026/12/02')).toThrow(/CHECK/);
    expect(() => story.run(99, '案例', '[]', 'yes', '2026-12-02')).toThrow(/FOREIGN KEY/);
    const id = Number(story.run(1, '案例', '[{"label":"回访率","value":"95%"}]', 'yes', '2026-12-02').lastInsertRowid);
    expect(raw.prepare('SELECT named_consent, version, deleted_at FROM stories WHERE id = ?').get(id)).toEqual({ named_consent: 'yes', version: 1, deleted_at: null });
    expect(() => raw.prepare('INSERT INTO story_files (story_id, attachment_id, position) VALUES (?, 424242, 0)').run(id)).toThrow(/FOREIGN KEY/);
    raw.close();
  });
});
