// Migration 0022 (sales) from a version-21 database with customers and a contract in it: every row
// stays as it was, the sales tables are there and empty, their CHECKs hold, and the summary tables
// follow raw SQL writes through the triggers (insert, edit, delete to the bin, a customer's grade,
// owner and recycle bin, a purge), equal to a recomputation (checkSalesSummaries) after each; the
// sales service works on the migrated shop at once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersionOf } from '../../electron/core/db/migrations/index.ts';
import { kyselyOver } from '../../electron/core/db/sqlite/dialect.ts';
import { openEncrypted } from '../../electron/core/db/sqlite/open.ts';
import { checkSalesSummaries } from '../../electron/core/areas/sales/summaries.ts';
import { createSale, listSales } from '../../electron/core/areas/sales/service.ts';
import { fullAccess } from '../../electron/core/areas/users/access.ts';

const KEY = 'e2'.repeat(32);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function versionTwentyOne() {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-mig22-'));
  dirs.push(dir);
  const db = openEncrypted(join(dir, 'clientele.db'), KEY, { create: true });
  migrate(db, 21);
  expect(schemaVersionOf(db)).toBe(21);
  db.prepare("INSERT INTO users (username, display_name, role, active, created_at, updated_at) VALUES ('boss', '老板', 'owner', 1, 1, 1)").run();
  const customer = db.prepare("INSERT INTO customers (code, kind, name, name_sort, region_sort, stage, grade, owner_id, created_at, updated_at) VALUES (?, 'company', ?, '', '', 'active', ?, ?, 1, 1)");
  customer.run('C000001', '茶香贸易', 'vip', 1);
  customer.run('C000002', '远方商行', 'normal', null);
  db.prepare("INSERT INTO contracts (number, title, customer_id, type, created_at, updated_at) VALUES ('HT-2026-0001', '年度供货', 1, 'sales', 1, 1)").run();
  return db;
}

describe('migration 0022 (sales)', () => {
  it('keeps a version-21 shop as it was, adds the sales tables, and the triggers keep the summaries', async () => {
    const raw = versionTwentyOne();
    const snapshot = () => ({
      customers: raw.prepare('SELECT id, code, name, grade, owner_id, version, deleted_at FROM customers ORDER BY id').all(),
      contracts: raw.prepare('SELECT * FROM contracts ORDER BY id').all(),
    });
    const before = snapshot();
    migrate(raw, 22);
    expect(schemaVersionOf(raw)).toBe(22);
    expect(snapshot()).toEqual(before);
    for (const table of ['catalogue_items', 'sales', 'sale_lines', 'sales_monthly', 'customer_sales']) {
      expect(raw.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
    }
    const db = kyselyOver(raw);
    expect(await checkSalesSummaries(db)).toEqual([]);

    // CHECKs: a day as YYYY-MM-DD, no negative total, a real customer.
    const sale = raw.prepare('INSERT INTO sales (customer_id, sold_on, currency, total_minor, created_at, updated_at) VALUES (?, ?, ?, ?, 1, 1)');
    expect(() => sale.run(1, '2026/11/30', 'CNY', 1)).toThrow(/CHECK/);
    expect(() => sale.run(1, '2026-11-30', 'CNY', -1)).toThrow(/CHECK/);
    expect(() => sale.run(99, '2026-11-30', 'CNY', 1)).toThrow(/FOREIGN KEY/);

    // Raw writes, as an import or a later area would make them: the triggers keep up.
    const a = Number(sale.run(1, '2026-11-30', 'CNY', 1000).lastInsertRowid);
    sale.run(1, '2026-11-02', 'CNY', 500);
    sale.run(1, '2026-10-31', 'USD', 700);
    const b = Number(sale.run(2, '2026-12-01', 'CNY', 300).lastInsertRowid);
    expect(raw.prepare("SELECT revenue_minor, sale_count, grade, owner_id, live FROM sales_monthly WHERE customer_id = 1 AND month = '2026-11' AND currency = 'CNY'").get()).toEqual({
      revenue_minor: 1500,
      sale_count: 2,
      grade: 'vip',
      owner_id: 1,
      live: 1,
    });
    expect(raw.prepare('SELECT first_on, last_on, sale_count FROM customer_sales WHERE customer_id = 1').get()).toEqual({ first_on: '2026-10-31', last_on: '2026-11-30', sale_count: 3 });
    expect(await checkSalesSummaries(db)).toEqual([]);

    raw.prepare("UPDATE sales SET sold_on = '2026-12-31', total_minor = 1234 WHERE id = ?").run(a);
    raw.prepare('UPDATE sales SET deleted_at = 5 WHERE id = ?').run(b);
    raw.prepare("UPDATE customers SET grade = 'key', owner_id = NULL WHERE id = 1").run();
    raw.prepare('UPDATE customers SET deleted_at = 9 WHERE id = 2').run();
    expect(await checkSalesSummaries(db)).toEqual([]);
    expect(raw.prepare('SELECT DISTINCT grade, owner_id FROM sales_monthly WHERE customer_id = 1').all()).toEqual([{ grade: 'key', owner_id: null }]);
    raw.prepare('UPDATE sales SET deleted_at = NULL WHERE id = ?').run(b);
    expect(raw.prepare('SELECT live FROM sales_monthly WHERE customer_id = 2').all()).toEqual([{ live: 0 }]);
    raw.prepare('DELETE FROM sales WHERE customer_id = 2').run();
    raw.prepare('DELETE FROM customers WHERE id = 2').run();
    expect(await checkSalesSummaries(db)).toEqual([]);

    // A wrong summary is found.
    raw.prepare("UPDATE sales_monthly SET revenue_minor = revenue_minor + 1 WHERE customer_id = 1 AND month = '2026-12'").run();
    expect(await checkSalesSummaries(db)).toEqual([{ table: 'sales_monthly', key: '1 2026-12 CNY', stored: '1235 1 key - 1', expected: '1234 1 key - 1' }]);
    raw.prepare("UPDATE sales_monthly SET revenue_minor = revenue_minor - 1 WHERE customer_id = 1 AND month = '2026-12'").run();

    // The service on the migrated shop, brought up to this app's version first as opening a shop
    // does: today's sales service also writes to later areas' tables (a sale earns loyalty points).
    migrate(raw);
    const actor = { ...fullAccess({ userId: 1, username: 'boss', role: 'owner' }), now: 10 };
    const made = await createSale(db, { customerId: 1, soldOn: '2026-11-15', currency: 'CNY', contractId: 1, staffId: null, notes: '', lines: [{ name: '西湖龙井', quantityMilli: 2000, unitPriceMinor: 68_000, discountMinor: 0 }] }, actor);
    expect(made).toMatchObject({ totalMinor: 136_000, contractNumber: 'HT-2026-0001' });
    expect((await listSales(db, { cursor: null, limit: 10, deleted: false }, actor)).rows.map((r) => r.id)).toContain(made.id);
    expect(await checkSalesSummaries(db)).toEqual([]);
    raw.close();
  });
});
