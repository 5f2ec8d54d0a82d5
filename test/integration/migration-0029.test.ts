// Migration 0029 (loyalty) from a version-28 database with customers and sales in it: every row
// stays as it was, the loyalty tables are there and empty, their CHECKs and append-only triggers
// hold, and the loyalty service works on the migrated shop at once (a sale of a member earns).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersionOf } from '../../electron/core/db/migrations/index.ts';
import { kyselyOver } from '../../electron/core/db/sqlite/dialect.ts';
import { openEncrypted } from '../../electron/core/db/sqlite/open.ts';
import { checkLedger } from '../../electron/core/areas/loyalty/ledger.ts';
import { join as joinProgramme, saveSettings } from '../../electron/core/areas/loyalty/service.ts';
import { createSale } from '../../electron/core/areas/sales/service.ts';
import { fullAccess } from '../../electron/core/areas/users/access.ts';

const KEY = 'e9'.repeat(32);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function versionTwentyEight() {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-mig29-'));
  dirs.push(dir);
  const db = openEncrypted(join(dir, 'clientele.db'), KEY, { create: true });
  migrate(db, 28);
  expect(schemaVersionOf(db)).toBe(28);
  db.prepare("INSERT INTO users (username, display_name, role, active, created_at, updated_at) VALUES ('boss', '老板', 'owner', 1, 1, 1)").run();
  const customer = db.prepare("INSERT INTO customers (code, kind, name, name_sort, region_sort, stage, grade, owner_id, created_at, updated_at) VALUES (?, 'company', ?, '', '', 'active', ?, ?, 1, 1)");
  customer.run('C000001', '茶香贸易', 'vip', 1);
  customer.run('C000002', '远方商行', 'normal', null);
  db.prepare("INSERT INTO sales (customer_id, sold_on, currency, total_minor, created_at, updated_at) VALUES (1, '2026-11-01', 'CNY', 5000, 1, 1)").run();
  return db;
}

describe('migration 0029 (loyalty)', () => {
  it('keeps a version-28 shop as it was and adds the loyalty tables with their checks', async () => {
    const raw = versionTwentyEight();
    const snapshot = () => ({
      customers: raw.prepare('SELECT id, code, name, grade, owner_id, version FROM customers ORDER BY id').all(),
      sales: raw.prepare('SELECT * FROM sales ORDER BY id').all(),
    });
    const before = snapshot();
    migrate(raw, 29);
    expect(schemaVersionOf(raw)).toBe(29);
    expect(snapshot()).toEqual(before);
    for (const table of ['loyalty_settings', 'loyalty_members', 'points_ledger', 'loyalty_tier_changes', 'loyalty_rewards', 'loyalty_coupons', 'loyalty_referrals', 'loyalty_merges']) {
      expect(raw.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
    }
    const db = kyselyOver(raw);
    expect(await checkLedger(db)).toEqual({ ok: true, members: 0, entries: 0, differences: [] });

    // CHECKs: a balance never negative; an entry never 0 points (but a spent sale's reversal), signs by kind, a correction's reason.
    raw.prepare("INSERT INTO loyalty_members (customer_id, joined_on, tier_key, balance, created_at) VALUES (2, '2026-11-01', 'normal', 0, 1)").run();
    expect(() => raw.prepare('UPDATE loyalty_members SET balance = -1 WHERE customer_id = 2').run()).toThrow(/CHECK/);
    const entry = raw.prepare("INSERT INTO points_ledger (customer_id, kind, points, on_day, at, reason) VALUES (2, ?, ?, '2026-11-01', 1, ?)");
    expect(() => entry.run('earn', 0, '')).toThrow(/CHECK/);
    expect(() => entry.run('earn', -5, '')).toThrow(/CHECK/);
    expect(() => entry.run('redeem', 5, '')).toThrow(/CHECK/);
    expect(() => entry.run('correction', 5, '')).toThrow(/CHECK/);
    expect(() => entry.run('bonus', 5, 'x')).toThrow(/CHECK/);
    const id = Number(entry.run('correction', 5, '补录').lastInsertRowid);
    entry.run('reversal', 0, 'saleDeleted;shortfall=5');
    // Append-only: no delete, no edit of what an entry says.
    expect(() => raw.prepare('DELETE FROM points_ledger WHERE id = ?').run(id)).toThrow(/append-only/);
    expect(() => raw.prepare('UPDATE points_ledger SET points = 6 WHERE id = ?').run(id)).toThrow(/append-only/);
    expect(() => raw.prepare("UPDATE points_ledger SET reason = 'x' WHERE id = ?").run(id)).toThrow(/append-only/);
    raw.prepare('UPDATE points_ledger SET customer_id = 1 WHERE id = ?').run(id); // a merge's move
    raw.prepare('UPDATE points_ledger SET customer_id = 2 WHERE id = ?').run(id);
    // The raw entry did not move the balance: the check finds it.
    expect((await checkLedger(db)).differences).toEqual([{ customerId: 2, balance: 0, ledgerSum: 5 }]);

    // The service on the migrated shop: a member's sale earns, the ledger checks out for them.
    const actor = { ...fullAccess({ userId: 1, username: 'boss', role: 'owner' }), now: new Date(2026, 10, 20, 10).getTime() };
    await saveSettings(db, { version: 0, settings: { enabled: true, currency: 'CNY', earn: { perAmountMinor: 100, points: 1, perItem: [] }, expiryMonths: 0, referralPoints: 0, tiers: [{ key: 'normal', name: '普通会员', threshold: 0, multiplierPermille: 1000, benefits: '' }] } }, actor);
    await joinProgramme(db, 1, actor);
    await createSale(db, { customerId: 1, soldOn: '2026-11-20', currency: 'CNY', contractId: null, staffId: null, notes: '', lines: [{ name: '西湖龙井', quantityMilli: 1000, unitPriceMinor: 12_345, discountMinor: 0 }] }, actor);
    expect(raw.prepare('SELECT balance FROM loyalty_members WHERE customer_id = 1').pluck().get()).toBe(123);
    expect((await checkLedger(db)).differences.map((d) => d.customerId)).toEqual([2]);
    raw.close();
  });
});
