// Migration 0019 (the anniversaries index holding what care's occasions read of a contract) from a
// version-18 database with contracts in it: the rows stay as they were, the index keeps exactly the
// signed live contracts, and a staff member's anniversaries check the customer's scope from the
// index before any contract row is read.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersionOf } from '../../electron/core/db/migrations/index.ts';
import { kyselyOver } from '../../electron/core/db/sqlite/dialect.ts';
import { openEncrypted } from '../../electron/core/db/sqlite/open.ts';
import { upcomingOccasions } from '../../electron/core/areas/care/service.ts';
import { fullAccess } from '../../electron/core/areas/users/access.ts';

const KEY = 'e9'.repeat(32);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function versionEighteen() {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-mig19-'));
  dirs.push(dir);
  const db = openEncrypted(join(dir, 'clientele.db'), KEY, { create: true });
  migrate(db, 18);
  expect(schemaVersionOf(db)).toBe(18);
  const user = db.prepare('INSERT INTO users (username, display_name, role, active, created_at, updated_at) VALUES (?, ?, ?, 1, 1, 1)');
  user.run('boss', '老板', 'owner');
  user.run('wang', '小王', 'staff');
  const customer = db.prepare("INSERT INTO customers (code, kind, name, name_sort, region_sort, stage, grade, owner_id, created_at, updated_at) VALUES (?, 'company', ?, ?, '', 'active', 'normal', ?, 1, 1)");
  customer.run('C000001', '张三科技', 'zhang san ke ji', 2);
  customer.run('C000002', '李四商行', 'li si shang hang', 1);
  const contract = db.prepare(
    "INSERT INTO contracts (number, title, type, customer_id, signed_on, end_on, terminated_on, deleted_at, owner_id, created_at, updated_at) VALUES (?, '', 'service', ?, ?, NULL, ?, ?, ?, 1, 1)",
  );
  contract.run('HT-1', 1, '2024-12-03', null, null, 2); // wang's customer: two years on 12-03
  contract.run('HT-2', 2, '2025-12-04', null, null, 1); // the boss's customer
  contract.run('HT-3', 1, '2023-12-05', '2026-06-30', null, 2); // terminated before the day
  contract.run('HT-4', 1, '2022-12-03', null, 5, 2); // in the bin
  contract.run('HT-5', 1, null, null, null, 2); // a draft, never signed
  return db;
}

describe('migration 0019 (anniversaries index)', () => {
  it("keeps a version-18 shop as it was; the index holds the columns an anniversary reads and the week's anniversaries are as before", async () => {
    const raw = versionEighteen();
    const snapshot = () => raw.prepare('SELECT * FROM contracts ORDER BY id').all();
    const before = snapshot();
    migrate(raw, 19);
    expect(schemaVersionOf(raw)).toBe(19);
    expect(snapshot()).toEqual(before);
    expect(raw.prepare("SELECT name FROM pragma_index_info('contracts_anniversaries') ORDER BY seqno").pluck().all()).toEqual([
      'signed_md',
      'customer_id',
      'signed_on',
      'terminated_on',
      'number',
      'deleted_at',
    ]);
    expect(raw.prepare('SELECT number FROM contracts INDEXED BY contracts_anniversaries WHERE deleted_at IS NULL AND signed_on IS NOT NULL ORDER BY signed_md').pluck().all()).toEqual(['HT-1', 'HT-2', 'HT-3']);

    const db = kyselyOver(raw);
    const now = new Date(2026, 11, 2, 9).getTime();
    const owner = { ...fullAccess({ userId: 1, username: 'boss', role: 'owner' }), now };
    const all = await upcomingOccasions(db, owner, '2026-12-02', 8, null);
    expect(all.map((o) => [o.kind, o.day, o.contractNumber, o.years])).toEqual([
      ['contractAnniversary', '2026-12-03', 'HT-1', 2],
      ['contractAnniversary', '2026-12-04', 'HT-2', 1],
    ]);
    const wang = await upcomingOccasions(db, owner, '2026-12-02', 8, 2);
    expect(wang.map((o) => o.contractNumber)).toEqual(['HT-1']);
    await db.destroy();
  });
});
