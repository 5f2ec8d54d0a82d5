// Migration 0020 (imports) from a version-19 database with customers in it: the customers stay as
// they were, the import tables are there and empty, and a batch with its items, a saved mapping
// and staged rows can be written and read back as the import service does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersionOf } from '../../electron/core/db/migrations/index.ts';
import { kyselyOver } from '../../electron/core/db/sqlite/dialect.ts';
import { openEncrypted } from '../../electron/core/db/sqlite/open.ts';
import { saveMapping, savedMapping } from '../../electron/core/areas/imports/mappings.ts';
import { listBatches } from '../../electron/core/areas/imports/service.ts';

const KEY = 'e0'.repeat(32);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function versionNineteen() {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-mig20-'));
  dirs.push(dir);
  const db = openEncrypted(join(dir, 'clientele.db'), KEY, { create: true });
  migrate(db, 19);
  expect(schemaVersionOf(db)).toBe(19);
  db.prepare("INSERT INTO users (username, display_name, role, active, created_at, updated_at) VALUES ('boss', '老板', 'owner', 1, 1, 1)").run();
  const customer = db.prepare("INSERT INTO customers (code, kind, name, name_sort, region_sort, stage, grade, owner_id, created_at, updated_at) VALUES (?, 'company', ?, ?, '', 'active', 'normal', 1, 1, 1)");
  customer.run('C000001', '张三科技', 'zhang san ke ji');
  customer.run('C000002', '李四商行', 'li si shang hang');
  return db;
}

describe('migration 0020 (imports)', () => {
  it('keeps a version-19 shop as it was and adds the import tables', async () => {
    const raw = versionNineteen();
    const snapshot = () => raw.prepare('SELECT * FROM customers ORDER BY id').all();
    const before = snapshot();
    migrate(raw, 20);
    expect(schemaVersionOf(raw)).toBe(20);
    expect(snapshot()).toEqual(before);
    for (const table of ['import_batches', 'import_batch_items', 'import_mappings', 'import_staging']) {
      expect(raw.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    }
    const db = kyselyOver(raw);
    await db.transaction().execute(async (tx) => {
      const batch = await tx
        .insertInto('import_batches')
        .values({ kind: 'customers', file_name: '客户.csv', file_sha256: 'a'.repeat(64), layout: 'L', options: '{}', created: 1, updated: 1, skipped: 0, errors: 0, created_by: 1, created_at: 5 })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.insertInto('import_batch_items').values([
        { batch_id: batch.id, customer_id: 1, contact_id: null, action: 'create', old_values: null, left_version: 1, left_updated_at: 1 },
        { batch_id: batch.id, customer_id: 2, contact_id: null, action: 'update', old_values: '{"fields":{}}', left_version: 2, left_updated_at: 5 },
      ]).execute();
      await saveMapping(tx, 'customers', 'L', { headerRow: 2, columns: { name: 0 } }, 1, 5);
      await tx.insertInto('import_staging').values({ run: 'r', row: 3, action: 'error', target_id: null, data: '[]', cells: '["x"]', created_at: 5 }).execute();
    });
    expect(await savedMapping(db, 'L')).toEqual({ headerRow: 2, columns: { name: 0 } });
    expect((await listBatches(db, null, 10)).rows).toEqual([
      { id: 1, kind: 'customers', fileName: '客户.csv', createdAt: 5, createdBy: { id: 1, name: '老板' }, created: 1, updated: 1, skipped: 0, errorCount: 0, undoneAt: null, undoable: true },
    ]);
    expect(() => raw.prepare("INSERT INTO import_batch_items (batch_id, customer_id, action, left_version, left_updated_at) VALUES (1, 1, 'merge', 1, 1)").run()).toThrow(/CHECK/);
    await db.destroy();
  });
});
