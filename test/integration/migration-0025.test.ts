// Migration 0025 (sales imports) from a version-24 database with import history in it: batches,
// their items and saved mappings stay as they were (ids too, so their undo still works); kind
// 'sales' is then allowed, anything else still refused; import_batch_sales takes a sale per batch.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersionOf } from '../../electron/core/db/migrations/index.ts';
import { openEncrypted } from '../../electron/core/db/sqlite/open.ts';

const KEY = 'ef'.repeat(32);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('migration 0025 (sales imports)', () => {
  it('keeps the import history and lets batches and mappings be of kind sales', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clientele-mig25-'));
    dirs.push(dir);
    const db = openEncrypted(join(dir, 'clientele.db'), KEY, { create: true });
    migrate(db, 24);
    db.prepare("INSERT INTO users (username, display_name, role, active, created_at, updated_at) VALUES ('boss', '老板', 'owner', 1, 1, 1)").run();
    db.prepare("INSERT INTO import_batches (kind, file_name, file_sha256, layout, options, created, updated, skipped, errors, created_by, created_at) VALUES ('customers', '客户.csv', 'aa', 'l1', '{}', 2, 1, 0, 0, 1, 5)").run();
    db.prepare("INSERT INTO import_batch_items (batch_id, customer_id, contact_id, action, old_values, left_version, left_updated_at) VALUES (1, 7, NULL, 'create', NULL, 1, 5), (1, 8, NULL, 'update', '{}', 3, 5)").run();
    db.prepare("INSERT INTO import_mappings (layout, kind, mapping, saved_by, saved_at) VALUES ('l1', 'customers', '{}', 1, 5)").run();
    const snapshot = () => Object.fromEntries(['import_batches', 'import_batch_items', 'import_mappings'].map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()]));
    const before = snapshot();
    migrate(db, 25);
    expect(schemaVersionOf(db)).toBe(25);
    expect(snapshot()).toEqual(before);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.prepare("INSERT INTO import_batches (kind, file_name, file_sha256, layout, options, created, updated, skipped, errors, created_by, created_at) VALUES ('sales', '销售.csv', 'bb', 'l2', '{}', 1, 0, 0, 0, 1, 6)").run();
    db.prepare("INSERT INTO import_mappings (layout, kind, mapping, saved_by, saved_at) VALUES ('l2', 'sales', '{}', 1, 6)").run();
    db.prepare('INSERT INTO import_batch_sales (batch_id, sale_id, left_version) VALUES (2, 1, 1)').run();
    expect(() => db.prepare("INSERT INTO import_batches (kind, file_name, file_sha256, layout, options, created, updated, skipped, errors, created_by, created_at) VALUES ('visits', 'x', 'cc', 'l3', '{}', 0, 0, 0, 0, 1, 7)").run()).toThrow(/CHECK/);
    expect(() => db.prepare('INSERT INTO import_batch_items (batch_id, customer_id, action, left_version, left_updated_at) VALUES (99, 1, \'create\', 1, 1)').run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare('INSERT INTO import_batch_sales (batch_id, sale_id, left_version) VALUES (99, 1, 1)').run()).toThrow(/FOREIGN KEY/);
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT * FROM import_batches ORDER BY created_at DESC, id DESC').all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/import_batches_newest/);
    db.close();
  });
});
