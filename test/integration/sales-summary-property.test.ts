// The sales summary tables (sales_monthly, customer_sales; kept by triggers, migration 0022) equal
// a full recomputation (sales.check → checkSalesSummaries) after every random sequence of writes
// through every path: sales created, edited (day, customer, currency, lines), deleted, restored;
// customers' grade and responsible staff changed, put in the recycle bin and back; duplicate merges
// and their undo; a bulk insert (insertSales, as the seed and imports use it). Days include the
// last and first days of months, so a month boundary is crossed by edits.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteDatabase } from '../../electron/core/db/sqlite/open.ts';
import { kyselyOver } from '../../electron/core/db/sqlite/dialect.ts';
import { transaction } from '../../electron/core/db/database.ts';
import { insertSales } from '../../electron/core/areas/sales/service.ts';
import { rawDb } from './attachments-kit.ts';
import { makeHarness, shopWithRoles, userNamed, type Harness } from './harness.ts';

const DAYS = ['2026-01-31', '2026-02-01', '2026-02-28', '2026-03-01', '2026-11-30', '2026-12-01', '2026-12-31'];
const GRADES = ['vip', 'key', 'normal', 'potential'] as const;
const CUSTOMERS = 5;

let h: Harness;
let raw: SqliteDatabase;
const customers: number[] = [];
let staffId: number;

beforeAll(async () => {
  h = makeHarness();
  await shopWithRoles(h);
  await h.call('owner', 'settings.update', { idleLockMinutes: 0 });
  staffId = (await userNamed(h, 'staff')).id;
  for (let i = 0; i < CUSTOMERS; i++) customers.push((await h.call('owner', 'customers.create', { name: `汇总客户${i}`, grade: GRADES[i % 4] })).id);
  raw = await rawDb(h);
}, 60_000);
afterAll(() => {
  raw.close();
  h.cleanup();
});

const Line = fc.record({ name: fc.constantFrom('西湖龙井', '紫砂茶壶', '茶艺培训课', 'Sample'), quantityMilli: fc.integer({ min: 1, max: 5000 }), unitPriceMinor: fc.integer({ min: 0, max: 100_000 }) });
const Sale = fc.record({ customer: fc.nat(CUSTOMERS - 1), day: fc.constantFrom(...DAYS), currency: fc.constantFrom('CNY', 'CNY', 'USD'), lines: fc.array(Line, { minLength: 1, maxLength: 3 }) });

const Op = fc.oneof(
  fc.record({ op: fc.constant('create' as const), sale: Sale }),
  fc.record({ op: fc.constant('update' as const), pick: fc.nat(), sale: Sale }),
  fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('restore' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('grade' as const), customer: fc.nat(CUSTOMERS - 1), grade: fc.constantFrom(...GRADES) }),
  fc.record({ op: fc.constant('owner' as const), customer: fc.nat(CUSTOMERS - 1), mine: fc.boolean() }),
  fc.record({ op: fc.constant('bin' as const), customer: fc.nat(CUSTOMERS - 1) }),
  fc.record({ op: fc.constant('unbin' as const), customer: fc.nat(CUSTOMERS - 1) }),
  fc.record({ op: fc.constant('merge' as const), keep: fc.nat(CUSTOMERS - 1), merge: fc.nat(CUSTOMERS - 1), undo: fc.boolean() }),
  fc.record({ op: fc.constant('bulk' as const), sales: fc.array(Sale, { minLength: 1, maxLength: 20 }) }),
);
type Op = typeof Op extends fc.Arbitrary<infer T> ? T : never;

const live = (id: number) => (raw.prepare('SELECT deleted_at FROM customers WHERE id = ?').get(id) as { deleted_at: number | null }).deleted_at === null;
const saleIds = (deleted: boolean) => (raw.prepare(`SELECT s.id FROM sales s JOIN customers c ON c.id = s.customer_id WHERE c.deleted_at IS NULL AND s.deleted_at IS ${deleted ? 'NOT' : ''} NULL ORDER BY s.id`).pluck().all() as number[]);

async function run(op: Op): Promise<void> {
  const draft = (sale: Extract<Op, { op: 'create' }>['sale']) => ({ customerId: customers[sale.customer]!, soldOn: sale.day, currency: sale.currency, lines: sale.lines });
  switch (op.op) {
    case 'create':
      if (live(customers[op.sale.customer]!)) await h.call('owner', 'sales.create', draft(op.sale));
      return;
    case 'update': {
      const ids = saleIds(false);
      if (ids.length === 0 || !live(customers[op.sale.customer]!)) return;
      const id = ids[op.pick % ids.length]!;
      const { version } = await h.call('owner', 'sales.get', { id });
      await h.call('owner', 'sales.update', { id, version, ...draft(op.sale) });
      return;
    }
    case 'delete':
    case 'restore': {
      const ids = saleIds(op.op === 'restore');
      if (ids.length > 0) await h.call('owner', op.op === 'delete' ? 'sales.delete' : 'sales.restore', { id: ids[op.pick % ids.length]! });
      return;
    }
    case 'grade':
      raw.prepare('UPDATE customers SET grade = ?, version = version + 1 WHERE id = ?').run(op.grade, customers[op.customer]!);
      return;
    case 'owner':
      raw.prepare('UPDATE customers SET owner_id = ?, version = version + 1 WHERE id = ?').run(op.mine ? staffId : null, customers[op.customer]!);
      return;
    case 'bin': {
      const id = customers[op.customer]!;
      if (!live(id)) return;
      const { version } = await h.call('owner', 'customers.get', { id });
      await h.call('owner', 'customers.delete', { id, version });
      return;
    }
    case 'unbin': {
      const id = customers[op.customer]!;
      const merged = raw.prepare('SELECT merged_into FROM customers WHERE id = ?').pluck().get(id);
      if (!live(id) && merged === null) await h.call('owner', 'customers.restore', { id });
      return;
    }
    case 'merge': {
      const [keep, merge] = [customers[op.keep]!, customers[op.merge]!];
      if (keep === merge || !live(keep) || !live(merge)) return;
      const [a, b] = [await h.call('owner', 'customers.get', { id: keep }), await h.call('owner', 'customers.get', { id: merge })];
      const result = await h.call('owner', 'duplicates.merge', { keep, merge, fields: { grade: 'merge', ownerId: 'merge' }, version: { keep: a.version, merge: b.version } });
      expect((await h.call('owner', 'sales.check', {})).differences).toEqual([]);
      if (op.undo) await h.call('owner', 'duplicates.undoMerge', { merge: result.merge });
      return;
    }
    case 'bulk': {
      const drafts = op.sales.filter((s) => live(customers[s.customer]!)).map((s) => ({ ...draft(s), createdBy: null, createdAt: h.clock.now }));
      const db = kyselyOver(raw);
      await transaction(db, (tx) => insertSales(tx, drafts));
      return;
    }
  }
}

describe('the sales summaries', () => {
  it('equal a full recomputation after any sequence of writes, merges, undos and bulk inserts (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(Op, { minLength: 1, maxLength: 12 }), async (ops) => {
        for (const op of ops) {
          await run(op);
          const check = await h.call('owner', 'sales.check', {});
          expect(check.differences, JSON.stringify(op)).toEqual([]);
        }
        // A merged customer stays merged between runs only until undone; bring every customer back live for the next run.
        for (const id of customers) {
          const row = raw.prepare('SELECT deleted_at, merged_into FROM customers WHERE id = ?').get(id) as { deleted_at: number | null; merged_into: number | null };
          if (row.deleted_at !== null && row.merged_into === null) await h.call('owner', 'customers.restore', { id });
        }
        const merged = raw.prepare('SELECT id FROM customer_merges WHERE undone_at IS NULL ORDER BY id DESC').pluck().all() as number[];
        for (const id of merged) await h.call('owner', 'duplicates.undoMerge', { merge: id });
        expect((await h.call('owner', 'sales.check', {})).ok).toBe(true);
      }),
      { numRuns: 25 },
    );
  }, 300_000);
});
