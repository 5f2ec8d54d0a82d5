// Migration 0027 (competitors) from a version-26 database with customers in it: every row stays as
// it was, the two tables are there and empty, their CHECKs and unique indexes hold (one active
// competitor per name letter case ignored, one row per customer and competitor), a customer's
// delete takes its presence rows (ON DELETE CASCADE), and the service works on the migrated shop.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersionOf } from '../../electron/core/db/migrations/index.ts';
import { kyselyOver } from '../../electron/core/db/sqlite/dialect.ts';
import { openEncrypted } from '../../electron/core/db/sqlite/open.ts';
import { addPresence, competitorReach, createCompetitor } from '../../electron/core/areas/competitors/service.ts';
import { fullAccess } from '../../electron/core/areas/users/access.ts';

const KEY = 'e7'.repeat(32);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function versionTwentySix() {
  const dir = mkdtempSync(join(tmpdir(), 'clientele-mig27-'));
  dirs.push(dir);
  const db = openEncrypted(join(dir, 'clientele.db'), KEY, { create: true });
  migrate(db, 26);
  expect(schemaVersionOf(db)).toBe(26);
  db.prepare("INSERT INTO users (username, display_name, role, active, created_at, updated_at) VALUES ('boss', '老板', 'owner', 1, 1, 1)").run();
  const customer = db.prepare("INSERT INTO customers (code, kind, name, name_sort, region_sort, stage, grade, owner_id, created_at, updated_at) VALUES (?, 'company', ?, '', '', 'active', ?, ?, 1, 1)");
  customer.run('C000001', '茶香贸易', 'vip', 1);
  customer.run('C000002', '远方商行', 'normal', null);
  return db;
}

describe('migration 0027 (competitors)', () => {
  it('keeps a version-26 shop as it was and adds the competitor tables with their rules', async () => {
    const raw = versionTwentySix();
    const snapshot = () => raw.prepare('SELECT * FROM customers ORDER BY id').all();
    const before = snapshot();
    migrate(raw, 27);
    expect(schemaVersionOf(raw)).toBe(27);
    expect(snapshot()).toEqual(before);
    for (const table of ['competitors', 'competitor_presence']) expect(raw.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });

    const competitor = raw.prepare('INSERT INTO competitors (name, price_level, active, created_at, updated_at) VALUES (?, ?, ?, 1, 1)');
    const acme = Number(competitor.run('Acme', 'low', 1).lastInsertRowid);
    expect(() => competitor.run('ACME', null, 1)).toThrow(/UNIQUE/);
    competitor.run('ACME', null, 0); // a retired one may share the name
    expect(() => competitor.run('Other', 'cheap', 1)).toThrow(/CHECK/);
    expect(() => competitor.run('', null, 1)).toThrow(/CHECK/);

    const presence = raw.prepare('INSERT INTO competitor_presence (customer_id, competitor_id, share_percent, contract_end_on, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, 1)');
    presence.run(2, acme, 40, '2027-03-31', 'behind');
    expect(() => presence.run(2, acme, null, null, 'even')).toThrow(/UNIQUE/);
    expect(() => presence.run(1, acme, 101, null, 'even')).toThrow(/CHECK/);
    expect(() => presence.run(1, acme, null, '2027/03/31', 'even')).toThrow(/CHECK/);
    expect(() => presence.run(1, acme, null, null, 'winning')).toThrow(/CHECK/);
    expect(() => presence.run(99, acme, null, null, 'even')).toThrow(/FOREIGN KEY/);
    raw.prepare('DELETE FROM customers WHERE id = 2').run();
    expect(raw.prepare('SELECT count(*) AS n FROM competitor_presence').get()).toEqual({ n: 0 });

    // The service on the migrated shop.
    const db = kyselyOver(raw);
    const actor = { ...fullAccess({ userId: 1, username: 'boss', role: 'owner' }), now: 10 };
    const made = await createCompetitor(db, { name: '远大科技', products: '', priceLevel: 'high', strengths: '', weaknesses: '', notes: '' }, actor);
    await addPresence(db, { customerId: 1, competitorId: made.id, products: '打印机', sharePercent: 30, contractEndOn: null, position: 'even', notes: '' }, actor);
    expect((await competitorReach(db, actor)).rows).toEqual([{ competitorId: made.id, name: '远大科技', active: true, byGrade: { vip: 1, key: 0 }, total: 1 }]);
    raw.close();
  });
});
