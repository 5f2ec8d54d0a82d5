// insertContracts (electron/core/areas/contracts/insert-many.ts), for seeding and imports: rows in
// batches of statements, in the caller's transaction, kept as a single create keeps them (notice_on,
// sort keys), the ids in the batch's order; auto-renew rolls what is due on the next read.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { insertContracts, type NewContract } from '../../electron/core/areas/contracts/insert-many.ts';
import { listContracts, readContract } from '../../electron/core/areas/contracts/service.ts';
import { renewDue } from '../../electron/core/areas/contracts/renew.ts';
import { fullAccess } from '../../electron/core/areas/users/access.ts';
import { transaction } from '../../electron/core/db/database.ts';
import { migrate } from '../../electron/core/db/migrations/index.ts';
import { kyselyOver } from '../../electron/core/db/sqlite/dialect.ts';
import { openEncrypted } from '../../electron/core/db/sqlite/open.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('insertContracts', () => {
  it('inserts 1,200 contracts in batches, as create keeps them, ids in order; auto-renew rolls them on the next read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clientele-contracts-bulk-'));
    dirs.push(dir);
    const raw = openEncrypted(join(dir, 'clientele.db'), 'ab'.repeat(32), { create: true });
    migrate(raw);
    raw.prepare("INSERT INTO users (username, display_name, role, created_at, updated_at) VALUES ('boss', 'Boss', 'owner', 1, 1)").run();
    raw.prepare("INSERT INTO customers (code, kind, name, name_sort, stage, grade, created_at, updated_at) VALUES ('C000001', 'company', '甲', 'jia', 'lead', 'normal', 1, 1)").run();
    const db = kyselyOver(raw);
    const batch: NewContract[] = Array.from({ length: 1200 }, (_, i) => ({
      number: `HT-2026-${String(i + 1).padStart(4, '0')}`,
      title: `合同 ${i}`,
      customerId: 1,
      type: 'sales',
      amount: i * 100,
      currency: 'CNY',
      signedOn: '2026-01-01',
      startOn: '2026-01-01',
      endOn: i % 2 === 0 ? '2026-12-31' : '2026-06-30',
      autoRenew: i % 2 === 1,
      renewalMonths: i % 2 === 1 ? 12 : null,
      noticeDays: 30,
      ownerId: 1,
      notes: '',
      createdAt: 5,
    }));
    const ids = await transaction(db, (tx) => insertContracts(tx, batch, 1));
    expect(ids).toHaveLength(1200);
    expect(new Set(ids).size).toBe(1200);
    const access = fullAccess({ userId: 1, username: 'boss', role: 'owner' });
    const now = new Date(2026, 10, 22, 12).getTime();
    expect(await readContract(db, ids[7]!, access, now)).toMatchObject({ number: 'HT-2026-0008', noticeOn: '2026-05-31', autoRenew: true, renewals: 0, version: 1 });
    expect(await renewDue(db, now)).toBe(600);
    expect(await renewDue(db, now)).toBe(0);
    expect(await readContract(db, ids[7]!, access, now)).toMatchObject({ endOn: '2027-06-30', renewals: 1, status: 'renewed' });
    const page = await listContracts(db, { status: 'expiring', sort: 'number', direction: 'asc', cursor: null, limit: 100 }, access, now);
    expect(page.rows).toHaveLength(0);
    const all = await listContracts(db, { sort: 'amount', direction: 'desc', cursor: null, limit: 3 }, access, now);
    expect(all.rows.map((r) => r.number)).toEqual(['HT-2026-1200', 'HT-2026-1199', 'HT-2026-1198']);
  });
});
