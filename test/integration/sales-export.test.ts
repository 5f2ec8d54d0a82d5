// Export of sales (exports.run entity 'sales'): one row per sale line, in the sales list's order and
// filter; money written exactly from minor units (CSV text with the currency's digits, .xlsx numeric
// cells with its number format) and quantities from thousandths; formula-like text neutralised; the
// caller's scope; audited with the row count; and the file imports back as the same sales.
import * as XLSX from '@e965/xlsx';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExportInput, EXPORT_HEADERS } from '../../shared/api/exports.ts';
import type { Db } from '../../electron/core/db/database.ts';
import type { Job } from '../../electron/core/jobs.ts';
import { readBlob } from '../../electron/core/files/blob-store.ts';
import { runExport } from '../../electron/core/areas/exports/service.ts';
import { accessFor } from '../../electron/core/areas/users/access.ts';
import { downloaded } from './attachments-kit.ts';
import { databaseKeyOf, makeHarness, openDbWithKey, OWNER_PASSWORD, shopWithRoles, userNamed, type Harness } from './harness.ts';

let h: Harness;
let db: Db;
let mine: number;
let other: number;
let staffId: number;
const quietJob: Job = { name: 'export', progress: () => undefined, step: async () => undefined, cancelled: false, othersCalling: false, beyondCancel: () => undefined };

beforeEach(async () => {
  h = makeHarness();
  await shopWithRoles(h);
  staffId = (await userNamed(h, 'staff')).id;
  mine = (await h.call('owner', 'customers.create', { name: '员工的客户', kind: 'company', ownerId: staffId })).id;
  other = (await h.call('owner', 'customers.create', { name: '=HYPERLINK("x")商行', kind: 'company' })).id;
  await h.call('owner', 'sales.create', {
    customerId: other,
    soldOn: '2026-11-03',
    currency: 'CNY',
    notes: '+1 老客户',
    lines: [
      // Near the limits: 900.123 × 99,999,999,999.99 yuan = 90,012,299,999,991.00 yuan (past any float's cents).
      { name: '大单', quantityMilli: 900_123, unitPriceMinor: 9_999_999_999_999, discountMinor: 0 },
    ],
  });
  await h.call('owner', 'sales.create', {
    customerId: mine,
    soldOn: '2026-10-20',
    currency: 'CNY',
    lines: [
      { name: '西湖龙井', quantityMilli: 1500, unitPriceMinor: 128_050, discountMinor: 0 },
      { name: '@紫砂茶具', quantityMilli: 2000, unitPriceMinor: 9990, discountMinor: 1000 },
    ],
  });
  await h.call('owner', 'sales.create', { customerId: mine, soldOn: '2026-09-01', currency: 'JPY', lines: [{ name: '抹茶', quantityMilli: 125, unitPriceMinor: 800 }] });
  db = openDbWithKey(h.dataDir, await databaseKeyOf(h.dataDir, 'boss', OWNER_PASSWORD));
});
afterEach(() => h.cleanup());

async function exported(input: Parameters<typeof ExportInput.parse>[0], session = 'owner') {
  const out = await h.call(session, 'exports.run', ExportInput.parse(input));
  return { bytes: await downloaded(h.core, session, out.download), rows: out.rows };
}

function csvRecords(bytes: Buffer): Record<string, string>[] {
  const [header, ...body] = parse(bytes.toString('utf8').replace(/^\uFEFF/, '')) as string[][];
  return body.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i]!])));
}

describe('sales export', () => {
  it('writes one row per line, newest sale first, money and quantities exact, formula-like text neutralised', async () => {
    const { bytes, rows } = await exported({ entity: 'sales', format: 'csv' });
    expect(rows).toBe(4);
    const got = csvRecords(bytes);
    expect(Object.keys(got[0]!)).toEqual(Object.values(EXPORT_HEADERS.sales).map((w) => w['zh-CN']));
    expect(got.map((r) => [r['销售日期'], r['客户名称'], r['产品/服务'], r['数量'], r['单价'], r['折扣'], r['金额'], r['币种'], r['备注']])).toEqual([
      ['2026-11-03', "'=HYPERLINK(\"x\")商行", '大单', '900.123', '99999999999.99', '0.00', '90012299999991.00', 'CNY', "'+1 老客户"],
      ['2026-10-20', '员工的客户', '西湖龙井', '1.5', '1280.50', '0.00', '1920.75', 'CNY', ''],
      ['2026-10-20', '员工的客户', "'@紫砂茶具", '2', '99.90', '10.00', '189.80', 'CNY', ''],
      ['2026-09-01', '员工的客户', '抹茶', '0.125', '800', '0', '100', 'JPY', ''],
    ]);
    // The two lines of one sale share its receipt number.
    expect(got[1]!['单号']).toBe(got[2]!['单号']);
    expect(got[0]!['单号']).not.toBe(got[1]!['单号']);
    // Audited with the row count.
    const audit = await h.call('owner', 'audit.list', { limit: 5 });
    const entry = audit.rows.find((r) => r.action === 'export.run');
    expect(entry?.changes).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'exportEntity', after: 'sales' }), expect.objectContaining({ field: 'exportRows', after: 4 })]));
  });

  it('writes typed .xlsx cells: money as numbers with the currency’s digits, days as dates', async () => {
    const { bytes } = await exported({ entity: 'sales', format: 'xlsx', language: 'en-US', filter: { currency: 'CNY', month: '2026-10' } });
    const sheet = XLSX.read(bytes, { type: 'buffer', cellDates: false }).Sheets[XLSX.read(bytes, { type: 'buffer' }).SheetNames[0]!]!;
    const header = EXPORT_HEADERS.sales;
    const table = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet, { raw: true });
    expect(table).toHaveLength(2);
    expect(Object.keys(table[0]!)).toContain(header.unitPrice['en-US']);
    expect(table.map((r) => [r['Product'], r['Quantity'], r['Unit price'], r['Discount'], r['Amount']])).toEqual([
      ['西湖龙井', 1.5, 1280.5, 0, 1920.75],
      ['\'@紫砂茶具', 2, 99.9, 10, 189.8],
    ]);
    // G = unit price: a number cell shown in the two-digit money format; A = the day, a date cell.
    expect(sheet['G2']).toMatchObject({ t: 'n', v: 1280.5, w: '1,280.50' });
    expect(sheet['A2']!.t).toBe('n');
    expect(XLSX.SSF.format('yyyy-mm-dd', sheet['A2']!.v as number)).toBe('2026-10-20');
  });

  it("follows the caller's scope and the list's filters", async () => {
    const settings = await h.call('owner', 'settings.get', {});
    const staff = accessFor({ userId: staffId, username: 'staff', role: 'staff' }, { ...settings, staffScope: true });
    const made = await runExport(db, ExportInput.parse({ entity: 'sales', format: 'csv' }), staff, { userId: staffId, username: 'staff' }, h.clock.now, quietJob);
    expect(made.rows).toBe(3);
    const text = Buffer.concat(await (async () => {
      const parts: Buffer[] = [];
      for await (const chunk of readBlob(db, made.blob, 'x.csv')) parts.push(Buffer.from(chunk));
      return parts;
    })());
    expect(csvRecords(text).every((r) => r['客户名称'] === '员工的客户')).toBe(true);
    expect((await exported({ entity: 'sales', format: 'csv', filter: { customerId: other } })).rows).toBe(1);
    expect((await exported({ entity: 'sales', format: 'csv', filter: { q: '龙井' } })).rows).toBe(2);
    await h.failure('staff', 'exports.run', { entity: 'sales', format: 'csv' }, 'FORBIDDEN');
  });

  it('imports back as the same sales (round trip through .xlsx and CSV)', async () => {
    for (const format of ['xlsx', 'csv'] as const) {
      const before = (await h.call('owner', 'sales.list', { limit: 100 })).rows;
      const { bytes } = await exported({ entity: 'sales', format, language: format === 'csv' ? 'zh-CN' : 'en-US' });
      const upload = await h.core.upload('owner', 'import', { name: `sales.${format}`, declaredSize: bytes.length, chunks: (async function* () { yield bytes; })() });
      if (!upload.ok) throw new Error(upload.error.message);
      const file = { upload: upload.value.upload };
      const inspection = await h.call('owner', 'imports.inspect', { file, kind: 'sales' });
      const result = await h.call('owner', 'imports.run', { file, kind: 'sales', mapping: inspection.mapping, onError: 'abort' });
      expect(result).toMatchObject({ created: 3, lines: 4, errorCount: 0 });
      const after = (await h.call('owner', 'sales.list', { limit: 100 })).rows;
      const imported = after.filter((r) => !before.some((b) => b.id === r.id));
      const shape = async (ids: number[]) =>
        (await Promise.all(ids.map((id) => h.call('owner', 'sales.get', { id })))).map((s) => ({
          customerId: s.customerId,
          soldOn: s.soldOn,
          currency: s.currency,
          totalMinor: s.totalMinor,
          notes: s.notes,
          lines: s.lines.map(({ name, quantityMilli, unitPriceMinor, discountMinor, amountMinor }) => ({ name, quantityMilli, unitPriceMinor, discountMinor, amountMinor })),
        }));
      expect(await shape(imported.map((r) => r.id))).toEqual(await shape(before.slice(0, 3).map((r) => r.id)));
      await h.call('owner', 'imports.undo', { batch: result.batch! });
      expect(await h.call('owner', 'sales.check', {})).toEqual({ ok: true, differences: [] });
    }
  });
});
