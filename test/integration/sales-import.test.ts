// Sales through the import (kind 'sales'): a GBK CSV whose rows are sale lines, the same receipt
// number grouping lines into one sale; the customer found by code, else by exact name; quantities
// and money read exactly (text and a workbook's raw numbers); row errors by the file's row number
// and field; all or nothing with 'abort'; the summary tables equal a recomputation after the import
// and after its undo; undo refused once a sale was edited or deleted; only importers may import.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../shared/api/contract.ts';
import { csvGbk, xlsx, type Cell, type FixtureFile, type Table } from '../fixtures/import-files.ts';
import { makeHarness, shopWithRoles, type Harness } from './harness.ts';

let h: Harness;
let codeA: string;
let idA: number;
let idFar: number;

beforeEach(async () => {
  h = makeHarness();
  await shopWithRoles(h);
  const a = await h.call('owner', 'customers.create', { name: '北京零壹科技有限公司', kind: 'company' });
  codeA = a.code;
  idA = a.id;
  idFar = (await h.call('owner', 'customers.create', { name: '远方商行', kind: 'company' })).id;
  await h.call('owner', 'customers.create', { name: '同名商行', kind: 'company' });
  await h.call('owner', 'customers.create', { name: '同名商行', kind: 'company', phone: '01088886666' });
});
afterEach(() => h.cleanup());

const HEADER = ['销售日期', '单号', '客户编号', '客户名称', '产品', '数量', '单价', '折扣', '币种', '备注'];

async function stage(file: FixtureFile, session = 'owner'): Promise<{ upload: string }> {
  const result = await h.core.upload(session, 'import', {
    name: file.name,
    declaredSize: file.bytes.length,
    chunks: (async function* () {
      yield file.bytes;
    })(),
  });
  if (!result.ok) throw new Error(`upload failed: ${result.error.code} ${result.error.message}`);
  return { upload: result.value.upload };
}

async function importSales(file: FixtureFile, options: Partial<Pick<MethodInput<'imports.run'>, 'onError'>> = {}, session = 'owner') {
  const ref = await stage(file, session);
  const inspection = await h.call(session, 'imports.inspect', { file: ref, kind: 'sales' });
  const request = { file: ref, kind: 'sales' as const, mapping: inspection.mapping };
  const preview = await h.call(session, 'imports.preview', request);
  const result = await h.call(session, 'imports.run', { ...request, ...options });
  return { inspection, preview, result };
}

async function summariesEqual(): Promise<void> {
  expect(await h.call('owner', 'sales.check', {})).toEqual({ ok: true, differences: [] });
}

function gbkFile(rows: Table): FixtureFile {
  return { name: '销售.csv', bytes: csvGbk([HEADER, ...rows]) };
}

describe('sales import', () => {
  it('groups the lines of a receipt into one sale, finds customers by code and by name, reads money exactly; undo takes the sales away', async () => {
    const file = gbkFile([
      ['2026/11/3', 'R001', codeA, '', '西湖龙井', '1.5', '￥1,280.50', '0', 'CNY', '老客户'],
      ['2026/11/3', 'R001', codeA, '', '紫砂茶具', '2', '99.90', '10', '', ''],
      ['2026年11月5日', '', '', '远方商行', '安装服务', '1', '500', '', '人民币', ''],
    ]);
    const { inspection, preview, result } = await importSales(file);
    // Every header auto-matched.
    expect(inspection.mapping.columns).toMatchObject({ soldOn: 0, receiptNo: 1, customerCode: 2, customerName: 3, product: 4, quantity: 5, unitPrice: 6, discount: 7, currency: 8, notes: 9 });
    expect(preview).toMatchObject({ rows: 3, create: 2, lines: 3, errorCount: 0 });
    expect(result).toMatchObject({ created: 2, lines: 3, errorCount: 0 });
    expect(result.batch).not.toBeNull();

    const { rows } = await h.call('owner', 'sales.list', { limit: 10 });
    expect(rows.map((r) => ({ customerId: r.customerId, soldOn: r.soldOn, totalMinor: r.totalMinor, lineCount: r.lineCount, currency: r.currency }))).toEqual([
      { customerId: idFar, soldOn: '2026-11-05', totalMinor: 50000, lineCount: 1, currency: 'CNY' },
      // 1.5 × 1280.50 = 1920.75; 2 × 99.90 − 10 = 189.80.
      { customerId: idA, soldOn: '2026-11-03', totalMinor: 192075 + 18980, lineCount: 2, currency: 'CNY' },
    ]);
    const sale = await h.call('owner', 'sales.get', { id: rows[1]!.id });
    expect(sale.lines.map((l) => [l.name, l.quantityMilli, l.unitPriceMinor, l.discountMinor, l.amountMinor])).toEqual([
      ['西湖龙井', 1500, 128050, 0, 192075],
      ['紫砂茶具', 2000, 9990, 1000, 18980],
    ]);
    expect(sale.notes).toBe('老客户');
    await summariesEqual();

    const batches = await h.call('owner', 'imports.list', {});
    expect(batches.rows[0]).toMatchObject({ kind: 'sales', created: 2, undoable: true });
    expect(await h.call('owner', 'imports.undo', { batch: result.batch! })).toEqual({ removed: 2, restored: 0 });
    expect((await h.call('owner', 'sales.count', {})).count).toBe(0);
    await summariesEqual();
    // The customers stay: only the sales go.
    expect((await h.call('owner', 'customers.get', { id: idA })).name).toBe('北京零壹科技有限公司');
  });

  it('reports row errors by the file row number and field; a receipt with a refused line is refused whole; abort writes nothing', async () => {
    const rows: Table = [
      ['2026-11-01', 'R9', codeA, '', '好的一行', '1', '10', '', '', ''], // row 2: refused with its receipt's other line
      ['2026-11-01', 'R9', codeA, '', '坏的一行', '1.38E+10', '10', '', '', ''], // row 3: scientific
      [], // row 4: blank
      ['2026-11-02', '', 'C999999', '', '咖啡', '1', '10', '', '', ''], // row 5: no such code
      ['2026-11-02', '', '', '同名商行', '咖啡', '1', '10', '', '', ''], // row 6: two customers by that name
      ['2026-11-02', '', '', '没有这家', '咖啡', '1', '10', '', '', ''], // row 7: no such name
      ['2026/2/30', '', codeA, '', '咖啡', '1', '10', '', '', ''], // row 8: no such day
      ['2026-11-02', '', codeA, '', '咖啡', '1', '12.345', '', '', ''], // row 9: past the fen
      ['2026-11-02', '', codeA, '', '咖啡', '1', '10', '11', '', ''], // row 10: discount past the amount
      ['2026-11-02', '', codeA, '', '咖啡', '1', '10', '', 'XYZ', ''], // row 11: unknown currency
      ['2026-11-02', '', codeA, '', '', '1', '10', '', '', ''], // row 12: no product
      ['2026-11-02', '', codeA, '', '好咖啡', '2.5', '10', '', 'JPY', ''], // row 13: fine (JPY has no minor unit)
    ];
    const file = gbkFile(rows);
    const before = await h.call('owner', 'sales.count', {});
    const aborted = await importSales(file, { onError: 'abort' });
    expect(aborted.result).toMatchObject({ created: 0, batch: null, errorCount: 10 });
    expect(await h.call('owner', 'sales.count', {})).toEqual(before);
    const expected = [
      { row: 2, field: 'receiptNo', code: 'invalid' },
      { row: 3, field: 'quantity', code: 'scientific' },
      { row: 5, field: 'customerCode', code: 'customer' },
      { row: 6, field: 'customerName', code: 'ambiguous' },
      { row: 7, field: 'customerName', code: 'customer' },
      { row: 8, field: 'soldOn', code: 'date' },
      { row: 9, field: 'unitPrice', code: 'number' },
      { row: 10, field: 'discount', code: 'amount' },
      { row: 11, field: 'currency', code: 'currency' },
      { row: 12, field: 'product', code: 'required' },
    ];
    expect(aborted.preview.errors.map(({ row, field, code }) => ({ row, field, code }))).toEqual(expected);
    expect(aborted.preview).toMatchObject({ rows: 11, create: 1, lines: 1, errorCount: 10 });

    const { result } = await importSales(file);
    expect(result).toMatchObject({ created: 1, lines: 1, errorCount: 10 });
    expect(result.rejected).not.toBeNull();
    const only = (await h.call('owner', 'sales.list', { limit: 10 })).rows;
    expect(only.map((r) => [r.currency, r.totalMinor])).toEqual([['JPY', 25]]);
    await summariesEqual();
  });

  it('reads a workbook’s numbers and dates from their raw values', async () => {
    const table: Cell[][] = [
      ['Date', 'Receipt no.', 'Customer code', 'Customer', 'Product', 'Quantity', 'Unit price', 'Discount', 'Currency', 'Notes'],
      [new Date(Date.UTC(2026, 10, 30)), 'A-1', codeA, null, 'Green tea', 0.125, 19.99, null, 'CNY', null],
      [new Date(Date.UTC(2026, 10, 30)), 'A-1', codeA, null, 'Teapot', 3, 0.1, 0.05, 'CNY', null],
    ];
    const { result } = await importSales({ name: 'sales.xlsx', bytes: xlsx(table) });
    expect(result).toMatchObject({ created: 1, lines: 2, errorCount: 0 });
    const [row] = (await h.call('owner', 'sales.list', { limit: 10 })).rows;
    const sale = await h.call('owner', 'sales.get', { id: row!.id });
    expect(sale.soldOn).toBe('2026-11-30');
    expect(sale.lines.map((l) => [l.quantityMilli, l.unitPriceMinor, l.discountMinor, l.amountMinor])).toEqual([
      [125, 1999, 0, 250],
      [3000, 10, 5, 25],
    ]);
    await summariesEqual();
  });

  it('refuses undo once a sale of the batch was edited or deleted since', async () => {
    const file = gbkFile([
      ['2026-11-01', '', codeA, '', '咖啡', '1', '10', '', '', ''],
      ['2026-11-02', '', codeA, '', '红茶', '2', '20', '', '', ''],
    ]);
    const { result } = await importSales(file);
    const [newest, oldest] = (await h.call('owner', 'sales.list', { limit: 10 })).rows;
    const full = await h.call('owner', 'sales.get', { id: newest!.id });
    await h.call('owner', 'sales.update', {
      id: full.id,
      version: full.version,
      customerId: full.customerId,
      soldOn: full.soldOn,
      currency: full.currency,
      notes: '改过',
      lines: full.lines.map(({ name, quantityMilli, unitPriceMinor, discountMinor }) => ({ name, quantityMilli, unitPriceMinor, discountMinor })),
    });
    const error = await h.failure('owner', 'imports.undo', { batch: result.batch! }, 'CONFLICT');
    expect(error.details).toMatchObject({ reason: 'editedSince', customers: [{ id: idA, name: '北京零壹科技有限公司' }] });
    expect((await h.call('owner', 'sales.count', {})).count).toBe(2);

    const second = await importSales(gbkFile([['2026-11-03', '', codeA, '', '绿茶', '1', '5', '', '', '']]));
    const [third] = (await h.call('owner', 'sales.list', { limit: 1 })).rows;
    await h.call('owner', 'sales.delete', { id: third!.id });
    await h.failure('owner', 'imports.undo', { batch: second.result.batch! }, 'CONFLICT');
    expect(oldest).toBeDefined();
    await summariesEqual();
  });

  it('is for those who may import', async () => {
    const ref = await stage(gbkFile([['2026-11-01', '', codeA, '', '咖啡', '1', '10', '', '', '']]), 'staff').catch(() => null);
    if (ref) await h.failure('staff', 'imports.inspect', { file: ref, kind: 'sales' }, 'FORBIDDEN');
    const { result } = await importSales(gbkFile([['2026-11-01', '', codeA, '', '咖啡', '1', '10', '', '', '']]), {}, 'manager');
    expect(result.created).toBe(1);
  });
});
