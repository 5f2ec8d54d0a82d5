// Migration 0026 (needs) from a version-25 database with customers, contacts and a catalogue item in
// it: every row stays as it was, the needs tables are there and empty, their CHECKs and foreign keys
// hold (a kind, a status, a day as YYYY-MM-DD, a budget in order, a real customer), a contact removed
// leaves a need's decision makers, and the needs service works on the migrated shop at once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersionOf } from '../../electron/core/db/migrations/index.ts';
import { kyselyOver } from '../../electron/core/db/sqlite/dialect.ts';
import { openEncrypted } from '../../electron/core/db/sqlite/open.ts';
import { countNeeds, createNeed, listNeeds } from '../../electron/core/areas/needs/service.ts';
import { fullAccess } from '../../electron/core/areas/users/access.ts';

const KEY = 'e6'.repeat(32);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function versionTwentyFive() {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-mig26-'));
  dirs.push(dir);
  const db = openEncrypted(join(dir, 'clientele.db'), KEY, { create: true });
  migrate(db, 25);
  expect(schemaVersionOf(db)).toBe(25);
  db.prepare("INSERT INTO users (username, display_name, role, active, created_at, updated_at) VALUES ('boss', '老板', 'owner', 1, 1, 1)").run();
  const customer = db.prepare("INSERT INTO customers (code, kind, name, name_sort, region_sort, stage, grade, owner_id, created_at, updated_at) VALUES (?, 'company', ?, '', '', 'active', ?, ?, 1, 1)");
  customer.run('C000001', '茶香贸易', 'vip', 1);
  customer.run('C000002', '远方商行', 'normal', null);
  const contact = db.prepare('INSERT INTO contacts (customer_id, position, name, created_at, updated_at) VALUES (?, ?, ?, 1, 1)');
  contact.run(1, 0, '王总');
  contact.run(1, 1, '李工');
  db.prepare("INSERT INTO catalogue_items (name, kind, unit, price_minor, currency, created_at, updated_at) VALUES ('年度维保合同', 'service', '年', 1200000, 'CNY', 1, 1)").run();
  return db;
}

describe('migration 0026 (needs)', () => {
  it('keeps a version-25 shop as it was and adds the needs tables with their checks', async () => {
    const raw = versionTwentyFive();
    const snapshot = () => ({
      customers: raw.prepare('SELECT id, code, name, grade, owner_id, version, deleted_at FROM customers ORDER BY id').all(),
      contacts: raw.prepare('SELECT * FROM contacts ORDER BY id').all(),
      catalogue: raw.prepare('SELECT * FROM catalogue_items ORDER BY id').all(),
    });
    const before = snapshot();
    migrate(raw, 26);
    expect(schemaVersionOf(raw)).toBe(26);
    expect(snapshot()).toEqual(before);
    for (const table of ['needs', 'need_contacts']) expect(raw.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });

    const need = raw.prepare(
      'INSERT INTO needs (customer_id, kind, title, status, needed_by, budget_min_minor, budget_max_minor, status_at, noted_by, noted_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, 1, 1, 1)',
    );
    expect(() => need.run(1, 'wish', '维保', 'open', null, null, null)).toThrow(/CHECK/);
    expect(() => need.run(1, 'pain', '维保', 'done', null, null, null)).toThrow(/CHECK/);
    expect(() => need.run(1, 'pain', '', 'open', null, null, null)).toThrow(/CHECK/);
    expect(() => need.run(1, 'pain', '维保', 'open', '2026/12/01', null, null)).toThrow(/CHECK/);
    expect(() => need.run(1, 'budget', '预算', 'open', null, 20, 10)).toThrow(/CHECK/);
    expect(() => need.run(99, 'pain', '维保', 'open', null, null, null)).toThrow(/FOREIGN KEY/);
    const id = Number(need.run(1, 'decision', '决策', 'open', '2026-12-20', null, null).lastInsertRowid);
    const link = raw.prepare('INSERT INTO need_contacts (need_id, contact_id, position) VALUES (?, ?, ?)');
    link.run(id, 1, 0);
    link.run(id, 2, 1);
    expect(() => link.run(id, 99, 2)).toThrow(/FOREIGN KEY/);
    // A contact taken off the customer leaves the decision makers with it.
    raw.prepare('DELETE FROM contacts WHERE id = 2').run();
    expect(raw.prepare('SELECT contact_id FROM need_contacts WHERE need_id = ?').pluck().all(id)).toEqual([1]);

    // The service works on the migrated shop at once.
    const db = kyselyOver(raw);
    const access = fullAccess({ userId: 1, username: 'boss', role: 'owner' });
    const created = await createNeed(db, { customerId: 1, kind: 'service', title: '要维保', detail: '', itemId: 1, neededBy: '2026-12-31', responseHours: null, onSite: false, training: false, budgetMinMinor: null, budgetMaxMinor: null, currency: 'CNY', contactIds: [] }, { ...access, now: 2 });
    expect(created).toMatchObject({ itemName: '年度维保合同', customerName: '茶香贸易', notedByName: '老板' });
    const page = await listNeeds(db, { itemId: 1, deleted: false, cursor: null, limit: 10 }, access);
    expect(page.rows.map((r) => r.id)).toEqual([created.id]);
    expect(await countNeeds(db, { neededFrom: '2026-10-01', neededTo: '2026-12-31', deleted: false }, access)).toEqual({ count: 2 });
    raw.close();
  });
});
