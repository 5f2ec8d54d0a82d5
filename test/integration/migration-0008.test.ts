// Migration 0008 (the contract register) from a version-7 database with users and customers in it,
// live and in the recycle bin: everything kept, the two tables empty, and usable through the
// contracts service once the app's later migrations ran too; the table's own rules (numbers unique whatever the ASCII case, auto-renew
// needs a term and an end, customers and users must exist); the sort keys generated from the
// dates; and the plans SQLite picks without statistics (as a new shop has none): the list's pages
// walk a sort index from the cursor, the expiring range and the renewal check seek an index, and
// counts and totals read only indexes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createContract, listContracts } from '../../electron/core/areas/contracts/service.ts';
import { migrate, schemaVersionOf } from '../../electron/core/db/migrations/index.ts';
import { kyselyOver } from '../../electron/core/db/sqlite/dialect.ts';
import { openEncrypted } from '../../electron/core/db/sqlite/open.ts';
import { fullAccess } from '../../electron/core/areas/users/access.ts';

const KEY = 'ef'.repeat(32);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function versionSeven() {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-mig8-'));
  dirs.push(dir);
  const db = openEncrypted(join(dir, 'clientele.db'), KEY, { create: true });
  migrate(db, 7);
  expect(schemaVersionOf(db)).toBe(7);
  db.prepare("INSERT INTO users (username, display_name, role, created_at, updated_at) VALUES ('boss', 'Boss', 'owner', 1, 1)").run();
  const customer = db.prepare(
    "INSERT INTO customers (code, kind, name, name_sort, stage, grade, owner_id, created_at, updated_at, deleted_at) VALUES (?, 'company', ?, ?, 'lead', 'normal', 1, 1, 1, ?)",
  );
  customer.run('C000001', '甲', 'jia', null);
  customer.run('C000002', '乙', 'yi', 5);
  return db;
}

const plan = (db: ReturnType<typeof versionSeven>, query: string, ...params: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${query}`).all(...params) as { detail: string }[]).map((row) => row.detail).join(' | ');

describe('migration 0008: contracts', () => {
  it('keeps every user and customer, and the contracts service works on it at once', async () => {
    const raw = versionSeven();
    migrate(raw, 8);
    expect(schemaVersionOf(raw)).toBe(8);
    expect(raw.prepare('SELECT code, name, deleted_at FROM customers ORDER BY id').all()).toEqual([
      { code: 'C000001', name: '甲', deleted_at: null },
      { code: 'C000002', name: '乙', deleted_at: 5 },
    ]);
    expect(raw.prepare('SELECT count(*) FROM contracts').pluck().get()).toBe(0);
    expect(raw.prepare('SELECT count(*) FROM contract_events').pluck().get()).toBe(0);

    // The service as this app runs it: on the schema of this app (later migrations index contracts too).
    migrate(raw);
    const db = kyselyOver(raw);
    const access = fullAccess({ userId: 1, username: 'boss', role: 'owner' });
    const now = new Date(2026, 10, 22, 12).getTime();
    const draft = { title: '年度服务', customerId: 1, type: 'service' as const, amount: 100, currency: 'CNY', signedOn: '2026-01-01', startOn: null, autoRenew: false, renewalMonths: null, noticeDays: 30, ownerId: 1, notes: '' };
    await createContract(db, { ...draft, number: 'HT-2026-0001', endOn: '2026-12-10' }, { ...access, now });
    await createContract(db, { ...draft, number: 'HT-2026-0002', endOn: null, amount: null }, { ...access, now });
    const page = await listContracts(db, { sort: 'end', direction: 'asc', cursor: null, limit: 10 }, access, now);
    expect(page.rows.map((r) => [r.number, r.status, r.customerName, r.ownerName])).toEqual([
      ['HT-2026-0001', 'expiring', '甲', 'Boss'],
      ['HT-2026-0002', 'active', '甲', 'Boss'],
    ]);
    // The sort keys: no end date is the latest end, no amount the lowest.
    expect(raw.prepare('SELECT number, end_key, signed_key, amount_key, notice_on FROM contracts ORDER BY id').all()).toEqual([
      { number: 'HT-2026-0001', end_key: '2026-12-10', signed_key: '2026-01-01', amount_key: 100, notice_on: '2026-11-10' },
      { number: 'HT-2026-0002', end_key: '9999-12-31', signed_key: '2026-01-01', amount_key: -1, notice_on: null },
    ]);
  });

  it('enforces its rules in the table too', () => {
    const raw = versionSeven();
    migrate(raw, 8);
    const insert = (number: string, extra = '') =>
      raw.prepare(`INSERT INTO contracts (number, title, customer_id, type, created_at, updated_at${extra ? ', auto_renew' : ''}) VALUES (?, 't', 1, 'sales', 1, 1${extra})`).run(number);
    insert('HT-1');
    expect(() => insert('ht-1')).toThrow(/UNIQUE/);
    expect(() => insert('HT-2', ', 1')).toThrow(/CHECK/);
    expect(() => raw.prepare("INSERT INTO contracts (number, title, customer_id, type, created_at, updated_at) VALUES ('HT-3', 't', 99, 'sales', 1, 1)").run()).toThrow(/FOREIGN KEY/);
    expect(() => raw.prepare("INSERT INTO contracts (number, title, customer_id, type, created_at, updated_at) VALUES ('HT-4', 't', 1, 'lease', 1, 1)").run()).toThrow(/CHECK/);
    // A contract's history goes with it.
    raw.prepare("INSERT INTO contract_events (contract_id, kind, at) VALUES (1, 'terminated', 1)").run();
    raw.prepare('DELETE FROM contracts WHERE id = 1').run();
    expect(raw.prepare('SELECT count(*) FROM contract_events').pluck().get()).toBe(0);
  });

  it('gives the list, the expiring range and the renewal check an index without statistics', () => {
    const raw = versionSeven();
    migrate(raw, 8);
    const base = 'SELECT k.id FROM contracts k JOIN customers c ON c.id = k.customer_id WHERE c.deleted_at IS NULL AND k.deleted_at IS NULL';
    // A later page of each sort starts by one seek in its index (no sort step over every row): the
    // recycle bin's index is partial, so "deleted_at IS NULL" does not draw the planner to it.
    for (const key of ['end_key', 'signed_key', 'amount_key', 'number']) {
      for (const [op, dir] of [['>', 'ASC'], ['<', 'DESC']]) {
        const detail = plan(raw, `${base} AND (k.${key}, k.id) ${op} (?, ?) ORDER BY k.${key} ${dir}, k.id ${dir} LIMIT 51`, 'x', 1);
        expect(detail, `${key} ${dir}`).toMatch(/SEARCH k USING (COVERING )?INDEX/);
        expect(detail, `${key} ${dir}`).not.toContain('TEMP B-TREE');
      }
    }
    expect(plan(raw, `${base} AND k.notice_on >= ? AND k.notice_on <= ? AND k.end_on >= ?`, '2025-11-22', '2026-11-22', '2026-11-22')).toMatch(
      /SEARCH k USING (COVERING )?INDEX contracts_notice \(notice_on>\? AND notice_on<\?\)/,
    );
    expect(plan(raw, `${base} AND k.end_key >= ? AND k.end_key <= ?`, '2026-11-22', '2026-12-22')).toMatch(/SEARCH k USING INDEX contracts_end \(end_key>\? AND end_key<\?\)/);
    // Counts and totals (service.ts counted) read no contract row and no customer row: the nav's
    // badge, the totals of "ends within N days", of the expiring filter and of everything, for the
    // owner (the recycle bin looked up once) and for a staff member (the scope index).
    const live = 'k.deleted_at IS NULL AND (k.terminated_on IS NULL OR k.terminated_on > ?)';
    const owner = '(NOT EXISTS (SELECT 1 FROM customers WHERE deleted_at IS NOT NULL) OR k.customer_id NOT IN (SELECT id FROM customers WHERE deleted_at IS NOT NULL))';
    const staff = 'EXISTS (SELECT 1 FROM customers AS c INDEXED BY customers_scope WHERE c.id = k.customer_id AND c.deleted_at IS NULL AND c.owner_id = ?)';
    const status = "CASE WHEN k.terminated_on IS NOT NULL AND k.terminated_on <= ? THEN 'terminated' WHEN k.signed_on IS NULL THEN 'draft' WHEN k.end_on < ? THEN 'expired' WHEN k.notice_on <= ? THEN 'expiring' WHEN k.renewals > 0 THEN 'renewed' ELSE 'active' END";
    const totals = `SELECT ${status}, k.currency, count(*), sum(k.amount) FROM contracts k WHERE`;
    const day = '2026-11-22';
    const badge = `SELECT count(*) FROM contracts k WHERE ${live} AND k.signed_on IS NOT NULL AND k.notice_on >= ? AND k.notice_on <= ? AND k.end_on >= ?`;
    expect(plan(raw, `${badge} AND ${owner}`, day, '2025-11-22', day, day)).toMatch(/^SEARCH k USING COVERING INDEX contracts_notice \(notice_on>\? AND notice_on<\?\) \| SCALAR SUBQUERY 1 \| SEARCH customers USING COVERING INDEX customers_in_bin .*\| LIST SUBQUERY 2 \| SEARCH customers USING COVERING INDEX customers_in_bin/);
    expect(plan(raw, `${badge} AND ${staff}`, day, '2025-11-22', day, day, 1)).toMatch(/^SEARCH k USING COVERING INDEX contracts_notice .*SEARCH c EXISTS USING COVERING INDEX customers_scope/);
    const within = `${totals} ${live} AND k.end_on >= ? AND k.end_on <= ? AND ${owner} GROUP BY 1, 2 ORDER BY 1, 2`;
    expect(plan(raw, within, day, day, day, day, day, '2026-12-22')).toMatch(/^SEARCH k USING COVERING INDEX contracts_totals \(end_on>\? AND end_on<\?\)/);
    const all = plan(raw, `${totals} k.deleted_at IS NULL AND ${owner} GROUP BY 1, 2 ORDER BY 1, 2`, day, day, day);
    expect(all).toMatch(/^SCAN k USING COVERING INDEX/);
    expect(all.match(/TEMP B-TREE/g)).toHaveLength(1); // grouped once, in the order asked for
    expect(
      plan(raw, "SELECT id FROM contracts WHERE auto_renew = 1 AND terminated_on IS NULL AND signed_on IS NOT NULL AND deleted_at IS NULL AND end_on < ?", '2026-11-22'),
    ).toMatch(/contracts_renewing \(end_on<\?\)/);
  });
});
