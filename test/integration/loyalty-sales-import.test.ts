// Points from the sales import: a member's imported sales earn in the import's own transaction
// (one earn per sale, dated on the sale's day), a non-member's earn nothing, and undoing the
// import reverses those points (a 'reversal' naming each earn) — the ledger stays consistent.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csvGbk, type FixtureFile, type Table } from '../fixtures/import-files.ts';
import { makeHarness, shopWithRoles, type Harness } from './harness.ts';

let h: Harness;
let member: { id: number; code: string };
let other: { id: number; code: string };

beforeEach(async () => {
  h = makeHarness();
  await shopWithRoles(h);
  await h.call('owner', 'loyalty.saveSettings', { version: 0, settings: { enabled: true, currency: 'CNY', earn: { perAmountMinor: 100, points: 1 }, tiers: [{ key: 'normal', name: '普通会员', threshold: 0 }] } });
  member = await h.call('owner', 'customers.create', { name: '会员商行', kind: 'company' });
  other = await h.call('owner', 'customers.create', { name: '散客商行', kind: 'company' });
  await h.call('owner', 'loyalty.join', { customerId: member.id });
}, 60_000);
afterEach(() => h.cleanup());

const HEADER = ['销售日期', '单号', '客户编号', '客户名称', '产品', '数量', '单价', '折扣', '币种', '备注'];
const gbkFile = (rows: Table): FixtureFile => ({ name: '销售.csv', bytes: csvGbk([HEADER, ...rows]) });

async function importSales(file: FixtureFile) {
  const staged = await h.core.upload('owner', 'import', {
    name: file.name,
    declaredSize: file.bytes.length,
    chunks: (async function* () {
      yield file.bytes;
    })(),
  });
  if (!staged.ok) throw new Error(staged.error.message);
  const ref = { upload: staged.value.upload };
  const inspection = await h.call('owner', 'imports.inspect', { file: ref, kind: 'sales' });
  return h.call('owner', 'imports.run', { file: ref, kind: 'sales', mapping: inspection.mapping });
}

describe('points from the sales import', () => {
  it('earns for members in the import, and its undo reverses them', async () => {
    const result = await importSales(
      gbkFile([
        ['2026/11/22', 'R1', member.code, '', '西湖龙井', '2', '150', '0', 'CNY', ''],
        ['2026/11/22', 'R2', member.code, '', '紫砂茶具', '1', '99.90', '0', 'CNY', ''],
        ['2026/11/22', 'R3', other.code, '', '西湖龙井', '1', '500', '0', 'CNY', ''],
      ]),
    );
    expect(result).toMatchObject({ created: 3, errorCount: 0 });
    let ledger = await h.call('owner', 'loyalty.ledger', { customerId: member.id });
    expect(ledger.balance).toBe(399);
    expect(ledger.rows.map((r) => [r.kind, r.points, r.onDay])).toEqual([
      ['earn', 99, '2026-11-22'],
      ['earn', 300, '2026-11-22'],
    ]);
    expect((await h.call('owner', 'loyalty.check', {})).members).toBe(1);

    await h.call('owner', 'imports.undo', { batch: result.batch! });
    ledger = await h.call('owner', 'loyalty.ledger', { customerId: member.id });
    expect(ledger.balance).toBe(0);
    expect(ledger.rows.filter((r) => r.kind === 'reversal').map((r) => [r.points, r.reason])).toEqual(
      expect.arrayContaining([
        [-300, 'saleDeleted'],
        [-99, 'saleDeleted'],
      ]),
    );
    expect((await h.call('owner', 'loyalty.check', {})).ok).toBe(true);
  });
});
